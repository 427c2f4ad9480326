/* common/common.h: the shared plumbing, one include for users of it.
 * Dependencies point one way: cli -> sim, assess -> report -> common. */
#ifndef COMMON_COMMON_H
#define COMMON_COMMON_H

#include "common/error.h"
#include "common/json.h"
#include "common/num.h"
#include "common/outfile.h"
#include "common/resource.h"
#include "common/xml.h"
#include "common/banned.h"

#endif
