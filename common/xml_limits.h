/* common/xml_limits.h: structural limits checked on the raw text of an XML
 * document before libxml2 parses it (docs/formats.md#xml-safety).
 *
 * libxml2 2.9 checks repeated attributes of one element pairwise, so a
 * start tag with 100 000 attributes (1 MB) keeps the parser busy for
 * minutes; a 16 MiB file of empty elements builds a tree of half a gigabyte;
 * libxml2's own nesting limit speaks of its option names. This linear scan
 * refuses such documents first, with the file's line and a message naming
 * the limit. It is not a parser: a document that passes can still be
 * malformed, which libxml2 then reports. */
#ifndef COMMON_XML_LIMITS_H
#define COMMON_XML_LIMITS_H

#include <stddef.h>

#include "common/error.h"

/* Most attributes (namespace declarations included) on one element. */
#define COMMON_XML_MAX_ATTRS 256
/* Deepest nesting of elements, the root being level 1 (libxml2 refuses
 * beyond 257). */
#define COMMON_XML_MAX_DEPTH 256
/* Most elements in one document. */
#define COMMON_XML_MAX_ELEMENTS 1000000L

/* Scans len bytes at buf (name is what messages call it). Returns 0, or
 * COMMON_EINPUT with err set at the offending line when a limit is passed. */
int common_xml_check_limits(const char *buf, size_t len, const char *name,
			    common_error *err);

#endif
