/* serves one filter: tls-fetch */
/*
 * tlsout.h: tls-fetch --json: one NDJSON object per target (pemkit(7),
 * JSON output), "type": "tls".
 */
#ifndef PEMKIT_TLSOUT_H
#define PEMKIT_TLSOUT_H

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/io.h"

/*
 * tlsout_json: the object of one target whose handshake is done:
 * "target" (as given), "address" (addr, connected), "starttls" (the
 * protocol's name, or null), "sni" (or null), "protocol" and "cipher"
 * of ssl, "ocsp_staple" (ocsplen > 0) and "certificates", the chain in
 * the order sent, each with "position" (from 1), "subject", "issuer"
 * and "sha256".  Write errors stay in o.
 */
void	tlsout_json(struct out *o, const char *target, const char *addr,
	    const char *starttls, const char *sni, SSL *ssl,
	    STACK_OF(X509) *chain, long ocsplen);

/*
 * tlsout_failed: the object of a target that failed before its object
 * was written, with "error", the last message (diag_last_error), so
 * that a loop over the output sees every target.
 */
void	tlsout_failed(struct out *o, const char *target);

#endif
