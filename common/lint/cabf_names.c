/*
 * cabf_names.c: the CA/Browser Forum TLS Baseline Requirements' rules on
 * names (DNS names, subjectAltName, commonName, IP addresses, subject
 * fields) and the community rules on the same (engine.h), each under
 * zlint's name for the same rule.
 *
 * zlint lints of this group left out, and why:
 *  e_dnsname_contains_bare_iana_suffix, e_dnsname_not_valid_tld: need
 *	IANA's root zone database as of the certificate's date; pemkit does
 *	not ship it.
 *  n_dnsname_wildcard_left_of_public_suffix, n_san_iana_pub_suffix_empty:
 *	need the public-suffix list.
 *  e_san_dns_name_onion_not_ev_cert: needs the list of each CA's own EV
 *	policy OIDs (zlint's util/ev.go); 2.23.140.1.1 alone would flag
 *	EV certificates that assert only their CA's OID.
 *
 * Without a public-suffix list the "second-level" label of a name is the
 * one left of its last label (the underscore rules): a name under a
 * public suffix of two labels (co.uk) is judged on the suffix's own
 * label, which never holds an underscore, so the error is never wrong,
 * only missed there (the underscore is then the warning's).
 *
 * Where zlint and the cited text differ, the text wins (and
 * tests/lint-expect.except lists the zlint rows that differ):
 *  e_dnsname_hyphen_in_sld judges every label, not the second-level one
 *	alone; the SAN type rules (e_ext_san_*) judge subscriber TLS
 *	certificates only, as BR 7.1.4.2.1 (7.1.2.7.12) does, not CAs.
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

/* The GENERAL_NAMES of the first extension nid (SAN, IAN), or NULL. */
static GENERAL_NAMES *
alt_names(const struct lint_ctx *c, int nid)
{
	X509_EXTENSION *e = lint_ext(c, nid);

	return e == NULL ? NULL : X509V3_EXT_d2i(e);
}

/* The subject's count of attributes nid. */
static int
subj_count(const struct lint_ctx *c, int nid)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	int i = -1, n = 0;

	while ((i = X509_NAME_get_index_by_NID(nm, nid, i)) >= 0)
		n++;
	return n;
}

/* Does the certificatePolicies extension name policy oid ("2.23...")? */
static int
has_policy(const struct lint_ctx *c, const char *oid)
{
	CERTIFICATEPOLICIES *cp;
	X509_EXTENSION *e;
	char buf[80];
	int i, found = 0;

	if ((e = lint_ext(c, NID_certificate_policies)) == NULL ||
	    (cp = X509V3_EXT_d2i(e)) == NULL)
		return 0;
	for (i = 0; i < sk_POLICYINFO_num(cp) && !found; i++) {
		OBJ_obj2txt(buf, sizeof(buf),
		    sk_POLICYINFO_value(cp, i)->policyid, 1);
		found = strcmp(buf, oid) == 0;
	}
	CERTIFICATEPOLICIES_free(cp);
	return found;
}

/* CA/B policy identifiers, BR 7.1.6.1 */
#define POL_EV	"2.23.140.1.1"
#define POL_DV	"2.23.140.1.2.1"
#define POL_IV	"2.23.140.1.2.3"

/* Is the 4- or 16-byte address a reserved one?  BR 1.6.1 "Reserved IP
 * Address": in IANA's IPv4 or IPv6 Special-Purpose Address Registry; for
 * IPv6 also anything outside 2000::/3, which IANA's IPv6 Address Space
 * registry keeps reserved (or for ULA, link-local and multicast). */
static int
reserved_ip(const unsigned char *a, int n)
{
	static const struct {
		unsigned char	 p[16];
		int		 bits;
	} v4[] = {
		{ { 0 }, 8 }, { { 10 }, 8 }, { { 100, 64 }, 10 },
		{ { 127 }, 8 }, { { 169, 254 }, 16 }, { { 172, 16 }, 12 },
		{ { 192, 0, 0 }, 24 }, { { 192, 0, 2 }, 24 },
		{ { 192, 31, 196 }, 24 }, { { 192, 52, 193 }, 24 },
		{ { 192, 88, 99 }, 24 }, { { 192, 168 }, 16 },
		{ { 192, 175, 48 }, 24 }, { { 198, 18 }, 15 },
		{ { 198, 51, 100 }, 24 }, { { 203, 0, 113 }, 24 },
		{ { 224 }, 4 }, { { 240 }, 4 },
	}, v6[] = {
		{ { 0x20, 0x01, 0x00 }, 23 },		/* IETF protocols */
		{ { 0x20, 0x01, 0x0d, 0xb8 }, 32 },	/* documentation */
		{ { 0x20, 0x02 }, 16 },			/* 6to4 */
		{ { 0x26, 0x20, 0x00, 0x4f, 0x80 }, 48 },	/* AS112 */
		{ { 0x3f, 0xff }, 20 },			/* documentation */
	};
	size_t k, nk;
	int bits, i;

	if (n == 16 && (a[0] & 0xe0) != 0x20)
		return 1;
	nk = n == 4 ? sizeof(v4) / sizeof(v4[0]) : sizeof(v6) / sizeof(v6[0]);
	for (k = 0; k < nk; k++) {
		const unsigned char *p = n == 4 ? v4[k].p : v6[k].p;

		bits = n == 4 ? v4[k].bits : v6[k].bits;
		for (i = 0; bits >= 8 && a[i] == p[i]; i++, bits -= 8)
			;
		if (bits <= 0 || (bits < 8 && ((a[i] ^ p[i]) &
		    (0xff << (8 - bits)) & 0xff) == 0))
			return 1;
	}
	return 0;
}

/* The text of an address, for messages. */
static const char *
ip_text(char *buf, size_t size, const unsigned char *a, int n)
{
	int i;

	if (n == 4)
		snprintf(buf, size, "%d.%d.%d.%d", a[0], a[1], a[2], a[3]);
	else
		for (i = 0, buf[0] = '\0'; i < 16; i += 2)
			snprintf(buf + strlen(buf), size - strlen(buf),
			    "%s%x", i ? ":" : "", a[i] << 8 | a[i + 1]);
	return buf;
}

/* The UTF-8 of a subject entry's value into *out (OPENSSL_free it), its
 * length, or -1. */
static int
entry_utf8(X509_NAME_ENTRY *ne, unsigned char **out)
{
	return ASN1_STRING_to_UTF8(out, X509_NAME_ENTRY_get_data(ne));
}

static void
san_dns(struct lint_ctx *c, lint_name_fn fn)
{
	lint_each_dns(c, NID_subject_alt_name, fn);
}

static int
has_byte(const unsigned char *p, size_t n, int b)
{
	return memchr(p, b, n) != NULL;
}

/* ---- DNS names: BR 7.1.4.2 (7.1.2.7.12 in BR 2.0), RFC 1034/1035 ---- */

/* BR 7.1.4.2.1 / 7.1.2.7.12: a dNSName is a P-Label or L-Label FQDN
 * (RFC 1034 3.5's letters, digits, hyphen).  Underscores and "*" have
 * rules of their own below, and "?" labels are redacted names (their
 * own notice); they are left to those. */
static void
bad_char_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];
	size_t i;

	for (i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' &&
		    p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') ||
		    p[i] == '-' || p[i] == '_' || p[i] == '*' ||
		    p[i] == '.' || (p[i] == '?' && (i + 1 == n ||
		    p[i + 1] == '.') && (i == 0 || p[i - 1] == '.')))) {
			lint_find(c, "the DNS name \"%s\" has a character "
			    "other than letters, digits and hyphen",
			    LINT_SHOW(buf, p, n));
			return;
		}
}

