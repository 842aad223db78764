/*
 * rfc5280.c: RFC 5280 section 4 structure rules for certificates
 * (engine.h), each under zlint's name for the same rule.
 */
#include <stddef.h>

#include <openssl/asn1.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/engine.h"

/* RFC 5280 section 4.1.2.2: "The serial number MUST be a positive
 * integer" (zero is not positive). */
static void
serial_not_positive(struct lint_ctx *c)
{
	const ASN1_INTEGER *s = X509_get0_serialNumber(c->x);

	if (ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER)
		lint_find(c, "the serial number is negative");
	else if (ASN1_STRING_length(s) == 0 || (ASN1_STRING_length(s) == 1 &&
	    ASN1_STRING_get0_data(s)[0] == 0))
		lint_find(c, "the serial number is zero");
}

const struct lint_rule lint_rfc5280[] = {
	{ "e_serial_number_not_positive", LINT_ERROR, "RFC 5280", "4.1.2.2",
	    "2002-04-01", LK_CERT, serial_not_positive },
	{ NULL, 0, NULL, NULL, NULL, 0, NULL }
};
