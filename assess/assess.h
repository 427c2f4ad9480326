/* assess/assess.h: libassess, the maturity assessor.
 *
 * A maturity model (urn:mlopskit:model:1, docs/format-model.md) is data:
 * dimensions of questions with answer scales, an aggregation rule for
 * questions -> dimension and dimensions -> overall, score bands, staged
 * levels with requirements, consistency rules. A team's responses
 * (urn:mlopskit:responses:1, docs/format-responses.md) answer one model.
 * assess_score turns one team's (possibly several respondents') answers into
 * an assess_result: question, dimension and overall scores as [low, high]
 * ranges (unknown answers), the staged level, bands, gaps to the next level,
 * next-best actions, fired consistency rules and respondent agreement.
 * assess_portfolio_new compares teams, assess_trend_new dated assessments of
 * one team. Every rule and formula: docs/methodology/assessment.md.
 *
 * Ownership: objects returned by *_new / *_load are owned by the caller and
 * freed with the matching *_free (which accept NULL). The structs below are
 * public so report builders can read everything; treat them as read-only.
 * Indices (question, dimension, level, rule, band) index the model's arrays.
 * A result borrows its model and responses: free those after the result.
 */
#ifndef ASSESS_ASSESS_H
#define ASSESS_ASSESS_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "common/error.h"

#define ASSESS_MODEL_NS "urn:mlopskit:model:1"
#define ASSESS_RESPONSES_NS "urn:mlopskit:responses:1"
#define ASSESS_JSON_FORMAT "mlopskit.assessment/1"
/* The built-in model used when none is named. */
#define ASSESS_DEFAULT_MODEL "mlops-seed"
/* The built-in team scored by `mlopskit assess` with no file. */
#define ASSESS_DEFAULT_TEAM "scenarios/teams/recsys-2024q3.xml"

/* ---- texts in several languages ------------------------------------- */

typedef struct assess_text_item {
	char *lang;
	char *text;
} assess_text_item;

/* The translations of one text, in document order. */
typedef struct assess_texts {
	size_t n;
	assess_text_item *items;
} assess_texts;

/* The text in lang, else in the model's first language (a model always has
 * one), else the first one; "" when the text is absent. Borrowed. lang may
 * be NULL (first language). */
const char *assess_text(const assess_texts *t, const char *lang);

/* ---- the model ------------------------------------------------------ */

enum assess_agg {
	ASSESS_AGG_WEIGHTED_MEAN,
	ASSESS_AGG_SUM,
	ASSESS_AGG_MINIMUM,
	ASSESS_AGG_STAGED,
};
/* "weighted-mean", "sum", "minimum", "staged". */
const char *assess_agg_name(enum assess_agg a);

enum assess_kind { ASSESS_YESNO, ASSESS_ORDINAL, ASSESS_NUMBER };

/* An interval with explicit ends; lower = -inf / upper = +inf when open. */
typedef struct assess_interval {
	double lower, upper;
	int lower_closed, upper_closed;
} assess_interval;

/* 1 when x lies in iv. */
int assess_interval_contains(const assess_interval *iv, double x);

typedef struct assess_option {
	char *value; /* what responses write, e.g. "automated", "yes" */
	double score;
	assess_texts label;
} assess_option;

typedef struct assess_number_band {
	assess_interval range; /* of the answered number */
	double score;
	assess_texts label;
} assess_number_band;

struct assess_cond; /* a condition over answers (internal) */

typedef struct assess_question {
	char *id;
	size_t dimension; /* index into model->dims */
	double weight;
	int na_allowed;
	char **tags; /* ntags NUL-terminated strings */
	size_t ntags;
	assess_texts text, guidance, recommendation;
	enum assess_kind kind;
	/* yes/no ("no", "yes") and ordinal: the options in document order */
	assess_option *options;
	size_t noptions;
	/* number: accepted range, unit, bands mapping a value to a score */
	double num_min, num_max;
	char *unit;
	assess_number_band *bands;
	size_t nbands;
	double worst, best;        /* lowest and highest score an answer gets */
	struct assess_cond *applies; /* NULL: always applies */
	long line;
} assess_question;

typedef struct assess_dimension {
	char *id;
	long group; /* index into model->groups, -1 for none */
	double weight;
	enum assess_agg agg; /* questions -> this dimension */
	assess_texts label, description;
	size_t *questions; /* indices into model->questions */
	size_t nquestions;
} assess_dimension;

typedef struct assess_group {
	char *id;
	assess_texts label;
} assess_group;

