/* crl.c: CRLs through OpenSSL's X509_CRL API; see crl.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509/crl.h"
#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "base/json.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "x509/x509info.h"

int
crlinfo_get(X509_CRL *crl, time_t at, struct crlinfo *ci)
{
	const ASN1_TIME *tu = X509_CRL_get0_lastUpdate(crl);
	const ASN1_TIME *nu = X509_CRL_get0_nextUpdate(crl);
	const X509_ALGOR *alg;
	const ASN1_OBJECT *obj;
	ASN1_INTEGER *num;
	ASN1_TIME *now = NULL;
	unsigned char md[32];
	unsigned n;
	int status = EX_TROUBLE;

	memset(ci, 0, sizeof(*ci));
	ci->issuer = x509info_name_str(X509_CRL_get_issuer(crl));
	if ((num = X509_CRL_get_ext_d2i(crl, NID_crl_number, NULL, NULL)) !=
	    NULL) {
		ci->number = i2s_ASN1_INTEGER(NULL, num);
		ASN1_INTEGER_free(num);
	}
	ci->revoked = sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl));
	if (ci->revoked < 0)
		ci->revoked = 0;
	X509_CRL_get0_signature(crl, NULL, &alg);
	X509_ALGOR_get0(&obj, NULL, NULL, alg);
	OBJ_obj2txt(ci->sig, sizeof(ci->sig), obj, 0);
	if (X509_CRL_digest(crl, EVP_sha256(), md, &n) && n == 32)
		ossl_hex(md, 32, ci->sha256);
	if (ci->issuer == NULL || tu == NULL ||
	    x509info_time(tu, ci->this_update, sizeof(ci->this_update)) != 0 ||
	    (now = ASN1_TIME_set(NULL, at)) == NULL)
		goto out;
	x509info_epoch(tu, &ci->this_epoch);
	if (nu != NULL) {
		if (x509info_time(nu, ci->next_update,
		    sizeof(ci->next_update)) != 0 ||
		    x509info_secs(now, nu, &ci->secs_left) != 0)
			goto out;
		ci->has_next = 1;
		x509info_epoch(nu, &ci->next_epoch);
		ci->days_left = ci->secs_left >= 0 ? ci->secs_left / 86400 :
		    -((-ci->secs_left + 86399) / 86400);
	}
	status = 0;
out:
	ASN1_TIME_free(now);
	ERR_clear_error();
	return status;
}

void
crlinfo_free(struct crlinfo *ci)
{
	free(ci->issuer);
	OPENSSL_free(ci->number);
	memset(ci, 0, sizeof(*ci));
}

static void
field(struct out *o, const char *label, const char *v)
{
	out_write(o, "  ", 2);
	out_write(o, label, strlen(label));
	out_write(o, v, strlen(v));
	out_write(o, "\n", 1);
}

void
crlout_text(struct out *o, const struct pem_block *b,
    const struct crlinfo *ci, int first)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s%s:%lu: CRL (block %lu)\n",
	    first ? "" : "\n", b->src, b->line, b->index);
	out_write(o, buf, strlen(buf));
	field(o, "issuer:            ", ci->issuer);
	field(o, "CRL number:        ", ci->number ? ci->number : "none");
	field(o, "this update:       ", ci->this_update);
	if (ci->has_next) {
		snprintf(buf, sizeof(buf), "%s (%lld days %s)",
		    ci->next_update, (ci->secs_left < 0 ? -ci->secs_left :
		    ci->secs_left) / 86400, ci->secs_left < 0 ? "ago: stale" :
		    "left");
		field(o, "next update:       ", buf);
	} else
		field(o, "next update:       ", "none");
	snprintf(buf, sizeof(buf), "%ld certificate%s", ci->revoked,
	    ci->revoked == 1 ? "" : "s");
	field(o, "revoked:           ", buf);
	field(o, "signature:         ", ci->sig);
	field(o, "sha256:            ", ci->sha256);
}

void
crlout_json(struct out *o, const struct pem_block *b,
    const struct crlinfo *ci)
{
	struct json j;

	json_begin_block(&j, o, b, "crl");
	json_str(&j, "issuer", ci->issuer, -1);
	json_str(&j, "crl_number", ci->number, -1);
	json_str(&j, "this_update", ci->this_update, -1);
	json_str(&j, "next_update", ci->has_next ? ci->next_update : NULL, -1);
	if (ci->has_next)
		json_int(&j, "days_left", ci->days_left);
	else
		json_null(&j, "days_left");
	json_int(&j, "revoked", ci->revoked);
	json_str(&j, "signature", ci->sig, -1);
	json_str(&j, "sha256", ci->sha256, -1);
	json_end(&j);
}

int
crlset_load(struct crlset *s, const char *file, unsigned rflags)
{
	struct pem_input in;
	struct pem_block b;
	const unsigned char *p;
	X509_CRL *crl;
	char *files[1];
	size_t before = s->n;
	int status = EX_YES;

	files[0] = (char *)file;
	pem_input_init(&in, files, 1, rflags);
	while (pem_input_next(&in, &b)) {
		if (b.kind != PK_CRL) {
			diag_note(b.src, b.line, "%s skipped: --crl takes "
			    "CRLs", pem_kind_name(b.kind));
			continue;
		}
		p = b.der;
		if ((crl = d2i_X509_CRL(NULL, &p, (long)b.derlen)) == NULL) {
			status = diag_err(b.src, b.line, "the CRL does not "
			    "decode");
			continue;
		}
		crlset_add(s, crl, b.src, b.line);
	}
	status = ex_worst(status, pem_input_end(&in));
	if (status == EX_YES && s->n == before)
		status = diag_err(file, 0, "no CRL in it");
	return status;
}

void
crlset_add(struct crlset *s, X509_CRL *crl, const char *src,
    unsigned long line)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	memset(&s->v[s->n], 0, sizeof(s->v[s->n]));
	s->v[s->n].crl = crl;
	s->v[s->n].src = xstrdup(src);
	s->v[s->n++].line = line;
}

void
crlset_miss(struct crlset *s, X509 *x, const char *src, const char *why)
{
	struct crl_miss *m;

	s->miss = xrealloc(s->miss, (s->nmiss + 1) * sizeof(*s->miss));
	m = &s->miss[s->nmiss++];
	X509_up_ref(x);
	m->cert = x;
	m->src = xstrdup(src != NULL ? src : "");
	snprintf(m->why, sizeof(m->why), "%s", why);
}

static X509_STORE *sys_store;
static STACK_OF(X509) *sys_certs;

X509 *
issuer_lookup(STACK_OF(X509) *known, int sys, const X509_NAME *name,
    int (*ok)(void *, EVP_PKEY *), void *arg)
{
	X509_STORE_CTX *ctx;
	STACK_OF(X509) *found;
	X509 *x, *r = NULL;
	int i;

	for (i = 0; i < sk_X509_num(known); i++) {
		x = sk_X509_value(known, i);
		if (X509_NAME_cmp(X509_get_subject_name(x), name) == 0 &&
		    X509_get0_pubkey(x) != NULL && ok(arg, X509_get0_pubkey(x)))
			return x;
	}
	if (!sys)
		return NULL;
	if (sys_store == NULL && ((sys_store = X509_STORE_new()) == NULL ||
	    !X509_STORE_set_default_paths(sys_store)))
		return NULL;
	if (sys_certs == NULL && (sys_certs = sk_X509_new_null()) == NULL)
		return NULL;
	if ((ctx = X509_STORE_CTX_new()) == NULL ||
	    !X509_STORE_CTX_init(ctx, sys_store, NULL, NULL)) {
		X509_STORE_CTX_free(ctx);
		return NULL;
	}
	found = X509_STORE_CTX_get1_certs(ctx, (X509_NAME *)name);
	X509_STORE_CTX_free(ctx);
	for (i = 0; i < sk_X509_num(found); i++) {
		x = sk_X509_value(found, i);
		if (r == NULL && X509_get0_pubkey(x) != NULL &&
		    ok(arg, X509_get0_pubkey(x)))
			r = x;
		if (!sk_X509_push(sys_certs, x))
			X509_free(x);
	}
	sk_X509_free(found);
	ERR_clear_error();
	return r;
}

void
issuer_lookup_end(void)
{
	sk_X509_pop_free(sys_certs, X509_free);
	X509_STORE_free(sys_store);
	sys_certs = NULL;
	sys_store = NULL;
}

static int
crl_signed_by(void *arg, EVP_PKEY *pk)
{
	int r = X509_CRL_verify((X509_CRL *)arg, pk) == 1;

	ERR_clear_error();
	return r;
}

/* Any key at all: for finding a certificate of the CRL's issuer name
 * whose key then does not verify it. */
