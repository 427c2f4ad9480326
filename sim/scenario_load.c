/* sim/scenario_load.c: reading a scenario document into sim_scenario.
 *
 * The XSD (scenarios/scenario.xsd) has already checked the structure and
 * single-value ranges; here every number is read again through common/num.h
 * (so a message names the field and line even if the schema is loosened
 * later) and everything the schema cannot express is checked: values against
 * each other, list lengths against the number of features, the size of a
 * run. Defaults here are the schema's defaults (docs/format-scenario.md). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/common.h"
#include "sim/scenario.h"
#include "sim/scenario_parse.h"

#define SCENARIO_NS "urn:mlopskit:scenario:1"

static long line_of(xmlNodePtr node)
{
	return node ? xmlGetLineNo(node) : 0;
}

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

/* Copies the next blank-separated token of *p into buf; 0 at the end. */
static int next_token(const char **p, char *buf, size_t n, int *too_long)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (!*s)
		return 0;
	size_t k = 0;
	*too_long = 0;
	while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
		if (k + 1 < n)
			buf[k++] = *s;
		else
			*too_long = 1;
		s++;
	}
	buf[k] = '\0';
	*p = s;
	return 1;
}

int sim_parse_doubles(const char *text, const char *field, double min,
		      double max, int max_n, double **out, int *n,
		      const char *file, long line, common_error *err)
{
	*out = NULL;
	*n = 0;
	const char *p = text ? text : "";
	char tok[128], name[160];
	int too_long, count = 0;
	while (next_token(&p, tok, sizeof tok, &too_long))
		count++;
	if (count == 0)
		return 0;
	if (count > max_n)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' has %d values, more than %d",
					field, count, max_n);
	double *v = malloc((size_t)count * sizeof(*v));
	if (!v)
		return oom(err);
	p = text;
	for (int i = 0; next_token(&p, tok, sizeof tok, &too_long); i++) {
		snprintf(name, sizeof name, "%s[%d]", field, i + 1);
		int st = too_long
			? common_error_set(err, COMMON_EINPUT, file, line,
					   "'%s' is not a number", name)
			: common_parse_double(tok, name, min, max, &v[i], file,
					      line, err);
		if (st) {
			free(v);
			return st;
		}
	}
	*out = v;
	*n = count;
	return 0;
}

int sim_parse_ints(const char *text, const char *field, long min, long max,
		   int max_n, int **out, int *n, const char *file, long line,
		   common_error *err)
{
	*out = NULL;
	*n = 0;
	const char *p = text ? text : "";
	char tok[128], name[160];
	int too_long, count = 0;
	while (next_token(&p, tok, sizeof tok, &too_long))
		count++;
	if (count == 0)
		return 0;
	if (count > max_n)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' has %d values, more than %d",
					field, count, max_n);
	int *v = malloc((size_t)count * sizeof(*v));
	if (!v)
		return oom(err);
	p = text;
	for (int i = 0; next_token(&p, tok, sizeof tok, &too_long); i++) {
		snprintf(name, sizeof name, "%s[%d]", field, i + 1);
		long x = 0;
		int st = too_long
			? common_error_set(err, COMMON_EINPUT, file, line,
					   "'%s' is not an integer", name)
			: common_parse_long(tok, name, min, max, &x, file,
					    line, err);
		if (st) {
			free(v);
			return st;
		}
		v[i] = (int)x;
	}
	*out = v;
	*n = count;
	return 0;
}

/* A list of exactly d values, or none (then *out stays NULL). */
static int read_vector(xmlNodePtr node, const char *field, double min,
		       double max, int d, double **out, const char *file,
		       common_error *err)
{
	*out = NULL;
	if (!node)
		return 0;
	char *text = common_xml_text_copy(node);
	if (!text)
		return oom(err);
	int n = 0;
	int st = sim_parse_doubles(text, field, min, max, SIM_MAX_FEATURES,
				   out, &n, file, line_of(node), err);
	free(text);
	if (st)
		return st;
	if (n != d) {
		free(*out);
		*out = NULL;
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'%s' has %d values; expected one per feature (%d)",
					field, n, d);
	}
	return 0;
}

