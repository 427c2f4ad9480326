/* sim/csv.c: streaming RFC 4180 reader (contract in sim/csv.h).
 *
 * A record is scanned twice: first without touching the buffer, to find
 * its fields and whether it is complete (when the buffer ends inside it we
 * refill and scan it again from its start, so nothing half-done survives a
 * refill); then its fields are unquoted and NUL-terminated in place, which
 * is safe because an unquoted field is never longer than its input.
 * Records without quotes, by far the common case, are scanned 16 bytes at
 * a time (SSE2, part of every x86-64): the separators of a block come out
 * as a bit mask, so a field costs a few instructions instead of a loop and
 * a mispredicted branch per byte. A quote anywhere in the record sends it
 * to the byte-wise scan, which handles everything. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "common/common.h"
#include "sim/csv.h"

/* PAD: bytes after the buffer's capacity that the block scan may read (the
 * sentinel, then defined zeros, so no read is out of bounds or undefined). */
enum { CHUNK = 1 << 20, NEED_MORE = 1, SLOW = 2, PAD = 32 };

struct sim_csv {
	char *name;
	int fd;           /* -1 for memory input */
	const char *mem;  /* memory input (borrowed) */
	size_t mem_len, mem_pos;
	char *buf;        /* cap + PAD bytes: a sentinel / NUL, then zeros */
	size_t cap, pos, end;
	int eof, bom_done;
	long line;        /* line where the next record starts */
	long rec_line;    /* line where the current record starts */
	long long consumed;
	size_t nf, fcap;
	size_t *foff, *flen;
	unsigned char *fflag; /* 1 quoted, 2 holds doubled quotes */
};

/* Bytes that end an unquoted field. */
static const unsigned char stop[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1};

static int make(const char *name, sim_csv **out, common_error *err)
{
	sim_csv *c = calloc(1, sizeof *c);
	if (c) {
		c->name = strdup(name);
		c->cap = CHUNK;
		c->buf = calloc(c->cap + PAD, 1);
		c->fcap = 16;
		c->foff = malloc(c->fcap * sizeof *c->foff);
		c->flen = malloc(c->fcap * sizeof *c->flen);
		c->fflag = malloc(c->fcap);
	}
	if (!c || !c->name || !c->buf || !c->foff || !c->flen || !c->fflag) {
		sim_csv_free(c);
		return common_error_set(err, COMMON_EIO, name, 0, "out of memory");
	}
	c->fd = -1;
	c->line = 1;
	*out = c;
	return 0;
}

int sim_csv_open(const char *path, sim_csv **out, common_error *err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return common_error_set(err, COMMON_EIO, path, 0,
					"cannot open '%s': %s", path,
					strerror(errno));
	int st = make(path, out, err);
	if (st) {
		close(fd);
		return st;
	}
	(*out)->fd = fd;
	return 0;
}

int sim_csv_open_memory(const char *data, size_t len, const char *name,
			sim_csv **out, common_error *err)
{
	int st = make(name, out, err);
	if (st)
		return st;
	(*out)->mem = data;
	(*out)->mem_len = len;
	return 0;
}

void sim_csv_free(sim_csv *c)
{
	if (!c)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c->name);
	free(c->buf);
	free(c->foff);
	free(c->flen);
	free(c->fflag);
	free(c);
}

/* Keeps the unread part (from pos), grows the buffer when that part fills
 * it, and reads more. Sets eof when the input is exhausted. */
static int fill(sim_csv *c, common_error *err)
{
	if (c->pos > 0) {
		memmove(c->buf, c->buf + c->pos, c->end - c->pos);
		c->end -= c->pos;
		c->pos = 0;
	}
	if (c->end == c->cap) {
		if (c->cap >= (size_t)SIM_CSV_MAX_RECORD)
			return common_error_set(err, COMMON_EINPUT, c->name, c->line,
						"record longer than %ld MiB (unterminated quote?)",
						SIM_CSV_MAX_RECORD >> 20);
		size_t ncap = c->cap * 2;
		char *nb = realloc(c->buf, ncap + PAD);
		if (!nb)
			return common_error_set(err, COMMON_EIO, c->name, c->line,
						"out of memory");
		c->buf = nb;
		c->cap = ncap;
	}
	size_t want = c->cap - c->end, got;
	if (c->fd >= 0) {
		ssize_t r;
		do
			r = read(c->fd, c->buf + c->end, want);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			return common_error_set(err, COMMON_EIO, c->name, c->line,
						"cannot read '%s': %s", c->name,
						strerror(errno));
		got = (size_t)r;
	} else {
		got = c->mem_len - c->mem_pos;
		if (got > want)
			got = want;
		memcpy(c->buf + c->end, c->mem + c->mem_pos, got);
		c->mem_pos += got;
	}
	c->end += got;
	if (got == 0)
		c->eof = 1;
	c->buf[c->end] = '\n'; /* sentinel for the unquoted-field scan */
	memset(c->buf + c->end + 1, 0, PAD - 1); /* what the block scan reads */
	if (!c->bom_done && (c->end >= 3 || c->eof)) {
		c->bom_done = 1;
		if (c->end >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0) {
			c->pos = 3;
			c->consumed += 3;
		}
	}
	return 0;
}

