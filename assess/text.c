/* assess/text.c: texts in several languages (xml:lang) and their fallback. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/internal.h"
#include "common/common.h"

char *assess_strdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

const char *assess_text(const assess_texts *t, const char *lang)
{
	if (!t || t->n == 0)
		return "";
	if (lang)
		for (size_t i = 0; i < t->n; i++)
			if (strcmp(t->items[i].lang, lang) == 0)
				return t->items[i].text;
	/* texts_check_fallback guarantees items[0] is in the first language
	 * whenever the model has one: the loader sorts it first */
	return t->items[0].text;
}

int assess_model_has_lang(const assess_model *m, const char *lang)
{
	for (size_t i = 0; lang && i < m->nlangs; i++)
		if (strcmp(m->langs[i], lang) == 0)
			return 1;
	return 0;
}

int texts_add(assess_texts *t, const assess_model *m, xmlNodePtr node,
	      const char *file, common_error *err)
{
	xmlChar *l = xmlGetNsProp(node, (const xmlChar *)"lang",
				  XML_XML_NAMESPACE);
	const char *lang = l ? (const char *)l : m->langs[0];
	if (!assess_model_has_lang(m, lang)) {
		int st = common_error_set(err, COMMON_EINPUT, file,
					  xmlGetLineNo(node),
					  "language '%s' of '%s' is not among the model's languages",
					  lang, (const char *)node->name);
		xmlFree(l);
		return st;
	}
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->items[i].lang, lang) == 0) {
			int st = common_error_set(err, COMMON_EINPUT, file,
						  xmlGetLineNo(node),
						  "second '%s' in language '%s'",
						  (const char *)node->name,
						  lang);
			xmlFree(l);
			return st;
		}
	assess_text_item *items =
		realloc(t->items, (t->n + 1) * sizeof *items);
	if (!items) {
		xmlFree(l);
		return common_error_set(err, COMMON_EIO, file, 0,
					"out of memory");
	}
	t->items = items;
	assess_text_item *it = &items[t->n];
	it->lang = assess_strdup(lang);
	it->text = common_xml_text_copy(node);
	xmlFree(l);
	if (!it->lang || !it->text) {
		free(it->lang);
		free(it->text);
		return common_error_set(err, COMMON_EIO, file, 0,
					"out of memory");
	}
	t->n++;
	/* keep the fallback language first so assess_text can return it */
	if (strcmp(it->lang, m->langs[0]) == 0 && t->n > 1) {
		assess_text_item tmp = items[t->n - 1];
		memmove(items + 1, items, (t->n - 1) * sizeof *items);
		items[0] = tmp;
	}
	return COMMON_OK;
}

int texts_read(assess_texts *t, const assess_model *m, xmlNodePtr parent,
	       const char *name, const char *file, common_error *err)
{
	for (xmlNodePtr c = common_xml_first_element(parent); c;
	     c = common_xml_next_element(c)) {
		if (!common_xml_is(c, name))
			continue;
		int st = texts_add(t, m, c, file, err);
		if (st)
			return st;
	}
	return COMMON_OK;
}

int texts_check_fallback(const assess_texts *t, const assess_model *m,
			 const char *what, const char *id, const char *file,
			 long line, common_error *err)
{
	if (t->n == 0 || strcmp(t->items[0].lang, m->langs[0]) == 0)
		return COMMON_OK;
	return common_error_set(err, COMMON_EINPUT, file, line,
				"%s '%s' has no text in the model's first language '%s'",
				what, id, m->langs[0]);
}

void texts_release(assess_texts *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->items[i].lang);
		free(t->items[i].text);
	}
	free(t->items);
	t->items = NULL;
	t->n = 0;
}
