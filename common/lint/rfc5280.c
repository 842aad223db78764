/*
 * rfc5280.c: RFC 5280 section 4 structure rules for certificates, and
 * RFC 3279, 5480 and 8813's key usage bits by key type (engine.h), each
 * under zlint's name for the same rule where zlint has one.
 */
#include <stddef.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/engine.h"
#include "read/pem.h"

/* RFC 5280 section 4.1.2.2: "The serial number MUST be a positive
 * integer" (zero is not positive). */
static void
serial_not_positive(struct lint_ctx *c)
{
	const ASN1_INTEGER *s = c->t.serial;

	if (ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER)
		lint_find(c, "the serial number is negative");
	else if (ASN1_STRING_length(s) == 0 || (ASN1_STRING_length(s) == 1 &&
	    ASN1_STRING_get0_data(s)[0] == 0))
		lint_find(c, "the serial number is zero");
}

/* RFC 5280 section 4.1.2.2: "Conforming CAs MUST NOT use serialNumber
 * values longer than 20 octets": the octets of the DER INTEGER's
 * content, a leading 00 for the sign included (OpenSSL keeps the
 * magnitude only). */
static void
serial_too_long(struct lint_ctx *c)
{
	const ASN1_INTEGER *s = c->t.serial;
	int n;

	n = i2d_ASN1_INTEGER(s, NULL) - 2;	/* short form: n < 128 */
	if (n > 20)
		lint_find(c, "the serial number is %d octets long, more than "
		    "20", n);
}

/* RFC 5280 section 4.1.2.9: extensions only in a version 3
 * certificate. */
static void
ext_version_not_3(struct lint_ctx *c)
{
	if (c->version != X509_VERSION_3 && sk_X509_EXTENSION_num(c->t.exts) > 0)
		lint_find(c, "a version %ld certificate has extensions",
		    c->version + 1);
}

/* RFC 5280 section 4.1.2.8: "CAs conforming to this profile MUST NOT
 * generate certificates with unique identifiers". */
static void
has_unique_id(struct lint_ctx *c)
{
	if (c->t.iuid || c->t.suid)
		lint_find(c, "the certificate has %s unique identifier",
		    c->t.iuid && c->t.suid ? "an issuer and a subject" :
		    c->t.iuid ? "an issuer" : "a subject");
}

/* RFC 5280 section 4.1.2.8: unique identifiers only in version 2 or
 * 3. */
static void
unique_id_v1(struct lint_ctx *c)
{
	if ((c->t.iuid || c->t.suid) && c->version == X509_VERSION_1)
		lint_find(c, "a version 1 certificate has a unique identifier");
}

/*
 * RFC 5280 section 4.1.2.5: UTCTime for dates through 2049,
 * GeneralizedTime from 2050; 4.1.2.5.1: UTCTime as YYMMDDHHMMSSZ;
 * 4.1.2.5.2: GeneralizedTime as YYYYMMDDHHMMSSZ, without fractions.
 * The encoding as it is in the DER: OpenSSL's ASN1_TIME keeps its
 * bytes.
 */
enum tbad {
	T_UTC_NO_SECONDS = 1,
	T_UTC_NOT_ZULU = 2,
	T_GEN_NO_SECONDS = 4,
	T_GEN_FRACTION = 8,
	T_GEN_NOT_ZULU = 16,
	T_GEN_PRE2050 = 32
};

static int
all_digits(const unsigned char *p, int n)
{
	while (n-- > 0)
		if (*p < '0' || *p++ > '9')
			return 0;
	return 1;
}

