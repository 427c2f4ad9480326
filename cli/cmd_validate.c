/* cli/cmd_validate.c: `mlopskit validate FILE.xml...`: checks any mlopskit
 * document against the schema its root namespace names. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"

CLI_COMMAND(validate);

const char cmd_validate_summary[] =
	"check XML files (scenario, model, responses, plan) against their schema";

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: mlopskit validate [--quiet] FILE.xml...\n\n"
		"Checks each file against the schema of its format, found by the\n"
		"root element's namespace (urn:mlopskit:scenario:1,\n"
		"urn:mlopskit:model:1, urn:mlopskit:responses:1, urn:mlopskit:plan:1).\n"
		"Prints 'FILE: valid (FORMAT)' for each good file and an error for\n"
		"each bad one.\n\n"
		"  -q, --quiet   print errors only\n"
		"  -h, --help    show this help\n\n"
		"exit: 0 all valid, 1 some file invalid, 2 usage, 4 a file unreadable\n");
}

int cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int quiet = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return CLI_OK;
		default:
			return cli_usage_error("validate", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("validate", "no file given");
	int rc = CLI_OK;
	for (int i = optind; i < argc; i++) {
		common_error err;
		common_error_clear(&err);
		xmlDocPtr doc;
		int st = common_xml_load_file(argv[i], NULL, &doc, &err);
		if (st) {
			cli_report_error(&err);
			int code = st == COMMON_EINPUT ? CLI_NEGATIVE : CLI_IO;
			if (code > rc)
				rc = code;
			continue;
		}
		xmlNodePtr root = xmlDocGetRootElement(doc);
		const common_xml_format *f =
			common_xml_format_by_ns((const char *)root->ns->href);
		if (!quiet)
			printf("%s: valid (%s)\n", argv[i], f->name);
		xmlFreeDoc(doc);
	}
	return rc;
}
