/* cli/sim_opts.h: the Monte Carlo options `sim` and `assess --scenario`
 * share (--runs, --seed, --threads, --engine), parsed one way. */
#ifndef CLI_SIM_OPTS_H
#define CLI_SIM_OPTS_H

#include "sim/sim.h"

/* When getopt's c is 'n', 's', 'j' or 'e', parses arg into so (errors are
 * usage errors of command cmd, already printed) and returns 1 (ok) or
 * -CLI_USAGE; returns 0 for any other option. */
int cli_sim_opt(const char *cmd, int c, const char *arg, sim_options *so);

#endif