static int read_meta(xmlNodePtr root, const char *file, sim_scenario *sc,
		     common_error *err)
{
	sc->name = common_xml_attr_copy(root, "name");
	if (!sc->name) {
		/* the file's base name without .xml */
		const char *b = strrchr(file, '/');
		b = b ? b + 1 : file;
		size_t n = strlen(b);
		if (n > 4 && strcmp(b + n - 4, ".xml") == 0)
			n -= 4;
		sc->name = malloc(n + 1);
		if (!sc->name)
			return oom(err);
		memcpy(sc->name, b, n);
		sc->name[n] = '\0';
	}
	xmlNodePtr t = common_xml_child(root, "title");
	sc->title = t ? common_xml_text_copy(t) : NULL;
	if (!sc->title || !sc->title[0]) {
		free(sc->title);
		size_t n = strlen(sc->name);
		sc->title = malloc(n + 1);
		if (!sc->title)
			return oom(err);
		memcpy(sc->title, sc->name, n + 1);
	}
	xmlNodePtr desc = common_xml_child(root, "description");
	if (desc && !(sc->description = common_xml_text_copy(desc)))
		return oom(err);
	for (xmlNodePtr l = common_xml_child(root, "lesson"); l;
	     l = common_xml_next_named(l)) {
		xmlChar *lang = xmlGetNsProp(l, (const xmlChar *)"lang",
					     XML_XML_NAMESPACE);
		if (!lang || !lang[0]) {
			xmlFree(lang);
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(l),
						"'lesson' lacks its language: add xml:lang=\"en\" (or zh, ...)");
		}
		if (sim_scenario_lesson(sc, (const char *)lang)) {
			int st = common_error_set(err, COMMON_EINPUT, file,
						  line_of(l),
						  "'lesson' in language '%s' is given twice",
						  (const char *)lang);
			xmlFree(lang);
			return st;
		}
		if (sc->nlessons == SIM_MAX_LESSONS) {
			xmlFree(lang);
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(l),
						"more than %d 'lesson' elements",
						SIM_MAX_LESSONS);
		}
		sim_text *x = &sc->lessons[sc->nlessons];
		size_t n = strlen((const char *)lang);
		x->lang = malloc(n + 1);
		if (x->lang)
			memcpy(x->lang, lang, n + 1);
		xmlFree(lang);
		x->text = common_xml_text_copy(l);
		sc->nlessons++;
		if (!x->lang || !x->text)
			return oom(err);
	}
	return 0;
}

static int read_horizon(xmlNodePtr h, const char *file, sim_scenario *sc,
			common_error *err)
{
	static const char *const units[] = {"minute", "hour", "day", "week",
					    "month"};
	int st;
	sc->steps = 180;
	sc->unit = SIM_UNIT_DAY;
	sc->requests = 1000;
	if (!h)
		return 0;
	if ((st = common_xml_attr_long(h, "steps", 180, 1, SIM_MAX_STEPS,
				       &sc->steps, file, err)) ||
	    (st = common_xml_attr_long(h, "requests", 1000, 1,
				       SIM_MAX_REQUESTS, &sc->requests, file,
				       err)))
		return st;
	char *u = common_xml_attr_copy(h, "unit");
	if (u) {
		size_t i = 0;
		while (i < sizeof units / sizeof units[0] &&
		       strcmp(units[i], u) != 0)
			i++;
		if (i == sizeof units / sizeof units[0]) {
			st = common_error_set(err, COMMON_EINPUT, file,
					      line_of(h),
					      "'horizon/@unit' is '%s'; expected minute, hour, day, week or month",
					      u);
			free(u);
			return st;
		}
		sc->unit = (sim_step_unit)i;
		free(u);
	}
	/* Both factors are bounded above, so the product cannot overflow. */
	long long rows = (long long)sc->steps * (long long)sc->requests;
	if (rows > SIM_MAX_ROWS_PER_RUN)
		return common_error_set(err, COMMON_EINPUT, file, line_of(h),
					"'horizon' asks for %lld rows per run (steps x requests), more than %lld",
					rows, (long long)SIM_MAX_ROWS_PER_RUN);
	return 0;
}

static int read_data(xmlNodePtr data, const char *file, sim_scenario *sc,
		     common_error *err)
{
	long d = 10;
	double mu = 0.0, sigma = 1.0;
	int st;
	if (data &&
	    ((st = common_xml_attr_long(data, "features", 10, 1,
					SIM_MAX_FEATURES, &d, file, err)) ||
	     (st = common_xml_attr_double(data, "mu", 0.0, -1e6, 1e6, &mu,
					  file, err)) ||
	     (st = common_xml_attr_double(data, "sigma", 1.0, 0.0, 1e6,
					  &sigma, file, err))))
		return st;
	if (sigma <= 0.0)
		return common_error_set(err, COMMON_EINPUT, file,
					line_of(data),
					"'data/@sigma' is %g; it must be positive",
					sigma);
	sc->d = (int)d;
	if ((st = read_vector(common_xml_child(data, "mu"), "data/mu", -1e6,
			      1e6, sc->d, &sc->mu0, file, err)) ||
	    (st = read_vector(common_xml_child(data, "sigma"), "data/sigma",
			      0.0, 1e6, sc->d, &sc->sigma0, file, err)))
		return st;
	if (!sc->mu0) {
		if (!(sc->mu0 = malloc((size_t)sc->d * sizeof(double))))
			return oom(err);
		for (int i = 0; i < sc->d; i++)
			sc->mu0[i] = mu;
	}
	if (!sc->sigma0) {
		if (!(sc->sigma0 = malloc((size_t)sc->d * sizeof(double))))
			return oom(err);
		for (int i = 0; i < sc->d; i++)
			sc->sigma0[i] = sigma;
	}
	for (int i = 0; i < sc->d; i++)
		if (!(sc->sigma0[i] > 0.0))
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(common_xml_child(data, "sigma")),
						"'data/sigma[%d]' is %g; it must be positive",
						i + 1, sc->sigma0[i]);
	return 0;
}

