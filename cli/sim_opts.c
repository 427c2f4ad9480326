/* cli/sim_opts.c: see sim_opts.h. */
#include "cli/sim_opts.h"

#include <string.h>

#include "cli/cli.h"

int cli_sim_opt(const char *cmd, int c, const char *arg, sim_options *so)
{
	long v;
	switch (c) {
	case 'n':
		if (cli_opt_long(cmd, "--runs", arg, 1, SIM_MAX_RUNS, &v))
			return -CLI_USAGE;
		so->runs = v;
		return 1;
	case 's':
		if (cli_opt_u64(cmd, "--seed", arg, &so->seed))
			return -CLI_USAGE;
		so->has_seed = 1;
		return 1;
	case 'j':
		if (cli_opt_long(cmd, "--threads", arg, 1, 1024, &v))
			return -CLI_USAGE;
		so->threads = (int)v;
		return 1;
	case 'e':
		if (!strcmp(arg, "auto"))
			so->engine = SIM_ENGINE_AUTO;
		else if (!strcmp(arg, "request"))
			so->engine = SIM_ENGINE_REQUEST;
		else if (!strcmp(arg, "aggregate"))
			so->engine = SIM_ENGINE_AGGREGATE;
		else {
			cli_usage_error(cmd, "--engine must be 'auto', "
					"'request' or 'aggregate', not '%s'", arg);
			return -CLI_USAGE;
		}
		return 1;
	default:
		return 0;
	}
}
