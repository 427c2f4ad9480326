/* sim/scenario_drifts.c: reading the drift schedule of a scenario.
 *
 * Each <drift> has a pattern, a start and the pattern's parameters, and one
 * or more changes (<covariate>, <concept>, <prior>). Parameters a pattern
 * does not use are refused rather than ignored, so a typo in the pattern
 * name's companion attributes never passes silently. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/common.h"
#include "sim/scenario.h"
#include "sim/scenario_parse.h"

#define DEG_TO_RAD 0.017453292519943295769236907684886

static long line_of(xmlNodePtr node)
{
	return xmlGetLineNo(node);
}

void sim_drift_release(sim_drift *dr)
{
	for (int k = 0; k < dr->nchanges; k++) {
		sim_change *ch = &dr->changes[k];
		free(ch->feat);
		free(ch->shift);
		free(ch->scale);
		free(ch->to);
	}
	free(dr->changes);
	dr->changes = NULL;
	dr->nchanges = 0;
}

/* A list of 1 value (broadcast) or n values, for n affected features. */
static int read_per_feature(xmlNodePtr node, const char *attr, double min,
			    double max, double def, int n, double **out,
			    const char *file, common_error *err)
{
	char field[64];
	snprintf(field, sizeof field, "covariate/@%s", attr);
	char *text = common_xml_attr_copy(node, attr);
	double *v = NULL;
	int k = 0, st = 0;
	if (text) {
		st = sim_parse_doubles(text, field, min, max, SIM_MAX_FEATURES,
				       &v, &k, file, line_of(node), err);
		free(text);
		if (st)
			return st;
		if (k != 1 && k != n) {
			free(v);
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(node),
						"'%s' has %d values; expected 1 or one per listed feature (%d)",
						field, k, n);
		}
	}
	*out = malloc((size_t)n * sizeof(double));
	if (!*out) {
		free(v);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	}
	for (int i = 0; i < n; i++)
		(*out)[i] = k == 0 ? def : v[k == 1 ? 0 : i];
	free(v);
	return 0;
}

static int read_covariate(xmlNodePtr node, const char *file, int d,
			  sim_change *ch, common_error *err)
{
	ch->kind = SIM_CHANGE_COVARIATE;
	char *text = common_xml_attr_copy(node, "features");
	int st;
	if (text) {
		st = sim_parse_ints(text, "covariate/@features", 1, d,
				    SIM_MAX_FEATURES, &ch->feat, &ch->nfeat,
				    file, line_of(node), err);
		free(text);
		if (st)
			return st;
		for (int i = 0; i < ch->nfeat; i++) {
			for (int j = 0; j < i; j++)
				if (ch->feat[j] == ch->feat[i])
					return common_error_set(err, COMMON_EINPUT, file,
								line_of(node),
								"'covariate/@features' lists feature %d twice",
								ch->feat[i]);
		}
		for (int i = 0; i < ch->nfeat; i++)
			ch->feat[i]--; /* files count from 1 */
	}
	if (ch->nfeat == 0) {
		ch->nfeat = d;
		if (!(ch->feat = malloc((size_t)d * sizeof(int))))
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory");
		for (int i = 0; i < d; i++)
			ch->feat[i] = i;
	}
	if (!xmlHasProp(node, (const xmlChar *)"shift") &&
	    !xmlHasProp(node, (const xmlChar *)"scale"))
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'covariate' changes nothing: give 'shift' and/or 'scale'");
	if ((st = read_per_feature(node, "shift", -1e6, 1e6, 0.0, ch->nfeat,
				   &ch->shift, file, err)) ||
	    (st = read_per_feature(node, "scale", 0.001, 1000, 1.0, ch->nfeat,
				   &ch->scale, file, err)))
		return st;
	return 0;
}

