/*
 * p12trust.c: pem2p12's Java truststore (p12trust.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "base/ossl.h"
#include "x509/x509info.h"
#include "x509/p12trust.h"

/* The friendlyName of x: its CN, or its whole subject; a new string. */
static char *
trust_name(X509 *x)
{
	char *s;

	if ((s = ossl_name_entry(X509_get_subject_name(x), "CN")) == NULL ||
	    *s == '\0') {
		free(s);
		s = x509info_name_str(X509_get_subject_name(x));
	}
	return s != NULL ? s : xstrdup("certificate");
}

/* Is name among the first n friendlyNames of ca? */
static int
name_used(STACK_OF(X509) *ca, int n, const char *name)
{
	const unsigned char *a;
	int i, len;

	for (i = 0; i < n; i++) {
		a = X509_alias_get0(sk_X509_value(ca, i), &len);
		if (a != NULL && (size_t)len == strlen(name) &&
		    memcmp(a, name, (size_t)len) == 0)
			return 1;
	}
	return 0;
}

PKCS12 *
p12_truststore(STACK_OF(X509) *ca, const char *pass, int cipher_nid,
    int iter, const EVP_MD *md)
{
	STACK_OF(PKCS12_SAFEBAG) *bags = NULL;
	STACK_OF(PKCS7) *safes = NULL;
	PKCS12_SAFEBAG *bag;
	PKCS12 *p12 = NULL;
	PKCS7 *p7 = NULL;
	ASN1_OBJECT *any = NULL;
	X509 *x;
	char *name = NULL, *alt = NULL;
	size_t altlen;
	int i, k;

	if ((any = OBJ_nid2obj(NID_anyExtendedKeyUsage)) == NULL)
		goto fail;
	for (i = 0; i < sk_X509_num(ca); i++) {
		x = sk_X509_value(ca, i);
		name = trust_name(x);
		for (k = 2; name_used(ca, i, alt ? alt : name); k++) {
			free(alt);
			altlen = strlen(name) + 24;
			alt = xmalloc(altlen);
			snprintf(alt, altlen, "%s %d", name, k);
		}
		if (!X509_alias_set1(x, (unsigned char *)(alt ? alt : name),
		    -1) || !X509_keyid_set1(x, NULL, 0))
			goto fail;
		free(name);
		free(alt);
		name = alt = NULL;
		/* PKCS12_add_cert copies the alias into a friendlyName;
		 * the attribute's value is the OID itself (len -1: data is
		 * the ASN1_OBJECT, X509_ATTRIBUTE_set1_data(3)) */
		if ((bag = PKCS12_add_cert(&bags, x)) == NULL ||
		    !PKCS12_add1_attr_by_txt(bag, P12_JDK_TRUST_OID,
		    V_ASN1_OBJECT, (const unsigned char *)any, -1))
			goto fail;
	}
	if ((safes = sk_PKCS7_new_null()) == NULL ||
	    (p7 = PKCS12_pack_p7encdata_ex(cipher_nid, pass, -1, NULL, 0,
	    iter, bags, NULL, NULL)) == NULL ||
	    !sk_PKCS7_push(safes, p7))
		goto fail;
	p7 = NULL;
	if ((p12 = PKCS12_add_safes_ex(safes, 0, NULL, NULL)) == NULL ||
	    !PKCS12_set_mac(p12, pass, -1, NULL, 0, iter, md))
		goto fail;
	goto out;
fail:
	diag_err(NULL, 0, "OpenSSL could not make the PKCS#12 truststore");
	PKCS12_free(p12);
	p12 = NULL;
out:
	free(name);
	free(alt);
	PKCS7_free(p7);
	sk_PKCS7_pop_free(safes, PKCS7_free);
	sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
	return p12;
}
