/* common/outfile.h: atomic file output.
 *
 * Output is written to a temporary file in the destination's directory and
 * renamed over the destination only when everything succeeded, so a failure
 * (full disk, crash, SIGINT) never leaves a partial file nor clobbers the
 * previous one. Temporary names are registered so the command layer's signal
 * handler can remove them (common_outfile_unlink_all is async-signal-safe).
 *
 * Ownership: common_outfile_open returns a handle the caller must pass to
 * exactly one of common_outfile_commit or common_outfile_abort, which free it. */
#ifndef COMMON_OUTFILE_H
#define COMMON_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "common/error.h"

typedef struct common_outfile common_outfile;

/* Opens a temporary file beside path. "-" means stdout (no atomicity). */
int common_outfile_open(const char *path, common_outfile **out,
			common_error *err);
/* The stream to write to (borrowed). */
FILE *common_outfile_stream(common_outfile *f);
/* Flushes, checks every write succeeded, syncs and renames into place. On
 * failure the temporary file is removed and the destination is untouched.
 * Frees f in every case. */
int common_outfile_commit(common_outfile *f, common_error *err);
/* Removes the temporary file and frees f; no-op on NULL. */
void common_outfile_abort(common_outfile *f);

/* Writes len bytes to path atomically. */
int common_write_file_atomic(const char *path, const void *data, size_t len,
			     common_error *err);

/* Creates directory dir if it does not exist (one level, mode 0777 & umask);
 * fails with COMMON_EIO if its parent is missing or it is not a directory. */
int common_ensure_dir(const char *dir, common_error *err);

/* Joins dir and name into a malloc'd path (caller frees). */
char *common_path_join(const char *dir, const char *name);

/* Removes every registered temporary file; safe in a signal handler. */
void common_outfile_unlink_all(void);

#endif
