/* cli/main.c: `mlopskit <command>`: dispatch through the command table,
 * global options, signal safety for output files. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"

const char cli_version[] = "0.1.0";

static void usage(FILE *fp)
{
	fprintf(fp, "usage: mlopskit <command> [options] [args]\n"
		    "       mlopskit --help | --version\n\n"
		    "Simulate an ML model's life in production and score MLOps "
		    "maturity.\n\ncommands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fprintf(fp, "\n'mlopskit <command> --help' describes a command.\n"
		    "exit codes: 0 ok, 1 negative answer (invalid file, drift "
		    "found), 2 usage, 3 bad input, 4 I/O or system error\n");
}

/* Output files are written to temporaries and renamed when complete; on
 * SIGINT/SIGTERM the temporaries go, then the default action runs. */
static void on_signal(int sig)
{
	common_outfile_unlink_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Output that never reached stdout (a full disk, a closed pipe) is an I/O
 * error whatever the command answered: a verdict (exit 1) or a help text
 * the user did not get must not look delivered. ferror catches a failure
 * of an earlier implicit flush, fflush the last buffer. */
static int finish(int rc)
{
	if ((fflush(stdout) != 0 || ferror(stdout)) &&
	    (rc == CLI_OK || rc == CLI_NEGATIVE)) {
		fprintf(stderr, "mlopskit: error: cannot write to standard output\n");
		rc = CLI_IO;
	}
	return rc;
}

static const struct cli_command *find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
		usage(stdout);
		return finish(CLI_OK);
	}
	if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("mlopskit %s\n", cli_version);
		return finish(CLI_OK);
	}
	if (!strcmp(name, "help")) {
		if (argc < 3) {
			usage(stdout);
			return finish(CLI_OK);
		}
		const struct cli_command *c = find(argv[2]);
		if (!c) {
			fprintf(stderr, "mlopskit: '%s' is not a command; see "
					"'mlopskit --help'\n", argv[2]);
			return CLI_USAGE;
		}
		char *hargv[] = {argv[2], (char *)"--help", NULL};
		return finish(c->fn(2, hargv));
	}
	const struct cli_command *c = find(name);
	if (!c) {
		fprintf(stderr, "mlopskit: '%s' is not a command; see "
				"'mlopskit --help'\n", name);
		return CLI_USAGE;
	}
	gsl_set_error_handler_off();
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	int rc = c->fn(argc - 1, argv + 1);
	common_xml_cleanup();
	return finish(rc);
}