static int grow_fields(sim_csv *c, common_error *err)
{
	{
		size_t n = c->fcap * 2;
		size_t *o = realloc(c->foff, n * sizeof *o);
		if (o)
			c->foff = o;
		size_t *l = realloc(c->flen, n * sizeof *l);
		if (l)
			c->flen = l;
		unsigned char *f = realloc(c->fflag, n);
		if (f)
			c->fflag = f;
		if (!o || !l || !f)
			return common_error_set(err, COMMON_EIO, c->name, c->line,
						"out of memory");
		c->fcap = n;
	}
	return 0;
}

static inline int add_field(sim_csv *c, size_t off, size_t len,
			    unsigned char flag, common_error *err)
{
	if (c->nf == c->fcap) {
		int st = grow_fields(c, err);
		if (st)
			return st;
	}
	c->foff[c->nf] = off;
	c->flen[c->nf] = len;
	c->fflag[c->nf] = flag;
	c->nf++;
	return 0;
}

/* Line breaks inside a quoted field: LF, CRLF (once) and lone CR. */
static long count_breaks(const char *s, size_t n)
{
	long k = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
			k++;
	return k;
}

#ifdef __SSE2__
/* Scans the record at pos when it holds no quote: 0 when complete (as
 * scan), NEED_MORE when the buffer ends inside it, SLOW when it holds a
 * quote (nothing recorded that scan would not redo), <0 on error. */
static int scan_blocks(sim_csv *c, common_error *err)
{
	const char *buf = c->buf;
	size_t p = c->pos, end = c->end, fs = p;
	const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'),
		      cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
	c->nf = 0;
	for (;; p += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(buf + p));
		unsigned sep = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, comma));
		unsigned brk = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(b, lf), _mm_cmpeq_epi8(b, cr)));
		unsigned quo = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, quote));
		unsigned keep = brk ? (brk & -brk) - 1 : 0xFFFFu; /* before the break */
		sep &= keep;
		if (quo & keep)
			return SLOW;
		while (sep) {
			size_t at = p + (size_t)__builtin_ctz(sep);
			int st = add_field(c, fs, at - fs, 0, err);
			if (st)
				return st;
			fs = at + 1;
			sep &= sep - 1;
		}
		if (!brk)
			continue;
		size_t at = p + (size_t)__builtin_ctz(brk);
		if (at >= end) {
			/* the sentinel: input ends inside the record */
			if (!c->eof)
				return NEED_MORE;
			at = end;
		}
		int st = add_field(c, fs, at - fs, 0, err);
		if (st)
			return st;
		int broke = at < end;
		if (broke) {
			if (buf[at] == '\r') {
				if (at + 1 >= end && !c->eof)
					return NEED_MORE;
				if (at + 1 < end && buf[at + 1] == '\n')
					at++;
			}
			at++;
		}
		c->rec_line = c->line;
		c->consumed += (long long)(at - c->pos);
		c->line += broke; /* no break after the last record: as scan */
		c->pos = at;
		return 0;
	}
}
#endif

/* Scans the record at pos: 0 when complete (fields recorded, pos and line
 * advanced), NEED_MORE when the buffer ends inside it, <0 on error. */
