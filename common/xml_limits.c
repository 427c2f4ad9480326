/* common/xml_limits.c: counting attributes, depth and elements on the raw
 * text, in one pass (see common/xml_limits.h for why). */
#include "common/xml_limits.h"

#include <string.h>

#include "common/banned.h"

struct scan {
	const char *buf;
	size_t len, i;
	long line;
};

static int starts(const struct scan *s, const char *lit)
{
	size_t n = strlen(lit);
	return s->len - s->i >= n && memcmp(s->buf + s->i, lit, n) == 0;
}

/* Moves past the next occurrence of lit (or to the end), counting lines. */
static void skip_past(struct scan *s, const char *lit)
{
	size_t n = strlen(lit);
	while (s->i < s->len) {
		if (s->len - s->i >= n && memcmp(s->buf + s->i, lit, n) == 0) {
			s->i += n;
			return;
		}
		if (s->buf[s->i] == '\n')
			s->line++;
		s->i++;
	}
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int common_xml_check_limits(const char *buf, size_t len, const char *name,
			    common_error *err)
{
	struct scan s = {buf, len, 0, 1};
	long depth = 0, elements = 0;
	while (s.i < s.len) {
		char c = s.buf[s.i];
		if (c == '\n')
			s.line++;
		if (c != '<') {
			s.i++;
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
			if (s.buf[s.i + 1] == '/' && depth > 0)
				depth--;
			skip_past(&s, ">");
			continue;
		}
		/* a start tag */
		long line = s.line;
		size_t name_at = ++s.i, name_len = 0;
		while (s.i < s.len && !is_blank(s.buf[s.i]) &&
		       s.buf[s.i] != '/' && s.buf[s.i] != '>')
			s.i++;
		name_len = s.i - name_at;
		if (name_len > 64)
			name_len = 64;
		if (++elements > COMMON_XML_MAX_ELEMENTS)
			return common_error_set(err, COMMON_EINPUT, name, line,
						"document has more than %ld elements",
						COMMON_XML_MAX_ELEMENTS);
		long attrs = 0;
		int empty = 0;
		while (s.i < s.len && s.buf[s.i] != '>') {
			char q = s.buf[s.i];
			if (q == '\n')
				s.line++;
			if (q == '"' || q == '\'') {
				s.i++;
				while (s.i < s.len && s.buf[s.i] != q) {
					if (s.buf[s.i] == '\n')
						s.line++;
					s.i++;
				}
			} else if (q == '=' && ++attrs > COMMON_XML_MAX_ATTRS) {
				return common_error_set(err, COMMON_EINPUT, name,
							line,
							"element '%.*s' has more than %d attributes",
							(int)name_len,
							s.buf + name_at,
							COMMON_XML_MAX_ATTRS);
			}
			empty = q == '/';
			if (s.i < s.len)
				s.i++;
		}
		if (s.i < s.len)
			s.i++; /* the '>' */
		if (!empty && ++depth > COMMON_XML_MAX_DEPTH)
			return common_error_set(err, COMMON_EINPUT, name, line,
						"elements are nested more than %d levels deep",
						COMMON_XML_MAX_DEPTH);
	}
	return COMMON_OK;
}