static void
bad_char(struct lint_ctx *c)
{
	san_dns(c, bad_char_one);
}

static void
empty_label(struct lint_ctx *c)
{
	san_dns(c, lint_dns_empty_label);
}

static void
label_long(struct lint_ctx *c)
{
	san_dns(c, lint_dns_label_long);
}

static void
hyphen_sld(struct lint_ctx *c)
{
	san_dns(c, lint_dns_hyphen_sld);
}

/* BR 1.6.1 "Wildcard Domain Name": "*" is the whole leftmost label;
 * a "*" elsewhere in the leftmost label is no wildcard. */
static void
left_wild_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];

	lint_split(p, n, &l);
	if (has_byte(p, l.len[0], '*') && !(l.len[0] == 1))
		lint_find(c, "the DNS name \"%s\" has a wildcard in its "
		    "leftmost label that is not the whole label",
		    LINT_SHOW(buf, p, n));
}

static void
left_wild(struct lint_ctx *c)
{
	san_dns(c, left_wild_one);
}

/* BR 1.6.1: the wildcard "*" only in the leftmost label. */
static void
wild_left_only_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	size_t i;

	lint_split(p, n, &l);
	for (i = 1; i < l.n; i++)
		if (has_byte(p + l.off[i], l.len[i], '*')) {
			lint_find(c, "the DNS name \"%s\" has a \"*\" outside "
			    "its leftmost label", LINT_SHOW(buf, p, n));
			return;
		}
}

static void
wild_left_only(struct lint_ctx *c)
{
	san_dns(c, wild_left_only_one);
}

static void
us_sld(struct lint_ctx *c)
{
	san_dns(c, lint_dns_us_sld);
}

static void
us_trd(struct lint_ctx *c)
{
	san_dns(c, lint_dns_us_trd);
}

/* BR 7.1.4.2.1 (Ballot SC12, BR 1.6.2 of 2018-12-10): underscores in
 * dNSNames were allowed from 2018-12-10 until 2019-04-01 only; before
 * BR 1.6.2 they never were, after it they never are. */
#define BR162	1544400000	/* 2018-12-10 */
#define SC12END	1554076800	/* 2019-04-01 */

static void
us_any_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (has_byte(p, n, '_'))
		lint_find(c, "the DNS name \"%s\" has an underscore",
		    LINT_SHOW(buf, p, n));
}

static void
us_before_162(struct lint_ctx *c)
{
	if (c->start < BR162)
		san_dns(c, us_any_one);
}

static void
us_not_permissible(struct lint_ctx *c)
{
	san_dns(c, us_any_one);
}

/* SC12: "replacing all underscore characters with hyphen characters
 * would result in a valid domain label" (RFC 1034 3.5: letters, digits,
 * hyphens, neither first nor last a hyphen). */
static void
us_replaced_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	const unsigned char *s;
	size_t i, j;

	lint_split(p, n, &l);
	for (i = 0; i < l.n; i++) {
		s = p + l.off[i];
		if (l.len[i] == 0 || !has_byte(s, l.len[i], '_'))
			continue;
		for (j = 0; j < l.len[i]; j++)
			if (!((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' &&
			    s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9') ||
			    s[j] == '-' || s[j] == '_'))
				break;
		if (j < l.len[i] || s[0] == '_' || s[0] == '-' ||
		    s[l.len[i] - 1] == '_' || s[l.len[i] - 1] == '-') {
			lint_find(c, "the DNS name \"%s\" has an underscore "
			    "in a label that is not valid with hyphens for "
			    "underscores", LINT_SHOW(buf, p, n));
			return;
		}
	}
}

static void
us_replaced(struct lint_ctx *c)
{
	if (c->start < SC12END)
		san_dns(c, us_replaced_one);
}

/* SC12: such certificates "MUST NOT be valid for longer than 30
 * days". */
static int us_seen;

static void
us_seen_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	(void)c;
	if (has_byte(p, n, '_'))
		us_seen = 1;
}

static void
us_long_validity(struct lint_ctx *c)
{
	int day, sec;

	if (c->start >= SC12END)
		return;
	us_seen = 0;
	san_dns(c, us_seen_one);
	if (us_seen && ASN1_TIME_diff(&day, &sec, X509_get0_notBefore(c->x),
	    X509_get0_notAfter(c->x)) && (day > 30 || (day == 30 && sec > 0)))
		lint_find(c, "a DNS name has an underscore and the validity "
		    "is longer than 30 days");
}

/* BR 7.1.4.2.1 (7.1.2.7.12): no Reserved LDH Label (RFC 5890 2.3.1:
 * "--" in the third and fourth positions) unless it is an XN-Label. */
static void
reserved_label_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	const unsigned char *s;
	size_t i;

	lint_split(p, n, &l);
	for (i = 0; i < l.n; i++) {
		s = p + l.off[i];
		if (l.len[i] >= 4 && s[2] == '-' && s[3] == '-' &&
		    !((s[0] | 0x20) == 'x' && (s[1] | 0x20) == 'n')) {
			lint_find(c, "the DNS name \"%s\" has a reserved label "
			    "(\"--\" in positions 3 and 4) that is not an "
			    "A-label", LINT_SHOW(buf, p, n));
			return;
		}
	}
}

static void
reserved_label(struct lint_ctx *c)
{
	san_dns(c, reserved_label_one);
}

/* RFC 5891 5.3 (RFC 8399 2.1): a U-label is in Unicode Normalization
 * Form C; each A-label ("xn--") is decoded and its U-label checked by
 * libidn2's IDNA2008 lookup, which says IDN2_NOT_NFC. */
static void
not_nfc_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160], lab[256], *u;
	uint8_t *o;
	size_t i;
	int rc;

	lint_split(p, n, &l);
	for (i = 0; i < l.n; i++) {
		if (l.len[i] < 5 || l.len[i] >= sizeof(lab) ||
		    OPENSSL_strncasecmp((const char *)p + l.off[i], "xn--",
		    4) != 0 || has_byte(p + l.off[i], l.len[i], '\0'))
			continue;
		memcpy(lab, p + l.off[i], l.len[i]);
		lab[l.len[i]] = '\0';
		u = NULL;
		o = NULL;
		rc = IDN2_OK;
		if (idn2_to_unicode_8z8z(lab, &u, 0) == IDN2_OK)
			rc = idn2_lookup_u8((const uint8_t *)u, &o,
			    IDN2_NO_TR46);
		idn2_free(u);
		idn2_free(o);
		if (rc == IDN2_NOT_NFC) {
			lint_find(c, "the DNS name \"%s\" has a label that is "
			    "not in Unicode Normalization Form C",
			    LINT_SHOW(buf, p, n));
			return;
		}
	}
}

static void
not_nfc(struct lint_ctx *c)
{
	san_dns(c, not_nfc_one);
}

/* ---- community rules (awslabs certlint) on SAN and IAN dNSNames ---- */

static void
null_char_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (has_byte(p, n, '\0'))
		lint_find(c, "the DNS name \"%s\" has a NUL character",
		    LINT_SHOW(buf, p, n));
}

static void
period_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	char buf[160];

	if (n > 0 && p[0] == '.')
		lint_find(c, "the DNS name \"%s\" starts with a period",
		    LINT_SHOW(buf, p, n));
}

static void
bare_wild_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	if (n == 1 && p[0] == '*')
		lint_find(c, "a DNS name is a bare wildcard \"*\"");
}

