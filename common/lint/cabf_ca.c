/*
 * cabf_ca.c: rules for CA, root and intermediate certificates, the
 * certificate policies against the subject (DV, OV, IV), the root-store
 * policies of Mozilla and Apple where they are plain rules, and RFC
 * 6962's SCT lists (engine.h), under zlint's names.
 *
 * "BR" is the CA/Browser Forum's TLS Baseline Requirements: 2.x section
 * numbers for the rules of SC-062 (2023-09-15), 1.x numbers for the
 * older ones.  The BRs bind CAs that issue TLS certificates: a CA rule
 * of theirs is judged on a CA that can issue them (tls_ca()), so that
 * an S/MIME or code-signing hierarchy is not held to them.
 *
 * Left out (the reason):
 * - e_ca_multiple_reserved_policy_oids (BR 7.1.2.10.5, "Policy
 *   Restricted": exactly one reserved policy identifier): it does not
 *   bind a cross-certificate (7.1.2.2), and whether a certificate is
 *   one is not in it; zlint takes it from a configuration, and its own
 *   cross-certificate case is byte for byte the shape of its error
 *   cases.  A wrong error on every cross-certificate is worse than none.
 * Limits, said at each rule: w_ct_sct_policy_count_unsatisfied counts
 * embedded SCTs only, from distinct log IDs, without a list of the
 * logs Apple trusts; e_mp_ecdsa_signature_encoding_correct does not
 * have the issuer's key and takes its curve from the signature's
 * length, as zlint does.  Where zlint goes past the text, the rule
 * follows the text and says so.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/engine.h"

/* The CA/B Forum's reserved policy identifiers (BR 7.1.6.1). */
#define OID_EV	"2.23.140.1.1"
#define OID_DV	"2.23.140.1.2.1"
#define OID_OV	"2.23.140.1.2.2"
#define OID_IV	"2.23.140.1.2.3"

/* Did c's certificate start before y-m-d (a rule's end)? */
static int
started_before(const struct lint_ctx *c, int y, unsigned m, unsigned d)
{
	return c->start_ok && c->start < lint_date(y, m, d);
}

/* t as seconds since the epoch, or -1. */
static time_t
asn1_secs(const ASN1_TIME *t)
{
	struct tm tm;

	if (t == NULL || !ASN1_TIME_to_tm(t, &tm))
		return -1;
	return lint_date(tm.tm_year + 1900LL, (unsigned)tm.tm_mon + 1,
	    (unsigned)tm.tm_mday) + tm.tm_hour * 3600 + tm.tm_min * 60 +
	    tm.tm_sec;
}

/*
 * A CA the TLS BRs bind: one whose extended key usage, if it has one,
 * lets it issue TLS server certificates (BR 7.1.2.10.6).
 */
static int
tls_ca(const struct lint_ctx *c)
{
	return !c->has_eku || (c->xku & (XKU_SSL_SERVER | XKU_ANYEKU));
}

/*
 * A root in fact: self-issued under a non-empty name (RFC 5280 4.1.2.6:
 * a CA's subject is not empty) and signed by its own key.  The
 * engine's LK_ROOT is OpenSSL's EXFLAG_SS (self-issued, the AKI
 * matching the SKI) and is taken as it is; an other self-issued CA is
 * judged by its signature (a key-rollover certificate is not a root).
 * BR 6.1.5 and 7.1.2.2 speak of the CA's place in the hierarchy.
 */
static int
root_like(const struct lint_ctx *c)
{
	EVP_PKEY *pk;

	if (c->subject_empty || X509_NAME_cmp(X509_get_issuer_name(c->x),
	    X509_get_subject_name(c->x)) != 0)
		return 0;
	if (c->kind == LK_ROOT)
		return 1;
	return (pk = X509_get0_pubkey(c->x)) != NULL &&
	    X509_verify(c->x, pk) == 1;
}

static int
oid_is(const ASN1_OBJECT *o, const char *oid)
{
	char buf[64];

	return OBJ_obj2txt(buf, sizeof(buf), o, 1) > 0 &&
	    strcmp(buf, oid) == 0;
}

/* The certificatePolicies of c's certificate (free with
 * CERTIFICATEPOLICIES_free), or NULL. */
static CERTIFICATEPOLICIES *
policies(const struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_certificate_policies);

	return e != NULL ? X509V3_EXT_d2i(e) : NULL;
}

/* Does c's certificate assert policy oid? */
static int
has_policy(const struct lint_ctx *c, const char *oid)
{
	CERTIFICATEPOLICIES *cp;
	int i, r = 0;

	if ((cp = policies(c)) == NULL)
		return 0;
	for (i = 0; i < sk_POLICYINFO_num(cp) && !r; i++)
		r = oid_is(sk_POLICYINFO_value(cp, i)->policyid, oid);
	CERTIFICATEPOLICIES_free(cp);
	return r;
}

/* Has c's subject an attribute nid? */
static int
subj_has(const struct lint_ctx *c, int nid)
{
	return X509_NAME_get_index_by_NID(X509_get_subject_name(c->x), nid,
	    -1) >= 0;
}

/* Is the string s an http:// URL? */
static int
is_http(const ASN1_STRING *s)
{
	return ASN1_STRING_length(s) > 7 && strncasecmp((const char *)
	    ASN1_STRING_get0_data(s), "http://", 7) == 0;
}

/*
 * The accessLocations of c's authorityInfoAccess for method nid
 * (NID_ad_OCSP, NID_ad_ca_issuers): *n of them, *http of them
 * http:// URIs.  Returns -1 without the extension (or unreadable).
 */
static int
aia_count(const struct lint_ctx *c, int nid, int *n, int *http)
{
	AUTHORITY_INFO_ACCESS *aia;
	ACCESS_DESCRIPTION *ad;
	int i;

	*n = *http = 0;
	if (lint_ext(c, NID_info_access) == NULL ||
	    (aia = X509V3_EXT_d2i(lint_ext(c, NID_info_access))) == NULL)
		return -1;
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		ad = sk_ACCESS_DESCRIPTION_value(aia, i);
		if (OBJ_obj2nid(ad->method) != nid)
			continue;
		(*n)++;
		if (ad->location->type == GEN_URI &&
		    is_http(ad->location->d.uniformResourceIdentifier))
			(*http)++;
	}
	AUTHORITY_INFO_ACCESS_free(aia);
	return 0;
}

/* ---- CA key usage (BR 7.1.2.10.7, 7.1.2.1; RFC 5280 4.2.1.3) ---- */

/* RFC 5280 4.2.1.3 (RFC 3280 before it, hence 2002): a CA certificate
 * MUST have keyUsage */

static void
ca_ku_missing(struct lint_ctx *c)
{
	if (!c->has_ku)
		lint_find(c, "a CA certificate has no keyUsage extension");
}

static void
ca_ku_not_critical(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_crit(c, NID_key_usage) == 0)
		lint_find(c, "the keyUsage extension of a CA certificate is "
		    "not critical");
}

static void
ca_cert_sign_not_set(struct lint_ctx *c)
{
	if (c->has_ku && !(c->ku & KU_KEY_CERT_SIGN))
		lint_find(c, "a CA certificate's keyUsage lacks keyCertSign");
}

