/* common/xml_limits.c: counting attributes, depth and elements on the raw
 * text, in one pass (see common/xml_limits.h for why).
 *
 * Markup characters are ASCII, so the scan reads code units: bytes for
 * UTF-8 and the other ASCII-compatible encodings, 16- or 32-bit units for
 * UTF-16 and UCS-4, whose byte order is found as libxml2 finds it (XML 1.0,
 * appendix F: a byte order mark or the first "<?"). */
#include "common/xml_limits.h"

#include <string.h>

#include "common/banned.h"

struct scan {
	const unsigned char *buf;
	size_t len; /* bytes, a multiple of w */
	size_t i;   /* byte offset of the current unit */
	size_t w;   /* bytes per code unit: 1, 2 or 4 */
	int be;     /* big-endian units */
	long line;
};

static void detect(struct scan *s)
{
	const unsigned char *b = s->buf;
	size_t n = s->len;
	s->w = 1;
	s->be = 0;
	if (n >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) ||
		       (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<'))) {
		s->w = 4;
		s->be = 1;
	} else if (n >= 4 && ((b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) ||
			      (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0))) {
		s->w = 4;
	} else if (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) ||
			      (n >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] == '?'))) {
		s->w = 2;
		s->be = 1;
	} else if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
			      (n >= 4 && b[0] == '<' && b[1] == 0 && b[2] == '?' && b[3] == 0))) {
		s->w = 2;
	}
	s->len -= s->len % s->w;
}

/* The code unit at byte offset i (i < len). */
static unsigned long unit(const struct scan *s, size_t i)
{
	const unsigned char *p = s->buf + i;
	switch (s->w) {
	case 1:
		return p[0];
	case 2:
		return s->be ? (unsigned long)p[0] << 8 | p[1]
			     : (unsigned long)p[1] << 8 | p[0];
	default:
		return s->be ? (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
				       (unsigned long)p[2] << 8 | p[3]
			     : (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 |
				       (unsigned long)p[1] << 8 | p[0];
	}
}

static unsigned long cur(const struct scan *s)
{
	return unit(s, s->i);
}

static int starts(const struct scan *s, const char *lit)
{
	size_t n = strlen(lit);
	if ((s->len - s->i) / s->w < n)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (unit(s, s->i + k * s->w) != (unsigned char)lit[k])
			return 0;
	return 1;
}

static void step(struct scan *s)
{
	if (cur(s) == '\n')
		s->line++;
	s->i += s->w;
}

/* Moves past the next occurrence of lit (or to the end), counting lines. */
static void skip_past(struct scan *s, const char *lit)
{
	while (s->i < s->len) {
		if (starts(s, lit)) {
			s->i += strlen(lit) * s->w;
			return;
		}
		step(s);
	}
}

static int is_blank(unsigned long c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int common_xml_check_limits(const char *buf, size_t len, const char *name,
			    common_error *err)
{
	struct scan s = {(const unsigned char *)buf, len, 0, 1, 0, 1};
	detect(&s);
	long depth = 0, elements = 0;
	while (s.i < s.len) {
		if (cur(&s) != '<') {
			step(&s);
			continue;
		}
		if (starts(&s, "<!--")) {
			skip_past(&s, "-->");
			continue;
		}
		if (starts(&s, "<![CDATA[")) {
			skip_past(&s, "]]>");
			continue;
		}
		if (starts(&s, "<?")) {
			skip_past(&s, "?>");
			continue;
		}
		/* A DOCTYPE before the root is refused by the parser at once;
		 * its internal subset is not markup this scan understands. */
		if (starts(&s, "<!DOCTYPE") && elements == 0)
			return COMMON_OK;
		if (starts(&s, "<!") || starts(&s, "</")) {
			if (starts(&s, "</") && depth > 0)
				depth--;
			skip_past(&s, ">");
			continue;
		}
		/* a start tag: its name (ASCII shown as is) for messages */
		long line = s.line;
		char tag[65];
		size_t nt = 0;
		s.i += s.w;
		while (s.i < s.len && !is_blank(cur(&s)) && cur(&s) != '/' &&
		       cur(&s) != '>') {
			if (nt + 1 < sizeof tag)
				tag[nt++] = cur(&s) < 0x80 ? (char)cur(&s) : '?';
			s.i += s.w;
		}
		tag[nt] = '\0';
		if (++elements > COMMON_XML_MAX_ELEMENTS)
			return common_error_set(err, COMMON_EINPUT, name, line,
						"document has more than %ld elements",
						COMMON_XML_MAX_ELEMENTS);
		long attrs = 0;
		int empty = 0;
		while (s.i < s.len && cur(&s) != '>') {
			unsigned long q = cur(&s);
			if (q == '"' || q == '\'') {
				s.i += s.w;
				while (s.i < s.len && cur(&s) != q)
					step(&s);
			} else if (q == '=' && ++attrs > COMMON_XML_MAX_ATTRS) {
				return common_error_set(err, COMMON_EINPUT, name,
							line,
							"element '%s' has more than %d attributes",
							tag, COMMON_XML_MAX_ATTRS);
			}
			empty = q == '/';
			if (s.i < s.len)
				step(&s);
		}
		if (s.i < s.len)
			s.i += s.w; /* the '>' */
		if (!empty && ++depth > COMMON_XML_MAX_DEPTH)
			return common_error_set(err, COMMON_EINPUT, name, line,
						"elements are nested more than %d levels deep",
						COMMON_XML_MAX_DEPTH);
	}
	return COMMON_OK;
}