static void
wild_first_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	const unsigned char *s = memchr(p, '*', n);
	char buf[160];

	if (s != NULL && s != p)
		lint_find(c, "the DNS name \"%s\" has a wildcard that is not "
		    "its first character", LINT_SHOW(buf, p, n));
}

static void
san_null(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, null_char_one);
}

static void
ian_null(struct lint_ctx *c)
{
	lint_each_dns(c, NID_issuer_alt_name, null_char_one);
}

static void
san_period(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, period_one);
}

static void
ian_period(struct lint_ctx *c)
{
	lint_each_dns(c, NID_issuer_alt_name, period_one);
}

static void
san_bare(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, bare_wild_one);
}

static void
ian_bare(struct lint_ctx *c)
{
	lint_each_dns(c, NID_issuer_alt_name, bare_wild_one);
}

static void
san_wild_first(struct lint_ctx *c)
{
	lint_each_dns(c, NID_subject_alt_name, wild_first_one);
}

static void
ian_wild_first(struct lint_ctx *c)
{
	lint_each_dns(c, NID_issuer_alt_name, wild_first_one);
}

/* draft-strad-trans-redaction-00: a "?" label is a redacted one. */
static void
redacted_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	size_t i;

	lint_split(p, n, &l);
	for (i = 0; i < l.n; i++)
		if (l.len[i] == 1 && p[l.off[i]] == '?') {
			lint_find(c, "the DNS name \"%s\" has a redacted "
			    "label", LINT_SHOW(buf, p, n));
			return;
		}
}

static void
redacted(struct lint_ctx *c)
{
	san_dns(c, redacted_one);
}

/* certlint: a dNSName listed twice (DNS names compare without case,
 * RFC 4343). */
static void
san_dup(struct lint_ctx *c)
{
	GENERAL_NAMES *gn;
	ASN1_IA5STRING *a, *b;
	char buf[160];
	int i, j;

	if ((gn = alt_names(c, NID_subject_alt_name)) == NULL)
		return;
	for (i = 1; i < sk_GENERAL_NAME_num(gn); i++) {
		if (sk_GENERAL_NAME_value(gn, i)->type != GEN_DNS)
			continue;
		a = sk_GENERAL_NAME_value(gn, i)->d.dNSName;
		for (j = 0; j < i; j++) {
			if (sk_GENERAL_NAME_value(gn, j)->type != GEN_DNS)
				continue;
			b = sk_GENERAL_NAME_value(gn, j)->d.dNSName;
			if (ASN1_STRING_length(a) == ASN1_STRING_length(b) &&
			    OPENSSL_strncasecmp(
			    (const char *)ASN1_STRING_get0_data(a),
			    (const char *)ASN1_STRING_get0_data(b),
			    (size_t)ASN1_STRING_length(a)) == 0) {
				lint_find(c, "the DNS name \"%s\" is listed "
				    "twice", LINT_SHOW(buf,
				    ASN1_STRING_get0_data(a),
				    (size_t)ASN1_STRING_length(a)));
				break;
			}
		}
	}
	GENERAL_NAMES_free(gn);
}

/* RFC 7686 and BR Appendix B (EVG Appendix F): a .onion name is a
 * version 2 (16 base32 characters, RFC 4648) or version 3 (56)
 * onion address, optionally under labels of its own. */
static void
onion_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	const unsigned char *s;
	size_t i, len;

	lint_split(p, n, &l);
	if (l.n < 1 || l.len[l.n - 1] != 5 ||
	    OPENSSL_strncasecmp((const char *)p + l.off[l.n - 1], "onion",
	    5) != 0)
		return;
	if (l.n >= 2) {
		s = p + l.off[l.n - 2];
		len = l.len[l.n - 2];
		for (i = 0; i < len; i++)
			if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') &&
			    !(s[i] >= '2' && s[i] <= '7'))
				break;
		if (i == len && (len == 16 || len == 56))
			return;
	}
	lint_find(c, "the DNS name \"%s\" is not a valid onion address",
	    LINT_SHOW(buf, p, n));
}

static void
onion_invalid(struct lint_ctx *c)
{
	san_dns(c, onion_one);
}

/* ---- reverse-zone names: BR 3.2.2.6, 7.1.4.2.1 ---- */

/* 0 for a well-formed in-addr.arpa or ip6.arpa name of one address
 * (RFC 1035 3.5, RFC 3596 2.5) with the address in a[*an]; 1 for a
 * malformed one; -1 for a name of neither zone. */
static int
arpa_ip(const unsigned char *p, size_t n, unsigned char *a, int *an)
{
	struct lint_labels l;
	const unsigned char *s;
	size_t i, j, k;
	int v, x;

	lint_split(p, n, &l);
	if (n > 13 && OPENSSL_strncasecmp((const char *)p + n - 13,
	    ".in-addr.arpa", 13) == 0) {
		if (l.n != 6)
			return 1;
		for (i = 0; i < 4; i++) {
			s = p + l.off[i];
			if (l.len[i] < 1 || l.len[i] > 3)
				return 1;
			for (v = 0, j = 0; j < l.len[i]; j++) {
				if (s[j] < '0' || s[j] > '9')
					return 1;
				v = v * 10 + s[j] - '0';
			}
			if (v > 255)
				return 1;
			a[3 - i] = (unsigned char)v;
		}
		*an = 4;
		return 0;
	}
	if (n > 9 && OPENSSL_strncasecmp((const char *)p + n - 9,
	    ".ip6.arpa", 9) == 0) {
		if (l.n != 34)
			return 1;
		memset(a, 0, 16);
		for (i = 0; i < 32; i++) {
			if (l.len[i] != 1)
				return 1;
			x = p[l.off[i]] | 0x20;
			if (x >= '0' && x <= '9')
				v = x - '0';
			else if (x >= 'a' && x <= 'f')
				v = x - 'a' + 10;
			else
				return 1;
			k = 31 - i;
			a[k / 2] |= (unsigned char)(k % 2 ? v : v << 4);
		}
		*an = 16;
		return 0;
	}
	return -1;
}

static void
arpa_reserved_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	unsigned char a[16];
	char buf[160];
	int an;

	if (arpa_ip(p, n, a, &an) == 0 && reserved_ip(a, an))
		lint_find(c, "the DNS name \"%s\" is the reverse name of a "
		    "reserved IP address", LINT_SHOW(buf, p, n));
}

static void
arpa_reserved(struct lint_ctx *c)
{
	san_dns(c, arpa_reserved_one);
}

static void
arpa_malformed_one(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	unsigned char a[16];
	char buf[160];
	int an;

	if (arpa_ip(p, n, a, &an) == 1)
		lint_find(c, "the DNS name \"%s\" is in a reverse zone but "
		    "not the name of one IP address", LINT_SHOW(buf, p, n));
}

static void
arpa_malformed(struct lint_ctx *c)
{
	san_dns(c, arpa_malformed_one);
}

/* ---- subjectAltName: BR 7.1.4.2.1 (7.1.2.7.12 in BR 2.0) ---- */

static void
san_missing(struct lint_ctx *c)
{
	if (lint_ext(c, NID_subject_alt_name) == NULL)
		lint_find(c, "there is no subjectAltName extension");
}

/* "This extension MUST contain at least one entry.  Each entry MUST be
 * either a dNSName ... or an iPAddress": one rule per other type. */
static void
san_type(struct lint_ctx *c, int type, const char *what)
{
	GENERAL_NAMES *gn;
	int i;

	if ((gn = alt_names(c, NID_subject_alt_name)) == NULL)
		return;
	for (i = 0; i < sk_GENERAL_NAME_num(gn); i++)
		if (sk_GENERAL_NAME_value(gn, i)->type == type) {
			lint_find(c, "the subjectAltName has %s", what);
			break;
		}
	GENERAL_NAMES_free(gn);
}

