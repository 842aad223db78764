/*
 * rfc5280b.c: more RFC 5280 rules for certificates and CRLs (engine.h):
 * the syntax of subjectAltName and issuerAltName names (URIs, rfc822
 * names, DNS names), the upper bounds and string types of subject
 * attributes (Appendix A), certificate policies' explicitText (RFC
 * 6818), key usage against extended key usage, name constraints' URIs,
 * AIA locations and the DER of extensions, each under zlint's name for
 * the same rule.
 *
 * zlint lints of this group left out, and why:
 *  e_subject_not_dn: a subject that is not a Name does not decode;
 *	cert-lint reports the certificate as unreadable (exit 2).
 *  w_ext_cert_policy_explicit_text_not_nfc: needs Unicode normalization
 *	tables; libidn2's API has none for text other than DNS labels.
 *
 * Where zlint and the cited text differ, the text wins (and
 * tests/lint-expect.except lists the zlint rows that differ).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <idn2.h>

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/dnsname.h"
#include "lint/engine.h"

/* ---- helpers ---- */

/* The count of characters (code points) of UTF-8 p[0..n). */
static size_t
u8len(const unsigned char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			k++;
	return k;
}

/* Does UTF-8 p[0..n) hold a C0 or C1 control character (or DEL)? */
static int
has_control(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return 1;
		/* U+0080..U+009F is C2 80 .. C2 9F */
		if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

static int
all_ascii(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return 0;
	return 1;
}

static int
alpha(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int
digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

/*
 * Is p[0..n) a domain name of LDH labels (RFC 1034 3.5, RFC 1123 2.1:
 * letters, digits, hyphens inside), of two labels at least (fully
 * qualified), each of 1 to 63 octets, 253 in all?
 */
static int
fqdn(const unsigned char *p, size_t n)
{
	size_t i, lab = 0, nlab = 1;

	if (n == 0 || n > 253)
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] == '.') {
			if (lab == 0 || p[i - 1] == '-')
				return 0;
			lab = 0;
			nlab++;
			continue;
		}
		if (!alpha(p[i]) && !digit(p[i]) && p[i] != '-')
			return 0;
		if (p[i] == '-' && lab == 0)
			return 0;
		if (++lab > 63)
			return 0;
	}
	return lab > 0 && p[n - 1] != '-' && nlab >= 2;
}

/* Is p[0..n) an IPv4 address in dotted decimal (RFC 3986 3.2.2)? */
static int
ipv4(const unsigned char *p, size_t n)
{
	size_t i;
	int parts = 1, v = 0, nd = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '.') {
			if (nd == 0)
				return 0;
			parts++;
			v = nd = 0;
		} else if (digit(p[i]) && nd < 3) {
			v = v * 10 + p[i] - '0';
			nd++;
			if (v > 255)
				return 0;
		} else
			return 0;
	}
	return parts == 4 && nd > 0;
}

/* Each name of type type of c's extension nid (SAN, IAN) to fn with
 * its octets. */
typedef void (*gen_fn)(struct lint_ctx *, const unsigned char *, size_t);

static void
each_name(struct lint_ctx *c, int nid, int type, gen_fn fn)
{
	X509_EXTENSION *e = lint_ext(c, nid);
	GENERAL_NAMES *gn;
	GENERAL_NAME *g;
	ASN1_STRING *s;
	int i;

	if (e == NULL || (gn = X509V3_EXT_d2i(e)) == NULL)
		return;
	for (i = 0; i < sk_GENERAL_NAME_num(gn); i++) {
		g = sk_GENERAL_NAME_value(gn, i);
		if (g->type != type)
			continue;
		s = g->d.ia5;
		fn(c, ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
	}
	GENERAL_NAMES_free(gn);
}

/* The extension's name for messages. */
static const char *
which(const struct lint_ctx *c)
{
	return strstr(c->cur->id, "_ian_") != NULL ? "issuerAltName" :
	    "subjectAltName";
}

static int
ext_nid(const struct lint_ctx *c)
{
	return strstr(c->cur->id, "_ian_") != NULL ? NID_issuer_alt_name :
	    NID_subject_alt_name;
}

/* ---- URIs: RFC 5280 4.2.1.6 (4.2.1.7 for issuerAltName) ---- */

/*
 * "The name MUST NOT be a relative URI, and it MUST follow the URI
 * syntax and encoding rules specified in [RFC3986].  The name MUST
 * include both a scheme (e.g., "http" or "ftp") and a scheme-specific-
 * part."  The length of the scheme (RFC 3986 3.1: ALPHA *( ALPHA /
 * DIGIT / "+" / "-" / "." ) ":"), or 0 for none.
 */
static size_t
uri_scheme(const unsigned char *p, size_t n)
{
	size_t i;

	if (n == 0 || !alpha(p[0]))
		return 0;
	for (i = 1; i < n; i++) {
		if (p[i] == ':')
			return i;
		if (!alpha(p[i]) && !digit(p[i]) && p[i] != '+' &&
		    p[i] != '-' && p[i] != '.')
			return 0;
	}
	return 0;
}

/* RFC 3986 2: the characters a URI is written in (unreserved, reserved
 * and "%" of a pct-encoded octet, with its two hex digits). */
static int
uri_chars(const unsigned char *p, size_t n)
{
	static const char ok[] = "-._~:/?#[]@!$&'()*+,;=";
	size_t i;

	for (i = 0; i < n; i++) {
		if (alpha(p[i]) || digit(p[i]) || (p[i] != '\0' &&
		    strchr(ok, p[i]) != NULL))
			continue;
		if (p[i] == '%' && i + 2 < n && OPENSSL_hexchar2int(p[i + 1])
		    >= 0 && OPENSSL_hexchar2int(p[i + 2]) >= 0) {
			i += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

static void
uri_format_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];
	size_t s = uri_scheme(p, n);

	if (s == 0)
		lint_find(c, "the %s URI \"%s\" has no scheme", which(c),
		    LINT_SHOW(buf, p, n));
	else if (s + 1 == n || (s + 3 == n &&
	    memcmp(p + s, "://", 3) == 0))
		lint_find(c, "the %s URI \"%s\" has no scheme-specific part",
		    which(c), LINT_SHOW(buf, p, n));
	else if (!uri_chars(p, n))
		lint_find(c, "the %s URI \"%s\" has a character a URI does "
		    "not hold (RFC 3986 2)", which(c), LINT_SHOW(buf, p, n));
}

static void
uri_format(struct lint_ctx *c)
{
	each_name(c, ext_nid(c), GEN_URI, uri_format_one);
}

static void
uri_relative_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (uri_scheme(p, n) == 0)
		lint_find(c, "the %s URI \"%s\" is a relative reference",
		    which(c), LINT_SHOW(buf, p, n));
}

static void
uri_relative(struct lint_ctx *c)
{
	each_name(c, ext_nid(c), GEN_URI, uri_relative_one);
}

/* RFC 5280 4.2.1.6 (IA5String): "...the URI MUST be encoded as an
 * IA5String", ASCII only (RFC 3987's IRIs are mapped to URIs first). */
static void
uri_ia5_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (!all_ascii(p, n))
		lint_find(c, "the %s URI \"%s\" has octets outside IA5 "
		    "(ASCII)", which(c), LINT_SHOW(buf, p, n));
}

