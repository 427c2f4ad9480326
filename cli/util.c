/* cli/util.c: messages and option parsing shared by the commands. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_report_error(const common_error *err)
{
	char buf[COMMON_ERROR_FILE_MAX + COMMON_ERROR_MSG_MAX + 32];
	common_error_format(err, buf, sizeof buf);
	fprintf(stderr, "mlopskit: %s\n", buf);
	return common_status_exit_code(err->status ? err->status : COMMON_EIO);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "mlopskit: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry 'mlopskit %s --help'\n", cmd);
	return CLI_USAGE;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "mlopskit: warning: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_opt_long(const char *cmd, const char *opt, const char *text, long min,
		 long max, long *out)
{
	common_error err;
	common_error_clear(&err);
	if (common_parse_long(text, opt, min, max, out, NULL, 0, &err))
		return cli_usage_error(cmd, "%s", err.msg);
	return 0;
}

int cli_opt_u64(const char *cmd, const char *opt, const char *text,
		unsigned long long *out)
{
	common_error err;
	common_error_clear(&err);
	if (common_parse_u64(text, opt, out, NULL, 0, &err))
		return cli_usage_error(cmd, "%s", err.msg);
	return 0;
}

int cli_stderr_is_tty(void)
{
	return isatty(STDERR_FILENO);
}
