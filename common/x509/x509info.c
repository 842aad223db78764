/* x509info.c: certificate fields for cert-info; see x509info.h. */
#include <arpa/inet.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/asn1t.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "base/ossl.h"
#include "x509/x509info.h"

/* Append s[0..n) to l; control bytes (a NUL inside a name is the
 * null-prefix attack) are shown as \xNN, never cut or passed raw. */
static void
add(struct strlist *l, const char *s, size_t n)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = ossl_escape_ctl(s, n);
}

static void
addz(struct strlist *l, const char *s)
{
	add(l, s, strlen(s));
}

static void
freelist(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

char *
x509info_name_str(const X509_NAME *nm)
{
	BIO *b;
	char *p, *s;
	long n;

	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return NULL;
	if (X509_NAME_print_ex(b, nm, 0, XN_FLAG_RFC2253 &
	    ~ASN1_STRFLGS_ESC_MSB) < 0) {
		BIO_free(b);
		return NULL;
	}
	n = BIO_get_mem_data(b, &p);
	s = xmalloc((size_t)n + 1);
	if (n > 0)		/* an empty name leaves p NULL */
		memcpy(s, p, (size_t)n);
	s[n] = '\0';
	BIO_free(b);
	return s;
}

int
x509info_time(const ASN1_TIME *t, char *buf, size_t n)
{
	struct tm tm;

	if (!ASN1_TIME_to_tm(t, &tm))
		return -1;
	/* four-digit years, as ISO 8601 and RFC 3339 require: strftime's
	 * %Y writes year 1 as "1" */
	if (tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999)
		return -1;
	snprintf(buf, n, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)(tm.tm_year + 1900) % 10000, (unsigned)(tm.tm_mon + 1) % 100,
	    (unsigned)tm.tm_mday % 100, (unsigned)tm.tm_hour % 100,
	    (unsigned)tm.tm_min % 100, (unsigned)tm.tm_sec % 100);
	return 0;
}

int
x509info_epoch(const ASN1_TIME *t, long long *secs)
{
	ASN1_TIME *e = ASN1_TIME_set(NULL, 0);
	int r = e != NULL ? x509info_secs(e, t, secs) : -1;

	ASN1_TIME_free(e);
	return r;
}

int
x509info_secs(const ASN1_TIME *a, const ASN1_TIME *b, long long *secs)
{
	int days, s;

	if (!ASN1_TIME_diff(&days, &s, a, b))
		return -1;
	*secs = (long long)days * 86400 + s;
	return 0;
}

static char *
hex_colonless(const ASN1_OCTET_STRING *os)
{
	char *s;

	if (os == NULL)
		return NULL;
	s = xmalloc((size_t)ASN1_STRING_length(os) * 2 + 1);
	ossl_hex(ASN1_STRING_get0_data(os), (size_t)ASN1_STRING_length(os),
	    s);
	return s;
}

void
x509info_sans(const GENERAL_NAMES *gns, struct x509info *xi)
{
	const GENERAL_NAME *g;
	char ip[INET6_ADDRSTRLEN];
	int i;

	for (i = 0; i < sk_GENERAL_NAME_num(gns); i++) {
		g = sk_GENERAL_NAME_value(gns, i);
		switch (g->type) {
		case GEN_DNS:
			add(&xi->dns, (const char *)ASN1_STRING_get0_data(
			    g->d.dNSName), (size_t)ASN1_STRING_length(
			    g->d.dNSName));
			break;
		case GEN_EMAIL:
			add(&xi->email, (const char *)ASN1_STRING_get0_data(
			    g->d.rfc822Name), (size_t)ASN1_STRING_length(
			    g->d.rfc822Name));
			break;
		case GEN_URI:
			add(&xi->uri, (const char *)ASN1_STRING_get0_data(
			    g->d.uniformResourceIdentifier),
			    (size_t)ASN1_STRING_length(
			    g->d.uniformResourceIdentifier));
			break;
		case GEN_IPADD:
			if (inet_ntop(ASN1_STRING_length(g->d.iPAddress) == 16 ?
			    AF_INET6 : AF_INET, ASN1_STRING_get0_data(
			    g->d.iPAddress), ip, sizeof(ip)) != NULL &&
			    (ASN1_STRING_length(g->d.iPAddress) == 4 ||
			    ASN1_STRING_length(g->d.iPAddress) == 16))
				addz(&xi->ip, ip);
			else
				addz(&xi->ip, "(malformed)");
			break;
		}
	}
}

static void
uris_of(GENERAL_NAMES *gns, struct strlist *l)
{
	const GENERAL_NAME *g;
	int i;

	for (i = 0; i < sk_GENERAL_NAME_num(gns); i++) {
		g = sk_GENERAL_NAME_value(gns, i);
		if (g->type == GEN_URI)
			add(l, (const char *)ASN1_STRING_get0_data(
			    g->d.uniformResourceIdentifier),
			    (size_t)ASN1_STRING_length(
			    g->d.uniformResourceIdentifier));
	}
}