static void
uri_ia5(struct lint_ctx *c)
{
	each_name(c, ext_nid(c), GEN_URI, uri_ia5_one);
}

/* RFC 5280 4.2.1.6: "Where the URI includes an authority ([RFC3986],
 * Section 3.2), the authority MUST include a fully qualified domain
 * name or IP address as the host."  A "*" label is no part of a domain
 * name (zlint takes "*." at the left). */
static void
uri_host_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];
	const unsigned char *h, *e, *at;
	size_t s = uri_scheme(p, n), hn;

	if (s == 0 || n < s + 3 || memcmp(p + s, "://", 3) != 0)
		return;
	h = p + s + 3;
	for (e = h; e < p + n && *e != '/' && *e != '?' && *e != '#'; e++)
		;
	/* userinfo "@" host ":" port */
	for (at = e; at > h && at[-1] != '@'; at--)
		;
	h = at;
	if (h < e && *h == '[') {
		/* IP-literal: IPv6address or IPvFuture */
		if (memchr(h, ']', (size_t)(e - h)) != NULL)
			return;
		hn = (size_t)(e - h);
	} else {
		const unsigned char *colon = memchr(h, ':', (size_t)(e - h));

		hn = (size_t)((colon != NULL ? colon : e) - h);
	}
	if (!fqdn(h, hn) && !ipv4(h, hn))
		lint_find(c, "the %s URI \"%s\" has a host that is neither "
		    "a fully qualified domain name nor an IP address",
		    which(c), LINT_SHOW(buf, p, n));
}

static void
uri_host(struct lint_ctx *c)
{
	each_name(c, ext_nid(c), GEN_URI, uri_host_one);
}

/* ---- rfc822Name: RFC 5280 4.2.1.6, a Mailbox of RFC 2821 4.1.2 ---- */

/* RFC 2821 4.1.2 atext (RFC 2822 3.2.4). */
static int
atext(int ch)
{
	return alpha(ch) || digit(ch) || (ch != '\0' &&
	    strchr("!#$%&'*+-/=?^_`{|}~", ch) != NULL);
}

/* Mailbox = Local-part "@" Domain; Local-part = Dot-string /
 * Quoted-string; Domain = sub-domain 1*("." sub-domain) /
 * address-literal. */
static int
mailbox(const unsigned char *p, size_t n)
{
	const unsigned char *at = NULL;
	size_t i, ln;

	for (i = n; i > 0; i--)
		if (p[i - 1] == '@') {
			at = p + i - 1;
			break;
		}
	if (at == NULL || at == p)
		return 0;
	ln = (size_t)(at - p);
	if (p[0] == '"') {
		if (ln < 2 || p[ln - 1] != '"')
			return 0;
		for (i = 1; i + 1 < ln; i++)
			if (p[i] < 0x20 || p[i] >= 0x7f || (p[i] == '"' &&
			    p[i - 1] != '\\'))
				return 0;
	} else
		for (i = 0; i < ln; i++)
			if (!atext(p[i]) && !(p[i] == '.' && i > 0 &&
			    i + 1 < ln && p[i - 1] != '.'))
				return 0;
	p = at + 1;
	n -= ln + 1;
	if (n > 2 && p[0] == '[' && p[n - 1] == ']')
		return 1;
	return fqdn(p, n);
}

static void
rfc822_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (!mailbox(p, n))
		lint_find(c, "the %s rfc822Name \"%s\" is not a mailbox "
		    "(local-part@domain, RFC 2821 4.1.2)", which(c),
		    LINT_SHOW(buf, p, n));
}

static void
rfc822_format(struct lint_ctx *c)
{
	each_name(c, ext_nid(c), GEN_EMAIL, rfc822_one);
}

/* ---- dNSName: RFC 5280 4.2.1.6 ---- */

static void
dns_ia5_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (!all_ascii(p, n))
		lint_find(c, "the %s dNSName \"%s\" has octets outside IA5 "
		    "(ASCII)", which(c), LINT_SHOW(buf, p, n));
}

static void
dns_ia5(struct lint_ctx *c)
{
	each_name(c, ext_nid(c), GEN_DNS, dns_ia5_one);
}

/* "subjectAltName extensions with a dNSName of " " MUST NOT be used" */
static void
dns_space_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	if (n == 1 && p[0] == ' ')
		lint_find(c, "the %s has a dNSName of \" \"", which(c));
}

static void
dns_space(struct lint_ctx *c)
{
	each_name(c, ext_nid(c), GEN_DNS, dns_space_one);
}

/* 4.2.1.6: the dNSName is in the "preferred name syntax" of RFC 1034
 * 3.5; RFC 1035 2.3.4 bounds a name at 255 octets on the wire, 253
 * characters in text. */
static void
dns_long_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (n > 253)
		lint_find(c, "the dNSName \"%s\" is %zu characters long, more "
		    "than 253", LINT_SHOW(buf, p, n), n);
}

static void
dns_long(struct lint_ctx *c)
{
	each_name(c, NID_subject_alt_name, GEN_DNS, dns_long_one);
}

/* RFC 5280 7.2, RFC 3490 (5891): an A-label ("xn--") is the ASCII form
 * of a Unicode label; one that does not decode (Punycode, RFC 3492) is
 * none. */
