/* common/xml.c: safe parsing and XSD validation of mlopskit documents.
 *
 * Safety (docs/formats.md#xml-safety): XML_PARSE_NONET forbids the network;
 * entities are never substituted (no XML_PARSE_NOENT) and no DTD is loaded
 * (no XML_PARSE_DTDLOAD); a DOCTYPE stops the parser at once through the
 * SAX internalSubset callback, before any entity is even declared, so
 * billion-laughs and external-entity documents are refused, not expanded.
 * COMMON_XML_MAX_BYTES bounds the size; common_xml_check_limits
 * (common/xml_limits.h) bounds attributes per element, nesting and the
 * number of elements before libxml2 parses anything. */
#include "common/xml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "common/resource.h"
#include "common/xml_limits.h"
#include "common/banned.h"

static const common_xml_format formats[] = {
	{"urn:mlopskit:scenario:1", "scenarios/scenario.xsd", "scenario"},
	{"urn:mlopskit:model:1", "scenarios/model.xsd", "maturity model"},
	{"urn:mlopskit:responses:1", "scenarios/responses.xsd", "responses"},
	{"urn:mlopskit:plan:1", "scenarios/plan.xsd", "plan"},
};
#define NFORMATS (sizeof formats / sizeof formats[0])

static xmlSchemaPtr schema_cache[NFORMATS];

const common_xml_format *common_xml_format_by_ns(const char *ns)
{
	for (size_t i = 0; ns && i < NFORMATS; i++)
		if (strcmp(formats[i].ns, ns) == 0)
			return &formats[i];
	return NULL;
}

/* The first error libxml2 reports, with its line. */
struct first_error {
	int set;
	long line;
	char msg[768];
};

/* Makes libxml2's messages read like ours: no "{namespace}" noise, no
 * capitalised first word, no trailing newline or period. */
static void tidy_message(const char *in, char *out, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; in[i] && j + 1 < n; i++) {
		if (in[i] == '{') {
			const char *close = strchr(in + i, '}');
			if (close) {
				i = (size_t)(close - in);
				continue;
			}
		}
		out[j++] = in[i] == '\n' ? ' ' : in[i];
	}
	out[j] = '\0';
	while (j > 0 && (out[j - 1] == ' ' || out[j - 1] == '.'))
		out[--j] = '\0';
	if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
		out[0] = (char)(out[0] - 'A' + 'a');
}

#if LIBXML_VERSION >= 21200
static void on_error(void *ctx, const xmlError *e)
#else
static void on_error(void *ctx, xmlErrorPtr e)
#endif
{
	struct first_error *fe = ctx;
	if (fe->set || !e || e->level < XML_ERR_ERROR)
		return;
	fe->set = 1;
	fe->line = e->line;
	tidy_message(e->message ? e->message : "unknown XML error", fe->msg,
		     sizeof fe->msg);
}

/* SAX hook: a DOCTYPE ends the parse (see the file comment). */
static int doctype_seen_line;
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	xmlParserCtxtPtr pc = ctx;
	doctype_seen_line = pc->input ? pc->input->line : 1;
	if (doctype_seen_line <= 0)
		doctype_seen_line = 1;
	xmlStopParser(pc);
}

static int get_schema(size_t idx, xmlSchemaPtr *out, common_error *err)
{
	if (schema_cache[idx]) {
		*out = schema_cache[idx];
		return COMMON_OK;
	}
	const common_resource *r = common_resource_find(formats[idx].schema);
	if (!r)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"schema '%s' is not built in",
					formats[idx].schema);
	struct first_error fe = {0};
	xmlSetStructuredErrorFunc(&fe, on_error);
	xmlSchemaParserCtxtPtr pc =
		xmlSchemaNewMemParserCtxt((const char *)r->data, (int)r->len);
	xmlSchemaPtr s = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!s)
		return common_error_set(err, COMMON_EIO, formats[idx].schema,
					fe.line, "cannot compile schema: %s",
					fe.set ? fe.msg : "unknown error");
	schema_cache[idx] = s;
	*out = s;
	return COMMON_OK;
}

void common_xml_cleanup(void)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		xmlSchemaFree(schema_cache[i]);
		schema_cache[i] = NULL;
	}
	xmlCleanupParser();
}

