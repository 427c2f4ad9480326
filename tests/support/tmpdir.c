/* tests/support/tmpdir.c: see tmpdir.h. */
#include "tests/support/tmpdir.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

static char tmpdir[256];

void test_tmpdir_setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mlopskit-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

void test_tmpdir_teardown(void)
{
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

const char *test_path(const char *name)
{
	static char buf[2][512];
	static int k;
	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
	return buf[k];
}
