/* sim/datadrift.c: one comparison from two CSV files to a verdict
 * (contract in sim/datadrift.h): headers and options, streaming both files
 * into the column accumulators, the per-column statistics (columns in
 * parallel: each is independent, so results do not depend on the thread
 * count), the dataset verdict and timeliness. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/datadrift_impl.h"

void sim_drift_options_init(sim_drift_options *o)
{
	memset(o, 0, sizeof *o);
	o->test = SIM_DRIFT_TEST_AUTO;
	o->threshold = NAN;
	o->drift_share = 0.5;
	o->psi_bins = SIM_PSI_BINS;
	o->now = NAN;
}

typedef struct header {
	char **names;
	size_t n;
} header;

static void header_free(header *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->names[i]);
	free(h->names);
	h->names = NULL;
	h->n = 0;
}

static int read_header(sim_csv *csv, header *h, common_error *err)
{
	int rc = sim_csv_next(csv, err);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv), 0,
					"empty file: no header row");
	size_t n = sim_csv_nfields(csv);
	h->names = calloc(n, sizeof *h->names);
	if (!h->names)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	h->n = n;
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *s = sim_csv_field(csv, i, &len);
		if (len == 0)
			return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv),
						sim_csv_line(csv),
						"empty column name in the header (column %zu)", i + 1);
		if (!dd_utf8_valid(s, len) || strlen(s) != len)
			return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv),
						sim_csv_line(csv),
						"invalid UTF-8 in the header (column %zu)", i + 1);
		if (!(h->names[i] = strdup(s)))
			return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
		for (size_t j = 0; j < i; j++)
			if (strcmp(h->names[j], s) == 0)
				return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv),
							sim_csv_line(csv),
							"duplicate column name '%s' (columns %zu and %zu)",
							s, j + 1, i + 1);
	}
	return 0;
}

static long find(const header *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->names[i], name) == 0)
			return (long)i;
	return -1;
}

static int listed(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static int check_named(const char *const *list, size_t n, const char *opt,
		       const header *a, const header *b, common_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (find(a, list[i]) < 0 && find(b, list[i]) < 0)
			return common_error_set(err, COMMON_EUSAGE, NULL, 0,
						"%s names '%s', a column neither file has",
						opt, list[i]);
	return 0;
}

static int push_name(char ***list, size_t *n, const char *name)
{
	char **l = realloc(*list, (*n + 1) * sizeof *l);
	if (!l)
		return -1;
	*list = l;
	if (!(l[*n] = strdup(name)))
		return -1;
	(*n)++;
	return 0;
}

static void state_free(dd_state *st)
{
	for (size_t i = 0; i < st->ncols; i++) {
		free(st->cols[i].name);
		free(st->cols[i].ref.v);
		free(st->cols[i].cur.v);
		dd_cat_release(&st->cols[i].cat);
	}
	free(st->cols);
	free(st->ref_map);
	free(st->cur_map);
}

void sim_drift_result_free(sim_drift_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncolumns; i++)
		dd_column_release(&r->columns[i]);
	free(r->columns);
	for (size_t i = 0; i < r->n_only_ref; i++)
		free(r->only_ref[i]);
	for (size_t i = 0; i < r->n_only_cur; i++)
		free(r->only_cur[i]);
	for (size_t i = 0; i < r->n_ignored; i++)
		free(r->ignored[i]);
	free(r->only_ref);
	free(r->only_cur);
	free(r->ignored);
	free(r->ref_name);
	free(r->cur_name);
	free(r->time_column);
	free(r);
}

/* Drifted first, then tested, then by severity, then by name. */
static int cmp_columns(const void *a, const void *b)
{
	const sim_drift_column *x = a, *y = b;
	if (x->drifted != y->drifted)
		return y->drifted - x->drifted;
	if (x->tested != y->tested)
		return y->tested - x->tested;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Builds the column list and the field maps from the two headers. */
static int plan(const header *rh, const header *ch, const sim_drift_options *opt,
		dd_state *st, sim_drift_result *r, common_error *err)
{
	const char *tname = opt->time_column;
	st->ref_nf = rh->n;
	st->cur_nf = ch->n;
	st->ref_map = malloc((rh->n ? rh->n : 1) * sizeof *st->ref_map);
	st->cur_map = malloc((ch->n ? ch->n : 1) * sizeof *st->cur_map);
	st->cols = calloc(rh->n ? rh->n : 1, sizeof *st->cols);
	if (!st->ref_map || !st->cur_map || !st->cols)
		goto nomem;
	for (size_t i = 0; i < ch->n; i++)
		st->cur_map[i] = DD_SKIP;
	for (size_t i = 0; i < rh->n; i++) {
		const char *name = rh->names[i];
		long j = find(ch, name);
		st->ref_map[i] = DD_SKIP;
		if (tname && strcmp(name, tname) == 0) {
			st->ref_map[i] = DD_TIME;
			continue;
		}
		if (listed(opt->ignore, opt->n_ignore, name)) {
			if (push_name(&r->ignored, &r->n_ignored, name))
				goto nomem;
			continue;
		}
		if (j < 0) {
			if (push_name(&r->only_ref, &r->n_only_ref, name))
				goto nomem;
			continue;
		}
		dd_col *c = &st->cols[st->ncols];
		if (!(c->name = strdup(name)))
			goto nomem;
		c->declared = listed(opt->categorical, opt->n_categorical, name);
		c->type = c->declared ? SIM_DRIFT_CATEGORICAL : SIM_DRIFT_NUMERIC;
		st->ref_map[i] = (int)st->ncols;
		st->cur_map[j] = (int)st->ncols;
		st->ncols++;
	}
	for (size_t i = 0; i < ch->n; i++) {
		const char *name = ch->names[i];
		if (tname && strcmp(name, tname) == 0) {
			st->cur_map[i] = DD_TIME;
			continue;
		}
		if (find(rh, name) >= 0)
			continue;
		if (listed(opt->ignore, opt->n_ignore, name)) {
			if (push_name(&r->ignored, &r->n_ignored, name))
				goto nomem;
		} else if (push_name(&r->only_cur, &r->n_only_cur, name)) {
			goto nomem;
		}
	}
	return 0;
nomem:
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

static int read_reference(sim_csv *ref, dd_state *st, const char *tname,
			  common_error *err)
{
	for (;;) {
		int rc = dd_read_rows(ref, st, 0, tname, err);
		if (rc != DD_RESTART)
			return rc;
		/* A column turned out to be text after numbers: re-read the
		 * reference with the types learnt so far. Each restart fixes
		 * at least one column, so this ends. */
		for (size_t i = 0; i < st->ncols; i++) {
			if (st->cols[i].demote)
				st->cols[i].type = SIM_DRIFT_CATEGORICAL;
			dd_col_reset(&st->cols[i]);
		}
		st->ref_rows = 0;
		memset(&st->ref_time, 0, sizeof st->ref_time);
		if ((rc = sim_csv_rewind(ref, err)))
			return rc;
		if ((rc = sim_csv_next(ref, err)) != 1) /* the header again */
			return rc < 0 ? rc
				      : common_error_set(err, COMMON_EIO, sim_csv_name(ref), 0,
							 "file changed while being read");
	}
}

static int stats(dd_state *st, const sim_drift_options *opt,
		 sim_drift_result *r, common_error *err)
{
	size_t n = st->ncols;
	r->columns = calloc(n ? n : 1, sizeof *r->columns);
	int *status = calloc(n ? n : 1, sizeof *status);
	common_error *errs = calloc(n ? n : 1, sizeof *errs);
	if (!r->columns || !status || !errs) {
		free(status);
		free(errs);
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	}
	r->ncolumns = n;
	long nl = (long)n;
#pragma omp parallel for schedule(dynamic, 1)
	for (long i = 0; i < nl; i++) {
		sim_drift_column *o = &r->columns[i];
		o->name = strdup(st->cols[i].name);
		if (!o->name)
			status[i] = common_error_set(&errs[i], COMMON_EIO, NULL, 0,
						     "out of memory");
		else
			status[i] = dd_column_stats(&st->cols[i], opt, o, &errs[i]);
	}
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		if (status[i]) {
			rc = status[i];
			if (err)
				*err = errs[i];
		}
	free(status);
	free(errs);
	return rc;
}

static void verdict(sim_drift_result *r, const sim_drift_options *opt)
{
	qsort(r->columns, r->ncolumns, sizeof *r->columns, cmp_columns);
	for (size_t i = 0; i < r->ncolumns; i++) {
		r->n_tested += r->columns[i].tested;
		r->n_drifted += r->columns[i].drifted;
	}
	r->share = r->n_tested ? (double)r->n_drifted / (double)r->n_tested : 0;
	/* Evidently: dataset drift when the share reaches the threshold. */
	r->dataset_drift = r->n_tested > 0 && r->share >= opt->drift_share;
}

static void timeliness(const dd_state *st, const sim_drift_options *opt,
		       sim_drift_result *r)
{
	r->ref_time_values = st->ref_time.values;
	r->cur_time_values = st->cur_time.values;
	r->ref_time_missing = st->ref_time.missing;
	r->cur_time_missing = st->cur_time.missing;
	r->ref_time_max = st->ref_time.values ? st->ref_time.max : NAN;
	r->cur_time_min = st->cur_time.values ? st->cur_time.min : NAN;
	r->cur_time_max = st->cur_time.values ? st->cur_time.max : NAN;
	r->now = opt->now;
	r->lag = r->now - r->cur_time_max; /* NaN when either is unknown */
	r->gap = r->cur_time_max - r->ref_time_max;
}

int sim_drift_compare_csv(sim_csv *ref, sim_csv *cur,
			  const sim_drift_options *opt,
			  sim_drift_result **out, common_error *err)
{
	header rh = {0}, ch = {0};
	dd_state st;
	memset(&st, 0, sizeof st);
	sim_drift_result *r = calloc(1, sizeof *r);
	int rc;
	if (!r) {
		rc = common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
		goto done;
	}
	r->ref_name = strdup(sim_csv_name(ref));
	r->cur_name = strdup(sim_csv_name(cur));
	if (opt->time_column)
		r->time_column = strdup(opt->time_column);
	if (!r->ref_name || !r->cur_name || (opt->time_column && !r->time_column)) {
		rc = common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
		goto done;
	}
	r->test = opt->test;
	r->threshold = opt->threshold;
	r->drift_share = opt->drift_share;
	r->psi_bins = opt->psi_bins;
	if ((rc = read_header(ref, &rh, err)) || (rc = read_header(cur, &ch, err)))
		goto done;
	if ((rc = check_named(opt->categorical, opt->n_categorical, "--categorical",
			      &rh, &ch, err)) ||
	    (rc = check_named(opt->ignore, opt->n_ignore, "--ignore", &rh, &ch, err)))
		goto done;
	if (opt->time_column && find(&ch, opt->time_column) < 0) {
		rc = common_error_set(err, COMMON_EUSAGE, NULL, 0,
				      "--time-column names '%s', a column '%s' lacks",
				      opt->time_column, sim_csv_name(cur));
		goto done;
	}
	r->has_time = opt->time_column != NULL;
	if ((rc = plan(&rh, &ch, opt, &st, r, err)))
		goto done;
	if ((rc = read_reference(ref, &st, opt->time_column, err)) ||
	    (rc = dd_read_rows(cur, &st, 1, opt->time_column, err)))
		goto done;
	r->ref_rows = st.ref_rows;
	r->cur_rows = st.cur_rows;
	r->ref_bytes = sim_csv_bytes(ref);
	r->cur_bytes = sim_csv_bytes(cur);
	if ((rc = stats(&st, opt, r, err)))
		goto done;
	verdict(r, opt);
	timeliness(&st, opt, r);
done:
	header_free(&rh);
	header_free(&ch);
	state_free(&st);
	if (rc) {
		sim_drift_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int sim_drift_compare_files(const char *ref_path, const char *cur_path,
			    const sim_drift_options *opt,
			    sim_drift_result **out, common_error *err)
{
	sim_csv *ref = NULL, *cur = NULL;
	int rc = sim_csv_open(ref_path, &ref, err);
	if (!rc)
		rc = sim_csv_open(cur_path, &cur, err);
	if (!rc)
		rc = sim_drift_compare_csv(ref, cur, opt, out, err);
	sim_csv_free(ref);
	sim_csv_free(cur);
	return rc;
}
