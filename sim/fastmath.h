/* sim/fastmath.h: exp and softplus for the simulator's hottest loops,
 * written so that GCC vectorises them under `#pragma omp simd`.
 *
 * libm's exp/log1p are scalar calls; the per-request engine needs one
 * softplus (log loss) and one logistic (outcome draw) per request. These
 * versions are plain arithmetic (no libm, no lookup tables), so they give
 * the same bits on every x86-64 machine for a given binary, and they are
 * accurate to a few ulps (tests/sim/test_fastmath.c checks them against
 * libm over their whole range):
 *   sim_fast_exp(x), |x| <= 700 (callers clamp, with sim_fast_clamp, in
 *     a scalar pass: a clamp inside the loop stops GCC vectorising it):
 *     Cody-Waite reduction x = k ln2 + r,
 *     |r| <= ln2/2, exp(r) by its Taylor polynomial of degree 12
 *     (truncation below 2e-16 relative), times 2^k built from its bits;
 *   sim_fast_log1p01(e), 0 <= e <= 1: log(1+e) = 2 atanh(t), t = e/(2+e)
 *     <= 1/3, by the atanh series to t^29 (truncation below 1e-15 abs).
 * Sources: Cody and Waite, "Software Manual for the Elementary Functions"
 * (1980); Muller, "Elementary Functions" (2016), ch. 11. */
#ifndef SIM_FASTMATH_H
#define SIM_FASTMATH_H

#include <stdint.h>
#include <math.h>

/* The constants and Horner steps both versions share (scalar and two-lane
 * below): one text, so they perform exactly the same operations. */
#define SIM_FAST_SHIFT 0x1.8p52         /* adding it rounds to an integer */
#define SIM_FAST_SHIFT_BITS 0x4338000000000000ULL
#define SIM_FAST_LOG2E 0x1.71547652b82fep0
/* ln2 split in a high part with trailing zeros and the rest, so kd * ln2_hi
 * is exact */
#define SIM_FAST_LN2_HI 0x1.62e42feep-1
#define SIM_FAST_LN2_LO 0x1.a39ef35793c76p-33
/* exp(r) = p(r), Taylor to degree 12, from p = 1/12! */
#define SIM_FAST_EXP_HORNER(p, r)            \
	do {                                 \
		p = p * r + 1.0 / 39916800.0; \
		p = p * r + 1.0 / 3628800.0;  \
		p = p * r + 1.0 / 362880.0;   \
		p = p * r + 1.0 / 40320.0;    \
		p = p * r + 1.0 / 5040.0;     \
		p = p * r + 1.0 / 720.0;      \
		p = p * r + 1.0 / 120.0;      \
		p = p * r + 1.0 / 24.0;       \
		p = p * r + 1.0 / 6.0;        \
		p = p * r + 0.5;              \
		p = p * r + 1.0;              \
		p = p * r + 1.0;              \
	} while (0)
/* 2 atanh(t) / t in t2 = t^2, to t^28, from p = 2/29 */
#define SIM_FAST_ATANH_HORNER(p, t2)  \
	do {                          \
		p = p * t2 + 2.0 / 27; \
		p = p * t2 + 2.0 / 25; \
		p = p * t2 + 2.0 / 23; \
		p = p * t2 + 2.0 / 21; \
		p = p * t2 + 2.0 / 19; \
		p = p * t2 + 2.0 / 17; \
		p = p * t2 + 2.0 / 15; \
		p = p * t2 + 2.0 / 13; \
		p = p * t2 + 2.0 / 11; \
		p = p * t2 + 2.0 / 9;  \
		p = p * t2 + 2.0 / 7;  \
		p = p * t2 + 2.0 / 5;  \
		p = p * t2 + 2.0 / 3;  \
		p = p * t2 + 2.0;      \
	} while (0)

/* Reading a double's bits through a union is defined in C11 (6.5.2.3) and,
 * unlike memcpy, keeps the loop vectorisable. */
union sim_fast_bits {
	double d;
	uint64_t u;
};

static inline double sim_fast_exp(double x)
{
	double kd = x * SIM_FAST_LOG2E + SIM_FAST_SHIFT;
	union sim_fast_bits kb = {.d = kd};
	kd -= SIM_FAST_SHIFT;
	double r = x - kd * SIM_FAST_LN2_HI;
	r = r - kd * SIM_FAST_LN2_LO;
	double p = 1.0 / 479001600.0;
	SIM_FAST_EXP_HORNER(p, r);
	/* 2^k: k is the low bits of kb (kd was shift + k exactly) */
	uint64_t k = kb.u - SIM_FAST_SHIFT_BITS;
	union sim_fast_bits sb = {.u = (k + 1023) << 52};
	return p * sb.d;
}

static inline double sim_fast_log1p01(double e)
{
	double t = e / (2.0 + e);
	double t2 = t * t;
	double p = 2.0 / 29;
	SIM_FAST_ATANH_HORNER(p, t2);
	return p * t;
}

/* x limited to [-700, 700], the domain of sim_fast_exp. */
static inline double sim_fast_clamp(double x)
{
	return x > 700.0 ? 700.0 : (x < -700.0 ? -700.0 : x);
}

/* log(1 + exp(v)) for |v| <= 700. */
static inline double sim_fast_softplus(double v)
{
	double a = fabs(v);
	return 0.5 * (v + a) + sim_fast_log1p01(sim_fast_exp(-a));
}

/* 1 / (1 + exp(-z)) for |z| <= 700. */
static inline double sim_fast_logistic(double z)
{
	return 1.0 / (1.0 + sim_fast_exp(-z));
}

/* Two lanes at a time with GCC's vector extensions, for the engine's log
 * loss: the same operations as sim_fast_softplus lane by lane (so each lane
 * gives the scalar function's bits), written out because GCC 12 at -O2
 * does not vectorise the scalar version's loop. Returns the sum
 * softplus(v[0]) + softplus(v[1]) + ... over n values (|v| <= 700), lanes
 * summed separately and added at the end: a fixed order, so results are
 * reproducible. */
typedef double sim_v2d __attribute__((vector_size(16)));
typedef long long sim_v2i __attribute__((vector_size(16)));

static inline sim_v2d sim_fast_exp2(sim_v2d x)
{
	sim_v2d kd = x * SIM_FAST_LOG2E + SIM_FAST_SHIFT;
	sim_v2i kb = (sim_v2i)kd;
	kd -= SIM_FAST_SHIFT;
	sim_v2d r = x - kd * SIM_FAST_LN2_HI;
	r = r - kd * SIM_FAST_LN2_LO;
	sim_v2d p = {1.0 / 479001600.0, 1.0 / 479001600.0};
	SIM_FAST_EXP_HORNER(p, r);
	sim_v2i k = kb - (long long)SIM_FAST_SHIFT_BITS;
	sim_v2i sb = (k + 1023) << 52;
	return p * (sim_v2d)sb;
}

static inline sim_v2d sim_fast_log1p01_2(sim_v2d e)
{
	sim_v2d t = e / (2.0 + e);
	sim_v2d t2 = t * t;
	sim_v2d p = {2.0 / 29, 2.0 / 29};
	SIM_FAST_ATANH_HORNER(p, t2);
	return p * t;
}

static inline sim_v2d sim_fast_softplus2(sim_v2d v)
{
	const sim_v2i nosign = {0x7fffffffffffffffLL, 0x7fffffffffffffffLL};
	sim_v2d a = (sim_v2d)((sim_v2i)v & nosign);
	return 0.5 * (v + a) + sim_fast_log1p01_2(sim_fast_exp2(-a));
}

#endif