static unsigned
time_defects(const ASN1_TIME *t)
{
	const unsigned char *p = ASN1_STRING_get0_data(t);
	int n = ASN1_STRING_length(t), i;
	unsigned bad = 0;

	if (ASN1_STRING_type(t) == V_ASN1_UTCTIME) {
		if (n == 0 || p[n - 1] != 'Z')
			bad |= T_UTC_NOT_ZULU;
		for (i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i < 12)
			bad |= T_UTC_NO_SECONDS;
		return bad;
	}
	if (n == 0 || p[n - 1] != 'Z')
		bad |= T_GEN_NOT_ZULU;
	if (memchr(p, '.', (size_t)n) != NULL ||
	    memchr(p, ',', (size_t)n) != NULL)
		bad |= T_GEN_FRACTION;
	for (i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++)
		;
	if (i < 14)
		bad |= T_GEN_NO_SECONDS;
	if (n >= 4 && all_digits(p, 4) && (p[0] - '0') * 1000 +
	    (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0') < 2050)
		bad |= T_GEN_PRE2050;
	return bad;
}

static void
time_rule(struct lint_ctx *c, unsigned which, const char *what)
{
	if (time_defects(c->t.not_before) & which)
		lint_find(c, "notBefore %s", what);
	if (time_defects(c->t.not_after) & which)
		lint_find(c, "notAfter %s", what);
}

static void
utc_no_seconds(struct lint_ctx *c)
{
	time_rule(c, T_UTC_NO_SECONDS, "is a UTCTime without seconds");
}

static void
utc_not_zulu(struct lint_ctx *c)
{
	time_rule(c, T_UTC_NOT_ZULU, "is a UTCTime not in Zulu time "
	    "(ending in Z)");
}

static void
gen_no_seconds(struct lint_ctx *c)
{
	time_rule(c, T_GEN_NO_SECONDS, "is a GeneralizedTime without "
	    "seconds");
}

static void
gen_fraction(struct lint_ctx *c)
{
	time_rule(c, T_GEN_FRACTION, "is a GeneralizedTime with fractional "
	    "seconds");
}

static void
gen_not_zulu(struct lint_ctx *c)
{
	time_rule(c, T_GEN_NOT_ZULU, "is a GeneralizedTime not in Zulu "
	    "time (ending in Z)");
}

static void
gen_pre2050(struct lint_ctx *c)
{
	time_rule(c, T_GEN_PRE2050, "is before 2050 but a GeneralizedTime, "
	    "not a UTCTime");
}

/* RFC 5280 section 4.1.2.5: the validity period is notBefore through
 * notAfter; one that ends before it starts holds no time at all. */
static void
validity_not_positive(struct lint_ctx *c)
{
	int day, sec;

	if (ASN1_TIME_diff(&day, &sec, c->t.not_before,
	    c->t.not_after) && (day < 0 || sec < 0))
		lint_find(c, "notAfter is before notBefore");
}

/* RFC 5280 section 4.1.2.4: "The issuer field MUST contain a non-empty
 * distinguished name". */
static void
issuer_empty(struct lint_ctx *c)
{
	if (X509_NAME_entry_count(c->t.issuer) == 0)
		lint_find(c, "the issuer name is empty");
}

/* RFC 5280 section 4.1.2.6: a CA's subject MUST be a non-empty
 * distinguished name. */
static void
ca_subject_empty(struct lint_ctx *c)
{
	if (c->subject_empty)
		lint_find(c, "the subject of a CA certificate is empty");
}

/* RFC 5280 sections 4.1.2.6 and 4.2.1.6: an empty subject needs a
 * subjectAltName, marked critical. */
static void
subject_empty_without_san(struct lint_ctx *c)
{
	if (c->subject_empty && lint_ext(c, NID_subject_alt_name) == NULL)
		lint_find(c, "the subject is empty and there is no "
		    "subjectAltName");
}

static void
san_not_critical_without_subject(struct lint_ctx *c)
{
	if (c->subject_empty && lint_crit(c, NID_subject_alt_name) == 0)
		lint_find(c, "the subject is empty and the subjectAltName is "
		    "not critical");
}

/* RFC 5280 section 4.2: "A certificate MUST NOT include more than one
 * instance of a particular extension". */
static void
duplicate_extension(struct lint_ctx *c)
{
	const ASN1_OBJECT *a;
	char buf[80];
	int i, j, n = sk_X509_EXTENSION_num(c->t.exts);

	for (i = 1; i < n; i++) {
		a = X509_EXTENSION_get_object(sk_X509_EXTENSION_value(c->t.exts, i));
		for (j = 0; j < i; j++)
			if (OBJ_cmp(a, X509_EXTENSION_get_object(
			    sk_X509_EXTENSION_value(c->t.exts, j))) == 0)
				break;
		if (j < i) {
			OBJ_obj2txt(buf, sizeof(buf), a, 0);
			lint_find(c, "the extension %s appears more than once",
			    buf);
		}
	}
}

/* An extension whose value is an empty SEQUENCE: RFC 5280's SEQUENCE
 * SIZE (1..MAX) OF in every extension that is a list. */
static int
empty_seq(const X509_EXTENSION *e)
{
	const ASN1_OCTET_STRING *v = X509_EXTENSION_get_data(
	    (X509_EXTENSION *)e);

	return ASN1_STRING_length(v) == 2 && ASN1_STRING_get0_data(v)[0] ==
	    0x30 && ASN1_STRING_get0_data(v)[1] == 0;
}

/* The extensions RFC 5280 defines as SEQUENCE SIZE (1..MAX) OF: an
 * empty one breaks the syntax (basicConstraints' empty SEQUENCE is its
 * cA FALSE, and is fine). */
static const int seq_nids[] = {
	NID_subject_alt_name, NID_issuer_alt_name, NID_ext_key_usage,
	NID_certificate_policies, NID_policy_mappings,
	NID_crl_distribution_points, NID_freshest_crl, NID_info_access,
	NID_sinfo_access, NID_subject_directory_attributes
};

static void
ext_empty_sequence(struct lint_ctx *c)
{
	X509_EXTENSION *e;
	char buf[80];
	size_t k;
	int i, n = sk_X509_EXTENSION_num(c->t.exts), nid;

	for (i = 0; i < n; i++) {
		e = sk_X509_EXTENSION_value(c->t.exts, i);
		if (!empty_seq(e))
			continue;
		nid = OBJ_obj2nid(X509_EXTENSION_get_object(e));
		for (k = 0; k < sizeof(seq_nids) / sizeof(seq_nids[0]); k++)
			if (seq_nids[k] == nid)
				break;
		if (k == sizeof(seq_nids) / sizeof(seq_nids[0]))
			continue;
		OBJ_obj2txt(buf, sizeof(buf), X509_EXTENSION_get_object(e), 0);
		lint_find(c, "the extension %s is an empty sequence", buf);
	}
}

/* 4.2.1.11: "Conforming CAs MUST NOT issue certificates where policy
 * constraints is an empty sequence"; 4.2.1.10 the same of name
 * constraints. */
static void
pc_empty(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_policy_constraints);

	if (e != NULL && empty_seq(e))
		lint_find(c, "the policyConstraints extension is empty");
}

static void
nc_empty(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_name_constraints);

	if (e != NULL && empty_seq(e))
		lint_find(c, "the nameConstraints extension is empty");
}

/* RFC 5280 sections 4.2.1.6 and 4.2.1.7: GeneralNames is SIZE
 * (1..MAX); a name must not be empty. */
static void
names_rule(struct lint_ctx *c, int nid, const char *what, int entries)
{
	GENERAL_NAMES *gn;
	GENERAL_NAME *g;
	ASN1_STRING *s;
	int i, type;

	/* the first instance, decoded even when there are two */
	if (lint_ext(c, nid) == NULL ||
	    (gn = X509V3_EXT_d2i(lint_ext(c, nid))) == NULL)
		return;
	if (entries) {
		if (sk_GENERAL_NAME_num(gn) == 0)
			lint_find(c, "the %s has no entries", what);
		GENERAL_NAMES_free(gn);
		return;
	}
	for (i = 0; i < sk_GENERAL_NAME_num(gn); i++) {
		g = sk_GENERAL_NAME_value(gn, i);
		s = GENERAL_NAME_get0_value(g, &type);
		if ((type == GEN_DNS || type == GEN_EMAIL || type == GEN_URI ||
		    type == GEN_IPADD) && ASN1_STRING_length(s) == 0) {
			lint_find(c, "the %s has an empty name", what);
			break;
		}
		if (type == GEN_DIRNAME && X509_NAME_entry_count(
		    g->d.directoryName) == 0) {
			lint_find(c, "the %s has an empty directory name",
			    what);
			break;
		}
	}
	GENERAL_NAMES_free(gn);
}

