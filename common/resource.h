/* common/resource.h: files embedded in the binary at build time.
 *
 * Schemas, the default scenario, the shipped scenarios, the built-in maturity
 * models and the example teams are compiled in (tools/embed.c generates the
 * table from the Makefile's RESOURCES list), so mlopskit works from any
 * directory. Names are paths relative to the source tree, e.g.
 * "scenarios/scenario.xsd"; the same files are installed under
 * $(PREFIX)/share/mlopskit/ with the same relative paths.
 *
 * Returned data is static, NUL-terminated (the NUL is not counted in *len)
 * and must not be freed. */
#ifndef COMMON_RESOURCE_H
#define COMMON_RESOURCE_H

#include <stddef.h>

typedef struct common_resource {
	const char *name;
	const unsigned char *data;
	size_t len;
} common_resource;

/* The resource called name, or NULL. */
const common_resource *common_resource_find(const char *name);
/* Number of resources and the i-th one (sorted by name), for listings. */
size_t common_resource_count(void);
const common_resource *common_resource_at(size_t i);

#endif
