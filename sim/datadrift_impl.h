/* sim/datadrift_impl.h: private to sim/datadrift_*.c: the accumulators one
 * comparison fills while streaming the two files, and the steps between
 * reading and the result. */
#ifndef SIM_DATADRIFT_IMPL_H
#define SIM_DATADRIFT_IMPL_H

#include <stddef.h>

#include "sim/csv.h"
#include "sim/datadrift.h"
#include "sim/datadrift_cat.h"
#include "sim/stat.h"

typedef struct dd_vec {
	double *v;
	size_t n, cap;
} dd_vec;

typedef struct dd_col {
	char *name;
	int type;     /* enum sim_drift_type */
	int declared; /* --categorical */
	int demote;   /* found text after numbers: re-read as categorical */
	dd_vec ref, cur;  /* numeric values */
	dd_cat cat;       /* categorical values */
	size_t ref_missing, cur_missing, cur_mismatch;
} dd_col;

/* Field-map codes besides a column index. */
enum { DD_SKIP = -1, DD_TIME = -2 };

typedef struct dd_time {
	size_t values, missing;
	double min, max;
} dd_time;

typedef struct dd_state {
	dd_col *cols;
	size_t ncols;
	int *ref_map, *cur_map; /* field index -> column index or DD_* */
	size_t ref_nf, cur_nf;
	size_t ref_rows, cur_rows;
	dd_time ref_time, cur_time;
} dd_state;

#define DD_RESTART 1

/* Reads the data rows of one file (its header already read): which = 0
 * for the reference, 1 for the current file. Returns 0, DD_RESTART (a
 * reference column must be re-read as categorical: flags set in demote),
 * or a negative status. */
int dd_read_rows(sim_csv *csv, dd_state *st, int which, const char *time_name,
		 common_error *err);

/* Checks that s[0..len) is valid UTF-8. */
int dd_utf8_valid(const char *s, size_t len);

/* Empties the accumulators of a column (types kept). */
void dd_col_reset(dd_col *c);

/* Computes every statistic of column c into out (name not set) and decides
 * drift with opt's test or the default. Sorts c's vectors in place. */
int dd_column_stats(dd_col *c, const sim_drift_options *opt,
		    sim_drift_column *out, common_error *err);

/* Frees what a result column owns (not the struct itself). */
void dd_column_release(sim_drift_column *c);

#endif