static void
idn_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160], lab[256], *u;
	size_t i, s = 0, ln;

	for (i = 0; i <= n; i++) {
		if (i < n && p[i] != '.')
			continue;
		ln = i - s;
		if (ln >= 4 && ln < sizeof(lab) &&
		    OPENSSL_strncasecmp((const char *)p + s, "xn--", 4) == 0 &&
		    memchr(p + s, '\0', ln) == NULL) {
			memcpy(lab, p + s, ln);
			lab[ln] = '\0';
			u = NULL;
			if (idn2_to_unicode_8z8z(lab, &u, 0) != IDN2_OK) {
				lint_find(c, "the dNSName \"%s\" has an "
				    "A-label that is not Punycode of a "
				    "Unicode label", LINT_SHOW(buf, p, n));
				idn2_free(u);
				return;
			}
			idn2_free(u);
		}
		s = i + 1;
	}
}

static void
idn_not_unicode(struct lint_ctx *c)
{
	each_name(c, NID_subject_alt_name, GEN_DNS, idn_one);
}

/* RFC 5280 4.2.1.6: a dNSName "MUST be in the "preferred name syntax",
 * as specified by Section 3.5 of [RFC1034] and as modified by Section
 * 2.1 of [RFC1123]": labels of letters, digits and hyphens inside, of
 * 1 to 63 octets (RFC 1035 2.3.4), in the SAN of any certificate. */
static void
rfc_empty_label(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, lint_dns_empty_label);
}

static void
rfc_label_long(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, lint_dns_label_long);
}

static void
rfc_hyphen_sld(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, lint_dns_hyphen_sld);
}

static void
rfc_us_sld(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, lint_dns_us_sld);
}

static void
rfc_us_trd(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, lint_dns_us_trd);
}

/* ---- subject and issuer attributes: RFC 5280 Appendix A ---- */

/*
 * The upper bounds, in characters.  RFC 5280 A.1: ub-common-name 64,
 * ub-emailaddress-length 255, ub-name 32768 (givenName, surname),
 * ub-locality-name 128, ub-organization-name 64,
 * ub-organizational-unit-name 64, ub-state-name 128, ub-serial-number
 * 64, ub-postal-code-length 16 (of X.400's ORAddress, zlint's
 * reading for the X.520 attribute); X.520 UpperBounds: ub-street-address
 * 128.  The recommended bounds, X.411 Annex B (and RFC 5280 A.1):
 * ub-given-name-length 16, ub-surname-length 40.
 */
static void
attr_max(struct lint_ctx *c, int nid, const char *what, size_t max)
{
	X509_NAME *nm = c->t.subject;
	X509_NAME_ENTRY *ne;
	unsigned char *u;
	int i = -1, n;
	size_t k;

	while ((i = X509_NAME_get_index_by_NID(nm, nid, i)) >= 0) {
		ne = X509_NAME_get_entry(nm, i);
		if ((n = ASN1_STRING_to_UTF8(&u,
		    X509_NAME_ENTRY_get_data(ne))) < 0)
			continue;
		k = u8len(u, (size_t)n);
		OPENSSL_free(u);
		if (k > max)
			lint_find(c, "the subject's %s is %zu characters long, "
			    "more than %zu", what, k, max);
	}
}

#define ATTR_MAX(fn, nid, what, max)					\
static void								\
fn(struct lint_ctx *c)							\
{									\
	attr_max(c, nid, what, max);					\
}

ATTR_MAX(cn_max, NID_commonName, "commonName", 64)
ATTR_MAX(email_max, NID_pkcs9_emailAddress, "emailAddress", 255)
ATTR_MAX(gn_max, NID_givenName, "givenName", 32768)
ATTR_MAX(gn_rec, NID_givenName, "givenName", 16)
ATTR_MAX(sn_max, NID_surname, "surname", 32768)
ATTR_MAX(sn_rec, NID_surname, "surname", 40)
ATTR_MAX(l_max, NID_localityName, "localityName", 128)
ATTR_MAX(o_max, NID_organizationName, "organizationName", 64)
ATTR_MAX(ou_max, NID_organizationalUnitName, "organizationalUnitName",
    64)
ATTR_MAX(pc_max, NID_postalCode, "postalCode", 16)
ATTR_MAX(st_max, NID_stateOrProvinceName, "stateOrProvinceName", 128)
ATTR_MAX(street_max, NID_streetAddress, "streetAddress", 128)
ATTR_MAX(serial_max, NID_serialNumber, "serialNumber", 64)

/* Appendix A: X520countryName ::= PrintableString (SIZE (2)),
 * X520SerialNumber ::= PrintableString (SIZE (1..ub-serial-number)). */
static void
attr_printable(struct lint_ctx *c, X509_NAME *nm, const char *name,
    int nid, const char *what)
{
	int i = -1;

	while ((i = X509_NAME_get_index_by_NID(nm, nid, i)) >= 0)
		if (ASN1_STRING_type(X509_NAME_ENTRY_get_data(
		    X509_NAME_get_entry(nm, i))) != V_ASN1_PRINTABLESTRING)
			lint_find(c, "the %s's %s is not a PrintableString",
			    name, what);
}

static void
subj_c_printable(struct lint_ctx *c)
{
	attr_printable(c, c->t.subject, "subject", NID_countryName,
	    "countryName");
}

static void
iss_c_printable(struct lint_ctx *c)
{
	attr_printable(c, c->t.issuer, "issuer", NID_countryName,
	    "countryName");
}

static void
serial_printable(struct lint_ctx *c)
{
	attr_printable(c, c->t.subject, "subject", NID_serialNumber,
	    "serialNumber");
}

/* Appendix B: PrintableString is A-Z a-z 0-9 space ' ( ) + , - . / : =
 * ? only (X.680 41.4). */
static void
printable_badalpha(struct lint_ctx *c)
{
	static const char ok[] = " '()+,-./:=?";
	X509_NAME *nm = c->t.subject;
	const ASN1_STRING *s;
	const unsigned char *p;
	int i, j, n;

	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i));
		if (ASN1_STRING_type(s) != V_ASN1_PRINTABLESTRING)
			continue;
		p = ASN1_STRING_get0_data(s);
		n = ASN1_STRING_length(s);
		for (j = 0; j < n; j++)
			if (!alpha(p[j]) && !digit(p[j]) && (p[j] == '\0' ||
			    strchr(ok, p[j]) == NULL)) {
				lint_find(c, "a PrintableString of the subject "
				    "has the character 0x%02x, outside its "
				    "alphabet", p[j]);
				return;
			}
	}
}