/* beta from a generator: direction v scaled to Euclidean norm `norm`. */
static int generate_beta(const char *gen, double norm, long informative,
			 sim_scenario *sc, const char *file, long line,
			 common_error *err)
{
	double ss = 0.0;
	for (int i = 0; i < sc->d; i++) {
		double v;
		if (strcmp(gen, "equal") == 0)
			v = 1.0;
		else if (strcmp(gen, "decay") == 0)
			v = 1.0 / (double)(i + 1);
		else if (strcmp(gen, "sparse") == 0)
			v = i < informative ? 1.0 : 0.0;
		else
			return common_error_set(err, COMMON_EINPUT, file, line,
						"'beta/@generator' is '%s'; expected equal, decay or sparse",
						gen);
		sc->beta[i] = v;
		ss += v * v;
	}
	double k = norm / sqrt(ss);
	for (int i = 0; i < sc->d; i++)
		sc->beta[i] *= k;
	return 0;
}

static int read_concept(xmlNodePtr c, const char *file, sim_scenario *sc,
			common_error *err)
{
	int st;
	sc->beta0 = 0.0;
	sc->noise = 0.0;
	if (c &&
	    ((st = common_xml_attr_double(c, "beta0", 0.0, -100, 100,
					  &sc->beta0, file, err)) ||
	     (st = common_xml_attr_double(c, "noise", 0.0, 0.0, 0.5,
					  &sc->noise, file, err))))
		return st;
	xmlNodePtr b = common_xml_child(c, "beta");
	char *gen = b ? common_xml_attr_copy(b, "generator") : NULL;
	char *text = b ? common_xml_text_copy(b) : NULL;
	if (b && !text) {
		free(gen);
		return oom(err);
	}
	if (text && text[0]) {
		free(gen);
		if (xmlHasProp(b, (const xmlChar *)"generator") ||
		    xmlHasProp(b, (const xmlChar *)"norm") ||
		    xmlHasProp(b, (const xmlChar *)"informative")) {
			free(text);
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(b),
						"'beta' has both a list of coefficients and generator attributes; give one");
		}
		free(text);
		return read_vector(b, "concept/beta", -100, 100, sc->d,
				   &sc->beta, file, err);
	}
	free(text);
	double norm = 3.0;
	long informative = sc->d < 2 ? sc->d : 2;
	if (b &&
	    ((st = common_xml_attr_double(b, "norm", 3.0, 0.0, 100.0, &norm,
					  file, err)) ||
	     (st = common_xml_attr_long(b, "informative", informative, 1,
					sc->d, &informative, file, err)))) {
		free(gen);
		return st;
	}
	if (b && xmlHasProp(b, (const xmlChar *)"informative") &&
	    (!gen || strcmp(gen, "sparse") != 0)) {
		free(gen);
		return common_error_set(err, COMMON_EINPUT, file, line_of(b),
					"'beta/@informative' is only used by generator=\"sparse\"");
	}
	if (!(sc->beta = malloc((size_t)sc->d * sizeof(double)))) {
		free(gen);
		return oom(err);
	}
	st = generate_beta(gen ? gen : "equal", norm, informative, sc, file,
			   line_of(b), err);
	free(gen);
	return st;
}

