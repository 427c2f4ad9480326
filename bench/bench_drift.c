/* bench/bench_drift.c: `mlopskit drift` end to end on 1,000,000 rows x 20
 * numeric columns against a reference of the same size (issue 6; target:
 * under 2 s on one core). The two CSV files are generated once in a temp
 * directory ($TMPDIR or /tmp, reused when present), then compared through
 * the library call the command uses (sim_drift_compare_files); prints the
 * time and the CSV read rate in MB/s. Threads: OMP_NUM_THREADS (the column
 * statistics run in parallel); the one-core figure is taken with 1. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "common/common.h"
#include "sim/datadrift.h"

enum { ROWS = 1000000, COLS = 20 };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* xorshift64*: the benchmark only needs cheap deterministic values. */
static double unif(unsigned long long *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return (double)((*s * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static int make(const char *path, unsigned long long seed, double shift)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && sb.st_size > 0)
		return 0;
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return -1;
	static char buf[1 << 20];
	setvbuf(f, buf, _IOFBF, sizeof buf);
	for (int c = 0; c < COLS; c++)
		fprintf(f, "%sx%d", c ? "," : "", c);
	fputc('\n', f);
	unsigned long long s = seed;
	for (long r = 0; r < ROWS; r++) {
		for (int c = 0; c < COLS; c++) {
			/* a sum of uniforms: bell-shaped, 6 decimals like a
			 * typical export; half the columns shift */
			double v = unif(&s) + unif(&s) + unif(&s) - 1.5;
			if (c % 2)
				v += shift;
			fprintf(f, "%s%.6f", c ? "," : "", v * (c + 1));
		}
		fputc('\n', f);
	}
	if (fclose(f))
		return -1;
	return rename(tmp, path);
}

int main(void)
{
	const char *tmpdir = getenv("TMPDIR");
	char ref[4096], cur[4096];
	snprintf(ref, sizeof ref, "%s/mlopskit-bench-drift-ref.csv", tmpdir ? tmpdir : "/tmp");
	snprintf(cur, sizeof cur, "%s/mlopskit-bench-drift-cur.csv", tmpdir ? tmpdir : "/tmp");
	double t0 = now();
	if (make(ref, 1, 0) || make(cur, 2, 0.2)) {
		fprintf(stderr, "bench_drift: cannot write the CSV files in %s\n",
			tmpdir ? tmpdir : "/tmp");
		return 1;
	}
	double tgen = now() - t0;
	sim_drift_options opt;
	sim_drift_options_init(&opt);
	common_error err;
	common_error_clear(&err);
	int threads[2] = {1, omp_get_max_threads()};
	int runs = threads[1] > 1 ? 2 : 1;
	printf("input: 2 files x %d rows x %d numeric columns (generated in %.1f s, kept in %s)\n",
	       ROWS, COLS, tgen, tmpdir ? tmpdir : "/tmp");
	for (int k = 0; k < runs; k++) {
		omp_set_num_threads(threads[k]);
		sim_drift_result *r;
		double t1 = now();
		if (sim_drift_compare_files(ref, cur, &opt, &r, &err)) {
			fprintf(stderr, "bench_drift: %s:%ld: %s\n", err.file, err.line, err.msg);
			return 1;
		}
		double dt = now() - t1;
		double mb = (double)(r->ref_bytes + r->cur_bytes) / 1e6;
		printf("drift end to end, %d thread%s: %.2f s for %.0f MB (%.0f MB/s); "
		       "%zu of %zu columns drifted; target: under 2 s on one core%s\n",
		       threads[k], threads[k] > 1 ? "s" : "", dt, mb, mb / dt,
		       r->n_drifted, r->n_tested,
		       threads[k] == 1 ? (dt < 2 ? " (met)" : " (NOT met)") : "");
		sim_drift_result_free(r);
	}
	return 0;
}