static void
san_no_entries(struct lint_ctx *c)
{
	names_rule(c, NID_subject_alt_name, "subjectAltName", 1);
}

static void
san_empty_name(struct lint_ctx *c)
{
	names_rule(c, NID_subject_alt_name, "subjectAltName", 0);
}

static void
ian_no_entries(struct lint_ctx *c)
{
	names_rule(c, NID_issuer_alt_name, "issuerAltName", 1);
}

static void
ian_empty_name(struct lint_ctx *c)
{
	names_rule(c, NID_issuer_alt_name, "issuerAltName", 0);
}

/* The criticality rules: an extension that MUST (or SHOULD) be, or not
 * be, critical. */
static void
crit_rule(struct lint_ctx *c, int nid, int want, const char *what)
{
	int cr = lint_crit(c, nid);

	if (cr >= 0 && cr != want)
		lint_find(c, "the %s extension is %s", what, cr ? "critical" :
		    "not critical");
}

/* 4.2.1.9: MUST be critical in a CA certificate */
static void
bc_not_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_basic_constraints, 1, "basicConstraints");
}

/* 4.2.1.3: SHOULD be critical */
static void
ku_not_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_key_usage, 1, "keyUsage");
}

/* 4.2.1.10: MUST be critical */
static void
nc_not_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_name_constraints, 1, "nameConstraints");
}

/* 4.2.1.1: MUST NOT be critical */
static void
aki_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_authority_key_identifier, 0,
	    "authorityKeyIdentifier");
}

/* 4.2.1.2: MUST NOT be critical */
static void
ski_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_subject_key_identifier, 0, "subjectKeyIdentifier");
}

/* 4.2.2.1: MUST NOT be critical */
static void
aia_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_info_access, 0, "authorityInfoAccess");
}

/* 4.2.2.2: MUST NOT be critical */
static void
sia_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_sinfo_access, 0, "subjectInfoAccess");
}

/* 4.2.1.15: MUST NOT be critical */
static void
freshest_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_freshest_crl, 0, "freshestCRL");
}

/* 4.2.1.8: MUST NOT be critical */
static void
sda_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_subject_directory_attributes, 0,
	    "subjectDirectoryAttributes");
}

/* 4.2.1.11: MUST be critical */
static void
pc_not_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_policy_constraints, 1, "policyConstraints");
}

/* 4.2.1.14: MUST be critical */
static void
iap_not_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_inhibit_any_policy, 1, "inhibitAnyPolicy");
}

/* 4.2.1.5: SHOULD be critical */
static void
pm_not_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_policy_mappings, 1, "policyMappings");
}

/* 4.2.1.13: SHOULD be non-critical */
static void
cdp_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_crl_distribution_points, 0,
	    "cRLDistributionPoints");
}

/* 4.2.1.7: SHOULD NOT be critical */
static void
ian_critical(struct lint_ctx *c)
{
	crit_rule(c, NID_issuer_alt_name, 0, "issuerAltName");
}

/* 4.2.1.12: with anyExtendedKeyUsage, SHOULD NOT be critical */
static void
eku_critical_any(struct lint_ctx *c)
{
	if (lint_crit(c, NID_ext_key_usage) == 1 &&
	    (c->xku & XKU_ANYEKU))
		lint_find(c, "the extKeyUsage extension has "
		    "anyExtendedKeyUsage and is critical");
}

/* 4.2.1.10: nameConstraints only in a CA certificate */
static void
nc_not_in_ca(struct lint_ctx *c)
{
	if (lint_ext(c, NID_name_constraints) != NULL)
		lint_find(c, "a certificate that is not a CA's has "
		    "nameConstraints");
}

/* 4.2.1.2: "this extension MUST appear in all conforming CA
 * certificates" */
static void
ski_missing_ca(struct lint_ctx *c)
{
	if (lint_ext(c, NID_subject_key_identifier) == NULL)
		lint_find(c, "the CA certificate has no subjectKeyIdentifier");
}

/*
 * 4.2.1.2: "For end entity certificates, the subject key identifier
 * extension SHOULD be included".  A TLS subscriber certificate issued
 * from the CA/B BR 2.0 date (2023-09-15) follows BR 7.1.2.7.6 instead,
 * where subjectKeyIdentifier is NOT RECOMMENDED (rule
 * w_ext_subject_key_identifier_not_recommended_subscriber): the BR
 * profile is the narrower one (RFC 5280 leaves a SHOULD to the profile
 * that has reason to differ), and otherwise no such certificate could
 * pass both.  zlint applies both rules to it.
 */
static void
ski_missing_leaf(struct lint_ctx *c)
{
	if (c->kind == LK_TLS && c->start_ok &&
	    c->start >= (time_t)1694736000)	/* 2023-09-15 */
		return;
	if (lint_ext(c, NID_subject_key_identifier) == NULL)
		lint_find(c, "the certificate has no subjectKeyIdentifier");
}

/* 4.2.1.1: the keyIdentifier of the AKI "MUST be included in all
 * certificates generated by conforming CAs", save a self-signed one. */
static void
aki_missing(struct lint_ctx *c)
{
	if (!c->self_signed &&
	    lint_ext(c, NID_authority_key_identifier) == NULL)
		lint_find(c, "the certificate has no authorityKeyIdentifier");
}

static void
aki_no_keyid(struct lint_ctx *c)
{
	AUTHORITY_KEYID *a;

	if (c->self_signed ||
	    lint_ext(c, NID_authority_key_identifier) == NULL)
		return;
	a = X509V3_EXT_d2i(lint_ext(c, NID_authority_key_identifier));
	if (a != NULL && a->keyid == NULL)
		lint_find(c, "the authorityKeyIdentifier has no "
		    "keyIdentifier");
	AUTHORITY_KEYID_free(a);
}