static int scan(sim_csv *c, common_error *err)
{
#ifdef __SSE2__
	int fast = scan_blocks(c, err);
	if (fast != SLOW)
		return fast;
#endif
	char *buf = c->buf;
	size_t p = c->pos, end = c->end;
	long line = c->line;
	c->nf = 0;
	for (;;) {
		int st;
		if (p < end && buf[p] == '"') {
			long fline = line;
			size_t start = p + 1, q = start;
			unsigned char flag = 1;
			for (;;) {
				char *hit = memchr(buf + q, '"', end - q);
				if (!hit) {
					if (!c->eof)
						return NEED_MORE;
					return common_error_set(err, COMMON_EINPUT, c->name, fline,
								"unterminated quoted field (column %zu)",
								c->nf + 1);
				}
				size_t h = (size_t)(hit - buf);
				line += count_breaks(buf + q, h - q);
				q = h + 1;
				if (q == end && !c->eof)
					return NEED_MORE;
				if (q < end && buf[q] == '"') {
					flag = 3;
					q++;
					continue;
				}
				break;
			}
			/* A CR just before the closing quote followed by LF after
			 * it is not a CRLF: count_breaks saw a lone CR, right. */
			if ((st = add_field(c, start, q - 1 - start, flag, err)))
				return st;
			p = q;
			if (p >= end)
				break; /* end of input right after the quote */
			if (buf[p] == ',') {
				p++;
				continue;
			}
			if (buf[p] == '\n') {
				p++;
				line++;
				break;
			}
			if (buf[p] == '\r') {
				if (p + 1 >= end && !c->eof)
					return NEED_MORE;
				p++;
				if (p < end && buf[p] == '\n')
					p++;
				line++;
				break;
			}
			return common_error_set(err, COMMON_EINPUT, c->name, line,
						"unexpected '%c' after closing quote (column %zu)",
						buf[p], c->nf);
		}
		size_t s = p;
		while (!stop[(unsigned char)buf[p]])
			p++;
		if (p >= end) {
			if (!c->eof)
				return NEED_MORE;
			if ((st = add_field(c, s, end - s, 0, err)))
				return st;
			p = end;
			break;
		}
		if ((st = add_field(c, s, p - s, 0, err)))
			return st;
		if (buf[p] == ',') {
			p++;
			continue;
		}
		if (buf[p] == '\n') {
			p++;
			line++;
			break;
		}
		/* '\r' */
		if (p + 1 >= end && !c->eof)
			return NEED_MORE;
		p++;
		if (p < end && buf[p] == '\n')
			p++;
		line++;
		break;
	}
	c->rec_line = c->line;
	c->consumed += (long long)(p - c->pos);
	c->pos = p;
	c->line = line;
	return 0;
}

/* Unquotes and NUL-terminates the fields of the scanned record. */
static void finish(sim_csv *c)
{
	for (size_t i = 0; i < c->nf; i++) {
		char *f = c->buf + c->foff[i];
		size_t n = c->flen[i];
		if (c->fflag[i] & 2) {
			size_t w = 0;
			for (size_t r = 0; r < n; r++) {
				f[w++] = f[r];
				if (f[r] == '"')
					r++; /* skip the second quote of a pair */
			}
			c->flen[i] = n = w;
		}
		f[n] = '\0';
	}
}

int sim_csv_next(sim_csv *c, common_error *err)
{
	for (;;) {
		if (c->pos >= c->end) {
			if (c->eof)
				return 0;
			int st = fill(c, err);
			if (st)
				return st;
			continue;
		}
		int st = scan(c, err);
		if (st == NEED_MORE) {
			st = fill(c, err);
			if (st)
				return st;
			continue;
		}
		if (st)
			return st;
		if (c->nf == 1 && c->flen[0] == 0 && c->fflag[0] == 0)
			continue; /* empty line */
		finish(c);
		return 1;
	}
}

size_t sim_csv_nfields(const sim_csv *c)
{
	return c->nf;
}

const char *sim_csv_record(const sim_csv *c, const size_t **off,
			   const size_t **len)
{
	*off = c->foff;
	*len = c->flen;
	return c->buf;
}

const char *sim_csv_field(const sim_csv *c, size_t i, size_t *len)
{
	if (len)
		*len = c->flen[i];
	return c->buf + c->foff[i];
}

int sim_csv_field_quoted(const sim_csv *c, size_t i)
{
	return c->fflag[i] & 1;
}

long sim_csv_line(const sim_csv *c)
{
	return c->rec_line;
}

long long sim_csv_bytes(const sim_csv *c)
{
	return c->consumed;
}

const char *sim_csv_name(const sim_csv *c)
{
	return c->name;
}

int sim_csv_rewind(sim_csv *c, common_error *err)
{
	if (c->fd >= 0) {
		if (lseek(c->fd, 0, SEEK_SET) != 0)
			return common_error_set(err, COMMON_EIO, c->name, 0,
						"cannot read '%s' twice: %s", c->name,
						strerror(errno));
	} else {
		c->mem_pos = 0;
	}
	c->pos = c->end = 0;
	c->eof = c->bom_done = 0;
	c->line = 1;
	c->rec_line = 0;
	c->consumed = 0;
	c->nf = 0;
	return 0;
}
