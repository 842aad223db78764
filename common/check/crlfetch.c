/* crlfetch.c: CRLs from the certificates' distribution points; see
 * crlfetch.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "base/ossl.h"
#include "check/crlfetch.h"
#include "net/http.h"
#include "net/urlcache.h"
#include "x509/crl.h"
#include "x509/x509info.h"

/* The URI of general name g when it is an http:// one, a new string. */
static char *
http_uri(const GENERAL_NAME *g)
{
	const ASN1_IA5STRING *u;

	if (g->type != GEN_URI)
		return NULL;
	u = g->d.uniformResourceIdentifier;
	if (ASN1_STRING_length(u) <= 7 || strncmp((const char *)
	    ASN1_STRING_get0_data(u), "http://", 7) != 0)
		return NULL;
	return ossl_escape_ctl((const char *)ASN1_STRING_get0_data(u),
	    (size_t)ASN1_STRING_length(u));
}

/*
 * The URL to fetch x's CRL from (RFC 5280 4.2.1.13), a new string, or
 * NULL with the reason in why: a distribution point limited to some
 * reasons or naming a cRLIssuer (an indirect CRL) does not give the
 * whole answer.
 */
static char *
cdp_url(X509 *x, char *why, size_t n)
{
	STACK_OF(DIST_POINT) *dps;
	DIST_POINT *dp;
	GENERAL_NAMES *names;
	char *url = NULL;
	int i, k, skipped = 0;

	snprintf(why, n, "it has no CRL distribution point");
	if ((dps = X509_get_ext_d2i(x, NID_crl_distribution_points, NULL,
	    NULL)) == NULL) {
		ERR_clear_error();
		return NULL;
	}
	for (i = 0; i < sk_DIST_POINT_num(dps) && url == NULL; i++) {
		dp = sk_DIST_POINT_value(dps, i);
		if (dp->reasons != NULL || dp->CRLissuer != NULL) {
			skipped = 1;
			continue;
		}
		if (dp->distpoint == NULL || dp->distpoint->type != 0)
			continue;
		names = dp->distpoint->name.fullname;
		for (k = 0; k < sk_GENERAL_NAME_num(names) && url == NULL; k++)
			url = http_uri(sk_GENERAL_NAME_value(names, k));
	}
	if (url == NULL)
		snprintf(why, n, skipped ? "its CRL distribution points are "
		    "limited to some reasons or name a cRLIssuer (RFC 5280 "
		    "4.2.1.13), which --crl-fetch does not read" : "its CRL "
		    "distribution points have no http URL");
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	return url;
}

/* Does crl's issuingDistributionPoint, when it names points, name url?
 * (RFC 5280 5.2.5 and 6.3.3 b.2.i: a partition for other points.) */
static int
idp_names(X509_CRL *crl, const char *url, char *other, size_t n)
{
	ISSUING_DIST_POINT *idp;
	char *u;
	int k, r = 1;

	if ((idp = X509_CRL_get_ext_d2i(crl, NID_issuing_distribution_point,
	    NULL, NULL)) == NULL) {
		ERR_clear_error();
		return 1;
	}
	if (idp->distpoint != NULL && idp->distpoint->type == 0) {
		r = 0;
		snprintf(other, n, "no http URL");
		for (k = 0; k < sk_GENERAL_NAME_num(idp->distpoint->name.
		    fullname) && !r; k++) {
			if ((u = http_uri(sk_GENERAL_NAME_value(
			    idp->distpoint->name.fullname, k))) == NULL)
				continue;
			r = strcmp(u, url) == 0;
			snprintf(other, n, "%s", u);
			free(u);
		}
	}
	ISSUING_DIST_POINT_free(idp);
	return r;
}

/* The CRL of an answer: DER or PEM; NULL after a message at url. */
static X509_CRL *
crl_of(const char *url, const unsigned char *body, size_t len)
{
	const unsigned char *p = body;
	X509_CRL *crl = NULL;
	size_t i = 0;
	BIO *b;

	while (i < len && isspace(body[i]))
		i++;
	if (i < len && body[i] == '<') {
		diag_err(url, 0, "the answer is HTML, not a CRL (an error "
		    "page or a captive portal?)");
		return NULL;
	}
	if (len > 10 && memcmp(body, "-----BEGIN", 10) == 0) {
		if ((b = BIO_new_mem_buf(body, (int)len)) != NULL)
			crl = PEM_read_bio_X509_CRL(b, NULL, NULL, NULL);
		BIO_free(b);
	} else
		crl = d2i_X509_CRL(NULL, &p, (long)len);
	ERR_clear_error();
	if (crl == NULL)
		diag_err(url, 0, "the answer is not a CRL (DER or PEM)");
	return crl;
}

/* Fresh enough at at to be taken from the cache? */
static int
usable(X509_CRL *crl, time_t at)
{
	struct crlinfo ci;
	int r;

	r = crlinfo_get(crl, at, &ci) == 0 && ci.this_epoch <= (long long)at &&
	    (!ci.has_next || ci.secs_left > 0);
	crlinfo_free(&ci);
	return r;
}