/* 4.2.1.3: "When the keyUsage extension appears in a certificate, at
 * least one of the bits MUST be set to 1" */
static void
ku_without_bits(struct lint_ctx *c)
{
	if (c->has_ku && c->ku == 0)
		lint_find(c, "the keyUsage extension has no bit set");
}

/* 4.2.1.3 and 4.2.1.9: keyCertSign only with basicConstraints cA */
static void
ku_cert_sign_without_ca(struct lint_ctx *c)
{
	if ((c->ku & KU_KEY_CERT_SIGN) && !c->is_ca)
		lint_find(c, "keyUsage keyCertSign is set but basicConstraints "
		    "cA is not");
}

/*
 * The keyUsage BIT STRING as it is in the DER (X.690 section 11.2.2: a
 * NamedBitList's trailing 0 bits are removed, so the last content octet
 * is not zero and its last used bit is 1): OpenSSL's decode hides the
 * padding.  Returns 2 for a trailing zero octet, 1 for an unused-bits
 * count that leaves zero bits at the end, 0 when right or absent.
 */
static int
ku_padding(struct lint_ctx *c)
{
	X509_EXTENSION *e;
	const ASN1_OCTET_STRING *v;
	const unsigned char *p;
	long len;
	int tag, cls, unused;

	if ((e = lint_ext(c, NID_key_usage)) == NULL)
		return 0;
	v = X509_EXTENSION_get_data(e);
	p = ASN1_STRING_get0_data(v);
	if (ASN1_get_object(&p, &len, &tag, &cls, ASN1_STRING_length(v)) &
	    0x80 || tag != V_ASN1_BIT_STRING || len < 2)
		return 0;
	unused = p[0];
	if (unused > 7)
		return 0;
	if (p[len - 1] == 0)
		return 2;
	return (p[len - 1] & (1 << unused)) == 0;
}

static void
ku_superfluous(struct lint_ctx *c)
{
	if (ku_padding(c) == 2)
		lint_find(c, "the keyUsage BIT STRING ends in a zero octet");
}

static void
ku_incorrect(struct lint_ctx *c)
{
	if (ku_padding(c) == 1)
		lint_find(c, "the keyUsage BIT STRING's unused-bits count "
		    "leaves trailing zero bits");
}

/* RFC 3279 section 2.3.1: the keyUsage bits of an RSA key */
#define KU_RSA_EE	(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION | \
			 KU_KEY_ENCIPHERMENT | KU_DATA_ENCIPHERMENT)
#define KU_ALL		(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION | \
			 KU_KEY_ENCIPHERMENT | KU_DATA_ENCIPHERMENT | \
			 KU_KEY_AGREEMENT | KU_KEY_CERT_SIGN | KU_CRL_SIGN | \
			 KU_ENCIPHER_ONLY | KU_DECIPHER_ONLY)

static void
rsa_ku_rule(struct lint_ctx *c, uint32_t allowed, const char *what)
{
	if (c->pkey == EVP_PKEY_RSA && c->has_ku && (c->ku & ~allowed & KU_ALL))
		lint_find(c, "the keyUsage of %s RSA key has bits RFC 3279 "
		    "does not allow (%#x)", what, (unsigned)(c->ku & ~allowed &
		    KU_ALL));
}

/* an end entity's, unless it has cRLSign: the section's "CRL issuer
 * certificate", which may also have keyCertSign and cRLSign (a
 * keyCertSign outside a CA is e_ext_key_usage_cert_sign_without_ca) */
static void
rsa_ku_ee(struct lint_ctx *c)
{
	rsa_ku_rule(c, c->ku & KU_CRL_SIGN ? KU_RSA_EE | KU_KEY_CERT_SIGN |
	    KU_CRL_SIGN : KU_RSA_EE, "an end-entity");
}

static void
rsa_ku_ca(struct lint_ctx *c)
{
	rsa_ku_rule(c, KU_RSA_EE | KU_KEY_CERT_SIGN | KU_CRL_SIGN, "a CA's");
}

/* RFC 3279 section 2.3.1: with keyCertSign or cRLSign, keyEncipherment
 * and dataEncipherment SHOULD NOT be present (a SHOULD: a warning,
 * where zlint makes it an error) */
static void
rsa_ku_no_encipherment_ca(struct lint_ctx *c)
{
	if (c->pkey == EVP_PKEY_RSA && (c->ku & (KU_KEY_CERT_SIGN |
	    KU_CRL_SIGN)) && (c->ku & (KU_KEY_ENCIPHERMENT |
	    KU_DATA_ENCIPHERMENT)))
		lint_find(c, "a CA's RSA key signs certificates or CRLs and "
		    "has keyUsage keyEncipherment or dataEncipherment");
}

/* RFC 8813 section 3: an id-ecPublicKey certificate MUST NOT have
 * keyEncipherment or dataEncipherment */
static void
ecdsa_allowed_ku(struct lint_ctx *c)
{
	if (c->pkey == EVP_PKEY_EC && (c->ku & (KU_KEY_ENCIPHERMENT |
	    KU_DATA_ENCIPHERMENT)))
		lint_find(c, "the EC key has keyUsage %s",
		    c->ku & KU_KEY_ENCIPHERMENT ? "keyEncipherment" :
		    "dataEncipherment");
}

/* RFC 5480 section 3: an end entity's EC key: digitalSignature,
 * nonRepudiation and keyAgreement (encipherOnly and decipherOnly with
 * keyAgreement) */
static void
ecdsa_ee_ku(struct lint_ctx *c)
{
	uint32_t ok = KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION |
	    KU_KEY_AGREEMENT;

	if (c->ku & KU_KEY_AGREEMENT)
		ok |= KU_ENCIPHER_ONLY | KU_DECIPHER_ONLY;
	if (c->pkey == EVP_PKEY_EC && c->has_ku && (c->ku & ~ok & KU_ALL))
		lint_find(c, "the keyUsage of an end entity's EC key has bits "
		    "RFC 5480 does not list (%#x)", (unsigned)(c->ku & ~ok &
		    KU_ALL));
}

