/* common/error.c: filling and formatting common_error. */
#include "common/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/banned.h"

void common_error_clear(common_error *err)
{
	if (!err)
		return;
	err->status = COMMON_OK;
	err->file[0] = '\0';
	err->line = 0;
	err->msg[0] = '\0';
}

int common_error_set(common_error *err, int status, const char *file,
		     long line, const char *fmt, ...)
{
	if (!err)
		return status;
	err->status = status;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line > 0 ? line : 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return status;
}

void common_error_format(const common_error *err, char *buf, size_t n)
{
	if (!n)
		return;
	if (err->file[0] && err->line > 0)
		snprintf(buf, n, "%s:%ld: error: %s", err->file, err->line,
			 err->msg);
	else if (err->file[0])
		snprintf(buf, n, "%s: error: %s", err->file, err->msg);
	else
		snprintf(buf, n, "error: %s", err->msg);
}

int common_status_exit_code(int status)
{
	switch (status) {
	case COMMON_OK:
		return 0;
	case COMMON_ENEGATIVE:
		return 1;
	case COMMON_EUSAGE:
		return 2;
	case COMMON_EINPUT:
		return 3;
	default:
		return 4;
	}
}
