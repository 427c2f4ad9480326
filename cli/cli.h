/* cli/cli.h: the command layer, the only code that talks to the user.
 *
 * Each command lives in cli/cmd_<name>.c and defines
 *     int cmd_<name>(int argc, char **argv);   argv[0] is "<name>"
 *     const char cmd_<name>_summary[];         one line for `mlopskit --help`
 * tools/gen_cmdtable.sh builds cli_commands[] from those files.
 * A command returns the process exit code (enum cli_exit). */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>

#include "common/common.h"

enum cli_exit {
	CLI_OK = 0,       /* success */
	CLI_NEGATIVE = 1, /* a negative answer: invalid file, drift found */
	CLI_USAGE = 2,    /* bad command line */
	CLI_INPUT = 3,    /* bad input file or value */
	CLI_IO = 4,       /* I/O or system error */
};

/* Declares a command's entry points; put `CLI_COMMAND(name);` at the top
 * of cli/cmd_<name>.c (it also satisfies -Wmissing-prototypes). */
#define CLI_COMMAND(name)                               \
	int cmd_##name(int argc, char **argv);          \
	extern const char cmd_##name##_summary[]

struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};
extern const struct cli_command cli_commands[];

/* Prints "mlopskit: FILE:LINE: error: MSG" for err on stderr and returns
 * the exit code for its status. */
int cli_report_error(const common_error *err);

/* Prints "mlopskit: CMD: MSG" and "try 'mlopskit CMD --help'" on stderr;
 * returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints "mlopskit: warning: MSG" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Common option parsing: strict numbers for options, naming the option.
 * Return 0 or CLI_USAGE after printing the error. */
int cli_opt_long(const char *cmd, const char *opt, const char *text, long min,
		 long max, long *out);
int cli_opt_u64(const char *cmd, const char *opt, const char *text,
		unsigned long long *out);

/* True when stderr is a terminal (progress output is shown only then). */
int cli_stderr_is_tty(void);

/* The version string, e.g. "0.1.0". */
extern const char cli_version[];

#endif