/* 4.1.1.2: signatureAlgorithm "MUST contain the same algorithm
 * identifier as the signature field in the sequence tbsCertificate" */
static void
sig_alg_mismatch(struct lint_ctx *c)
{
	if (X509_ALGOR_cmp(c->t.sigalg, c->t.outer_alg) != 0)
		lint_find(c, "signatureAlgorithm differs from the "
		    "tbsCertificate's signature field");
}

/* An AlgorithmIdentifier whose parameters are not NULL. */
static int
params_not_null(const X509_ALGOR *a)
{
	int ptype;

	X509_ALGOR_get0(NULL, &ptype, NULL, a);
	return ptype != V_ASN1_NULL;
}

/* RFC 4055 section 1.2 (RFC 3279 section 2.3.1): rsaEncryption's
 * parameters MUST be NULL */
static void
spki_rsa_params(struct lint_ctx *c)
{
	if (c->pkey == EVP_PKEY_RSA && params_not_null(c->t.spki_alg))
		lint_find(c, "the rsaEncryption key's parameters are not NULL");
}

/* RFC 4055 section 5: the PKCS#1 v1.5 signature algorithms' parameters
 * MUST be NULL */
static void
tbs_sig_rsa_params(struct lint_ctx *c)
{
	const ASN1_OBJECT *o;
	int md, pk;

	X509_ALGOR_get0(&o, NULL, NULL, c->t.sigalg);
	if (OBJ_find_sigid_algs(OBJ_obj2nid(o), &md, &pk) &&
	    pk == NID_rsaEncryption && params_not_null(c->t.sigalg))
		lint_find(c, "the RSA signature algorithm's parameters are not "
		    "NULL");
}

/* 4.2.1.9: pathLenConstraint "MUST be greater than or equal to zero",
 * and is only for a CA whose keyUsage has keyCertSign */
static BASIC_CONSTRAINTS *
bc_of(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_basic_constraints);

	return e != NULL ? X509V3_EXT_d2i(e) : NULL;
}

static void
pathlen_negative(struct lint_ctx *c)
{
	BASIC_CONSTRAINTS *bc = bc_of(c);

	if (bc != NULL && bc->pathlen != NULL &&
	    ASN1_STRING_type(bc->pathlen) == V_ASN1_NEG_INTEGER)
		lint_find(c, "pathLenConstraint is negative");
	BASIC_CONSTRAINTS_free(bc);
}

static void
pathlen_improper(struct lint_ctx *c)
{
	BASIC_CONSTRAINTS *bc = bc_of(c);

	if (bc != NULL && bc->pathlen != NULL && (!bc->ca ||
	    !(c->ku & KU_KEY_CERT_SIGN)))
		lint_find(c, "pathLenConstraint is present but %s",
		    !bc->ca ? "cA is not" : "keyUsage has no keyCertSign");
	BASIC_CONSTRAINTS_free(bc);
}

/* 4.2.1.4: "A certificate policy OID MUST NOT appear more than once" */
static void
policy_duplicate(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_certificate_policies);
	CERTIFICATEPOLICIES *cp;
	int i, j, n;

	if (e == NULL || (cp = X509V3_EXT_d2i(e)) == NULL)
		return;
	n = sk_POLICYINFO_num(cp);
	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (OBJ_cmp(sk_POLICYINFO_value(cp, i)->policyid,
			    sk_POLICYINFO_value(cp, j)->policyid) == 0) {
				lint_find(c, "a certificate policy appears more "
				    "than once");
				i = n;
				break;
			}
	CERTIFICATEPOLICIES_free(cp);
}

/* 4.2.1.5: policies "MUST NOT be mapped either to or from the special
 * value anyPolicy"; each issuerDomainPolicy SHOULD be among the
 * certificate's policies */
static void
policy_map_rule(struct lint_ctx *c, int any)
{
	X509_EXTENSION *e = lint_ext(c, NID_policy_mappings);
	POLICY_MAPPINGS *pm;
	CERTIFICATEPOLICIES *cp = NULL;
	POLICY_MAPPING *m;
	int i, j;

	if (e == NULL || (pm = X509V3_EXT_d2i(e)) == NULL)
		return;
	if (!any && (e = lint_ext(c, NID_certificate_policies)) != NULL)
		cp = X509V3_EXT_d2i(e);
	for (i = 0; i < sk_POLICY_MAPPING_num(pm); i++) {
		m = sk_POLICY_MAPPING_value(pm, i);
		if (any) {
			if (OBJ_obj2nid(m->issuerDomainPolicy) ==
			    NID_any_policy || OBJ_obj2nid(
			    m->subjectDomainPolicy) == NID_any_policy) {
				lint_find(c, "a policy mapping maps anyPolicy");
				break;
			}
			continue;
		}
		for (j = 0; j < sk_POLICYINFO_num(cp); j++)
			if (OBJ_cmp(sk_POLICYINFO_value(cp, j)->policyid,
			    m->issuerDomainPolicy) == 0)
				break;
		if (j == sk_POLICYINFO_num(cp)) {
			lint_find(c, "a mapped issuerDomainPolicy is not among "
			    "the certificate's policies");
			break;
		}
	}
	CERTIFICATEPOLICIES_free(cp);
	sk_POLICY_MAPPING_pop_free(pm, POLICY_MAPPING_free);
}

static void
policy_map_any(struct lint_ctx *c)
{
	policy_map_rule(c, 1);
}

static void
policy_map_not_in_policies(struct lint_ctx *c)
{
	policy_map_rule(c, 0);
}

/* 4.2.1.13: a DistributionPoint "MUST NOT consist of only the reasons
 * field"; its fullName SHOULD hold an LDAP or HTTP URI */
