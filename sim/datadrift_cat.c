/* sim/datadrift_cat.c: distinct-value table for categorical columns
 * (sim/datadrift_cat.h). */
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/datadrift_cat.h"

static unsigned long long fnv1a(const char *s, size_t n)
{
	unsigned long long h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int grow_arrays(dd_cat *t)
{
	size_t n = t->arrcap ? t->arrcap * 2 : 16;
	char **k = realloc(t->key, n * sizeof *k);
	if (k)
		t->key = k;
	size_t *kl = realloc(t->keylen, n * sizeof *kl);
	if (kl)
		t->keylen = kl;
	unsigned long long *h = realloc(t->hash, n * sizeof *h);
	if (h)
		t->hash = h;
	double *r = realloc(t->ref, n * sizeof *r);
	if (r)
		t->ref = r;
	double *c = realloc(t->cur, n * sizeof *c);
	if (c)
		t->cur = c;
	if (!k || !kl || !h || !r || !c)
		return -1;
	t->arrcap = n;
	return 0;
}

static int rehash(dd_cat *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	size_t *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t s = (size_t)t->hash[i] & (cap - 1);
		while (slot[s])
			s = (s + 1) & (cap - 1);
		slot[s] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return 0;
}

size_t dd_cat_find(dd_cat *t, const char *key, size_t len, int *is_new)
{
	*is_new = 0;
	if (t->n * 2 >= t->cap && rehash(t))
		return (size_t)-1;
	unsigned long long h = fnv1a(key, len);
	size_t s = (size_t)h & (t->cap - 1);
	while (t->slot[s]) {
		size_t i = t->slot[s] - 1;
		if (t->hash[i] == h && t->keylen[i] == len &&
		    memcmp(t->key[i], key, len) == 0)
			return i;
		s = (s + 1) & (t->cap - 1);
	}
	if (t->n == t->arrcap && grow_arrays(t))
		return (size_t)-1;
	char *copy = malloc(len + 1);
	if (!copy)
		return (size_t)-1;
	memcpy(copy, key, len);
	copy[len] = '\0';
	size_t i = t->n++;
	t->key[i] = copy;
	t->keylen[i] = len;
	t->hash[i] = h;
	t->ref[i] = t->cur[i] = 0;
	t->slot[s] = i + 1;
	*is_new = 1;
	return i;
}

void dd_cat_release(dd_cat *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->key[i]);
	free(t->slot);
	free(t->key);
	free(t->keylen);
	free(t->hash);
	free(t->ref);
	free(t->cur);
	memset(t, 0, sizeof *t);
}
