#!/usr/bin/python3
"""Makes the input streams of tests/sim/test_detect.c.

Run once from this directory: /usr/bin/python3 make_streams.py
(Python 3.11's random and numpy 1.24's legacy RandomState, both of which
keep their streams stable across versions.)

The streams are the examples in River's own documentation, whose printed
outputs are River's published reference behaviour:

  ddm_river.txt    random.Random(42): choices([0, 1], k=1000) followed by
                   choices([0, 1], k=1000, weights=[0.3, 0.7]).
                   River's DDM docstring (river/drift/binary/ddm.py):
                   "Warning detected at index 1084", "Change detected at
                   index 1334", "Warning detected at index 1492" (first
                   warning after start and after each change).
  ph_river.txt     random.Random(12345): choices([0, 1], k=1000) followed by
                   choices(range(4, 8), k=1000).
                   River's PageHinkley docstring (river 0.15+):
                   "Change detected at index 1006".
  np12345.txt      numpy.random.seed(12345): randint(2, size=1000) followed by
                   randint(4, high=8, size=1000).
                   River's PageHinkley docstring (river 0.8-0.10):
                   "Change detected at index 1009"; River's ADWIN docstring
                   (river 0.8-0.10): changes at 1023, 1055, 1087, 1119.

Each file holds one value per line. The script also prints where its ADWIN
transcription first cuts two deterministic step streams, the reference of
test_adwin_steps in tests/sim/test_detect.c. Before writing, the script runs plain
Python transcriptions of River's DDM, PageHinkley and ADWIN (the same
equations as sim/detect_*.c) on the streams and checks that they print
River's documented indices, so the streams are the right ones.
"""
import math
import random

import numpy as np


def ddm(stream, n_min=30, warn=2.0, drift=3.0):
    out = []
    n = 0.0
    p = 0.0
    p_min = s_min = ps_min = math.inf
    detected = False
    for i, x in enumerate(stream):
        if detected:
            n = 0.0
            p = 0.0
            p_min = s_min = ps_min = math.inf
            detected = False
        n += 1.0
        p += (1.0 / n) * (x - p)
        s = math.sqrt(p * (1 - p) / n)
        if n > n_min:
            if p + s <= ps_min:
                p_min, s_min, ps_min = p, s, p + s
            if p + s > p_min + drift * s_min:
                out.append((i, 'drift'))
                detected = True
            elif p + s > p_min + warn * s_min:
                out.append((i, 'warning'))
    return out


def page_hinkley(stream, min_instances=30, delta=0.005, lam=50.0,
                 alpha=1 - 0.0001):
    out = []
    count, mean, total = 1, 0.0, 0.0
    detected = False
    for i, x in enumerate(stream):
        if detected:
            count, mean, total = 1, 0.0, 0.0
            detected = False
        mean = mean + (x - mean) / float(count)
        total = max(0.0, alpha * total + (x - mean - delta))
        count += 1
        if count >= min_instances and total >= lam:
            out.append(i)
            detected = True
    return out