static void
ca_crl_sign_not_set(struct lint_ctx *c)
{
	if (tls_ca(c) && c->has_ku && !(c->ku & KU_CRL_SIGN))
		lint_find(c, "a CA certificate's keyUsage lacks cRLSign");
}

/* BR 7.1.2.10.7: digitalSignature MUST be set if the CA key signs OCSP
 * responses; a notice, since that cannot be told from here */
static void
ca_digsig_not_set(struct lint_ctx *c)
{
	if (tls_ca(c) && c->has_ku && !(c->ku & KU_DIGITAL_SIGNATURE))
		lint_find(c, "a CA certificate's keyUsage lacks "
		    "digitalSignature (needed to sign OCSP responses)");
}

/* BR 7.1.2.1.4, 7.1.2.10.4: keyCertSign only with cA TRUE (RFC 5280
 * 4.2.1.9 too); a certificate without basicConstraints is another
 * rule's (e_ext_key_usage_cert_sign_without_ca) */
static void
ca_is_ca(struct lint_ctx *c)
{
	if (c->has_ku && (c->ku & KU_KEY_CERT_SIGN) && !c->is_ca &&
	    lint_ext(c, NID_basic_constraints) != NULL)
		lint_find(c, "keyUsage has keyCertSign but basicConstraints "
		    "has cA FALSE");
}

/* BR 7.1.2.3 (1.x) d: a subscriber certificate's cA MUST NOT be TRUE;
 * a CA whose keyUsage cannot sign certificates is one */
static void
sub_cert_not_is_ca(struct lint_ctx *c)
{
	if (c->has_ku && !(c->ku & KU_KEY_CERT_SIGN))
		lint_find(c, "basicConstraints has cA TRUE in a certificate "
		    "whose keyUsage lacks keyCertSign (a subscriber "
		    "certificate)");
}

/* ---- CA extended key usage ---- */

/* BR 7.1.2.10.6 (CA Certificate Extended Key Usage): a TLS CA has
 * serverAuth and MUST NOT have emailProtection, codeSigning,
 * timeStamping, OCSPSigning; anyExtendedKeyUsage (of a cross-
 * certificate, 7.1.2.2.3) stands alone. */
static void
ca_invalid_eku(struct lint_ctx *c)
{
	EXTENDED_KEY_USAGE *eku;
	int n = 0;

	if (!c->has_eku)
		return;
	if ((eku = X509V3_EXT_d2i(lint_ext(c, NID_ext_key_usage))) != NULL) {
		n = sk_ASN1_OBJECT_num(eku);
		EXTENDED_KEY_USAGE_free(eku);
	}
	if ((c->xku & XKU_ANYEKU) && n > 1)
		lint_find(c, "anyExtendedKeyUsage is not alone in the "
		    "extKeyUsage of a CA certificate");
	else if ((c->xku & XKU_SSL_SERVER) && (c->xku & (XKU_SMIME |
	    XKU_CODE_SIGN | XKU_TIMESTAMP | XKU_OCSP_SIGN)))
		lint_find(c, "the extKeyUsage of a TLS CA has %s besides "
		    "serverAuth", c->xku & XKU_SMIME ? "emailProtection" :
		    c->xku & XKU_CODE_SIGN ? "codeSigning" :
		    c->xku & XKU_TIMESTAMP ? "timeStamping" : "OCSPSigning");
}

/* BR 7.1.5 (1.x): a subordinate CA without extKeyUsage is not
 * technically constrained */
static void
sub_ca_eku_missing(struct lint_ctx *c)
{
	if (!c->has_eku)
		lint_find(c, "the intermediate has no extKeyUsage (it is "
		    "not technically constrained)");
}

/* BR 7.1.2.2 (1.x) g: the extKeyUsage of a technically constrained
 * subordinate CA has serverAuth or emailProtection or both */
static void
sub_ca_eku_not_constrained(struct lint_ctx *c)
{
	if (c->has_eku && !(c->xku & (XKU_SSL_SERVER | XKU_SMIME)))
		lint_find(c, "the intermediate's extKeyUsage has neither "
		    "serverAuth nor emailProtection");
}

/* BR 7.1.2.2 (1.x) g, and 2.x's profiles (7.1.2.10.6 with the
 * extension tables of 7.1.2.2 and 7.1.2.3): extKeyUsage is not
 * critical in an intermediate; a warning, as zlint gives it */
static void
sub_ca_eku_critical(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_crit(c, NID_ext_key_usage) == 1)
		lint_find(c, "the intermediate's extKeyUsage is critical");
}

/* Mozilla Root Store Policy 5.3: an intermediate from 2019 MUST have
 * an EKU, without anyExtendedKeyUsage, and not both serverAuth and
 * emailProtection.  A notice: a cross-certificate sharing a root's
 * key is exempt, and cannot be told from here. */
static void
mp_allowed_eku(struct lint_ctx *c)
{
	if (!c->has_eku)
		lint_find(c, "the intermediate has no extKeyUsage");
	else if (c->xku & XKU_ANYEKU)
		lint_find(c, "the intermediate's extKeyUsage has "
		    "anyExtendedKeyUsage");
	else if ((c->xku & XKU_SSL_SERVER) && (c->xku & XKU_SMIME))
		lint_find(c, "the intermediate's extKeyUsage has both "
		    "serverAuth and emailProtection");
}

/* ---- root certificates (BR 7.1.2.1) ----
 * zlint dates the keyUsage rules of roots from 1999; the BRs took
 * effect on 2012-07-01 and bind certificates issued from then: the
 * rules here do too. */

static void
root_eku_present(struct lint_ctx *c)
{
	if (c->has_eku)
		lint_find(c, "a root certificate has an extKeyUsage");
}

static void
root_ku_present(struct lint_ctx *c)
{
	if (!c->has_ku)
		lint_find(c, "a root certificate has no keyUsage");
}

static void
root_ku_not_critical(struct lint_ctx *c)
{
	if (lint_crit(c, NID_key_usage) == 0)
		lint_find(c, "the keyUsage of a root certificate is not "
		    "critical");
}

/* BR 7.1.2.1 (1.x) d: pathLenConstraint "SHOULD NOT be present" */
static void
root_pathlen(struct lint_ctx *c)
{
	BASIC_CONSTRAINTS *bc;

	if ((bc = X509_get_ext_d2i(c->x, NID_basic_constraints, NULL,
	    NULL)) == NULL)
		return;
	if (bc->pathlen != NULL)
		lint_find(c, "the basicConstraints of a root certificate has "
		    "a pathLenConstraint");
	BASIC_CONSTRAINTS_free(bc);
}

/* BR 7.1.2.1 (1.x) c: certificatePolicies "SHOULD NOT be present" */
static void
root_has_cp(struct lint_ctx *c)
{
	if (lint_ext(c, NID_certificate_policies) != NULL)
		lint_find(c, "a root certificate has certificatePolicies");
}

/* BR 6.1.5 (1.x): a root's RSA key is at least 2048 bits where its
 * validity ends after 2010-12-31 (a CA certificate that is a root in
 * fact: root_like()) */
