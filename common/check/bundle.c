/* bundle.c: pem-join's check of a server's file; see bundle.h. */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "base/ossl.h"
#include "check/bundle.h"
#include "x509/keys.h"
#include "x509/x509info.h"

/* The certificate of kept block c, decoded (the caller frees), or NULL. */
static X509 *
kept_x509(const struct kept *c)
{
	const unsigned char *p = c->der;
	X509 *x;

	if ((x = d2i_X509(NULL, &p, (long)c->derlen)) == NULL)
		ERR_clear_error();
	return x;
}

/*
 * -k/-K: a self-signed CA certificate is a root, which a server does not
 * send (RFC 8446 section 4.4.2, RFC 5246 section 7.4.2: it may be left
 * out; the client has it): dropped, with a warning as chain-order's.
 * Each other certificate that is no CA (RFC 5280 section 4.2.1.9) and
 * not version 1 is an end-entity one: its index into ee[], their count
 * returned.
 */
static size_t
sort_certs(struct kept *k, size_t n, size_t *ee)
{
	size_t i, nee = 0;
	X509 *x;
	char *s;
	int v1;

	for (i = 0; i < n; i++) {
		if (k[i].kind != PK_CERT || (x = kept_x509(&k[i])) == NULL)
			continue;
		/* a version 1 certificate has no basicConstraints: CA or
		 * leaf is not known, and only a self-signed one is a root */
		v1 = X509_get_version(x) == X509_VERSION_1;
		if ((ossl_is_ca(x) || v1) && X509_self_signed(x, 1) == 1) {
			s = x509info_name_str(X509_get_subject_name(x));
			diag_warn(NULL, 0, "the root %s:%lu (%s) is left out: "
			    "a server does not send it", k[i].src, k[i].line,
			    s ? s : "-");
			free(s);
			k[i].drop = 1;
		} else if (!ossl_is_ca(x) && !v1)
			ee[nee++] = i;
		ERR_clear_error();
		X509_free(x);
	}
	return nee;
}

/*
 * Two end-entity certificates in a server's file: the old one left in
 * at renewal.  Name each that is not of the private key pk (or each
 * after the first when none is); returns EX_NO.
 */
static int
second_leaf(const struct kept *k, const size_t *ee, size_t nee,
    EVP_PKEY *pk)
{
	size_t i, mine = (size_t)-1;
	X509 *x;
	char *s;

	for (i = 0; pk != NULL && i < nee && mine == (size_t)-1; i++)
		if ((x = kept_x509(&k[ee[i]])) != NULL) {
			if (key_same(pk, X509_get0_pubkey(x)))
				mine = i;
			X509_free(x);
		}
	for (i = 0; i < nee; i++) {
		if (i == (mine == (size_t)-1 ? 0 : mine) ||
		    (x = kept_x509(&k[ee[i]])) == NULL)
			continue;
		s = x509info_name_str(X509_get_subject_name(x));
		diag_no(k[ee[i]].src, k[ee[i]].line, "a second end-entity "
		    "certificate (%s)%s: a server's file holds one leaf: the "
		    "old certificate left in at renewal?", s ? s : "-",
		    mine == (size_t)-1 ? "" : ", not of the private key");
		free(s);
		X509_free(x);
	}
	ERR_clear_error();
	return EX_NO;
}

int
bundle_check(struct kept *k, size_t n)
{
	const struct kept *key = NULL, *cert = NULL;
	struct pem_block tb;
	const unsigned char *p;
	EVP_PKEY *pk = NULL;
	X509 *x = NULL;
	char *cn = NULL;
	size_t i, nkeys = 0, *ee, nee;
	int status = EX_NO;

	ee = xmalloc((n + 1) * sizeof(*ee));
	nee = sort_certs(k, n, ee);
	for (i = 0; i < n; i++) {
		if (k[i].key && nkeys++ == 0)
			key = &k[i];
		else if (k[i].key)
			diag_no(k[i].src, k[i].line, "a second private key "
			    "(the first at %s:%lu): a server's file holds "
			    "exactly one", key->src, key->line);
		if (k[i].kind == PK_CERT && cert == NULL && !k[i].drop)
			cert = &k[i];
	}
	if (nkeys != 1) {
		if (nkeys == 0)
			diag_no(NULL, 0, "no private key in the input: -k and "
			    "-K build a file of a key and its certificates");
		goto out;
	}
	if (key->encrypted) {
		diag_no(key->src, key->line, "the private key is "
		    "encrypted, and IceWarp, HAProxy, Kerio and Postfix "
		    "cannot load an encrypted key: give --decrypt with "
		    "--passin, or --no-check");
		goto out;
	}
	if (cert == NULL) {
		diag_no(NULL, 0, "no certificate in the input to go "
		    "with the private key (%s:%lu)", key->src, key->line);
		goto out;
	}
	memset(&tb, 0, sizeof(tb));
	tb.src = key->src;
	tb.line = key->line;
	tb.kind = key->kind;
	tb.inlabel = tb.label = key->label;
	tb.der = key->der;
	tb.derlen = key->derlen;
	p = cert->der;
	if (key->kind == PK_OTHER) {
		diag_note(key->src, key->line, "\"%s\" key not compared with "
		    "the certificate", key->label);
		status = nee > 1 ? second_leaf(k, ee, nee, NULL) : EX_YES;
		goto out;
	}
	if ((pk = key_private(&tb, NULL)) != NULL && nee > 1) {
		status = second_leaf(k, ee, nee, pk);
		goto out;
	}
	if (pk == NULL ||
	    (x = d2i_X509(NULL, &p, (long)cert->derlen)) == NULL ||
	    X509_get0_pubkey(x) == NULL) {
		if (pk != NULL)
			diag_err(cert->src, cert->line, "the first "
			    "certificate does not decode");
		status = EX_TROUBLE;
		goto out;
	}
	if (key_same(pk, X509_get0_pubkey(x))) {
		status = EX_YES;
		goto out;
	}
	cn = ossl_name_entry(X509_get_subject_name(x), "CN");
	diag_no(key->src, key->line, "the private key is not the key of the "
	    "first certificate (%s:%lu, CN=%s): a renewal's new certificate "
	    "with the old key?", cert->src, cert->line, cn ? cn : "-");
out:
	free(ee);
	free(cn);
	X509_free(x);
	EVP_PKEY_free(pk);
	return status;
}