static int validate(xmlDocPtr doc, const char *name, const char *expect_ns,
		    common_error *err)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root)
		return common_error_set(err, COMMON_EINPUT, name, 1,
					"document has no root element");
	const char *ns = root->ns ? (const char *)root->ns->href : NULL;
	long line = xmlGetLineNo(root);
	if (expect_ns && (!ns || strcmp(ns, expect_ns) != 0))
		return common_error_set(err, COMMON_EINPUT, name, line,
					"root element '%s' is not in namespace '%s' (found '%s')",
					(const char *)root->name, expect_ns,
					ns ? ns : "none");
	const common_xml_format *fmt = common_xml_format_by_ns(ns);
	if (!fmt)
		return common_error_set(err, COMMON_EINPUT, name, line,
					"unknown document namespace '%s'",
					ns ? ns : "none");
	xmlSchemaPtr schema = NULL;
	int st = get_schema((size_t)(fmt - formats), &schema, err);
	if (st)
		return st;
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (!vc)
		return common_error_set(err, COMMON_EIO, name, 0,
					"out of memory");
	struct first_error fe = {0};
	xmlSchemaSetValidStructuredErrors(vc, on_error, &fe);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	if (rc > 0 || (rc == 0 && fe.set))
		return common_error_set(err, COMMON_EINPUT, name,
					fe.set ? fe.line : line, "%s",
					fe.set ? fe.msg : "document is not valid");
	if (rc < 0)
		return common_error_set(err, COMMON_EIO, name, 0,
					"schema validation failed internally");
	return COMMON_OK;
}

int common_xml_load_memory(const char *buf, size_t len, const char *name,
			   const char *expect_ns, xmlDocPtr *out,
			   common_error *err)
{
	*out = NULL;
	if (len > (size_t)COMMON_XML_MAX_BYTES)
		return common_error_set(err, COMMON_EINPUT, name, 0,
					"file is larger than %ld bytes",
					COMMON_XML_MAX_BYTES);
	int lim = common_xml_check_limits(buf, len, name, err);
	if (lim)
		return lim;
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	if (!pc)
		return common_error_set(err, COMMON_EIO, name, 0,
					"out of memory");
	pc->sax->internalSubset = on_doctype;
	doctype_seen_line = 0;
	struct first_error fe = {0};
	xmlSetStructuredErrorFunc(&fe, on_error);
	xmlDocPtr doc = xmlCtxtReadMemory(pc, buf, (int)len, name, NULL,
					  XML_PARSE_NONET | XML_PARSE_BIG_LINES |
						  XML_PARSE_NOERROR |
						  XML_PARSE_NOWARNING);
	int wellformed = pc->wellFormed;
	xmlFreeParserCtxt(pc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doctype_seen_line) {
		xmlFreeDoc(doc);
		return common_error_set(err, COMMON_EINPUT, name,
					doctype_seen_line,
					"a DOCTYPE is not allowed (no DTDs or entities in mlopskit files)");
	}
	if (!doc || !wellformed || fe.set) {
		xmlFreeDoc(doc);
		if (len == 0)
			return common_error_set(err, COMMON_EINPUT, name, 0,
						"file is empty");
		return common_error_set(err, COMMON_EINPUT, name,
					fe.set ? fe.line : 0, "%s",
					fe.set ? fe.msg : "malformed XML");
	}
	int st = validate(doc, name, expect_ns, err);
	if (st) {
		xmlFreeDoc(doc);
		return st;
	}
	*out = doc;
	return COMMON_OK;
}

int common_xml_load_file(const char *path, const char *expect_ns,
			 xmlDocPtr *out, common_error *err)
{
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return common_error_set(err, COMMON_EIO, path, 0,
					"cannot open file: %s", strerror(errno));
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	int st = COMMON_OK;
	while (buf) {
		size_t n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
		if (len > (size_t)COMMON_XML_MAX_BYTES) {
			st = common_error_set(err, COMMON_EINPUT, path, 0,
					      "file is larger than %ld bytes",
					      COMMON_XML_MAX_BYTES);
			break;
		}
		if (len == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (!buf)
		st = common_error_set(err, COMMON_EIO, path, 0, "out of memory");
	else if (!st && ferror(fp))
		st = common_error_set(err, COMMON_EIO, path, 0,
				      "cannot read file: %s", strerror(errno));
	fclose(fp);
	if (!st)
		st = common_xml_load_memory(buf, len, path, expect_ns, out, err);
	free(buf);
	return st;
}
