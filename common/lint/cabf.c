/*
 * cabf.c: the CA/Browser Forum's TLS Baseline Requirements, rules for
 * subscriber, intermediate and root certificates (engine.h).
 */
#include <stddef.h>

#include "lint/engine.h"

const struct lint_rule lint_cabf[] = {
	{ NULL, 0, NULL, NULL, NULL, 0, NULL, 0 }
};
