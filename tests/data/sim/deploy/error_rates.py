#!/usr/bin/python3
"""tests/data/sim/deploy/error_rates.py: the exact error rates behind the
fixed-seed statistical tests of tests/sim/test_deploy.c (scipy 1.10).

Run once: /usr/bin/python3 tests/data/sim/deploy/error_rates.py
It prints each event's probability and the bounds the tests assert: for a
count X ~ Binomial(R, p) of R = 200 rollouts, the interval [lo, hi] with
P(X < lo) < 5e-7 and P(X > hi) < 5e-7, so a correct implementation fails
with probability below 1e-6 (the fixed seeds make each run deterministic).
When p is only bounded (pmin <= p <= pmax), lo uses pmin and hi uses pmax.

Arm counts of the tests: labels per step are fixed, correct counts are
binomial. The rules are those of sim/deploy.h, evaluated here with exact
integer arithmetic (canary) or the pooled z statistic (A/B)."""
import warnings

import numpy as np
from scipy.stats import binom, norm

# binom.pmf far in the tails underflows to 0 with a warning; 0 is right
warnings.simplefilter("ignore", RuntimeWarning)

R = 200
TAIL = 5e-7


def bounds(pmin, pmax):
    lo = 0
    while lo < R and binom.cdf(lo, R, pmin) < TAIL:  # P(X <= lo) < TAIL
        lo += 1
    hi = R
    while hi > 0 and binom.sf(hi - 1, R, pmax) < TAIL:  # P(X >= hi) < TAIL
        hi -= 1
    return lo, hi


# ---- canary --------------------------------------------------------------
# 1000 labels per step, interval 1, weights 5/25/50/100 %, max_drop 0.02,
# threshold 1, min_labels 50. Candidate labels n_c = 1000 w, production
# n_p = 1000 - n_c; at 100 % production has no label in the interval and
# the check uses production's labels since the start (950+750+500 = 2200).
# A check passes when x_c/n_c - x_p/n_p >= -0.02, i.e. (integers)
# 50 (x_c n_p - x_p n_c) >= -n_c n_p.
def canary_pass(pc, pp, nc, np_):
    xc = np.arange(nc + 1)
    # smallest failing x_p for each x_c: 50 x_p n_c > 50 x_c n_p + n_c n_p
    lim = (50 * xc * np_ + nc * np_) // (50 * nc)  # largest passing x_p
    lim = np.minimum(lim, np_)
    return float(np.sum(binom.pmf(xc, nc, pc) * binom.cdf(lim, np_, pp)))


STAGES = [(50, 950), (250, 750), (500, 500), (1000, 2200)]
for name, pc in (("worse", 0.70), ("better", 0.90)):
    pp = 0.85
    passes = [canary_pass(pc, pp, nc, np_) for nc, np_ in STAGES]
    p123 = passes[0] * passes[1] * passes[2]
    fail4 = 1 - passes[3]  # marginal: production's 2200 ~ Bin(2200, pp)
    pmin, pmax = max(p123 - fail4, 0.0), p123
    print(f"canary {name}: pass per check {passes}")
    print(f"  P(promote) in [{pmin:.6g}, {pmax:.6g}] -> promotions "
          f"in {bounds(pmin, pmax)}")
    q1 = 1 - passes[0]
    print(f"  P(rollback at the first check) {q1:.6g} -> count in "
          f"{bounds(q1, q1)}")

# ---- A/B -----------------------------------------------------------------
# split 0.5, 200 labels per arm per step, min_labels 200, alpha 0.05,
# max_steps 28; the test at look k uses n = 200 k labels per arm.
CRIT = norm.isf(0.025)


def look(pc, pp, n):
    """P(promote at a look), P(rollback at a look) on n labels per arm,
    marginally (cumulative counts are Bin(n, p))."""
    x = np.arange(n + 1)
    fc, fp = binom.pmf(x, n, pc), binom.pmf(x, n, pp)
    xc, xp = np.meshgrid(x, x, indexing="ij")
    pool = (xc + xp) / (2 * n)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (xc - xp) / n / np.sqrt(pool * (1 - pool) * 2 / n)
    z = np.where((pool > 0) & (pool < 1), z, 0.0)
    w = np.outer(fc, fp)
    return float(w[z > CRIT].sum()), float(w[z < -CRIT].sum())


for name, pc in (("worse", 0.70), ("better", 0.90)):
    pp = 0.85
    looks = [look(pc, pp, 200 * k) for k in range(1, 13)]
    prom1, roll1 = looks[0]
    if name == "worse":
        # not ROLLBACK => promoted at some look r < k, or look k did not
        # roll back; the best k
        bad = min(sum(l[0] for l in looks[:k - 1]) + (1 - looks[k - 1][1])
                  for k in range(1, 13))
        print(f"ab worse: P(not rollback) <= {bad:.6g} -> non-rollbacks "
              f"<= {bounds(bad, bad)[1]}")
        print(f"  P(rollback at look 1) {roll1:.6g} -> count in "
              f"{bounds(roll1, roll1)}")
    else:
        # not PROMOTE => rollback at some look r < k, or look k did not
        # promote; the best k
        best = min(sum(l[1] for l in looks[:k - 1]) + (1 - looks[k - 1][0])
                   for k in range(1, 13))
        print(f"ab better: P(not promote) <= {best:.6g} -> non-promotions "
              f"<= {bounds(best, best)[1]}")
        print(f"  P(promote at look 1) {prom1:.6g} -> count in "
              f"{bounds(prom1, prom1)}")

# ---- A/B with equal accuracies: the price of looking every step ------------
# Not asserted by a test (documented in docs/methodology/deployment.md):
# with 0.85 on both arms, 200 labels per arm per step and a test at every
# step, the share of rollouts that end significant within K looks,
# estimated by simulation (200,000 rollouts, seed 1; standard error
# <= 0.001). Armitage, McPherson and Rowe (1969) give 0.083 for 2 looks,
# 0.142 for 5 and 0.193 for 10 on normal data.
rng = np.random.default_rng(1)
N = 200000
for K in (1, 2, 5, 10, 28):
    xc = np.zeros(N)
    xp = np.zeros(N)
    done = np.zeros(N, bool)
    prom = np.zeros(N, bool)
    for k in range(1, K + 1):
        xc += rng.binomial(200, 0.85, N)
        xp += rng.binomial(200, 0.85, N)
        n = 200 * k
        pool = (xc + xp) / (2 * n)
        z = (xc - xp) / n / np.sqrt(pool * (1 - pool) * 2 / n)
        up, down = ~done & (z > CRIT), ~done & (z < -CRIT)
        prom |= up
        done |= up | down
    print(f"ab equal, {K} looks: significant {done.mean():.4f}, "
          f"false promotion {prom.mean():.4f}")
