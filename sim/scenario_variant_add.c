/* sim/scenario_variant_add.c: variants added by a program (see
 * sim/scenario_variant_add.h): a deep copy of the base scenario, then the
 * what-if parameters through sim_param_set, maturity first. */
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/scenario.h"
#include "sim/scenario_variant_add.h"

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

/* Copies n bytes of src into a new block; NULL stays NULL. *ok = 0 when
 * memory runs out. */
static void *dup_mem(const void *src, size_t n, int *ok)
{
	if (!src || n == 0)
		return NULL;
	void *p = malloc(n);
	if (!p) {
		*ok = 0;
		return NULL;
	}
	memcpy(p, src, n);
	return p;
}

static char *dup_str(const char *s, int *ok)
{
	return s ? dup_mem(s, strlen(s) + 1, ok) : NULL;
}

static void copy_change(sim_change *dst, const sim_change *src, int d,
			int *ok)
{
	*dst = *src;
	size_t nf = src->nfeat > 0 ? (size_t)src->nfeat : 0;
	dst->feat = dup_mem(src->feat, nf * sizeof(*src->feat), ok);
	dst->shift = dup_mem(src->shift, nf * sizeof(*src->shift), ok);
	dst->scale = dup_mem(src->scale, nf * sizeof(*src->scale), ok);
	dst->to = dup_mem(src->to, (size_t)d * sizeof(*src->to), ok);
}

int sim_scenario_clone(const sim_scenario *sc, sim_scenario **out,
		       common_error *err)
{
	*out = NULL;
	sim_scenario *c = malloc(sizeof(*c));
	if (!c)
		return oom(err);
	*c = *sc;
	/* nothing below may point into sc: clear every owned pointer first,
	 * so a failure part-way leaves a scenario sim_scenario_free accepts */
	c->source = c->name = c->title = c->description = NULL;
	c->mu0 = c->sigma0 = c->beta = NULL;
	c->drifts = NULL;
	c->ndrifts = 0;
	c->variants = NULL;
	c->nvariants = 0;
	c->nlessons = 0;
	c->plan = NULL;
	c->nplan = 0;
	int ok = 1;
	c->source = dup_str(sc->source, &ok);
	c->name = dup_str(sc->name, &ok);
	c->title = dup_str(sc->title, &ok);
	c->description = dup_str(sc->description, &ok);
	for (int i = 0; i < sc->nlessons; i++) {
		c->lessons[i].lang = dup_str(sc->lessons[i].lang, &ok);
		c->lessons[i].text = dup_str(sc->lessons[i].text, &ok);
		c->nlessons = i + 1;
	}
	size_t dn = (size_t)sc->d * sizeof(double);
	c->mu0 = dup_mem(sc->mu0, dn, &ok);
	c->sigma0 = dup_mem(sc->sigma0, dn, &ok);
	c->beta = dup_mem(sc->beta, dn, &ok);
	if (ok && sc->ndrifts > 0) {
		c->drifts = calloc((size_t)sc->ndrifts, sizeof(*c->drifts));
		ok = c->drifts != NULL;
	}
	for (int i = 0; ok && i < sc->ndrifts; i++) {
		const sim_drift *sd = &sc->drifts[i];
		sim_drift *cd = &c->drifts[i];
		*cd = *sd;
		cd->changes = NULL;
		cd->nchanges = 0;
		c->ndrifts = i + 1;
		if (sd->nchanges == 0)
			continue;
		cd->changes = calloc((size_t)sd->nchanges,
				     sizeof(*cd->changes));
		if (!cd->changes) {
			ok = 0;
			break;
		}
		for (int k = 0; k < sd->nchanges; k++) {
			copy_change(&cd->changes[k], &sd->changes[k], sc->d,
				    &ok);
			cd->nchanges = k + 1;
		}
	}
	if (ok && sc->nplan > 0) {
		c->plan = calloc((size_t)sc->nplan, sizeof(*c->plan));
		ok = c->plan != NULL;
	}
	for (int i = 0; ok && i < sc->nplan; i++) {
		c->plan[i] = sc->plan[i];
		c->plan[i].what = dup_str(sc->plan[i].what, &ok);
		c->nplan = i + 1;
	}
	if (!ok) {
		sim_scenario_free(c);
		return oom(err);
	}
	*out = c;
	return 0;
}

int sim_scenario_add_variant(sim_scenario *base, const char *name,
			     const char *const *params,
			     const char *const *values, int n,
			     common_error *err)
{
	const char *file = base->source ? base->source : "<scenario>";
	if (base->nvariants >= SIM_MAX_VARIANTS)
		return common_error_set(err, COMMON_EINPUT, file, 0,
					"more than %d variants",
					SIM_MAX_VARIANTS);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(params[i], params[j]) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, 0,
							"'%s' is set twice in variant '%s'",
							params[i], name);
	sim_scenario *sc = NULL;
	int st = sim_scenario_clone(base, &sc, err);
	if (st)
		return st;
	/* maturity first, wherever it is listed (the loader's rule) */
	for (int pass = 0; pass < 2 && !st; pass++)
		for (int i = 0; i < n && !st; i++) {
			int is_maturity = strcmp(params[i], "maturity") == 0;
			if (is_maturity == (pass == 0))
				st = sim_param_set(sc, params[i], values[i],
						   file, 0, err);
		}
	char *nm = NULL;
	sim_variant *grown = NULL;
	if (!st) {
		int ok = 1;
		nm = dup_str(name, &ok);
		if (!ok || !nm)
			st = oom(err);
	}
	if (!st) {
		grown = realloc(base->variants,
				(size_t)(base->nvariants + 1) *
					sizeof(*base->variants));
		if (!grown)
			st = oom(err);
	}
	if (st) {
		free(nm);
		sim_scenario_free(sc);
		return st;
	}
	base->variants = grown;
	base->variants[base->nvariants].name = nm;
	base->variants[base->nvariants].sc = sc;
	base->nvariants++;
	return 0;
}

void sim_scenario_drop_variants(sim_scenario *base)
{
	for (int i = 0; i < base->nvariants; i++) {
		free(base->variants[i].name);
		sim_scenario_free(base->variants[i].sc);
	}
	free(base->variants);
	base->variants = NULL;
	base->nvariants = 0;
}
