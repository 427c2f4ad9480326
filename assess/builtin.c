/* assess/builtin.c: the maturity models compiled into the binary
 * (assess/models/<id>.xml, see common/resource.h). A built-in model's id is
 * its file name without ".xml"; the loader checks the file's own id agrees. */
#include <stdio.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

#define PREFIX "assess/models/"
#define SUFFIX ".xml"

/* The i-th resource that is a built-in model, or NULL. */
static const common_resource *nth_model(size_t i)
{
	size_t k = 0;
	for (size_t r = 0; r < common_resource_count(); r++) {
		const common_resource *res = common_resource_at(r);
		size_t n = strlen(res->name);
		if (strncmp(res->name, PREFIX, strlen(PREFIX)) != 0 ||
		    n <= strlen(PREFIX) + strlen(SUFFIX) ||
		    strcmp(res->name + n - strlen(SUFFIX), SUFFIX) != 0)
			continue;
		if (k++ == i)
			return res;
	}
	return NULL;
}

size_t assess_builtin_count(void)
{
	size_t n = 0;
	while (nth_model(n))
		n++;
	return n;
}

const char *assess_builtin_id(size_t i)
{
	/* ids are returned from a static table filled on first use: resource
	 * names are static, so the table never needs freeing */
	static char ids[32][64];
	const common_resource *r = nth_model(i);
	if (!r || i >= sizeof ids / sizeof ids[0])
		return NULL;
	const char *base = r->name + strlen(PREFIX);
	size_t len = strlen(base) - strlen(SUFFIX);
	if (len >= sizeof ids[i])
		len = sizeof ids[i] - 1;
	memcpy(ids[i], base, len);
	ids[i][len] = '\0';
	return ids[i];
}

int assess_model_load_builtin(const char *id, assess_model **out,
			      common_error *err)
{
	*out = NULL;
	char name[256];
	if (snprintf(name, sizeof name, PREFIX "%s" SUFFIX, id) >=
	    (int)sizeof name)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"unknown built-in model '%s'", id);
	const common_resource *r = common_resource_find(name);
	if (!r)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"unknown built-in model '%s'", id);
	int st = assess_model_load_memory((const char *)r->data, r->len, name,
					  out, err);
	if (st)
		return st;
	if (strcmp((*out)->id, id) != 0) {
		st = common_error_set(err, COMMON_EINPUT, name, 0,
				      "built-in model file declares id '%s'",
				      (*out)->id);
		assess_model_free(*out);
		*out = NULL;
	}
	return st;
}