static void
old_root_mod(struct lint_ctx *c)
{
	EVP_PKEY *pk = X509_get0_pubkey(c->x);
	time_t end = asn1_secs(X509_get0_notAfter(c->x));

	if (c->pkey == EVP_PKEY_RSA && pk != NULL && end >= lint_date(2011, 1,
	    1) && EVP_PKEY_get_bits(pk) < 2048 && root_like(c))
		lint_find(c, "the root's RSA key is %d bits, less than 2048",
		    EVP_PKEY_get_bits(pk));
}

/* BR 6.1.5 (1.x): a subordinate CA's RSA key is at least 1024 bits
 * whenever its validity ends (2048 after 2010: another rule) */
static void
old_sub_mod(struct lint_ctx *c)
{
	EVP_PKEY *pk = X509_get0_pubkey(c->x);

	if (c->pkey == EVP_PKEY_RSA && pk != NULL &&
	    EVP_PKEY_get_bits(pk) < 1024)
		lint_find(c, "the intermediate's RSA key is %d bits, less "
		    "than 1024", EVP_PKEY_get_bits(pk));
}

/* ---- intermediates: AIA, CRL distribution points, policies ---- */

/* BR 7.1.2.2 (1.x) c: authorityInformationAccess MUST be present
 * (until BR 1.7.1, 2020-08-20, which made it a SHOULD: the w_ rule);
 * on a CA certificate that is not a root in fact (root_like()) */
static void
sub_ca_aia_missing(struct lint_ctx *c)
{
	if (tls_ca(c) && started_before(c, 2020, 8, 20) &&
	    lint_ext(c, NID_info_access) == NULL && !root_like(c))
		lint_find(c, "the intermediate has no "
		    "authorityInformationAccess");
}

static void
sub_ca_aia_missing_w(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_ext(c, NID_info_access) == NULL &&
	    !root_like(c))
		lint_find(c, "the intermediate has no "
		    "authorityInformationAccess");
}

/* BR 7.1.2.2 (1.x) c: "This extension MUST NOT be marked critical" */
static void
sub_ca_aia_critical(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_crit(c, NID_info_access) == 1)
		lint_find(c, "the intermediate's authorityInformationAccess "
		    "is critical");
}

/* BR 7.1.2.2 (1.x) c: it SHOULD also contain the issuing CA's
 * certificate URL (caIssuers); until 2023-09-15, when BR 2.0's
 * 7.1.2.10.3 made caIssuers a MAY */
static void
sub_ca_aia_no_issuer(struct lint_ctx *c)
{
	int n, http;

	if (tls_ca(c) && started_before(c, 2023, 9, 15) &&
	    aia_count(c, NID_ad_ca_issuers, &n, &http) == 0 && http == 0)
		lint_find(c, "the intermediate's authorityInformationAccess "
		    "has no caIssuers HTTP URL");
}

/* BR 7.1.2.3 (1.x) c: the same of a subscriber certificate */
static void
sub_cert_aia_no_issuer(struct lint_ctx *c)
{
	int n, http;

	if (aia_count(c, NID_ad_ca_issuers, &n, &http) == 0 && http == 0)
		lint_find(c, "the authorityInformationAccess has no "
		    "caIssuers HTTP URL");
}

/*
 * BR 7.1.2.7.7: a subscriber certificate's id-ad-caIssuers is "A HTTP
 * URL of the Issuing CA's certificate".  zlint also takes https: the
 * text asks for HTTP (RFC 5280 4.2.2.1 warns of https's circularity).
 */
static void
aia_ca_issuers_http(struct lint_ctx *c)
{
	int n, http;

	if (aia_count(c, NID_ad_ca_issuers, &n, &http) == 0 && http < n)
		lint_find(c, "%d of the %d caIssuers locations %s not an HTTP "
		    "URL", n - http, n, n - http == 1 ? "is" : "are");
}

/* BR 7.1.2.10.3: a CA certificate's id-ad-ocsp and id-ad-caIssuers
 * are each "A HTTP URL", a uniformResourceIdentifier */
static void
ca_aia_non_http(struct lint_ctx *c)
{
	int n, http, n2, http2;

	if (!tls_ca(c) || aia_count(c, NID_ad_ca_issuers, &n, &http) != 0 ||
	    aia_count(c, NID_ad_OCSP, &n2, &http2) != 0)
		return;
	if (http < n)
		lint_find(c, "a caIssuers location is not an HTTP URL");
	if (http2 < n2)
		lint_find(c, "an OCSP location is not an HTTP URL");
}

/* BR 7.1.2.2 (1.x) b: cRLDistributionPoints MUST be present, not
 * critical, with the HTTP URL of the CA's CRL service */
static void
sub_ca_cdp_missing(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_ext(c, NID_crl_distribution_points) == NULL)
		lint_find(c, "the intermediate has no cRLDistributionPoints");
}

static void
sub_ca_cdp_critical(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_crit(c, NID_crl_distribution_points) == 1)
		lint_find(c, "the intermediate's cRLDistributionPoints is "
		    "critical");
}

static void
sub_ca_cdp_no_url(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_crl_distribution_points);
	CRL_DIST_POINTS *cdp;
	DIST_POINT *dp;
	GENERAL_NAME *g;
	int i, j, http = 0;

	if (!tls_ca(c) || e == NULL || (cdp = X509V3_EXT_d2i(e)) == NULL)
		return;
	for (i = 0; i < sk_DIST_POINT_num(cdp); i++) {
		dp = sk_DIST_POINT_value(cdp, i);
		if (dp->distpoint == NULL || dp->distpoint->type != 0)
			continue;
		for (j = 0; j < sk_GENERAL_NAME_num(
		    dp->distpoint->name.fullname); j++) {
			g = sk_GENERAL_NAME_value(dp->distpoint->name.fullname,
			    j);
			if (g->type == GEN_URI &&
			    is_http(g->d.uniformResourceIdentifier))
				http++;
		}
	}
	CRL_DIST_POINTS_free(cdp);
	if (http == 0)
		lint_find(c, "the intermediate's cRLDistributionPoints has no "
		    "HTTP URL");
}

/* BR 7.1.2.2 (1.x) a: certificatePolicies MUST be present, SHOULD NOT
 * be critical */
static void
sub_ca_cp_missing(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_ext(c, NID_certificate_policies) == NULL)
		lint_find(c, "the intermediate has no certificatePolicies");
}

static void
sub_ca_cp_critical(struct lint_ctx *c)
{
	if (tls_ca(c) && lint_crit(c, NID_certificate_policies) == 1)
		lint_find(c, "the intermediate's certificatePolicies is "
		    "critical");
}

/* The number of CA/B reserved policy identifiers (DV, OV, IV, EV) in
 * cp, and in *any whether anyPolicy is there. */
static int
reserved_count(CERTIFICATEPOLICIES *cp, int *any)
{
	const ASN1_OBJECT *o;
	int i, n = 0;

	*any = 0;
	for (i = 0; i < sk_POLICYINFO_num(cp); i++) {
		o = sk_POLICYINFO_value(cp, i)->policyid;
		if (OBJ_obj2nid(o) == NID_any_policy)
			*any = 1;
		else if (oid_is(o, OID_DV) || oid_is(o, OID_OV) ||
		    oid_is(o, OID_IV) || oid_is(o, OID_EV))
			n++;
	}
	return n;
}

