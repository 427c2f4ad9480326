/* sim/scenario_variant_add.h: what-if variants built by a program rather
 * than read from a file's <variants> (the assessment bridge, issue 9).
 *
 * A scenario loaded from a file can be given variants afterwards: each is a
 * deep copy of the base scenario (without its variants) with a list of
 * what-if parameters applied through sim_param_set, the registry the
 * loader's <set> and <sweep> use (docs/format-scenario.md, "Settable
 * parameters"). Variants built this way share the base's data process and
 * seed, so sim_run pairs them on the same data streams like file variants.
 *
 * Ownership: sim_scenario_clone's *out is the caller's (sim_scenario_free);
 * variants added to base are owned by base. Parameter strings are borrowed
 * for the duration of the call. */
#ifndef SIM_SCENARIO_VARIANT_ADD_H
#define SIM_SCENARIO_VARIANT_ADD_H

#include "common/error.h"
#include "sim/scenario.h"

/* A deep copy of sc without its variants (nvariants 0). Returns 0, or
 * COMMON_EIO when memory runs out (*out NULL). */
int sim_scenario_clone(const sim_scenario *sc, sim_scenario **out,
		       common_error *err);

/* Appends a variant named name to base: a copy of base with params[i] set
 * to values[i] for i in 0..n-1. A "maturity" set is applied first, as the
 * loader does, but as a bare preset (no file to re-read the explicit
 * lifecycle elements from: sim_param_set's contract); the others follow in
 * order. A parameter given twice, an unknown name or a bad value is
 * COMMON_EINPUT naming base->source and the parameter (line 0); more than
 * SIM_MAX_VARIANTS variants is COMMON_EINPUT. On error base is unchanged. */
int sim_scenario_add_variant(sim_scenario *base, const char *name,
			     const char *const *params,
			     const char *const *values, int n,
			     common_error *err);

/* Frees base's variants (the file's or added ones); base then runs itself. */
void sim_scenario_drop_variants(sim_scenario *base);

#endif