class Adwin:
    """River's AdaptiveWindowing (river/drift/adwin_c.pyx), transcribed."""

    def __init__(self, delta=0.002, clock=32, max_buckets=5, min_len=5,
                 grace=10):
        self.delta, self.clock, self.m = delta, clock, max_buckets
        self.min_len, self.grace = min_len, grace
        self.rows = [([], [])]  # per row: totals, variances (oldest first)
        self.total = self.variance = self.width = 0.0
        self.tick = 0

    def update(self, x):
        t, v = self.rows[0]
        t.append(float(x))
        v.append(0.0)
        self.width += 1
        if self.width > 1:
            mu = self.total / (self.width - 1)
            self.variance += (self.width - 1) * (x - mu) * (x - mu) / self.width
        self.total += x
        idx = 0
        while idx < len(self.rows):
            t, v = self.rows[idx]
            if len(t) != self.m + 1:
                break
            if idx + 1 == len(self.rows):
                self.rows.append(([], []))
            n1 = n2 = 2.0 ** idx
            mu1, mu2 = t[0] / n1, t[1] / n2
            nt, nv = self.rows[idx + 1]
            nt.append(t[0] + t[1])
            nv.append(v[0] + v[1] + n1 * n2 * (mu1 - mu2) ** 2 / (n1 + n2))
            del t[:2], v[:2]
            if len(nt) <= self.m:
                break
            idx += 1
        return self.detect()

    def delete_oldest(self):
        row = len(self.rows) - 1
        t, v = self.rows[row]
        n = 2.0 ** row
        u, var = t[0], v[0]
        self.width -= n
        self.total -= u
        mu_w = self.total / self.width
        self.variance -= var + n * self.width * (u / n - mu_w) ** 2 / (n + self.width)
        del t[0], v[0]
        if not t:
            self.rows.pop()
        return n

    def cut(self, n0, n1, dmean):
        dp = math.log(2 * math.log(self.width) / self.delta)
        m = 1.0 / (n0 - self.min_len + 1) + 1.0 / (n1 - self.min_len + 1)
        # River would take the root of a slightly negative variance (left by
        # rounding after deletions) and get NaN, which never cuts; we clamp
        # at 0, as sim/detect_adwin.c does
        var = max(0.0, self.variance / self.width)
        eps = math.sqrt(2 * m * var * dp) + 2 / 3 * dp * m
        return abs(dmean) > eps

    def detect(self):
        change = False
        self.tick += 1
        if self.tick % self.clock != 0 or self.width <= self.grace:
            return False
        again = True
        while again:
            again = False
            stop = False
            n0, n1, u0, u1 = 0.0, self.width, 0.0, self.total
            for idx in range(len(self.rows) - 1, -1, -1):
                if stop:
                    break
                t, v = self.rows[idx]
                for k in range(len(t) - 1):
                    size = 2.0 ** idx
                    n0 += size
                    n1 -= size
                    u0 += t[k]
                    u1 -= t[k]
                    if idx == 0 and k == len(t) - 1:
                        stop = True
                        break
                    if (n1 >= self.min_len and n0 >= self.min_len
                            and self.cut(n0, n1, u0 / n0 - u1 / n1)):
                        again = change = True
                        if self.width > 0:
                            n0 -= self.delete_oldest()
                            stop = True
                            break
        return change


def adwin(stream):
    a = Adwin()
    return [i for i, x in enumerate(stream) if a.update(x)]


def first_warnings(events):
    """River's docstring prints the first warning after start or a change."""
    out, armed = [], True
    for i, kind in events:
        if kind == 'warning' and armed:
            out.append(('warning', i))
            armed = False
        if kind == 'drift':
            out.append(('drift', i))
            armed = True
    return out


def write(name, stream):
    with open(name, 'w') as f:
        for x in stream:
            f.write('%d\n' % x)


def main():
    rng = random.Random(42)
    s = rng.choices([0, 1], k=1000)
    s += rng.choices([0, 1], k=1000, weights=[0.3, 0.7])
    got = first_warnings(ddm(s))
    assert got == [('warning', 1084), ('drift', 1334), ('warning', 1492)], got
    write('ddm_river.txt', s)

    rng = random.Random(12345)
    s = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
    assert page_hinkley(s) == [1006], page_hinkley(s)
    write('ph_river.txt', s)

    np.random.seed(12345)
    s = np.concatenate((np.random.randint(2, size=1000),
                        np.random.randint(4, high=8, size=1000)))
    s = [int(x) for x in s]
    assert page_hinkley(s) == [1009], page_hinkley(s)
    assert adwin(s) == [1023, 1055, 1087, 1119], adwin(s)
    write('np12345.txt', s)
    print('streams written; River documentation indices reproduced')
    print('adwin on 320 zeros then 320 ones:', adwin([0] * 320 + [1] * 320))
    print('adwin on 100 x 0.2 then 100 x 0.8:',
          adwin([0.2] * 100 + [0.8] * 100))


if __name__ == '__main__':
    main()
