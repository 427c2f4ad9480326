/* assess/simmap.h: what a maturity model's answers mean in the simulator
 * (issue 9), and the plan of what-if variants for one assessed team.
 *
 * A model may carry an optional <simulation> element
 * (docs/format-model.md, "Simulation mapping"): per question, per answer
 * (an option value, or an interval of a number), a list of what-if
 * parameters <set param value/> named exactly as sim_param_set names them
 * (docs/format-scenario.md, "Settable parameters"). libassess only carries
 * these as strings: it does not link libsim, and the names and values are
 * checked against a scenario by whoever applies them (cli/bridge.c). The
 * plan turns an assessment into variants: the team as it is, one variant
 * per next-best action whose question is mapped (that question raised to
 * its best answer, alone), and the top three mapped actions together.
 * Rationale of the built-in mappings: docs/methodology/bridge.md.
 *
 * Ownership: *_new / *_load / *_from_doc outputs are the caller's, freed
 * with the matching *_free (NULL accepted). A map borrows nothing from its
 * document; it indexes the model it was read against (free it first or
 * with it). A plan borrows the map's strings and indexes the result's
 * actions: free the plan before the map and the result. */
#ifndef ASSESS_SIMMAP_H
#define ASSESS_SIMMAP_H

#include <stddef.h>

#include <libxml/tree.h>

#include "assess/assess.h"
#include "common/error.h"

/* One what-if parameter as written: sim_param_set(sc, param, value). */
typedef struct assess_sim_set {
	char *param;
	char *value;
	long line;
} assess_sim_set;

/* What one answer means: the sets applied when a team gives it. */
typedef struct assess_sim_answer {
	long option;          /* option index (yes/no, ordinal); -1: number */
	assess_interval range; /* numbers: the answers this entry covers */
	assess_sim_set *sets; /* nsets, in document order (may be 0) */
	size_t nsets;
	long line;
} assess_sim_answer;

typedef struct assess_sim_map {
	size_t question; /* index into model->questions */
	assess_sim_answer *answers;
	size_t nanswers;
	long line;
} assess_sim_map;

typedef struct assess_simmap {
	char *file; /* the model document, for messages */
	assess_sim_map *maps; /* in document order: the order sets apply */
	size_t nmaps;        /* 0: the model has no <simulation> */
} assess_simmap;

/* Reads doc's <simulation> (absent: an empty map) against model m, read
 * from the same document. Checked (COMMON_EINPUT at the line): unknown
 * question, a question mapped twice, an option value not on the
 * question's scale or given twice, a value on a number question or an
 * interval on an option question, overlapping intervals, an interval
 * with no point in the question's [min, max], a parameter set twice in one answer.
 * Borrows doc and m. */
int assess_simmap_from_doc(const assess_model *m, xmlDocPtr doc,
			   const char *file, assess_simmap **out,
			   common_error *err);
/* Reads the mapping of model m from where m was loaded (m->file: a
 * built-in resource name or a file path), validating the document again;
 * the document's model id and version must be m's. */
int assess_simmap_load(const assess_model *m, assess_simmap **out,
		       common_error *err);
void assess_simmap_free(assess_simmap *sm);

/* The map of question q, or NULL. */
const assess_sim_map *assess_simmap_find(const assess_simmap *sm, size_t q);
/* The entry of map for an option index (option >= 0) or a number (option
 * -1, number x), or NULL when the model maps nothing for that answer. */
const assess_sim_answer *assess_sim_map_match(const assess_sim_map *map,
					      long option, double x);

/* ---- the plan for one team ----------------------------------------------- */

/* Why a mapped question leaves the scenario's value in the as-is variant. */
enum assess_sim_asis {
	ASSESS_SIM_ASIS_SET = 0,  /* the team's answer maps to sets */
	ASSESS_SIM_ASIS_UNMAPPED, /* the answer has no entry in the map */
	ASSESS_SIM_ASIS_UNKNOWN,  /* answered "unknown" */
	ASSESS_SIM_ASIS_NA,       /* not applicable */
	ASSESS_SIM_ASIS_MISSING,  /* not answered */
};

/* One variant: the deduplicated sets (a parameter set by several maps
 * keeps the value of the last, in the position of the last), borrowed
 * from the map. */
typedef struct assess_sim_variant {
	char *name;       /* "as-is", "<question> -> <answer>", "top 3: ..." */
	size_t *actions;  /* indices into the result's actions (0 for as-is) */
	size_t nactions;
	const char **params;
	const char **values;
	size_t nsets;
} assess_sim_variant;

/* Why a next-best action has no variant of its own. */
enum assess_sim_skip {
	ASSESS_SIM_SKIP_UNMAPPED = 1, /* its question has no map */
	ASSESS_SIM_SKIP_NO_CHANGE,    /* its target changes no parameter */
};

typedef struct assess_sim_skipped {
	size_t action; /* index into the result's actions */
	enum assess_sim_skip why;
} assess_sim_skipped;

typedef struct assess_sim_plan {
	const assess_result *result; /* borrowed */
	const assess_simmap *map;    /* borrowed */
	/* variants[0] is as-is; then one per simulated action in the
	 * assessment's order; then, with two or more of them, the first
	 * (up to) three together */
	assess_sim_variant *variants;
	size_t nvariants;
	size_t nsingle;      /* variants[1..nsingle]: one action each */
	int has_combined;    /* variants[nvariants-1] is the combination */
	enum assess_sim_asis *asis; /* per map: why (not) set as-is */
	assess_sim_skipped *skipped;
	size_t nskipped;
} assess_sim_plan;

/* Builds the plan of res (scored against the model sm was read for). The
 * team's answer to a mapped question is its combined answer; a range
 * between two options (several respondents) counts as the lower-scoring
 * one, like the worst case the actions start from. An action's target is
 * its option; for a number, a point inside the best-scoring band. */
int assess_sim_plan_new(const assess_simmap *sm, const assess_result *res,
			assess_sim_plan **out, common_error *err);
void assess_sim_plan_free(assess_sim_plan *p);

/* The number an action on a number question targets (NaN for options):
 * the midpoint of the best-scoring band, or a point one unit inside it
 * when it is unbounded on one side. */
double assess_sim_action_number(const assess_question *q);

#endif