/* AIA (4.2.2.1), CRL distribution points (4.2.1.13), policies (4.2.1.4) */
static void
access(X509 *x, struct x509info *xi)
{
	AUTHORITY_INFO_ACCESS *aia;
	CRL_DIST_POINTS *dps;
	CERTIFICATEPOLICIES *pol;
	const ACCESS_DESCRIPTION *ad;
	const DIST_POINT *dp;
	char oid[128];
	int i, nid;

	if ((aia = ossl_ext_d2i(x, NID_info_access)) != NULL) {
		for (i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
			ad = sk_ACCESS_DESCRIPTION_value(aia, i);
			nid = OBJ_obj2nid(ad->method);
			if (ad->location->type != GEN_URI)
				continue;
			if (nid == NID_ad_OCSP || nid == NID_ad_ca_issuers)
				add(nid == NID_ad_OCSP ? &xi->ocsp :
				    &xi->ca_issuers,
				    (const char *)ASN1_STRING_get0_data(
				    ad->location->d.uniformResourceIdentifier),
				    (size_t)ASN1_STRING_length(
				    ad->location->d.uniformResourceIdentifier));
		}
		AUTHORITY_INFO_ACCESS_free(aia);
	}
	if ((dps = ossl_ext_d2i(x, NID_crl_distribution_points)) != NULL) {
		for (i = 0; i < sk_DIST_POINT_num(dps); i++) {
			dp = sk_DIST_POINT_value(dps, i);
			if (dp->distpoint != NULL && dp->distpoint->type == 0)
				uris_of(dp->distpoint->name.fullname, &xi->crl);
		}
		CRL_DIST_POINTS_free(dps);
	}
	if ((pol = ossl_ext_d2i(x, NID_certificate_policies)) != NULL) {
		for (i = 0; i < sk_POLICYINFO_num(pol); i++) {
			OBJ_obj2txt(oid, sizeof(oid),
			    sk_POLICYINFO_value(pol, i)->policyid, 1);
			addz(&xi->policies, oid);
		}
		CERTIFICATEPOLICIES_free(pol);
	}
}

/* keyUsage (4.2.1.3) and extKeyUsage (4.2.1.12), by name. */
static void
usages(X509 *x, struct x509info *xi)
{
	static const struct { unsigned bit; const char *name; } ku[] = {
		{ KU_DIGITAL_SIGNATURE,	"digitalSignature" },
		{ KU_NON_REPUDIATION,	"nonRepudiation" },
		{ KU_KEY_ENCIPHERMENT,	"keyEncipherment" },
		{ KU_DATA_ENCIPHERMENT,	"dataEncipherment" },
		{ KU_KEY_AGREEMENT,	"keyAgreement" },
		{ KU_KEY_CERT_SIGN,	"keyCertSign" },
		{ KU_CRL_SIGN,		"cRLSign" },
		{ KU_ENCIPHER_ONLY,	"encipherOnly" },
		{ KU_DECIPHER_ONLY,	"decipherOnly" },
	};
	EXTENDED_KEY_USAGE *eku;
	ASN1_BIT_STRING *kus;
	uint32_t bits;
	char oid[128];
	size_t i;
	int k;

	/* decoded from the extension, not X509_get_key_usage(3), which
	 * answers 0 for a certificate OpenSSL marks invalid */
	if ((kus = ossl_ext_d2i(x, NID_key_usage)) != NULL) {
		bits = 0;
		for (k = 0; k < 9; k++)
			if (ASN1_BIT_STRING_get_bit(kus, k))
				bits |= k < 8 ? 0x80U >> k : KU_DECIPHER_ONLY;
		for (i = 0; i < sizeof(ku) / sizeof(ku[0]); i++)
			if (bits & ku[i].bit)
				addz(&xi->ku, ku[i].name);
		ASN1_BIT_STRING_free(kus);
	}
	if ((eku = ossl_ext_d2i(x, NID_ext_key_usage)) !=
	    NULL) {
		for (k = 0; k < sk_ASN1_OBJECT_num(eku); k++) {
			const ASN1_OBJECT *o = sk_ASN1_OBJECT_value(eku, k);
			int nid = OBJ_obj2nid(o);

			if (nid != NID_undef)
				addz(&xi->eku, OBJ_nid2sn(nid));
			else {
				OBJ_obj2txt(oid, sizeof(oid), o, 1);
				addz(&xi->eku, oid);
			}
		}
		EXTENDED_KEY_USAGE_free(eku);
	}
}

static void
pubkey(X509 *x, struct x509info *xi)
{
	EVP_PKEY *pk;
	ASN1_OBJECT *alg;

	if ((pk = X509_get0_pubkey(x)) == NULL) {
		ERR_clear_error();
		if (X509_PUBKEY_get0_param(&alg, NULL, NULL, NULL,
		    X509_get_X509_PUBKEY(x)))
			OBJ_obj2txt(xi->key_type, sizeof(xi->key_type), alg, 0);
		return;
	}
	x509info_key(pk, xi);
}

void
x509info_key(const EVP_PKEY *pk, struct x509info *xi)
{
	const char *nist;
	char group[64];

	snprintf(xi->key_type, sizeof(xi->key_type), "%s",
	    EVP_PKEY_get0_type_name(pk) != NULL ?
	    EVP_PKEY_get0_type_name(pk) : "unknown");
	xi->key_bits = EVP_PKEY_get_bits(pk);
	if (EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME,
	    group, sizeof(group), NULL)) {
		nist = EC_curve_nid2nist(OBJ_sn2nid(group));
		snprintf(xi->curve, sizeof(xi->curve), "%s",
		    nist != NULL ? nist : group);
	}
	ERR_clear_error();
}

