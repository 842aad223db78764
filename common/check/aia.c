/* aia.c: fetch a missing issuer by its caIssuers URL; see aia.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "check/aia.h"
#include "x509/chain.h"
#include "base/diag.h"
#include "net/http.h"
#include "net/urlcache.h"
#include "base/ossl.h"
#include "x509/x509info.h"

/* The first http caIssuers URL of x, a new string, or NULL. */
static char *
ca_issuers(X509 *x)
{
	AUTHORITY_INFO_ACCESS *aia;
	ACCESS_DESCRIPTION *ad;
	char *url = NULL;
	int i;

	if ((aia = X509_get_ext_d2i(x, NID_info_access, NULL, NULL)) == NULL)
		return NULL;
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(aia) && url == NULL; i++) {
		ad = sk_ACCESS_DESCRIPTION_value(aia, i);
		if (OBJ_obj2nid(ad->method) == NID_ad_ca_issuers &&
		    ad->location->type == GEN_URI &&
		    ASN1_STRING_length(ad->location->d.uniformResourceIdentifier)
		    > 7 && strncmp((const char *)ASN1_STRING_get0_data(
		    ad->location->d.uniformResourceIdentifier), "http://", 7) ==
		    0)
			url = ossl_escape_ctl((const char *)ASN1_STRING_get0_data(
			    ad->location->d.uniformResourceIdentifier),
			    (size_t)ASN1_STRING_length(
			    ad->location->d.uniformResourceIdentifier));
	}
	AUTHORITY_INFO_ACCESS_free(aia);
	ERR_clear_error();
	return url;
}

/* The certificates of an answer: PEM, DER, or a certs-only PKCS#7 in
 * DER or PEM (zakjan/cert-chain-resolver#4: PEM where DER was meant). */
static STACK_OF(X509) *
certs_of(const unsigned char *body, size_t len)
{
	STACK_OF(X509) *sk = sk_X509_new_null(), *in = NULL;
	const unsigned char *p = body;
	PKCS7 *p7 = NULL;
	X509 *x;
	BIO *b;

	if (sk == NULL)
		return NULL;
	if (len > 10 && memcmp(body, "-----BEGIN", 10) == 0) {
		if ((b = BIO_new_mem_buf(body, (int)len)) == NULL)
			return sk;
		if ((p7 = PEM_read_bio_PKCS7(b, NULL, NULL, NULL)) == NULL) {
			(void)BIO_reset(b);
			while ((x = PEM_read_bio_X509(b, NULL, NULL, NULL)) !=
			    NULL)
				if (!sk_X509_push(sk, x))
					X509_free(x);
		}
		BIO_free(b);
	} else if ((x = d2i_X509(NULL, &p, (long)len)) != NULL) {
		if (!sk_X509_push(sk, x))
			X509_free(x);
	} else {
		p = body;
		p7 = d2i_PKCS7(NULL, &p, (long)len);
	}
	if (p7 != NULL && PKCS7_type_is_signed(p7) && p7->d.sign != NULL)
		in = p7->d.sign->cert;
	while (sk_X509_num(in) > 0) {
		x = sk_X509_shift(in);
		if (!sk_X509_push(sk, x))
			X509_free(x);
	}
	PKCS7_free(p7);
	ERR_clear_error();
	return sk;
}

/*
 * Whole seconds left of a->timeout, which bounds all fetches of one run
 * together from the start of the first (issue 24), rounded up: 0 when
 * none is left.  CLOCK_MONOTONIC: a clock set back does not extend it.
 */
static int
time_left(struct aia *a)
{
	struct timespec now;
	long long ms;

	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return (int)a->timeout;
	if (!a->started) {
		a->t0 = now;
		a->started = 1;
	}
	ms = (long long)a->timeout * 1000 - ((long long)(now.tv_sec -
	    a->t0.tv_sec) * 1000 + (now.tv_nsec - a->t0.tv_nsec) / 1000000);
	return ms <= 0 ? 0 : (int)((ms + 999) / 1000);
}

/* The certificates of sk into the cache as DER (urlcache.h): 0 or
 * EX_TROUBLE. */
