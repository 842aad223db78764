/* x509info.c: certificate fields for cert-info; see x509info.h. */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "diag.h"
#include "ossl.h"
#include "x509info.h"

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

int
x509info_get(X509 *x, time_t at, struct x509info *xi)
{
	const X509_ALGOR *alg;
	const ASN1_OBJECT *obj;
	BASIC_CONSTRAINTS *bc;
	GENERAL_NAMES *gns;
	ASN1_TIME *now = NULL;
	const ASN1_INTEGER *sn;
	char *hex;
	unsigned char md[EVP_MAX_MD_SIZE], *spki = NULL;
	unsigned int mdlen;
	int n, rc = EX_TROUBLE;

	memset(xi, 0, sizeof(*xi));
	xi->path_len = -1;
	if ((xi->subject = x509info_name_str(X509_get_subject_name(x))) == NULL ||
	    (xi->issuer = x509info_name_str(X509_get_issuer_name(x))) == NULL)
		goto out;
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
		goto out;
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
	ERR_clear_error();
	/* whole days, rounded down: -1 on the day after expiry */
	xi->days_left = xi->secs_left >= 0 ? xi->secs_left / 86400 :
	    -((-xi->secs_left + 86399) / 86400);
	if ((gns = ossl_ext_d2i(x, NID_subject_alt_name)) !=
	    NULL) {
		x509info_sans(gns, xi);
		GENERAL_NAMES_free(gns);
	}
	pubkey(x, xi);
	X509_get0_signature(NULL, &alg, x);
	X509_ALGOR_get0(&obj, NULL, NULL, alg);
	OBJ_obj2txt(xi->sig, sizeof(xi->sig), obj, 0);
	if (!X509_digest(x, EVP_sha256(), md, &mdlen))
		goto out;
	ossl_hex(md, mdlen, xi->sha256);
	if (!X509_digest(x, EVP_sha1(), md, &mdlen))
		goto out;
	ossl_hex(md, mdlen, xi->sha1);
	if ((n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &spki)) <= 0 ||
	    !ossl_sha256(spki, (size_t)n, md))
		goto out;
	ossl_hex(md, 32, xi->spki_sha256);
	EVP_EncodeBlock((unsigned char *)xi->pin_sha256, md, 32);
	xi->ski = hex_colonless(X509_get0_subject_key_id(x));
	xi->aki = hex_colonless(X509_get0_authority_key_id(x));
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
	xi->self_signed = X509_self_signed(x, 1) == 1;
	xi->role = xi->ca ? (xi->self_signed ? "root" : "intermediate") :
	    "leaf";
	ERR_clear_error();
	rc = 0;
out:
	OPENSSL_free(spki);
	ASN1_TIME_free(now);
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
	memset(xi, 0, sizeof(*xi));
}

int
parse_time(const char *s, time_t *t)
{
	ASN1_TIME *a = NULL, *epoch = NULL;
	char buf[20], *end;
	long long secs;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, rc = -1;

	if (*s == '@') {
		secs = strtoll(s + 1, &end, 10);
		if (s[1] == '\0' || *end != '\0')
			return -1;
		*t = (time_t)secs;
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 ||
	    (s[10] != '\0' && (sscanf(s + 10, "T%2d:%2d:%2dZ%n", &h, &mi,
	    &sec, &n) != 3 || n != 10 || s[20] != '\0')))
		return -1;
	snprintf(buf, sizeof(buf), "%04d%02d%02d%02d%02d%02dZ", y, mo, d, h,
	    mi, sec);
	if ((a = ASN1_TIME_new()) != NULL &&
	    ASN1_TIME_set_string_X509(a, buf) &&
	    (epoch = ASN1_TIME_set(NULL, 0)) != NULL &&
	    x509info_secs(epoch, a, &secs) == 0) {
		*t = (time_t)secs;
		rc = 0;
	}
	ASN1_TIME_free(a);
	ASN1_TIME_free(epoch);
	ERR_clear_error();
	return rc;
}

int
parse_duration(const char *s, long long *secs)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	switch (*end) {
	case 'w': v *= 7 * 86400; end++; break;
	case 'd': v *= 86400; end++; break;
	case 'h': v *= 3600; end++; break;
	case 'm': v *= 60; end++; break;
	case 's': end++; break;
	case '\0': v *= 86400; break;	/* a bare number is days, as every
					   monitoring tool means it */
	default: return -1;
	}
	if (*end != '\0')
		return -1;
	*secs = v;
	return 0;
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
