/* fuzz/fuzz.h: helpers shared by the libFuzzer harnesses (header only:
 * each harness is one program).
 *
 * FUZZ_ASSERT aborts on a broken invariant, so libFuzzer records the input
 * as a crash. fuzz_check_error checks what every refusal must carry: a
 * documented status and a non-empty message with no final period. */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_ASSERT(cond)                                                \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", \
				__FILE__, __LINE__, #cond);              \
			abort();                                         \
		}                                                        \
	} while (0)

static inline void fuzz_check_error(int st, const common_error *err)
{
	if (st != COMMON_EINPUT && st != COMMON_EIO && st != COMMON_EUSAGE) {
		fprintf(stderr, "unexpected status %d\n", st);
		abort();
	}
	size_t n = strlen(err->msg);
	if (n == 0 || err->msg[n - 1] == '.') {
		fprintf(stderr, "badly formed message: [%s]\n", err->msg);
		abort();
	}
}

#endif
