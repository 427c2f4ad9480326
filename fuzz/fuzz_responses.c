/* fuzz/fuzz_responses.c: libFuzzer harness for the responses loader and
 * everything a loaded questionnaire goes through.
 *
 * The built-in models are loaded once. Each input is parsed as a responses
 * document (common_xml_load_memory), answered against the built-in model it
 * names (the first built-in when it names none, as assess_responses_load_*
 * would be called by a user giving --model), read with
 * assess_responses_from_doc, and when valid scored (assess_score) and
 * written as JSON (assess_result_json), as `mlopskit assess` does. Built and
 * run by `make fuzz` (fuzz/run.sh, docs/hardening.md). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/assess.h"
#include "common/common.h"
#include "fuzz/fuzz.h"

#define MAX_MODELS 16
static assess_model *models[MAX_MODELS];
static size_t nmodels;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	common_error err;
	for (size_t i = 0; i < assess_builtin_count() && i < MAX_MODELS; i++) {
		common_error_clear(&err);
		if (assess_model_load_builtin(assess_builtin_id(i),
					      &models[nmodels], &err)) {
			fprintf(stderr, "built-in model '%s': %s\n",
				assess_builtin_id(i), err.msg);
			abort();
		}
		nmodels++;
	}
	FUZZ_ASSERT(nmodels > 0);
	return 0;
}

static const assess_model *pick(xmlDocPtr doc)
{
	const char *id = assess_responses_doc_model(doc);
	for (size_t i = 0; id && i < nmodels; i++)
		if (strcmp(assess_builtin_id(i), id) == 0)
			return models[i];
	return models[0];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	common_error err;
	common_error_clear(&err);
	xmlDocPtr doc = NULL;
	int st = common_xml_load_memory((const char *)data, size, "fuzz.xml",
					ASSESS_RESPONSES_NS, &doc, &err);
	if (st) {
		fuzz_check_error(st, &err);
		return 0;
	}
	const assess_model *m = pick(doc);
	assess_responses *r = NULL;
	st = assess_responses_from_doc(m, doc, "fuzz.xml", &r, &err);
	if (st) {
		fuzz_check_error(st, &err);
		xmlFreeDoc(doc);
		return 0;
	}
	assess_result *res = NULL;
	st = assess_score(m, r, &res, &err);
	if (st) {
		fuzz_check_error(st, &err);
	} else {
		json_t *js = assess_result_json(res, "en");
		FUZZ_ASSERT(js != NULL);
		json_decref(js);
		assess_result_free(res);
	}
	assess_responses_free(r);
	xmlFreeDoc(doc);
	return 0;
}