/* Appendix A: the DirectoryString attributes are text; X.520's
 * character strings hold no control characters (zlint: printable
 * characters only). */
static void
not_printable_chars(struct lint_ctx *c)
{
	X509_NAME *nm = c->t.subject;
	unsigned char *u;
	int i, n;

	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		if ((n = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(
		    X509_NAME_get_entry(nm, i)))) < 0)
			continue;
		if (has_control(u, (size_t)n)) {
			OPENSSL_free(u);
			lint_find(c, "an attribute of the subject has a "
			    "control character");
			return;
		}
		OPENSSL_free(u);
	}
}

/* RFC 5280 4.1.2.6: "conforming implementations generating new
 * certificates with electronic mail addresses MUST use the rfc822Name
 * in the subject alternative name extension (Section 4.2.1.6) to
 * describe such identities."  Each emailAddress of the subject is one
 * of the SAN's rfc822Names. */
static void
email_not_in_san(struct lint_ctx *c)
{
	X509_NAME *nm = c->t.subject;
	X509_EXTENSION *e;
	GENERAL_NAMES *gn = NULL;
	GENERAL_NAME *g;
	const ASN1_STRING *s, *m;
	char buf[160];
	int i = -1, j, found;

	while ((i = X509_NAME_get_index_by_NID(nm, NID_pkcs9_emailAddress,
	    i)) >= 0) {
		s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i));
		if (gn == NULL && (e = lint_ext(c, NID_subject_alt_name)) !=
		    NULL)
			gn = X509V3_EXT_d2i(e);
		for (j = found = 0; j < sk_GENERAL_NAME_num(gn) && !found;
		    j++) {
			g = sk_GENERAL_NAME_value(gn, j);
			if (g->type != GEN_EMAIL)
				continue;
			m = g->d.rfc822Name;
			found = ASN1_STRING_length(m) == ASN1_STRING_length(s) &&
			    OPENSSL_strncasecmp((const char *)
			    ASN1_STRING_get0_data(m), (const char *)
			    ASN1_STRING_get0_data(s),
			    (size_t)ASN1_STRING_length(s)) == 0;
		}
		if (!found)
			lint_find(c, "the subject's emailAddress \"%s\" is not "
			    "an rfc822Name of the subjectAltName",
			    LINT_SHOW(buf, ASN1_STRING_get0_data(s),
			    (size_t)ASN1_STRING_length(s)));
	}
	GENERAL_NAMES_free(gn);
}

/* ---- certificate policies: RFC 5280 4.2.1.4, RFC 6818 3 ---- */

/*
 * Each user notice of the certificatePolicies extension to fn: its
 * explicitText (NULL when absent) and whether it has a noticeRef.  Read
 * in the DER (PolicyInformation, PolicyQualifierInfo, UserNotice of
 * 4.2.1.4) rather than by OpenSSL's decoder, which refuses the whole
 * extension for one malformed noticeRef, the very thing these rules
 * judge.
 */
typedef void (*notice_fn)(struct lint_ctx *, const ASN1_STRING *, int);

/* The next TLV of p[0..end): its tag, class and content; 0 at the end
 * or on a malformed one. */
static int
tlv(const unsigned char **p, const unsigned char *end, int *tag, int *cls,
    const unsigned char **body, long *len)
{
	const unsigned char *q = *p;

	if (q >= end || ASN1_get_object(&q, len, tag, cls, end - q) & 0x80)
		return 0;
	*body = q;
	*p = q + *len;
	return 1;
}

static void
each_notice(struct lint_ctx *c, notice_fn fn)
{
	static const unsigned char unotice[] = { 0x2b, 6, 1, 5, 5, 7, 2, 2 };
	X509_EXTENSION *e = lint_ext(c, NID_certificate_policies);
	const unsigned char *p, *end, *pi, *pe, *q, *qe, *b, *u, *ue;
	ASN1_STRING *text;
	long len;
	int tag, cls, ref;

	if (e == NULL)
		return;
	p = ASN1_STRING_get0_data(X509_EXTENSION_get_data(e));
	end = p + ASN1_STRING_length(X509_EXTENSION_get_data(e));
	if (!tlv(&p, end, &tag, &cls, &b, &len) || tag != V_ASN1_SEQUENCE)
		return;
	end = b + len;
	for (p = b; tlv(&p, end, &tag, &cls, &pi, &len);) {
		pe = pi + len;
		/* policyIdentifier, policyQualifiers */
		if (!tlv(&pi, pe, &tag, &cls, &b, &len) ||
		    !tlv(&pi, pe, &tag, &cls, &q, &len) ||
		    tag != V_ASN1_SEQUENCE)
			continue;
		for (qe = q + len; tlv(&q, qe, &tag, &cls, &u, &len);) {
			ue = u + len;
			if (!tlv(&u, ue, &tag, &cls, &b, &len) ||
			    tag != V_ASN1_OBJECT || len != sizeof(unotice) ||
			    memcmp(b, unotice, sizeof(unotice)) != 0 ||
			    !tlv(&u, ue, &tag, &cls, &b, &len) ||
			    tag != V_ASN1_SEQUENCE)
				continue;
			/* UserNotice: noticeRef?, explicitText? */
			ue = b + len;
			ref = 0;
			text = NULL;
			for (u = b; tlv(&u, ue, &tag, &cls, &b, &len);) {
				if (cls != V_ASN1_UNIVERSAL)
					continue;
				if (tag == V_ASN1_SEQUENCE)
					ref = 1;
				else if (text == NULL && (tag ==
				    V_ASN1_UTF8STRING || tag == V_ASN1_IA5STRING ||
				    tag == V_ASN1_VISIBLESTRING ||
				    tag == V_ASN1_BMPSTRING) &&
				    (text = ASN1_STRING_type_new(tag)) != NULL)
					ASN1_STRING_set(text, b, (int)len);
			}
			fn(c, text, ref);
			ASN1_STRING_free(text);
		}
	}
}