static int read_labels_model(xmlNodePtr root, const char *file,
			     sim_scenario *sc, common_error *err)
{
	int st;
	xmlNodePtr lab = common_xml_child(root, "labels");
	sc->label_delay = 1;
	sc->coverage = 1.0;
	if (lab &&
	    ((st = common_xml_attr_long(lab, "delay", 1, 0, sc->steps - 1,
					&sc->label_delay, file, err)) ||
	     (st = common_xml_attr_double(lab, "coverage", 1.0, 0.0, 1.0,
					  &sc->coverage, file, err))))
		return st;
	if (!(sc->coverage > 0.0))
		return common_error_set(err, COMMON_EINPUT, file, line_of(lab),
					"'labels/@coverage' is 0; at least some ground truth must arrive (0 < coverage <= 1)");
	if (sc->label_delay > sc->steps - 1)
		return common_error_set(err, COMMON_EINPUT, file, line_of(lab),
					"'labels/@delay' is %ld, outside [0, %ld] (the horizon has %ld steps)",
					sc->label_delay, sc->steps - 1,
					sc->steps);

	xmlNodePtr m = common_xml_child(root, "model");
	long window_def = sc->steps < 30 ? sc->steps : 30;
	sc->l2 = 1.0;
	sc->window = window_def;
	sc->max_train_rows = 20000;
	sc->warmup_rows = 2000;
	if (m &&
	    ((st = common_xml_attr_double(m, "l2", 1.0, 0.0, 1e6, &sc->l2,
					  file, err)) ||
	     (st = common_xml_attr_long(m, "window", window_def, 1, sc->steps,
					&sc->window, file, err)) ||
	     (st = common_xml_attr_long(m, "max-rows", 20000, 10,
					SIM_MAX_TRAIN_ROWS,
					&sc->max_train_rows, file, err)) ||
	     (st = common_xml_attr_long(m, "warmup", 2000, 10,
					SIM_MAX_TRAIN_ROWS, &sc->warmup_rows,
					file, err))))
		return st;

	xmlNodePtr runs = common_xml_child(root, "runs");
	sc->runs = 20;
	sc->seed = 1;
	if (runs && (st = common_xml_attr_long(runs, "count", 20, 1,
					       SIM_MAX_RUNS, &sc->runs, file,
					       err)))
		return st;
	char *seed = runs ? common_xml_attr_copy(runs, "seed") : NULL;
	if (seed) {
		st = common_parse_u64(seed, "runs/@seed", &sc->seed, file,
				      line_of(runs), err);
		free(seed);
		if (st)
			return st;
	}
	return 0;
}

int sim_scenario_build(xmlDocPtr doc, const char *file, int maturity,
		       sim_scenario **out, common_error *err)
{
	*out = NULL;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || !common_xml_is(root, "scenario"))
		return common_error_set(err, COMMON_EINPUT, file, line_of(root),
					"root element is not 'scenario'");
	sim_scenario *sc = calloc(1, sizeof(*sc));
	if (!sc)
		return oom(err);
	size_t n = strlen(file);
	sc->source = malloc(n + 1);
	if (!sc->source) {
		free(sc);
		return oom(err);
	}
	memcpy(sc->source, file, n + 1);
	sim_lifecycle_defaults(&sc->life);
	snprintf(sc->compare_metric, sizeof sc->compare_metric, "net_value");
	int st;
	if ((st = read_meta(root, file, sc, err)) ||
	    (st = read_horizon(common_xml_child(root, "horizon"), file, sc,
			       err)) ||
	    (st = read_data(common_xml_child(root, "data"), file, sc, err)) ||
	    (st = read_concept(common_xml_child(root, "concept"), file, sc,
			       err)) ||
	    (st = sim_scenario_parse_drifts(common_xml_child(root, "drifts"),
					    file, sc, err)) ||
	    (st = read_labels_model(root, file, sc, err)) ||
	    (st = sim_scenario_parse_life(root, file, maturity, sc, err))) {
		sim_scenario_free(sc);
		return st;
	}
	*out = sc;
	return 0;
}

static int build(xmlDocPtr doc, const char *file, sim_scenario **out,
		 common_error *err)
{
	int st = sim_scenario_build(doc, file, 0, out, err);
	if (st)
		return st;
	if ((st = sim_scenario_parse_variants(doc, file, *out, err))) {
		sim_scenario_free(*out);
		*out = NULL;
	}
	return st;
}

int sim_scenario_load_file(const char *path, sim_scenario **out,
			   common_error *err)
{
	*out = NULL;
	xmlDocPtr doc = NULL;
	int st = common_xml_load_file(path, SCENARIO_NS, &doc, err);
	if (st)
		return st;
	st = build(doc, path, out, err);
	xmlFreeDoc(doc);
	return st;
}

int sim_scenario_load_memory(const char *buf, size_t len, const char *name,
			     sim_scenario **out, common_error *err)
{
	*out = NULL;
	xmlDocPtr doc = NULL;
	int st = common_xml_load_memory(buf, len, name, SCENARIO_NS, &doc,
					err);
	if (st)
		return st;
	st = build(doc, name, out, err);
	xmlFreeDoc(doc);
	return st;
}

int sim_scenario_default(sim_scenario **out, common_error *err)
{
	*out = NULL;
	const common_resource *r = common_resource_find("scenarios/default.xml");
	if (!r)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"built-in scenario 'scenarios/default.xml' is missing from this build");
	return sim_scenario_load_memory((const char *)r->data, r->len,
					"scenarios/default.xml", out, err);
}
