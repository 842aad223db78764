/*
 * crlrules.c: RFC 5280 section 5 rules for certificate revocation lists
 * (engine.h), under zlint's names where zlint has the rule.
 */
#include <stddef.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/engine.h"
#include "read/pem.h"

/* 5.1.2.5: "Conforming CRL issuers MUST include the nextUpdate time in
 * all CRLs" */
static void
has_next_update(struct lint_ctx *c)
{
	if (X509_CRL_get0_nextUpdate(c->crl) == NULL)
		lint_find(c, "the CRL has no nextUpdate");
}

/* 5.1.2.5: nextUpdate is the date by which the next CRL will be
 * issued: not before this one's thisUpdate */
static void
next_before_this(struct lint_ctx *c)
{
	const ASN1_TIME *nu = X509_CRL_get0_nextUpdate(c->crl);
	int day, sec;

	if (nu != NULL && ASN1_TIME_diff(&day, &sec,
	    X509_CRL_get0_lastUpdate(c->crl), nu) && (day < 0 || sec < 0))
		lint_find(c, "nextUpdate is before thisUpdate");
}

/* 5.1.2.1: "When extensions are used, as required by this profile,
 * this field MUST be present and MUST specify version 2" */
static void
ext_version_not_2(struct lint_ctx *c)
{
	int i, ext = X509_CRL_get_ext_count(c->crl) > 0;
	STACK_OF(X509_REVOKED) *r = X509_CRL_get_REVOKED(c->crl);

	for (i = 0; !ext && i < sk_X509_REVOKED_num(r); i++)
		ext = X509_REVOKED_get_ext_count(sk_X509_REVOKED_value(r, i))
		    > 0;
	if (ext && c->version != X509_CRL_VERSION_2)
		lint_find(c, "a version 1 CRL has extensions");
}

/* 5.2.3: "CRL issuers conforming to this profile MUST include this
 * extension [cRLNumber] in all CRLs" */
static void
missing_crl_number(struct lint_ctx *c)
{
	if (lint_ext(c, NID_crl_number) == NULL)
		lint_find(c, "the CRL has no cRLNumber");
}

/* 5.2.1: "Conforming CRL issuers MUST use the key identifier method,
 * and MUST include this extension in all CRLs issued" */
static void
has_aki(struct lint_ctx *c)
{
	if (lint_ext(c, NID_authority_key_identifier) == NULL)
		lint_find(c, "the CRL has no authorityKeyIdentifier");
}

/*
 * 5.1.2.6: "When there are no revoked certificates, the revoked
 * certificates list MUST be absent": an empty SEQUENCE present, which
 * OpenSSL's decode does not tell from an absent one.  The DER is
 * walked: CertificateList, TBSCertList, then past version, signature,
 * issuer, thisUpdate and nextUpdate.
 */
static void
empty_revoked(struct lint_ctx *c)
{
	const unsigned char *p = c->der, *end = c->der + c->derlen, *q;
	struct der_tlv t;

	if (!der_next(&p, end, &t) || !t.cons)
		return;
	p = t.val;
	end = t.val + t.len;
	if (!der_next(&p, end, &t) || !t.cons)
		return;
	q = t.val;
	end = t.val + t.len;
	while (der_next(&q, end, &t)) {
		if (t.cls != V_ASN1_UNIVERSAL)
			return;		/* [0] crlExtensions: the end */
		if (t.tag == V_ASN1_SEQUENCE && t.len == 0) {
			lint_find(c, "the revokedCertificates list is present "
			    "and empty");
			return;
		}
	}
}

/* 5.3.1: the reasonCode values; unspecified (0) SHOULD NOT be used,
 * the extension is left out instead */
static long
reason(X509_REVOKED *r, int *crit)
{
	ASN1_ENUMERATED *e;
	long v;

	*crit = 0;
	if ((e = X509_REVOKED_get_ext_d2i(r, NID_crl_reason, crit,
	    NULL)) == NULL)
		return -1;
	v = ASN1_ENUMERATED_get(e);
	ASN1_ENUMERATED_free(e);
	return v;
}

static void
reason_unspecified(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *rs = X509_CRL_get_REVOKED(c->crl);
	int i, crit;

	for (i = 0; i < sk_X509_REVOKED_num(rs); i++)
		if (reason(sk_X509_REVOKED_value(rs, i), &crit) == 0) {
			lint_find(c, "entry %d has reasonCode unspecified (0): "
			    "leave the extension out instead", i + 1);
			return;
		}
}

static void
reason_invalid(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *rs = X509_CRL_get_REVOKED(c->crl);
	long v;
	int i, crit;

	for (i = 0; i < sk_X509_REVOKED_num(rs); i++) {
		v = reason(sk_X509_REVOKED_value(rs, i), &crit);
		if (v == 7 || v > 10 || v < -1) {
			lint_find(c, "entry %d has reasonCode %ld, which is not "
			    "a CRLReason", i + 1, v);
			return;
		}
	}
}

/* 5.1.2.4 and 5.1.2.6: an entry revoked after the CRL's thisUpdate */
static void
revoked_after_this(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *rs = X509_CRL_get_REVOKED(c->crl);
	const ASN1_TIME *tu = X509_CRL_get0_lastUpdate(c->crl);
	int i, day, sec;

	for (i = 0; i < sk_X509_REVOKED_num(rs); i++)
		if (ASN1_TIME_diff(&day, &sec, tu,
		    X509_REVOKED_get0_revocationDate(
		    sk_X509_REVOKED_value(rs, i))) && (day > 0 || sec > 0)) {
			lint_find(c, "entry %d is revoked after thisUpdate",
			    i + 1);
			return;
		}
}

