/* assess/consistency.c: the model's consistency rules (answers that
 * contradict each other, e.g. automatic retraining without drift
 * monitoring). A rule whose condition is true fires; one that depends on
 * unknown answers "may fire" and is listed as such. */
#include <stdlib.h>

#include "assess/internal.h"
#include "common/common.h"

int consistency_check(const assess_model *m, const assess_answer *answers,
		      assess_result *res)
{
	res->findings = calloc(m->nrules + 1, sizeof *res->findings);
	res->nfindings = 0;
	if (!res->findings)
		return COMMON_EIO;
	for (size_t i = 0; i < m->nrules; i++) {
		enum tri t = cond_eval(m, m->rules[i].when, answers);
		if (t == TRI_FALSE)
			continue;
		assess_finding *f = &res->findings[res->nfindings++];
		f->rule = i;
		f->certain = t == TRI_TRUE;
	}
	return COMMON_OK;
}