/*
 * BR 7.1.2.10.5 (CA Certificate Certificate Policies): either
 * anyPolicy alone (no policy restrictions), or at least one reserved
 * identifier (policy restricted); the extension is there in every
 * subordinate CA profile of 7.1.2.
 */
static void
invalid_ca_cp(struct lint_ctx *c)
{
	CERTIFICATEPOLICIES *cp;
	int any, n;

	if (!tls_ca(c))
		return;
	if ((cp = policies(c)) == NULL) {
		lint_find(c, lint_ext(c, NID_certificate_policies) == NULL ?
		    "the intermediate has no certificatePolicies" :
		    "the intermediate's certificatePolicies cannot be read");
		return;
	}
	n = reserved_count(cp, &any);
	if (any && sk_POLICYINFO_num(cp) > 1)
		lint_find(c, "anyPolicy is not alone in the "
		    "certificatePolicies");
	else if (!any && n == 0)
		lint_find(c, "the certificatePolicies has neither anyPolicy "
		    "nor a CA/B Forum reserved policy identifier");
	CERTIFICATEPOLICIES_free(cp);
}

/* BR 7.1.2.10.2 (CA Certificate Naming): organizationalUnitName MUST
 * NOT be included */
static void
ca_subject_ou(struct lint_ctx *c)
{
	if (tls_ca(c) && subj_has(c, NID_organizationalUnitName))
		lint_find(c, "the subject of a CA certificate has an "
		    "organizationalUnitName");
}

/* ---- subscriber certificates: policies and subject ---- */

/* BR 7.1.2.3 (1.x) a: certificatePolicies MUST be present */
static void
sub_cert_cp_missing(struct lint_ctx *c)
{
	if (lint_ext(c, NID_certificate_policies) == NULL)
		lint_find(c, "the subscriber certificate has no "
		    "certificatePolicies");
}

/*
 * The DER element at *p (before end): its content into *c, *clen,
 * *p past it.  0 when it is a constructed or primitive element of tag
 * tag (universal class), else -1.
 */
static int
der_next(const unsigned char **p, const unsigned char *end, int tag,
    const unsigned char **cont, long *clen)
{
	int t, cl, r;

	if (*p >= end)
		return -1;
	r = ASN1_get_object(p, clen, &t, &cl, end - *p);
	if ((r & 0x80) || r == 0x21 || t != tag ||
	    cl != V_ASN1_UNIVERSAL)
		return -1;
	*cont = *p;
	*p += *clen;
	return 0;
}

/*
 * BR 7.1.2.7.9 (subscriber), 7.1.2.10.5 (CA): a policyQualifier, if
 * there, is id-qt-cps.  Read from the DER: OpenSSL refuses a policy
 * whose userNotice breaks its syntax, and the qualifier's id is still
 * there to judge.
 */
static void
qualifiers_not_cps(struct lint_ctx *c)
{
	static const unsigned char cps[] = { 0x2b, 6, 1, 5, 5, 7, 2, 1 };
	X509_EXTENSION *e = lint_ext(c, NID_certificate_policies);
	const ASN1_OCTET_STRING *v;
	const unsigned char *p, *end, *pi, *pie, *q, *qe, *qi, *x;
	long n, m;
	int bad = 0;

	if ((c->kind & LK_CA && !tls_ca(c)) || e == NULL)
		return;
	v = X509_EXTENSION_get_data(e);
	p = ASN1_STRING_get0_data(v);
	end = p + ASN1_STRING_length(v);
	if (der_next(&p, end, V_ASN1_SEQUENCE, &x, &n) != 0)
		return;
	p = x;
	end = x + n;
	while (der_next(&p, end, V_ASN1_SEQUENCE, &pi, &n) == 0) {
		pie = pi + n;
		if (der_next(&pi, pie, V_ASN1_OBJECT, &x, &m) != 0 ||
		    pi >= pie)
			continue;
		if (der_next(&pi, pie, V_ASN1_SEQUENCE, &q, &n) != 0)
			continue;
		qe = q + n;
		while (der_next(&q, qe, V_ASN1_SEQUENCE, &qi, &n) == 0)
			if (der_next(&qi, qi + n, V_ASN1_OBJECT, &x, &m) != 0 ||
			    m != (long)sizeof(cps) ||
			    memcmp(x, cps, sizeof(cps)) != 0)
				bad++;
	}
	if (bad)
		lint_find(c, "a policy qualifier is not id-qt-cps");
}

/*
 * BR 7.1.6.4 (1.x): a DV certificate (2.23.140.1.2.1) has no
 * organization, street, locality, province or postal code in its
 * subject.  Until 2023-09-15: BR 2.0's 7.1.2.7.2 replaced it (zlint's
 * e_cab_dv_subject_invalid_values).
 */
static void
dv_conflict(struct lint_ctx *c, int nid, const char *what)
{
	if (started_before(c, 2023, 9, 15) && subj_has(c, nid) &&
	    has_policy(c, OID_DV))
		lint_find(c, "a domain-validated certificate has %s in its "
		    "subject", what);
}

static void
dv_locality(struct lint_ctx *c)
{
	dv_conflict(c, NID_localityName, "a localityName");
}

static void
dv_org(struct lint_ctx *c)
{
	dv_conflict(c, NID_organizationName, "an organizationName");
}

static void
dv_postal(struct lint_ctx *c)
{
	dv_conflict(c, NID_postalCode, "a postalCode");
}

static void
dv_province(struct lint_ctx *c)
{
	dv_conflict(c, NID_stateOrProvinceName, "a stateOrProvinceName");
}

static void
dv_street(struct lint_ctx *c)
{
	dv_conflict(c, NID_streetAddress, "a streetAddress");
}

/* BR 7.1.2.7.4 (OV), 7.1.2.7.3 (IV), 7.1.6.4 (1.x): the subject
 * fields the policy asserts */
static void
ov_requires_org(struct lint_ctx *c)
{
	if (!subj_has(c, NID_organizationName) && has_policy(c, OID_OV))
		lint_find(c, "an organization-validated certificate has no "
		    "organizationName");
}

static void
need_country(struct lint_ctx *c, const char *oid, const char *what)
{
	if (!subj_has(c, NID_countryName) && has_policy(c, oid))
		lint_find(c, "%s certificate has no countryName", what);
}

static void
need_place(struct lint_ctx *c, const char *oid, const char *what)
{
	if (!subj_has(c, NID_stateOrProvinceName) &&
	    !subj_has(c, NID_localityName) && has_policy(c, oid))
		lint_find(c, "%s certificate has neither stateOrProvinceName "
		    "nor localityName", what);
}

static void
ov_country(struct lint_ctx *c)
{
	need_country(c, OID_OV, "an organization-validated");
}

static void
ov_place(struct lint_ctx *c)
{
	need_place(c, OID_OV, "an organization-validated");
}

static void
iv_country(struct lint_ctx *c)
{
	need_country(c, OID_IV, "an individual-validated");
}

static void
iv_place(struct lint_ctx *c)
{
	need_place(c, OID_IV, "an individual-validated");
}

/* BR 7.1.2.8.2: an OCSP responder certificate (extKeyUsage
 * OCSPSigning) has no certificatePolicies */