/*
 * The fields every path takes from an X509 the same way: names, serial,
 * validity, subjectAltName, key identifiers, basicConstraints, usages,
 * access.  0, or EX_TROUBLE when a name cannot be printed.
 */
/* b64url[] of in[0..n): base64url without padding (RFC 4648 section 5),
 * in a new string. */
static char *
b64url(const unsigned char *in, size_t n)
{
	char *out = xmalloc(4 * ((n + 2) / 3) + 1), *p;

	EVP_EncodeBlock((unsigned char *)out, in, (int)n);
	for (p = out; *p != '\0'; p++)
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
		else if (*p == '=') {
			*p = '\0';
			break;
		}
	return out;
}

/*
 * The ARI certificate identifier of x (RFC 9773 section 4.1): the
 * base64url of its AKI keyIdentifier, ".", the base64url of the DER
 * content octets of its serial number (with the 00 that keeps a high
 * bit positive), in a new string; NULL without a keyIdentifier.
 */
static char *
ari_id(X509 *x)
{
	const ASN1_OCTET_STRING *kid = X509_get0_authority_key_id(x);
	unsigned char *der = NULL;
	const unsigned char *p;
	char *a = NULL, *s = NULL, *id = NULL;
	long clen;
	int n, tag, cls;

	if (kid == NULL || ASN1_STRING_length(kid) <= 0)
		return NULL;
	if ((n = i2d_ASN1_INTEGER(X509_get0_serialNumber(x), &der)) <= 0)
		goto out;
	p = der;
	if (ASN1_get_object(&p, &clen, &tag, &cls, n) & 0x80 || clen <= 0)
		goto out;
	a = b64url(ASN1_STRING_get0_data(kid), (size_t)ASN1_STRING_length(kid));
	s = b64url(p, (size_t)clen);
	id = xmalloc(strlen(a) + strlen(s) + 2);
	sprintf(id, "%s.%s", a, s);
out:
	OPENSSL_free(der);
	free(a);
	free(s);
	ERR_clear_error();
	return id;
}

static int
core(X509 *x, const X509_NAME *subject, const X509_NAME *issuer, time_t at,
    struct x509info *xi)
{
	BASIC_CONSTRAINTS *bc;
	GENERAL_NAMES *gns;
	ASN1_TIME *now;
	const ASN1_INTEGER *sn;
	char *hex;
	int n;

	if ((xi->subject = x509info_name_str(subject)) == NULL ||
	    (xi->issuer = x509info_name_str(issuer)) == NULL)
		return EX_TROUBLE;
	/* the INTEGER's content octets, as i2a_ASN1_INTEGER prints them */
	sn = X509_get0_serialNumber(x);
	n = ASN1_STRING_length(sn);
	xi->serial = xmalloc(2 * (size_t)(n > 0 ? n : 1) + 2);
	hex = xi->serial;
	if (ASN1_STRING_type(sn) == V_ASN1_NEG_INTEGER)
		*hex++ = '-';
	if (n > 0)
		ossl_hex(ASN1_STRING_get0_data(sn), (size_t)n, hex);
	else
		memcpy(hex, "00", 3);
	if ((now = ASN1_TIME_set(NULL, at)) == NULL)
		return EX_TROUBLE;
	/* a malformed time (pyca's badasn1time.pem) is named, not fatal:
	 * the other fields are still shown */
	if (x509info_time(X509_get0_notBefore(x), xi->not_before,
	    sizeof(xi->not_before)) != 0 || x509info_secs(X509_get0_notBefore(x),
	    now, &xi->secs_valid) != 0) {
		xi->bad_time = "notBefore";
		snprintf(xi->not_before, sizeof(xi->not_before), "(malformed)");
	}
	if (x509info_time(X509_get0_notAfter(x), xi->not_after,
	    sizeof(xi->not_after)) != 0 || x509info_secs(now,
	    X509_get0_notAfter(x), &xi->secs_left) != 0) {
		xi->bad_time = "notAfter";
		snprintf(xi->not_after, sizeof(xi->not_after), "(malformed)");
	}
	ASN1_TIME_free(now);
	ERR_clear_error();
	/* whole days, rounded down: -1 on the day after expiry */
	xi->days_left = xi->secs_left >= 0 ? xi->secs_left / 86400 :
	    -((-xi->secs_left + 86399) / 86400);
	if ((gns = ossl_ext_d2i(x, NID_subject_alt_name)) !=
	    NULL) {
		x509info_sans(gns, xi);
		GENERAL_NAMES_free(gns);
	}
	xi->ski = hex_colonless(X509_get0_subject_key_id(x));
	xi->aki = hex_colonless(X509_get0_authority_key_id(x));
	xi->ari_id = ari_id(x);
	if ((bc = ossl_ext_d2i(x, NID_basic_constraints)) !=
	    NULL) {
		xi->has_bc = 1;
		xi->ca = bc->ca != 0;
		if (bc->pathlen != NULL)
			xi->path_len = ASN1_INTEGER_get(bc->pathlen);
		BASIC_CONSTRAINTS_free(bc);
	}
	usages(x, xi);
	access(x, xi);
	return 0;
}

