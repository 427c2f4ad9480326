/* fuzz/fuzz_csv.c: libFuzzer harness for the CSV reader, the number and
 * time parsers, and the whole drift comparison.
 *
 * Input: REFERENCE CSV, a NUL byte, CURRENT CSV (no NUL: the same text is
 * both). For each input:
 *   1. the reader walks every record of the whole input; every field is
 *      touched to its reported length (ASan checks the bounds) and parsed
 *      with sim_drift_parse_number, which must agree bit for bit with
 *      strtod whenever it accepts (its documented contract), and with
 *      sim_drift_parse_time;
 *   2. sim_drift_compare_csv runs on the two halves with the default
 *      options, then with a test chosen by the input length and the time
 *      column "time", and the result is written as JSON.
 * Built and run by `make fuzz` (fuzz/run.sh, docs/hardening.md). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "fuzz/fuzz.h"
#include "sim/csv.h"
#include "sim/datadrift.h"

static void check_number(const char *s, size_t len)
{
	double v = 0.0;
	int r = sim_drift_parse_number(s, len, &v);
	if (r != 1 || strlen(s) != len)
		return;
	char *end;
	errno = 0;
	double w = strtod(s, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	FUZZ_ASSERT(*end == '\0');
	FUZZ_ASSERT(memcmp(&v, &w, sizeof v) == 0 || (v == 0 && w == 0));
}

static void walk(const char *buf, size_t len)
{
	sim_csv *c = NULL;
	common_error err;
	common_error_clear(&err);
	FUZZ_ASSERT(sim_csv_open_memory(buf, len, "fuzz.csv", &c, &err) == 0);
	int r;
	volatile unsigned char sink = 0;
	while ((r = sim_csv_next(c, &err)) == 1) {
		size_t n = sim_csv_nfields(c);
		FUZZ_ASSERT(n >= 1);
		FUZZ_ASSERT(sim_csv_line(c) >= 1);
		for (size_t i = 0; i < n; i++) {
			size_t flen = 0;
			const char *f = sim_csv_field(c, i, &flen);
			for (size_t k = 0; k <= flen; k++)
				sink ^= (unsigned char)f[k];
			FUZZ_ASSERT(f[flen] == '\0');
			check_number(f, flen);
			double t;
			(void)sim_drift_parse_time(f, flen, &t);
			(void)sim_drift_is_missing(f, flen);
		}
	}
	if (r < 0)
		fuzz_check_error(r, &err);
	sim_csv_free(c);
	(void)sink;
}

static void compare(const char *a, size_t alen, const char *b, size_t blen,
		    int variant)
{
	common_error err;
	common_error_clear(&err);
	sim_csv *ref = NULL, *cur = NULL;
	FUZZ_ASSERT(sim_csv_open_memory(a, alen, "ref.csv", &ref, &err) == 0);
	FUZZ_ASSERT(sim_csv_open_memory(b, blen, "cur.csv", &cur, &err) == 0);
	sim_drift_options opt;
	sim_drift_options_init(&opt);
	if (variant) {
		opt.test = (int)((alen + blen) % SIM_DRIFT_TEST_COUNT);
		opt.time_column = "time";
		opt.now = 1.7e9;
	}
	sim_drift_result *res = NULL;
	int st = sim_drift_compare_csv(ref, cur, &opt, &res, &err);
	if (st == 0) {
		json_t *js = sim_drift_result_json(res);
		FUZZ_ASSERT(js != NULL);
		json_decref(js);
		sim_drift_result_free(res);
	} else {
		fuzz_check_error(st, &err);
	}
	sim_csv_free(ref);
	sim_csv_free(cur);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	walk(buf, size);
	const char *nul = memchr(buf, '\0', size);
	const char *a = buf, *b = buf;
	size_t alen = size, blen = size;
	if (nul) {
		alen = (size_t)(nul - buf);
		b = nul + 1;
		blen = size - alen - 1;
	}
	compare(a, alen, b, blen, 0);
	compare(a, alen, b, blen, 1);
	return 0;
}
