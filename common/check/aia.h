/* serves one filter: chain-order */
/*
 * aia.h: chain-order --fetch: a missing issuer fetched from the
 * caIssuers URL of the certificate it should have issued (RFC 5280
 * section 4.2.2.1), over http with OpenSSL's HTTP client (http.h), and
 * added to the pool, where it must link as any other certificate.
 */
#ifndef PEMKIT_AIA_H
#define PEMKIT_AIA_H

#include <stddef.h>
#include <time.h>

#include "x509/chain.h"
#include "x509/x509info.h"

/* The bounds: fetches per chain, bytes per answer, redirections. */
#define AIA_MAX_FETCHES		8
#define AIA_MAX_BYTES		(1024 * 1024)
#define AIA_MAX_REDIRECTS	3

struct aia {
	int		 on;		/* --fetch */
	unsigned	 timeout;	/* seconds for all fetches of a run
					   together, so for each */
	const char	*cache;		/* --cache DIR, or NULL */
	struct strlist	 urls;		/* fetched: the pool's src strings */
	struct timespec	 t0;		/* when the first fetch started */
	int		 started;	/* t0 is set */
};

/*
 * aia_fetch: pool certificate i's issuer is missing: fetch the first
 * http caIssuers URL of i (a note under -v names it), or read it from
 * the cache (DIR/SHA-256-of-the-URL.der, the certificates as DER), and
 * add every certificate of the answer (DER, PEM or a certs-only PKCS#7,
 * RFC 5280 4.2.2.1) to p.  The fetches of one run share one deadline,
 * a->timeout seconds after the first began (issue 24: a chain of slow
 * answers, each within the timeout, is not endless); each fetch gets
 * what is left of it, in whole seconds rounded up.  Returns 1 when one of them issues i (build
 * again), 0 when there is nothing more to do: no URL, the 8th fetch
 * done, the URL already fetched, or what it sent does not issue i (a
 * message says so), -1 after an error (exit class 2): the fetch failed
 * (http.h's messages; "URL: --fetch: over -t N s for all fetches
 * together" when the deadline was the cause), the answer holds no
 * certificate, the cache cannot be written.
 */
int	aia_fetch(struct aia *a, struct chain_pool *p, size_t i);

/* aia_free: release the kept URLs (after the pool is freed). */
void	aia_free(struct aia *a);

#endif
