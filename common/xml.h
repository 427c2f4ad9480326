/* common/xml.h: loading mlopskit XML files safely, validated by their XSD.
 *
 * Documents are parsed with no network access (XML_PARSE_NONET), no entity
 * substitution and no DTD loading; a document carrying a DOCTYPE is refused
 * outright, so entity tricks (billion laughs, external entities) never run.
 * The root element's namespace picks the schema (embedded in the binary, see
 * common/resource.h); every parse or schema error is reported with the
 * file name and the line of the offending node.
 *
 * Ownership: a loaded xmlDoc belongs to the caller (xmlFreeDoc). Strings
 * returned by the *_copy helpers are malloc'd: the caller frees them. */
#ifndef COMMON_XML_H
#define COMMON_XML_H

#include <stddef.h>
#include <libxml/tree.h>

#include "common/error.h"

/* Largest XML input accepted, in bytes (docs/formats.md). */
#define COMMON_XML_MAX_BYTES (16L * 1024 * 1024)

/* A format known to mlopskit: namespace URI, schema resource, short name. */
typedef struct common_xml_format {
	const char *ns;     /* e.g. "urn:mlopskit:scenario:1" */
	const char *schema; /* embedded resource name, e.g. "scenarios/scenario.xsd" */
	const char *name;   /* e.g. "scenario" */
} common_xml_format;

/* The format whose namespace is ns, or NULL. */
const common_xml_format *common_xml_format_by_ns(const char *ns);

/* Parses path (name used in messages) and validates it against the schema
 * of its root namespace. When expect_ns is non-NULL the root must be in that
 * namespace. On success *out holds the document (caller frees). */
int common_xml_load_file(const char *path, const char *expect_ns,
			 xmlDocPtr *out, common_error *err);

/* Same for a buffer; name is what messages call it (e.g. "<built-in>"). */
int common_xml_load_memory(const char *buf, size_t len, const char *name,
			   const char *expect_ns, xmlDocPtr *out,
			   common_error *err);

/* Frees the compiled schemas cached by the loaders (end of program, so
 * valgrind sees no leaks). */
void common_xml_cleanup(void);

/* --- reading elements and attributes (after validation) --- */

/* First child element of parent named name in parent's namespace, or NULL. */
xmlNodePtr common_xml_child(xmlNodePtr parent, const char *name);
/* Next sibling element after node with the same name, or NULL. */
xmlNodePtr common_xml_next_named(xmlNodePtr node);
/* Next sibling element (any name) after node, or NULL; first element child
 * when node is a parent: use common_xml_first_element. */
xmlNodePtr common_xml_first_element(xmlNodePtr parent);
xmlNodePtr common_xml_next_element(xmlNodePtr node);
/* True when node is an element with this local name. */
int common_xml_is(xmlNodePtr node, const char *name);

/* Attribute helpers: when the attribute is absent *out = def and 0 is
 * returned; when present it is parsed strictly and range-checked with
 * common/num.h, the field named "element/@attr" at the node's line. */
int common_xml_attr_double(xmlNodePtr node, const char *attr, double def,
			   double min, double max, double *out,
			   const char *file, common_error *err);
int common_xml_attr_long(xmlNodePtr node, const char *attr, long def, long min,
			 long max, long *out, const char *file,
			 common_error *err);
/* The attribute value as a malloc'd string (caller frees with free()),
 * or NULL when absent. */
char *common_xml_attr_copy(xmlNodePtr node, const char *attr);
/* Element text content, trimmed, as a malloc'd string (caller frees). */
char *common_xml_text_copy(xmlNodePtr node);

#endif
