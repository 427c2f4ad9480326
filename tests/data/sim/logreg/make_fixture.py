#!/usr/bin/python3
"""Makes the logistic-regression fixture of tests/sim/test_logreg.c.

Run once with Debian's python3 + python3-sklearn (scikit-learn 1.2.1,
numpy 1.24) from this directory:  /usr/bin/python3 make_fixture.py
It writes one <name>.txt per dataset:

    # comment lines
    n d C
    intercept coef_1 ... coef_d        (scikit-learn's solution)
    x_1 ... x_d y                      (n data rows)

Expected coefficients are scikit-learn's
LogisticRegression(penalty='l2', C=C, fit_intercept=True,
solver='newton-cholesky', tol=1e-12, max_iter=10000). The brief asked for
solver='lbfgs' with tol=1e-12, but lbfgs also stops when the objective's
relative decrease falls below 64 * DBL_EPSILON (scipy's ftol as sklearn sets
it), which left up to 1.4e-4 error on the d=10 set: too loose for a 1e-4
test. lbfgs is still run, and its distance to the expected values is
written in each file's header (and must be below 1e-3: both solvers see the
same objective). The expected values are cross-checked against an
independent Newton solve in numpy (to 1e-9). Numbers are written with
repr(): exact doubles. sklearn is a tool for making this file only, never a
build or test dependency.
"""
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression


def newton(X, y, C):
    """Minimises 0.5||w||^2 + C sum logloss by plain Newton (numpy)."""
    n, d = X.shape
    Xt = np.hstack([X, np.ones((n, 1))])
    th = np.zeros(d + 1)
    pen = np.r_[np.ones(d), 0.0]
    for _ in range(200):
        z = Xt @ th
        p = 1 / (1 + np.exp(-z))
        g = C * Xt.T @ (p - y) + pen * th
        H = C * (Xt.T * (p * (1 - p))) @ Xt + np.diag(pen)
        s = np.linalg.solve(H, -g)
        th += s
        if np.max(np.abs(s)) < 1e-14 * (1 + np.max(np.abs(th))):
            break
    return th


def dataset(rng, n, d, beta, b0, mu, sigma):
    X = mu + sigma * rng.standard_normal((n, d))
    p = 1 / (1 + np.exp(-(X @ beta + b0)))
    y = (rng.random(n) < p).astype(int)
    return X, y


def write(name, X, y, C, note):
    n, d = X.shape
    def sk(solver):
        clf = LogisticRegression(penalty='l2', C=C, fit_intercept=True,
                                 solver=solver, tol=1e-12, max_iter=10000)
        clf.fit(X, y)
        assert clf.n_iter_[0] < 10000, (name, solver)
        return clf
    clf = sk('newton-cholesky')
    lb = sk('lbfgs')
    th = newton(X, y, C)
    want = np.r_[clf.coef_[0], clf.intercept_[0]]
    diff = np.max(np.abs(want - th))
    assert diff < 1e-9, (name, diff)
    lbdiff = np.max(np.abs(want - np.r_[lb.coef_[0], lb.intercept_[0]]))
    assert lbdiff < 1e-3, (name, lbdiff)
    with open(name + '.txt', 'w') as f:
        f.write('# made by make_fixture.py (scikit-learn %s, numpy %s): %s\n'
                % (sklearn.__version__, np.__version__, note))
        f.write('# newton-cholesky: %d iterations, max |sklearn - numpy '
                'newton| = %.3g; lbfgs: max |lbfgs - expected| = %.3g\n'
                % (clf.n_iter_[0], diff, lbdiff))
        f.write('%d %d %r\n' % (n, d, C))
        f.write(' '.join(repr(float(v)) for v in
                         [clf.intercept_[0]] + list(clf.coef_[0])) + '\n')
        for i in range(n):
            f.write(' '.join(repr(float(v)) for v in X[i]) + ' %d\n' % y[i])
    print(name, 'n=%d d=%d C=%g' % (n, d, C), 'diff %.2g' % diff,
          'lbfgs diff %.2g' % lbdiff, 'ones', int(y.sum()))


def main():
    rng = np.random.default_rng(20261128)
    X, y = dataset(rng, 200, 3, np.array([1.5, -2.0, 0.5]), 0.3, 0.0, 1.0)
    write('small', X, y, 1.0, 'n=200 d=3 standard normal features, C=1')

    d = 10
    beta = rng.normal(0, 1, d)
    mu = rng.normal(0, 2, d)
    sigma = rng.uniform(0.5, 3, d)
    X, y = dataset(rng, 1000, d, beta / sigma, -beta @ (mu / sigma), mu,
                   sigma)
    write('medium', X, y, 0.5, 'n=1000 d=10 shifted and scaled features, C=0.5')

    X, y = dataset(rng, 300, 2, np.array([12.0, -9.0]), 1.0, 0.0, 1.0)
    write('separable', X, y, 100.0,
          'n=300 d=2 nearly separable (|beta| = 15), weak penalty C=100')

    X, y = dataset(rng, 500, 5, np.array([1.0, 1.0, -1.0, 0.5, 2.0]), 0.0,
                   0.0, 1.0)
    write('strong', X, y, 0.01, 'n=500 d=5 strong penalty C=0.01')

    X, y = dataset(rng, 400, 4, np.array([0.8, -0.4, 0.3, 0.0]), -3.5, 0.0,
                   1.0)
    write('rare', X, y, 1.0,
          'n=400 d=4 rare positives (intercept -3.5, unpenalised), C=1')


if __name__ == '__main__':
    main()