static int
any_key(void *arg, EVP_PKEY *pk)
{
	(void)arg;
	(void)pk;
	return 1;
}

/* The extensions of a CRL that RFC 5280 5.2 defines and this code (or
 * OpenSSL's X509_CRL) reads; any other critical one makes the CRL
 * unusable (5.2: "MUST reject"). */
static int
crl_ext_known(int nid)
{
	return nid == NID_crl_number || nid == NID_delta_crl ||
	    nid == NID_issuing_distribution_point ||
	    nid == NID_authority_key_identifier ||
	    nid == NID_issuer_alt_name || nid == NID_freshest_crl;
}

/* Why e cannot say "good" on its own, judged from its extensions, into
 * e->why; sets e->only_user and e->only_ca. */
static void
crl_scope(struct crl_entry *e, const char *issuer)
{
	ISSUING_DIST_POINT *idp;
	X509_EXTENSION *ext;
	char oid[80];
	int i, crit = 0;

	for (i = 0; i < X509_CRL_get_ext_count(e->crl); i++) {
		ext = X509_CRL_get_ext(e->crl, i);
		if (!X509_EXTENSION_get_critical(ext) || crl_ext_known(
		    OBJ_obj2nid(X509_EXTENSION_get_object(ext))))
			continue;
		OBJ_obj2txt(oid, sizeof(oid), X509_EXTENSION_get_object(ext),
		    1);
		snprintf(e->why, sizeof(e->why), "the CRL of %s has an "
		    "unknown critical extension %s (RFC 5280 5.2)", issuer,
		    oid);
		e->trusted = 0;
		return;
	}
	if (X509_CRL_get_ext_by_NID(e->crl, NID_delta_crl, -1) >= 0) {
		snprintf(e->why, sizeof(e->why), "the CRL of %s is a delta "
		    "CRL (RFC 5280 5.2.4): give the full CRL", issuer);
		return;
	}
	idp = X509_CRL_get_ext_d2i(e->crl, NID_issuing_distribution_point,
	    &crit, NULL);
	if (idp == NULL) {
		if (crit != -1)
			snprintf(e->why, sizeof(e->why), "the CRL of %s has "
			    "an issuingDistributionPoint OpenSSL cannot read",
			    issuer);
		ERR_clear_error();
		return;
	}
	e->only_user = idp->onlyuser > 0;
	e->only_ca = idp->onlyCA > 0;
	if (idp->onlysomereasons != NULL)
		snprintf(e->why, sizeof(e->why), "the CRL of %s lists only "
		    "some reasons (onlySomeReasons, RFC 5280 5.2.5)", issuer);
	else if (idp->indirectCRL > 0)
		snprintf(e->why, sizeof(e->why), "the CRL of %s is an "
		    "indirect CRL (indirectCRL, RFC 5280 5.2.5), which this "
		    "check does not read", issuer);
	else if (idp->onlyattr > 0)
		snprintf(e->why, sizeof(e->why), "the CRL of %s covers only "
		    "attribute certificates (onlyContainsAttributeCerts, RFC "
		    "5280 5.2.5)", issuer);
	ISSUING_DIST_POINT_free(idp);
}

