/* sim/scenario.c: freeing a scenario and naming its enum values. */
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/scenario.h"
#include "sim/scenario_parse.h"

void sim_scenario_free(sim_scenario *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < sc->ndrifts; i++)
		sim_drift_release(&sc->drifts[i]);
	free(sc->drifts);
	for (int i = 0; i < sc->nvariants; i++) {
		free(sc->variants[i].name);
		sim_scenario_free(sc->variants[i].sc);
	}
	free(sc->variants);
	for (int i = 0; i < sc->nplan; i++)
		free(sc->plan[i].what);
	free(sc->plan);
	for (int i = 0; i < sc->nlessons; i++) {
		free(sc->lessons[i].lang);
		free(sc->lessons[i].text);
	}
	free(sc->source);
	free(sc->name);
	free(sc->title);
	free(sc->description);
	free(sc->mu0);
	free(sc->sigma0);
	free(sc->beta);
	free(sc);
}

const char *sim_scenario_lesson(const sim_scenario *sc, const char *lang)
{
	for (int i = 0; i < sc->nlessons; i++)
		if (sc->lessons[i].lang && strcmp(sc->lessons[i].lang, lang) == 0)
			return sc->lessons[i].text;
	return NULL;
}

const char *sim_step_unit_name(sim_step_unit u)
{
	switch (u) {
	case SIM_UNIT_MINUTE: return "minute";
	case SIM_UNIT_HOUR: return "hour";
	case SIM_UNIT_DAY: return "day";
	case SIM_UNIT_WEEK: return "week";
	case SIM_UNIT_MONTH: return "month";
	}
	return "?";
}

const char *sim_pattern_name(sim_pattern p)
{
	switch (p) {
	case SIM_PATTERN_SUDDEN: return "sudden";
	case SIM_PATTERN_GRADUAL: return "gradual";
	case SIM_PATTERN_INCREMENTAL: return "incremental";
	case SIM_PATTERN_RECURRING: return "recurring";
	case SIM_PATTERN_SEASONAL: return "seasonal";
	case SIM_PATTERN_RANDOM_WALK: return "random-walk";
	}
	return "?";
}

const char *sim_change_kind_name(sim_change_kind k)
{
	switch (k) {
	case SIM_CHANGE_COVARIATE: return "covariate";
	case SIM_CHANGE_CONCEPT: return "concept";
	case SIM_CHANGE_PRIOR: return "prior";
	}
	return "?";
}

const char *sim_retrain_kind_name(sim_retrain_kind k)
{
	switch (k) {
	case SIM_RETRAIN_NONE: return "none";
	case SIM_RETRAIN_PERIODIC: return "periodic";
	}
	return "?";
}
