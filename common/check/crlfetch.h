/*
 * crlfetch.h: --crl-fetch of cert-info and chain-order --verify: each
 * certificate's CRL fetched from its CRL distribution point (RFC 5280
 * section 4.2.1.13), http only, with the bounds of --fetch (timeout,
 * size cap, redirections; http.h), kept in --cache DIR by URL while its
 * nextUpdate has not passed (urlcache.h), and put on a crlset, where
 * crlset_verify and crlset_check (crl.h) judge it as a CRL given with
 * --crl: verified against its issuer, refused when stale, a delta CRL
 * or out of scope.
 */
#ifndef PEMKIT_CRLFETCH_H
#define PEMKIT_CRLFETCH_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "x509/chain.h"
#include "x509/crl.h"

/* The bounds: bytes per CRL (public CAs' CRLs reach a few MB), URLs per
 * run, redirections. */
#define CRLFETCH_MAX_BYTES	(8 * 1024 * 1024)
#define CRLFETCH_MAX_URLS	16
#define CRLFETCH_MAX_REDIRECTS	3

/* One distribution point URL asked, for the report and -f openmetrics. */
struct crlsource {
	char		*url;
	int		 ok;		/* a CRL was had from it */
	int		 cached;	/* from the cache, not fetched */
	int		 has_next;
	long long	 next_epoch;	/* its nextUpdate, seconds */
	char		*issuer_cn;	/* or NULL */
	char		*number;	/* cRLNumber, or NULL */
	char		 why[512];	/* when not ok: the cause */
};

struct crlfetch {
	int		 on;		/* --crl-fetch */
	unsigned	 timeout;	/* seconds per fetch */
	const char	*cache;		/* --cache DIR, or NULL */
	int		 soft;		/* --crl-soft: failures warn */
	struct crlsource *v;
	size_t		 n;
};

/*
 * crlfetch_cert: the CRL of certificate x (found at src:line) onto s:
 * the first http URI of its first distribution point that names one
 * without reasons or a cRLIssuer (a partitioned or indirect point is
 * skipped, a note says so), read from the cache when its nextUpdate is
 * after at, else fetched (a note under -v) and cached; a URL asked
 * before is not asked again.  A CRL whose issuingDistributionPoint
 * names other distribution points is refused (RFC 5280 6.3.3 b.2.i: it
 * is another partition).  Returns EX_YES, or after a message naming the
 * URL EX_TROUBLE (EX_YES with f->soft): the fetch failed (http.h's
 * messages), the answer is HTML or not a CRL, another partition, the
 * 16th URL reached; or the cache cannot be used or written (the CRL
 * fetched still counts).  Each cause, and a certificate without an http
 * distribution point (no message here), is kept by crlset_miss: the
 * certificate's unknown status names it (crlset_check).  src and line
 * are not used.
 */
int	crlfetch_cert(struct crlfetch *f, struct crlset *s, X509 *x,
	    const char *src, unsigned long line, time_t at);

/*
 * crlfetch_chain: crlfetch_cert for each certificate ch[0..n) of pool p
 * that is not self-signed (a trust anchor: no CRL speaks for it, RFC
 * 5280 6.1), for chain-order --verify.  Returns the worst exit class.
 */
int	crlfetch_chain(struct crlfetch *f, struct crlset *s,
	    struct chain_pool *p, const size_t *ch, size_t n, time_t at);

/* crlfetch_free: release what f keeps. */
void	crlfetch_free(struct crlfetch *f);

#endif