static void
san_dirname(struct lint_ctx *c)
{
	san_type(c, GEN_DIRNAME, "a directoryName");
}

static void
san_edi(struct lint_ctx *c)
{
	san_type(c, GEN_EDIPARTY, "an ediPartyName");
}

static void
san_othername(struct lint_ctx *c)
{
	san_type(c, GEN_OTHERNAME, "an otherName");
}

static void
san_rid(struct lint_ctx *c)
{
	san_type(c, GEN_RID, "a registeredID");
}

static void
san_email(struct lint_ctx *c)
{
	san_type(c, GEN_EMAIL, "an rfc822Name");
}

static void
san_uri(struct lint_ctx *c)
{
	san_type(c, GEN_URI, "a uniformResourceIdentifier");
}

/* BR 7.1.4.2.1: no Reserved IP Address in an iPAddress. */
static void
san_reserved_ip(struct lint_ctx *c)
{
	GENERAL_NAMES *gn;
	GENERAL_NAME *g;
	char buf[48];
	int i, n;

	if ((gn = alt_names(c, NID_subject_alt_name)) == NULL)
		return;
	for (i = 0; i < sk_GENERAL_NAME_num(gn); i++) {
		g = sk_GENERAL_NAME_value(gn, i);
		if (g->type != GEN_IPADD)
			continue;
		n = ASN1_STRING_length(g->d.iPAddress);
		if ((n == 4 || n == 16) && reserved_ip(
		    ASN1_STRING_get0_data(g->d.iPAddress), n))
			lint_find(c, "the subjectAltName has the reserved IP "
			    "address %s", ip_text(buf, sizeof(buf),
			    ASN1_STRING_get0_data(g->d.iPAddress), n));
	}
	GENERAL_NAMES_free(gn);
}

/* RFC 5280 4.2.1.6: with a non-empty subject the subjectAltName
 * "SHOULD" be non-critical. */
static void
san_critical_with_subject(struct lint_ctx *c)
{
	if (!c->subject_empty && lint_crit(c, NID_subject_alt_name) == 1)
		lint_find(c, "the subjectAltName is critical and the subject "
		    "is not empty");
}

/* ---- commonName: BR 7.1.4.2.2 a (7.1.2.7.2-4 in BR 2.0) ---- */

/* The text of an address as BR 7.1.4.3 (BR 2.0) has a commonName
 * give it: IPv4 dotted decimal, IPv6 as RFC 5952 section 4 (lower
 * case, no leading zeros, the longest run of two or more zero groups,
 * the first of equal runs, as "::"). */
static void
ip_canon(char *buf, size_t size, const unsigned char *a, int n)
{
	int g[8], i, best = -1, bestn = 1, run;
	size_t o = 0;

	if (n == 4) {
		ip_text(buf, size, a, n);
		return;
	}
	for (i = 0; i < 8; i++)
		g[i] = a[2 * i] << 8 | a[2 * i + 1];
	for (i = 0; i < 8; i += run ? run : 1) {
		for (run = 0; i + run < 8 && g[i + run] == 0; run++)
			;
		if (run > bestn) {
			best = i;
			bestn = run;
		}
	}
	buf[0] = '\0';
	for (i = 0; i < 8 && o < size; i++) {
		if (i == best) {
			o += (size_t)snprintf(buf + o, size - o, "::");
			i += bestn - 1;
			continue;
		}
		o += (size_t)snprintf(buf + o, size - o, "%s%x",
		    i > 0 && i != best + bestn ? ":" : "", g[i]);
	}
}

/* Is CN text u (len) among the SAN's values: a dNSName (without case
 * unless exact), or an iPAddress of the same address (exact: written
 * as ip_canon writes it)? */
static int
cn_in_san(GENERAL_NAMES *gn, const unsigned char *u, int len, int exact)
{
	ASN1_OCTET_STRING *ip;
	GENERAL_NAME *g;
	ASN1_STRING *s;
	char canon[48];
	int i, found = 0;

	ip = a2i_IPADDRESS((const char *)u);
	for (i = 0; i < sk_GENERAL_NAME_num(gn) && !found; i++) {
		g = sk_GENERAL_NAME_value(gn, i);
		if (ip != NULL && g->type == GEN_IPADD) {
			found = ASN1_OCTET_STRING_cmp(ip, g->d.iPAddress) == 0;
			if (found && exact) {
				ip_canon(canon, sizeof(canon),
				    ASN1_STRING_get0_data(ip),
				    ASN1_STRING_length(ip));
				found = strcmp(canon, (const char *)u) == 0;
			}
		}
		else if (ip == NULL && g->type == GEN_DNS) {
			s = g->d.dNSName;
			found = ASN1_STRING_length(s) == len && (exact ?
			    memcmp(ASN1_STRING_get0_data(s), u,
			    (size_t)len) == 0 : OPENSSL_strncasecmp(
			    (const char *)ASN1_STRING_get0_data(s),
			    (const char *)u, (size_t)len) == 0);
		}
	}
	ASN1_OCTET_STRING_free(ip);
	return found;
}

static void
cn_from_san(struct lint_ctx *c, int exact)
{
	GENERAL_NAMES *gn;
	X509_NAME *nm = X509_get_subject_name(c->x);
	unsigned char *u;
	char buf[160];
	int i = -1, len;

	gn = alt_names(c, NID_subject_alt_name);
	while ((i = X509_NAME_get_index_by_NID(nm, NID_commonName, i)) >= 0) {
		if ((len = entry_utf8(X509_NAME_get_entry(nm, i), &u)) < 0)
			continue;
		if (gn == NULL || !cn_in_san(gn, u, len, exact))
			lint_find(c, "the commonName \"%s\" is not %sone of "
			    "the subjectAltName's values",
			    LINT_SHOW(buf, u, (size_t)len), exact ? "exactly " :
			    "");
		OPENSSL_free(u);
	}
	GENERAL_NAMES_free(gn);
}

static void
cn_not_from_san(struct lint_ctx *c)
{
	cn_from_san(c, 0);
}

/* BR 7.1.4.2.2 a as of Ballot SC48 (2021-08-25): the value "MUST be
 * ... byte-for-byte identical" to a SAN entry. */
static void
cn_not_exactly_from_san(struct lint_ctx *c)
{
	cn_from_san(c, 1);
}

/* BR 7.1.4.2.2 a / 7.1.2.7: the commonName is discouraged, then NOT
 * RECOMMENDED (BR 2.0, 2023-09-15: the warning takes over). */
#define BR200	1694736000	/* 2023-09-15 */

static void
cn_included_notice(struct lint_ctx *c)
{
	if (c->start < BR200 && subj_count(c, NID_commonName) > 0)
		lint_find(c, "the subject has a commonName (deprecated)");
}

static void
cn_included(struct lint_ctx *c)
{
	if (subj_count(c, NID_commonName) > 0)
		lint_find(c, "the subject has a commonName (not "
		    "recommended)");
}

/* BR 7.1.4.2.2 a: "this field MUST contain a single IP address or
 * Fully-Qualified Domain Name". */
static void
extra_cn(struct lint_ctx *c)
{
	int n = subj_count(c, NID_commonName);

	if (n > 1)
		lint_find(c, "the subject has %d commonNames", n);
}

