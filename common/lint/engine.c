/*
 * engine.c: the rule table and the running of rules (engine.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "lint/engine.h"
#include "read/pem.h"

/* The groups, in the order -L lists them: one line per group. */
static const struct lint_rule *const groups[] = {
	lint_rfc5280,
	lint_rfc5280b,
	lint_crl,
	lint_cabf,
	lint_cabf_ca,
	lint_cabf_names,
	lint_cabf_leaf,
	NULL
};

static const struct lint_rule **table;
static size_t ntable;
static time_t *since;		/* each row's since, as a time */

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

time_t
lint_date(long long y, unsigned m, unsigned d)
{
	return (time_t)(days_from_civil(y, m, d) * 86400);
}

/* The leading n digits of p as a number, or -1. */
static int
digits(const unsigned char *p, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p++ - '0');
	}
	return v;
}

/*
 * A time as seconds since the epoch.  A time whose encoding breaks RFC
 * 5280 section 4.1.2.5 (no seconds, an offset, fractions), which
 * ASN1_TIME_to_tm refuses, is read for its date alone, so that the rules
 * about that encoding still run.
 */
static int
time_of(const ASN1_TIME *t, time_t *out)
{
	const unsigned char *p;
	struct tm tm;
	int y, m, d, n;

	if (t == NULL)
		return -1;
	if (!ASN1_TIME_to_tm(t, &tm)) {
		p = ASN1_STRING_get0_data(t);
		n = ASN1_STRING_type(t) == V_ASN1_UTCTIME ? 2 : 4;
		if (ASN1_STRING_length(t) < n + 4 || (y = digits(p, n)) < 0 ||
		    (m = digits(p + n, 2)) < 1 || m > 12 ||
		    (d = digits(p + n + 2, 2)) < 1 || d > 31)
			return -1;
		if (n == 2)
			y += y < 50 ? 2000 : 1900;
		*out = (time_t)(days_from_civil(y, (unsigned)m, (unsigned)d) *
		    86400);
		return 0;
	}
	*out = (time_t)(days_from_civil(tm.tm_year + 1900LL,
	    (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday) * 86400 +
	    tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
	return 0;
}

static void
build(void)
{
	const struct lint_rule *r;
	unsigned y, m, d;
	size_t g, n = 0;

	for (g = 0; groups[g] != NULL; g++)
		for (r = groups[g]; r->id != NULL; r++)
			n++;
	table = xmalloc((n + 1) * sizeof(*table));
	since = xmalloc((n + 1) * sizeof(*since));
	for (g = 0; groups[g] != NULL; g++)
		for (r = groups[g]; r->id != NULL; r++) {
			since[ntable] = 0;
			if (r->since != NULL && sscanf(r->since, "%4u-%2u-%2u",
			    &y, &m, &d) == 3)
				since[ntable] = (time_t)(days_from_civil(y, m,
				    d) * 86400);
			table[ntable++] = r;
		}
	table[ntable] = NULL;
}

const struct lint_rule *const *
lint_rules(size_t *n)
{
	if (table == NULL)
		build();
	*n = ntable;
	return table;
}

/* Is id (idlen bytes) in the comma list ids? */
static int
in_list(const char *ids, const char *id, size_t idlen)
{
	const char *p, *e;

	for (p = ids; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == idlen && memcmp(p, id, idlen) == 0)
			return 1;
	}
	return 0;
}

int
lint_check_ids(const char *ids, const char **bad, size_t *badlen)
{
	const char *p, *e;
	size_t i, n;

	if (ids == NULL)
		return 0;
	lint_rules(&n);
	for (p = ids; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		for (i = 0; i < n; i++)
			if (strlen(table[i]->id) == (size_t)(e - p) &&
			    memcmp(table[i]->id, p, (size_t)(e - p)) == 0)
				break;
		if (i == n) {
			*bad = p;
			*badlen = (size_t)(e - p);
			return -1;
		}
	}
	return 0;
}

static const struct {
	const char	*name;
	unsigned	 kind;
} kinds[] = {
	{ "tls",		LK_TLS },
	{ "smime",		LK_SMIME },
	{ "intermediate",	LK_SUBCA },
	{ "root",		LK_ROOT },
	{ "private",		LK_PRIV },
	{ "crl",		LK_CRL },
};

unsigned
lint_profile(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].kind != LK_CRL && strcmp(s, kinds[i].name) == 0)
			return kinds[i].kind;
	return 0;
}

