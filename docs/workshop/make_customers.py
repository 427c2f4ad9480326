#!/usr/bin/env python3
"""docs/workshop/make_customers.py: writes customers-may.csv and
customers-june.csv, the data-quality exercise of docs/workshop.md (run once;
the CSVs are committed). Seeded, so a rerun writes the same bytes.

The June file carries one example of each data-quality problem of the
course notes' table (DAMA-DMBOK dimensions):
  completeness: 80% of the customers have no surname (May: 2%);
  consistency:  'status' uses new spellings ('ACTIVE', 'inactive ') for 15%
                of the rows, and 'spend' holds text ('n/a') in 4 rows;
  timeliness:   'updated_at' comes from a nightly sync, so the newest row is
                from the evening before (compare with SOURCE_DATE_EPOCH);
  accuracy:     ages typed wrongly (18 for 32) cannot be seen without a
                trusted source: mlopskit drift says it is not measurable.
June's customers are also older (age +6 years on average): a data drift.
"""
import random

def write(path, month, rng, surname_missing, bad_status, bad_spend, age_shift):
    rows = ["id,age,surname,status,spend,orders,updated_at"]
    for i in range(200):
        age = max(18, int(rng.gauss(38 + age_shift, 9)))
        surname = "" if rng.random() < surname_missing else rng.choice(
            ["Wang", "Li", "Zhang", "Liu", "Chen", "Smith", "Garcia", "Khan"])
        status = rng.choice(["active", "active", "active", "inactive"])
        if rng.random() < bad_status:
            status = "ACTIVE" if status == "active" else "inactive "
        orders = max(1, int(rng.expovariate(1 / 6)))
        spend = "%.2f" % (orders * rng.uniform(15, 60))
        if i in bad_spend:
            spend = "n/a"
        day = 1 + i * 30 // 200
        hour = 2 if month == "06" else 1 + (i % 22)
        rows.append("%d,%d,%s,%s,%s,%d,2024-%s-%02dT%02d:%02d:00Z" % (
            1000 + i, age, surname, status, spend, orders, month, day, hour,
            i % 60))
    with open(path, "w", newline="") as f:
        f.write("\n".join(rows) + "\n")

rng = random.Random(20240804)
write("customers-may.csv", "05", rng, 0.02, 0.0, set(), 0)
write("customers-june.csv", "06", rng, 0.80, 0.15, {17, 64, 118, 171}, 6)
