#!/usr/bin/python3
"""tests/data/sim/monitor/rates.py: the rates quoted in the comments of
tests/sim/test_monitor.c and in docs/methodology/monitoring.md for the
statistical monitor (numpy 1.24, scipy 1.10; Monte Carlo with a fixed seed).

  1. KS, alpha 0.05, drift_share 0.5, 10 independent columns: P(alarm) =
     P(Binomial(10, 0.05) >= 5).
  2. Chi-square on the reference deciles (Evidently's form: expected =
     reference counts scaled to the sample): per-column false-rejection
     rate at alpha 0.05 with reference m and sample n = 500, by simulation;
     then P(Binomial(10, rate) >= 5).
  3. Population PSI of N(shift, 1) on the deciles of N(0, 1).

Run: /usr/bin/python3 tests/data/sim/monitor/rates.py   (about a minute)
"""
import numpy as np
from scipy import stats
from scipy.stats import norm

print("KS per test: P(Bin(10, 0.05) >= 5) = %.3g" % stats.binom.sf(4, 10, 0.05))

rng = np.random.default_rng(5)
for m, reps in ((2000, 20000), (20000, 5000)):
    rej = 0
    for _ in range(reps):
        r = rng.normal(size=m)
        x = rng.normal(size=500)
        e = np.quantile(r, np.arange(1, 10) / 10)
        rc = np.bincount(np.searchsorted(e, r), minlength=10)
        cc = np.bincount(np.searchsorted(e, x), minlength=10)
        rej += stats.chisquare(cc, rc * 500 / m).pvalue < 0.05
    a = rej / reps
    print("chi-square, reference %d, sample 500: per-column rate %.3f "
          "(%d runs), P(>= 5 of 10) = %.2g" % (m, a, reps,
                                              stats.binom.sf(4, 10, a)))

p = np.full(10, 0.1)
e = norm.ppf(np.arange(1, 10) / 10)
for shift in (0.5, 1.0):
    q = np.diff(np.r_[0, norm.cdf(e - shift), 1])
    print("population PSI, shift %.1f sd: %.3f"
          % (shift, np.sum((p - q) * np.log(p / q))))
