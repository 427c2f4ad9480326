/* tests/assess/helpers.h: building small models and responses in memory
 * for libassess's suites. Every helper fails the running test on error. */
#ifndef TESTS_ASSESS_HELPERS_H
#define TESTS_ASSESS_HELPERS_H

#include "assess/assess.h"

/* The test model T (tests/assess/helpers.c): dimensions a (weight 1: a1
 * yes/no w1, a2 ordinal no/part/full w3, a3 number w2 with bands
 * [-inf,10) -> 1, [10,50] -> 0.5, (50,inf) -> 0) and b (weight 2: b1, b2
 * yes/no w1), every question na-allowed; bands low [0,0.5), mid
 * [0.5,0.8], high (0.8,1]; levels l0 (rank 0), l1 (a1 yes, b1 yes), l2
 * (a2 full, a3 at least 5, b2 yes). qagg/dagg: aggregation names. */
assess_model *tmodel_t(const char *qagg, const char *dagg);
/* A model from a whole document. */
assess_model *tmodel(const char *xml);

/* Responses to m by one respondent with these <answer> elements (or a
 * whole <respondent> list when the text starts with "<respondent"). */
assess_responses *tresp(const assess_model *m, const char *answers);

/* Responses and their result, freed together. */
typedef struct tscored {
	assess_responses *r;
	assess_result *res;
} tscored;
tscored tscore(const assess_model *m, const char *answers);
void tscored_free(tscored *s);

/* Index of a question / dimension id (fails the test when absent). */
size_t tq(const assess_model *m, const char *id);

/* Path of a test data file: $MLOPSKIT_SRC/tests/data/assess/<name>
 * (static buffer). */
const char *tdata(const char *name);

#endif
