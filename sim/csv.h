/* sim/csv.h: a streaming RFC 4180 CSV reader.
 *
 * Reads one record at a time through a fixed-size buffer, so memory stays
 * at the buffer size (1 MiB, more only for a longer record) whatever the
 * file size. Accepted input (docs/drift.md, "CSV input"):
 *   - fields separated by ',', records ended by LF, CRLF or a lone CR;
 *   - quoted fields ("...") may hold commas, quotes doubled ("") and line
 *     breaks; after the closing quote only a separator or end of record may
 *     follow;
 *   - a quote inside an unquoted field is kept as data (as most readers do);
 *   - a UTF-8 byte order mark at the start is skipped;
 *   - empty lines (a record with one empty unquoted field) are skipped;
 *   - a last record without a line break is read.
 * Bytes are passed through unchanged (no encoding check here).
 * Errors carry the file name and the line, with the column (field number,
 * from 1) in the message.
 *
 * Ownership: sim_csv_open* return a reader the caller frees with
 * sim_csv_free. Field pointers borrow the reader's buffer: valid until the
 * next call of sim_csv_next, sim_csv_rewind or sim_csv_free.
 */
#ifndef SIM_CSV_H
#define SIM_CSV_H

#include <stddef.h>

#include "common/error.h"

/* A record longer than this is refused (most likely an unterminated quote). */
#define SIM_CSV_MAX_RECORD (64L * 1024 * 1024)

typedef struct sim_csv sim_csv;

/* Opens path for reading. Errors: COMMON_EIO when it cannot be opened. */
int sim_csv_open(const char *path, sim_csv **out, common_error *err);

/* Reads from len bytes at data (borrowed: must outlive the reader); name is
 * what error messages call the input. */
int sim_csv_open_memory(const char *data, size_t len, const char *name,
			sim_csv **out, common_error *err);

/* Reads the next record: returns 1 when one was read, 0 at end of input,
 * COMMON_EINPUT on malformed CSV and COMMON_EIO on a read error (err filled
 * with file, line and column). */
int sim_csv_next(sim_csv *c, common_error *err);

/* Number of fields of the current record. */
size_t sim_csv_nfields(const sim_csv *c);

/* Field i of the current record, unquoted and NUL-terminated (it may
 * contain NUL bytes itself: *len, when len is non-NULL, is the true length).
 * Borrowed, see above. */
const char *sim_csv_field(const sim_csv *c, size_t i, size_t *len);

/* The whole current record at once, for loops where a call per field
 * would cost too much: returns the buffer, and *off and *len receive arrays
 * of sim_csv_nfields(c) entries: field i is the NUL-terminated text at
 * buffer + (*off)[i], (*len)[i] bytes long (the same as sim_csv_field),
 * and at least SIM_CSV_FIELD_PAD readable, initialised bytes start at every
 * field (the field, its NUL, then more of the buffer), so word-at-a-time
 * parsers may read past a short field. All borrowed, see above. */
#define SIM_CSV_FIELD_PAD 16
const char *sim_csv_record(const sim_csv *c, const size_t **off,
			   const size_t **len);

/* True when field i was quoted in the input. */
int sim_csv_field_quoted(const sim_csv *c, size_t i);

/* Line (from 1) where the current record starts. */
long sim_csv_line(const sim_csv *c);

/* Bytes of input consumed so far (for read rates). */
long long sim_csv_bytes(const sim_csv *c);

/* The name used in messages (borrowed). */
const char *sim_csv_name(const sim_csv *c);

/* Starts reading again from the first record. COMMON_EIO when the input
 * cannot seek (a pipe). */
int sim_csv_rewind(sim_csv *c, common_error *err);

/* Closes the file and frees c; no-op on NULL. */
void sim_csv_free(sim_csv *c);

#endif
