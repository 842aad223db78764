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

/* revoke_on: 1 when r has a check to run (CRLs or OCSP). */
int	revoke_on(const struct revoke *r);

/*
 * revoke_keep: keep certificate x of block b (a new reference) for the
 * checks, and as a possible issuer of the others.
 */
void	revoke_keep(struct revoke *r, X509 *x, const struct pem_block *b);

/*
 * revoke_issuers: the certificates of file (-C: PEM, DER, PKCS#7) as
 * possible issuers.  Returns the exit class of reading it.
 */
int	revoke_issuers(struct revoke *r, const char *file, unsigned rflags);

/*
 * revoke_run: verify the CRLs (crlset_verify: warnings for an unknown
 * issuer or a stale CRL, exit 1 under strict), then for each kept
 * certificate a CRL entry is "SUBJECT: revoked on DATE (REASON)" at its
 * block, exit 1; then the OCSP checks (ocsp.h).  Returns the worst exit
 * class.
 */
int	revoke_run(struct revoke *r);

/* revoke_free: release what r holds. */
void	revoke_free(struct revoke *r);

#endif