/* "When qualifiers are used with the special policy anyPolicy, they
 * MUST be limited to the qualifiers identified in this section": the
 * CPS pointer and the user notice. */
static void
any_policy_qualifier(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_certificate_policies);
	CERTIFICATEPOLICIES *cp;
	POLICYINFO *pi;
	POLICYQUALINFO *q;
	char buf[80];
	int i, j, nid;

	if (e == NULL || (cp = X509V3_EXT_d2i(e)) == NULL)
		return;
	for (i = 0; i < sk_POLICYINFO_num(cp); i++) {
		pi = sk_POLICYINFO_value(cp, i);
		if (OBJ_obj2nid(pi->policyid) != NID_any_policy)
			continue;
		for (j = 0; j < sk_POLICYQUALINFO_num(pi->qualifiers); j++) {
			q = sk_POLICYQUALINFO_value(pi->qualifiers, j);
			nid = OBJ_obj2nid(q->pqualid);
			if (nid == NID_id_qt_cps || nid == NID_id_qt_unotice)
				continue;
			OBJ_obj2txt(buf, sizeof(buf), q->pqualid, 1);
			lint_find(c, "anyPolicy has the qualifier %s, neither "
			    "a CPS pointer nor a user notice", buf);
		}
	}
	CERTIFICATEPOLICIES_free(cp);
}

static void
et_ia5_one(struct lint_ctx *c, const ASN1_STRING *et, int ref)
{
	(void)ref;
	if (et != NULL &&
	    ASN1_STRING_type(et) == V_ASN1_IA5STRING)
		lint_find(c, "a user notice's explicitText is an IA5String");
}

/* RFC 6818 3: "Conforming CAs MUST NOT encode explicitText as
 * IA5String." */
static void
et_ia5(struct lint_ctx *c)
{
	each_notice(c, et_ia5_one);
}

static void
et_long_one(struct lint_ctx *c, const ASN1_STRING *et, int ref)
{
	unsigned char *u;
	size_t k;
	int n;

	(void)ref;
	if (et == NULL ||
	    (n = ASN1_STRING_to_UTF8(&u, et)) < 0)
		return;
	k = u8len(u, (size_t)n);
	OPENSSL_free(u);
	if (k > 200)
		lint_find(c, "a user notice's explicitText is %zu characters "
		    "long, more than 200", k);
}

/* RFC 5280 4.2.1.4: DisplayText ... (SIZE (1..200)); "the explicitText
 * has a maximum size of 200 characters" (RFC 6818 3). */
static void
et_long(struct lint_ctx *c)
{
	each_notice(c, et_long_one);
}

static void
et_control_one(struct lint_ctx *c, const ASN1_STRING *et, int ref)
{
	unsigned char *u;
	int n, bad;

	(void)ref;
	if (et == NULL ||
	    (n = ASN1_STRING_to_UTF8(&u, et)) < 0)
		return;
	bad = has_control(u, (size_t)n);
	OPENSSL_free(u);
	if (bad)
		lint_find(c, "a user notice's explicitText has a control "
		    "character");
}

/* RFC 6818 3: "The explicitText string SHOULD NOT include any control
 * characters (e.g., U+0000 to U+001F and U+007F to U+009F)." */
static void
et_control(struct lint_ctx *c)
{
	each_notice(c, et_control_one);
}

static void
et_utf8_one(struct lint_ctx *c, const ASN1_STRING *et, int ref)
{
	(void)ref;
	if (et != NULL &&
	    ASN1_STRING_type(et) != V_ASN1_UTF8STRING)
		lint_find(c, "a user notice's explicitText is not a "
		    "UTF8String");
}

/* RFC 6818 3: "Conforming CAs SHOULD use the UTF8String encoding for
 * explicitText." */
static void
et_utf8(struct lint_ctx *c)
{
	each_notice(c, et_utf8_one);
}

static void
noticeref_one(struct lint_ctx *c, const ASN1_STRING *et, int ref)
{
	(void)et;
	if (ref)
		lint_find(c, "a user notice has a noticeRef");
}

/* RFC 5280 4.2.1.4: "Conforming CAs SHOULD NOT use the noticeRef
 * option." */
static void
noticeref(struct lint_ctx *c)
{
	each_notice(c, noticeref_one);
}

/* ---- key usage, extended key usage ---- */

/*
 * RFC 5280 4.2.1.12: a certificate with both extensions "MUST only be
 * used for a purpose consistent with both extensions".  The key usage
 * bits each purpose of 4.2.1.12 names as consistent; a key usage bit
 * that none of the certificate's purposes takes, or none that any
 * takes, is inconsistent.  Judged where every purpose is one of those
 * (another purpose may take any bit), on subscriber certificates (a
 * CA's keyCertSign is for its own role).
 */
#define KU_DS	KU_DIGITAL_SIGNATURE
#define KU_NR	KU_NON_REPUDIATION
#define KU_KA	(KU_KEY_AGREEMENT | KU_ENCIPHER_ONLY | KU_DECIPHER_ONLY)

static void
ku_eku(struct lint_ctx *c)
{
	static const struct {
		int		 nid;
		uint32_t	 ku;
	} purp[] = {
		{ NID_server_auth, KU_DS | KU_KEY_ENCIPHERMENT | KU_KA },
		{ NID_client_auth, KU_DS | KU_KA },
		{ NID_code_sign, KU_DS },
		{ NID_email_protect, KU_DS | KU_NR | KU_KEY_ENCIPHERMENT |
		    KU_KA },
		{ NID_time_stamp, KU_DS | KU_NR },
		{ NID_OCSP_sign, KU_DS | KU_NR },
	};
	X509_EXTENSION *e;
	EXTENDED_KEY_USAGE *eku;
	uint32_t ok = 0;
	size_t k;
	int i, nid, known = 1;

	if (!c->has_ku || c->ku == 0 ||
	    (e = lint_ext(c, NID_ext_key_usage)) == NULL ||
	    (eku = X509V3_EXT_d2i(e)) == NULL)
		return;
	for (i = 0; i < sk_ASN1_OBJECT_num(eku) && known; i++) {
		nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i));
		for (k = 0; k < sizeof(purp) / sizeof(purp[0]); k++)
			if (purp[k].nid == nid)
				break;
		if (k == sizeof(purp) / sizeof(purp[0]))
			known = 0;
		else
			ok |= purp[k].ku;
	}
	if (known && sk_ASN1_OBJECT_num(eku) > 0 &&
	    ((c->ku & ~ok) != 0 || (c->ku & ok) == 0))
		lint_find(c, "the key usage has a bit (0x%x) that no purpose "
		    "of the extended key usage is consistent with",
		    (unsigned)((c->ku & ~ok) ? c->ku & ~ok : c->ku));
	EXTENDED_KEY_USAGE_free(eku);
}