/* sha256, sha1, spki_sha256 and pin_sha256 from xi's der and spki. */
static int
digests(struct x509info *xi)
{
	unsigned char md[32];

	if (!ossl_sha256(xi->der, (size_t)xi->derlen, md))
		return EX_TROUBLE;
	ossl_hex(md, 32, xi->sha256);
	if (!ossl_sha1(xi->der, (size_t)xi->derlen, md))
		return EX_TROUBLE;
	ossl_hex(md, 20, xi->sha1);
	if (!ossl_sha256(xi->spki, (size_t)xi->spkilen, md))
		return EX_TROUBLE;
	ossl_hex(md, 32, xi->spki_sha256);
	EVP_EncodeBlock((unsigned char *)xi->pin_sha256, md, 32);
	return 0;
}

static void
role(struct x509info *xi)
{
	xi->role = xi->ca ? (xi->self_signed ? "root" : "intermediate") :
	    "leaf";
}

int
x509info_get(X509 *x, time_t at, struct x509info *xi)
{
	const X509_ALGOR *alg;
	const ASN1_OBJECT *obj;

	memset(xi, 0, sizeof(*xi));
	xi->path_len = -1;
	if (core(x, X509_get_subject_name(x), X509_get_issuer_name(x), at,
	    xi) != 0)
		return EX_TROUBLE;
	pubkey(x, xi);
	X509_get0_signature(NULL, &alg, x);
	X509_ALGOR_get0(&obj, NULL, NULL, alg);
	OBJ_obj2txt(xi->sig, sizeof(xi->sig), obj, 0);
	/* the digests are over i2d_X509, as X509_digest(3) takes them */
	if ((xi->derlen = i2d_X509(x, &xi->der)) <= 0 ||
	    (xi->spkilen = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x),
	    &xi->spki)) <= 0 || digests(xi) != 0)
		return EX_TROUBLE;
	xi->self_signed = X509_self_signed(x, 1) == 1;
	role(xi);
	ERR_clear_error();
	return 0;
}

/*
 * The DER fast path (issue 15).  RFC 5280 section 4.1's Certificate with
 * OpenSSL's own templates for every part (X509_NAME, X509_VAL,
 * X509_ALGOR, X509_EXTENSION), except that the SubjectPublicKeyInfo is
 * kept as its algorithm and BIT STRING: d2i_X509 also makes an EVP_PKEY
 * of it through the provider decoders, about 150 us of its 155 here.
 * The TBSCertificate keeps its encoding (ASN1_SEQUENCE_enc), so that
 * i2d gives the bytes d2i_X509 would hash.
 */
typedef struct {
	X509_ALGOR	*algor;
	ASN1_BIT_STRING	*key;
} FAST_SPKI;
DECLARE_ASN1_FUNCTIONS(FAST_SPKI)

ASN1_SEQUENCE(FAST_SPKI) = {
	ASN1_SIMPLE(FAST_SPKI, algor, X509_ALGOR),
	ASN1_SIMPLE(FAST_SPKI, key, ASN1_BIT_STRING)
} ASN1_SEQUENCE_END(FAST_SPKI)

typedef struct {
	ASN1_ENCODING	 enc;
	ASN1_INTEGER	*version;
	ASN1_INTEGER	*serial;
	X509_ALGOR	*sig;
	X509_NAME	*issuer;
	X509_VAL	*validity;
	X509_NAME	*subject;
	FAST_SPKI	*spki;
	ASN1_BIT_STRING	*issuer_uid, *subject_uid;
	STACK_OF(X509_EXTENSION) *exts;
} FAST_TBS;
DECLARE_ASN1_FUNCTIONS(FAST_TBS)

ASN1_SEQUENCE_enc(FAST_TBS, enc, 0) = {
	ASN1_EXP_OPT(FAST_TBS, version, ASN1_INTEGER, 0),
	ASN1_SIMPLE(FAST_TBS, serial, ASN1_INTEGER),
	ASN1_SIMPLE(FAST_TBS, sig, X509_ALGOR),
	ASN1_SIMPLE(FAST_TBS, issuer, X509_NAME),
	ASN1_SIMPLE(FAST_TBS, validity, X509_VAL),
	ASN1_SIMPLE(FAST_TBS, subject, X509_NAME),
	ASN1_SIMPLE(FAST_TBS, spki, FAST_SPKI),
	ASN1_IMP_OPT(FAST_TBS, issuer_uid, ASN1_BIT_STRING, 1),
	ASN1_IMP_OPT(FAST_TBS, subject_uid, ASN1_BIT_STRING, 2),
	ASN1_EXP_SEQUENCE_OF_OPT(FAST_TBS, exts, X509_EXTENSION, 3)
} ASN1_SEQUENCE_END_enc(FAST_TBS, FAST_TBS)

typedef struct {
	FAST_TBS	*tbs;
	X509_ALGOR	*alg;
	ASN1_BIT_STRING	*sig;
} FAST_CERT;
DECLARE_ASN1_FUNCTIONS(FAST_CERT)