static int read_concept_change(xmlNodePtr node, const char *file, int d,
			       sim_change *ch, common_error *err)
{
	ch->kind = SIM_CHANGE_CONCEPT;
	ch->beta_scale = 1.0;
	int st;
	int has_rot = xmlHasProp(node, (const xmlChar *)"rotate") != NULL;
	int has_to = xmlHasProp(node, (const xmlChar *)"to") != NULL;
	int has_plane = xmlHasProp(node, (const xmlChar *)"plane") != NULL;
	int has_scale = xmlHasProp(node, (const xmlChar *)"scale") != NULL;
	if (!has_rot && !has_to && !has_scale)
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'concept' changes nothing: give 'rotate', 'to' or 'scale'");
	if (has_rot && has_to)
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'concept' has both 'rotate' and 'to'; use two drifts to combine them");
	if (has_plane && !has_rot)
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'concept/@plane' is only used with 'rotate'");
	if ((st = common_xml_attr_double(node, "scale", 1.0, 0.001, 1000,
					 &ch->beta_scale, file, err)))
		return st;
	if (has_rot) {
		double deg;
		if ((st = common_xml_attr_double(node, "rotate", 0.0, -360, 360,
						 &deg, file, err)))
			return st;
		if (d < 2)
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(node),
						"'concept/@rotate' needs at least 2 features; the scenario has 1");
		ch->has_rotate = 1;
		ch->angle = deg * DEG_TO_RAD;
		ch->plane[0] = 0;
		ch->plane[1] = 1;
		if (has_plane) {
			char *text = common_xml_attr_copy(node, "plane");
			int *pl = NULL, n = 0;
			st = sim_parse_ints(text, "concept/@plane", 1, d, 2,
					    &pl, &n, file, line_of(node), err);
			free(text);
			if (st)
				return st;
			if (n != 2 || pl[0] == pl[1]) {
				free(pl);
				return common_error_set(err, COMMON_EINPUT, file,
							line_of(node),
							"'concept/@plane' must name two different features");
			}
			ch->plane[0] = pl[0] - 1;
			ch->plane[1] = pl[1] - 1;
			free(pl);
		}
	}
	if (has_to) {
		char *text = common_xml_attr_copy(node, "to");
		int n = 0;
		st = sim_parse_doubles(text, "concept/@to", -100, 100,
				       SIM_MAX_FEATURES, &ch->to, &n, file,
				       line_of(node), err);
		free(text);
		if (st)
			return st;
		if (n != d)
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(node),
						"'concept/@to' has %d values; expected one per feature (%d)",
						n, d);
	}
	return 0;
}

static int read_prior(xmlNodePtr node, const char *file, sim_change *ch,
		      common_error *err)
{
	ch->kind = SIM_CHANGE_PRIOR;
	if (!xmlHasProp(node, (const xmlChar *)"shift"))
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'prior' lacks 'shift'");
	return common_xml_attr_double(node, "shift", 0.0, -50, 50,
				      &ch->beta0_shift, file, err);
}

/* Pattern names in file order of enum sim_pattern. */
static const char *const pattern_names[] = {
	"sudden", "gradual", "incremental", "recurring", "seasonal",
	"random-walk",
};

/* Reads a pattern parameter: required when `needed`, refused otherwise. */
static int pattern_param(xmlNodePtr node, const char *attr, int needed,
			 const char *pattern, double min, double max,
			 double def, double *out, const char *file,
			 common_error *err)
{
	int present = xmlHasProp(node, (const xmlChar *)attr) != NULL;
	if (needed && !present && def < 0)
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'drift' with pattern '%s' needs '%s'",
					pattern, attr);
	if (!needed && present)
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'drift/@%s' is not used by pattern '%s'",
					attr, pattern);
	*out = 0.0;
	if (!needed)
		return 0;
	int st = common_xml_attr_double(node, attr, def, min, max, out, file,
					err);
	if (st)
		return st;
	if (!(*out > min))
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'drift/@%s' is %g; it must be greater than %g",
					attr, *out, min);
	return 0;
}

