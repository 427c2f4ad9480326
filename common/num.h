/* common/num.h: strict number parsing with range checks that name the field.
 *
 * Every number a user can type goes through these: the whole string must be
 * a number (leading/trailing blanks allowed), NaN and infinities are refused,
 * and the value must lie in [min, max]. On failure the error names the field
 * and the accepted range, at file:line when given (file may be NULL). */
#ifndef COMMON_NUM_H
#define COMMON_NUM_H

#include "common/error.h"

int common_parse_double(const char *text, const char *field, double min,
			double max, double *out, const char *file, long line,
			common_error *err);

int common_parse_long(const char *text, const char *field, long min, long max,
		      long *out, const char *file, long line,
		      common_error *err);

/* Unsigned 64-bit (seeds): decimal only, no sign. */
int common_parse_u64(const char *text, const char *field,
		     unsigned long long *out, const char *file, long line,
		     common_error *err);

#endif