/* BR 7.1.4.2.1: no Reserved IP Address in the commonName either. */
static void
subject_reserved_ip(struct lint_ctx *c)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	ASN1_OCTET_STRING *ip;
	unsigned char *u;
	char buf[48];
	int i = -1, n;

	while ((i = X509_NAME_get_index_by_NID(nm, NID_commonName, i)) >= 0) {
		if (entry_utf8(X509_NAME_get_entry(nm, i), &u) < 0)
			continue;
		if ((ip = a2i_IPADDRESS((const char *)u)) != NULL) {
			n = ASN1_STRING_length(ip);
			if (reserved_ip(ASN1_STRING_get0_data(ip), n))
				lint_find(c, "the commonName has the reserved "
				    "IP address %s", ip_text(buf, sizeof(buf),
				    ASN1_STRING_get0_data(ip), n));
			ASN1_OCTET_STRING_free(ip);
		}
		OPENSSL_free(u);
	}
}

/* ---- subject fields ---- */

/* ISO 3166-1 alpha-2 codes (as tzdata's iso3166.tab lists them). */
static const char iso3166[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBS"
	"BTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEE"
	"EGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHM"
	"HNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLC"
	"LILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA"
	"NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURW"
	"SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO"
	"TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

static int
iso_country(const unsigned char *p, int n)
{
	size_t i;

	if (n != 2)
		return 0;
	/* X.520 matches countryName without case (caseIgnoreMatch) */
	for (i = 0; i + 1 < sizeof(iso3166); i += 2)
		if (iso3166[i] == (p[0] & ~0x20) &&
		    iso3166[i + 1] == (p[1] & ~0x20))
			return 1;
	return 0;
}

/* Each countryName is an ISO 3166-1 code; xx allows "XX", the
 * user-assigned code BR 7.1.4.2.2 g lets a subscriber's subject use. */
static void
country_rule(struct lint_ctx *c, int xx)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	ASN1_STRING *s;
	char buf[40];
	int i = -1;

	while ((i = X509_NAME_get_index_by_NID(nm, NID_countryName, i)) >= 0) {
		s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i));
		if (iso_country(ASN1_STRING_get0_data(s),
		    ASN1_STRING_length(s)) || (xx &&
		    ASN1_STRING_length(s) == 2 && memcmp(
		    ASN1_STRING_get0_data(s), "XX", 2) == 0))
			continue;
		lint_find(c, "the countryName \"%s\" is not an ISO 3166-1 "
		    "code", LINT_SHOW(buf, ASN1_STRING_get0_data(s),
		    (size_t)ASN1_STRING_length(s)));
	}
}

static void
country_not_iso(struct lint_ctx *c)
{
	country_rule(c, !(c->kind & LK_CA));
}

/* BR 7.1.2.10.2 (CA certificate naming; 7.1.4.3.1 before BR 2.0):
 * commonName, countryName and organizationName MUST be present. */
/* An attribute whose value is empty names nothing. */
static void
ca_need(struct lint_ctx *c, int nid, const char *what)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	int i = -1;

	while ((i = X509_NAME_get_index_by_NID(nm, nid, i)) >= 0)
		if (ASN1_STRING_length(X509_NAME_ENTRY_get_data(
		    X509_NAME_get_entry(nm, i))) > 0)
			return;
	lint_find(c, "the CA's subject has no %s", what);
}

static void
ca_cn_missing(struct lint_ctx *c)
{
	ca_need(c, NID_commonName, "commonName");
}

static void
ca_c_missing(struct lint_ctx *c)
{
	ca_need(c, NID_countryName, "countryName");
}

static void
ca_o_missing(struct lint_ctx *c)
{
	ca_need(c, NID_organizationName, "organizationName");
}

static void
ca_c_invalid(struct lint_ctx *c)
{
	country_rule(c, 0);
}

/* BR 7.1.4.2.2 (before BR 2.0): countryName when O, givenName or
 * surname is there (h); localityName when they are and
 * stateOrProvinceName is not (e), and never without them (e). */
static int
org_or_person(const struct lint_ctx *c)
{
	return subj_count(c, NID_organizationName) > 0 ||
	    subj_count(c, NID_givenName) > 0 || subj_count(c, NID_surname) > 0;
}

static void
sub_c_must(struct lint_ctx *c)
{
	if (org_or_person(c) && subj_count(c, NID_countryName) == 0)
		lint_find(c, "the subject has an organization or a person's "
		    "name and no countryName");
}

static void
sub_l_must(struct lint_ctx *c)
{
	if (org_or_person(c) && subj_count(c, NID_stateOrProvinceName) == 0 &&
	    subj_count(c, NID_localityName) == 0)
		lint_find(c, "the subject has an organization or a person's "
		    "name and neither localityName nor stateOrProvinceName");
}

static void
sub_l_must_not(struct lint_ctx *c)
{
	if (!org_or_person(c) && subj_count(c, NID_localityName) > 0)
		lint_find(c, "the subject has a localityName and no "
		    "organization or person's name");
}

/* BR 7.1.4.2.2 c: givenName and surname only with the individual
 * validation policy (2.23.140.1.2.3) or EV's. */
static void
gn_sn_policy(struct lint_ctx *c)
{
	if ((subj_count(c, NID_givenName) > 0 ||
	    subj_count(c, NID_surname) > 0) && !has_policy(c, POL_IV) &&
	    !has_policy(c, POL_EV))
		lint_find(c, "the subject has givenName or surname and the "
		    "certificate asserts neither the IV nor the EV policy");
}

/* BR 7.1.4.2.2 i: an organizationalUnitName only with an
 * organizationName; from 2022-09-01 (Ballot SC47) none at all. */
static void
ou_without_o(struct lint_ctx *c)
{
	if (subj_count(c, NID_organizationalUnitName) > 0 &&
	    subj_count(c, NID_organizationName) == 0)
		lint_find(c, "the subject has an organizationalUnitName and no "
		    "organizationName");
}

static void
ou_prohibited(struct lint_ctx *c)
{
	if (subj_count(c, NID_organizationalUnitName) > 0)
		lint_find(c, "the subject has an organizationalUnitName");
}

/* BR 7.1.4.2.2 j: "Subject attributes MUST NOT contain only metadata
 * such as '.', '-', and ' ' (i.e. space) characters". */
static void
noninformational(struct lint_ctx *c)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	unsigned char *u;
	char buf[80];
	int i, j, len;

	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		if ((len = entry_utf8(X509_NAME_get_entry(nm, i), &u)) < 0)
			continue;
		for (j = 0; j < len && (u[j] == '.' || u[j] == '-' ||
		    u[j] == ' '); j++)
			;
		if (len > 0 && j == len)
			lint_find(c, "the subject value \"%s\" is only "
			    "metadata", LINT_SHOW(buf, u, (size_t)len));
		OPENSSL_free(u);
	}
}

/* BR 3.2.2.1: stateOrProvinceName and localityName are the verified
 * place names of an authoritative source: no control characters, and
 * none of = : { } [ ] ; " | \ that mark structured data (JSON, key=value)
 * put into them, zlint's reading, which no place name needs. */
static void
place_chars(struct lint_ctx *c)
{
	static const int nids[] = { NID_stateOrProvinceName,
	    NID_localityName };
	X509_NAME *nm = X509_get_subject_name(c->x);
	unsigned char *u;
	char buf[80];
	size_t k;
	int i, j, len;

	for (k = 0; k < sizeof(nids) / sizeof(nids[0]); k++) {
		i = -1;
		while ((i = X509_NAME_get_index_by_NID(nm, nids[k], i)) >= 0) {
			if ((len = entry_utf8(X509_NAME_get_entry(nm, i),
			    &u)) < 0)
				continue;
			for (j = 0; j < len; j++)
				if (u[j] < 0x20 || u[j] == 0x7f ||
				    strchr("=:{}[];\"|\\", u[j]) != NULL)
					break;
			if (j < len)
				lint_find(c, "the %s \"%s\" has a control or "
				    "structuring character",
				    OBJ_nid2ln(nids[k]), LINT_SHOW(buf, u,
				    (size_t)len));
			OPENSSL_free(u);
		}
	}
}

