/* sim/scenario_variants.c: expanding <variants> into resolved scenarios.
 *
 * The variants are the explicit <variant>s crossed with the cartesian
 * product of the <sweep>s (first sweep slowest); with no explicit variant,
 * the product alone; with no sweep, the explicit variants alone. Each one
 * is rebuilt from the document: its "maturity" (if any) replaces the file's
 * <maturity> before the file's explicit lifecycle elements are read, then
 * its other sets are applied in order (the variant's own, then the sweeps')
 * with sim_param_set. So maturity comes first wherever it is written, and
 * the file's explicit overrides keep their meaning at every level. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/common.h"
#include "sim/scenario.h"
#include "sim/scenario_parse.h"

#define MAX_SETS 64     /* <set>s in one variant (the schema's bound) */
#define MAX_SWEEPS 16
#define MAX_VALUES 1000 /* values in one sweep */
#define NAME_MAX_LEN 2048

typedef struct set {
	char *param;
	char *value;
	long line;
} set;

typedef struct explicit_variant {
	char *name;
	int nsets;
	set sets[MAX_SETS];
} explicit_variant;

typedef struct sweep {
	char *param;
	char *text;     /* the values attribute, tokens cut in place */
	int nvalues;
	char *values[MAX_VALUES];
	long line;
} sweep;

typedef struct plan {
	int nexplicit;
	explicit_variant *explicit;
	int nsweeps;
	sweep sweeps[MAX_SWEEPS];
} plan;

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

static void plan_release(plan *p)
{
	for (int i = 0; i < p->nexplicit; i++) {
		explicit_variant *v = &p->explicit[i];
		free(v->name);
		for (int j = 0; j < v->nsets; j++) {
			free(v->sets[j].param);
			free(v->sets[j].value);
		}
	}
	free(p->explicit);
	for (int i = 0; i < p->nsweeps; i++) {
		free(p->sweeps[i].param);
		free(p->sweeps[i].text);
	}
}

static int read_explicit(xmlNodePtr vs, const char *file, plan *p,
			 common_error *err)
{
	int n = 0;
	for (xmlNodePtr v = common_xml_child(vs, "variant"); v;
	     v = common_xml_next_named(v))
		n++;
	if (n == 0)
		return 0;
	if (n > SIM_MAX_VARIANTS)
		return common_error_set(err, COMMON_EINPUT, file,
					xmlGetLineNo(vs),
					"'variants' has %d variants, more than %d",
					n, SIM_MAX_VARIANTS);
	if (!(p->explicit = calloc((size_t)n, sizeof(*p->explicit))))
		return oom(err);
	for (xmlNodePtr v = common_xml_child(vs, "variant"); v;
	     v = common_xml_next_named(v)) {
		explicit_variant *ev = &p->explicit[p->nexplicit++];
		long line = xmlGetLineNo(v);
		ev->name = common_xml_attr_copy(v, "name");
		if (!ev->name || !ev->name[0])
			return common_error_set(err, COMMON_EINPUT, file, line,
						"'variant' lacks 'name'");
		for (int i = 0; i < p->nexplicit - 1; i++)
			if (strcmp(p->explicit[i].name, ev->name) == 0)
				return common_error_set(err, COMMON_EINPUT, file,
							line,
							"variant '%s' is declared twice",
							ev->name);
		for (xmlNodePtr s = common_xml_child(v, "set"); s;
		     s = common_xml_next_named(s)) {
			long sl = xmlGetLineNo(s);
			if (ev->nsets == MAX_SETS)
				return common_error_set(err, COMMON_EINPUT, file,
							sl,
							"variant '%s' has more than %d sets",
							ev->name, MAX_SETS);
			set *x = &ev->sets[ev->nsets++];
			x->line = sl;
			x->param = common_xml_attr_copy(s, "param");
			x->value = common_xml_attr_copy(s, "value");
			if (!x->param || !x->value)
				return common_error_set(err, COMMON_EINPUT, file,
							sl,
							"'set' needs 'param' and 'value'");
			for (int i = 0; i < ev->nsets - 1; i++)
				if (strcmp(ev->sets[i].param, x->param) == 0)
					return common_error_set(err, COMMON_EINPUT,
								file, sl,
								"'%s' is set twice in variant '%s'",
								x->param, ev->name);
		}
	}
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int read_sweeps(xmlNodePtr vs, const char *file, plan *p,
		       common_error *err)
{
	for (xmlNodePtr s = common_xml_child(vs, "sweep"); s;
	     s = common_xml_next_named(s)) {
		long line = xmlGetLineNo(s);
		if (p->nsweeps == MAX_SWEEPS)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"'variants' has more than %d sweeps",
						MAX_SWEEPS);
		sweep *w = &p->sweeps[p->nsweeps++];
		w->line = line;
		w->param = common_xml_attr_copy(s, "param");
		w->text = common_xml_attr_copy(s, "values");
		if (!w->param || !w->text)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"'sweep' needs 'param' and 'values'");
		for (int i = 0; i < p->nsweeps - 1; i++)
			if (strcmp(p->sweeps[i].param, w->param) == 0)
				return common_error_set(err, COMMON_EINPUT, file,
							line,
							"'%s' is swept twice",
							w->param);
		for (int i = 0; i < p->nexplicit; i++)
			for (int j = 0; j < p->explicit[i].nsets; j++)
				if (strcmp(p->explicit[i].sets[j].param,
					   w->param) == 0)
					return common_error_set(err, COMMON_EINPUT,
								file, line,
								"'%s' is both swept and set by variant '%s'",
								w->param,
								p->explicit[i].name);
		/* cut the values in place: blank-separated tokens */
		char *c = w->text;
		for (;;) {
			while (is_blank(*c))
				*c++ = '\0';
			if (!*c)
				break;
			if (w->nvalues == MAX_VALUES)
				return common_error_set(err, COMMON_EINPUT, file,
							line,
							"'sweep' of '%s' has more than %d values",
							w->param, MAX_VALUES);
			w->values[w->nvalues++] = c;
			while (*c && !is_blank(*c))
				c++;
		}
		if (w->nvalues == 0)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"'sweep' of '%s' has no values",
						w->param);
		for (int i = 0; i < w->nvalues; i++)
			for (int j = 0; j < i; j++)
				if (strcmp(w->values[i], w->values[j]) == 0)
					return common_error_set(err, COMMON_EINPUT,
								file, line,
								"'sweep' of '%s' lists '%s' twice",
								w->param,
								w->values[i]);
	}
	return 0;
}