/* Does URI name g start with scheme (lower case, with "://")? */
static int
uri_scheme(const GENERAL_NAME *g, const char *scheme)
{
	const unsigned char *p = ASN1_STRING_get0_data(g->d.ia5);
	size_t i, n = strlen(scheme);

	if ((size_t)ASN1_STRING_length(g->d.ia5) < n)
		return 0;
	for (i = 0; i < n; i++)
		if ((p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]) !=
		    scheme[i])
			return 0;
	return 1;
}

static void
dp_rule(struct lint_ctx *c, int uri)
{
	X509_EXTENSION *e = lint_ext(c, NID_crl_distribution_points);
	CRL_DIST_POINTS *dps;
	DIST_POINT *dp;
	GENERAL_NAME *g;
	int i, j, ok;

	if (e == NULL || (dps = X509V3_EXT_d2i(e)) == NULL)
		return;
	for (i = 0; i < sk_DIST_POINT_num(dps); i++) {
		dp = sk_DIST_POINT_value(dps, i);
		if (!uri) {
			if (dp->distpoint == NULL && dp->CRLissuer == NULL) {
				lint_find(c, "a distribution point has neither "
				    "a name nor a cRLIssuer");
				break;
			}
			continue;
		}
		if (dp->distpoint == NULL || dp->distpoint->type != 0)
			continue;
		for (ok = 0, j = 0; j < sk_GENERAL_NAME_num(
		    dp->distpoint->name.fullname); j++) {
			g = sk_GENERAL_NAME_value(dp->distpoint->name.fullname,
			    j);
			ok |= g->type == GEN_URI && (uri_scheme(g, "http://") ||
			    uri_scheme(g, "ldap://"));
		}
		if (!ok) {
			lint_find(c, "a distribution point's name has no HTTP "
			    "or LDAP URI");
			break;
		}
	}
	CRL_DIST_POINTS_free(dps);
}

static void
dp_incomplete(struct lint_ctx *c)
{
	dp_rule(c, 0);
}

static void
dp_no_uri(struct lint_ctx *c)
{
	dp_rule(c, 1);
}

/* 4.2.1.10: "the minimum MUST be zero, and maximum MUST be absent";
 * constraints on x400Address, ediPartyName and registeredID are ones
 * that applications may not process (SHOULD NOT, per zlint a warning) */
enum ncbad { NC_MIN = 1, NC_MAX = 2, NC_X400 = 4, NC_EDI = 8, NC_RID = 16 };

/*
 * Read from the DER (NameConstraints, GeneralSubtree: RFC 5280 section
 * 4.2.1.10), since OpenSSL does not decode every GeneralName form these
 * rules are about (an x400Address in particular).
 */
static unsigned
nc_defects(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_name_constraints);
	const ASN1_OCTET_STRING *v;
	const unsigned char *p, *end, *q, *qe, *r, *re;
	struct der_tlv t, u, g;
	unsigned bad = 0;

	if (e == NULL)
		return 0;
	v = X509_EXTENSION_get_data(e);
	p = ASN1_STRING_get0_data(v);
	end = p + ASN1_STRING_length(v);
	if (!der_next(&p, end, &t) || !t.cons || t.indef)
		return 0;
	q = t.val;
	qe = t.val + t.len;
	while (der_next(&q, qe, &u)) {		/* [0] permitted, [1] excluded */
		if (!u.cons || u.indef)
			return bad;
		r = u.val;
		re = u.val + u.len;
		while (der_next(&r, re, &g)) {	/* GeneralSubtree */
			const unsigned char *s = g.val, *se = g.val + g.len;
			struct der_tlv b;

			if (!g.cons || g.indef || !der_next(&s, se, &b))
				return bad;
			if (b.cls == V_ASN1_CONTEXT_SPECIFIC)
				bad |= b.tag == GEN_X400 ? NC_X400 :
				    b.tag == GEN_EDIPARTY ? NC_EDI :
				    b.tag == GEN_RID ? NC_RID : 0;
			while (der_next(&s, se, &b)) {
				if (b.cls != V_ASN1_CONTEXT_SPECIFIC)
					continue;
				if (b.tag == 0 && !(b.len == 1 &&
				    b.val[0] == 0))
					bad |= NC_MIN;
				if (b.tag == 1)
					bad |= NC_MAX;
			}
		}
	}
	return bad;
}

static void
nc_min(struct lint_ctx *c)
{
	if (nc_defects(c) & NC_MIN)
		lint_find(c, "a name constraint's minimum is not zero");
}

static void
nc_max(struct lint_ctx *c)
{
	if (nc_defects(c) & NC_MAX)
		lint_find(c, "a name constraint has a maximum");
}

static void
nc_x400(struct lint_ctx *c)
{
	if (nc_defects(c) & NC_X400)
		lint_find(c, "a name constraint is on x400Address");
}

static void
nc_edi(struct lint_ctx *c)
{
	if (nc_defects(c) & NC_EDI)
		lint_find(c, "a name constraint is on ediPartyName");
}

static void
nc_rid(struct lint_ctx *c)
{
	if (nc_defects(c) & NC_RID)
		lint_find(c, "a name constraint is on registeredID");
}

