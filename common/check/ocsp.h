/* serves one filter: cert-info */
/*
 * ocsp.h: cert-info --ocsp: ask each end-entity certificate's OCSP
 * responder (RFC 6960) whether it is revoked, through OpenSSL's OCSP API
 * and HTTP client (http.h).
 */
#ifndef PEMKIT_OCSP_H
#define PEMKIT_OCSP_H

#include "check/revstate.h"

struct ocsp_answer;

/* The most an OCSP response may be: a responder's answer for one
 * certificate is 1 to 4 KiB, a few certificates included. */
#define OCSP_MAX_RESPONSE	(100 * 1024)

/* The clock skew allowed around thisUpdate and nextUpdate, seconds
 * (OCSP_check_validity(3)'s nsec), and the oldest a response without
 * nonce or nextUpdate may be (CA/B BR 4.9.10's 10 days). */
#define OCSP_SKEW		300
#define OCSP_MAX_AGE		(10 * 86400)

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
 * unknown exit 1; a certificate without a responder URL (its CRL
 * distribution point named), a responder error or timeout, a response
 * that does not verify or does not answer for the certificate, one
 * whose thisUpdate is after r->at + OCSP_SKEW or whose nextUpdate is
 * before r->at - OCSP_SKEW, one without nonce or nextUpdate older than
 * OCSP_MAX_AGE exit 2.  The answer is kept in the certificate's verdict
 * (source "ocsp URL").  Returns the worst exit class.
 */
int	ocsp_run(struct revoke *r);

/*
 * ocsp_print: the answers ocsp_run kept (to print them after the
 * certificates, whose blocks carry the verdict), to r->o in text or
 * JSON, then forgotten; the first text block without a blank line
 * before it when first is set.
 */
void	ocsp_print(struct revoke *r, int first);

/* ocsp_answer_free: release one kept answer (NULL is nothing). */
void	ocsp_answer_free(struct ocsp_answer *a);

#endif