/* RFC 5280 4.2.1.3: KeyUsage ::= BIT STRING { digitalSignature (0),
 * ..., decipherOnly (8) }: nine named bits, so at most two octets, the
 * second with bit 8 alone (zlint asks for one octet, which decipherOnly
 * cannot be written in; the text wins). */
static void
ku_length(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_key_usage);
	const ASN1_OCTET_STRING *os;
	const unsigned char *p, *q;
	long len;
	int tag, cls;

	if (e == NULL)
		return;
	os = X509_EXTENSION_get_data(e);
	p = ASN1_STRING_get0_data(os);
	if (ASN1_get_object(&p, &len, &tag, &cls, ASN1_STRING_length(os)) &
	    0x80 || tag != V_ASN1_BIT_STRING || len < 1)
		return;
	q = p + 1;		/* past the count of unused bits */
	if (len - 1 > 2 || (len - 1 == 2 && (q[1] & 0x7f) != 0))
		lint_find(c, "the keyUsage bit string has bits past "
		    "decipherOnly (%ld octets)", len - 1);
}

/* ---- name constraints: RFC 5280 4.2.1.10 ---- */

/* "For URIs, the constraint applies to the host part of the name.  The
 * constraint MUST be specified as a fully qualified domain name and MAY
 * specify a host or a domain." (a domain starts with "."). */
static void
nc_uri_subtrees(struct lint_ctx *c, STACK_OF(GENERAL_SUBTREE) *st,
    const char *what)
{
	GENERAL_SUBTREE *s;
	const unsigned char *p;
	char buf[160];
	size_t n;
	int i;

	for (i = 0; i < sk_GENERAL_SUBTREE_num(st); i++) {
		s = sk_GENERAL_SUBTREE_value(st, i);
		if (s->base == NULL || s->base->type != GEN_URI)
			continue;
		p = ASN1_STRING_get0_data(s->base->d.ia5);
		n = (size_t)ASN1_STRING_length(s->base->d.ia5);
		if (n > 0 && p[0] == '.' ? !fqdn(p + 1, n - 1) : !fqdn(p, n))
			lint_find(c, "the %s URI constraint \"%s\" is not a "
			    "fully qualified domain name", what,
			    LINT_SHOW(buf, p, n));
	}
}

static void
nc_not_fqdn(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_name_constraints);
	NAME_CONSTRAINTS *nc;

	if (e == NULL || (nc = X509V3_EXT_d2i(e)) == NULL)
		return;
	nc_uri_subtrees(c, nc->permittedSubtrees, "permitted");
	nc_uri_subtrees(c, nc->excludedSubtrees, "excluded");
	NAME_CONSTRAINTS_free(nc);
}

/* ---- AIA: RFC 5280 4.2.2.1 ---- */

/* "When the id-ad-caIssuers accessMethod is used, at least one instance
 * SHOULD specify an accessLocation that is an HTTP [RFC2616] or LDAP
 * [RFC4516] URI." */
static void
aia_location(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_info_access);
	AUTHORITY_INFO_ACCESS *aia;
	ACCESS_DESCRIPTION *ad;
	const char *u;
	int i, ca = 0, good = 0;

	if (e == NULL || (aia = X509V3_EXT_d2i(e)) == NULL)
		return;
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		ad = sk_ACCESS_DESCRIPTION_value(aia, i);
		if (OBJ_obj2nid(ad->method) != NID_ad_ca_issuers)
			continue;
		ca = 1;
		if (ad->location->type != GEN_URI)
			continue;
		u = (const char *)ASN1_STRING_get0_data(
		    ad->location->d.uniformResourceIdentifier);
		if (OPENSSL_strncasecmp(u, "http://", 7) == 0 ||
		    OPENSSL_strncasecmp(u, "https://", 8) == 0 ||
		    OPENSSL_strncasecmp(u, "ldap://", 7) == 0)
			good = 1;
	}
	if (ca && !good)
		lint_find(c, "no caIssuers access location of the "
		    "authorityInfoAccess is an HTTP or LDAP URI");
	AUTHORITY_INFO_ACCESS_free(aia);
}

/* ---- DER ---- */

/*
 * Is extension e's value OpenSSL's DER of what it decodes to?  1 yes, 0
 * no (or it does not decode), -1 not known (OpenSSL has no template
 * for it).  X.690 11 makes DER one encoding for each value; RFC 5280
 * 4.1 has certificates in DER.
 */
static int
ext_der(X509_EXTENSION *e)
{
	const X509V3_EXT_METHOD *m = X509V3_EXT_get(e);
	const ASN1_OCTET_STRING *os = X509_EXTENSION_get_data(e);
	const unsigned char *p = ASN1_STRING_get0_data(os);
	long n = ASN1_STRING_length(os);
	ASN1_VALUE *v;
	unsigned char *out = NULL;
	int len, ok;

	if (m == NULL || m->it == NULL)
		return -1;
	if ((v = ASN1_item_d2i(NULL, &p, n, ASN1_ITEM_ptr(m->it))) == NULL)
		return 0;
	len = ASN1_item_i2d(v, &out, ASN1_ITEM_ptr(m->it));
	ok = p == ASN1_STRING_get0_data(os) + n && len == n &&
	    memcmp(out, ASN1_STRING_get0_data(os), (size_t)n) == 0;
	OPENSSL_free(out);
	ASN1_item_free(v, ASN1_ITEM_ptr(m->it));
	return ok;
}

static void
bc_der(struct lint_ctx *c)
{
	X509_EXTENSION *e = lint_ext(c, NID_basic_constraints);

	if (e != NULL && ext_der(e) == 0)
		lint_find(c, "the basicConstraints extension is not in DER");
}

