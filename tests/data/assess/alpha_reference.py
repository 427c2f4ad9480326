#!/usr/bin/env python3
"""Independent computation of Krippendorff's alpha for the worked examples in
K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), used by
tests/assess/test_alpha.c. Written from the pairwise definition
    alpha = 1 - D_o / D_e,
    D_o = (1/n) sum_u sum_{i != j in u} delta(v_i, v_j) / (m_u - 1),
    D_e = 1/(n(n-1)) sum_{a != b over all pairable values} delta(v_a, v_b)
(no coincidence matrix), so it shares no code path with assess/alpha.c.
The ordinal delta needs the value frequencies n_g, taken over pairable values.
Run: python3 tests/data/assess/alpha_reference.py"""
import math

NAN = float("nan")
# Example C of the paper (section C, "nominal data, any number of observers,
# missing values"): 4 observers x 12 units; the paper gives
# alpha_nominal = 0.743 (and, in section E, interval 0.849, ordinal 0.815,
# ratio 0.797 for the same data).
EXAMPLE_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]
# Example A (binary data, two observers, ten units): the paper gives 0.095.
EXAMPLE_A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]


def alpha(rows, metric):
    units = []
    for u in range(len(rows[0])):
        vals = [r[u] for r in rows if not math.isnan(r[u])]
        if len(vals) >= 2:
            units.append(vals)
    allv = [v for u in units for v in u]
    n = len(allv)
    freq = {}
    for v in allv:
        freq[v] = freq.get(v, 0) + 1
    order = sorted(freq)

    def delta(c, k):
        if c == k:
            return 0.0
        if metric == "nominal":
            return 1.0
        if metric == "interval":
            return (c - k) ** 2
        if metric == "ratio":
            return ((c - k) / (c + k)) ** 2 if c + k else 0.0
        a, b = sorted((c, k))
        s = sum(freq[g] for g in order if a <= g <= b) - (freq[a] + freq[b]) / 2
        return s * s

    do = 0.0
    for u in units:
        m = len(u)
        for i in range(m):
            for j in range(m):
                if i != j:
                    do += delta(u[i], u[j]) / (m - 1)
    do /= n
    de = 0.0
    for i in range(n):
        for j in range(n):
            if i != j:
                de += delta(allv[i], allv[j])
    de /= n * (n - 1)
    return 1 - do / de


if __name__ == "__main__":
    for name, rows in (("A", EXAMPLE_A), ("C", EXAMPLE_C)):
        for metric in ("nominal", "ordinal", "interval", "ratio"):
            print(f"example {name} {metric:8s} {alpha(rows, metric):.17g}")