ASN1_SEQUENCE(FAST_CERT) = {
	ASN1_SIMPLE(FAST_CERT, tbs, FAST_TBS),
	ASN1_SIMPLE(FAST_CERT, alg, X509_ALGOR),
	ASN1_SIMPLE(FAST_CERT, sig, ASN1_BIT_STRING)
} ASN1_SEQUENCE_END(FAST_CERT)

/* RSAPublicKey, RFC 8017 appendix A.1.1 */
typedef struct {
	ASN1_INTEGER	*n, *e;
} FAST_RSA;
DECLARE_ASN1_FUNCTIONS(FAST_RSA)

ASN1_SEQUENCE(FAST_RSA) = {
	ASN1_SIMPLE(FAST_RSA, n, ASN1_INTEGER),
	ASN1_SIMPLE(FAST_RSA, e, ASN1_INTEGER)
} ASN1_SEQUENCE_END(FAST_RSA)

IMPLEMENT_ASN1_FUNCTIONS(FAST_CERT)
IMPLEMENT_ASN1_FUNCTIONS(FAST_SPKI)
IMPLEMENT_ASN1_FUNCTIONS(FAST_RSA)

/* Bits of a positive INTEGER's content octets; 0 when it is not. */
static int
int_bits(const ASN1_INTEGER *i)
{
	const unsigned char *d = ASN1_STRING_get0_data(i);
	int n = ASN1_STRING_length(i), b = 0;
	unsigned v;

	if (ASN1_STRING_type(i) != V_ASN1_INTEGER || n <= 0 || d[0] == 0)
		return 0;
	for (v = d[0]; v != 0; v >>= 1)
		b++;
	return (n - 1) * 8 + b;
}

/* The EC_GROUP of a named curve, made once per curve. */
static const EC_GROUP *
curve_group(int nid)
{
	static struct { int nid; EC_GROUP *g; } cache[8];
	static size_t n;
	size_t i;

	for (i = 0; i < n; i++)
		if (cache[i].nid == nid)
			return cache[i].g;
	if (n == sizeof(cache) / sizeof(cache[0]))
		return NULL;
	cache[n].nid = nid;
	cache[n].g = EC_GROUP_new_by_curve_name(nid);
	ERR_clear_error();
	return cache[n++].g;
}

/*
 * key_type, key_bits and curve from the SubjectPublicKeyInfo's algorithm
 * and key bytes, as EVP_PKEY_get0_type_name(3) and EVP_PKEY_get_bits(3)
 * would give them, for the keys whose decoding needs no provider: RSA
 * (the modulus's length, RFC 8017), EC on a named curve (the point is
 * checked with EC_POINT_oct2point, as the key decoder does; RFC 5480)
 * and the RFC 8410 keys.  Returns 0 for any other key (the caller then
 * decodes it in full).
 */
static int
fast_key(const FAST_SPKI *k, struct x509info *xi)
{
	static const struct { int nid, len, bits; const char *name; } ecx[] = {
		{ NID_ED25519, 32, 256, "ED25519" },
		{ NID_ED448, 57, 456, "ED448" },
		{ NID_X25519, 32, 253, "X25519" },
		{ NID_X448, 56, 448, "X448" },
	};
	const unsigned char *d = k->key->data, *p = d;
	const ASN1_OBJECT *obj;
	const void *pv;
	const EC_GROUP *g;
	const char *nist;
	EC_POINT *pt;
	FAST_RSA *rsa;
	int n = k->key->length, ptype, nid, cnid, ok;
	size_t i;

	/* c2i_ASN1_BIT_STRING keeps the unused-bit count in flags */
	if ((k->key->flags & ASN1_STRING_FLAG_BITS_LEFT) &&
	    (k->key->flags & 0x07) != 0)
		return 0;
	X509_ALGOR_get0(&obj, &ptype, &pv, k->algor);
	nid = OBJ_obj2nid(obj);
	if (nid == NID_rsaEncryption) {
		if ((ptype != V_ASN1_UNDEF && ptype != V_ASN1_NULL) ||
		    (rsa = d2i_FAST_RSA(NULL, &p, n)) == NULL) {
			ERR_clear_error();
			return 0;
		}
		xi->key_bits = p == d + n ? int_bits(rsa->n) : 0;
		ok = xi->key_bits > 0 && int_bits(rsa->e) > 0;
		FAST_RSA_free(rsa);
		if (ok)
			snprintf(xi->key_type, sizeof(xi->key_type), "RSA");
		return ok;
	}
	if (nid == NID_X9_62_id_ecPublicKey) {
		if (ptype != V_ASN1_OBJECT ||
		    (cnid = OBJ_obj2nid(pv)) == NID_undef || cnid == NID_sm2 ||
		    (g = curve_group(cnid)) == NULL ||
		    (pt = EC_POINT_new(g)) == NULL)
			return 0;
		ok = EC_POINT_oct2point(g, pt, d, (size_t)n, NULL);
		EC_POINT_free(pt);
		ERR_clear_error();
		if (!ok)
			return 0;
		snprintf(xi->key_type, sizeof(xi->key_type), "EC");
		xi->key_bits = EC_GROUP_order_bits(g);
		nist = EC_curve_nid2nist(cnid);
		snprintf(xi->curve, sizeof(xi->curve), "%s",
		    nist != NULL ? nist : OBJ_nid2sn(cnid));
		return 1;
	}
	for (i = 0; i < sizeof(ecx) / sizeof(ecx[0]); i++)
		if (nid == ecx[i].nid && ptype == V_ASN1_UNDEF &&
		    n == ecx[i].len) {
			snprintf(xi->key_type, sizeof(xi->key_type), "%s",
			    ecx[i].name);
			xi->key_bits = ecx[i].bits;
			return 1;
		}
	return 0;
}