void
crlset_verify(struct crlset *s, STACK_OF(X509) *known, int sys, time_t at)
{
	struct crl_entry *e;
	struct crlinfo ci;
	size_t i;

	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		e->why[0] = '\0';
		e->trusted = 0;
		e->only_user = e->only_ca = 0;
		if (crlinfo_get(e->crl, at, &ci) != 0) {
			snprintf(e->why, sizeof(e->why), "the CRL's times are "
			    "malformed");
			crlinfo_free(&ci);
			e->verified = -1;
			continue;
		}
		e->verified = 0;
		if ((e->issuer = issuer_lookup(known, sys,
		    X509_CRL_get_issuer(e->crl), crl_signed_by, e->crl)) !=
		    NULL)
			e->verified = 1;
		else if (issuer_lookup(known, sys, X509_CRL_get_issuer(e->crl),
		    any_key, NULL) != NULL) {
			e->verified = -1;
			snprintf(e->why, sizeof(e->why), "the CRL of %s does "
			    "not verify with its issuer's key", ci.issuer);
		} else
			snprintf(e->why, sizeof(e->why), "the CRL of %s cannot "
			    "be verified: its issuer is not in the input, -C "
			    "or the system store", ci.issuer);
		e->trusted = e->verified == 1;
		if (e->why[0] == '\0')
			crl_scope(e, ci.issuer);
		if (e->why[0] == '\0' && ci.this_epoch > (long long)at)
			snprintf(e->why, sizeof(e->why), "the CRL of %s is not "
			    "yet valid: its thisUpdate is %s", ci.issuer,
			    ci.this_update);
		else if (e->why[0] == '\0' && ci.has_next && ci.secs_left < 0)
			snprintf(e->why, sizeof(e->why), "the CRL of %s is "
			    "stale: its nextUpdate was %s", ci.issuer,
			    ci.next_update);
		if (e->why[0] != '\0')
			diag_note(e->src, e->line, "%s", e->why);
		crlinfo_free(&ci);
	}
}