/* X.509 and RFC 5280 section 4.2 (by way of 5.2 and 5.3): no extension
 * twice, in the CRL or in an entry */
static int
dup_ext(const STACK_OF(X509_EXTENSION) *exts)
{
	int i, j, n = sk_X509_EXTENSION_num(exts);

	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (OBJ_cmp(X509_EXTENSION_get_object(
			    sk_X509_EXTENSION_value(exts, i)),
			    X509_EXTENSION_get_object(
			    sk_X509_EXTENSION_value(exts, j))) == 0)
				return 1;
	return 0;
}

static void
crl_dup_ext(struct lint_ctx *c)
{
	if (dup_ext(X509_CRL_get0_extensions(c->crl)))
		lint_find(c, "an extension of the CRL appears more than once");
}

static void
entry_dup_ext(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *rs = X509_CRL_get_REVOKED(c->crl);
	int i;

	for (i = 0; i < sk_X509_REVOKED_num(rs); i++)
		if (dup_ext(X509_REVOKED_get0_extensions(
		    sk_X509_REVOKED_value(rs, i)))) {
			lint_find(c, "an extension of entry %d appears more "
			    "than once", i + 1);
			return;
		}
}

/* 5.1.2.6: each entry names one revoked certificate; a serial number
 * listed twice (for one issuer) is a defect */
static void
unique_revoked(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *rs = X509_CRL_get_REVOKED(c->crl);
	int i, j, n = sk_X509_REVOKED_num(rs);

	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (ASN1_INTEGER_cmp(X509_REVOKED_get0_serialNumber(
			    sk_X509_REVOKED_value(rs, i)),
			    X509_REVOKED_get0_serialNumber(
			    sk_X509_REVOKED_value(rs, j))) == 0) {
				lint_find(c, "entries %d and %d revoke the same "
				    "serial number", j + 1, i + 1);
				return;
			}
}

/* RFC 4055 section 5 (cited by RFC 5280 section 5.1.1.2): the PKCS#1
 * v1.5 signature algorithms carry NULL parameters */
static void
sigalg_null(struct lint_ctx *c)
{
	const X509_ALGOR *alg;
	const ASN1_OBJECT *obj;
	const void *pval;
	int ptype, nid;

	X509_CRL_get0_signature(c->crl, NULL, &alg);
	X509_ALGOR_get0(&obj, &ptype, &pval, alg);
	nid = OBJ_obj2nid(obj);
	if ((nid == NID_sha1WithRSAEncryption ||
	    nid == NID_sha224WithRSAEncryption ||
	    nid == NID_sha256WithRSAEncryption ||
	    nid == NID_sha384WithRSAEncryption ||
	    nid == NID_sha512WithRSAEncryption) && ptype != V_ASN1_NULL)
		lint_find(c, "the RSA signature algorithm has no NULL "
		    "parameters");
}

const struct lint_rule lint_crl[] = {
	{ "e_crl_has_next_update", LINT_ERROR, "RFC 5280", "5.1.2.5",
	    "2008-05-01", LK_CRL, has_next_update, LR_DER },
	{ "e_crl_next_update_before_this_update", LINT_ERROR, "RFC 5280",
	    "5.1.2.5", NULL, LK_CRL, next_before_this, LR_DER },
	{ "e_crl_extensions_version_not_2", LINT_ERROR, "RFC 5280",
	    "5.1.2.1", NULL, LK_CRL, ext_version_not_2, LR_DER },
	{ "e_crl_missing_crl_number", LINT_ERROR, "RFC 5280", "5.2.3",
	    "2008-05-01", LK_CRL, missing_crl_number, LR_DER },
	{ "e_crl_has_authority_key_identifier", LINT_ERROR, "RFC 5280",
	    "5.2.1", "2008-05-01", LK_CRL, has_aki, LR_DER },
	{ "e_crl_empty_revoked_certificates", LINT_ERROR, "RFC 5280",
	    "5.1.2.6", "2008-05-01", LK_CRL, empty_revoked, LR_DER },
	{ "e_crl_has_valid_reason_code", LINT_WARNING, "RFC 5280", "5.3.1",
	    "2008-05-01", LK_CRL, reason_unspecified, LR_DER },
	{ "e_crl_reason_code_invalid", LINT_ERROR, "RFC 5280", "5.3.1",
	    NULL, LK_CRL, reason_invalid, LR_DER },
	{ "e_crl_revocation_time_after_this_update", LINT_ERROR, "RFC 5280",
	    "5.1.2.6", "2008-05-01", LK_CRL, revoked_after_this, LR_DER },
	{ "e_crl_no_duplicate_extensions", LINT_ERROR, "RFC 5280", "5.2",
	    NULL, LK_CRL, crl_dup_ext, LR_DER },
	{ "e_crl_revoked_certificate_crl_entry_has_no_duplicate_extensions",
	    LINT_ERROR, "RFC 5280", "5.3", NULL, LK_CRL, entry_dup_ext, LR_DER },
	{ "e_crl_unique_revoked_certificate", LINT_WARNING, "RFC 5280",
	    "5.1.2.6", NULL, LK_CRL, unique_revoked, LR_DER },
	{ "e_crl_sigalgo_missing_null_params", LINT_ERROR, "RFC 4055", "5",
	    "2008-05-01", LK_CRL, sigalg_null, LR_DER },
	{ NULL, 0, NULL, NULL, NULL, 0, NULL, 0 }
};