/* The key of an unusual SubjectPublicKeyInfo, decoded in full; with
 * keep, the EVP_PKEY (or NULL) goes to *keep. */
static void
slow_key(const FAST_SPKI *k, const unsigned char *spki, int len,
    struct x509info *xi, EVP_PKEY **keep)
{
	const unsigned char *p = spki;
	EVP_PKEY *pk;

	memset(xi->key_type, 0, sizeof(xi->key_type));
	xi->key_bits = 0;
	xi->curve[0] = '\0';
	if ((pk = d2i_PUBKEY(NULL, &p, len)) == NULL) {
		ERR_clear_error();
		OBJ_obj2txt(xi->key_type, sizeof(xi->key_type),
		    k->algor->algorithm, 0);
		return;
	}
	x509info_key(pk, xi);
	if (keep != NULL)
		*keep = pk;
	else
		EVP_PKEY_free(pk);
}

/*
 * An EVP_PKEY of a key fast_key took, made from its parts with
 * EVP_PKEY_fromdata(3) (RSA, EC) or EVP_PKEY_new_raw_public_key_ex
 * (RFC 8410), not through the provider decoders d2i_X509 runs (about
 * 150 us a key).  NULL for X25519 and X448, which sign nothing, or when
 * OpenSSL refuses the parts.
 */
static EVP_PKEY *
fast_pkey(const FAST_SPKI *k)
{
	const unsigned char *d = k->key->data, *p = d;
	const ASN1_OBJECT *obj;
	const void *pv;
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *par = NULL, ec[3];
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pk = NULL;
	FAST_RSA *rsa = NULL;
	BIGNUM *n = NULL, *e = NULL;
	const char *type;
	int nid, ptype;

	X509_ALGOR_get0(&obj, &ptype, &pv, k->algor);
	nid = OBJ_obj2nid(obj);
	if (nid == NID_ED25519 || nid == NID_ED448) {
		pk = EVP_PKEY_new_raw_public_key_ex(NULL, OBJ_nid2sn(nid),
		    NULL, d, (size_t)k->key->length);
		goto out;
	}
	if (nid == NID_rsaEncryption) {
		type = "RSA";
		if ((rsa = d2i_FAST_RSA(NULL, &p, k->key->length)) == NULL ||
		    (n = ASN1_INTEGER_to_BN(rsa->n, NULL)) == NULL ||
		    (e = ASN1_INTEGER_to_BN(rsa->e, NULL)) == NULL ||
		    (bld = OSSL_PARAM_BLD_new()) == NULL ||
		    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
		    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) ||
		    (par = OSSL_PARAM_BLD_to_param(bld)) == NULL)
			goto out;
	} else if (nid == NID_X9_62_id_ecPublicKey) {
		type = "EC";
		ec[0] = OSSL_PARAM_construct_utf8_string(
		    OSSL_PKEY_PARAM_GROUP_NAME,
		    (char *)OBJ_nid2sn(OBJ_obj2nid(pv)), 0);
		ec[1] = OSSL_PARAM_construct_octet_string(
		    OSSL_PKEY_PARAM_PUB_KEY, (void *)d, (size_t)k->key->length);
		ec[2] = OSSL_PARAM_construct_end();
		par = ec;
	} else
		goto out;
	if ((ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, par) <= 0)
		pk = NULL;
out:
	EVP_PKEY_CTX_free(ctx);
	if (par != ec)
		OSSL_PARAM_free(par);
	OSSL_PARAM_BLD_free(bld);
	BN_free(n);
	BN_free(e);
	FAST_RSA_free(rsa);
	ERR_clear_error();
	return pk;
}

/*
 * X509_self_signed(x, 1) of the self-issued certificate fc (sh its
 * shell, pk its key or NULL), as OpenSSL 3.0 reaches it without
 * d2i_X509: the key decodes; the extensions are valid (else
 * ossl_x509v3_cache_extensions fails); X509_check_akid(x, akid) (RFC 5280
 * section 4.2.1.1: key identifier, serial and the first directory name
 * agree); the signature algorithm names the key's type
 * (check_sig_alg_match, v3_purp.c); then X509_verify(3): the two
 * AlgorithmIdentifiers equal and the signature verifying over the
 * TBSCertificate's own bytes (RFC 5280 section 4.1.1.3).
 */