typedef struct assess_band {
	char *id;
	assess_interval range; /* of a score (overall or dimension) */
	assess_texts label;
} assess_band;

typedef struct assess_requirement {
	size_t question;
	char *at_least;   /* the value as written */
	double threshold; /* the score the answer must reach */
	long line;
} assess_requirement;

typedef struct assess_level {
	char *id;
	long rank; /* ranks are consecutive; levels[0] is the base */
	assess_texts label, description;
	assess_requirement *reqs;
	size_t nreqs;
} assess_level;

typedef struct assess_rule {
	char *id;
	struct assess_cond *when;
	assess_texts message;
} assess_rule;

typedef struct assess_source {
	char *href; /* may be NULL */
	char *text;
} assess_source;

typedef struct assess_model {
	char *id, *version;
	char *file; /* where it was loaded from (or "<built-in>/...") */
	char **langs; /* nlangs; langs[0] is the fallback */
	size_t nlangs;
	assess_texts title, description;
	assess_source *sources;
	size_t nsources;
	enum assess_agg question_agg, dimension_agg;
	int rank_by_level; /* next-best actions ranked by level progress */
	assess_group *groups;
	size_t ngroups;
	assess_dimension *dims;
	size_t ndims;
	assess_question *questions; /* all questions, dimension by dimension */
	size_t nquestions;
	assess_band *bands;
	size_t nbands;
	assess_level *levels; /* nlevels == 0: no staged levels */
	size_t nlevels;
	assess_rule *rules;
	size_t nrules;
	struct assess_index *qindex; /* id -> question (internal) */
} assess_model;

/* Builds a model from a validated document (file names it in errors).
 * Semantic errors (duplicate ids, unknown references, values off a scale,
 * overlapping bands, ...) give COMMON_EINPUT at the offending line. On
 * success *out is the caller's (assess_model_free). Borrows doc. */
int assess_model_from_doc(xmlDocPtr doc, const char *file, assess_model **out,
			  common_error *err);
/* Loads, validates (scenarios/model.xsd) and builds a model from a file. */
int assess_model_load_file(const char *path, assess_model **out,
			   common_error *err);
/* Same from memory; name is used in messages. */
int assess_model_load_memory(const char *buf, size_t len, const char *name,
			     assess_model **out, common_error *err);
/* Loads the built-in model with this id (COMMON_EINPUT when none). */
int assess_model_load_builtin(const char *id, assess_model **out,
			      common_error *err);
void assess_model_free(assess_model *m);

/* Built-in models: their count and the i-th id (borrowed, stable order). */
size_t assess_builtin_count(void);
const char *assess_builtin_id(size_t i);

/* Index of question id, or -1. */
long assess_model_find_question(const assess_model *m, const char *id);
/* Index of the option whose value is v, or -1 (yes/no and ordinal). */
long assess_question_find_option(const assess_question *q, const char *v);
/* The score an answer value (option value or number as text) earns; 0 ok,
 * COMMON_EINPUT when the value is not on the question's scale. */
int assess_question_value_score(const assess_question *q, const char *v,
				double *score);
/* 1 when the model has texts in lang. */
int assess_model_has_lang(const assess_model *m, const char *lang);

/* ---- responses ------------------------------------------------------ */

enum assess_answer_state {
	ASSESS_MISSING = 0, /* the question was not answered */
	ASSESS_VALUE,
	ASSESS_NA,
	ASSESS_UNKNOWN,
};

typedef struct assess_evidence {
	char *href; /* may be NULL */
	char *text; /* may be "" */
} assess_evidence;

/* One answer. For combined answers (several respondents) the value may be
 * a range: opt_lo < opt_hi or score_lo < score_hi. */
typedef struct assess_answer {
	enum assess_answer_state state;
	long opt_lo, opt_hi; /* option indices; -1 for numbers */
	double number;       /* the answered number (ASSESS_NUMBER) */
	double score_lo, score_hi;
	double confidence; /* NaN when not given */
	assess_evidence *evidence;
	size_t nevidence;
	char *comment; /* may be NULL */
	long line;     /* 0 for combined answers */
} assess_answer;

typedef struct assess_respondent {
	char *id, *name, *role; /* name and role may be NULL */
	char *file;             /* the file this respondent came from */
	assess_answer *answers; /* indexed like model->questions */
} assess_respondent;

