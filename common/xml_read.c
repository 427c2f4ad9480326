/* common/xml_read.c: walking validated documents and reading attributes
 * with the same strict number rules as the command line. */
#include "common/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/num.h"
#include "common/banned.h"

int common_xml_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

xmlNodePtr common_xml_first_element(xmlNodePtr parent)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr common_xml_next_element(xmlNodePtr node)
{
	for (xmlNodePtr c = node ? node->next : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr common_xml_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = common_xml_first_element(parent); c;
	     c = common_xml_next_element(c))
		if (common_xml_is(c, name))
			return c;
	return NULL;
}

xmlNodePtr common_xml_next_named(xmlNodePtr node)
{
	for (xmlNodePtr c = common_xml_next_element(node); c;
	     c = common_xml_next_element(c))
		if (strcmp((const char *)c->name, (const char *)node->name) == 0)
			return c;
	return NULL;
}

static void field_name(xmlNodePtr node, const char *attr, char *buf, size_t n)
{
	snprintf(buf, n, "%s/@%s", (const char *)node->name, attr);
}

int common_xml_attr_double(xmlNodePtr node, const char *attr, double def,
			   double min, double max, double *out,
			   const char *file, common_error *err)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)attr);
	if (!v) {
		*out = def;
		return COMMON_OK;
	}
	char field[256];
	field_name(node, attr, field, sizeof field);
	int st = common_parse_double((const char *)v, field, min, max, out,
				     file, xmlGetLineNo(node), err);
	xmlFree(v);
	return st;
}

int common_xml_attr_long(xmlNodePtr node, const char *attr, long def, long min,
			 long max, long *out, const char *file,
			 common_error *err)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)attr);
	if (!v) {
		*out = def;
		return COMMON_OK;
	}
	char field[256];
	field_name(node, attr, field, sizeof field);
	int st = common_parse_long((const char *)v, field, min, max, out, file,
				   xmlGetLineNo(node), err);
	xmlFree(v);
	return st;
}

/* Copies into plain malloc memory so callers free with free(), whatever
 * allocator libxml2 was built with. */
static char *dup_xml(xmlChar *v)
{
	if (!v)
		return NULL;
	size_t n = strlen((const char *)v);
	char *s = malloc(n + 1);
	if (s)
		memcpy(s, v, n + 1);
	xmlFree(v);
	return s;
}

char *common_xml_attr_copy(xmlNodePtr node, const char *attr)
{
	return dup_xml(xmlGetNoNsProp(node, (const xmlChar *)attr));
}

char *common_xml_text_copy(xmlNodePtr node)
{
	char *s = dup_xml(xmlNodeGetContent(node));
	if (!s)
		return NULL;
	/* trim: element text is indented in hand-written files */
	char *a = s;
	while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
		a++;
	size_t n = strlen(a);
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t' ||
			 a[n - 1] == '\n' || a[n - 1] == '\r'))
		n--;
	memmove(s, a, n);
	s[n] = '\0';
	return s;
}