static int
self_signed(const FAST_CERT *fc, X509 *sh, EVP_PKEY *pk)
{
	const ASN1_OCTET_STRING *ski;
	const GENERAL_NAME *gn;
	AUTHORITY_KEYID *akid = NULL;
	int i, sig_nid, ok = 0;

	if (pk == NULL || (X509_get_extension_flags(sh) & EXFLAG_INVALID))
		goto out;
	akid = X509_get_ext_d2i(sh, NID_authority_key_identifier, NULL, NULL);
	ski = X509_get0_subject_key_id(sh);
	if (akid != NULL && ((akid->keyid != NULL && ski != NULL &&
	    ASN1_OCTET_STRING_cmp(akid->keyid, ski) != 0) ||
	    (akid->serial != NULL &&
	    ASN1_INTEGER_cmp(fc->tbs->serial, akid->serial) != 0)))
		goto out;
	for (i = 0; akid != NULL && i < sk_GENERAL_NAME_num(akid->issuer);
	    i++) {
		gn = sk_GENERAL_NAME_value(akid->issuer, i);
		if (gn->type != GEN_DIRNAME)
			continue;
		if (X509_NAME_cmp(gn->d.dirn, fc->tbs->issuer) != 0)
			goto out;
		break;
	}
	if (!OBJ_find_sigid_algs(OBJ_obj2nid(fc->tbs->sig->algorithm), NULL,
	    &sig_nid) || !(EVP_PKEY_is_a(pk, OBJ_nid2sn(sig_nid)) ||
	    (EVP_PKEY_is_a(pk, "RSA") && sig_nid == NID_rsassaPss)))
		goto out;
	ok = X509_ALGOR_cmp(fc->alg, fc->tbs->sig) == 0 &&
	    ASN1_item_verify(ASN1_ITEM_rptr(FAST_TBS), fc->alg, fc->sig,
	    fc->tbs, pk) == 1;
out:
	AUTHORITY_KEYID_free(akid);
	ERR_clear_error();
	return ok;
}

/* An X509 holding fc's version, serial, validity, extensions and, with
 * names, its names; NULL when one does not copy. */
static X509 *
shell(const FAST_CERT *fc, int names)
{
	const FAST_TBS *t = fc->tbs;
	long v = t->version != NULL ? ASN1_INTEGER_get(t->version) : 0;
	X509 *x;
	int i;

	if (v < 0 || v > 2 || (x = X509_new()) == NULL)
		return NULL;
	/* X509_set_subject_name copies (ASN1_item_dup): a fifth of the
	 * time, so only when the caller will ask */
	if (!X509_set_version(x, v) || !X509_set_serialNumber(x, t->serial) ||
	    (names && (!X509_set_issuer_name(x, t->issuer) ||
	    !X509_set_subject_name(x, t->subject))) ||
	    !X509_set1_notBefore(x, t->validity->notBefore) ||
	    !X509_set1_notAfter(x, t->validity->notAfter))
		goto fail;
	for (i = 0; i < sk_X509_EXTENSION_num(t->exts); i++)
		if (!X509_add_ext(x, sk_X509_EXTENSION_value(t->exts, i), -1))
			goto fail;
	/* The first call caches the extensions (ossl_x509v3_cache_extensions)
	 * and, the shell having no key to encode, fails its SHA-1 of the
	 * whole (EXFLAG_NO_FINGERPRINT): that call answers "invalid" and the
	 * key identifier getters NULL.  Made here, so that every later call
	 * answers from the cache as for the certificate. */
	(void)X509_get_extension_flags(x);
	ERR_clear_error();
	return x;
fail:
	X509_free(x);
	return NULL;
}

int
x509info_der(const unsigned char *der, size_t len, time_t at, int how,
    struct x509info *xi, X509 **xp)
{
	const unsigned char *p = der;
	FAST_CERT *fc = NULL;
	EVP_PKEY *pk = NULL;
	int rc = EX_TROUBLE, si;

	*xp = NULL;
	memset(xi, 0, sizeof(*xi));
	xi->path_len = -1;
	if (len > LONG_MAX)
		return -1;
	if ((how & X509INFO_FULL) ||
	    (fc = d2i_FAST_CERT(NULL, &p, (long)len)) == NULL ||
	    (*xp = shell(fc, how & X509INFO_NAMES)) == NULL) {
		FAST_CERT_free(fc);
		ERR_clear_error();
		p = der;
		if ((*xp = d2i_X509(NULL, &p, (long)len)) == NULL)
			return -1;
		return x509info_get(*xp, at, xi);
	}
	if (core(*xp, fc->tbs->subject, fc->tbs->issuer, at, xi) != 0)
		goto out;
	if ((xi->spkilen = i2d_FAST_SPKI(fc->tbs->spki, &xi->spki)) <= 0 ||
	    (xi->derlen = i2d_FAST_CERT(fc, &xi->der)) <= 0 ||
	    digests(xi) != 0)
		goto out;
	/* self-issued as X509_self_signed(3) compares the names: its
	 * self-signature is checked (self_signed) */
	si = X509_NAME_cmp(fc->tbs->subject, fc->tbs->issuer) == 0;
	if (!fast_key(fc->tbs->spki, xi))
		slow_key(fc->tbs->spki, xi->spki, xi->spkilen, xi,
		    si ? &pk : NULL);
	else if (si && !(how & X509INFO_NOSELF))
		pk = fast_pkey(fc->tbs->spki);
	OBJ_obj2txt(xi->sig, sizeof(xi->sig), fc->alg->algorithm, 0);
	if (si && !(how & X509INFO_NOSELF))
		xi->self_signed = self_signed(fc, *xp, pk);
	role(xi);
	rc = 0;
out:
	ERR_clear_error();
	EVP_PKEY_free(pk);
	FAST_CERT_free(fc);
	return rc;
}

