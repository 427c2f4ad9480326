/* sim/plan.c: roadmap files and their lifecycle snapshots (plan.h). */
#include "sim/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/scenario_parse.h"

#define PLAN_NS "urn:mlopskit:plan:1"
#define PLAN_MAX_CHANGES 1000

int sim_plan_param_ok(const char *param)
{
	static const char *const exact[] = {"maturity", "deployment"};
	static const char *const prefix[] = {"retrain.", "monitoring.", "ops.",
					     "costs."};
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strcmp(param, exact[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
		if (strncmp(param, prefix[i], strlen(prefix[i])) == 0)
			return 1;
	return 0;
}

static int by_step(const void *a, const void *b)
{
	const sim_plan_change *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	/* stable: equal steps keep file order (line, then address) */
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Appends "param=value" to a growing description. */
static char *describe(char *old, const char *param, const char *value)
{
	size_t a = old ? strlen(old) : 0;
	size_t b = strlen(param) + strlen(value) + 3;
	char *s = realloc(old, a + b + 1);
	if (!s) {
		free(old);
		return NULL;
	}
	snprintf(s + a, b + 1, "%s%s=%s", a ? ", " : "", param, value);
	return s;
}

int sim_plan_apply(sim_scenario *sc, const sim_plan_change *changes, int n,
		   const char *file, common_error *err)
{
	sim_plan_change *c = malloc((size_t)(n > 0 ? n : 1) * sizeof *c);
	sim_plan_step *steps = calloc((size_t)(n > 0 ? n : 1), sizeof *steps);
	if (!c || !steps) {
		free(c);
		free(steps);
		return common_error_set(err, COMMON_EIO, file, 0,
					"out of memory");
	}
	memcpy(c, changes, (size_t)n * sizeof *c);
	qsort(c, (size_t)n, sizeof *c, by_step);
	/* sim_param_set works on the scenario: apply each change to it in
	 * step order, snapshot the lifecycle after each step's changes, and
	 * restore the scenario's own lifecycle at the end */
	sim_lifecycle base = sc->life;
	int ns = 0, st = COMMON_OK;
	for (int i = 0; i < n && !st; i++) {
		if (c[i].at < 1 || c[i].at >= sc->steps) {
			st = common_error_set(err, COMMON_EINPUT, file, c[i].line,
					      "'change/@at' is %ld, outside [1, %ld]",
					      c[i].at, sc->steps - 1);
			break;
		}
		if (!sim_plan_param_ok(c[i].param)) {
			st = common_error_set(err, COMMON_EINPUT, file, c[i].line,
					      "parameter '%s' cannot change during a run "
					      "(only maturity, deployment, retrain.*, "
					      "monitoring.*, ops.*, costs.*)",
					      c[i].param);
			break;
		}
		st = sim_param_set(sc, c[i].param, c[i].value, file, c[i].line,
				   err);
		if (st)
			break;
		if (ns == 0 || steps[ns - 1].at != c[i].at) {
			steps[ns].at = c[i].at;
			ns++;
		}
		steps[ns - 1].life = sc->life;
		steps[ns - 1].what = describe(steps[ns - 1].what, c[i].param,
					      c[i].value);
		if (!steps[ns - 1].what)
			st = common_error_set(err, COMMON_EIO, file, 0,
					      "out of memory");
	}
	sc->life = base;
	sim_scenario_sync_retrain(sc);
	free(c);
	if (st) {
		for (int i = 0; i < ns; i++)
			free(steps[i].what);
		free(steps);
		return st;
	}
	for (int i = 0; i < sc->nplan; i++)
		free(sc->plan[i].what);
	free(sc->plan);
	sc->plan = steps;
	sc->nplan = ns;
	return COMMON_OK;
}

int sim_plan_load_file(const char *path, sim_scenario *sc, common_error *err)
{
	xmlDocPtr doc;
	int st = common_xml_load_file(path, PLAN_NS, &doc, err);
	if (st)
		return st;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	sim_plan_change *c = calloc(PLAN_MAX_CHANGES, sizeof *c);
	char **owned = calloc(2 * PLAN_MAX_CHANGES, sizeof *owned);
	int n = 0;
	if (!c || !owned)
		st = common_error_set(err, COMMON_EIO, path, 0, "out of memory");
	for (xmlNodePtr x = common_xml_first_element(root); !st && x;
	     x = common_xml_next_element(x)) {
		if (!common_xml_is(x, "change"))
			continue;
		if (n == PLAN_MAX_CHANGES) {
			st = common_error_set(err, COMMON_EINPUT, path,
					      xmlGetLineNo(x),
					      "more than %d changes",
					      PLAN_MAX_CHANGES);
			break;
		}
		long at;
		st = common_xml_attr_long(x, "at", 0, 1, sc->steps - 1, &at,
					  path, err);
		if (st)
			break;
		owned[2 * n] = common_xml_attr_copy(x, "param");
		owned[2 * n + 1] = common_xml_attr_copy(x, "value");
		if (!owned[2 * n] || !owned[2 * n + 1]) {
			st = common_error_set(err, COMMON_EIO, path, 0,
					      "out of memory");
			n++;
			break;
		}
		c[n].at = at;
		c[n].param = owned[2 * n];
		c[n].value = owned[2 * n + 1];
		c[n].line = xmlGetLineNo(x);
		n++;
	}
	if (!st)
		st = sim_plan_apply(sc, c, n, path, err);
	for (int i = 0; owned && i < 2 * n; i++)
		free(owned[i]);
	free(owned);
	free(c);
	xmlFreeDoc(doc);
	return st;
}
