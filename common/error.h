/* common/error.h: the error value every library fills instead of printing.
 *
 * Libraries never print or exit. A failing function returns a negative
 * status from enum common_status and, when given a non-NULL common_error,
 * records where the problem is (file and line of the user's input when
 * there is one) and what it is. Only cli/ turns this into a message:
 *     mlopskit: FILE:LINE: error: MESSAGE
 * The status doubles as the negated exit code (see docs/mlopskit.1).
 */
#ifndef COMMON_ERROR_H
#define COMMON_ERROR_H

#include <stddef.h>

enum common_status {
	COMMON_OK = 0,
	COMMON_ENEGATIVE = -1, /* a negative answer (drift found, invalid file) */
	COMMON_EUSAGE = -2,    /* the command line is wrong */
	COMMON_EINPUT = -3,    /* the user's input is wrong */
	COMMON_EIO = -4,       /* I/O, memory or system failure */
};

#define COMMON_ERROR_FILE_MAX 1024
#define COMMON_ERROR_MSG_MAX 1024

typedef struct common_error {
	int status;                       /* one of enum common_status */
	char file[COMMON_ERROR_FILE_MAX]; /* "" when no file is involved */
	long line;                        /* 0 when unknown */
	char msg[COMMON_ERROR_MSG_MAX];   /* lowercase, no final period */
} common_error;

/* Clears err (no-op on NULL). */
void common_error_clear(common_error *err);

/* Records status, file (may be NULL), line (0 = unknown) and a printf-style
 * message in err (ignored when err is NULL). Returns status, so a caller can
 * write `return common_error_set(err, COMMON_EINPUT, path, line, "...")`. */
int common_error_set(common_error *err, int status, const char *file,
		     long line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Formats err as "FILE:LINE: error: MSG" (parts omitted when unknown) into
 * buf of size n; used by the command layer and by tests. */
void common_error_format(const common_error *err, char *buf, size_t n);

/* Maps a status to the documented process exit code (0..4). */
int common_status_exit_code(int status);

#endif
