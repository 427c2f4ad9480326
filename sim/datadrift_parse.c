/* sim/datadrift_parse.c: the text rules of `mlopskit drift`: missing-value
 * tokens, decimal numbers (a fast exact path, strtod for the rest),
 * timestamps, and the test names and thresholds. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/datadrift.h"

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len)
{
	while (*len && blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && blank((*s)[*len - 1]))
		(*len)--;
}

int sim_drift_is_missing(const char *s, size_t len)
{
	if (len == 0)
		return 1;
	trim(&s, &len);
	switch (len) {
	case 0:
		return 1;
	case 2:
		return memcmp(s, "NA", 2) == 0;
	case 3:
		return memcmp(s, "NaN", 3) == 0 || memcmp(s, "nan", 3) == 0;
	case 4:
		return memcmp(s, "null", 4) == 0 || memcmp(s, "NULL", 4) == 0;
	default:
		return 0;
	}
}

/* Powers of ten exactly representable in a double. */
static const double pow10_exact[] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The common case in a few cycles: [-+]digits[.digits] with at most 19
 * digits in all (so the mantissa m is exact in 64 bits, leading zeros
 * included), m <= 2^53 and at most 22 decimals: Clinger's fast path (see
 * below) rounds exactly as strtod does. Returns 1 with *out set, or 0 when
 * the input is not of that simple shape (the caller then takes the general
 * path, which also decides whether it is a number at all). */
static inline int parse_simple(const char *p, const char *e, double *out)
{
	int neg = 0;
	if (p < e && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	const char *d0 = p;
	uint64_t m = 0;
	unsigned dg;
	while (p < e && (dg = (unsigned)(unsigned char)*p - '0') < 10) {
		m = m * 10 + dg;
		p++;
	}
	size_t nint = (size_t)(p - d0), nfrac = 0;
	if (p < e && *p == '.') {
		const char *f0 = ++p;
		while (p < e && (dg = (unsigned)(unsigned char)*p - '0') < 10) {
			m = m * 10 + dg;
			p++;
		}
		nfrac = (size_t)(p - f0);
	}
	if (p != e || nint + nfrac == 0 || nint + nfrac > 19 || nfrac > 22 ||
	    m > (UINT64_C(1) << 53))
		return 0;
	double v = (double)m;
	if (nfrac)
		v /= pow10_exact[nfrac];
	*out = neg ? -v : v;
	return 1;
}

int sim_drift_parse_number(const char *s, size_t len, double *out)
{
	const char *p = s, *e;
	if (len && !blank(s[0]) && !blank(s[len - 1]) &&
	    parse_simple(s, s + len, out))
		return 1;
	trim(&p, &len);
	e = p + len;
	if (p == e)
		return 0;
	const char *start = p;
	int neg = 0;
	if (*p == '+' || *p == '-') {
		neg = *p == '-';
		p++;
	}
	/* Clinger's fast path: with at most 19 significant digits forming an
	 * integer m <= 2^53 and a decimal exponent |k| <= 22, m and 10^k are
	 * exact doubles and one IEEE multiplication or division rounds
	 * m * 10^k correctly, i.e. exactly as strtod does. */
	uint64_t m = 0;
	int ndig = 0, nint = 0, nfrac = 0, exact = 1;
	long k = 0;
	while (p < e && *p >= '0' && *p <= '9') {
		if (ndig < 19) {
			m = m * 10 + (uint64_t)(*p - '0');
			if (m)
				ndig++;
		} else {
			exact = 0;
			k++;
		}
		nint++;
		p++;
	}
	if (p < e && *p == '.') {
		p++;
		while (p < e && *p >= '0' && *p <= '9') {
			if (ndig < 19) {
				m = m * 10 + (uint64_t)(*p - '0');
				if (m)
					ndig++;
				k--;
			} else {
				exact = 0;
			}
			nfrac++;
			p++;
		}
	}
	if (nint + nfrac == 0)
		return 0;
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		int eneg = 0;
		if (p < e && (*p == '+' || *p == '-')) {
			eneg = *p == '-';
			p++;
		}
		if (p == e || *p < '0' || *p > '9')
			return 0;
		long x = 0;
		while (p < e && *p >= '0' && *p <= '9') {
			if (x < 100000)
				x = x * 10 + (*p - '0');
			p++;
		}
		k += eneg ? -x : x;
	}
	if (p != e)
		return 0;
	if (exact && m <= (UINT64_C(1) << 53) && k >= -22 && k <= 22) {
		double v = (double)m;
		v = k < 0 ? v / pow10_exact[-k] : v * pow10_exact[k];
		*out = neg ? -v : v;
		return 1;
	}
	/* The general case: the syntax is checked, strtod rounds. It stops at
	 * the first byte that cannot continue a number, i.e. at e. */
	errno = 0;
	char *end;
	double v = strtod(start, &end);
	if (end != e)
		return 0;
	if (errno == ERANGE && isinf(v))
		return -1;
	*out = v;
	return 1;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's
 * days_from_civil). */
