/*
 * x509der: differential, issue 15.  The input is DER.  x509info_der (the
 * fast path) must refuse exactly what d2i_X509 refuses, and for what
 * both accept give every field x509info_get gives for the full decode,
 * and the same EXFLAG_INVALID verdict and defect; any difference aborts.
 */
#include <string.h>

#include <openssl/x509v3.h>

#include "fuzz.h"
#include "base/ossl.h"
#include "x509/x509info.h"

static void
same_s(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
		abort();
}

static void
same_l(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++)
		same_s(a->v[i], b->v[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *p = data;
	struct x509info f, g;
	X509 *s = NULL, *x;
	char why[512];
	int rf, inv;

	x = d2i_X509(NULL, &p, (long)size);
	if (x != NULL && p != data + size) {	/* the reader frames one */
		X509_free(x);
		return 0;
	}
	rf = x509info_der(data, size, 2000000000, X509INFO_NAMES, &f, &s);
	if ((rf == -1) != (x == NULL))
		abort();
	if (x != NULL)
		memset(&g, 0, sizeof(g));
	if (x != NULL && x509info_get(x, 2000000000, &g) == 0 && rf == 0) {
		same_s(f.subject, g.subject);
		same_s(f.issuer, g.issuer);
		same_s(f.serial, g.serial);
		same_s(f.not_before, g.not_before);
		same_s(f.not_after, g.not_after);
		same_s(f.bad_time, g.bad_time);
		same_s(f.key_type, g.key_type);
		same_s(f.curve, g.curve);
		same_s(f.sig, g.sig);
		same_s(f.sha256, g.sha256);
		same_s(f.sha1, g.sha1);
		same_s(f.spki_sha256, g.spki_sha256);
		same_s(f.pin_sha256, g.pin_sha256);
		same_s(f.ski, g.ski);
		same_s(f.aki, g.aki);
		same_s(f.role, g.role);
		same_l(&f.dns, &g.dns);
		same_l(&f.ip, &g.ip);
		same_l(&f.email, &g.email);
		same_l(&f.uri, &g.uri);
		same_l(&f.ku, &g.ku);
		same_l(&f.eku, &g.eku);
		same_l(&f.ocsp, &g.ocsp);
		same_l(&f.ca_issuers, &g.ca_issuers);
		same_l(&f.crl, &g.crl);
		same_l(&f.policies, &g.policies);
		if (f.secs_left != g.secs_left || f.secs_valid != g.secs_valid ||
		    f.days_left != g.days_left || f.key_bits != g.key_bits ||
		    f.has_bc != g.has_bc || f.ca != g.ca ||
		    f.path_len != g.path_len || f.self_signed != g.self_signed ||
		    f.derlen != g.derlen || f.spkilen != g.spkilen ||
		    memcmp(f.der, g.der, (size_t)f.derlen) != 0 ||
		    memcmp(f.spki, g.spki, (size_t)f.spkilen) != 0)
			abort();
		inv = (X509_get_extension_flags(x) & EXFLAG_INVALID) != 0;
		if (inv != ((X509_get_extension_flags(s) & EXFLAG_INVALID) != 0))
			abort();
		if (inv) {	/* its words are in a static buffer */
			snprintf(why, sizeof(why), "%s", ossl_cert_defect(x));
			same_s(why, ossl_cert_defect(s));
		}
		if (X509_check_host(x, "example.com", 0, 0, NULL) !=
		    X509_check_host(s, "example.com", 0, 0, NULL))
			abort();
	}
	if (x != NULL)
		x509info_free(&g);
	x509info_free(&f);
	X509_free(s);
	X509_free(x);
	return 0;
}
