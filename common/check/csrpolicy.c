/* csrpolicy.c: what a CA checks in a request; see csrpolicy.h. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <idn2.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "check/csrpolicy.h"
#include "base/diag.h"
#include "lint/engine.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "base/ossl.h"
#include "x509/x509info.h"

/* ISO 3166-1 alpha-2, the officially assigned codes. */
static const char iso3166[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH "
    "BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL "
    "CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET "
    "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU "
    "GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE "
    "KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC "
    "MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC "
    "NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT "
    "PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR "
    "SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA "
    "UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

static void
add(struct csr_findings *f, enum csr_severity sev, const char *fmt,
    va_list ap) __attribute__((format(printf, 3, 0)));

static void
add(struct csr_findings *f, enum csr_severity sev, const char *fmt,
    va_list ap)
{
	char buf[512];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
	f->v[f->n].sev = sev;
	f->v[f->n++].text = xstrdup(buf);
	f->nreject += sev == CSR_REJECTION;
}

static void
reject(struct csr_findings *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
reject(struct csr_findings *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(f, CSR_REJECTION, fmt, ap);
	va_end(ap);
}

static void
warn(struct csr_findings *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn(struct csr_findings *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(f, CSR_WARNING, fmt, ap);
	va_end(ap);
}

void
csr_findings_free(struct csr_findings *f)
{
	while (f->n > 0)
		free(f->v[--f->n].text);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

int
csr_host_ok(const char *h, int wild_ok)
{
	const char *l = h, *dot;
	size_t n, labels = 0;

	if (wild_ok && strncmp(h, "*.", 2) == 0)
		l = h + 2;
	/* a certificate's names have no root dot: "example.com." is
	 * not the preferred name syntax of RFC 5280 section 4.2.1.6 */
	if (strlen(l) > 253 || (*l != '\0' && l[strlen(l) - 1] == '.'))
		return 0;
	for (; *l != '\0'; l = dot + 1) {
		dot = strchr(l, '.');
		n = dot != NULL ? (size_t)(dot - l) : strlen(l);
		if (n == 0 || n > 63 || l[0] == '-' || l[n - 1] == '-')
			return 0;
		if (strspn(l, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") < n)
			return 0;
		labels++;
		if (dot == NULL)
			break;
	}
	return labels >= 2;
}

int
csr_ip(const char *s, unsigned char *a)
{
	memset(a, 0, 16);
	return inet_pton(AF_INET, s, a) == 1 ? 4 :
	    inet_pton(AF_INET6, s, a) == 1 ? 16 : 0;
}

/* Is the address ip (csr_ip's form, n bytes) among the SAN's? */
static int
ip_listed(const struct strlist *l, const unsigned char *ip, int n)
{
	unsigned char a[16];
	size_t j;

	for (j = 0; j < l->n; j++)
		if (csr_ip(l->v[j], a) == n && memcmp(a, ip, (size_t)n) == 0)
			return 1;
	return 0;
}

const char *
csr_host_why(const char *h, char *buf, size_t n)
{
	const char *p, *base = h;
	char *alabel = NULL;
	size_t len = strlen(h);
	int nonascii = 0;

	if (csr_host_ok(h, 1))
		return NULL;
	for (p = h; *p != '\0'; p++)
		nonascii |= (unsigned char)*p >= 0x80;
	if (len > 1 && h[len - 1] == '.' && h[len - 2] != '.') {
		snprintf(buf, n, "ends with a dot: write it without, %.*s "
		    "(RFC 5280 section 4.2.1.6)", (int)(len - 1), h);
		return buf;
	}
	if (nonascii) {
		/* RFC 5890 section 2.3.2.1: the A-label, by IDNA2008
		 * (RFC 5891 section 4) as libidn2 computes it */
		if (strncmp(h, "*.", 2) == 0)
			base = h + 2;
		if (idn2_to_ascii_8z(base, &alabel, IDN2_NFC_INPUT |
		    IDN2_NONTRANSITIONAL) == IDN2_OK && alabel != NULL)
			snprintf(buf, n, "is an internationalised name: use "
			    "its A-label, %.*s%s (RFC 5890)",
			    (int)(base - h), h, alabel);
		else
			snprintf(buf, n, "is not a host name, and not an "
			    "internationalised name IDNA2008 can write in "
			    "ASCII (RFC 5891)");
		idn2_free(alabel);
		return buf;
	}
	if (strchr(h, '*') != NULL)
		snprintf(buf, n, "is not a host name (a wildcard may only be "
		    "the whole leftmost label)");
	else
		snprintf(buf, n, "is not a host name");
	return buf;
}

/*
 * The subject in the order of openssl req -subj, "/C=HU/O=.../CN=...",
 * from the last RDN of the DER to the first: what a subject written
 * backwards was meant to be.  Unknown attributes by their OID.
 */
static void
subj_reversed(const X509_NAME *nm, char *buf, size_t n)
{
	const X509_NAME_ENTRY *ne;
	const ASN1_OBJECT *o;
	unsigned char *u;
	char oid[80];
	size_t len = 0;
	int i, k;

	buf[0] = '\0';
	for (i = X509_NAME_entry_count(nm) - 1; i >= 0 && len < n; i--) {
		ne = X509_NAME_get_entry(nm, i);
		o = X509_NAME_ENTRY_get_object(ne);
		if (OBJ_obj2nid(o) != NID_undef)
			snprintf(oid, sizeof(oid), "%s",
			    OBJ_nid2sn(OBJ_obj2nid(o)));
		else
			OBJ_obj2txt(oid, sizeof(oid), o, 1);
		u = NULL;
		if ((k = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(
		    ne))) < 0)
			k = 0;
		len += (size_t)snprintf(buf + len, n - len, "/%s=%.*s", oid, k,
		    u != NULL ? (const char *)u : "");
		OPENSSL_free(u);
	}
	ERR_clear_error();
}

static int
email_ok(const char *e)
{
	const char *at = strrchr(e, '@');

	return at != NULL && at != e && csr_host_ok(at + 1, 0) &&
	    strspn(e, "!#$%&'*+-/=?^_`{|}~.abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == (size_t)(at - e);
}

static void
dups(struct csr_findings *p, const struct strlist *l, const char *kind)
{
	size_t i, j;

	for (i = 0; i < l->n; i++)
		for (j = 0; j < i; j++)
			if (strcasecmp(l->v[i], l->v[j]) == 0) {
				reject(p, "duplicate subjectAltName %s:%s: "
				    "list each name once", kind, l->v[i]);
				break;
			}
}

void
csr_attributes(X509_REQ *req, const STACK_OF(X509_EXTENSION) *xs,
    struct strlist *attrs, struct strlist *exts)
{
	char oid[128];
	int i, nid;

	for (i = 0; i < X509_REQ_get_attr_count(req); i++) {
		const ASN1_OBJECT *o = X509_ATTRIBUTE_get0_object(
		    X509_REQ_get_attr(req, i));

		if ((nid = OBJ_obj2nid(o)) == NID_ext_req ||
		    nid == NID_ms_ext_req)
			continue;
		if (nid != NID_undef)
			strlist_add(attrs, OBJ_nid2sn(nid));
		else {
			OBJ_obj2txt(oid, sizeof(oid), o, 1);
			strlist_add(attrs, oid);
		}
	}
	for (i = 0; i < sk_X509_EXTENSION_num(xs); i++) {
		const ASN1_OBJECT *o = X509_EXTENSION_get_object(
		    sk_X509_EXTENSION_value(xs, i));

		if ((nid = OBJ_obj2nid(o)) != NID_undef)
			strlist_add(exts, OBJ_nid2sn(nid));
		else {
			OBJ_obj2txt(oid, sizeof(oid), o, 1);
			strlist_add(exts, oid);
		}
	}
}

/* Does the CSR cover name?  ossl_covers on a certificate that carries
 * only the CSR's subject and subjectAltName. */
static int
covers(X509_REQ *req, const GENERAL_NAMES *gns, const char *name)
{
	X509 *x;
	int ok = 0;

	if ((x = X509_new()) != NULL &&
	    X509_set_subject_name(x, X509_REQ_get_subject_name(req)) &&
	    (gns == NULL || X509_add1_ext_i2d(x, NID_subject_alt_name,
	    (void *)gns, 0, X509V3_ADD_DEFAULT)))
		ok = ossl_covers(x, name);
	X509_free(x);
	ERR_clear_error();
	return ok;
}

void
csr_judge(const struct csr_policy *c, X509_REQ *req,
    const GENERAL_NAMES *gns, const STACK_OF(X509_EXTENSION) *exts,
    EVP_PKEY *pk, const struct x509info *xi, int sig, struct csr_findings *p)
{
	const X509_NAME *nm = X509_REQ_get_subject_name(req);
	const X509_NAME_ENTRY *ne;
	const ASN1_STRING *v;
	BASIC_CONSTRAINTS *bc;
	EXTENDED_KEY_USAGE *eku;
	char *cn, *em, field[32], oid[80], why[256], dn[400];
	unsigned char cnip[16];
	const char *f, *e;
	int i, mdnid = NID_undef, pknid, k, nid, ncnip = 0;
	size_t j, n;

	/* proof of possession, RFC 2986 section 3 */
	if (sig == 0)
		reject(p, "the signature does not verify: the request was "
		    "altered, or not signed by its key; make it again");
	else if (sig < 0)
		reject(p, "signed with %s, which OpenSSL's default provider "
		    "cannot check: make the request again with SHA-256",
		    xi->sig);
	/* keys: BR 6.1.5; S/MIME BR 6.1.5 also allows EdDSA */
	if (strcmp(xi->key_type, "RSA") == 0) {
		if (xi->key_bits < c->min_rsa)
			reject(p, "RSA key of %d bits is too short: make a "
			    "new key of at least %ld bits", xi->key_bits,
			    c->min_rsa);
	} else if (strcmp(xi->key_type, "EC") == 0) {
		if (strcmp(xi->curve, "P-256") != 0 &&
		    strcmp(xi->curve, "P-384") != 0 &&
		    strcmp(xi->curve, "P-521") != 0)
			reject(p, "EC key on curve %s: use P-256, P-384 or "
			    "P-521", xi->curve[0] ? xi->curve : "(explicit)");
	} else if ((strcmp(xi->key_type, "ED25519") == 0 ||
	    strcmp(xi->key_type, "ED448") == 0) && c->smime) {
		;
	} else
		reject(p, "%s keys are not accepted for %s certificates: "
		    "use RSA (2048 bits or more) or EC P-256", xi->key_type,
		    c->smime ? "S/MIME" : "TLS server");
	/* signature: BR 7.1.3.2 */
	OBJ_find_sigid_algs(X509_REQ_get_signature_nid(req), &mdnid, &pknid);
	if (mdnid == NID_md5 || mdnid == NID_sha1 || mdnid == NID_md4 ||
	    mdnid == NID_md2)
		reject(p, "signed with %s: make the request with SHA-256 "
		    "(openssl req -sha256)", OBJ_nid2sn(mdnid));
	/* subject: BR 7.1.4.2 */
	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		ne = X509_NAME_get_entry(nm, i);
		v = X509_NAME_ENTRY_get_data(ne);
		nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(ne));
		n = (size_t)ASN1_STRING_length(v);
		f = (const char *)ASN1_STRING_get0_data(v);
		if (nid == NID_countryName) {
			char cc[3] = { 0, 0, 0 };

			if (n == 2) {
				cc[0] = f[0];
				cc[1] = f[1];
			}
			if (n != 2 || !isupper((unsigned char)cc[0]) ||
			    !isupper((unsigned char)cc[1]) ||
			    strstr(iso3166, cc) == NULL || cc[0] == ' ')
				reject(p, "C=%.*s is not an ISO 3166-1 "
				    "two-letter country code: use one such as "
				    "HU, DE, GB or US", (int)n, f);
		}
		if (nid == NID_undef) {
			OBJ_obj2txt(oid, sizeof(oid),
			    X509_NAME_ENTRY_get_object(ne), 1);
			warn(p, "the subject's attribute %s is one the CA will "
			    "not know: it will drop it or refuse the request",
			    oid);
		}
		if (nid == NID_organizationalUnitName && !c->smime)
			warn(p, "OU=%.*s: the organizationalUnitName is "
			    "prohibited in TLS certificates since 2022-09-01 "
			    "(Baseline Requirements 7.1.4.2): the CA will "
			    "drop it or refuse the request", (int)n, f);
		if (c->ascii) {
			for (j = 0; j < n; j++)
				if ((unsigned char)f[j] < 0x20 ||
				    (unsigned char)f[j] > 0x7e)
					break;
			if (j < n)
				reject(p, "%s holds characters outside "
				    "printable ASCII: write it in English "
				    "letters", OBJ_nid2sn(nid));
		}
	}
	/* written backwards (CN first, C last in the DER): a CA keeps the
	 * order, and the certificate reads upside down (RFC 5280 section
	 * 4.1.2.4 compares names in order) */
	if ((i = X509_NAME_entry_count(nm)) >= 2 &&
	    OBJ_obj2nid(X509_NAME_ENTRY_get_object(X509_NAME_get_entry(nm,
	    0))) == NID_commonName &&
	    OBJ_obj2nid(X509_NAME_ENTRY_get_object(X509_NAME_get_entry(nm,
	    i - 1))) == NID_countryName) {
		subj_reversed(nm, dn, sizeof(dn));
		warn(p, "the subject is in reversed order, CN first and C "
		    "last: did you mean %s?", dn);
	}
	for (f = c->require; f != NULL && *f != '\0'; f = *e ? e + 1 : e) {
		e = f + strcspn(f, ",");
		snprintf(field, sizeof(field), "%.*s", (int)(e - f), f);
		if ((nid = OBJ_txt2nid(field)) == NID_undef ||
		    X509_NAME_get_index_by_NID(nm, nid, -1) < 0)
			reject(p, "the subject has no %s: add it", field);
	}
	/* attributes and requested extensions: RFC 2986 4.1, RFC 2985 5.4 */
	for (i = 0; i < X509_REQ_get_attr_count(req); i++) {
		nid = OBJ_obj2nid(X509_ATTRIBUTE_get0_object(
		    X509_REQ_get_attr(req, i)));
		if (nid == NID_ext_req || nid == NID_ms_ext_req)
			continue;
		if (nid == NID_pkcs9_challengePassword)
			warn(p, "a challengePassword attribute: CAs ignore it, "
			    "and it travels in clear; leave it out");
		else {
			OBJ_obj2txt(oid, sizeof(oid), X509_ATTRIBUTE_get0_object(
			    X509_REQ_get_attr(req, i)), nid == NID_undef);
			warn(p, "a %s attribute: CAs ignore it", oid);
		}
	}
	if ((bc = X509V3_get_d2i(exts, NID_basic_constraints, NULL, NULL)) !=
	    NULL) {
		if (bc->ca && !c->smime)
			reject(p, "it requests basicConstraints cA TRUE: a TLS "
			    "server certificate is never a CA (Baseline "
			    "Requirements 7.1.2.7)");
		BASIC_CONSTRAINTS_free(bc);
	}
	/* the Chrome root program's policy (2026) keeps public TLS server
	 * certificates to serverAuth: CAs drop clientAuth (Let's Encrypt
	 * in 2026), and a server that also dials out with its certificate
	 * breaks at the renewal */
	if (!c->smime && (eku = X509V3_get_d2i(exts, NID_ext_key_usage, NULL,
	    NULL)) != NULL) {
		for (k = 0; k < sk_ASN1_OBJECT_num(eku); k++)
			if (OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, k)) ==
			    NID_client_auth)
				warn(p, "it requests clientAuth: public TLS CAs "
				    "no longer issue it (Chrome root program, "
				    "2026); a TLS client certificate needs a "
				    "private CA");
		EXTENDED_KEY_USAGE_free(eku);
	}
	ERR_clear_error();
	cn = ossl_name_entry(nm, "CN");
	/* an IP address as the CN: BR 7.1.4.3 allows it when it is one of
	 * the subjectAltName's iPAddress entries (BR 7.1.2.7.12) */
	if (cn != NULL && !c->smime)
		ncnip = csr_ip(cn, cnip);
	if (!c->smime) {
		if (cn != NULL && ncnip == 0 &&
		    csr_host_why(cn, why, sizeof(why)) != NULL)
			reject(p, "CN=%s %s", cn, why);
		if (xi->dns.n + xi->ip.n == 0 && ncnip > 0)
			reject(p, "no subjectAltName: the address CN=%s goes "
			    "into it as an iPAddress (openssl req -addext "
			    "subjectAltName=IP:%s)", cn, cn);
		else if (xi->dns.n + xi->ip.n == 0 && (cn == NULL ||
		    c->require_san || !csr_host_ok(cn, 1)))
			reject(p, "no DNS name in a subjectAltName: add the "
			    "server's names (openssl req -addext "
			    "subjectAltName=DNS:...)");
		else if (xi->dns.n + xi->ip.n == 0)
			warn(p, "no subjectAltName, only CN=%s: most CAs add "
			    "the CN as the DNS name (--require-san refuses "
			    "this)", cn);
		if (ncnip > 0 && xi->dns.n + xi->ip.n > 0 &&
		    !ip_listed(&xi->ip, cnip, ncnip))
			reject(p, "CN=%s is not among the IP addresses: add it "
			    "to the subjectAltName (IP:%s)", cn, cn);
		if (cn != NULL && ncnip == 0 && csr_host_ok(cn, 1)) {
			for (j = 0; j < xi->dns.n; j++)
				if (strcasecmp(xi->dns.v[j], cn) == 0)
					break;
			if (j == xi->dns.n && xi->dns.n + xi->ip.n > 0)
				reject(p, "CN=%s is not among the DNS names: "
				    "add it to the subjectAltName", cn);
		}
		for (j = 0; j < xi->dns.n; j++)
			if (csr_host_why(xi->dns.v[j], why, sizeof(why)) !=
			    NULL && (cn == NULL ||
			    strcasecmp(cn, xi->dns.v[j]) != 0))
				reject(p, "DNS:%s %s", xi->dns.v[j], why);
	} else {
		if (xi->email.n == 0)
			reject(p, "no e-mail address in a subjectAltName: add "
			    "it (openssl req -addext "
			    "subjectAltName=email:...)");
		for (j = 0; j < xi->email.n; j++)
			if (!email_ok(xi->email.v[j]))
				reject(p, "email:%s is not an e-mail address",
				    xi->email.v[j]);
		/* S/MIME BR 7.1.4.2.2: the subject's address is a SAN's */
		if ((em = ossl_name_entry(nm, "emailAddress")) != NULL) {
			for (j = 0; j < xi->email.n; j++)
				if (strcasecmp(xi->email.v[j], em) == 0)
					break;
			if (j == xi->email.n)
				reject(p, "emailAddress=%s in the subject is not "
				    "the subjectAltName's address: make them "
				    "one", em);
			free(em);
		}
	}
	free(cn);
	dups(p, &xi->dns, "DNS");
	dups(p, &xi->email, "email");
	dups(p, &xi->ip, "IP");
	for (k = 0; k < c->nhosts; k++)
		if (!covers(req, gns, c->hosts[k]))
			reject(p, "does not cover %s: add it to the "
			    "subjectAltName", c->hosts[k]);
	for (k = 0; k < c->nemails; k++) {
		for (j = 0; j < xi->email.n; j++)
			if (strcasecmp(xi->email.v[j], c->emails[k]) == 0)
				break;
		if (j == xi->email.n)
			reject(p, "does not carry the address %s: add it to "
			    "the subjectAltName (email:%s)", c->emails[k],
			    c->emails[k]);
	}
	for (k = 0; k < c->nkeys; k++)
		if (!key_same(pk, c->keys[k].pk))
			reject(p, "its key is not the key of %s",
			    c->keys[k].file);
	for (k = 0; k < c->nnotkeys; k++)
		if (key_same(pk, c->notkeys[k].pk))
			reject(p, "it reuses the key of %s: make a new key for "
			    "the new certificate", c->notkeys[k].file);
	ERR_clear_error();
}

/*
 * The rules of cert-lint's table that judge a request (LR_REQ,
 * lint/engine.h), as they would judge the certificate a CA issues from
 * it, less those csr_judge says in its own words (the key's type, size
 * and curve; the DNS names' syntax): an error finding is a rejection, a
 * warning a warning, a notice left out; the rule's words, then its id
 * and citation.  In force now, for the policy's profile.
 */
static const char csr_lint_own[] =
    "e_rsa_mod_less_than_2048_bits,e_ec_improper_curves,"
    "e_br_prohibit_dsa_usage,e_public_key_type_not_allowed,"
    "e_dnsname_bad_character_in_label,e_dnsname_empty_label,"
    "e_dnsname_label_too_long,e_dnsname_hyphen_in_sld,"
    "e_dnsname_left_label_wildcard_correct,"
    "e_dnsname_wildcard_only_in_left_label,"
    "e_san_dns_name_includes_null_char,e_san_dns_name_starts_with_period,"
    "e_san_bare_wildcard,e_san_wildcard_not_first,"
    "e_rfc_dnsname_empty_label,e_rfc_dnsname_label_too_long,"
    "e_rfc_dnsname_hyphen_in_sld,e_rfc_dnsname_underscore_in_sld,"
    "w_rfc_dnsname_underscore_in_trd,e_ext_san_dns_not_ia5_string,"
    "e_ext_san_space_dns_name,e_ext_san_dns_name_too_long,"
    "e_subj_email_not_in_san";

static void
csr_lint(const struct csr_policy *pol, X509_REQ *req, struct csr_findings *p)
{
	struct lint_ctx c;
	struct lint_sel sel = { NULL, csr_lint_own, 0 };
	const struct lint_rule *r;
	size_t i;

	sel.profile = pol->smime ? LK_SMIME : LK_TLS;
	if (lint_req(&c, req, time(NULL), &sel) == 0)
		for (i = 0; i < c.nf; i++) {
			r = c.f[i].rule;
			if (r->sev == LINT_ERROR)
				reject(p, "%s (%s, %s %s)", c.f[i].msg, r->id,
				    r->source, r->section);
			else if (r->sev == LINT_WARNING)
				warn(p, "%s (%s, %s %s)", c.f[i].msg, r->id,
				    r->source, r->section);
		}
	ERR_clear_error();
	lint_done(&c);
}

const char *
csr_review(const struct csr_policy *pol, X509_REQ *req, struct csr_review *r)
{
	const X509_ALGOR *alg;
	const ASN1_OBJECT *obj;
	EVP_PKEY *pk;

	memset(r, 0, sizeof(*r));
	if ((pk = X509_REQ_get0_pubkey(req)) == NULL)
		return "OpenSSL cannot decode the request's public key";
	/* proof of possession, RFC 2986 section 3: an algorithm OpenSSL's
	 * providers do not have (MD4, ...) is not a broken signature */
	if ((r->sig = X509_REQ_verify(req, pk)) <= 0 && ossl_unsupported())
		r->sig = -1;
	else if (r->sig < 0)
		return "the request's signature is malformed";
	ERR_clear_error();
	r->xi.subject = x509info_name_str(X509_REQ_get_subject_name(req));
	if (r->xi.subject == NULL)
		r->xi.subject = xstrdup("");
	if ((r->exts = X509_REQ_get_extensions(req)) != NULL &&
	    (r->gns = X509V3_get_d2i(r->exts, NID_subject_alt_name, NULL,
	    NULL)) != NULL)
		x509info_sans(r->gns, &r->xi);
	ERR_clear_error();
	x509info_key(pk, &r->xi);
	if (key_spki_sha256(pk, r->spki_sha256))
		snprintf(r->tlsa, sizeof(r->tlsa), "3 1 1 %s", r->spki_sha256);
	X509_REQ_get0_signature(req, NULL, &alg);
	X509_ALGOR_get0(&obj, NULL, NULL, alg);
	OBJ_obj2txt(r->xi.sig, sizeof(r->xi.sig), obj, 0);
	csr_judge(pol, req, r->gns, r->exts, pk, &r->xi, r->sig, &r->f);
	if (pol->lint)
		csr_lint(pol, req, &r->f);
	csr_attributes(req, r->exts, &r->attrs, &r->xs);
	return NULL;
}

void
csr_review_free(struct csr_review *r)
{
	csr_findings_free(&r->f);
	strlist_free(&r->attrs);
	strlist_free(&r->xs);
	GENERAL_NAMES_free(r->gns);
	sk_X509_EXTENSION_pop_free(r->exts, X509_EXTENSION_free);
	x509info_free(&r->xi);
}

void
csr_policy_init(struct csr_policy *pol, int argc)
{
	memset(pol, 0, sizeof(*pol));
	pol->min_rsa = 2048;
	pol->lint = 1;	/* csr-check and csr-new judge alike */
	pol->hosts = xmalloc(((size_t)argc + 1) * sizeof(*pol->hosts));
	pol->emails = xmalloc(((size_t)argc + 1) * sizeof(*pol->emails));
	pol->keys = xmalloc(((size_t)argc + 1) * sizeof(*pol->keys));
	pol->notkeys = xmalloc(((size_t)argc + 1) * sizeof(*pol->notkeys));
}

int
csr_policy_opt(struct csr_policy *pol, int ch, char *arg, void (*usage)(int))
{
	char *end;

	switch (ch) {
	case 'H':
		if (strchr(arg, '@') != NULL) {
			diag_err(NULL, 0, "-H %s: -H takes a host name; for an "
			    "e-mail address use --email", arg);
			usage(EX_TROUBLE);
		}
		pol->hosts[pol->nhosts++] = arg;
		return 1;
	case 'K':
		pol->notkeys[pol->nnotkeys++].file = arg;
		return 1;
	case 'P':
		if (strcmp(arg, "smime") != 0 && strcmp(arg, "tls") != 0) {
			diag_err(NULL, 0, "--profile: use tls or smime");
			usage(EX_TROUBLE);
		}
		pol->smime = strcmp(arg, "smime") == 0;
		return 1;
	case 'S':
		pol->require_san = 1;
		return 1;
	case 'a':
		pol->ascii = 1;
		return 1;
	case 'b':
		pol->min_rsa = strtol(arg, &end, 10);
		if (*end != '\0' || pol->min_rsa < 512) {
			diag_err(NULL, 0, "--min-rsa-bits: a number of bits, "
			    "512 or more");
			usage(EX_TROUBLE);
		}
		return 1;
	case 'm':
		pol->emails[pol->nemails++] = arg;
		return 1;
	case 'r':
		pol->require = arg;
		return 1;
	}
	return 0;
}

int
csr_policy_load(struct csr_policy *pol, const char *pass)
{
	int i;

	for (i = 0; i < pol->nkeys; i++)
		if ((pol->keys[i].pk = obj_file_key(pol->keys[i].file, pass)) ==
		    NULL)
			return 0;
	for (i = 0; i < pol->nnotkeys; i++)
		if ((pol->notkeys[i].pk = obj_file_key(pol->notkeys[i].file,
		    pass)) == NULL)
			return 0;
	return 1;
}

void
csr_policy_free(struct csr_policy *pol)
{
	int i;

	for (i = 0; i < pol->nkeys; i++)
		EVP_PKEY_free(pol->keys[i].pk);
	for (i = 0; i < pol->nnotkeys; i++)
		EVP_PKEY_free(pol->notkeys[i].pk);
	free(pol->keys);
	free(pol->notkeys);
	free(pol->hosts);
	free(pol->emails);
}
