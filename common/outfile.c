/* common/outfile.c: atomic output through a temporary file and rename(2). */
#include "common/outfile.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/banned.h"

struct common_outfile {
	FILE *fp;
	char *path; /* destination; NULL for stdout */
	char *tmp;  /* temporary file beside it */
	int slot;   /* index in the cleanup registry, -1 if none */
};

/* Temporary names live here too so a signal handler can unlink them without
 * touching the heap. A run writes a handful of files at once at most. */
#define SLOTS 32
#define SLOT_LEN 4096
static char slot_name[SLOTS][SLOT_LEN];
static volatile sig_atomic_t slot_used[SLOTS];

static int slot_take(const char *name)
{
	size_t n = strlen(name);
	if (n >= SLOT_LEN)
		return -1;
	for (int i = 0; i < SLOTS; i++) {
		if (!slot_used[i]) {
			memcpy(slot_name[i], name, n + 1);
			slot_used[i] = 1;
			return i;
		}
	}
	return -1;
}

static void slot_release(int i)
{
	if (i >= 0)
		slot_used[i] = 0;
}

void common_outfile_unlink_all(void)
{
	for (int i = 0; i < SLOTS; i++)
		if (slot_used[i])
			unlink(slot_name[i]);
}

char *common_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	int slash = a > 0 && dir[a - 1] != '/';
	char *p = malloc(a + (size_t)slash + b + 1);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	if (slash)
		p[a] = '/';
	memcpy(p + a + (size_t)slash, name, b + 1);
	return p;
}

int common_outfile_open(const char *path, common_outfile **out,
			common_error *err)
{
	*out = NULL;
	common_outfile *f = calloc(1, sizeof *f);
	if (!f)
		return common_error_set(err, COMMON_EIO, path, 0,
					"out of memory");
	f->slot = -1;
	if (strcmp(path, "-") == 0) {
		f->fp = stdout;
		*out = f;
		return COMMON_OK;
	}
	size_t n = strlen(path);
	f->path = malloc(n + 1);
	f->tmp = malloc(n + sizeof ".tmp.XXXXXX");
	if (!f->path || !f->tmp) {
		free(f->path);
		free(f->tmp);
		free(f);
		return common_error_set(err, COMMON_EIO, path, 0,
					"out of memory");
	}
	memcpy(f->path, path, n + 1);
	memcpy(f->tmp, path, n);
	memcpy(f->tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
	int fd = mkstemp(f->tmp);
	if (fd < 0) {
		int e = errno;
		free(f->path);
		free(f->tmp);
		free(f);
		return common_error_set(err, COMMON_EIO, path, 0,
					"cannot create file: %s", strerror(e));
	}
	f->slot = slot_take(f->tmp);
	/* mkstemp makes 0600; outputs are ordinary files: 0666 less umask. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		/* not fatal: the file is still ours and readable by us */
	}
	f->fp = fdopen(fd, "wb");
	if (!f->fp) {
		int e = errno;
		close(fd);
		unlink(f->tmp);
		slot_release(f->slot);
		free(f->path);
		free(f->tmp);
		free(f);
		return common_error_set(err, COMMON_EIO, path, 0,
					"cannot open file: %s", strerror(e));
	}
	*out = f;
	return COMMON_OK;
}

FILE *common_outfile_stream(common_outfile *f)
{
	return f->fp;
}

static void outfile_free(common_outfile *f)
{
	slot_release(f->slot);
	free(f->path);
	free(f->tmp);
	free(f);
}

int common_outfile_commit(common_outfile *f, common_error *err)
{
	if (!f->path) { /* stdout */
		int bad = fflush(f->fp) != 0 || ferror(f->fp);
		int e = errno;
		outfile_free(f);
		if (bad)
			return common_error_set(err, COMMON_EIO, "<stdout>", 0,
						"cannot write: %s",
						strerror(e));
		return COMMON_OK;
	}
	int bad = fflush(f->fp) != 0 || ferror(f->fp);
	int e = bad ? errno : 0;
	if (!bad && fsync(fileno(f->fp)) != 0 && errno != EINVAL &&
	    errno != EROFS) {
		bad = 1;
		e = errno;
	}
	if (fclose(f->fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad && rename(f->tmp, f->path) != 0) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		unlink(f->tmp);
		int st = common_error_set(err, COMMON_EIO, f->path, 0,
					  "cannot write file: %s",
					  strerror(e ? e : EIO));
		outfile_free(f);
		return st;
	}
	outfile_free(f);
	return COMMON_OK;
}

void common_outfile_abort(common_outfile *f)
{
	if (!f)
		return;
	if (f->path) {
		fclose(f->fp);
		unlink(f->tmp);
	}
	outfile_free(f);
}

int common_write_file_atomic(const char *path, const void *data, size_t len,
			     common_error *err)
{
	common_outfile *f;
	int st = common_outfile_open(path, &f, err);
	if (st)
		return st;
	if (len && fwrite(data, 1, len, f->fp) != len) {
		int e = errno;
		common_outfile_abort(f);
		return common_error_set(err, COMMON_EIO, path, 0,
					"cannot write file: %s", strerror(e));
	}
	return common_outfile_commit(f, err);
}

int common_ensure_dir(const char *dir, common_error *err)
{
	struct stat sb;
	if (mkdir(dir, 0777) == 0)
		return COMMON_OK;
	int e = errno;
	if (e == EEXIST && stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return COMMON_OK;
		return common_error_set(err, COMMON_EIO, dir, 0,
					"not a directory");
	}
	return common_error_set(err, COMMON_EIO, dir, 0,
				"cannot create directory: %s", strerror(e));
}
