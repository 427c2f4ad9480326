/* common/json.c: deterministic JSON output and line-aware loading. */
#include "common/json.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "common/outfile.h"
#include "common/banned.h"

json_t *common_json_real(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

int common_json_write_stream(const json_t *v, FILE *fp, const char *name,
			     common_error *err)
{
	if (json_dumpf(v, fp, COMMON_JSON_FLAGS) != 0 || fputc('\n', fp) == EOF)
		return common_error_set(err, COMMON_EIO, name, 0,
					"cannot write JSON: %s",
					strerror(errno ? errno : EIO));
	return COMMON_OK;
}

int common_json_write_file(const json_t *v, const char *path,
			   common_error *err)
{
	common_outfile *f;
	int st = common_outfile_open(path, &f, err);
	if (st)
		return st;
	st = common_json_write_stream(v, common_outfile_stream(f), path, err);
	if (st) {
		common_outfile_abort(f);
		return st;
	}
	return common_outfile_commit(f, err);
}

int common_json_load_file(const char *path, json_t **out, common_error *err)
{
	json_error_t je;
	*out = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!*out) {
		int io = je.line <= 0 && je.position == 0;
		return common_error_set(err, io ? COMMON_EIO : COMMON_EINPUT,
					path, je.line, "%s", je.text);
	}
	return COMMON_OK;
}

double common_json_num(const json_t *o, const char *key)
{
	const json_t *v = o ? json_object_get(o, key) : NULL;
	return json_is_number(v) ? json_number_value(v) : NAN;
}

const char *common_json_str(const json_t *o, const char *key)
{
	const json_t *v = o ? json_object_get(o, key) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}
