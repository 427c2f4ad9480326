/* common/num.c: strict number parsing (no atoi: errors must name the field). */
#include "common/num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

/* Skips trailing blanks; true when nothing else follows. */
static int only_blanks(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return *p == '\0';
}

static int is_empty(const char *text)
{
	return !text || only_blanks(text);
}

int common_parse_double(const char *text, const char *field, double min,
			double max, double *out, const char *file, long line,
			common_error *err)
{
	if (is_empty(text))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is empty; expected a number",
					field);
	/* decimal only: strtod also reads hexadecimal ("0x10" is 16), which
	 * nobody means in a scenario, a questionnaire or an option */
	if (strpbrk(text, "xX"))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is not a number: '%s'", field,
					text);
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (end == text || !only_blanks(end))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is not a number: '%s'", field,
					text);
	if (isnan(v) || isinf(v) || errno == ERANGE)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is not a finite number: '%s'",
					field, text);
	if (v < min || v > max)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is %g, outside [%g, %g]", field,
					v, min, max);
	*out = v;
	return COMMON_OK;
}

int common_parse_long(const char *text, const char *field, long min, long max,
		      long *out, const char *file, long line,
		      common_error *err)
{
	if (is_empty(text))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is empty; expected an integer",
					field);
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (end == text || !only_blanks(end))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is not an integer: '%s'", field,
					text);
	if (errno == ERANGE || v < min || v > max)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is %s, outside [%ld, %ld]", field,
					text, min, max);
	*out = v;
	return COMMON_OK;
}

int common_parse_u64(const char *text, const char *field,
		     unsigned long long *out, const char *file, long line,
		     common_error *err)
{
	if (is_empty(text))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is empty; expected an integer",
					field);
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is not a non-negative integer: '%s'",
					field, text);
	char *end;
	errno = 0;
	unsigned long long v = strtoull(p, &end, 10);
	if (!only_blanks(end))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is not a non-negative integer: '%s'",
					field, text);
	if (errno == ERANGE)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is too large: '%s' (at most %llu)",
					field, text, 18446744073709551615ULL);
	*out = v;
	return COMMON_OK;
}
