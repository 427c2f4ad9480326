/* assess/gaps.c: the gaps to the next level: exactly the requirements of
 * the level above the one reached (worst case) that are not met. Every
 * requirement of the levels below is met by definition of the staged
 * level, so these and only these block the next level. A gap whose
 * question has an unknown answer is marked: it might already be met. */
#include <stdlib.h>

#include "assess/internal.h"
#include "common/common.h"

int gaps_find(const assess_model *m, const double *lo, const double *hi,
	      const unsigned char *present, long level_lo, assess_result *res)
{
	res->gaps = NULL;
	res->ngaps = 0;
	if (m->nlevels == 0 || level_lo < 0 ||
	    (size_t)level_lo + 1 >= m->nlevels)
		return COMMON_OK;
	size_t next = (size_t)level_lo + 1;
	const assess_level *l = &m->levels[next];
	res->gaps = calloc(l->nreqs + 1, sizeof *res->gaps);
	if (!res->gaps)
		return COMMON_EIO;
	for (size_t k = 0; k < l->nreqs; k++) {
		if (req_met(&l->reqs[k], lo, present))
			continue;
		assess_gap *g = &res->gaps[res->ngaps++];
		g->level = next;
		g->req = k;
		g->question = l->reqs[k].question;
		g->unknown = req_met(&l->reqs[k], hi, present);
	}
	return COMMON_OK;
}
