#!/usr/bin/python3
# tests/data/sim/positive_rate.py: reference values of E[logistic(Z)],
# Z ~ N(m, s^2), for tests/sim/test_process.c (sim_process_positive_rate).
# Computed once with scipy.integrate.quad over the whole real line
# (independent of GSL's QAGS on [-12, 12] used by mlopskit):
#     /usr/bin/python3 tests/data/sim/positive_rate.py
# and pasted into the test's table. Not a build or test dependency.
import math
from scipy import integrate, stats
from scipy.special import expit

cases = [(1.0, 2.0), (-2.5, 3.0), (0.3, 0.5), (4.0, 10.0), (-1.0, 0.1)]
for m, s in cases:
    f = lambda z: stats.norm.pdf(z, m, s) * expit(z)
    v, e = integrate.quad(f, -math.inf, math.inf, epsabs=1e-14, epsrel=1e-13,
                          limit=500, points=None)
    print("{%.1f, %.1f, %.17g}, /* quad error %.1e */" % (m, s, v, e))