const char *
lint_kind_name(unsigned k)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].kind == k)
			return kinds[i].name;
	return "?";
}

const char *
lint_sev_name(enum lint_sev s)
{
	return s == LINT_ERROR ? "error" : s == LINT_WARNING ? "warning" :
	    "notice";
}

X509_EXTENSION *
lint_ext(const struct lint_ctx *c, int nid)
{
	int i;

	if (c->t.exts != NULL)
		return (i = X509v3_get_ext_by_NID(c->t.exts, nid, -1)) < 0 ?
		    NULL : X509v3_get_ext(c->t.exts, i);
	if (c->crl != NULL)
		return (i = X509_CRL_get_ext_by_NID(c->crl, nid, -1)) < 0 ?
		    NULL : X509_CRL_get_ext(c->crl, i);
	return NULL;
}

int
lint_crit(const struct lint_ctx *c, int nid)
{
	X509_EXTENSION *e;

	if ((e = lint_ext(c, nid)) == NULL)
		return -1;
	return X509_EXTENSION_get_critical(e) != 0;
}

void
lint_find(struct lint_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (c->nf == c->capf) {
		c->capf = c->capf ? 2 * c->capf : 4;
		c->f = xrealloc(c->f, c->capf * sizeof(*c->f));
	}
	c->f[c->nf].rule = c->cur;
	c->f[c->nf].msg = xstrdup(buf);
	c->nf++;
}

/*
 * keyUsage and extKeyUsage of c's certificate into c, as OpenSSL's
 * cache would have them (v3_purp.c), from the first instance of each.
 */
static void
usage(struct lint_ctx *c)
{
	static const struct {
		int		 nid;
		uint32_t	 xku;
	} xkus[] = {
		{ NID_server_auth,	XKU_SSL_SERVER },
		{ NID_client_auth,	XKU_SSL_CLIENT },
		{ NID_email_protect,	XKU_SMIME },
		{ NID_code_sign,	XKU_CODE_SIGN },
		{ NID_ms_sgc,		XKU_SGC },
		{ NID_ns_sgc,		XKU_SGC },
		{ NID_OCSP_sign,	XKU_OCSP_SIGN },
		{ NID_time_stamp,	XKU_TIMESTAMP },
		{ NID_dvcs,		XKU_DVCS },
		{ NID_anyExtendedKeyUsage, XKU_ANYEKU },
	};
	X509_EXTENSION *e;
	ASN1_BIT_STRING *ku;
	EXTENDED_KEY_USAGE *eku;
	size_t k;
	int i, nid;

	if ((e = lint_ext(c, NID_key_usage)) != NULL) {
		c->has_ku = 1;
		if ((ku = X509V3_EXT_d2i(e)) != NULL) {
			if (ASN1_STRING_length(ku) > 0)
				c->ku = ASN1_STRING_get0_data(ku)[0];
			if (ASN1_STRING_length(ku) > 1)
				c->ku |= (uint32_t)ASN1_STRING_get0_data(ku)[1]
				    << 8;
			ASN1_BIT_STRING_free(ku);
		}
	}
	if ((e = lint_ext(c, NID_ext_key_usage)) != NULL) {
		c->has_eku = 1;
		if ((eku = X509V3_EXT_d2i(e)) != NULL) {
			for (i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
				nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i));
				for (k = 0; k < sizeof(xkus) / sizeof(xkus[0]);
				    k++)
					if (xkus[k].nid == nid)
						c->xku |= xkus[k].xku;
			}
			EXTENDED_KEY_USAGE_free(eku);
		}
	}
}

/*
 * The kind of certificate x (engine.h, lint_cert).  zlint's
 * IsServerAuthCert counts a leaf without EKU as a TLS server's too.
 */
static unsigned
cert_kind(struct lint_ctx *c)
{
	uint32_t xku;

	if (c->is_ca)
		return c->self_signed ? LK_ROOT : LK_SUBCA;
	if (!c->has_eku)
		return LK_TLS;
	xku = c->xku;
	if (xku & (XKU_SSL_SERVER | XKU_ANYEKU))
		return LK_TLS;
	if (xku & XKU_SMIME)
		return LK_SMIME;
	return LK_PRIV;
}

