/*
 * crlrules.c: RFC 5280 section 5 rules for certificate revocation lists
 * (engine.h).
 */
#include <stddef.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/engine.h"

const struct lint_rule lint_crl[] = {
	{ NULL, 0, NULL, NULL, NULL, 0, NULL }
};
