/* serves one filter: cert-info */
/*
 * revoke.h: cert-info's revocation checks, run once the whole input is
 * read (a leaf comes before its issuer): each certificate against the
 * CRLs of --crl (RFC 5280 section 6.3), and each end-entity certificate
 * against its OCSP responder with --ocsp (RFC 6960).
 */
#ifndef PEMKIT_REVOKE_H
#define PEMKIT_REVOKE_H

#include <openssl/x509.h>

#include "check/revstate.h"
#include "read/pem.h"

/* revoke_on: 1 when r has a check to run (CRLs, --crl-fetch or OCSP). */
int	revoke_on(const struct revoke *r);

/*
 * revoke_keep: keep certificate x of block b (member: its place in a
 * PKCS#7 or PKCS#12 block, or 0; a new reference) for the checks, and
 * as a possible issuer of the others.
 */
void	revoke_keep(struct revoke *r, X509 *x, const struct pem_block *b,
	    unsigned long member);

/*
 * revoke_issuers: the certificates of file (-C: PEM, DER, PKCS#7) as
 * possible issuers.  Returns the exit class of reading it.
 */
int	revoke_issuers(struct revoke *r, const char *file, unsigned rflags);

/*
 * revoke_run: with --crl-fetch, fetch the CRL of each kept certificate
 * that is not self-signed (crlfetch_cert) onto the CRLs; verify the
 * CRLs (crlset_verify), then judge each kept
 * certificate that is not self-signed by them (crlset_check: revoked
 * exit 1; unknown exit 2, or a warning with crl_soft), its verdict kept
 * in its verdict member; then the OCSP checks (ocsp.h).  Returns the
 * worst exit class.
 */
int	revoke_run(struct revoke *r);

/* revoke_free: release what r holds. */
void	revoke_free(struct revoke *r);

#endif