/* Is rule i selected, for c's kind, and in force? */
static int
applies(const struct lint_ctx *c, size_t i, const struct lint_sel *sel)
{
	const struct lint_rule *r = table[i];

	if (!(r->kinds & c->kind))
		return 0;
	if (c->req != NULL && !(r->flags & LR_REQ))
		return 0;
	if (since[i] != 0 && (!c->start_ok || c->start < since[i] ||
	    c->at < since[i]))
		return 0;
	if (sel != NULL && sel->only != NULL &&
	    !in_list(sel->only, r->id, strlen(r->id)))
		return 0;
	if (sel != NULL && sel->skip != NULL &&
	    in_list(sel->skip, r->id, strlen(r->id)))
		return 0;
	return 1;
}

/* Run the selected rules that apply to c's kind, start and at; for a
 * certificate, decode it as an X509 first if one of them needs it. */
static int
run(struct lint_ctx *c, const struct lint_sel *sel)
{
	const unsigned char *p;
	size_t i, n;

	lint_rules(&n);
	if (c->crl == NULL && c->req == NULL)
		for (i = 0; i < n; i++)
			if (!(table[i]->flags & LR_DER) && applies(c, i, sel)) {
				p = c->der;
				if ((c->x = d2i_X509(NULL, &p,
				    (long)c->derlen)) == NULL)
					return -1;
				break;
			}
	for (i = 0; i < n; i++) {
		if (!applies(c, i, sel))
			continue;
		c->cur = table[i];
		table[i]->run(c);
	}
	c->cur = NULL;
	return 0;
}

/*
 * The parts of the certificate der (RFC 5280 section 4.1) into c->t,
 * each by its OpenSSL d2i, all but the public key.  Returns 0 or -1.
 */
static int
parts(struct lint_ctx *c)
{
	struct lint_tbs *t = &c->t;
	const unsigned char *p = c->der, *end = c->der + c->derlen, *q, *e,
	    *s;
	struct der_tlv v, w;
	ASN1_INTEGER *ver;

	if (!der_next(&p, end, &v) || !v.cons || v.indef)
		return -1;
	q = v.val;
	e = v.val + v.len;
	if (!der_next(&q, e, &v) || !v.cons || v.indef)	/* tbs */
		return -1;
	s = q;
	if ((t->outer_alg = d2i_X509_ALGOR(NULL, &s, e - q)) == NULL)
		return -1;
	q = v.val;
	e = v.val + v.len;
	t->version = X509_VERSION_1;
	s = q;
	if (!der_next(&q, e, &v))
		return -1;
	if (v.cls == V_ASN1_CONTEXT_SPECIFIC && v.tag == 0) {
		p = v.val;
		if ((ver = d2i_ASN1_INTEGER(NULL, &p, v.len)) == NULL)
			return -1;
		t->version = ASN1_INTEGER_get(ver);
		ASN1_INTEGER_free(ver);
		s = q;
		if (!der_next(&q, e, &v))
			return -1;
	}
	if ((t->serial = d2i_ASN1_INTEGER(NULL, &s, q - s)) == NULL ||
	    (t->sigalg = d2i_X509_ALGOR(NULL, &q, e - q)) == NULL ||
	    (t->issuer = d2i_X509_NAME(NULL, &q, e - q)) == NULL)
		return -1;
	if (!der_next(&q, e, &v) || !v.cons)		/* validity */
		return -1;
	p = v.val;
	if ((t->not_before = d2i_ASN1_TIME(NULL, &p, v.len)) == NULL ||
	    (t->not_after = d2i_ASN1_TIME(NULL, &p, v.val + v.len - p)) ==
	    NULL || (t->subject = d2i_X509_NAME(NULL, &q, e - q)) == NULL)
		return -1;
	s = q;
	if (!der_next(&q, e, &v) || !v.cons)		/* spki */
		return -1;
	t->spki = s;
	t->spkilen = q - s;
	p = v.val;
	if ((t->spki_alg = d2i_X509_ALGOR(NULL, &p, v.len)) == NULL)
		return -1;
	while (der_next(&q, e, &w)) {
		if (w.cls != V_ASN1_CONTEXT_SPECIFIC)
			return -1;
		if (w.tag == 1)
			t->iuid = 1;
		else if (w.tag == 2)
			t->suid = 1;
		else if (w.tag == 3) {
			p = w.val;
			if ((t->exts = d2i_X509_EXTENSIONS(NULL, &p,
			    w.len)) == NULL)
				return -1;
		}
	}
	if (q != e)
		return -1;
	if (t->exts == NULL && (t->exts = sk_X509_EXTENSION_new_null()) ==
	    NULL)
		return -1;
	return 0;
}