static void
ocsp_cert_cp(struct lint_ctx *c)
{
	if ((c->xku & XKU_OCSP_SIGN) &&
	    lint_ext(c, NID_certificate_policies) != NULL)
		lint_find(c, "an OCSP responder certificate has "
		    "certificatePolicies");
}

/* ---- subscriber keys (BR 7.1.2.7.11) ---- */

#define KU_ALL	(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION | \
		 KU_KEY_ENCIPHERMENT | KU_DATA_ENCIPHERMENT | \
		 KU_KEY_AGREEMENT | KU_KEY_CERT_SIGN | KU_CRL_SIGN | \
		 KU_ENCIPHER_ONLY | KU_DECIPHER_ONLY)

/* an ECC subscriber key: digitalSignature MUST, keyAgreement MAY (NOT
 * RECOMMENDED), nothing else */
static void
ecc_allowed_ku(struct lint_ctx *c)
{
	uint32_t bad;

	if (c->pkey != EVP_PKEY_EC || !c->has_ku)
		return;
	bad = c->ku & KU_ALL & ~(KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT);
	if (bad)
		lint_find(c, "the keyUsage of an ECC subscriber key has bits "
		    "other than digitalSignature and keyAgreement (0x%x)",
		    (unsigned)bad);
}

static void
ecc_ku_key_agreement(struct lint_ctx *c)
{
	if (c->pkey == EVP_PKEY_EC && c->has_ku && (c->ku & KU_KEY_AGREEMENT))
		lint_find(c, "the keyUsage of an ECC subscriber key has "
		    "keyAgreement (not recommended)");
}

/* BR 7.1.3 (1.x): no SHA-1 signature on subscriber or subordinate CA
 * certificates from 2016 */
static void
using_sha1(struct lint_ctx *c)
{
	int md = NID_undef, pk;

	if (OBJ_find_sigid_algs(X509_get_signature_nid(c->x), &md, &pk) &&
	    md == NID_sha1)
		lint_find(c, "the certificate is signed with SHA-1");
}

/* ---- Mozilla Root Store Policy ---- */

/* 5.2: no authority key ID with both the key ID and the issuer's
 * issuer name and serial number */
static void
mp_aki(struct lint_ctx *c)
{
	AUTHORITY_KEYID *a;

	if ((a = X509_get_ext_d2i(c->x, NID_authority_key_identifier, NULL,
	    NULL)) == NULL)
		return;
	if (a->keyid != NULL && (a->issuer != NULL || a->serial != NULL))
		lint_find(c, "the authorityKeyIdentifier has both a key "
		    "identifier and the issuer's name and serial number");
	AUTHORITY_KEYID_free(a);
}

/* The DER of algorithm identifier a into buf (of size n); its length,
 * or -1. */
static int
algor_der(const X509_ALGOR *a, unsigned char *buf, int n)
{
	unsigned char *p = buf;
	int len;

	if (a == NULL || (len = i2d_X509_ALGOR(a, NULL)) <= 0 || len > n)
		return -1;
	return i2d_X509_ALGOR(a, &p);
}

static int
hex_eq(const unsigned char *b, int n, const char *hex)
{
	int i;
	unsigned v;

	if ((size_t)n * 2 != strlen(hex))
		return 0;
	for (i = 0; i < n; i++) {
		if (sscanf(hex + 2 * i, "%2x", &v) != 1 || v != b[i])
			return 0;
	}
	return 1;
}

/* 5.1.2: an ECDSA key's AlgorithmIdentifier is one of three encodings
 * (ecPublicKey with a named curve, RFC 5480 2.1.1) */
static void
mp_ecdsa_pub(struct lint_ctx *c)
{
	X509_ALGOR *a = NULL;
	unsigned char buf[512];
	int n;

	if (c->pkey != EVP_PKEY_EC)
		return;
	X509_PUBKEY_get0_param(NULL, NULL, NULL, &a,
	    X509_get_X509_PUBKEY(c->x));
	n = algor_der(a, buf, sizeof(buf));
	if (!hex_eq(buf, n, "301306072a8648ce3d020106082a8648ce3d030107") &&
	    !hex_eq(buf, n, "301006072a8648ce3d020106052b81040022") &&
	    !hex_eq(buf, n, "301006072a8648ce3d020106052b81040023"))
		lint_find(c, "the EC key's algorithm is not P-256, P-384 or "
		    "P-521 in the encoding the policy gives");
}

/*
 * 5.1.2: a signature by a P-256 key is ecdsa-with-SHA256, P-384
 * SHA384, P-521 SHA512, without parameters (RFC 5758 3.2).  The
 * issuer's key is not here: its curve is taken from the signature's
 * length (at most 72, 104, 140 octets), as zlint does.
 */
static void
mp_ecdsa_sig(struct lint_ctx *c)
{
	static const char *want[] = {
		"300a06082a8648ce3d040302", "300a06082a8648ce3d040303",
		"300a06082a8648ce3d040304"
	};
	static const char *curve[] = { "P-256", "P-384", "P-521" };
	const ASN1_BIT_STRING *sig;
	const X509_ALGOR *alg;
	unsigned char buf[512];
	int n, k, len, nid;

	X509_get0_signature(&sig, &alg, c->x);
	nid = OBJ_obj2nid(X509_get0_tbs_sigalg(c->x)->algorithm);
	if (nid != NID_ecdsa_with_SHA1 && nid != NID_ecdsa_with_SHA224 &&
	    nid != NID_ecdsa_with_SHA256 && nid != NID_ecdsa_with_SHA384 &&
	    nid != NID_ecdsa_with_SHA512)
		return;
	n = algor_der(X509_get0_tbs_sigalg(c->x), buf, sizeof(buf));
	len = ASN1_STRING_length(sig);
	k = len <= 72 ? 0 : len <= 104 ? 1 : len <= 140 ? 2 : -1;
	if (k < 0)
		lint_find(c, "the ECDSA signature is %d octets, too long for "
		    "P-521", len);
	else if (!hex_eq(buf, n, want[k]))
		lint_find(c, "the signature algorithm is not the encoding of "
		    "ecdsa-with-SHA%s the policy gives for a %s key",
		    k == 0 ? "256" : k == 1 ? "384" : "512", curve[k]);
}

/* 5.1.1: RSASSA-PSS signatures in one of three encodings: SHA-256,
 * 384 or 512, MGF1 with the same hash, a salt of the hash's length */
static void
mp_pss_params(struct lint_ctx *c)
{
	static const char *want[] = {
	    "304106092a864886f70d01010a3034a00f300d06096086480165030402010500"
	    "a11c301a06092a864886f70d010108300d06096086480165030402010500"
	    "a203020120",
	    "304106092a864886f70d01010a3034a00f300d06096086480165030402020500"
	    "a11c301a06092a864886f70d010108300d06096086480165030402020500"
	    "a203020130",
	    "304106092a864886f70d01010a3034a00f300d06096086480165030402030500"
	    "a11c301a06092a864886f70d010108300d06096086480165030402030500"
	    "a203020140"
	};
	const X509_ALGOR *a = X509_get0_tbs_sigalg(c->x);
	unsigned char buf[512];
	int n;

	if (OBJ_obj2nid(a->algorithm) != NID_rsassaPss)
		return;
	n = algor_der(a, buf, sizeof(buf));
	if (!hex_eq(buf, n, want[0]) && !hex_eq(buf, n, want[1]) &&
	    !hex_eq(buf, n, want[2]))
		lint_find(c, "the RSASSA-PSS parameters are not one of the "
		    "encodings the policy gives (SHA-256, 384, 512, MGF1 "
		    "with the same hash, salt of its length)");
}

