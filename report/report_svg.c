/* report/report_svg.c: makes cairo's SVG output reproducible.
 *
 * cairo 1.16 names the top-level group of an SVG "surface<N>" after the
 * surface's process-wide unique id, which counts every surface the
 * process ever created: the same drawing gets id="surface1" in a fresh
 * process and id="surface6" after one earlier render. We buffer the SVG
 * and renumber such ids by order of first appearance (surface1,
 * surface2, ...), both where defined (id="surfaceN") and where referenced
 * ("#surfaceN"), so identical input gives identical bytes. Glyph, clip,
 * pattern and mask ids are already counted per document by cairo. */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

#define MAX_IDS 256

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t rp_svg_normalize(char *buf, size_t len)
{
	static const char key[] = "surface";
	const size_t klen = sizeof key - 1;
	unsigned long seen[MAX_IDS];
	size_t nseen = 0, out = 0, i = 0;
	while (i < len) {
		/* An id token: '"' or '#', "surface", digits. */
		if ((buf[i] == '"' || buf[i] == '#') && i + 1 + klen < len &&
		    !memcmp(buf + i + 1, key, klen) && is_digit(buf[i + 1 + klen])) {
			size_t j = i + 1 + klen;
			unsigned long v = 0;
			while (j < len && is_digit(buf[j]) && v < 100000000UL)
				v = v * 10 + (unsigned long)(buf[j++] - '0');
			size_t k = 0;
			while (k < nseen && seen[k] != v)
				k++;
			if (k == nseen && nseen < MAX_IDS)
				seen[nseen++] = v;
			if (k < MAX_IDS) {
				/* The new number is never longer than the
				 * old one (k + 1 <= v's rank), so this
				 * rewrite stays in place. */
				char num[24];
				size_t n = 0, m = k + 1;
				char tmp[24];
				while (m) {
					tmp[n++] = (char)('0' + m % 10);
					m /= 10;
				}
				for (size_t q = 0; q < n; q++)
					num[q] = tmp[n - 1 - q];
				size_t oldn = j - (i + 1 + klen);
				if (n <= oldn) {
					memmove(buf + out, buf + i, 1 + klen);
					out += 1 + klen;
					memcpy(buf + out, num, n);
					out += n;
					i = j;
					continue;
				}
			}
		}
		buf[out++] = buf[i++];
	}
	return out;
}