/* The key type of an SPKI algorithm (RFC 3279, 5480, 8410). */
static int
key_type(const X509_ALGOR *a)
{
	const ASN1_OBJECT *o;

	X509_ALGOR_get0(&o, NULL, NULL, a);
	switch (OBJ_obj2nid(o)) {
	case NID_rsaEncryption:
		return EVP_PKEY_RSA;
	case NID_rsassaPss:
		return EVP_PKEY_RSA_PSS;
	case NID_X9_62_id_ecPublicKey:
		return EVP_PKEY_EC;
	case NID_dsa:
		return EVP_PKEY_DSA;
	case NID_ED25519:
		return EVP_PKEY_ED25519;
	case NID_ED448:
		return EVP_PKEY_ED448;
	case NID_X25519:
		return EVP_PKEY_X25519;
	case NID_X448:
		return EVP_PKEY_X448;
	default:
		return NID_undef;
	}
}

/* Self-signed as OpenSSL's EXFLAG_SS says, signature unchecked. */
static int
self_signed(struct lint_ctx *c)
{
	X509_EXTENSION *e;
	AUTHORITY_KEYID *a = NULL;
	ASN1_OCTET_STRING *ski = NULL;
	int ok;

	const ASN1_OBJECT *o;
	int md, pk;

	if (X509_NAME_cmp(c->t.subject, c->t.issuer) != 0)
		return 0;
	/* a key of the signature's type (OpenSSL's check_sig_alg_match) */
	X509_ALGOR_get0(&o, NULL, NULL, c->t.outer_alg);
	if (!OBJ_find_sigid_algs(OBJ_obj2nid(o), &md, &pk) ||
	    (pk != (c->pkey == EVP_PKEY_RSA_PSS ? EVP_PKEY_RSA_PSS :
	    c->pkey) && !(pk == EVP_PKEY_RSA_PSS && c->pkey == EVP_PKEY_RSA)))
		return 0;
	if ((e = lint_ext(c, NID_authority_key_identifier)) == NULL ||
	    (a = X509V3_EXT_d2i(e)) == NULL || a->keyid == NULL) {
		AUTHORITY_KEYID_free(a);
		return 1;
	}
	ok = (e = lint_ext(c, NID_subject_key_identifier)) != NULL &&
	    (ski = X509V3_EXT_d2i(e)) != NULL &&
	    ASN1_OCTET_STRING_cmp(ski, a->keyid) == 0;
	ASN1_OCTET_STRING_free(ski);
	AUTHORITY_KEYID_free(a);
	return ok;
}

int
lint_cert(struct lint_ctx *c, const unsigned char *der, size_t derlen,
    time_t at, const struct lint_sel *sel)
{
	X509_EXTENSION *e;
	BASIC_CONSTRAINTS *bc;

	memset(c, 0, sizeof(*c));
	c->der = der;
	c->derlen = derlen;
	c->at = at;
	if (parts(c) != 0)
		return -1;
	c->start_ok = time_of(c->t.not_before, &c->start) == 0;
	c->version = c->t.version;
	/* cA itself, even where OpenSSL's flags judge the extension
	 * invalid (RFC 5280 section 4.2.1.9) */
	if ((e = lint_ext(c, NID_basic_constraints)) != NULL &&
	    (bc = X509V3_EXT_d2i(e)) != NULL) {
		c->is_ca = bc->ca != 0;
		BASIC_CONSTRAINTS_free(bc);
	}
	c->pkey = key_type(c->t.spki_alg);
	c->self_signed = self_signed(c);
	usage(c);
	c->subject_empty = X509_NAME_entry_count(c->t.subject) == 0;
	c->kind = sel != NULL && sel->profile != 0 ? sel->profile :
	    cert_kind(c);
	return run(c, sel);
}