typedef struct assess_responses {
	char *file; /* first file, for messages */
	char *team, *team_name, *date; /* team_name may be NULL; date YYYY-MM-DD */
	char *model_id, *model_version;
	char *note; /* may be NULL */
	size_t nquestions;
	assess_respondent *respondents;
	size_t nrespondents;
} assess_responses;

/* Reads a validated responses document against model m: model id and
 * version must match; every answer must name a question of m, at most once
 * per respondent, with a value on its scale ("na" only where allowed).
 * Errors: COMMON_EINPUT at the answer's line. *out is the caller's. */
int assess_responses_from_doc(const assess_model *m, xmlDocPtr doc,
			      const char *file, assess_responses **out,
			      common_error *err);
int assess_responses_load_file(const assess_model *m, const char *path,
			       assess_responses **out, common_error *err);
int assess_responses_load_memory(const assess_model *m, const char *buf,
				 size_t len, const char *name,
				 assess_responses **out, common_error *err);
/* The model id a responses document answers (borrowed from doc), or NULL. */
const char *assess_responses_doc_model(xmlDocPtr doc);
/* Moves the respondents of src into dst (same team and date required;
 * respondent ids must stay unique: COMMON_EINPUT otherwise, naming src's
 * file). Frees src in every case. */
int assess_responses_merge(assess_responses *dst, assess_responses *src,
			   common_error *err);
void assess_responses_free(assess_responses *r);

/* Writes an answer's value as text into buf (size n): the option value,
 * "a..b" for a range between two candidates, the number, "na" or
 * "unknown". Returns 1, or 0 with buf "" for a missing answer. */
int assess_answer_value(const assess_question *q, const assess_answer *a,
			char *buf, size_t n);

/* ---- agreement between respondents ------------------------------------ */

enum assess_metric {
	ASSESS_METRIC_NOMINAL,
	ASSESS_METRIC_ORDINAL,
	ASSESS_METRIC_INTERVAL,
	ASSESS_METRIC_RATIO,
};

/* Krippendorff's alpha for a units x coders table (row-major,
 * data[u * ncoders + c], NaN = missing). Units with fewer than two values
 * are not pairable and ignored. Returns 0 and *alpha, or COMMON_EINPUT when
 * alpha is undefined (fewer than two pairable values, or no variation:
 * expected disagreement 0) with *alpha = NaN. */
int assess_alpha(const double *data, size_t nunits, size_t ncoders,
		 enum assess_metric metric, double *alpha);

/* Combines the respondents' answers to question q (median for ordinal,
 * majority for yes/no, median for numbers; na by strict majority; ties give
 * a range). */
void assess_combine_answer(const assess_model *m, size_t q,
			   const assess_responses *r, assess_answer *out);

/* ---- results -------------------------------------------------------- */

typedef struct assess_range {
	double low, high; /* worst and best case; equal when all is known */
} assess_range;

enum assess_qstate {
	ASSESS_Q_SCORED,  /* applicable and answered */
	ASSESS_Q_UNKNOWN, /* applicable (or possibly), answer unknown */
	ASSESS_Q_NA,      /* not applicable: left out of every denominator */
};

typedef struct assess_qresult {
	enum assess_qstate state;
	assess_answer answer;      /* the combined answer (no evidence or
				    * comment: see the respondents') */
	assess_range score;        /* NaN for NA */
	int na_by_condition;       /* NA because applies-when is false */
	int applicability_unknown; /* applies-when depends on unknowns */
	int unanswered;            /* no respondent answered */
} assess_qresult;

typedef struct assess_dresult {
	int na;             /* every question NA: left out of the overall */
	assess_range score; /* under the dimension's aggregation */
	assess_range level; /* staged level over this dimension's requirements
			     * (ranks; NaN when the model has no levels) */
	long band_low, band_high; /* band indices of score.low/high, -1 none */
	size_t nscored, nunknown, nna;
} assess_dresult;

/* An unmet requirement blocking the next level. */
typedef struct assess_gap {
	size_t level; /* index into model->levels */
	size_t req;   /* index into that level's reqs */
	size_t question;
	int unknown; /* 1: might be met (answer unknown); 0: not met */
} assess_gap;

/* Raising one question to its best answer, alone. */
typedef struct assess_action {
	size_t question;
	long target; /* option index of the best answer, -1 for numbers */
	double from, to;    /* the question's score (worst case) and target */
	double gain;        /* rise of the ranked result (score or progress) */
	double score_gain;  /* rise of the overall score (worst case) */
	double level_gain;  /* rise of the level progress (worst case) */
	int blocking;       /* answers a gap of the next level */
} assess_action;