/* certlint: whitespace before or after a subject value. */
static int
is_space(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r');
}

static void
ws_rule(struct lint_ctx *c, int lead)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	unsigned char *u;
	char buf[80], oid[80];
	int i, len;

	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		if ((len = entry_utf8(X509_NAME_get_entry(nm, i), &u)) < 0)
			continue;
		if (len > 0 && is_space(lead ? u[0] : u[len - 1])) {
			OBJ_obj2txt(oid, sizeof(oid),
			    X509_NAME_ENTRY_get_object(X509_NAME_get_entry(nm,
			    i)), 0);
			lint_find(c, "the subject's %s \"%s\" has %s "
			    "whitespace", oid, LINT_SHOW(buf, u, (size_t)len),
			    lead ? "leading" : "trailing");
		}
		OPENSSL_free(u);
	}
}

static void
ws_leading(struct lint_ctx *c)
{
	ws_rule(c, 1);
}

static void
ws_trailing(struct lint_ctx *c)
{
	ws_rule(c, 0);
}

/* certlint: a RelativeDistinguishedName of more than one attribute. */
static void
multi_rdn(struct lint_ctx *c)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	int i;

	for (i = 1; i < X509_NAME_entry_count(nm); i++)
		if (X509_NAME_ENTRY_set(X509_NAME_get_entry(nm, i)) ==
		    X509_NAME_ENTRY_set(X509_NAME_get_entry(nm, i - 1))) {
			lint_find(c, "the subject has a multi-valued "
			    "relative distinguished name");
			return;
		}
}

/* BR 7.1.4.1 (BR 2.0): "Each Name MUST NOT contain more than one
 * instance of a given AttributeTypeAndValue across all
 * RelativeDistinguishedNames unless explicitly allowed": the BRs allow
 * more than one domainComponent, streetAddress and (while allowed at
 * all) organizationalUnitName. */
static const int single_nids[] = {
	NID_commonName, NID_surname, NID_serialNumber, NID_countryName,
	NID_localityName, NID_stateOrProvinceName, NID_organizationName,
	NID_businessCategory, NID_givenName, NID_organizationIdentifier,
	NID_postalCode, NID_jurisdictionLocalityName,
	NID_jurisdictionStateOrProvinceName, NID_jurisdictionCountryName
};

static void
dup_attrs(struct lint_ctx *c)
{
	size_t k;

	for (k = 0; k < sizeof(single_nids) / sizeof(single_nids[0]); k++)
		if (subj_count(c, single_nids[k]) > 1)
			lint_find(c, "the subject has more than one %s",
			    OBJ_nid2ln(single_nids[k]));
}

/* BR 7.1.4.2 (BR 2.0): the attributes the table lists, when there,
 * come in its order. */
static const int order_nids[] = {
	NID_domainComponent, NID_countryName, NID_stateOrProvinceName,
	NID_localityName, NID_postalCode, NID_streetAddress,
	NID_organizationName, NID_surname, NID_givenName,
	NID_organizationalUnitName, NID_commonName
};

static void
rdn_order(struct lint_ctx *c)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	size_t k, last = 0, nk = sizeof(order_nids) / sizeof(order_nids[0]);
	int i, nid;

	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(
		    X509_NAME_get_entry(nm, i)));
		for (k = 0; k < nk && order_nids[k] != nid; k++)
			;
		if (k == nk)
			continue;
		if (k < last) {
			lint_find(c, "the subject's %s comes after its %s",
			    OBJ_nid2ln(nid), OBJ_nid2ln(order_nids[last]));
			return;
		}
		last = k;
	}
}

/* BR 7.1.4.2 (BR 2.0, the encoding column): countryName, serialNumber
 * and jurisdictionCountryName PrintableString, domainComponent
 * IA5String, the other attributes it lists UTF8String or
 * PrintableString. */
static const struct {
	int	 nid;
	int	 types;		/* B_ASN1_* */
} enc[] = {
	{ NID_domainComponent,		B_ASN1_IA5STRING },
	{ NID_countryName,		B_ASN1_PRINTABLESTRING },
	{ NID_serialNumber,		B_ASN1_PRINTABLESTRING },
	{ NID_jurisdictionCountryName,	B_ASN1_PRINTABLESTRING },
	{ NID_stateOrProvinceName,	B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_localityName,		B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_postalCode,		B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_streetAddress,		B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_organizationName,		B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_surname,			B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_givenName,		B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_organizationalUnitName,	B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_commonName,		B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_businessCategory,		B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_jurisdictionStateOrProvinceName, B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_jurisdictionLocalityName,	B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
	{ NID_organizationIdentifier,	B_ASN1_UTF8STRING |
	    B_ASN1_PRINTABLESTRING },
};

static void
rdn_encoding(struct lint_ctx *c)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	ASN1_STRING *s;
	size_t k;
	int i, nid;

	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(
		    X509_NAME_get_entry(nm, i)));
		s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i));
		for (k = 0; k < sizeof(enc) / sizeof(enc[0]); k++)
			if (enc[k].nid == nid)
				break;
		if (k < sizeof(enc) / sizeof(enc[0]) &&
		    !(ASN1_tag2bit(ASN1_STRING_type(s)) & enc[k].types))
			lint_find(c, "the subject's %s is a%s %s",
			    OBJ_nid2ln(nid), ASN1_STRING_type(s) ==
			    V_ASN1_IA5STRING ? "n" : "",
			    ASN1_tag2str(ASN1_STRING_type(s)));
	}
}

/* BR 7.1.2.7.2 (BR 2.0): a domain-validated subscriber's subject has
 * at most countryName and commonName. */
static void
dv_subject(struct lint_ctx *c)
{
	X509_NAME *nm = X509_get_subject_name(c->x);
	int i, nid;

	if (!has_policy(c, POL_DV))
		return;
	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(
		    X509_NAME_get_entry(nm, i)));
		if (nid != NID_countryName && nid != NID_commonName) {
			lint_find(c, "the subject of a domain-validated "
			    "certificate has %s", OBJ_nid2ln(nid));
			return;
		}
	}
}

/* BR 7.1.6.4 (before BR 2.0): an individual-validated certificate has
 * organizationName, or givenName and surname; BR 7.1.2.7.3 (BR 2.0):
 * givenName and surname. */
static int
gn_and_sn(const struct lint_ctx *c)
{
	return subj_count(c, NID_givenName) > 0 &&
	    subj_count(c, NID_surname) > 0;
}

static void
iv_personal(struct lint_ctx *c)
{
	if (has_policy(c, POL_IV) && !gn_and_sn(c) &&
	    subj_count(c, NID_organizationName) == 0)
		lint_find(c, "the certificate asserts the IV policy and its "
		    "subject has neither organizationName nor givenName and "
		    "surname");
}

static void
iv_personal_strict(struct lint_ctx *c)
{
	if (has_policy(c, POL_IV) && !gn_and_sn(c))
		lint_find(c, "the certificate asserts the IV policy and its "
		    "subject has not both givenName and surname");
}

/* ---- other extensions of the group ---- */