static long long days_from_civil(long long y, unsigned mo, unsigned d)
{
	y -= mo <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static int digits(const char *s, const char *e, int n, int *out)
{
	if (e - s < n)
		return 0;
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int sim_drift_parse_time(const char *s, size_t len, double *out)
{
	const char *p = s, *e;
	trim(&p, &len);
	e = p + len;
	int y, mo, d, hh = 0, mi = 0, ss = 0;
	double frac = 0;
	if (!(len >= 10 && digits(p, e, 4, &y) && p[4] == '-' &&
	      digits(p + 5, e, 2, &mo) && p[7] == '-' && digits(p + 8, e, 2, &d)))
		/* epoch seconds, within the years an ISO date can write */
		return sim_drift_parse_number(s, len + (size_t)(p - s), out) == 1 &&
		       *out >= SIM_DRIFT_TIME_MIN && *out < SIM_DRIFT_TIME_MAX;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return 0;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	p += 10;
	double zone = 0;
	if (p < e && (*p == 'T' || *p == ' ')) {
		p++;
		if (!(digits(p, e, 2, &hh) && p + 2 < e && p[2] == ':' &&
		      digits(p + 3, e, 2, &mi)))
			return 0;
		p += 5;
		if (p < e && *p == ':') {
			if (!digits(p + 1, e, 2, &ss))
				return 0;
			p += 3;
			if (p < e && (*p == '.' || *p == ',')) {
				p++;
				double scale = 0.1;
				if (p == e || *p < '0' || *p > '9')
					return 0;
				while (p < e && *p >= '0' && *p <= '9') {
					frac += (*p - '0') * scale;
					scale /= 10;
					p++;
				}
			}
		}
		if (hh > 23 || mi > 59 || ss > 60)
			return 0;
		if (p < e && *p == 'Z') {
			p++;
		} else if (p < e && (*p == '+' || *p == '-')) {
			int zs = *p == '-' ? -1 : 1, zh, zm;
			p++;
			if (!digits(p, e, 2, &zh))
				return 0;
			p += 2;
			if (p < e && *p == ':')
				p++;
			if (!digits(p, e, 2, &zm))
				return 0;
			p += 2;
			zone = zs * (zh * 3600.0 + zm * 60.0);
		}
	}
	if (p != e)
		return 0;
	double days = (double)days_from_civil(y, (unsigned)mo, (unsigned)d);
	*out = days * 86400.0 + hh * 3600.0 + mi * 60.0 + ss + frac - zone;
	return 1;
}

void sim_drift_format_time(double t, char *buf, size_t n)
{
	if (!isfinite(t)) {
		snprintf(buf, n, "-");
		return;
	}
	if (!(t >= SIM_DRIFT_TIME_MIN && t < SIM_DRIFT_TIME_MAX)) {
		/* no four-digit year (and whole seconds past 2^63 would not
		 * convert): the epoch seconds themselves */
		snprintf(buf, n, "%.15g", t);
		return;
	}
	double whole = floor(t);
	int ms = (int)llround((t - whole) * 1000.0);
	if (ms == 1000) {
		whole += 1;
		ms = 0;
	}
	long long secs = (long long)whole;
	long long days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	long long rem = secs - days * 86400;
	/* civil_from_days (H. Hinnant) */
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long y = (long long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned mo = mp < 10 ? mp + 3 : mp - 9;
	y += mo <= 2;
	int hh = (int)(rem / 3600), mi = (int)(rem / 60 % 60), ss = (int)(rem % 60);
	if (ms)
		snprintf(buf, n, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", y, mo, d,
			 hh, mi, ss, ms);
	else
		snprintf(buf, n, "%04lld-%02u-%02uT%02d:%02d:%02dZ", y, mo, d, hh,
			 mi, ss);
}

static const struct {
	const char *name;
	double threshold;
	int pvalue;
} tests[SIM_DRIFT_TEST_COUNT] = {
	[SIM_DRIFT_TEST_AUTO] = {"auto", NAN, 0},
	[SIM_DRIFT_TEST_KS] = {"ks", 0.05, 1},
	[SIM_DRIFT_TEST_CHISQUARE] = {"chisquare", 0.05, 1},
	[SIM_DRIFT_TEST_Z] = {"z", 0.05, 1},
	[SIM_DRIFT_TEST_PSI] = {"psi", 0.1, 0},
	[SIM_DRIFT_TEST_WASSERSTEIN] = {"wasserstein", 0.1, 0},
	[SIM_DRIFT_TEST_JENSENSHANNON] = {"jensenshannon", 0.1, 0},
};

const char *sim_drift_test_name(int test)
{
	return test >= 0 && test < SIM_DRIFT_TEST_COUNT ? tests[test].name : "?";
}

int sim_drift_test_from_name(const char *name)
{
	for (int t = 0; t < SIM_DRIFT_TEST_COUNT; t++)
		if (strcmp(name, tests[t].name) == 0)
			return t;
	return -1;
}

double sim_drift_test_default_threshold(int test)
{
	return test > 0 && test < SIM_DRIFT_TEST_COUNT ? tests[test].threshold : NAN;
}

int sim_drift_test_is_pvalue(int test)
{
	return test > 0 && test < SIM_DRIFT_TEST_COUNT && tests[test].pvalue;
}

int sim_drift_test_applies(int test, int type)
{
	if (test == SIM_DRIFT_TEST_KS || test == SIM_DRIFT_TEST_WASSERSTEIN)
		return type == SIM_DRIFT_NUMERIC;
	return test > 0 && test < SIM_DRIFT_TEST_COUNT;
}
