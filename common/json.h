/* common/json.h: JSON in and out with jansson.
 *
 * Output is deterministic: keys in insertion order, 2-space indent, reals
 * printed with 17 significant digits (round-trips doubles), so identical
 * results give byte-identical files. Non-finite reals are written as null
 * (JSON has no NaN). */
#ifndef COMMON_JSON_H
#define COMMON_JSON_H

#include <stdio.h>
#include <jansson.h>

#include "common/error.h"

/* json_dumpf flags used for every file mlopskit writes. */
#define COMMON_JSON_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(17))

/* A real, or JSON null when x is NaN or infinite. New reference. */
json_t *common_json_real(double x);

/* Writes v to path atomically ("-" = stdout), followed by a newline. Does
 * not steal v. */
int common_json_write_file(const json_t *v, const char *path,
			   common_error *err);
/* Writes v to an open stream followed by a newline. */
int common_json_write_stream(const json_t *v, FILE *fp, const char *name,
			     common_error *err);

/* Member key of object o (o may be NULL): its number, or NaN when absent
 * or of another type (null included); its string (borrowed), or NULL. */
double common_json_num(const json_t *o, const char *key);
const char *common_json_str(const json_t *o, const char *key);

/* Loads path; errors carry jansson's line. Caller owns *out (json_decref). */
int common_json_load_file(const char *path, json_t **out, common_error *err);

#endif
