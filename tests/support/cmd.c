/* tests/support/cmd.c: see cmd.h. */
#include "tests/support/cmd.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

char *test_cmd_output(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	size_t cap = 1 << 16, n = 0;
	char *s = malloc(cap);
	int c, space = 0;
	while (s && (c = fgetc(p)) != EOF) {
		if (n + 2 >= cap) {
			char *t = realloc(s, cap *= 2);
			if (!t)
				break;
			s = t;
		}
		if (c == '\n' || c == ' ' || c == '\t' || c == '\f') {
			space = 1;
			continue;
		}
		if (space && n)
			s[n++] = ' ';
		space = 0;
		s[n++] = (char)c;
	}
	ck_assert_int_eq(pclose(p), 0);
	ck_assert_ptr_nonnull(s);
	s[n] = '\0';
	return s;
}
