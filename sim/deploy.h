/* sim/deploy.h: deployment strategies as state machines (issue 3).
 *
 * A rollout starts when a candidate model becomes deployable and ends with
 * PROMOTE (the candidate becomes production) or ROLLBACK (production stays;
 * the candidate is discarded). The engine asks, at the start of each step,
 * how traffic is split; at the end of the step it reports the labelled
 * outcomes that ARRIVED this step for each arm (with the label delay, the
 * arm a label belongs to is the arm that served that request), and the
 * strategy decides. Strategies draw no random numbers: their noise is the
 * noise of the labelled sample, as in production.
 *
 *   basic:      PROMOTE at once (sim_deploy_start returns it).
 *   shadow:     the candidate scores a mirrored copy of all traffic for E
 *               steps, serving nobody; then PROMOTE if its accuracy on the
 *               arrived labels is not below production's by more than the
 *               margin, else ROLLBACK. Compute for both models all along.
 *   canary:     traffic weights w_1 < ... < w_k (e.g. 5, 25, 50, 100 %),
 *               each held for `interval` steps; at the end of each interval
 *               a check compares the candidate's accuracy on labels that
 *               arrived during the interval with production's; a check
 *               with fewer than min_labels candidate labels is extended by
 *               one step; a failed check (candidate worse by more than
 *               max_drop) counts; `threshold` failures -> ROLLBACK; the
 *               last weight passed -> PROMOTE (Flagger's analysis: interval,
 *               threshold, max weight, step weight).
 *   blue-green: PROMOTE at once (instant switch) but the old model stays
 *               warm for `watch` steps: sim_deploy_alarm during the watch
 *               -> instant ROLLBACK to it.
 *   A/B:        split s to the candidate; each step with at least
 *               min_labels per arm a two-proportion z-test (pooled) on the
 *               accuracies; p < alpha with the candidate better -> PROMOTE,
 *               with the candidate worse -> ROLLBACK; after max_steps with
 *               no significant result -> ROLLBACK (keep production). The
 *               repeated looks inflate the error rate; documented, as
 *               practitioners run it.
 *
 * Ownership: sim_deploy_new returns an object freed with sim_deploy_free;
 * it copies the config. */
#ifndef SIM_DEPLOY_H
#define SIM_DEPLOY_H

#include "common/error.h"
#include "sim/lifecycle.h"

typedef enum sim_deploy_decision {
	SIM_DEPLOY_CONTINUE, /* rollout goes on */
	SIM_DEPLOY_PROMOTE,  /* candidate becomes production */
	SIM_DEPLOY_ROLLBACK, /* candidate discarded */
} sim_deploy_decision;

/* Labelled outcomes that arrived in one step, per arm. */
typedef struct sim_arm_counts {
	double prod_n, prod_correct; /* labels of requests production served
					(or scored, for shadow) */
	double cand_n, cand_correct; /* labels of requests the candidate
					served (or scored in shadow) */
} sim_arm_counts;

typedef struct sim_deploy sim_deploy;

int sim_deploy_new(const sim_deploy_config *cfg, sim_deploy **out,
		   common_error *err);
void sim_deploy_free(sim_deploy *d);

/* Starts a rollout at step t. Returns PROMOTE for basic and blue-green,
 * CONTINUE otherwise. */
sim_deploy_decision sim_deploy_start(sim_deploy *d, long t);
/* True while a rollout is in progress (started, not yet decided). */
int sim_deploy_active(const sim_deploy *d);
/* Share of this step's requests the candidate SERVES (0 for shadow, whose
 * candidate serves nobody; 0 when no rollout is active). */
double sim_deploy_serve_share(const sim_deploy *d);
/* True when the candidate must score requests this step (canary, A/B,
 * shadow: all requests; basic, blue-green: never, they are promoted at
 * start). */
int sim_deploy_candidate_scores(const sim_deploy *d);
/* True when the candidate scores all requests without serving (shadow). */
int sim_deploy_mirrors(const sim_deploy *d);
/* End of step t: the outcomes that arrived; returns the decision. */
sim_deploy_decision sim_deploy_step(sim_deploy *d, long t,
				    const sim_arm_counts *c);
/* A monitoring alarm at step t: blue-green within its watch window
 * returns ROLLBACK (the previous model comes back); else CONTINUE. */
sim_deploy_decision sim_deploy_alarm(sim_deploy *d, long t);
/* True while a blue-green switch can still be rolled back at step t. */
int sim_deploy_in_watch(const sim_deploy *d, long t);
/* Forgets any rollout (a new replication). */
void sim_deploy_reset(sim_deploy *d);

#endif