/* 5.1.1: no RSASSA-PSS OID in the subjectPublicKeyInfo */
static void
mp_pss_spki(struct lint_ctx *c)
{
	ASN1_OBJECT *o = NULL;

	X509_PUBKEY_get0_param(&o, NULL, NULL, NULL,
	    X509_get_X509_PUBKEY(c->x));
	if (o != NULL && OBJ_obj2nid(o) == NID_rsassaPss)
		lint_find(c, "the public key's algorithm is RSASSA-PSS");
}

/* 5.1 and 5.2: RSA modulus of at least 2048 bits, a multiple of 8;
 * an exponent other than 1 */
static void
mp_mod_2048(struct lint_ctx *c)
{
	EVP_PKEY *pk = X509_get0_pubkey(c->x);

	if (c->pkey == EVP_PKEY_RSA && pk != NULL &&
	    EVP_PKEY_get_bits(pk) < 2048)
		lint_find(c, "the RSA modulus is %d bits, less than 2048",
		    EVP_PKEY_get_bits(pk));
}

static void
mp_mod_8(struct lint_ctx *c)
{
	EVP_PKEY *pk = X509_get0_pubkey(c->x);

	if (c->pkey == EVP_PKEY_RSA && pk != NULL &&
	    EVP_PKEY_get_bits(pk) % 8 != 0)
		lint_find(c, "the RSA modulus is %d bits, not a multiple of 8",
		    EVP_PKEY_get_bits(pk));
}

static void
mp_exp_one(struct lint_ctx *c)
{
	EVP_PKEY *pk = X509_get0_pubkey(c->x);
	BIGNUM *e = NULL;

	if (c->pkey != EVP_PKEY_RSA || pk == NULL ||
	    !EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_E, &e))
		return;
	if (BN_is_one(e))
		lint_find(c, "the RSA public exponent is 1");
	BN_free(e);
}

/* ---- Certificate Transparency (RFC 6962 3.3) ---- */

/*
 * The SignedCertificateTimestampList of c's certificate: the number
 * of SCTs into *nsct, of distinct log IDs into *nlog.  -1 without the
 * extension, -2 when it cannot be read.
 */
static int
scts(const struct lint_ctx *c, int *nsct, int *nlog)
{
	X509_EXTENSION *e = lint_ext(c, NID_ct_precert_scts);
	const ASN1_OCTET_STRING *v;
	ASN1_OCTET_STRING *in = NULL;
	const unsigned char *p, *q, *ids[64];
	size_t len, n, k;
	int r = -2;

	*nsct = *nlog = 0;
	if (e == NULL)
		return -1;
	v = X509_EXTENSION_get_data(e);
	p = ASN1_STRING_get0_data(v);
	if ((in = d2i_ASN1_OCTET_STRING(NULL, &p,
	    ASN1_STRING_length(v))) == NULL)
		return -2;
	p = ASN1_STRING_get0_data(in);
	len = (size_t)ASN1_STRING_length(in);
	if (len < 2 || (size_t)(p[0] << 8 | p[1]) != len - 2)
		goto out;
	for (q = p + 2; q < p + len; q += 2 + n) {
		if ((size_t)(p + len - q) < 2)
			goto out;
		n = (size_t)(q[0] << 8 | q[1]);
		if (n > (size_t)(p + len - q) - 2 || n < 33)
			goto out;
		(*nsct)++;
		/* version (1 octet), then the log's 32-octet ID */
		for (k = 0; k < (size_t)*nlog; k++)
			if (memcmp(ids[k], q + 3, 32) == 0)
				break;
		if (k == (size_t)*nlog && *nlog < 64)
			ids[(*nlog)++] = q + 3;
	}
	r = 0;
out:
	ASN1_OCTET_STRING_free(in);
	return r;
}

/* "At least one SCT MUST be included" in the list */
static void
empty_sct_list(struct lint_ctx *c)
{
	int ns, nl;

	if (scts(c, &ns, &nl) == 0 && ns == 0)
		lint_find(c, "the SCT list extension holds no SCT");
}

/* a precertificate (the poison extension) carries no SCT list */
static void
precert_with_scts(struct lint_ctx *c)
{
	if (lint_ext(c, NID_ct_precert_poison) != NULL &&
	    lint_ext(c, NID_ct_precert_scts) != NULL)
		lint_find(c, "a precertificate has an SCT list");
}

/* The date t plus m months, as Go's AddDate (a day past the month's
 * end runs on into the next). */
static time_t
add_months(time_t t, int m)
{
	struct tm tm;
	long long mo;

	if (OPENSSL_gmtime(&t, &tm) == NULL)
		return t;
	mo = tm.tm_mon + (long long)m;
	return lint_date(tm.tm_year + 1900LL + mo / 12, (unsigned)(mo % 12) + 1,
	    (unsigned)tm.tm_mday) + tm.tm_hour * 3600 + tm.tm_min * 60 +
	    tm.tm_sec;
}

/*
 * Apple's CT policy (support.apple.com HT205280): the SCTs embedded in
 * a TLS certificate, from distinct logs, by its lifetime.  Issued from
 * 2022-04-21: 2 for at most 180 days, else 3; before: 2 under 15
 * months, 3 under 27, 4 under 39, else 5.  SCTs given in the TLS
 * handshake or OCSP are not seen here, nor whether Apple trusts the
 * logs: a notice.
 */
static void
sct_policy_count(struct lint_ctx *c)
{
	time_t nb = c->start, na = asn1_secs(X509_get0_notAfter(c->x));
	int ns, nl, want;

	if (lint_ext(c, NID_ct_precert_poison) != NULL || na < 0)
		return;
	if (scts(c, &ns, &nl) == -2)
		nl = 0;
	if (nb >= lint_date(2022, 4, 21))
		want = na - nb <= 180 * 86400 ? 2 : 3;
	else
		want = na < add_months(nb, 15) ? 2 : na < add_months(nb, 27) ?
		    3 : na < add_months(nb, 39) ? 4 : 5;
	if (nl < want)
		lint_find(c, "the certificate embeds SCTs from %d logs; "
		    "Apple's policy asks for %d for its lifetime", nl, want);
}

/* ---- CRLs (BR 7.2.2) ---- */

/*
 * BR 7.2.2: a CRL entry's reasonCode is not critical, and is one of
 * keyCompromise (1), affiliationChanged (3), superseded (4),
 * cessationOfOperation (5), privilegeWithdrawn (9) (7.2.2.1), never
 * unspecified (0) nor certificateHold (6); cACompromise (2) only on a
 * CRL of CA certificates (its issuingDistributionPoint says
 * onlyContainsCACerts: zlint flags 2 on every CRL).
 */
