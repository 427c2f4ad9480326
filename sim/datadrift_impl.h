/* sim/datadrift_impl.h: private to sim/datadrift_*.c: the accumulators one
 * comparison fills while streaming the two files, and the steps between
 * reading and the result. */
#ifndef SIM_DATADRIFT_IMPL_H
#define SIM_DATADRIFT_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* sim_drift_parse_number for text in a padded buffer: s[0..len) must be
 * followed by at least 16 readable, initialised bytes (sim_csv_record's
 * fields are). Returns the same as sim_drift_parse_number, bit for bit.
 *
 * The common field, [+-]digits[.digits] in at most 16 bytes with at most 8
 * digits on each side of the point, is classified with one 16-byte compare
 * and its digits converted 8 at a time (SWAR), so it costs no branch that
 * depends on the data (per-byte loops mispredict at every field end). Its
 * value m / 10^f (m <= 2^53 exact, f <= 8) is one correctly rounded
 * division, Clinger's fast path, as sim_drift_parse_number rounds;
 * anything else goes to sim_drift_parse_number. */
static inline uint64_t dd_swar_digits(const char *p, unsigned n)
{
	/* n in 1..8 ASCII digits; little-endian: the first digit is the
	 * lowest byte. Shifting the rest out leaves leading zero digits. */
	uint64_t w;
	memcpy(&w, p, sizeof w);
	w <<= 8 * (8 - n);
	w = ((w & UINT64_C(0x0F0F0F0F0F0F0F0F)) * 2561) >> 8;
	w = ((w & UINT64_C(0x00FF00FF00FF00FF)) * 6553601) >> 16;
	return ((w & UINT64_C(0x0000FFFF0000FFFF)) * UINT64_C(42949672960001)) >> 32;
}

static inline int dd_parse_number_padded(const char *s, size_t len, double *out)
{
#if defined(__SSE2__) && (defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
	static const uint64_t i10[] = {1, 10, 100, 1000, 10000, 100000,
				       1000000, 10000000, 100000000};
	if (len - 1 < 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i t = _mm_xor_si128(_mm_sub_epi8(b, _mm_set1_epi8('0')),
					  _mm_set1_epi8((char)0x80));
		unsigned valid = (1u << len) - 1;
		/* digit: (byte - '0') < 10 unsigned, i.e. signed after the flip */
		unsigned dig = (unsigned)_mm_movemask_epi8(
				       _mm_cmplt_epi8(t, _mm_set1_epi8((char)(0x80 + 10)))) & valid;
		unsigned dot = (unsigned)_mm_movemask_epi8(
				       _mm_cmpeq_epi8(b, _mm_set1_epi8('.'))) & valid;
		unsigned sgn = (unsigned)(s[0] == '-' || s[0] == '+');
		size_t dp = dot ? (size_t)__builtin_ctz(dot) : len;
		size_t nint = dp - sgn, nfrac = dot ? len - dp - 1 : 0;
		if ((dig | dot | sgn) == valid && !(dot & (dot - 1)) && dig &&
		    nint <= 8 && nfrac <= 8) {
			uint64_t m = (nint ? dd_swar_digits(s + sgn, (unsigned)nint) : 0) *
					     i10[nfrac] +
				     (nfrac ? dd_swar_digits(s + dp + 1, (unsigned)nfrac) : 0);
			if (m <= (UINT64_C(1) << 53)) {
				double v = (double)m;
				if (nfrac)
					v /= p10[nfrac];
				*out = s[0] == '-' ? -v : v;
				return 1;
			}
		}
	}
#endif
	return sim_drift_parse_number(s, len, out);
}

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
