/* cli/bridge.h: assessment meets simulation (issue 9): what each of a
 * team's next steps is worth in a scenario.
 *
 * The bridge lives in the command layer because it joins the two
 * libraries, and libsim and libassess do not know each other
 * (docs/architecture.md, "The bridge"): libassess reads the model's
 * <simulation> mapping and plans the variants as parameter strings
 * (assess/simmap.h); libsim applies strings to a scenario
 * (sim/scenario_variant_add.h) and runs the variants paired; this file
 * checks the mapping against the scenario, replaces the scenario's
 * variants with the plan's, and reads the paired differences back.
 *
 * Ownership: cli_bridge_prepare's *out is the caller's (cli_bridge_free);
 * it borrows nothing from its arguments. JSON is a new reference. */
#ifndef CLI_BRIDGE_H
#define CLI_BRIDGE_H

#include <stdio.h>

#include <jansson.h>

#include "common/error.h"
#include "sim/sim.h"

typedef struct cli_bridge cli_bridge;

/* Scores the responses in team_file against model (a built-in id, a
 * FILE.xml, or NULL: the built-in model the responses name), reads the
 * model's simulation mapping, checks every <set> of it on a copy of sc
 * (errors at the model's line), and replaces sc's variants with the plan:
 * as-is, one per simulated next-best action, the top three together.
 * COMMON_EINPUT when the model has no mapping. */
int cli_bridge_prepare(sim_scenario *sc, const char *team_file,
		       const char *model, cli_bridge **out,
		       common_error *err);
/* How many variants the scenario file declared (replaced by the plan). */
int cli_bridge_dropped_variants(const cli_bridge *b);
/* The "bridge" object of the sim-result JSON (docs/formats.md). r must be
 * the run of the scenario cli_bridge_prepare prepared. NULL when memory
 * runs out. */
json_t *cli_bridge_json(const cli_bridge *b, const sim_result *r);
/* Sets js["bridge"] to cli_bridge_json(b, r): how `sim --team` extends
 * the sim-result JSON and `assess --scenario` the assessment JSON (the
 * same object in both). COMMON_EIO when memory runs out. */
int cli_bridge_attach(json_t *js, const cli_bridge *b, const sim_result *r,
		      common_error *err);
/* The ranked actions as text. */
void cli_bridge_print(const cli_bridge *b, const sim_result *r, FILE *fp);
void cli_bridge_free(cli_bridge *b);

#endif
