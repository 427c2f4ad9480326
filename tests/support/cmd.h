/* tests/support/cmd.h: helpers every Check runner links (the files of tests/support). */
#ifndef TESTS_SUPPORT_CMD_H
#define TESTS_SUPPORT_CMD_H

/* The standard output of shell command cmd with every run of whitespace
 * collapsed to one space (text extracted from PDFs wraps anywhere); fails
 * the test when the command fails. Caller frees. */
char *test_cmd_output(const char *cmd);

#endif