static void
crl_reason_valid(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *rev = X509_CRL_get_REVOKED(c->crl);
	ISSUING_DIST_POINT *idp;
	ASN1_ENUMERATED *r;
	int i, ca = 0;
	long v;

	if ((idp = X509_CRL_get_ext_d2i(c->crl,
	    NID_issuing_distribution_point, NULL, NULL)) != NULL) {
		ca = idp->onlyCA != 0;
		ISSUING_DIST_POINT_free(idp);
	}
	for (i = 0; i < sk_X509_REVOKED_num(rev); i++) {
		r = X509_REVOKED_get_ext_d2i(sk_X509_REVOKED_value(rev, i),
		    NID_crl_reason, NULL, NULL);
		if (r == NULL)
			continue;
		v = ASN1_ENUMERATED_get(r);
		ASN1_ENUMERATED_free(r);
		if (v == 1 || v == 3 || v == 4 || v == 5 || v == 9 ||
		    (v == 2 && ca))
			continue;
		lint_find(c, "entry %d has reasonCode %ld, which the BRs do "
		    "not allow%s", i + 1, v, v == 2 ? " outside a CRL of CA "
		    "certificates" : "");
	}
}

static void
crl_reason_critical(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *rev = X509_CRL_get_REVOKED(c->crl);
	X509_REVOKED *r;
	int i, k;

	for (i = 0; i < sk_X509_REVOKED_num(rev); i++) {
		r = sk_X509_REVOKED_value(rev, i);
		if ((k = X509_REVOKED_get_ext_by_NID(r, NID_crl_reason,
		    -1)) >= 0 && X509_EXTENSION_get_critical(
		    X509_REVOKED_get_ext(r, k)))
			lint_find(c, "entry %d's reasonCode is critical",
			    i + 1);
	}
}

/* The kinds Mozilla's policy covers: TLS and S/MIME, and their CAs. */
#define LK_MP	(LK_TLS | LK_SMIME | LK_CA)

