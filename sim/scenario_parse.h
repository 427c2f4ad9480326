/* sim/scenario_parse.h: helpers shared by the scenario loader's files
 * (internal to libsim). Every helper returns 0 or a negative status with err
 * filled, naming the field and the node's line in file. */
#ifndef SIM_SCENARIO_PARSE_H
#define SIM_SCENARIO_PARSE_H

#include <libxml/tree.h>

#include "common/error.h"
#include "sim/scenario.h"

/* Parses a whitespace-separated list of numbers in [min, max] (text may be
 * NULL or blank: *n = 0, *out = NULL). Items are named "field[i]", i from 1.
 * *out is malloc'd (caller frees). At most max_n items. */
int sim_parse_doubles(const char *text, const char *field, double min,
		      double max, int max_n, double **out, int *n,
		      const char *file, long line, common_error *err);

/* Same for integers in [min, max]. */
int sim_parse_ints(const char *text, const char *field, long min, long max,
		   int max_n, int **out, int *n, const char *file, long line,
		   common_error *err);

/* Reads <drifts> (may be NULL) into sc->drifts, sorted by start, with
 * mix ranks and walk indices assigned. Needs sc->d and sc->steps. */
int sim_scenario_parse_drifts(xmlNodePtr drifts, const char *file,
			      sim_scenario *sc, common_error *err);

/* Frees the changes of one drift (not the drift itself). */
void sim_drift_release(sim_drift *dr);

#endif