int
lint_req(struct lint_ctx *c, X509_REQ *req, time_t at,
    const struct lint_sel *sel)
{
	X509_PUBKEY *pub;
	X509_ALGOR *alg;
	X509_EXTENSION *e;
	BASIC_CONSTRAINTS *bc;
	EVP_PKEY *pk;
	unsigned char *p;
	int i, n;

	memset(c, 0, sizeof(*c));
	c->req = req;
	c->at = at;
	c->start = at;
	c->start_ok = 1;
	c->version = c->t.version = X509_VERSION_3;
	if ((c->t.subject = X509_NAME_dup(X509_REQ_get_subject_name(req))) ==
	    NULL)
		return -1;
	if ((c->t.exts = X509_REQ_get_extensions(req)) == NULL &&
	    (c->t.exts = sk_X509_EXTENSION_new_null()) == NULL)
		return -1;
	if ((pub = X509_REQ_get_X509_PUBKEY(req)) == NULL ||
	    (n = i2d_X509_PUBKEY(pub, NULL)) <= 0 ||
	    (c->own_spki = malloc((size_t)n)) == NULL)
		return -1;
	p = c->own_spki;
	i2d_X509_PUBKEY(pub, &p);
	c->t.spki = c->own_spki;
	c->t.spkilen = n;
	if (!X509_PUBKEY_get0_param(NULL, NULL, NULL, &alg,
	    pub) || (c->t.spki_alg = X509_ALGOR_dup(alg)) == NULL)
		return -1;
	/* the stand-in: what the rules read through c->x */
	if ((c->x = X509_new()) == NULL ||
	    !X509_set_version(c->x, X509_VERSION_3) ||
	    !X509_set_subject_name(c->x, c->t.subject))
		return -1;
	if ((pk = X509_REQ_get0_pubkey(req)) != NULL &&
	    !X509_set_pubkey(c->x, pk))
		return -1;
	for (i = 0; i < sk_X509_EXTENSION_num(c->t.exts); i++)
		if (!X509_add_ext(c->x, sk_X509_EXTENSION_value(c->t.exts, i),
		    -1))
			return -1;
	if ((e = lint_ext(c, NID_basic_constraints)) != NULL &&
	    (bc = X509V3_EXT_d2i(e)) != NULL) {
		c->is_ca = bc->ca != 0;
		BASIC_CONSTRAINTS_free(bc);
	}
	c->pkey = key_type(c->t.spki_alg);
	usage(c);
	c->subject_empty = X509_NAME_entry_count(c->t.subject) == 0;
	c->kind = sel != NULL && sel->profile != 0 ? sel->profile :
	    cert_kind(c);
	return run(c, sel);
}

EVP_PKEY *
lint_pkey(struct lint_ctx *c)
{
	const unsigned char *p = c->t.spki;

	if (c->pk == NULL && p != NULL)
		c->pk = d2i_PUBKEY(NULL, &p, c->t.spkilen);
	return c->pk;
}

int
lint_crl_run(struct lint_ctx *c, X509_CRL *crl, const unsigned char *der,
    size_t derlen, time_t at, const struct lint_sel *sel)
{
	memset(c, 0, sizeof(*c));
	c->crl = crl;
	c->der = der;
	c->derlen = derlen;
	c->at = at;
	c->start_ok = time_of(X509_CRL_get0_lastUpdate(crl), &c->start) == 0;
	c->version = X509_CRL_get_version(crl);
	c->kind = LK_CRL;
	return run(c, sel);
}

void
lint_done(struct lint_ctx *c)
{
	struct lint_tbs *t = &c->t;
	size_t i;

	ASN1_INTEGER_free(t->serial);
	X509_ALGOR_free(t->sigalg);
	X509_ALGOR_free(t->spki_alg);
	X509_ALGOR_free(t->outer_alg);
	X509_NAME_free(t->issuer);
	X509_NAME_free(t->subject);
	ASN1_TIME_free(t->not_before);
	ASN1_TIME_free(t->not_after);
	sk_X509_EXTENSION_pop_free(t->exts, X509_EXTENSION_free);
	X509_free(c->x);
	EVP_PKEY_free(c->pk);
	free(c->own_spki);
	memset(t, 0, sizeof(*t));
	c->x = NULL;
	c->pk = NULL;
	c->own_spki = NULL;

	for (i = 0; i < c->nf; i++)
		free(c->f[i].msg);
	free(c->f);
	c->f = NULL;
	c->nf = c->capf = 0;
}

int
lint_worst(const struct lint_ctx *c)
{
	size_t i;
	int w = -1;

	for (i = 0; i < c->nf; i++)
		if ((int)c->f[i].rule->sev > w)
			w = (int)c->f[i].rule->sev;
	return w;
}