static int
cache_write(const struct aia *a, const char *url, STACK_OF(X509) *sk)
{
	unsigned char *der, *all = NULL;
	size_t n = 0;
	int i, len, status;

	for (i = 0; i < sk_X509_num(sk); i++) {
		der = NULL;
		if ((len = i2d_X509(sk_X509_value(sk, i), &der)) > 0) {
			all = xrealloc(all, n + (size_t)len);
			memcpy(all + n, der, (size_t)len);
			n += (size_t)len;
		}
		OPENSSL_free(der);
	}
	status = urlcache_write(a->cache, url, ".der", all, n);
	free(all);
	return status;
}

int
aia_fetch(struct aia *a, struct chain_pool *p, size_t i)
{
	STACK_OF(X509) *sk = NULL;
	unsigned char *body = NULL, *der;
	X509 *child = chain_x509(p, i), *x;
	char *url, *s;
	size_t len, k;
	int j, dlen, r = -1, issues = 0, cached = 0, added = 0, left = 0;

	if (child == NULL || (url = ca_issuers(child)) == NULL)
		return 0;
	for (k = 0; k < a->urls.n; k++)
		if (strcmp(a->urls.v[k], url) == 0) {
			free(url);
			return 0;
		}
	if (a->urls.n >= AIA_MAX_FETCHES) {
		diag_warn(NULL, 0, "--fetch: %d fetches made: %s not fetched",
		    AIA_MAX_FETCHES, url);
		free(url);
		return 0;
	}
	/* the pool keeps pointing at the URL: the list owns it */
	strlist_add(&a->urls, url);
	free(url);
	url = a->urls.v[a->urls.n - 1];
	if (a->cache != NULL && (!urlcache_ok(a->cache) ||
	    (cached = urlcache_read(a->cache, url, ".der", AIA_MAX_BYTES,
	    &body, &len)) < 0))
		return -1;
	if (cached) {
		diag_note(url, 0, "the missing issuer, from the cache %s",
		    a->cache);
		cached = 1;
	} else if ((left = time_left(a)) > 0) {
		diag_note(url, 0, "fetching the missing issuer");
		body = http_fetch(url, NULL, NULL, 0, AIA_MAX_BYTES, left,
		    AIA_MAX_REDIRECTS, &len);
	}
	/* the deadline, not this server, cut it short: a fetch given only
	 * what was left of it timed out (http.c counts whole seconds of
	 * time(3), so the clock here may not have run out yet), or none
	 * was left to give */
	if (body == NULL && !cached && left < (int)a->timeout &&
	    (left == 0 || strstr(diag_last_error(), "timed out") != NULL))
		diag_err(url, 0, "--fetch: over -t %u s for all fetches "
		    "together", a->timeout);
	if (body == NULL)
		return -1;
	if ((sk = certs_of(body, len)) == NULL || sk_X509_num(sk) == 0) {
		diag_err(url, 0, "the answer is not a certificate (DER, PEM or "
		    "PKCS#7)");
		goto out;
	}
	for (j = 0; j < sk_X509_num(sk); j++) {
		x = sk_X509_value(sk, j);
		der = NULL;
		if ((dlen = i2d_X509(x, &der)) > 0 &&
		    (added = chain_add(p, der, (size_t)dlen, url, 0,
		    (unsigned long)j + 1, 0, 0)) < 0) {
			OPENSSL_free(der);
			goto out;
		}
		if (dlen > 0 && added > 0)
			p->c[p->n - 1].fetched = 1;	/* not the input's */
		OPENSSL_free(der);
		if (X509_check_issued(x, child) == X509_V_OK &&
		    X509_get0_pubkey(x) != NULL &&
		    X509_verify(child, X509_get0_pubkey(x)) == 1)
			issues = 1;
		ERR_clear_error();
	}
	r = issues;
	if (!issues) {
		s = x509info_name_str(X509_get_subject_name(child));
		diag_warn(url, 0, "what it sent does not issue %s", s ? s :
		    "?");
		free(s);
	} else if (a->cache != NULL && !cached && cache_write(a, url, sk) != 0)
		r = -1;
out:
	sk_X509_pop_free(sk, X509_free);
	free(body);
	return r;
}

void
aia_free(struct aia *a)
{
	strlist_free(&a->urls);
}
