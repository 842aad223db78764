/* serves one filter: cert-info */
/*
 * ocsp.h: cert-info --ocsp: ask each end-entity certificate's OCSP
 * responder (RFC 6960) whether it is revoked, through OpenSSL's OCSP API
 * and HTTP client (http.h).
 */
#ifndef PEMKIT_OCSP_H
#define PEMKIT_OCSP_H

#include "check/revstate.h"

/* The most an OCSP response may be: a responder's answer for one
 * certificate is 1 to 4 KiB, a few certificates included. */
#define OCSP_MAX_RESPONSE	(100 * 1024)

/*
 * ocsp_run: for each kept certificate of r that is not a CA certificate
 * and whose issuer is known (the input, -C, the system store): a request
 * with a nonce (RFC 8954) for its CertID (SHA-1, RFC 6960 4.1.1) to
 * r->ocsp_url or the first OCSP URL of its authorityInfoAccess (RFC 5280
 * 4.2.2.1); the response verified against the issuer, directly or
 * through a delegated responder certificate (OCSP_basic_verify(3),
 * RFC 6960 4.2.2.2); its answer printed to r->o (text or JSON) with
 * thisUpdate and nextUpdate; with r->ocsp_out, the DER response written
 * there.  revoked ("SUBJECT: revoked on DATE (REASON), says URL") and
 * unknown exit 1; a certificate without a responder URL, a responder
 * error or timeout, a response that does not verify or does not answer
 * for the certificate exit 2.  Returns the worst exit class.
 */
int	ocsp_run(struct revoke *r);

#endif
