/* tests/sim/test_plan.c: roadmaps change the lifecycle at exactly the
 * stated steps, and bad plans are refused with file and line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/plan.h"
#include "sim/sim.h"

static const char base[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"p\">"
	"<horizon steps=\"60\" requests=\"300\"/><data features=\"3\"/>"
	"<labels delay=\"1\" coverage=\"0.5\"/>"
	"<model window=\"5\" max-rows=\"1000\" warmup=\"500\"/>"
	"<runs count=\"2\" seed=\"8\"/></scenario>";

static sim_scenario *load(void)
{
	common_error err;
	sim_scenario *sc = NULL;
	ck_assert_int_eq(sim_scenario_load_memory(base, strlen(base), "p.xml",
						  &sc, &err), 0);
	return sc;
}

START_TEST(changes_take_effect_at_their_step)
{
	sim_scenario *sc = load();
	common_error err;
	/* value per right answer from step 20; periodic retraining every 5
	 * steps from step 30 (first trigger evaluated under the new
	 * lifecycle: for step 35) */
	sim_plan_change ch[] = {
		{30, "retrain.every", "5", 3},
		{20, "costs.value-correct", "1", 2},
	};
	ck_assert_int_eq(sim_plan_apply(sc, ch, 2, "plan.xml", &err), 0);
	ck_assert_int_eq(sc->nplan, 2);
	ck_assert_int_eq(sc->plan[0].at, 20);
	ck_assert_str_eq(sc->plan[0].what, "costs.value-correct=1");
	/* the scenario's own lifecycle is untouched */
	ck_assert_double_eq(sc->life.cost.value_correct, 0);
	ck_assert_int_eq(sc->life.retrain.every, 0);
	/* the later snapshot inherits the earlier change */
	ck_assert_double_eq(sc->plan[1].life.cost.value_correct, 1);
	ck_assert_int_eq(sc->plan[1].life.retrain.every, 5);
	sim_result *r;
	sim_options o = {.keep_series = 1};
	ck_assert_int_eq(sim_run(sc, &o, &r, &err), 0);
	for (long rep = 0; rep < 2; rep++)
		for (long t = 0; t < 60; t++) {
			double v = sim_result_series(r, rep, t, SIM_S_NET_VALUE);
			double acc = sim_result_series(r, rep, t, SIM_S_ACCURACY);
			if (t < 20)
				ck_assert_double_eq(v, 0);
			else
				ck_assert_double_eq_tol(v, 300 * acc, 1e-9);
			double rt = sim_result_series(r, rep, t, SIM_S_RETRAIN);
			ck_assert_double_eq(rt, t >= 35 && t % 5 == 0 ? 1 : 0);
		}
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

START_TEST(plan_files_and_errors)
{
	char dir[] = "/tmp/mlopskit-plan-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/plan.xml", dir);
	common_error err;
	sim_scenario *sc = load();
	write_file(path, "<plan xmlns=\"urn:mlopskit:plan:1\">\n"
			 "  <title>monitoring first</title>\n"
			 "  <change at=\"10\" param=\"monitoring.performance\" value=\"adwin\"/>\n"
			 "  <change at=\"10\" param=\"retrain.on-performance\" value=\"yes\"/>\n"
			 "</plan>\n");
	ck_assert_msg(sim_plan_load_file(path, sc, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sc->nplan, 1);
	ck_assert_int_eq(sc->plan[0].life.perf.detector, SIM_PERF_ADWIN);
	ck_assert_int_eq(sc->plan[0].life.retrain.on_perf_alarm, 1);
	ck_assert_str_eq(sc->plan[0].what,
			 "monitoring.performance=adwin, retrain.on-performance=yes");

	write_file(path, "<plan xmlns=\"urn:mlopskit:plan:1\">\n"
			 "  <change at=\"10\" param=\"labels.delay\" value=\"3\"/>\n"
			 "</plan>\n");
	ck_assert_int_eq(sim_plan_load_file(path, sc, &err), COMMON_EINPUT);
	ck_assert_int_eq(err.line, 2);
	ck_assert(strstr(err.msg, "parameter 'labels.delay' cannot change during a run"));

	write_file(path, "<plan xmlns=\"urn:mlopskit:plan:1\">\n"
			 "  <change at=\"60\" param=\"deployment\" value=\"canary\"/>\n"
			 "</plan>\n");
	ck_assert_int_eq(sim_plan_load_file(path, sc, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'change/@at' is 60, outside [1, 59]");
	ck_assert_int_eq(err.line, 2);

	write_file(path, "<plan xmlns=\"urn:mlopskit:plan:1\">\n"
			 "  <change at=\"5\" param=\"deployment\" value=\"sideways\"/>\n"
			 "</plan>\n");
	ck_assert_int_eq(sim_plan_load_file(path, sc, &err), COMMON_EINPUT);
	ck_assert_int_eq(err.line, 2);
	/* a failed load keeps the previous plan */
	ck_assert_int_eq(sc->nplan, 1);
	unlink(path);
	rmdir(dir);
	sim_scenario_free(sc);
}
END_TEST

Suite *test_plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, changes_take_effect_at_their_step);
	tcase_add_test(tc, plan_files_and_errors);
	suite_add_tcase(s, tc);
	return s;
}