/* Appends ", param=value" (or "param=value" first) to name. */
static void name_add(char *name, size_t n, const char *param,
		     const char *value)
{
	size_t len = strlen(name);
	snprintf(name + len, n - len, "%s%s=%s", len ? ", " : "", param,
		 value);
}

/* One set of a variant, for maturity's special handling. */
static int maturity_of(const set *x, const char *file, int *m,
		       common_error *err)
{
	long level;
	int st = common_parse_long(x->value, "maturity", 1, 3, &level, file,
				   x->line, err);
	if (!st)
		*m = (int)level;
	return st;
}

/* Builds variant number k (0-based, row-major over explicit x sweeps). */
static int build_variant(xmlDocPtr doc, const char *file, const plan *p,
			 long k, sim_variant *out, common_error *err)
{
	/* decompose k: the last sweep varies fastest, the explicit variant
	 * slowest */
	int choice[MAX_SWEEPS];
	for (int i = p->nsweeps - 1; i >= 0; i--) {
		choice[i] = (int)(k % p->sweeps[i].nvalues);
		k /= p->sweeps[i].nvalues;
	}
	const explicit_variant *ev = p->nexplicit ? &p->explicit[k] : NULL;

	set all[MAX_SETS + MAX_SWEEPS];
	int nall = 0;
	for (int j = 0; ev && j < ev->nsets; j++)
		all[nall++] = ev->sets[j];
	for (int i = 0; i < p->nsweeps; i++)
		all[nall++] = (set){p->sweeps[i].param,
				    p->sweeps[i].values[choice[i]],
				    p->sweeps[i].line};

	char name[NAME_MAX_LEN] = "";
	if (ev)
		snprintf(name, sizeof name, "%s", ev->name);
	for (int i = 0; i < p->nsweeps; i++)
		name_add(name, sizeof name, p->sweeps[i].param,
			 p->sweeps[i].values[choice[i]]);

	int maturity = 0, st;
	for (int j = 0; j < nall; j++)
		if (strcmp(all[j].param, "maturity") == 0 &&
		    (st = maturity_of(&all[j], file, &maturity, err)))
			return st;
	sim_scenario *sc = NULL;
	if ((st = sim_scenario_build(doc, file, maturity, &sc, err)))
		return st;
	for (int j = 0; j < nall; j++) {
		if (strcmp(all[j].param, "maturity") == 0)
			continue;
		if ((st = sim_param_set(sc, all[j].param, all[j].value, file,
					all[j].line, err))) {
			sim_scenario_free(sc);
			return st;
		}
	}
	size_t n = strlen(name);
	if (!(out->name = malloc(n + 1))) {
		sim_scenario_free(sc);
		return oom(err);
	}
	memcpy(out->name, name, n + 1);
	out->sc = sc;
	return 0;
}

int sim_scenario_parse_variants(xmlDocPtr doc, const char *file,
				sim_scenario *base, common_error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr vs = common_xml_child(root, "variants");
	if (!vs)
		return 0;
	/* on the heap: a plan holds 16 x 1000 value pointers */
	plan *pp = calloc(1, sizeof(*pp));
	if (!pp)
		return oom(err);
	int st;
	if ((st = read_explicit(vs, file, pp, err)) ||
	    (st = read_sweeps(vs, file, pp, err)))
		goto out;
	long total = pp->nexplicit ? pp->nexplicit : 1;
	for (int i = 0; i < pp->nsweeps; i++) {
		total *= pp->sweeps[i].nvalues;
		if (total > SIM_MAX_VARIANTS) {
			st = common_error_set(err, COMMON_EINPUT, file,
					      pp->sweeps[i].line,
					      "'variants' expand to more than %d variants",
					      SIM_MAX_VARIANTS);
			goto out;
		}
	}
	if (pp->nexplicit == 0 && pp->nsweeps == 0)
		goto out; /* an empty <variants/>: run the base */
	if (!(base->variants = calloc((size_t)total,
				      sizeof(*base->variants)))) {
		st = oom(err);
		goto out;
	}
	for (long k = 0; k < total; k++) {
		if ((st = build_variant(doc, file, pp, k,
					&base->variants[k], err)))
			goto out;
		base->nvariants++;
	}
out:
	plan_release(pp);
	free(pp);
	return st;
}