static int
cert_signed_by(void *arg, EVP_PKEY *pk)
{
	int r = X509_verify((X509 *)arg, pk) == 1;

	ERR_clear_error();
	return r;
}

/* Why CRL e, usable otherwise, does not cover x (RFC 5280 5.2.5). */
static const char *
crl_leaves_out(const struct crl_entry *e, X509 *x)
{
	int ca = X509_check_ca(x) > 0;

	if (e->only_ca && !ca)
		return "covers only CA certificates (onlyContainsCACerts)";
	if (e->only_user && ca)
		return "covers only end-entity certificates "
		    "(onlyContainsUserCerts)";
	return NULL;
}

/* Fill v with a revocation found in e. */
static void
crl_entry_revoked(X509_REVOKED *rev, struct crlverdict *v)
{
	ASN1_ENUMERATED *why;

	if (x509info_time(X509_REVOKED_get0_revocationDate(rev), v->date,
	    sizeof(v->date)) != 0)
		snprintf(v->date, sizeof(v->date), "(malformed date)");
	v->reason = "unspecified";
	if ((why = X509_REVOKED_get_ext_d2i(rev, NID_crl_reason, NULL,
	    NULL)) != NULL) {
		v->reason = crl_reason_name(ASN1_ENUMERATED_get(why));
		ASN1_ENUMERATED_free(why);
	}
	ERR_clear_error();
}

int
crlset_check(const struct crlset *s, X509 *x, const char *src,
    unsigned long line, int soft, int strict, struct crlverdict *v)
{
	struct crlverdict mine;
	const struct crl_entry *e, *bad = NULL;
	const char *out = NULL;
	X509_REVOKED *rev;
	char *subject, *issuer;
	size_t i;
	int status;

	if (v == NULL)
		v = &mine;
	memset(v, 0, sizeof(*v));
	subject = x509info_name_str(X509_get_subject_name(x));
	issuer = x509info_name_str(X509_get_issuer_name(x));
	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		if (X509_NAME_cmp(X509_CRL_get_issuer(e->crl),
		    X509_get_issuer_name(x)) != 0)
			continue;
		/* a CA of the same name with another key: not x's issuer */
		if (e->verified == 1 && e->issuer != NULL &&
		    !cert_signed_by(x, X509_get0_pubkey(e->issuer)))
			continue;
		if (e->trusted &&
		    X509_CRL_get0_by_cert(e->crl, &rev, x) == 1) {
			crl_entry_revoked(rev, v);
			v->status = "revoked";
			diag_where(e->src, e->line, 0, v->source,
			    sizeof(v->source));
			status = diag_no(src, line, "%s: revoked on %s (%s)",
			    subject ? subject : "?", v->date, v->reason);
			goto out;
		}
		if (e->why[0] == '\0' && (out = crl_leaves_out(e, x)) ==
		    NULL) {
			if (v->status == NULL) {
				v->status = "good";
				diag_where(e->src, e->line, 0, v->source,
				    sizeof(v->source));
			}
		} else if (bad == NULL) {
			bad = e;
			if (e->why[0] == '\0')
				snprintf(v->why, sizeof(v->why), "the CRL of "
				    "%s %s", issuer ? issuer : "?", out);
			else
				snprintf(v->why, sizeof(v->why), "%s",
				    e->why);
		}
	}
	ERR_clear_error();
	if (v->status != NULL) {
		v->why[0] = '\0';
		status = EX_YES;
		goto out;
	}
	v->status = "unknown";
	if (bad != NULL)
		diag_where(bad->src, bad->line, 0, v->source,
		    sizeof(v->source));
	else
		snprintf(v->why, sizeof(v->why), "no CRL of %s among those "
		    "given", issuer ? issuer : "?");
	/* --crl-fetch's cause, when nothing better is known */
	for (i = 0; bad == NULL && i < s->nmiss; i++)
		if (X509_cmp(s->miss[i].cert, x) == 0) {
			snprintf(v->why, sizeof(v->why), "%s", s->miss[i].why);
			snprintf(v->source, sizeof(v->source), "%s",
			    s->miss[i].src);
			break;
		}
	if (soft) {
		diag_warn(src, line, "%s: revocation status unknown: %s%s%s%s",
		    subject ? subject : "?", v->why, v->source[0] ? " (" : "",
		    v->source, v->source[0] ? ")" : "");
		status = strict ? EX_NO : EX_YES;
	} else
		status = diag_err(src, line, "%s: revocation status unknown: "
		    "%s%s%s%s", subject ? subject : "?", v->why, v->source[0] ?
		    " (" : "", v->source, v->source[0] ? ")" : "");
