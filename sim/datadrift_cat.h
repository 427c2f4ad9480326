/* sim/datadrift_cat.h: private to sim/datadrift_*.c: the per-column table
 * of distinct categorical values with reference and current counts
 * (open addressing, FNV-1a). Memory grows with the number of distinct
 * values only. */
#ifndef SIM_DATADRIFT_CAT_H
#define SIM_DATADRIFT_CAT_H

#include <stddef.h>

typedef struct dd_cat {
	size_t n, cap;      /* entries, slots (a power of two) */
	size_t *slot;       /* index + 1 into the arrays below; 0 = empty */
	char **key;         /* NUL-terminated copies */
	size_t *keylen;
	unsigned long long *hash;
	double *ref, *cur;  /* counts */
	size_t arrcap;
} dd_cat;

/* Index of key (inserted with zero counts when new; *is_new set), or
 * (size_t)-1 when out of memory. */
size_t dd_cat_find(dd_cat *t, const char *key, size_t len, int *is_new);
/* Empties the table but keeps nothing allocated. */
void dd_cat_release(dd_cat *t);

#endif
