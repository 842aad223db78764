/* serves one filter: key-match */
/*
 * keyrow.h: key-match's rows: one key, certificate, request or public key
 * of the input with what the table and --json show of it, and the roles
 * of a bundle's certificates.
 */
#ifndef PEMKIT_KEYROW_H
#define PEMKIT_KEYROW_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "base/io.h"
#include "x509/obj.h"

/* One object of the input, kept for the table. */
struct row {
	const char	*src;
	unsigned long	 line, index, member;
	const char	*type;
	char		*subject;	/* RFC 4514, or NULL for keys */
	char		 key[64];	/* "RSA 2048 bits" */
	char		 spki[65];	/* SHA-256 of the SPKI, hex */
	EVP_PKEY	*pk;
	int		 priv;
	int		 pairwise;	/* private key passed the check */
	int		 group;		/* 1-based public-key group */
	X509		*x;		/* a certificate's, for its role */
	int		 issuer;	/* a CA certificate of a bundle: shown,
					   never compared */
};

/* keyrow_where: "file:line#member" of r into buf[n]; returns buf. */
const char *keyrow_where(const struct row *r, char *buf, size_t n);

/*
 * keyrow_fill: r from object o (references taken: free r->pk, r->x and
 * r->subject).  Runs the pairwise check on a private key (keys.h
 * key_pairwise_ok).  Returns 0, or EX_NO after a message naming r when
 * the key fails it.
 */
int	keyrow_fill(struct row *r, const struct obj *o);

/* keyrow_json: r as one pemkit/1 NDJSON line (schema in pemkit(7)), its
 * match verdict given (null for an issuer). */
void	keyrow_json(struct out *o, const struct row *r, int match);

/*
 * keyrow_roles: mark the CA certificates of r[0..n) as issuers: those
 * asserting cA TRUE (RFC 5280 section 4.2.1.9) and those that issued
 * another certificate of the input (ossl_issued_by); when none is left,
 * the ones that issued nothing are compared after all.
 */
void	keyrow_roles(struct row *r, size_t n);

#endif