const struct lint_rule lint_rfc5280[] = {
	{ "e_serial_number_not_positive", LINT_ERROR, "RFC 5280", "4.1.2.2",
	    "2002-04-01", LK_CERT, serial_not_positive, LR_DER },
	{ "e_serial_number_longer_than_20_octets", LINT_ERROR, "RFC 5280",
	    "4.1.2.2", "2002-04-01", LK_CERT, serial_too_long, LR_DER },
	{ "e_cert_extensions_version_not_3", LINT_ERROR, "RFC 5280",
	    "4.1.2.9", "1999-01-01", LK_CERT, ext_version_not_3, LR_DER },
	{ "e_cert_contains_unique_identifier", LINT_ERROR, "RFC 5280",
	    "4.1.2.8", "2008-05-01", LK_CERT, has_unique_id, LR_DER },
	{ "e_cert_unique_identifier_version_not_2_or_3", LINT_ERROR,
	    "RFC 5280", "4.1.2.8", "2008-05-01", LK_CERT, unique_id_v1, LR_DER },
	{ "e_utc_time_does_not_include_seconds", LINT_ERROR, "RFC 5280",
	    "4.1.2.5.1", "1999-01-01", LK_CERT, utc_no_seconds, LR_DER },
	{ "e_utc_time_not_in_zulu", LINT_ERROR, "RFC 5280", "4.1.2.5.1",
	    "1999-01-01", LK_CERT, utc_not_zulu, LR_DER },
	{ "e_generalized_time_does_not_include_seconds", LINT_ERROR,
	    "RFC 5280", "4.1.2.5.2", "1999-01-01", LK_CERT, gen_no_seconds, LR_DER },
	{ "e_generalized_time_includes_fraction_seconds", LINT_ERROR,
	    "RFC 5280", "4.1.2.5.2", "1999-01-01", LK_CERT, gen_fraction, LR_DER },
	{ "e_generalized_time_not_in_zulu", LINT_ERROR, "RFC 5280",
	    "4.1.2.5.2", "1999-01-01", LK_CERT, gen_not_zulu, LR_DER },
	{ "e_wrong_time_format_pre2050", LINT_ERROR, "RFC 5280", "4.1.2.5",
	    "1999-01-01", LK_CERT, gen_pre2050, LR_DER },
	{ "e_validity_time_not_positive", LINT_ERROR, "RFC 5280", "4.1.2.5",
	    NULL, LK_CERT, validity_not_positive, LR_DER },
	{ "e_issuer_field_empty", LINT_ERROR, "RFC 5280", "4.1.2.4",
	    "1999-01-01", LK_CERT, issuer_empty, LR_DER },
	{ "e_ca_subject_field_empty", LINT_ERROR, "RFC 5280", "4.1.2.6",
	    "1999-01-01", LK_CA, ca_subject_empty, LR_DER },
	{ "e_subject_empty_without_san", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "1999-01-01", LK_CERT, subject_empty_without_san, LR_DER },
	{ "e_ext_san_not_critical_without_subject", LINT_ERROR, "RFC 5280",
	    "4.2.1.6", "1999-01-01", LK_CERT,
	    san_not_critical_without_subject, LR_DER },
	{ "e_ext_duplicate_extension", LINT_ERROR, "RFC 5280", "4.2",
	    "1999-01-01", LK_CERT, duplicate_extension, LR_DER },
	{ "e_ext_cannot_be_empty_sequence", LINT_ERROR, "RFC 5280", "4.2",
	    "1999-01-01", LK_CERT, ext_empty_sequence, LR_DER },
	{ "e_ext_policy_constraints_empty", LINT_ERROR, "RFC 5280",
	    "4.2.1.11", "1999-01-01", LK_CERT, pc_empty, LR_DER },
	{ "e_name_constraint_empty", LINT_ERROR, "RFC 5280", "4.2.1.10",
	    "2008-05-01", LK_CERT, nc_empty, LR_DER },
	{ "e_ext_san_no_entries", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "1999-01-01", LK_CERT, san_no_entries, LR_DER | LR_REQ },
	{ "e_ext_san_empty_name", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "1999-01-01", LK_CERT, san_empty_name, LR_DER | LR_REQ },
	{ "e_ext_ian_no_entries", LINT_ERROR, "RFC 5280", "4.2.1.7",
	    "1999-01-01", LK_CERT, ian_no_entries, LR_DER },
	{ "e_ext_ian_empty_name", LINT_ERROR, "RFC 5280", "4.2.1.7",
	    "1999-01-01", LK_CERT, ian_empty_name, LR_DER },
	{ "e_basic_constraints_not_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.9", "1999-01-01", LK_CA, bc_not_critical, LR_DER },
	{ "w_ext_key_usage_not_critical", LINT_WARNING, "RFC 5280", "4.2.1.3",
	    "1999-01-01", LK_CERT, ku_not_critical, LR_DER },
	{ "e_ext_name_constraints_not_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.10", "1999-01-01", LK_CERT, nc_not_critical, LR_DER },
	{ "e_ext_name_constraints_not_in_ca", LINT_ERROR, "RFC 5280",
	    "4.2.1.10", "1999-01-01", LK_LEAF, nc_not_in_ca, LR_DER },
	{ "e_ext_authority_key_identifier_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.1", "1999-01-01", LK_CERT, aki_critical, LR_DER },
	{ "e_ext_subject_key_identifier_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.2", "1999-01-01", LK_CERT, ski_critical, LR_DER },
	{ "e_ext_aia_marked_critical", LINT_ERROR, "RFC 5280", "4.2.2.1",
	    "1999-01-01", LK_CERT, aia_critical, LR_DER },
	{ "e_subject_info_access_marked_critical", LINT_ERROR, "RFC 5280",
	    "4.2.2.2", "2002-04-01", LK_CERT, sia_critical, LR_DER },
	{ "e_ext_freshest_crl_marked_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.15", "2002-04-01", LK_CERT, freshest_critical, LR_DER },
	{ "e_ext_subject_directory_attr_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.8", "1999-01-01", LK_CERT, sda_critical, LR_DER },
	{ "e_ext_policy_constraints_not_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.11", "2008-05-01", LK_CERT, pc_not_critical, LR_DER },
	{ "e_inhibit_any_policy_not_critical", LINT_ERROR, "RFC 5280",
	    "4.2.1.14", "2002-04-01", LK_CERT, iap_not_critical, LR_DER },
	{ "w_ext_policy_map_not_critical", LINT_WARNING, "RFC 5280",
	    "4.2.1.5", "1999-01-01", LK_CERT, pm_not_critical, LR_DER },
	{ "w_ext_crl_distribution_marked_critical", LINT_WARNING, "RFC 5280",
	    "4.2.1.13", "1999-01-01", LK_CERT, cdp_critical, LR_DER },
	{ "w_ext_ian_critical", LINT_WARNING, "RFC 5280", "4.2.1.7",
	    "1999-01-01", LK_CERT, ian_critical, LR_DER },
	{ "w_eku_critical_improperly", LINT_WARNING, "RFC 5280", "4.2.1.12",
	    "2002-04-01", LK_CERT, eku_critical_any, LR_DER },
	{ "e_ext_subject_key_identifier_missing_ca", LINT_ERROR, "RFC 5280",
	    "4.2.1.2", "1999-01-01", LK_CA, ski_missing_ca, LR_DER },
	{ "w_ext_subject_key_identifier_missing_sub_cert", LINT_WARNING,
	    "RFC 5280", "4.2.1.2", "1999-01-01", LK_LEAF, ski_missing_leaf, LR_DER },
	{ "e_ext_authority_key_identifier_missing", LINT_ERROR, "RFC 5280",
	    "4.2.1.1", "1999-01-01", LK_CERT, aki_missing, LR_DER },
	{ "e_ext_authority_key_identifier_no_key_identifier", LINT_ERROR,
	    "RFC 5280", "4.2.1.1", "1999-01-01", LK_CERT, aki_no_keyid, LR_DER },
	{ "e_ext_key_usage_without_bits", LINT_ERROR, "RFC 5280", "4.2.1.3",
	    "2008-05-01", LK_CERT, ku_without_bits, LR_DER },
	{ "e_ext_key_usage_cert_sign_without_ca", LINT_ERROR, "RFC 5280",
	    "4.2.1.3", "2002-04-01", LK_CERT, ku_cert_sign_without_ca, LR_DER },
	{ "e_superfluous_ku_encoding", LINT_ERROR, "X.690", "11.2.2", NULL,
	    LK_CERT, ku_superfluous, LR_DER },
	{ "e_incorrect_ku_encoding", LINT_ERROR, "X.690", "11.2.2", NULL,
	    LK_CERT, ku_incorrect, LR_DER },
	{ "e_rsa_allowed_ku_ee", LINT_ERROR, "RFC 3279", "2.3.1",
	    "2002-04-01", LK_LEAF, rsa_ku_ee, LR_DER | LR_REQ },
	{ "e_rsa_allowed_ku_ca", LINT_ERROR, "RFC 3279", "2.3.1",
	    "2002-04-01", LK_CA, rsa_ku_ca, LR_DER },
	{ "e_rsa_allowed_ku_no_encipherment_ca", LINT_WARNING, "RFC 3279",
	    "2.3.1", "2002-04-01", LK_CA, rsa_ku_no_encipherment_ca, LR_DER },
	{ "e_ecdsa_allowed_ku", LINT_ERROR, "RFC 8813", "3", "2020-08-01",
	    LK_CERT, ecdsa_allowed_ku, LR_DER | LR_REQ },
	{ "n_ecdsa_ee_invalid_ku", LINT_NOTICE, "RFC 5480", "3",
	    "2012-07-01", LK_LEAF, ecdsa_ee_ku, LR_DER | LR_REQ },
	{ "e_cert_sig_alg_not_match_tbs_sig_alg", LINT_ERROR, "RFC 5280",
	    "4.1.1.2", "2008-05-01", LK_CERT, sig_alg_mismatch, LR_DER },
	{ "e_spki_rsa_encryption_parameter_not_null", LINT_ERROR, "RFC 4055",
	    "1.2", "2008-05-01", LK_CERT, spki_rsa_params, LR_DER | LR_REQ },
	{ "e_tbs_signature_rsa_encryption_parameter_not_null", LINT_ERROR,
	    "RFC 4055", "5", "2008-05-01", LK_CERT, tbs_sig_rsa_params,
	    LR_DER },
	{ "e_path_len_constraint_zero_or_less", LINT_ERROR, "RFC 5280",
	    "4.2.1.9", "1999-01-01", LK_CERT, pathlen_negative, LR_DER },
	{ "e_path_len_constraint_improperly_included", LINT_ERROR,
	    "RFC 5280", "4.2.1.9", "2002-04-01", LK_CERT, pathlen_improper,
	    LR_DER },
	{ "e_ext_cert_policy_duplicate", LINT_ERROR, "RFC 5280", "4.2.1.4",
	    "2008-05-01", LK_CERT, policy_duplicate, LR_DER },
	{ "e_ext_policy_map_any_policy", LINT_ERROR, "RFC 5280", "4.2.1.5",
	    "2002-04-01", LK_CERT, policy_map_any, LR_DER },
	{ "w_ext_policy_map_not_in_cert_policy", LINT_WARNING, "RFC 5280",
	    "4.2.1.5", "2002-04-01", LK_CERT, policy_map_not_in_policies,
	    LR_DER },
	{ "e_distribution_point_incomplete", LINT_ERROR, "RFC 5280",
	    "4.2.1.13", "2002-04-01", LK_CERT, dp_incomplete, LR_DER },
	{ "w_distribution_point_missing_ldap_or_uri", LINT_WARNING,
	    "RFC 5280", "4.2.1.13", "2008-05-01", LK_CERT, dp_no_uri,
	    LR_DER },
	{ "e_name_constraint_minimum_non_zero", LINT_ERROR, "RFC 5280",
	    "4.2.1.10", "1999-01-01", LK_CERT, nc_min, LR_DER },
	{ "e_name_constraint_maximum_not_absent", LINT_ERROR, "RFC 5280",
	    "4.2.1.10", "1999-01-01", LK_CERT, nc_max, LR_DER },
	{ "w_name_constraint_on_x400", LINT_WARNING, "RFC 5280", "4.2.1.10",
	    "2008-05-01", LK_CERT, nc_x400, LR_DER },
	{ "w_name_constraint_on_edi_party_name", LINT_WARNING, "RFC 5280",
	    "4.2.1.10", "2008-05-01", LK_CERT, nc_edi, LR_DER },
	{ "w_name_constraint_on_registered_id", LINT_WARNING, "RFC 5280",
	    "4.2.1.10", "2008-05-01", LK_CERT, nc_rid, LR_DER },
	{ NULL, 0, NULL, NULL, NULL, 0, NULL, 0 }
};
