/* assess/index.c: a small id -> index hash table (open addressing, FNV-1a),
 * so answers find their question in constant time when scoring thousands
 * of responses. Keys are borrowed: they must outlive the table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

struct slot {
	const char *key;
	size_t value;
};

struct assess_index {
	size_t cap; /* power of two, at least twice the entries */
	size_t n;
	struct slot *slots;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct assess_index *index_new(size_t capacity)
{
	struct assess_index *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	ix->cap = 16;
	while (ix->cap < 2 * capacity + 2)
		ix->cap *= 2;
	ix->slots = calloc(ix->cap, sizeof *ix->slots);
	if (!ix->slots) {
		free(ix);
		return NULL;
	}
	return ix;
}

static int grow(struct assess_index *ix)
{
	struct assess_index big = {ix->cap * 2, 0, NULL};
	big.slots = calloc(big.cap, sizeof *big.slots);
	if (!big.slots)
		return -1;
	for (size_t i = 0; i < ix->cap; i++)
		if (ix->slots[i].key)
			index_add(&big, ix->slots[i].key, ix->slots[i].value,
				  NULL);
	free(ix->slots);
	*ix = big;
	return 0;
}

int index_add(struct assess_index *ix, const char *key, size_t value,
	      size_t *prev)
{
	if (2 * (ix->n + 1) > ix->cap && grow(ix))
		return -1;
	size_t mask = ix->cap - 1;
	for (size_t i = (size_t)hash(key) & mask;; i = (i + 1) & mask) {
		if (!ix->slots[i].key) {
			ix->slots[i].key = key;
			ix->slots[i].value = value;
			ix->n++;
			return 0;
		}
		if (strcmp(ix->slots[i].key, key) == 0) {
			if (prev)
				*prev = ix->slots[i].value;
			return 1;
		}
	}
}

long index_get(const struct assess_index *ix, const char *key)
{
	size_t mask = ix->cap - 1;
	for (size_t i = (size_t)hash(key) & mask; ix->slots[i].key;
	     i = (i + 1) & mask)
		if (strcmp(ix->slots[i].key, key) == 0)
			return (long)ix->slots[i].value;
	return -1;
}

void index_free(struct assess_index *ix)
{
	if (!ix)
		return;
	free(ix->slots);
	free(ix);
}