static void
exts_der(struct lint_ctx *c)
{
	X509_EXTENSION *e;
	char buf[80];
	int i;

	for (i = 0; i < sk_X509_EXTENSION_num(c->t.exts); i++) {
		e = sk_X509_EXTENSION_value(c->t.exts, i);
		if (OBJ_obj2nid(X509_EXTENSION_get_object(e)) ==
		    NID_basic_constraints || ext_der(e) != 0)
			continue;
		OBJ_obj2txt(buf, sizeof(buf), X509_EXTENSION_get_object(e),
		    0);
		lint_find(c, "the %s extension is not in DER", buf);
	}
}

/* RFC 5280 5.1.2.6: "When there are no revoked certificates, the
 * revoked certificates list MUST be absent."  Read in the DER: the
 * element after thisUpdate (and nextUpdate) being an empty SEQUENCE. */
static void
crl_revoked_empty(struct lint_ctx *c)
{
	const unsigned char *p = c->der, *end;
	long len;
	int tag, cls, i;

	/* CertificateList, TBSCertList */
	for (i = 0; i < 2; i++)
		if (ASN1_get_object(&p, &len, &tag, &cls, (long)(c->derlen -
		    (size_t)(p - c->der))) & 0x80 || tag != V_ASN1_SEQUENCE)
			return;
	end = p + len;
	/* version?, signature, issuer, thisUpdate, nextUpdate? */
	for (i = 0; p < end; i++) {
		const unsigned char *q = p;

		if (ASN1_get_object(&q, &len, &tag, &cls, end - p) & 0x80)
			return;
		if (cls == V_ASN1_UNIVERSAL && tag == V_ASN1_SEQUENCE &&
		    i >= 3) {
			if (len == 0)
				lint_find(c, "the CRL has an empty list of "
				    "revoked certificates, not none");
			return;
		}
		p = q + len;
	}
}