static void
source_fill(struct crlsource *src, X509_CRL *crl)
{
	struct crlinfo ci;

	if (crlinfo_get(crl, 0, &ci) == 0) {
		src->has_next = ci.has_next;
		src->next_epoch = ci.next_epoch;
		src->number = ci.number != NULL ? xstrdup(ci.number) : NULL;
	}
	crlinfo_free(&ci);
	src->issuer_cn = ossl_name_entry(X509_CRL_get_issuer(crl), "CN");
	src->ok = 1;
}

/* The last error's words without the URL it may begin with (the
 * verdict names the URL as its source). */
static const char *
cause(const char *url)
{
	const char *e = diag_last_error();
	size_t n = strlen(url);

	if (strncmp(e, url, n) == 0 && strncmp(e + n, ": ", 2) == 0)
		return e + n + 2;
	return e;
}

int
crlfetch_cert(struct crlfetch *f, struct crlset *s, X509 *x,
    const char *src, unsigned long line, time_t at)
{
	struct crlsource *cs;
	X509_CRL *crl = NULL;
	unsigned char *body = NULL, *der = NULL;
	char why[512], other[512], *url;
	size_t len, i;
	int dlen, cached = 0, status = EX_TROUBLE;

	(void)src;
	(void)line;
	/* said once, as the certificate's unknown status (crlset_check) */
	if ((url = cdp_url(x, why + 13, sizeof(why) - 13)) == NULL) {
		memcpy(why, "--crl-fetch: ", 13);
		crlset_miss(s, x, NULL, why);
		return EX_YES;
	}
	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].url, url) == 0) {
			if (!f->v[i].ok)
				crlset_miss(s, x, url,
				    f->v[i].why);
			free(url);
			return f->v[i].ok || f->soft ? EX_YES : EX_TROUBLE;
		}
	if (f->n >= CRLFETCH_MAX_URLS) {
		diag_err(url, 0, "--crl-fetch: %d CRLs fetched: not fetched",
		    CRLFETCH_MAX_URLS);
		crlset_miss(s, x, url, cause(url));
		free(url);
		return f->soft ? EX_YES : EX_TROUBLE;
	}
	f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
	cs = &f->v[f->n++];
	memset(cs, 0, sizeof(*cs));
	cs->url = url;
	if (f->cache != NULL && (!urlcache_ok(f->cache) ||
	    (cached = urlcache_read(f->cache, url, ".crl", CRLFETCH_MAX_BYTES,
	    &body, &len)) < 0))
		goto out;
	if (cached) {
		/* a cached CRL serves until its nextUpdate */
		const unsigned char *p = body;

		if ((crl = d2i_X509_CRL(NULL, &p, (long)len)) != NULL &&
		    usable(crl, at))
			diag_note(url, 0, "the CRL, from the cache %s",
			    f->cache);
		else {
			X509_CRL_free(crl);
			crl = NULL;
			cached = 0;
		}
		ERR_clear_error();
		free(body);
		body = NULL;
	}
	if (crl == NULL) {
		diag_note(url, 0, "fetching the CRL");
		if ((body = http_fetch(url, NULL, NULL, 0, CRLFETCH_MAX_BYTES,
		    (int)f->timeout, CRLFETCH_MAX_REDIRECTS, &len)) == NULL ||
		    (crl = crl_of(url, body, len)) == NULL)
			goto out;
	}
	if (!idp_names(crl, url, other, sizeof(other))) {
		diag_err(url, 0, "the CRL is a partition for another "
		    "distribution point (its issuingDistributionPoint names "
		    "%s; RFC 5280 6.3.3)", other);
		goto out;
	}
	/* a cache that cannot be written is trouble, but the CRL still
	 * answers */
	status = EX_YES;
	if (f->cache != NULL && !cached && ((dlen = i2d_X509_CRL(crl, &der))
	    <= 0 || urlcache_write(f->cache, url, ".crl", der, (size_t)dlen)
	    != 0))
		status = EX_TROUBLE;
	cs->cached = cached;
	source_fill(cs, crl);
	crlset_add(s, crl, url, 0);
	crl = NULL;
out:
	if (!cs->ok) {
		/* the message just said, as the status's cause */
		snprintf(cs->why, sizeof(cs->why), "%s", cause(url));
		crlset_miss(s, x, url, cs->why);
	}
	X509_CRL_free(crl);
	OPENSSL_free(der);
	free(body);
	return status == EX_TROUBLE && f->soft ? EX_YES : status;
}

int
crlfetch_chain(struct crlfetch *f, struct crlset *s, struct chain_pool *p,
    const size_t *ch, size_t n, time_t at)
{
	size_t k;
	X509 *x;
	int status = EX_YES;

	for (k = 0; k < n; k++)
		if ((x = chain_x509(p, ch[k])) != NULL &&
		    !chain_self_signed(p, ch[k]))
			status = ex_worst(status, crlfetch_cert(f, s, x,
			    p->c[ch[k]].src, p->c[ch[k]].line, at));
	return status;
}

void
crlfetch_free(struct crlfetch *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].url);
		free(f->v[i].issuer_cn);
		free(f->v[i].number);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
}
