/* bench/bench_assess.c: responses scored per second (parse + validate +
 * score, one core) for a generated 60-question model, beside the time
 * libxml2 alone takes to parse and validate the same files.
 * Targets (issue 4): >= 5,000 responses/s; within 2x of parse+validate.
 * Usage: bench_assess [N]   (N response files, default 2000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "assess/assess.h"
#include "common/common.h"

#define NDIMS 6
#define PER_DIM 10
#define NQ (NDIMS * PER_DIM)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A small deterministic generator (no dependence on libc's rand). */
static unsigned long long state = 88172645463325252ULL;
static unsigned next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state >> 32);
}

static int write_model(const char *path)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		return -1;
	fprintf(fp, "<model xmlns=\"urn:mlopskit:model:1\" id=\"bench\" version=\"1\">\n"
		    "<title>bench</title><scoring/>\n"
		    "<scale id=\"p\"><option value=\"none\" score=\"0\"><label>n</label></option>"
		    "<option value=\"manual\" score=\"0.5\"><label>m</label></option>"
		    "<option value=\"automated\" score=\"1\"><label>a</label></option></scale>\n");
	for (int d = 0; d < NDIMS; d++) {
		fprintf(fp, "<dimension id=\"d%d\"><label>d%d</label>\n", d, d);
		for (int k = 0; k < PER_DIM; k++) {
			int q = d * PER_DIM + k;
			fprintf(fp, "<question id=\"q%02d\" na-allowed=\"true\"><text>question %d</text>", q, q);
			if (k % 3 == 0)
				fprintf(fp, "<yesno/>");
			else
				fprintf(fp, "<ordinal scale=\"p\"/>");
			if (k == PER_DIM - 1)
				fprintf(fp, "<applies-when><is question=\"q%02d\" value=\"yes\"/></applies-when>", d * PER_DIM);
			fprintf(fp, "<recommendation>do %d</recommendation></question>\n", q);
		}
		fprintf(fp, "</dimension>\n");
	}
	fprintf(fp, "<bands><band id=\"lo\" upper=\"0.5\"><label>lo</label></band>"
		    "<band id=\"hi\" lower=\"0.5\"><label>hi</label></band></bands>\n<levels>"
		    "<level id=\"l0\" rank=\"0\"><label>0</label></level>");
	for (int l = 1; l <= 3; l++) {
		fprintf(fp, "<level id=\"l%d\" rank=\"%d\"><label>%d</label>", l, l, l);
		for (int d = 0; d < NDIMS; d++)
			fprintf(fp, "<require question=\"q%02d\" at-least=\"%s\"/>",
				d * PER_DIM + l, l == 3 ? "yes" : "manual");
		fprintf(fp, "</level>");
	}
	fprintf(fp, "</levels>\n<consistency><rule id=\"r\"><when><all>"
		    "<is question=\"q01\" value=\"automated\"/><is question=\"q02\" value=\"none\"/>"
		    "</all></when><message>m</message></rule></consistency></model>\n");
	return fclose(fp);
}

static int write_responses(const char *path, int i)
{
	static const char *ord[] = {"none", "manual", "automated", "unknown"};
	static const char *yn[] = {"no", "yes", "yes", "na"};
	FILE *fp = fopen(path, "w");
	if (!fp)
		return -1;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<responses xmlns=\"urn:mlopskit:responses:1\" model=\"bench\" "
		    "model-version=\"1\" team=\"team%d\" date=\"2024-09-30\">\n"
		    "  <respondent id=\"r\" name=\"Respondent\" role=\"engineer\">\n", i);
	for (int q = 0; q < NQ; q++) {
		unsigned u = next() % 4;
		fprintf(fp, "    <answer question=\"q%02d\" value=\"%s\"%s/>\n", q,
			q % PER_DIM % 3 == 0 ? yn[u] : ord[u],
			q % 7 == 0 ? " confidence=\"0.8\"" : "");
	}
	fprintf(fp, "  </respondent>\n</responses>\n");
	return fclose(fp);
}

int main(int argc, char **argv)
{
	long n = 2000;
	common_error err;
	common_error_clear(&err);
	if (argc > 1 && common_parse_long(argv[1], "N", 1, 1000000, &n, NULL, 0, &err)) {
		fprintf(stderr, "bench_assess: %s\n", err.msg);
		return 2;
	}
	char dir[] = "/tmp/bench-assess-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("bench_assess: mkdtemp");
		return 4;
	}
	char path[512];
	snprintf(path, sizeof path, "%s/model.xml", dir);
	assess_model *m = NULL;
	if (write_model(path) || assess_model_load_file(path, &m, &err)) {
		fprintf(stderr, "bench_assess: model: %s:%ld: %s\n", err.file, err.line, err.msg);
		return 4;
	}
	unlink(path);
	char **files = calloc((size_t)n, sizeof *files);
	for (long i = 0; files && i < n; i++) {
		snprintf(path, sizeof path, "%s/r%05ld.xml", dir, i);
		files[i] = strdup(path);
		if (!files[i] || write_responses(files[i], (int)i)) {
			fprintf(stderr, "bench_assess: cannot write %s\n", path);
			return 4;
		}
	}

	/* libxml2 alone: parse + validate with the same schema */
	const common_resource *xsd = common_resource_find("scenarios/responses.xsd");
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt((const char *)xsd->data, (int)xsd->len);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	double best_base = 1e300, best_full = 1e300;
	for (int rep = 0; rep < 3; rep++) {
		double t0 = now();
		for (long i = 0; i < n; i++) {
			xmlDocPtr doc = xmlReadFile(files[i], NULL, XML_PARSE_NONET);
			xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
			if (!doc || xmlSchemaValidateDoc(vc, doc) != 0) {
				fprintf(stderr, "bench_assess: %s does not validate\n", files[i]);
				return 4;
			}
			xmlSchemaFreeValidCtxt(vc);
			xmlFreeDoc(doc);
		}
		double t1 = now();
		/* mlopskit: load (parse + validate) + read + score */
		for (long i = 0; i < n; i++) {
			assess_responses *r = NULL;
			assess_result *res = NULL;
			if (assess_responses_load_file(m, files[i], &r, &err) ||
			    assess_score(m, r, &res, &err)) {
				fprintf(stderr, "bench_assess: %s:%ld: %s\n", err.file, err.line, err.msg);
				return 4;
			}
			assess_result_free(res);
			assess_responses_free(r);
		}
		double t2 = now();
		if (t1 - t0 < best_base)
			best_base = t1 - t0;
		if (t2 - t1 < best_full)
			best_full = t2 - t1;
	}
	xmlSchemaFree(schema);
	double rate = (double)n / best_full;
	double ratio = best_full / best_base;
	printf("assess: %ld responses of %d questions (best of 3 runs, one core)\n", n, NQ);
	printf("  parse+validate+score   %8.1f us/response  %9.0f responses/s  (target >= 5000)\n",
	       1e6 * best_full / (double)n, rate);
	printf("  libxml2 parse+validate %8.1f us/response  %9.0f responses/s\n",
	       1e6 * best_base / (double)n, (double)n / best_base);
	printf("  ratio                  %8.2fx                                   (target <= 2x)\n", ratio);
	printf("  %s\n", rate >= 5000 && ratio <= 2 ? "targets met" : "TARGETS MISSED");
	for (long i = 0; i < n; i++) {
		unlink(files[i]);
		free(files[i]);
	}
	free(files);
	rmdir(dir);
	assess_model_free(m);
	common_xml_cleanup();
	return 0;
}