const struct lint_rule lint_rfc5280b[] = {
	/* names of SAN and IAN */
	{ "e_ext_san_uri_format_invalid", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "2008-05-01", LK_CERT, uri_format, LR_DER | LR_REQ },
	{ "e_ext_ian_uri_format_invalid", LINT_ERROR, "RFC 5280", "4.2.1.7",
	    "2008-05-01", LK_CERT, uri_format, LR_DER },
	{ "e_ext_san_uri_relative", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "2008-05-01", LK_CERT, uri_relative, LR_DER | LR_REQ },
	{ "e_ext_ian_uri_relative", LINT_ERROR, "RFC 5280", "4.2.1.7",
	    "2008-05-01", LK_CERT, uri_relative, LR_DER },
	{ "e_ext_san_uri_not_ia5", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "2008-05-01", LK_CERT, uri_ia5, LR_DER | LR_REQ },
	{ "e_ext_ian_uri_not_ia5", LINT_ERROR, "RFC 5280", "4.2.1.7",
	    "2008-05-01", LK_CERT, uri_ia5, LR_DER },
	{ "e_ext_san_uri_host_not_fqdn_or_ip", LINT_ERROR, "RFC 5280",
	    "4.2.1.6", "2008-05-01", LK_CERT, uri_host, LR_DER | LR_REQ },
	{ "e_ext_ian_uri_host_not_fqdn_or_ip", LINT_ERROR, "RFC 5280",
	    "4.2.1.7", "2008-05-01", LK_CERT, uri_host, LR_DER },
	{ "e_ext_san_rfc822_format_invalid", LINT_ERROR, "RFC 5280",
	    "4.2.1.6", "1999-01-01", LK_CERT, rfc822_format,
	    LR_DER | LR_REQ },
	{ "e_ext_ian_rfc822_format_invalid", LINT_ERROR, "RFC 5280",
	    "4.2.1.7", "1999-01-01", LK_CERT, rfc822_format, LR_DER },
	{ "e_ext_san_dns_not_ia5_string", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "1999-01-01", LK_CERT, dns_ia5, LR_DER | LR_REQ },
	{ "e_ext_ian_dns_not_ia5_string", LINT_ERROR, "RFC 5280", "4.2.1.7",
	    "1999-01-01", LK_CERT, dns_ia5, LR_DER },
	{ "e_ext_san_space_dns_name", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "1999-01-01", LK_CERT, dns_space, LR_DER | LR_REQ },
	{ "e_ext_ian_space_dns_name", LINT_ERROR, "RFC 5280", "4.2.1.7",
	    "1999-01-01", LK_CERT, dns_space, LR_DER },
	{ "e_ext_san_dns_name_too_long", LINT_ERROR, "RFC 1035", "2.3.4",
	    "2008-05-01", LK_CERT, dns_long, LR_DER | LR_REQ },
	{ "e_international_dns_name_not_unicode", LINT_ERROR, "RFC 3490",
	    "4.2", "2003-03-01", LK_CERT, idn_not_unicode, LR_DER | LR_REQ },
	{ "e_rfc_dnsname_empty_label", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "2008-05-01", LK_CERT, rfc_empty_label, LR_DER | LR_REQ },
	{ "e_rfc_dnsname_label_too_long", LINT_ERROR, "RFC 1035", "2.3.4",
	    "2008-05-01", LK_CERT, rfc_label_long, LR_DER | LR_REQ },
	{ "e_rfc_dnsname_hyphen_in_sld", LINT_ERROR, "RFC 5280", "4.2.1.6",
	    "2008-05-01", LK_CERT, rfc_hyphen_sld, LR_DER | LR_REQ },
	{ "e_rfc_dnsname_underscore_in_sld", LINT_ERROR, "RFC 5280",
	    "4.2.1.6", "2008-05-01", LK_CERT, rfc_us_sld, LR_DER | LR_REQ },
	{ "w_rfc_dnsname_underscore_in_trd", LINT_WARNING, "RFC 5280",
	    "4.2.1.6", "2008-05-01", LK_CERT, rfc_us_trd, LR_DER | LR_REQ },
	/* subject and issuer attributes */
	{ "e_subject_common_name_max_length", LINT_ERROR, "RFC 5280", "A.1",
	    "1999-01-01", LK_CERT, cn_max, LR_DER | LR_REQ },
	{ "e_subject_email_max_length", LINT_ERROR, "RFC 5280", "A.1",
	    "1999-01-01", LK_CERT, email_max, LR_DER | LR_REQ },
	{ "e_subject_given_name_max_length", LINT_ERROR, "RFC 5280", "A.1",
	    "1999-01-01", LK_CERT, gn_max, LR_DER | LR_REQ },
	{ "w_subject_given_name_recommended_max_length", LINT_WARNING,
	    "X.411", "Annex B", "1999-01-01", LK_CERT, gn_rec,
	    LR_DER | LR_REQ },
	{ "e_subject_surname_max_length", LINT_ERROR, "RFC 5280", "A.1",
	    "1999-01-01", LK_CERT, sn_max, LR_DER | LR_REQ },
	{ "w_subject_surname_recommended_max_length", LINT_WARNING,
	    "X.411", "Annex B", "1999-01-01", LK_CERT, sn_rec,
	    LR_DER | LR_REQ },
	{ "e_subject_locality_name_max_length", LINT_ERROR, "RFC 5280",
	    "A.1", "1999-01-01", LK_CERT, l_max, LR_DER | LR_REQ },
	{ "e_subject_organization_name_max_length", LINT_ERROR, "RFC 5280",
	    "A.1", "1999-01-01", LK_CERT, o_max, LR_DER | LR_REQ },
	{ "e_subject_organizational_unit_name_max_length", LINT_ERROR,
	    "RFC 5280", "A.1", "1999-01-01", LK_CERT, ou_max,
	    LR_DER | LR_REQ },
	{ "e_subject_postal_code_max_length", LINT_ERROR, "RFC 5280",
	    "A.1", "1999-01-01", LK_CERT, pc_max, LR_DER | LR_REQ },
	{ "e_subject_state_name_max_length", LINT_ERROR, "RFC 5280", "A.1",
	    "1999-01-01", LK_CERT, st_max, LR_DER | LR_REQ },
	{ "e_subject_street_address_max_length", LINT_ERROR, "X.520",
	    "UpperBounds", "1999-01-01", LK_CERT, street_max,
	    LR_DER | LR_REQ },
	{ "e_subject_dn_serial_number_max_length", LINT_ERROR, "RFC 5280",
	    "A.1", "1999-01-01", LK_CERT, serial_max, LR_DER | LR_REQ },
	{ "e_subject_dn_country_not_printable_string", LINT_ERROR,
	    "RFC 5280", "A.1", "1999-01-01", LK_CERT, subj_c_printable,
	    LR_DER | LR_REQ },
	{ "e_issuer_dn_country_not_printable_string", LINT_ERROR,
	    "RFC 5280", "A.1", "1999-01-01", LK_CERT, iss_c_printable,
	    LR_DER },
	{ "e_subject_dn_serial_number_not_printable_string", LINT_ERROR,
	    "RFC 5280", "A.1", "1999-01-01", LK_CERT, serial_printable,
	    LR_DER | LR_REQ },
	{ "e_subject_printable_string_badalpha", LINT_ERROR, "RFC 5280",
	    "B", "1999-01-01", LK_CERT, printable_badalpha, LR_DER | LR_REQ },
	{ "e_subject_dn_not_printable_characters", LINT_ERROR, "RFC 5280",
	    "A.1", "1999-01-01", LK_CERT, not_printable_chars,
	    LR_DER | LR_REQ },
	{ "e_subj_email_not_in_san", LINT_ERROR, "RFC 5280", "4.1.2.6",
	    "1999-01-01", LK_CERT, email_not_in_san, LR_DER | LR_REQ },
	/* certificate policies */
	{ "e_ext_cert_policy_disallowed_any_policy_qualifier", LINT_ERROR,
	    "RFC 5280", "4.2.1.4", "2002-04-01", LK_CERT,
	    any_policy_qualifier, LR_DER },
	{ "e_ext_cert_policy_explicit_text_ia5_string", LINT_ERROR,
	    "RFC 6818", "3", "2013-01-01", LK_CERT, et_ia5, LR_DER },
	{ "e_ext_cert_policy_explicit_text_too_long", LINT_ERROR,
	    "RFC 6818", "3", "2013-01-01", LK_CERT, et_long, LR_DER },
	{ "w_ext_cert_policy_explicit_text_includes_control", LINT_WARNING,
	    "RFC 6818", "3", "2013-01-01", LK_CERT, et_control, LR_DER },
	{ "w_ext_cert_policy_explicit_text_not_utf8", LINT_WARNING,
	    "RFC 6818", "3", "2013-01-01", LK_CERT, et_utf8, LR_DER },
	{ "w_ext_cert_policy_contains_noticeref", LINT_WARNING, "RFC 5280",
	    "4.2.1.4", "2008-05-01", LK_CERT, noticeref, LR_DER },
	/* key usage, name constraints, AIA */
	{ "e_key_usage_and_extended_key_usage_inconsistent", LINT_ERROR,
	    "RFC 5280", "4.2.1.12", "2008-05-01", LK_LEAF, ku_eku,
	    LR_DER | LR_REQ },
	{ "e_key_usage_incorrect_length", LINT_ERROR, "RFC 5280", "4.2.1.3",
	    "2008-05-01", LK_CERT, ku_length, LR_DER | LR_REQ },
	{ "e_name_constraint_not_fqdn", LINT_ERROR, "RFC 5280", "4.2.1.10",
	    "2008-05-01", LK_CERT, nc_not_fqdn, LR_DER },
	{ "w_ext_aia_access_location_missing", LINT_WARNING, "RFC 5280",
	    "4.2.2.1", "2008-05-01", LK_CERT, aia_location, LR_DER },
	/* DER */
	{ "e_basic_constr_invalid_der", LINT_ERROR, "RFC 5280", "4.1",
	    "1999-01-01", LK_CERT, bc_der, LR_DER },
	{ "e_cert_ext_invalid_der", LINT_ERROR, "RFC 5280", "4.2",
	    "2008-05-01", LK_CERT, exts_der, LR_DER },
	{ "e_crl_revoked_certificates_field_must_be_empty", LINT_ERROR,
	    "RFC 5280", "5.1.2.6", "2008-05-01", LK_CRL, crl_revoked_empty,
	    LR_DER },
	{ NULL }
};