/*
 * BR 7.1.2.7.7: the AIA's URLs are the issuing CA's, publicly reached;
 * BR 1.6.1 "Internal Name": a name that does not end in a top-level
 * domain of IANA's Root Zone Database.  Without that database only the
 * names that can never end in one are judged: a single label, and the
 * special-use top-level names of RFC 2606 (test, example, invalid,
 * localhost), RFC 6762 (local) and ICANN's "internal" (2024).  zlint
 * cites 7.1.2.10.3, the CA certificates' AIA.
 */
static int
internal_host(const char *h, size_t n)
{
	static const char *const tlds[] = {
		"test", "example", "invalid", "localhost", "local", "internal"
	};
	const char *dot;
	size_t k, tl;

	if (n > 0 && h[n - 1] == '.')
		n--;
	if (n == 0)
		return 0;
	for (dot = h + n; dot > h && dot[-1] != '.'; dot--)
		;
	if (dot == h)
		return 1;
	tl = (size_t)(h + n - dot);
	for (k = 0; k < sizeof(tlds) / sizeof(tlds[0]); k++)
		if (strlen(tlds[k]) == tl && OPENSSL_strncasecmp(dot, tlds[k],
		    tl) == 0)
			return 1;
	return 0;
}

static void
aia_internal(struct lint_ctx *c)
{
	AUTHORITY_INFO_ACCESS *aia;
	ACCESS_DESCRIPTION *ad;
	ASN1_OCTET_STRING *ip;
	const char *u, *h, *e, *at;
	char buf[160], host[256];
	int i, n;

	if (lint_ext(c, NID_info_access) == NULL ||
	    (aia = X509V3_EXT_d2i(lint_ext(c, NID_info_access))) == NULL)
		return;
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		ad = sk_ACCESS_DESCRIPTION_value(aia, i);
		if (ad->location->type != GEN_URI)
			continue;
		u = (const char *)ASN1_STRING_get0_data(
		    ad->location->d.uniformResourceIdentifier);
		n = ASN1_STRING_length(
		    ad->location->d.uniformResourceIdentifier);
		if ((h = strstr(u, "://")) == NULL || h - u > n)
			continue;
		h += 3;
		for (e = h; e < u + n && *e != '/' && *e != '?' &&
		    *e != '#'; e++)
			;
		for (at = e; at > h && at[-1] != '@'; at--)
			;
		h = at;
		if (h < e && *h == '[')		/* an IPv6 literal */
			continue;
		if ((size_t)(e - h) >= sizeof(host))
			continue;
		memcpy(host, h, (size_t)(e - h));
		host[e - h] = '\0';
		if (strchr(host, ':') != NULL)
			*strchr(host, ':') = '\0';
		if ((ip = a2i_IPADDRESS(host)) != NULL) {
			ASN1_OCTET_STRING_free(ip);
			continue;
		}
		if (internal_host(host, strlen(host)))
			lint_find(c, "the authorityInfoAccess URL \"%s\" names "
			    "an internal host", LINT_SHOW(buf,
			    (const unsigned char *)u, (size_t)n));
	}
	AUTHORITY_INFO_ACCESS_free(aia);
}


/* BR 7.1.2.7.6 (BR 2.0): subjectKeyIdentifier NOT RECOMMENDED in a
 * subscriber certificate. */
static void
ski_subscriber(struct lint_ctx *c)
{
	if (lint_ext(c, NID_subject_key_identifier) != NULL)
		lint_find(c, "a subscriber certificate has a "
		    "subjectKeyIdentifier (not recommended)");
}

/* BR 7.1.2.2 g (7.1.2.10.8 in BR 2.0): a subordinate CA's
 * nameConstraints SHOULD be critical. */
static void
subca_nc_not_critical(struct lint_ctx *c)
{
	if (lint_crit(c, NID_name_constraints) == 0)
		lint_find(c, "the nameConstraints extension is not critical");
}

