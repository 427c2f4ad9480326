/* assess/answer_text.c: an answer's value as the text a user typed or
 * would type (used by the JSON output, the summary and report builders). */
#include <math.h>
#include <stdio.h>

#include "assess/internal.h"
#include "common/common.h"

int assess_answer_value(const assess_question *q, const assess_answer *a,
			char *buf, size_t n)
{
	if (n == 0)
		return 0;
	buf[0] = '\0';
	switch (a->state) {
	case ASSESS_MISSING:
		return 0;
	case ASSESS_NA:
		snprintf(buf, n, "na");
		return 1;
	case ASSESS_UNKNOWN:
		snprintf(buf, n, "unknown");
		return 1;
	case ASSESS_VALUE:
		break;
	}
	if (q->kind == ASSESS_NUMBER)
		snprintf(buf, n, "%.15g", a->number);
	else if (a->opt_lo == a->opt_hi)
		snprintf(buf, n, "%s", q->options[a->opt_lo].value);
	else
		snprintf(buf, n, "%s..%s", q->options[a->opt_lo].value,
			 q->options[a->opt_hi].value);
	return 1;
}