typedef struct assess_finding {
	size_t rule;
	int certain; /* 1: fires; 0: may fire (depends on unknown answers) */
} assess_finding;

typedef struct assess_disagreement {
	size_t question;
	double spread; /* max - min score among the respondents' answers */
	int na_split;  /* some said na, others gave a value */
} assess_disagreement;

typedef struct assess_agreement {
	size_t nrespondents;
	size_t nunits; /* questions with at least two comparable answers */
	double alpha_nominal, alpha_ordinal, alpha_interval; /* NaN: undefined */
	assess_disagreement *disagreements; /* by spread, largest first */
	size_t ndisagreements;
} assess_agreement;

typedef struct assess_result {
	const assess_model *model;         /* borrowed */
	const assess_responses *responses; /* borrowed: team, date,
					    * respondents, evidence */
	assess_qresult *questions; /* model->nquestions */
	assess_dresult *dims;      /* model->ndims */
	int na;                    /* every dimension NA */
	assess_range score;        /* overall, under dimension_agg */
	long band_low, band_high;
	assess_range level; /* ranks; NaN when no levels */
	assess_range progress; /* level + share of next level's reqs met */
	size_t nscored, nunknown, nna, nunanswered;
	assess_gap *gaps;
	size_t ngaps;
	assess_action *actions; /* ranked, best first; only positive gains */
	size_t nactions;
	assess_finding *findings;
	size_t nfindings;
	assess_agreement agreement;
} assess_result;

/* Scores responses r against model m (r must have been loaded against m).
 * *out is the caller's (assess_result_free); it borrows m and r. */
int assess_score(const assess_model *m, const assess_responses *r,
		 assess_result **out, common_error *err);
void assess_result_free(assess_result *res);

/* ---- several teams: the portfolio --------------------------------------- */

/* Distribution of one column over teams (NA cells left out). */
typedef struct assess_stats {
	size_t n;
	double min, q1, median, q3, max, mean; /* NaN when n == 0 */
} assess_stats;

typedef struct assess_portfolio {
	const assess_model *model;      /* borrowed */
	const assess_result **teams;    /* borrowed, nteams */
	size_t nteams;
	/* matrix[t * ndims + d]: team t's score range on dimension d */
	assess_range *matrix;
	assess_stats *low, *high;       /* per dimension, on low/high ends */
	assess_stats overall_low, overall_high;
} assess_portfolio;

/* Builds the team x dimension matrix and per-dimension figures (quartiles
 * by linear interpolation, GSL's gsl_stats_quantile_from_sorted_data) over
 * results of the same model. Borrows the results. */
int assess_portfolio_new(const assess_result *const *results, size_t n,
			 assess_portfolio **out, common_error *err);
void assess_portfolio_free(assess_portfolio *p);

/* ---- dated assessments of one team: the trend ---------------------------- */

typedef struct assess_trend {
	const assess_model *model;
	char *team;
	const assess_result **points; /* borrowed, sorted by date */
	size_t npoints;
	/* change[d]: last minus first (low and high ends) per dimension;
	 * NaN where either end is NA */
	assess_range *change;
	assess_range overall_change;
	assess_range level_change;
} assess_trend;

/* Orders dated results of one team (COMMON_EINPUT if teams differ or a date
 * repeats) and computes per-dimension change. Borrows the results. */
int assess_trend_new(const assess_result *const *results, size_t n,
		     assess_trend **out, common_error *err);
void assess_trend_free(assess_trend *t);

/* ---- output ------------------------------------------------------------- */

/* A whole run: every assessment, the portfolio and trends (all borrowed). */
typedef struct assess_run {
	const assess_model *model;
	const char *lang; /* texts in this language (fallback: the first) */
	const assess_result *const *results;
	size_t nresults;
	const assess_portfolio *portfolio; /* NULL: fewer than two teams */
	const assess_trend *const *trends;
	size_t ntrends;
} assess_run;

/* One assessment as JSON (an element of "assessments"), texts in lang.
 * New reference, NULL when out of memory. */
json_t *assess_result_json(const assess_result *res, const char *lang);
/* The run as JSON ("format": "mlopskit.assessment/1", docs/assess.md).
 * New reference (json_decref), NULL when out of memory. */
json_t *assess_run_json(const assess_run *run);
/* A readable summary, written to fp (the command layer's stream). */
int assess_run_write_text(const assess_run *run, FILE *fp, common_error *err);

#endif
