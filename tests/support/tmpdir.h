/* tests/support/tmpdir.h: a fresh temporary directory per test, for the
 * suites that render files (a Check checked fixture). */
#ifndef TESTS_SUPPORT_TMPDIR_H
#define TESTS_SUPPORT_TMPDIR_H

/* Setup and teardown of the fixture: creates /tmp/mlopskit-test-XXXXXX,
 * then removes it with everything in it. */
void test_tmpdir_setup(void);
void test_tmpdir_teardown(void);

/* name inside the directory; the result stays valid until the second
 * call after this one (two may be in use at once). */
const char *test_path(const char *name);

#endif