const struct lint_rule lint_cabf_names[] = {
	/* DNS names */
	{ "e_dnsname_bad_character_in_label", LINT_ERROR, "CA/B BR",
	    "7.1.4.2", "2012-07-01", LK_TLS, bad_char, LR_REQ },
	{ "e_dnsname_empty_label", LINT_ERROR, "CA/B BR", "7.1.4.2",
	    "2012-07-01", LK_TLS, empty_label, LR_REQ },
	{ "e_dnsname_label_too_long", LINT_ERROR, "RFC 1035", "2.3.4",
	    "2012-07-01", LK_TLS, label_long, LR_REQ },
	{ "e_dnsname_hyphen_in_sld", LINT_ERROR, "CA/B BR", "7.1.4.2",
	    "2008-05-01", LK_TLS, hyphen_sld, LR_REQ },
	{ "e_dnsname_left_label_wildcard_correct", LINT_ERROR, "CA/B BR",
	    "1.6.1", "2012-07-01", LK_TLS, left_wild, LR_REQ },
	{ "e_dnsname_wildcard_only_in_left_label", LINT_ERROR, "CA/B BR",
	    "1.6.1", "2012-07-01", LK_TLS, wild_left_only, LR_REQ },
	{ "e_dnsname_underscore_in_sld", LINT_ERROR, "CA/B BR", "7.1.4.2.1",
	    "2008-05-01", LK_TLS, us_sld, 0 },
	{ "w_dnsname_underscore_in_trd", LINT_WARNING, "CA/B BR",
	    "7.1.4.2.1", "2008-05-01", LK_TLS, us_trd, 0 },
	{ "e_no_underscores_before_1_6_2", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "0000-01-01", LK_TLS, us_before_162, 0 },
	{ "e_underscore_permissible_in_dnsname_if_valid_when_replaced",
	    LINT_ERROR, "CA/B BR", "7.1.4.2.1", "2018-12-10", LK_TLS,
	    us_replaced, 0 },
	{ "e_underscore_present_with_too_long_validity", LINT_ERROR,
	    "CA/B BR", "7.1.4.2.1", "2018-12-10", LK_TLS, us_long_validity, 0 },
	{ "e_underscore_not_permissible_in_dnsname", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2019-04-01", LK_TLS, us_not_permissible, 0 },
	{ "e_dnsname_contains_prohibited_reserved_label", LINT_ERROR,
	    "CA/B BR", "7.1.4.2.1", "2021-10-01", LK_TLS, reserved_label,
	    LR_REQ },
	{ "e_international_dns_name_not_nfc", LINT_ERROR, "RFC 5891", "5.3",
	    "2018-05-01", LK_CERT, not_nfc, LR_REQ },
	{ "e_san_dns_name_onion_invalid", LINT_ERROR, "CA/B BR",
	    "Appendix B", "2015-05-01", LK_TLS, onion_invalid, LR_REQ },
	{ "e_subject_contains_reserved_arpa_ip", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, arpa_reserved, 0 },
	{ "w_subject_contains_malformed_arpa_ip", LINT_WARNING, "CA/B BR",
	    "3.2.2.6", "2012-07-01", LK_TLS, arpa_malformed, 0 },
	{ "n_contains_redacted_dnsname", LINT_NOTICE, "community",
	    "draft-strad-trans-redaction-00", "0000-01-01", LK_CERT,
	    redacted, 0 },
	{ "n_san_dns_name_duplicate", LINT_NOTICE, "community", "certlint",
	    "0000-01-01", LK_CERT, san_dup, LR_REQ },
	{ "e_san_dns_name_includes_null_char", LINT_ERROR, "community",
	    "certlint", "0000-01-01", LK_CERT, san_null, LR_REQ },
	{ "e_ian_dns_name_includes_null_char", LINT_ERROR, "community",
	    "certlint", "0000-01-01", LK_CERT, ian_null, 0 },
	{ "e_san_dns_name_starts_with_period", LINT_ERROR, "community",
	    "certlint", "0000-01-01", LK_CERT, san_period, LR_REQ },
	{ "e_ian_dns_name_starts_with_period", LINT_ERROR, "community",
	    "certlint", "0000-01-01", LK_CERT, ian_period, 0 },
	{ "e_san_bare_wildcard", LINT_ERROR, "community", "certlint",
	    "0000-01-01", LK_CERT, san_bare, LR_REQ },
	{ "e_ian_bare_wildcard", LINT_ERROR, "community", "certlint",
	    "0000-01-01", LK_CERT, ian_bare, 0 },
	{ "e_san_wildcard_not_first", LINT_ERROR, "community", "certlint",
	    "0000-01-01", LK_CERT, san_wild_first, LR_REQ },
	{ "e_ian_wildcard_not_first", LINT_ERROR, "community", "certlint",
	    "0000-01-01", LK_CERT, ian_wild_first, 0 },
	/* subjectAltName */
	{ "e_ext_san_missing", LINT_ERROR, "CA/B BR", "7.1.4.2.1",
	    "2012-07-01", LK_TLS, san_missing, 0 },
	{ "e_ext_san_directory_name_present", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, san_dirname, LR_REQ },
	{ "e_ext_san_edi_party_name_present", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, san_edi, LR_REQ },
	{ "e_ext_san_other_name_present", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, san_othername, LR_REQ },
	{ "e_ext_san_registered_id_present", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, san_rid, LR_REQ },
	{ "e_ext_san_rfc822_name_present", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, san_email, LR_REQ },
	{ "e_ext_san_uniform_resource_identifier_present", LINT_ERROR,
	    "CA/B BR", "7.1.4.2.1", "2012-07-01", LK_TLS, san_uri, LR_REQ },
	{ "e_ext_san_contains_reserved_ip", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, san_reserved_ip, LR_REQ },
	{ "w_ext_san_critical_with_subject_dn", LINT_WARNING, "RFC 5280",
	    "4.2.1.6", "2008-05-01", LK_CERT, san_critical_with_subject, 0 },
	/* commonName */
	{ "e_subject_common_name_not_from_san", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2012-07-01", LK_TLS, cn_not_from_san, 0 },
	{ "e_subject_common_name_not_exactly_from_san", LINT_ERROR,
	    "CA/B BR", "7.1.4.2.2", "2021-08-25", LK_TLS,
	    cn_not_exactly_from_san, 0 },
	{ "n_subject_common_name_included", LINT_NOTICE, "CA/B BR",
	    "7.1.4.2.2", "2012-07-01", LK_TLS, cn_included_notice, 0 },
	{ "w_subject_common_name_included", LINT_WARNING, "CA/B BR",
	    "7.1.2.7.1", "2023-09-15", LK_TLS, cn_included, 0 },
	{ "w_extra_subject_common_names", LINT_WARNING, "CA/B BR",
	    "7.1.4.2.2", "2012-07-01", LK_TLS, extra_cn, 0 },
	{ "e_subject_contains_reserved_ip", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.1", "2012-07-01", LK_TLS, subject_reserved_ip, 0 },
	/* subject fields */
	{ "e_ca_common_name_missing", LINT_ERROR, "CA/B BR", "7.1.2.10.2",
	    "2017-06-08", LK_CA, ca_cn_missing, 0 },
	{ "e_ca_country_name_missing", LINT_ERROR, "CA/B BR", "7.1.2.10.2",
	    "2012-07-01", LK_CA, ca_c_missing, 0 },
	{ "e_ca_country_name_invalid", LINT_ERROR, "CA/B BR", "7.1.2.10.2",
	    "2012-07-01", LK_CA, ca_c_invalid, 0 },
	{ "e_ca_organization_name_missing", LINT_ERROR, "CA/B BR",
	    "7.1.2.10.2", "2012-07-01", LK_CA, ca_o_missing, 0 },
	{ "e_subject_country_not_iso", LINT_ERROR, "CA/B BR", "7.1.4.2.2",
	    "2012-07-01", LK_CERT, country_not_iso, 0 },
	{ "e_sub_cert_country_name_must_appear", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2016-09-07", LK_TLS, sub_c_must, 0 },
	{ "e_sub_cert_locality_name_must_appear", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2016-09-07", LK_TLS, sub_l_must, 0 },
	{ "e_sub_cert_locality_name_must_not_appear", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2016-09-07", LK_TLS, sub_l_must_not, 0 },
	{ "e_sub_cert_given_name_surname_contains_correct_policy",
	    LINT_ERROR, "CA/B BR", "7.1.4.2.2", "2016-09-07", LK_TLS,
	    gn_sn_policy, 0 },
	{"e_subject_contains_organizational_unit_name_and_no_organization_name",
	    LINT_ERROR, "CA/B BR", "7.1.4.2.2", "2021-08-16", LK_TLS,
	    ou_without_o, 0 },
	{ "e_organizational_unit_name_prohibited", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2022-09-01", LK_TLS, ou_prohibited, 0 },
	{ "e_subject_contains_noninformational_value", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2012-07-01", LK_TLS, noninformational, 0 },
	{ "e_state_or_province_name_must_not_contain_control_characters",
	    LINT_ERROR, "CA/B BR", "3.2.2.1", "2012-07-01", LK_TLS | LK_CA,
	    place_chars, 0 },
	{ "w_subject_dn_leading_whitespace", LINT_WARNING, "community",
	    "certlint", "0000-01-01", LK_CERT, ws_leading, 0 },
	{ "w_subject_dn_trailing_whitespace", LINT_WARNING, "community",
	    "certlint", "0000-01-01", LK_CERT, ws_trailing, 0 },
	{ "n_multiple_subject_rdn", LINT_NOTICE, "community", "certlint",
	    "0000-01-01", LK_CERT, multi_rdn, 0 },
	{ "e_duplicate_subject_attribs", LINT_ERROR, "CA/B BR", "7.1.4.1",
	    "2023-09-15", LK_TLS | LK_CA, dup_attrs, 0 },
	{ "e_invalid_subject_rdn_order", LINT_ERROR, "CA/B BR", "7.1.4.2",
	    "2023-09-15", LK_TLS | LK_CA, rdn_order, 0 },
	{ "e_subject_rdns_correct_encoding", LINT_ERROR, "CA/B BR",
	    "7.1.4.2", "2023-09-15", LK_TLS | LK_CA, rdn_encoding, 0 },
	{ "e_cab_dv_subject_invalid_values", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.2", "2023-09-15", LK_TLS, dv_subject, 0 },
	{ "e_cab_iv_requires_personal_name", LINT_ERROR, "CA/B BR",
	    "7.1.6.4", "2015-09-28", LK_TLS, iv_personal, 0 },
	{ "e_cab_iv_requires_personal_name_strict", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.3", "2023-09-15", LK_TLS, iv_personal_strict, 0 },
	/* other extensions */
	{ "w_ext_subject_key_identifier_not_recommended_subscriber",
	    LINT_WARNING, "CA/B BR", "7.1.2.7.6", "2023-09-15", LK_TLS,
	    ski_subscriber, 0 },
	{ "w_sub_cert_aia_contains_internal_names", LINT_WARNING, "CA/B BR",
	    "7.1.2.7.7", "2012-07-01", LK_TLS, aia_internal, 0 },
	{ "w_sub_ca_name_constraints_not_critical", LINT_WARNING, "CA/B BR",
	    "7.1.2.2", "2012-06-08", LK_SUBCA, subca_nc_not_critical, 0 },
	{ NULL, 0, NULL, NULL, NULL, 0, NULL, 0 }
};
