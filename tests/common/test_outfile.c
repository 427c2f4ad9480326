/* tests/common/test_outfile.c: atomic output never leaves partial files. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/json.h"
#include "common/outfile.h"

static char dir[64];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/mlopskit-outfile-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = common_path_join(dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static int count_entries(void)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void slurp(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	size_t k = fread(buf, 1, n - 1, fp);
	buf[k] = '\0';
	fclose(fp);
}

START_TEST(commit_replaces_whole_file)
{
	char *p = common_path_join(dir, "a.txt");
	common_error err;
	ck_assert_int_eq(common_write_file_atomic(p, "old\n", 4, &err), 0);
	common_outfile *f;
	ck_assert_int_eq(common_outfile_open(p, &f, &err), 0);
	fputs("new\n", common_outfile_stream(f));
	char buf[32];
	slurp(p, buf, sizeof buf);
	ck_assert_str_eq(buf, "old\n"); /* untouched until commit */
	ck_assert_int_eq(count_entries(), 2); /* a.txt + its temporary */
	ck_assert_int_eq(common_outfile_commit(f, &err), 0);
	slurp(p, buf, sizeof buf);
	ck_assert_str_eq(buf, "new\n");
	ck_assert_int_eq(count_entries(), 1);
	free(p);
}
END_TEST

START_TEST(abort_keeps_previous)
{
	char *p = common_path_join(dir, "b.txt");
	common_error err;
	ck_assert_int_eq(common_write_file_atomic(p, "keep", 4, &err), 0);
	common_outfile *f;
	ck_assert_int_eq(common_outfile_open(p, &f, &err), 0);
	fputs("partial", common_outfile_stream(f));
	common_outfile_abort(f);
	common_outfile_abort(NULL);
	char buf[32];
	slurp(p, buf, sizeof buf);
	ck_assert_str_eq(buf, "keep");
	ck_assert_int_eq(count_entries(), 1);
	free(p);
}
END_TEST

START_TEST(missing_dir_is_io_error)
{
	common_error err;
	char *p = common_path_join(dir, "no/such/c.txt");
	ck_assert_int_eq(common_write_file_atomic(p, "x", 1, &err), COMMON_EIO);
	ck_assert_str_eq(err.file, p);
	ck_assert(strstr(err.msg, "cannot create file") != NULL);
	free(p);
}
END_TEST

START_TEST(unlink_all_removes_temporaries)
{
	char *p = common_path_join(dir, "d.txt");
	common_error err;
	common_outfile *f;
	ck_assert_int_eq(common_outfile_open(p, &f, &err), 0);
	ck_assert_int_eq(count_entries(), 1);
	common_outfile_unlink_all(); /* what the signal handler does */
	ck_assert_int_eq(count_entries(), 0);
	common_outfile_abort(f);
	free(p);
}
END_TEST

START_TEST(ensure_dir_cases)
{
	common_error err;
	char *p = common_path_join(dir, "sub");
	ck_assert_int_eq(common_ensure_dir(p, &err), 0);
	ck_assert_int_eq(common_ensure_dir(p, &err), 0); /* idempotent */
	rmdir(p);
	free(p);
	p = common_path_join(dir, "file");
	ck_assert_int_eq(common_write_file_atomic(p, "x", 1, &err), 0);
	ck_assert_int_eq(common_ensure_dir(p, &err), COMMON_EIO);
	ck_assert_str_eq(err.msg, "not a directory");
	free(p);
	p = common_path_join("/", "x");
	ck_assert_str_eq(p, "/x");
	free(p);
}
END_TEST

START_TEST(json_deterministic)
{
	json_t *o = json_object();
	json_object_set_new(o, "b", json_integer(1));
	json_object_set_new(o, "a", common_json_real(0.1));
	json_object_set_new(o, "nan", common_json_real(0.0 / 0.0));
	char *p = common_path_join(dir, "r.json");
	common_error err;
	ck_assert_int_eq(common_json_write_file(o, p, &err), 0);
	char buf[256];
	slurp(p, buf, sizeof buf);
	/* insertion order kept; 0.1 printed with 17 significant digits */
	ck_assert_str_eq(buf, "{\n  \"b\": 1,\n  \"a\": 0.10000000000000001,\n"
			      "  \"nan\": null\n}\n");
	json_t *back;
	ck_assert_int_eq(common_json_load_file(p, &back, &err), 0);
	ck_assert(json_real_value(json_object_get(back, "a")) == 0.1);
	json_decref(back);
	json_decref(o);
	ck_assert_int_eq(common_write_file_atomic(p, "{\n\"a\": 1,\n\"a\": 2}", 17, &err), 0);
	ck_assert_int_eq(common_json_load_file(p, &back, &err), COMMON_EINPUT);
	ck_assert_int_eq(err.line, 3);
	free(p);
}
END_TEST

Suite *test_outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *tc = tcase_create("atomic");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, commit_replaces_whole_file);
	tcase_add_test(tc, abort_keeps_previous);
	tcase_add_test(tc, missing_dir_is_io_error);
	tcase_add_test(tc, unlink_all_removes_temporaries);
	tcase_add_test(tc, ensure_dir_cases);
	tcase_add_test(tc, json_deterministic);
	suite_add_tcase(s, tc);
	return s;
}
