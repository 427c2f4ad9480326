/* assess/assess_report_int.h: shared by the assessment report files
 * (assess_report.c, assess_report_team.c, assess_report_charts.c,
 * assess_report_bridge.c); not public. */
#ifndef ASSESS_ASSESS_REPORT_INT_H
#define ASSESS_ASSESS_REPORT_INT_H

#include <stddef.h>
#include <jansson.h>

#include "common/error.h"

struct report_doc;
struct report_chart;

/* Headings and fixed phrases in the report's language. */
typedef struct arp_words {
	const char *doc_title, *workshop_title, *team_report, *trend_title;
	const char *team, *date, *model, *respondents, *note;
	const char *score, *level, *band, *progress, *questions;
	const char *worst_case, *best_case, *range_note;
	const char *scored, *unknown, *na, *unanswered;
	const char *dimensions, *dimension, *radar_title, *bars_title;
	const char *gaps, *gaps_none, *practice, *now, *needed;
	const char *actions, *actions_none, *raises_score, *raises_level,
		*blocks, *answer_unknown;
	const char *contradictions, *contradictions_none, *possible;
	const char *agreement, *alpha, *disagreements, *spread, *answers;
	const char *evidence, *evidence_none, *comment;
	const char *heatmap_title, *heatmap_note, *portfolio_title,
		*portfolio_note, *stats_head[6], *teams, *overview;
	const char *trend_chart, *days_since, *assessment_no, *first, *last,
		*change;
	const char *level_of, *sources;
} arp_words;

typedef struct arp_run {
	const json_t *root, *model, *assessments, *portfolio, *trends;
	const char *lang, *src;
	const arp_words *w;
	const json_t *mdims; /* model.dimensions */
	size_t ndims;
	double dim_lo, dim_hi; /* a common scale of dimension scores */
	double lo, hi;         /* scale of the overall score */
	long rank_lo, rank_hi; /* level ranks; rank_hi < rank_lo: no levels */
} arp_run;

/* A range {low, high}. */
void arp_range(const json_t *o, const char *k, double *lo, double *hi);
/* "0.42" or "0.42\u20130.58"; "\u2013" when NaN. Levels and counts print
 * as integers when whole. */
void arp_fmt_range(char *buf, size_t n, double lo, double hi);
/* Label of a band id (model.bands), of a dimension id, of a level rank;
 * the id itself when unknown. */
const char *arp_band_label(const arp_run *r, const char *id);
const char *arp_dim_label(const arp_run *r, const char *id);
const char *arp_level_label(const arp_run *r, double rank);
/* The display name of an assessment: team_name, else team. */
const char *arp_team_name(const json_t *a);

/* Charts (assess_report_charts.c). `a` is one assessment object. */
int arp_badge(const arp_run *r, const json_t *a, struct report_chart **out,
	      common_error *err);
int arp_radar(const arp_run *r, const json_t *a, struct report_chart **out,
	      common_error *err);
int arp_dim_bars(const arp_run *r, const json_t *a,
		 struct report_chart **out, common_error *err);
int arp_heatmap(const arp_run *r, struct report_chart **out,
		common_error *err);
int arp_portfolio(const arp_run *r, struct report_chart **out,
		  common_error *err);
/* Trend t's dimensions whose model group is `group` (NULL: every one). */
int arp_trend(const arp_run *r, const json_t *t, const char *group,
	      struct report_chart **out, common_error *err);

/* Sections (assess_report_team.c). full = 0 gives the condensed section of
 * a workshop report. */
int arp_team_section(const arp_run *r, const json_t *a, int full,
		     struct report_doc *d, common_error *err);
int arp_trend_section(const arp_run *r, const json_t *t,
		      struct report_doc *d, common_error *err);

/* The page "What the next steps are worth" from the run's "bridge" object
 * (assess_report_bridge.c): COMMON_EINPUT when the object lacks what the
 * page reads. The chart alone: each simulated action's paired gain on the
 * ranking metric with its 95% CI, best first (needs at least one action). */
int arp_bridge_section(const arp_run *r, struct report_doc *d,
		       common_error *err);
int arp_bridge_chart(const arp_run *r, struct report_chart **out,
		     common_error *err);

#endif
