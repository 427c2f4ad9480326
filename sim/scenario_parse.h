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

/* Sorts sc->drifts by start (ties in document order, i.e. by line) and
 * recomputes ngradual, nwalks, mix ranks and walk indices; used after a
 * what-if parameter changed a drift's pattern or start. */
void sim_scenario_rank_drifts(sim_scenario *sc);

/* Builds the scenario of a parsed document without its variants. maturity
 * 0 uses the file's <maturity> (if any); 1..3 replaces it (a variant's
 * "maturity" set): the preset, then the file's explicit lifecycle elements.
 * *out is the caller's (sim_scenario_free). */
int sim_scenario_build(xmlDocPtr doc, const char *file, int maturity,
		       sim_scenario **out, common_error *err);

/* Reads the lifecycle elements of root into sc->life (after the defaults)
 * and <compare>; needs sc->steps. maturity as for sim_scenario_build. */
int sim_scenario_parse_life(xmlNodePtr root, const char *file, int maturity,
			    sim_scenario *sc, common_error *err);

/* Sets sc->retrain and sc->retrain_every from sc->life.retrain.every. */
void sim_scenario_sync_retrain(sim_scenario *sc);

/* Reads <variants> of the document (root) into base->variants, each
 * resolved from the document with sim_scenario_build and its sets. */
int sim_scenario_parse_variants(xmlDocPtr doc, const char *file,
				sim_scenario *base, common_error *err);

/* A plain numeric lifecycle field settable both from an attribute of
 * <operations>/<costs> and by sim_param_set ("ops.NAME", "costs.NAME"). */
typedef struct sim_life_field {
	const char *attr; /* attribute name; NULL ends a table */
	size_t offset;    /* of a double (or long when is_long) in sim_lifecycle */
	int is_long;
	double min, max;  /* accepted range */
	int positive;     /* 1: must also be > min */
} sim_life_field;

extern const sim_life_field sim_ops_fields[];
extern const sim_life_field sim_cost_fields[];

/* Parses text into field f of lc, the value named `field` in messages. */
int sim_life_field_parse(sim_lifecycle *lc, const sim_life_field *f,
			 const char *text, const char *field,
			 const char *file, long line, common_error *err);

/* Index of text in names[0..n-1], or -1. */
int sim_keyword(const char *text, const char *const *names, int n);

#endif
