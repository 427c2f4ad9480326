/* report/report_markup.c: plain text into pango markup. */
#include <string.h>

#include "report/report.h"

void report_markup_append(char *buf, size_t n, const char *s)
{
	size_t j = strlen(buf);
	for (; s && *s && j + 7 < n; s++) {
		const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;"
			: *s == '>' ? "&gt;" : NULL;
		if (rep) {
			size_t l = strlen(rep);
			memcpy(buf + j, rep, l);
			j += l;
		} else {
			/* never cut a UTF-8 sequence: stop before a lead
			 * byte whose sequence would not fit */
			if (((unsigned char)*s & 0xC0) == 0xC0 && j + 12 >= n)
				break;
			buf[j++] = *s;
		}
	}
	buf[j] = '\0';
}