static int read_drift(xmlNodePtr node, const char *file, sim_scenario *sc,
		      sim_drift *dr, common_error *err)
{
	dr->line = line_of(node);
	dr->walk_index = -1;
	char *pat = common_xml_attr_copy(node, "pattern");
	size_t p = 0;
	while (pat && p < sizeof pattern_names / sizeof pattern_names[0] &&
	       strcmp(pat, pattern_names[p]) != 0)
		p++;
	if (!pat || p == sizeof pattern_names / sizeof pattern_names[0]) {
		int st = common_error_set(err, COMMON_EINPUT, file, dr->line,
					  "'drift/@pattern' is '%s'; expected sudden, gradual, incremental, recurring, seasonal or random-walk",
					  pat ? pat : "");
		free(pat);
		return st;
	}
	free(pat);
	dr->pattern = (sim_pattern)p;
	const char *name = pattern_names[p];
	int st;
	if (!xmlHasProp(node, (const xmlChar *)"start"))
		return common_error_set(err, COMMON_EINPUT, file, dr->line,
					"'drift' lacks 'start'");
	if ((st = common_xml_attr_double(node, "start", 0.0, 0.0,
					 (double)sc->steps, &dr->start, file,
					 err)))
		return st;
	if (!(dr->start < (double)sc->steps))
		return common_error_set(err, COMMON_EINPUT, file, dr->line,
					"'drift/@start' is %g, at or after the end of the horizon (%ld steps)",
					dr->start, sc->steps);
	int uses_width = dr->pattern == SIM_PATTERN_GRADUAL ||
			 dr->pattern == SIM_PATTERN_INCREMENTAL;
	int uses_period = dr->pattern == SIM_PATTERN_RECURRING ||
			  dr->pattern == SIM_PATTERN_SEASONAL;
	int recurring = dr->pattern == SIM_PATTERN_RECURRING;
	int walk = dr->pattern == SIM_PATTERN_RANDOM_WALK;
	if ((st = pattern_param(node, "width", uses_width, name, 0.0, 1e5,
				-1.0, &dr->width, file, err)) ||
	    (st = pattern_param(node, "period", uses_period, name, 0.0, 1e5,
				-1.0, &dr->period, file, err)) ||
	    (st = pattern_param(node, "duty", recurring, name, 0.0, 1.0, 0.5,
				&dr->duty, file, err)) ||
	    (st = pattern_param(node, "sd", walk, name, 0.0, 10.0, -1.0,
				&dr->sd, file, err)))
		return st;
	if (recurring && !(dr->duty < 1.0))
		return common_error_set(err, COMMON_EINPUT, file, dr->line,
					"'drift/@duty' is %g; it must be below 1",
					dr->duty);

	int n = 0;
	for (xmlNodePtr c = common_xml_first_element(node); c;
	     c = common_xml_next_element(c))
		n++;
	if (n == 0)
		return common_error_set(err, COMMON_EINPUT, file, dr->line,
					"'drift' changes nothing: add <covariate>, <concept> or <prior>");
	if (n > SIM_MAX_CHANGES)
		return common_error_set(err, COMMON_EINPUT, file, dr->line,
					"'drift' has %d changes, more than %d",
					n, SIM_MAX_CHANGES);
	dr->changes = calloc((size_t)n, sizeof(*dr->changes));
	if (!dr->changes)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	for (xmlNodePtr c = common_xml_first_element(node); c;
	     c = common_xml_next_element(c)) {
		sim_change *ch = &dr->changes[dr->nchanges++];
		ch->line = line_of(c);
		ch->beta_scale = 1.0;
		if (common_xml_is(c, "covariate"))
			st = read_covariate(c, file, sc->d, ch, err);
		else if (common_xml_is(c, "concept"))
			st = read_concept_change(c, file, sc->d, ch, err);
		else if (common_xml_is(c, "prior"))
			st = read_prior(c, file, ch, err);
		else
			st = common_error_set(err, COMMON_EINPUT, file,
					      line_of(c),
					      "unknown change '%s' in 'drift'",
					      (const char *)c->name);
		if (st)
			return st;
	}
	return 0;
}

int sim_scenario_parse_drifts(xmlNodePtr drifts, const char *file,
			      sim_scenario *sc, common_error *err)
{
	if (!drifts)
		return 0;
	int n = 0;
	for (xmlNodePtr c = common_xml_child(drifts, "drift"); c;
	     c = common_xml_next_named(c))
		n++;
	if (n == 0)
		return 0;
	if (n > SIM_MAX_DRIFTS)
		return common_error_set(err, COMMON_EINPUT, file,
					xmlGetLineNo(drifts),
					"'drifts' has %d drifts, more than %d",
					n, SIM_MAX_DRIFTS);
	sc->drifts = calloc((size_t)n, sizeof(*sc->drifts));
	if (!sc->drifts)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	for (xmlNodePtr c = common_xml_child(drifts, "drift"); c;
	     c = common_xml_next_named(c)) {
		sim_drift *dr = &sc->drifts[sc->ndrifts];
		dr->index = sc->ndrifts++;
		int st = read_drift(c, file, sc, dr, err);
		if (st)
			return st;
	}
	sim_scenario_rank_drifts(sc);
	return 0;
}

void sim_scenario_rank_drifts(sim_scenario *sc)
{
	/* Insertion sort by (start, document position): ties keep document
	 * order. */
	for (int i = 1; i < sc->ndrifts; i++) {
		sim_drift x = sc->drifts[i];
		int j = i;
		while (j > 0 && (sc->drifts[j - 1].start > x.start ||
				 (sc->drifts[j - 1].start == x.start &&
				  sc->drifts[j - 1].index > x.index))) {
			sc->drifts[j] = sc->drifts[j - 1];
			j--;
		}
		sc->drifts[j] = x;
	}
	sc->ngradual = 0;
	sc->nwalks = 0;
	for (int i = 0; i < sc->ndrifts; i++) {
		sim_drift *dr = &sc->drifts[i];
		dr->mix_rank = 0;
		dr->walk_index = -1;
		if (dr->pattern == SIM_PATTERN_GRADUAL)
			dr->mix_rank = ++sc->ngradual;
		if (dr->pattern == SIM_PATTERN_RANDOM_WALK)
			dr->walk_index = sc->nwalks++;
	}
}
