/* sim/train_store.c: a ring of per-step row blocks (see train_store.h). */
#include "sim/train_store.h"

#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

struct sim_train_store {
	int d;
	long keep;     /* ring length in steps */
	long cap;      /* rows per step at most */
	double *X;     /* keep * cap * d */
	unsigned char *y; /* keep * cap */
	long *step;    /* step held by each slot, -1 when empty */
	size_t *n;     /* rows held by each slot */
	unsigned char *drawn; /* 0: the slot's rows are declared, not drawn */
};

void sim_train_range(long t, long delay, long window, long *lo, long *hi)
{
	*hi = t - delay - 1;
	*lo = *hi - window + 1;
	if (*lo < 0)
		*lo = 0;
}

int sim_train_store_new(int d, long keep, long cap, sim_train_store **out,
			common_error *err)
{
	*out = NULL;
	if (keep < 1)
		keep = 1;
	if (cap < 1)
		cap = 1;
	sim_train_store *st = calloc(1, sizeof *st);
	size_t rows = (size_t)keep * (size_t)cap;
	if (st) {
		st->d = d;
		st->keep = keep;
		st->cap = cap;
		st->X = malloc(rows * (size_t)d * sizeof *st->X);
		st->y = malloc(rows);
		st->step = malloc((size_t)keep * sizeof *st->step);
		st->n = calloc((size_t)keep, sizeof *st->n);
		st->drawn = calloc((size_t)keep, 1);
	}
	if (!st || !st->X || !st->y || !st->step || !st->n || !st->drawn) {
		sim_train_store_free(st);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for %zu training rows",
					rows);
	}
	sim_train_store_reset(st);
	*out = st;
	return COMMON_OK;
}

void sim_train_store_free(sim_train_store *st)
{
	if (!st)
		return;
	free(st->X);
	free(st->y);
	free(st->step);
	free(st->n);
	free(st->drawn);
	free(st);
}

void sim_train_store_reset(sim_train_store *st)
{
	for (long i = 0; i < st->keep; i++) {
		st->step[i] = -1;
		st->n[i] = 0;
		st->drawn[i] = 1;
	}
}

long sim_train_store_keep(const sim_train_store *st)
{
	return st->keep;
}

long sim_train_store_cap(const sim_train_store *st)
{
	return st->cap;
}

void sim_train_store_add(sim_train_store *st, long s, const double *X,
			 const unsigned char *y, size_t n)
{
	long slot = s % st->keep;
	if (st->step[slot] != s) {
		st->step[slot] = s;
		st->n[slot] = 0;
		st->drawn[slot] = 1;
	}
	size_t have = st->n[slot];
	if (n > (size_t)st->cap - have)
		n = (size_t)st->cap - have;
	size_t off = (size_t)slot * (size_t)st->cap + have;
	memcpy(st->X + off * (size_t)st->d, X, n * (size_t)st->d * sizeof *X);
	memcpy(st->y + off, y, n);
	st->n[slot] = have + n;
}

void sim_train_store_declare(sim_train_store *st, long s, size_t n)
{
	long slot = s % st->keep;
	st->step[slot] = s;
	st->n[slot] = n < (size_t)st->cap ? n : (size_t)st->cap;
	st->drawn[slot] = 0;
}

size_t sim_train_store_undrawn(sim_train_store *st, long s, double **X,
			       unsigned char **y)
{
	if (s < 0)
		return 0;
	long slot = s % st->keep;
	if (st->step[slot] != s || st->drawn[slot])
		return 0;
	size_t off = (size_t)slot * (size_t)st->cap;
	*X = st->X + off * (size_t)st->d;
	*y = st->y + off;
	return st->n[slot];
}

void sim_train_store_mark_drawn(sim_train_store *st, long s)
{
	if (s >= 0 && st->step[s % st->keep] == s)
		st->drawn[s % st->keep] = 1;
}

size_t sim_train_store_gather(const sim_train_store *st, long lo, long hi,
			      double *X, unsigned char *y, size_t rows_max)
{
	size_t k = 0;
	for (long s = lo; s <= hi; s++) {
		if (s < 0)
			continue;
		long slot = s % st->keep;
		if (st->step[slot] != s)
			continue; /* never stored or overwritten: not kept */
		size_t n = st->n[slot];
		if (k + n > rows_max)
			n = rows_max - k;
		size_t off = (size_t)slot * (size_t)st->cap;
		memcpy(X + k * (size_t)st->d, st->X + off * (size_t)st->d,
		       n * (size_t)st->d * sizeof *X);
		memcpy(y + k, st->y + off, n);
		k += n;
	}
	return k;
}

size_t sim_train_store_count(const sim_train_store *st, long lo, long hi)
{
	size_t k = 0;
	for (long s = lo < 0 ? 0 : lo; s <= hi; s++) {
		long slot = s % st->keep;
		if (st->step[slot] == s)
			k += st->n[slot];
	}
	return k;
}