void
x509info_free(struct x509info *xi)
{
	free(xi->subject);
	free(xi->issuer);
	free(xi->serial);
	free(xi->ski);
	free(xi->aki);
	free(xi->ari_id);
	freelist(&xi->dns);
	freelist(&xi->ip);
	freelist(&xi->email);
	freelist(&xi->uri);
	freelist(&xi->ku);
	freelist(&xi->eku);
	freelist(&xi->ocsp);
	freelist(&xi->ca_issuers);
	freelist(&xi->crl);
	freelist(&xi->policies);
	OPENSSL_free(xi->der);
	OPENSSL_free(xi->spki);
	memset(xi, 0, sizeof(*xi));
}

void
x509info_key_text(const struct x509info *xi, char *buf, size_t n)
{
	if (xi->key_bits > 0 && xi->curve[0] != '\0')
		snprintf(buf, n, "%s %s (%d bits)", xi->key_type, xi->curve,
		    xi->key_bits);
	else if (xi->key_bits > 0)
		snprintf(buf, n, "%s %d bits", xi->key_type, xi->key_bits);
	else
		snprintf(buf, n, "%s", xi->key_type);
}

void
strlist_add(struct strlist *l, const char *s)
{
	addz(l, s);
}

void
strlist_free(struct strlist *l)
{
	freelist(l);
}

/* The bytes of k's key that two encodings of one key share; see
 * x509info_cert_key.  1, or 0 when the key has not the shape its
 * algorithm asks. */
static int
key_print(const FAST_SPKI *k, int *nid, unsigned char **print, size_t *plen)
{
	const unsigned char *d = k->key->data, *p = d, *s;
	size_t n = (size_t)k->key->length, len;
	FAST_RSA *rsa = NULL;

	*nid = OBJ_obj2nid(k->algor->algorithm);
	s = d;
	len = n;
	if (*nid == NID_rsaEncryption || *nid == NID_rsassaPss) {
		if ((rsa = d2i_FAST_RSA(NULL, &p, (long)n)) == NULL) {
			ERR_clear_error();
			return 0;
		}
		s = ASN1_STRING_get0_data(rsa->n);
		len = (size_t)ASN1_STRING_length(rsa->n);
	} else if (*nid == NID_X9_62_id_ecPublicKey && n > 1) {
		s = d + 1;		/* SEC 1 2.3.3: 02/03 x, 04/06/07 x y */
		len = d[0] == 2 || d[0] == 3 ? n - 1 : (n - 1) / 2;
	}
	*print = OPENSSL_memdup(s, len > 0 ? len : 1);
	*plen = len;
	FAST_RSA_free(rsa);
	return *print != NULL;
}

int
x509info_cert_key(const unsigned char *der, size_t len, int *nid,
    unsigned char **print, size_t *plen)
{
	const unsigned char *p = der, *q;
	struct x509info xi;
	unsigned char *spki = NULL;
	FAST_SPKI *k = NULL;
	FAST_CERT *fc;
	EVP_PKEY *pk;
	X509 *x;
	int n = 0, r = 1;

	*print = NULL;
	if (len > LONG_MAX)
		return 0;
	if ((fc = d2i_FAST_CERT(NULL, &p, (long)len)) == NULL) {
		/* never seen (fuzz/x509der.c): d2i_X509 decides */
		ERR_clear_error();
		p = der;
		if ((x = d2i_X509(NULL, &p, (long)len)) == NULL)
			return 0;
		n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &spki);
		X509_free(x);
		q = spki;
		if (n <= 0 || (k = d2i_FAST_SPKI(NULL, &q, n)) == NULL)
			r = -1;
	} else
		k = fc->tbs->spki;
	memset(&xi, 0, sizeof(xi));
	if (r == 1 && !fast_key(k, &xi)) {	/* decodable, as d2i_X509 tried */
		if (spki == NULL)
			n = i2d_FAST_SPKI(k, &spki);
		q = spki;
		if (spki == NULL || (pk = d2i_PUBKEY(NULL, &q, n)) == NULL)
			r = -1;
		else
			EVP_PKEY_free(pk);
	}
	if (r == 1 && !key_print(k, nid, print, plen))
		r = -1;
	if (r == 1)	/* else OpenSSL's reason stays, for the message */
		ERR_clear_error();
	if (fc == NULL)
		FAST_SPKI_free(k);
	FAST_CERT_free(fc);
	OPENSSL_free(spki);
	return r;
}

int
x509info_spki_key(const unsigned char *spki, size_t len, int *nid,
    unsigned char **print, size_t *plen)
{
	const unsigned char *p = spki;
	FAST_SPKI *k;
	int r;

	*print = NULL;
	if (len > LONG_MAX || (k = d2i_FAST_SPKI(NULL, &p, (long)len)) == NULL) {
		ERR_clear_error();
		return 0;
	}
	r = key_print(k, nid, print, plen);
	FAST_SPKI_free(k);
	return r;
}