out:
	free(subject);
	free(issuer);
	return status;
}

const char *
crl_reason_name(long r)
{
	static const char *const names[] = {
		"unspecified", "keyCompromise", "cACompromise",
		"affiliationChanged", "superseded", "cessationOfOperation",
		"certificateHold", "unspecified", "removeFromCRL",
		"privilegeWithdrawn", "aACompromise"
	};

	return r >= 0 && r < (long)(sizeof(names) / sizeof(names[0])) ?
	    names[r] : "unspecified";
}

int
crlset_revoked(const struct crlset *s, X509 *x, char date[32],
    const char **reason)
{
	X509_REVOKED *rev;
	ASN1_ENUMERATED *why;
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (!s->v[i].trusted || X509_NAME_cmp(X509_CRL_get_issuer(
		    s->v[i].crl), X509_get_issuer_name(x)) != 0 ||
		    X509_CRL_get0_by_cert(s->v[i].crl, &rev, x) != 1)
			continue;
		if (x509info_time(X509_REVOKED_get0_revocationDate(rev), date,
		    32) != 0)
			snprintf(date, 32, "(malformed date)");
		*reason = "unspecified";
		if ((why = X509_REVOKED_get_ext_d2i(rev, NID_crl_reason, NULL,
		    NULL)) != NULL) {
			*reason = crl_reason_name(ASN1_ENUMERATED_get(why));
			ASN1_ENUMERATED_free(why);
		}
		ERR_clear_error();
		return 1;
	}
	return 0;
}

STACK_OF(X509_CRL) *
crlset_crls(const struct crlset *s)
{
	STACK_OF(X509_CRL) *sk = sk_X509_CRL_new_null();
	size_t i;

	for (i = 0; sk != NULL && i < s->n; i++)
		if (s->v[i].trusted)
			sk_X509_CRL_push(sk, s->v[i].crl);
	return sk;
}

void
crlset_free(struct crlset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		X509_CRL_free(s->v[i].crl);
		free(s->v[i].src);
	}
	free(s->v);
	for (i = 0; i < s->nmiss; i++) {
		X509_free(s->miss[i].cert);
		free(s->miss[i].src);
	}
	free(s->miss);
	memset(s, 0, sizeof(*s));
}

int
crl_gate(const struct pem_block *b, const struct crlinfo *ci,
    long long within)
{
	if (within < 0 || !ci->has_next)
		return EX_YES;
	if (ci->secs_left < 0)
		return diag_no(b->src, b->line, "the CRL of %s is stale: its "
		    "nextUpdate was %s", ci->issuer, ci->next_update);
	if (ci->secs_left < within)
		return diag_no(b->src, b->line, "the CRL of %s goes stale on "
		    "%s, within %lld days", ci->issuer, ci->next_update,
		    ci->secs_left / 86400);
	return EX_YES;
}
