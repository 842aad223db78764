/* aia.c: fetch a missing issuer by its caIssuers URL; see aia.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
#include "base/io.h"
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

/* DIR/HEX.der for url into buf. */
static void
cache_path(const struct aia *a, const char *url, char *buf, size_t n)
{
	unsigned char md[32];
	char hex[65];

	EVP_Digest(url, strlen(url), md, NULL, EVP_sha256(), NULL);
	ossl_hex(md, 32, hex);
	snprintf(buf, n, "%s/%s.der", a->cache, hex);
}

/*
 * May the cache directory be used (issue 24)?  Absent (made at the first
 * write), or a directory owned by us or by root that others cannot write
 * unless it is sticky, as /tmp: elsewhere anyone could plant or replace
 * an answer.  1, or 0 after a message.
 */
static int
cache_dir_ok(const struct aia *a)
{
	struct stat st;

	if (stat(a->cache, &st) == -1) {
		if (errno == ENOENT)
			return 1;
		return diag_err(a->cache, 0, "cannot use the cache: %s",
		    strerror(errno)), 0;
	}
	if (!S_ISDIR(st.st_mode))
		return diag_err(a->cache, 0, "the cache is not a directory"),
		    0;
	if (st.st_uid != geteuid() && st.st_uid != 0)
		return diag_err(a->cache, 0, "the cache directory belongs to "
		    "uid %u, not to you or root: refused",
		    (unsigned)st.st_uid), 0;
	if ((st.st_mode & S_IWOTH) && !(st.st_mode & 01000 /* S_ISVTX */))
		return diag_err(a->cache, 0, "the cache directory is writable "
		    "by others and not sticky: refused"), 0;
	return 1;
}

/*
 * The answer for url from the cache: 1 with the bytes in *body (new) and
 * *len, 0 when there is none, -1 after a message.  Opened without
 * following a link and without waiting (O_NOFOLLOW, O_NONBLOCK: a
 * planted FIFO would hang the filter with no deadline), and used only
 * when it is a regular file that is ours or root's (issue 24).
 */
static int
cache_read(const struct aia *a, const char *url, unsigned char **body,
    size_t *len)
{
	char path[4096];
	unsigned char buf[8192];
	struct stat st;
	ssize_t n;
	int fd, r = -1;

	*body = NULL;
	*len = 0;
	cache_path(a, url, path, sizeof(path));
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 0;
		return diag_err(path, 0, errno == ELOOP ? "the cache entry is "
		    "a symbolic link: refused" : "cannot read the cache "
		    "entry: %s", strerror(errno)), -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_err(path, 0, "the cache entry is not a regular file: "
		    "refused");
		goto out;
	}
	if (st.st_uid != geteuid() && st.st_uid != 0) {
		diag_err(path, 0, "the cache entry belongs to uid %u, not to "
		    "you or root: refused", (unsigned)st.st_uid);
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			diag_err(path, 0, "cannot read the cache entry: %s",
			    strerror(errno));
			goto out;
		}
		if (*len + (size_t)n > AIA_MAX_BYTES) {
			diag_err(path, 0, "the cache entry is more than %d "
			    "bytes", AIA_MAX_BYTES);
			goto out;
		}
		*body = xrealloc(*body, *len + (size_t)n);
		memcpy(*body + *len, buf, (size_t)n);
		*len += (size_t)n;
	}
	r = *body != NULL;
out:
	if (r == -1) {
		free(*body);
		*body = NULL;
		*len = 0;
	}
	close(fd);
	return r;
}

/* The certificates of sk into the cache as DER, a regular file of mode
 * 0644 at most, never through a link (OUT_REGULAR): 0 or EX_TROUBLE. */
static int
cache_write(const struct aia *a, const char *url, STACK_OF(X509) *sk)
{
	struct out o;
	unsigned char *der;
	char path[4096];
	int i, len, status;

	if (mkdir(a->cache, 0755) == -1 && errno != EEXIST)
		return diag_err(a->cache, 0, "cannot make the cache "
		    "directory: %s", strerror(errno));
	if (!cache_dir_ok(a))
		return EX_TROUBLE;
	cache_path(a, url, path, sizeof(path));
	if (out_open(&o, path, OUT_REGULAR | OUT_PUBLIC) != 0)
		return EX_TROUBLE;
	for (i = 0; i < sk_X509_num(sk); i++) {
		der = NULL;
		if ((len = i2d_X509(sk_X509_value(sk, i), &der)) > 0)
			out_write(&o, der, (size_t)len);
		OPENSSL_free(der);
	}
	status = out_close(&o);
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
	int j, dlen, r = -1, issues = 0, cached = 0, added = 0;

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
	if (a->cache != NULL && (!cache_dir_ok(a) ||
	    (cached = cache_read(a, url, &body, &len)) < 0))
		return -1;
	if (cached) {
		diag_note(url, 0, "the missing issuer, from the cache %s",
		    a->cache);
		cached = 1;
	} else {
		diag_note(url, 0, "fetching the missing issuer");
		body = http_fetch(url, NULL, NULL, 0, AIA_MAX_BYTES,
		    (int)a->timeout, AIA_MAX_REDIRECTS, &len);
	}
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