const struct lint_rule lint_cabf_ca[] = {
	{ "e_ca_key_usage_missing", LINT_ERROR, "RFC 5280", "4.2.1.3",
	    "2002-04-01", LK_CA, ca_ku_missing, 0 },
	{ "e_ca_key_usage_not_critical", LINT_ERROR, "CA/B BR", "7.1.2.10.7",
	    "2012-07-01", LK_CA, ca_ku_not_critical, 0 },
	{ "e_ca_key_cert_sign_not_set", LINT_ERROR, "CA/B BR", "7.1.2.10.7",
	    "2012-07-01", LK_CA, ca_cert_sign_not_set, 0 },
	{ "e_ca_crl_sign_not_set", LINT_ERROR, "CA/B BR", "7.1.2.10.7",
	    "2012-07-01", LK_CA, ca_crl_sign_not_set, 0 },
	{ "n_ca_digital_signature_not_set", LINT_NOTICE, "CA/B BR",
	    "7.1.2.10.7", "2012-07-01", LK_CA, ca_digsig_not_set, 0 },
	{ "e_ca_is_ca", LINT_ERROR, "CA/B BR", "7.1.2.10.4", "2012-07-01",
	    LK_TLS | LK_CA, ca_is_ca, 0 },
	{ "e_sub_cert_not_is_ca", LINT_ERROR, "CA/B BR", "7.1.2.3",
	    "2012-07-01", LK_CA, sub_cert_not_is_ca, 0 },
	{ "e_ca_invalid_eku", LINT_ERROR, "CA/B BR", "7.1.2.10.6",
	    "2020-08-20", LK_SUBCA, ca_invalid_eku, 0 },
	{ "n_sub_ca_eku_missing", LINT_NOTICE, "CA/B BR", "7.1.5",
	    "2012-07-01", LK_SUBCA, sub_ca_eku_missing, 0 },
	{ "n_sub_ca_eku_not_technically_constrained", LINT_NOTICE, "CA/B BR",
	    "7.1.2.2", "2013-07-29", LK_SUBCA, sub_ca_eku_not_constrained, 0 },
	{ "w_sub_ca_eku_critical", LINT_WARNING, "CA/B BR", "7.1.2.2",
	    "2013-07-29", LK_SUBCA, sub_ca_eku_critical, 0 },
	{ "n_mp_allowed_eku", LINT_NOTICE, "Mozilla", "5.3", "2019-01-01",
	    LK_SUBCA, mp_allowed_eku, 0 },
	{ "e_root_ca_extended_key_usage_present", LINT_ERROR, "CA/B BR",
	    "7.1.2.1", "2012-07-01", LK_ROOT, root_eku_present, 0 },
	{ "e_root_ca_key_usage_present", LINT_ERROR, "CA/B BR", "7.1.2.1",
	    "2012-07-01", LK_ROOT, root_ku_present, 0 },
	{ "e_root_ca_key_usage_must_be_critical", LINT_ERROR, "CA/B BR",
	    "7.1.2.1", "2012-07-01", LK_ROOT, root_ku_not_critical, 0 },
	{ "w_root_ca_basic_constraints_path_len_constraint_field_present",
	    LINT_WARNING, "CA/B BR", "7.1.2.1", "2012-07-01", LK_ROOT,
	    root_pathlen, 0 },
	{ "w_root_ca_contains_cert_policy", LINT_WARNING, "CA/B BR",
	    "7.1.2.1", "2012-07-01", LK_ROOT, root_has_cp, 0 },
	{ "e_old_root_ca_rsa_mod_less_than_2048_bits", LINT_ERROR, "CA/B BR",
	    "6.1.5", NULL, LK_CA, old_root_mod, 0 },
	{ "e_old_sub_ca_rsa_mod_less_than_1024_bits", LINT_ERROR, "CA/B BR",
	    "6.1.5", NULL, LK_SUBCA, old_sub_mod, 0 },
	{ "e_sub_ca_aia_missing", LINT_ERROR, "CA/B BR", "7.1.2.2",
	    "2012-07-01", LK_CA, sub_ca_aia_missing, 0 },
	{ "w_sub_ca_aia_missing", LINT_WARNING, "CA/B BR", "7.1.2.2",
	    "2020-08-20", LK_CA, sub_ca_aia_missing_w, 0 },
	{ "e_sub_ca_aia_marked_critical", LINT_ERROR, "CA/B BR", "7.1.2.2",
	    NULL, LK_SUBCA, sub_ca_aia_critical, 0 },
	{ "w_sub_ca_aia_does_not_contain_issuing_ca_url", LINT_WARNING,
	    "CA/B BR", "7.1.2.2", "2012-07-01", LK_SUBCA,
	    sub_ca_aia_no_issuer, 0 },
	{ "w_sub_cert_aia_does_not_contain_issuing_ca_url", LINT_WARNING,
	    "CA/B BR", "7.1.2.3", "2012-07-01", LK_TLS,
	    sub_cert_aia_no_issuer, 0 },
	{ "e_aia_ca_issuers_must_have_http_only", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.7", "2023-09-15", LK_TLS, aia_ca_issuers_http, 0 },
	{ "e_ca_aia_non_http_url", LINT_ERROR, "CA/B BR", "7.1.2.10.3",
	    "2023-09-15", LK_SUBCA, ca_aia_non_http, 0 },
	{ "e_sub_ca_crl_distribution_points_missing", LINT_ERROR, "CA/B BR",
	    "7.1.2.2", "2012-07-01", LK_SUBCA, sub_ca_cdp_missing, 0 },
	{ "e_sub_ca_crl_distribution_points_marked_critical", LINT_ERROR,
	    "CA/B BR", "7.1.2.2", "2012-07-01", LK_SUBCA,
	    sub_ca_cdp_critical, 0 },
	{ "e_sub_ca_crl_distribution_points_does_not_contain_url",
	    LINT_ERROR, "CA/B BR", "7.1.2.2", "2012-07-01", LK_SUBCA,
	    sub_ca_cdp_no_url, 0 },
	{ "e_sub_ca_certificate_policies_missing", LINT_ERROR, "CA/B BR",
	    "7.1.2.2", "2012-07-01", LK_SUBCA, sub_ca_cp_missing, 0 },
	{ "w_sub_ca_certificate_policies_marked_critical", LINT_WARNING,
	    "CA/B BR", "7.1.2.2", "2012-07-01", LK_SUBCA, sub_ca_cp_critical, 0 },
	{ "e_invalid_ca_certificate_policies", LINT_ERROR, "CA/B BR",
	    "7.1.2.10.5", "2023-09-15", LK_SUBCA, invalid_ca_cp, 0 },
	{ "e_subj_orgunit_in_ca_cert", LINT_ERROR, "CA/B BR", "7.1.2.10.2",
	    "2023-09-15", LK_CA, ca_subject_ou, 0 },
	{ "e_sub_cert_cert_policy_empty", LINT_ERROR, "CA/B BR", "7.1.2.3",
	    "2012-07-01", LK_TLS, sub_cert_cp_missing, 0 },
	{ "e_policy_qualifiers_other_than_cps_not_permitted", LINT_ERROR,
	    "CA/B BR", "7.1.2.7.9", "2023-09-15", LK_TLS | LK_CA,
	    qualifiers_not_cps, 0 },
	{ "e_cab_dv_conflicts_with_locality", LINT_ERROR, "CA/B BR",
	    "7.1.6.4", "2012-07-01", LK_TLS, dv_locality, 0 },
	{ "e_cab_dv_conflicts_with_org", LINT_ERROR, "CA/B BR", "7.1.6.4",
	    "2012-07-01", LK_TLS, dv_org, 0 },
	{ "e_cab_dv_conflicts_with_postal", LINT_ERROR, "CA/B BR", "7.1.6.4",
	    "2012-07-01", LK_TLS, dv_postal, 0 },
	{ "e_cab_dv_conflicts_with_province", LINT_ERROR, "CA/B BR",
	    "7.1.6.4", "2012-07-01", LK_TLS, dv_province, 0 },
	{ "e_cab_dv_conflicts_with_street", LINT_ERROR, "CA/B BR", "7.1.6.4",
	    "2012-07-01", LK_TLS, dv_street, 0 },
	{ "e_cab_ov_requires_org", LINT_ERROR, "CA/B BR", "7.1.2.7.4",
	    "2012-07-01", LK_TLS, ov_requires_org, 0 },
	{ "e_cert_policy_ov_requires_country", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.4", "2012-07-01", LK_TLS, ov_country, 0 },
	{ "e_cert_policy_ov_requires_province_or_locality", LINT_ERROR,
	    "CA/B BR", "7.1.2.7.4", "2012-07-01", LK_TLS, ov_place, 0 },
	{ "e_cert_policy_iv_requires_country", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.3", "2015-09-28", LK_TLS, iv_country, 0 },
	{ "e_cert_policy_iv_requires_province_or_locality", LINT_ERROR,
	    "CA/B BR", "7.1.2.7.3", "2015-09-28", LK_TLS, iv_place, 0 },
	{ "e_ocsp_cert_cp_forbidden", LINT_ERROR, "CA/B BR", "7.1.2.8.2",
	    "2023-09-15", LK_LEAF, ocsp_cert_cp, 0 },
	{ "e_cabf_ecc_allowed_key_usages", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.11", "2023-09-15", LK_TLS, ecc_allowed_ku, 0 },
	{ "w_cabf_ecc_ku_keyagreement_present", LINT_WARNING, "CA/B BR",
	    "7.1.2.7.11", "2023-09-15", LK_TLS, ecc_ku_key_agreement, 0 },
	{ "e_sub_cert_or_sub_ca_using_sha1", LINT_ERROR, "CA/B BR", "7.1.3",
	    "2016-01-01", LK_TLS | LK_SUBCA, using_sha1, 0 },
	{ "e_mp_authority_key_identifier_correct", LINT_ERROR, "Mozilla",
	    "5.2", "2013-07-26", LK_MP, mp_aki, 0 },
	{ "e_mp_ecdsa_pub_key_encoding_correct", LINT_ERROR, "Mozilla",
	    "5.1.2", "2025-03-15", LK_MP, mp_ecdsa_pub, 0 },
	{ "e_mp_ecdsa_signature_encoding_correct", LINT_ERROR, "Mozilla",
	    "5.1.2", "2025-03-15", LK_MP, mp_ecdsa_sig, 0 },
	{ "e_mp_rsassa-pss_parameters_encoding_in_signature_algorithm_correct",
	    LINT_ERROR, "Mozilla", "5.1.1", "2020-01-01", LK_MP,
	    mp_pss_params, 0 },
	{ "e_mp_rsassa-pss_in_spki", LINT_ERROR, "Mozilla", "5.1.1",
	    "2020-01-01", LK_MP, mp_pss_spki, 0 },
	{ "e_mp_modulus_must_be_2048_bits_or_more", LINT_ERROR, "Mozilla",
	    "5.1", "2017-02-28", LK_MP, mp_mod_2048, 0 },
	{ "e_mp_modulus_must_be_divisible_by_8", LINT_ERROR, "Mozilla", "5.1",
	    "2017-02-28", LK_MP, mp_mod_8, 0 },
	{ "e_mp_exponent_cannot_be_one", LINT_ERROR, "Mozilla", "5.2",
	    "2017-02-28", LK_MP, mp_exp_one, 0 },
	{ "e_empty_sct_list", LINT_ERROR, "RFC 6962", "3.3", "2013-06-01",
	    LK_CERT, empty_sct_list, 0 },
	{ "e_precert_with_sct_list", LINT_ERROR, "RFC 6962", "3.3",
	    "2013-06-01", LK_CERT, precert_with_scts, 0 },
	{ "w_ct_sct_policy_count_unsatisfied", LINT_NOTICE, "Apple",
	    "CT policy (HT205280)", "2018-10-15", LK_TLS, sct_policy_count, 0 },
	{ "e_cab_crl_has_valid_reason_code", LINT_ERROR, "CA/B BR", "7.2.2",
	    "2023-07-15", LK_CRL, crl_reason_valid, 0 },
	{ "e_cab_crl_reason_code_not_critical", LINT_ERROR, "CA/B BR",
	    "7.2.2", "2012-07-01", LK_CRL, crl_reason_critical, 0 },
	{ NULL, 0, NULL, NULL, NULL, 0, NULL, 0 }
};
