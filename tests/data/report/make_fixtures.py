#!/usr/bin/env python3
"""tests/data/report/make_fixtures.py: writes sim-two.json, a small
hand-made "mlopskit.sim-result/1" document whose numbers are chosen so the
report's sentences can be worked out by hand (tests/sim/test_sim_report.c):

- accuracy 0.90 for days 0-9, 0.60 on days 10-12 after a sudden concept
  drift on day 10, 0.85 from day 13: "fell from 90.0% (mean of the 10 days
  before) to a low of 60.0% on day 10";
- exposure to defective models: basic 1000, canary 200, paired difference
  -800 (95% CI -900 to -700): "cut exposure ... by 80%";
- events: deployments (retrain series 1.0 on day 13 for basic, 0.4 for
  canary: not marked), alarm on day 11, canary rollback share 0.75 on day 14.

Run: python3 tests/data/report/make_fixtures.py (from the repository root).
"""
import json

STEPS = 20


def series(mean, half=0.02):
    return {"mean": mean, "ci95_lo": [m - half for m in mean],
            "ci95_hi": [m + half for m in mean]}


def stat(mean, lo, hi, n=5):
    return {"mean": mean, "sd": None if lo is None else (hi - lo) / 2,
            "ci95": [lo, hi], "quantiles": {"p5": lo, "p50": mean, "p95": hi},
            "n": n}


def variant(name, deployment, exposure, rollback_day, retrain_share, slope):
    acc = [0.9] * 10 + [0.6] * 3 + [0.85] * 7
    zero = [0.0] * STEPS
    retrain = list(zero)
    retrain[13] = retrain_share
    alarm = list(zero)
    alarm[11] = 1.0
    rollback = list(zero)
    if rollback_day is not None:
        rollback[rollback_day] = 0.75
    cum = [slope * t for t in range(STEPS)]
    metrics = {
        "accuracy_mean": stat(0.8275, 0.82, 0.835),
        "accuracy_min": stat(0.6, 0.58, 0.62),
        "slo_breach_share": stat(0.15, 0.15, 0.15),
        "retrains": stat(2, 1, 3),
        "deployments": stat(1, 1, 1),
        "rollbacks": stat(0 if rollback_day is None else 1, 0, 1),
        "exposure_defective": stat(exposure[0], exposure[1], exposure[2]),
        "detection_delay": stat(1.0, 1.0, 1.0),
        "false_alarms": stat(0.2, 0.0, 0.4),
        "missed_drifts": stat(0.0, 0.0, 0.0),
        "time_to_recover": stat(3.0, 2.0, 4.0),
        "deployments_per_30_steps": stat(1.5, 1.5, 1.5),
        "lead_time": stat(2.0, 1.5, 2.5),
        "change_failure_rate": stat(0.25, 0.1, 0.4),
        "time_to_restore": stat(None, None, None, 0),
        "net_value": stat(slope * (STEPS - 1), slope * (STEPS - 1) - 50,
                          slope * (STEPS - 1) + 50),
    }
    return {"name": name,
            "lifecycle": {"maturity": 3, "deployment": deployment,
                          "statistical_monitoring": "psi",
                          "performance_monitoring": "adwin",
                          "review_every": 0, "retrain_every": 7,
                          "retrain_on_drift": True,
                          "retrain_on_performance": False,
                          "lead_time_mean": 0.5},
            "metrics": metrics,
            "timeseries": {"accuracy": series(acc),
                           "retrain": series(retrain, 0.0),
                           "alarm": series(alarm, 0.0),
                           "rollback": series(rollback, 0.0),
                           "cumulative_value": series(cum, 10.0)}}


doc = {
    "format": "mlopskit.sim-result/1",
    "scenario": {
        "name": "report-two", "title": "Two rollouts after a concept drift",
        "source": "tests/data/report/sim-two.json",
        "lesson": {"en": "A canary limits the damage of a defective model.",
                   "zh": "金丝雀发布限制了缺陷模型造成的损害。"},
        "description": "Twenty days; a sudden concept drift on day 10.",
        "steps": STEPS, "step_unit": "day", "requests_per_step": 1000,
        "features": 4, "label_delay": 2, "label_coverage": 0.5,
        "drifts": [{"pattern": "sudden", "start": 10.0,
                    "changes": ["concept"]}]},
    "seed": "7", "runs": 5, "engine": "request",
    "variants": [variant("basic", "basic", (1000.0, 900.0, 1100.0), None,
                         1.0, 100.0),
                 variant("canary", "canary", (200.0, 150.0, 250.0), 14,
                         0.4, 120.0)],
    "comparison": {
        "metric": "exposure_defective", "higher_is_better": False,
        "reference": "basic",
        "ranking": [{"rank": 1, "variant": "canary", "mean": 200.0,
                     "ci95": [150.0, 250.0]},
                    {"rank": 2, "variant": "basic", "mean": 1000.0,
                     "ci95": [900.0, 1100.0]}],
        "paired_differences": [{"variant": "canary", "minus": "basic",
                                "mean": -800.0, "sd": 50.0,
                                "ci95": [-900.0, -700.0]}]},
}

with open("tests/data/report/sim-two.json", "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
