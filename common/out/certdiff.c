/* certdiff.c: cert-diff's comparison and report; see certdiff.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "base/json.h"
#include "out/certdiff.h"
#include "x509/obj.h"
#include "x509/x509info.h"

/* "file:line" of a side, in a buffer of the statement */
#define WHERE(s)	diag_where((s)->src, (s)->line, (s)->member, \
			    (char [1024]){ 0 }, 1024)

/* RFC 7633: the TLS feature status_request (RFC 6066 section 8) */
#define TLS_STATUS_REQUEST	5

static void
typed(struct strlist *dst, const char *type, const struct strlist *src)
{
	char buf[1024];
	size_t i;

	for (i = 0; i < src->n; i++) {
		snprintf(buf, sizeof(buf), "%s:%s", type, src->v[i]);
		strlist_add(dst, buf);
	}
}

/* The names of s: its subjectAltName, then its CN (the last one). */
static void
names_of(struct certdiff_side *s)
{
	const X509_NAME *nm = X509_get_subject_name(s->x);
	X509_NAME_ENTRY *e;
	unsigned char *u = NULL;
	char buf[1024];
	int i, len;

	typed(&s->names, "DNS", &s->xi.dns);
	typed(&s->names, "IP", &s->xi.ip);
	typed(&s->names, "email", &s->xi.email);
	typed(&s->names, "URI", &s->xi.uri);
	if ((i = X509_NAME_get_index_by_NID(nm, NID_commonName, -1)) < 0)
		return;
	while ((len = X509_NAME_get_index_by_NID(nm, NID_commonName, i)) >= 0)
		i = len;
	e = X509_NAME_get_entry(nm, i);
	if ((len = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(e))) >= 0) {
		snprintf(buf, sizeof(buf), "CN:%.*s", len, (char *)u);
		strlist_add(&s->names, buf);
	}
	OPENSSL_free(u);
	ERR_clear_error();
}

static int
staple_of(X509 *x)
{
	TLS_FEATURE *f;
	int i, r = 0;

	if ((f = X509_get_ext_d2i(x, NID_tlsfeature, NULL, NULL)) == NULL) {
		ERR_clear_error();
		return 0;
	}
	for (i = 0; i < sk_ASN1_INTEGER_num(f); i++)
		if (ASN1_INTEGER_get(sk_ASN1_INTEGER_value(f, i)) ==
		    TLS_STATUS_REQUEST)
			r = 1;
	TLS_FEATURE_free(f);
	return r;
}

int
certdiff_leaf(const char *file, unsigned rflags, struct certdiff_side *s)
{
	struct obj_input oi;
	struct obj o;
	char *files[1];
	X509 *leaf = NULL;
	size_t ncert = 0, nleaf = 0;
	int status;

	memset(s, 0, sizeof(*s));
	files[0] = (char *)file;
	obj_input_init(&oi, files, 1, rflags, OBJ_CERTS, NULL);
	while (obj_next(&oi, &o)) {
		if (o.x == NULL)
			continue;
		/* the first certificate, unless a later one is the leaf */
		if (ncert++ == 0 || (X509_check_ca(o.x) == 0 &&
		    nleaf == 0)) {
			X509_free(leaf);
			X509_up_ref(o.x);
			leaf = o.x;
			free(s->src);
			s->src = xstrdup(o.src);
			s->line = o.line;
			s->index = o.index;
			s->member = o.member;
		}
		if (X509_check_ca(o.x) == 0)
			nleaf++;
	}
	if ((status = obj_input_end(&oi)) != EX_YES)
		goto out;
	if (ncert == 0) {
		status = diag_err(file, 0, "no certificate in it");
		goto out;
	}
	if (nleaf > 1) {
		status = diag_err(file, 0, "%zu leaves: give a file with one "
		    "(the old certificate left in?)", nleaf);
		goto out;
	}
	if (ncert > 1 && nleaf == 0) {
		status = diag_err(file, 0, "no leaf: its %zu certificates are "
		    "all CAs", ncert);
		goto out;
	}
	s->x = leaf;
	leaf = NULL;
	if ((status = x509info_get(s->x, 0, &s->xi)) != 0) {
		diag_err(s->src, s->line, "cannot read the certificate's "
		    "fields");
		goto out;
	}
	if (s->xi.bad_time != NULL) {
		status = diag_err(s->src, s->line, "its %s does not parse",
		    s->xi.bad_time);
		goto out;
	}
	s->life = s->xi.secs_left + s->xi.secs_valid;
	s->staple = staple_of(s->x);
	names_of(s);
out:
	X509_free(leaf);
	return status;
}

void
certdiff_side_free(struct certdiff_side *s)
{
	X509_free(s->x);
	free(s->src);
	x509info_free(&s->xi);
	strlist_free(&s->names);
	memset(s, 0, sizeof(*s));
}

/* Is name n (typed) among l?  DNS names without case (RFC 4343). */
static int
has(const struct strlist *l, const char *n)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strncmp(n, "DNS:", 4) == 0 ? strcasecmp(l->v[i], n) == 0 :
		    strcmp(l->v[i], n) == 0)
			return 1;
	return 0;
}

/* Does l still carry name n?  A CN also as a DNS or IP subjectAltName. */
static int
carries(const struct strlist *l, const char *n)
{
	char buf[1024];

	if (has(l, n))
		return 1;
	if (strncmp(n, "CN:", 3) != 0)
		return 0;
	snprintf(buf, sizeof(buf), "DNS:%s", n + 3);
	if (has(l, buf))
		return 1;
	snprintf(buf, sizeof(buf), "IP:%s", n + 3);
	return has(l, buf);
}

/* Each of a not in b onto out. */
static void
minus(const struct strlist *a, const struct strlist *b, struct strlist *out)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!has(b, a->v[i]))
			strlist_add(out, a->v[i]);
}

int
certdiff_compare(const struct certdiff_side *a, const struct certdiff_side *b,
    struct certdiff *d)
{
	int new_key = d->new_key, status = EX_YES;
	size_t i;

	memset(d, 0, sizeof(*d));
	d->new_key = new_key;
	for (i = 0; i < a->names.n; i++)
		if (!carries(&b->names, a->names.v[i]))
			strlist_add(&d->names_lost, a->names.v[i]);
	for (i = 0; i < b->names.n; i++)
		if (!carries(&a->names, b->names.v[i]))
			strlist_add(&d->names_added, b->names.v[i]);
	/* no extendedKeyUsage: any purpose (RFC 5280 4.2.1.12) */
	if (a->xi.eku.n == 0 && b->xi.eku.n > 0 &&
	    !has(&b->xi.eku, "anyExtendedKeyUsage"))
		strlist_add(&d->eku_lost, "anyExtendedKeyUsage");
	else if (!has(&b->xi.eku, "anyExtendedKeyUsage") && b->xi.eku.n > 0)
		minus(&a->xi.eku, &b->xi.eku, &d->eku_lost);
	if (b->xi.eku.n == 0 && a->xi.eku.n > 0 &&
	    !has(&a->xi.eku, "anyExtendedKeyUsage"))
		strlist_add(&d->eku_added, "anyExtendedKeyUsage");
	else if (!has(&a->xi.eku, "anyExtendedKeyUsage") && a->xi.eku.n > 0)
		minus(&b->xi.eku, &a->xi.eku, &d->eku_added);
	minus(&a->xi.policies, &b->xi.policies, &d->pol_lost);
	minus(&b->xi.policies, &a->xi.policies, &d->pol_added);
	d->key_reused = strcmp(a->xi.spki_sha256, b->xi.spki_sha256) == 0;
	d->key_changed = strcmp(a->xi.key_type, b->xi.key_type) != 0 ||
	    a->xi.key_bits != b->xi.key_bits ||
	    strcmp(a->xi.curve, b->xi.curve) != 0;
	d->issuer_changed = strcmp(a->xi.issuer, b->xi.issuer) != 0 ||
	    (a->xi.aki != NULL) != (b->xi.aki != NULL) ||
	    (a->xi.aki != NULL && strcmp(a->xi.aki, b->xi.aki) != 0);

	for (i = 0; i < d->names_lost.n; i++)
		status = diag_no(b->src, b->line, "lost the name %s of %s",
		    d->names_lost.v[i], WHERE(a));
	for (i = 0; i < d->eku_lost.n; i++)
		status = diag_no(b->src, b->line, "lost the purpose %s of %s",
		    d->eku_lost.v[i], WHERE(a));
	if (d->new_key && d->key_reused)
		status = diag_no(b->src, b->line, "reuses the key of %s "
		    "(--new-key)", WHERE(a));
	return status;
}

void
certdiff_free(struct certdiff *d)
{
	strlist_free(&d->names_lost);
	strlist_free(&d->names_added);
	strlist_free(&d->eku_lost);
	strlist_free(&d->eku_added);
	strlist_free(&d->pol_lost);
	strlist_free(&d->pol_added);
}

static void
put(struct out *o, const char *label, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "%-15s", label);
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if ((size_t)n >= sizeof(buf) - 1)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	out_write(o, buf, (size_t)n);
}

static void
each(struct out *o, const char *label, const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		put(o, label, "%s", l->v[i]);
}

/* "395 days", or with the hours when they are not whole days. */
static const char *
span(long long secs, char *buf, size_t n)
{
	if (secs % 86400 == 0 || secs < 0)
		snprintf(buf, n, "%lld day%s", secs / 86400,
		    secs / 86400 == 1 ? "" : "s");
	else
		snprintf(buf, n, "%lld days %lld hours", secs / 86400,
		    secs % 86400 / 3600);
	return buf;
}

static void
side_text(struct out *o, const char *label, const struct certdiff_side *s)
{
	put(o, label, "%s: %s, serial %s, %s to %s",
	    WHERE(s), s->xi.subject, s->xi.serial,
	    s->xi.not_before, s->xi.not_after);
}

void
certdiff_text(struct out *o, const struct certdiff_side *a,
    const struct certdiff_side *b, const struct certdiff *d)
{
	char ka[128], kb[128], la[64], lb[64], why[128];

	side_text(o, "old:", a);
	side_text(o, "new:", b);
	if (d->names_lost.n + d->names_added.n == 0)
		put(o, "names:", "the same");
	each(o, "name lost:", &d->names_lost);
	each(o, "name added:", &d->names_added);
	if (d->eku_lost.n + d->eku_added.n == 0)
		put(o, "purposes:", "the same");
	each(o, "purpose lost:", &d->eku_lost);
	each(o, "purpose added:", &d->eku_added);
	x509info_key_text(&a->xi, ka, sizeof(ka));
	x509info_key_text(&b->xi, kb, sizeof(kb));
	if (d->key_changed)
		put(o, "key:", "%s, %s -> %s", d->key_reused ? "reused" :
		    "new", ka, kb);
	else
		put(o, "key:", "%s, %s", d->key_reused ? "reused" : "new", kb);
	if (d->issuer_changed)
		put(o, "issuer:", "changed: %s -> %s (a different chain to "
		    "install)", a->xi.issuer, b->xi.issuer);
	else
		put(o, "issuer:", "the same: %s", b->xi.issuer);
	put(o, "lifetime:", "%s -> %s", span(a->life, la, sizeof(la)),
	    span(b->life, lb, sizeof(lb)));
	each(o, "policy lost:", &d->pol_lost);
	each(o, "policy added:", &d->pol_added);
	if (a->staple != b->staple)
		put(o, "must-staple:", b->staple ? "added" : "lost");
	why[0] = '\0';
	if (d->names_lost.n > 0)
		snprintf(why, sizeof(why), ", %zu name%s lost",
		    d->names_lost.n, d->names_lost.n == 1 ? "" : "s");
	if (d->eku_lost.n > 0)
		snprintf(why + strlen(why), sizeof(why) - strlen(why),
		    ", %zu purpose%s lost", d->eku_lost.n,
		    d->eku_lost.n == 1 ? "" : "s");
	if (d->new_key && d->key_reused)
		snprintf(why + strlen(why), sizeof(why) - strlen(why),
		    ", the key reused");
	if (why[0] != '\0')
		put(o, "drop-in:", "no: %s", why + 2);
	else
		put(o, "drop-in:", "yes");
}

static void
side_json(struct json *j, const char *key, const struct certdiff_side *s)
{
	json_open(j, key, '{');
	json_str(j, "source", s->src, -1);
	json_int(j, "index", (long long)s->index);
	if (s->line)
		json_int(j, "line", (long long)s->line);
	else
		json_null(j, "line");
	json_str(j, "subject", s->xi.subject, -1);
	json_str(j, "issuer", s->xi.issuer, -1);
	json_str(j, "serial", s->xi.serial, -1);
	json_str(j, "not_before", s->xi.not_before, -1);
	json_str(j, "not_after", s->xi.not_after, -1);
	json_int(j, "lifetime", s->life);
	json_list(j, "names", s->names.v, s->names.n);
	json_open(j, "key", '{');
	json_str(j, "type", s->xi.key_type, -1);
	json_int(j, "bits", s->xi.key_bits);
	json_str(j, "curve", s->xi.curve[0] ? s->xi.curve : NULL, -1);
	json_close(j, '}');
	json_str(j, "spki_sha256", s->xi.spki_sha256, -1);
	json_bool(j, "must_staple", s->staple);
	json_str(j, "sha256", s->xi.sha256, -1);
	json_close(j, '}');
}

void
certdiff_json(struct out *o, const struct certdiff_side *a,
    const struct certdiff_side *b, const struct certdiff *d)
{
	struct json j;

	json_begin_at(&j, o, b->src, b->line, b->index, "cert-diff");
	side_json(&j, "old", a);
	side_json(&j, "new", b);
	json_list(&j, "names_lost", d->names_lost.v, d->names_lost.n);
	json_list(&j, "names_added", d->names_added.v, d->names_added.n);
	json_list(&j, "purposes_lost", d->eku_lost.v, d->eku_lost.n);
	json_list(&j, "purposes_added", d->eku_added.v, d->eku_added.n);
	json_bool(&j, "key_reused", d->key_reused);
	json_bool(&j, "key_changed", d->key_changed);
	json_bool(&j, "issuer_changed", d->issuer_changed);
	json_list(&j, "policies_lost", d->pol_lost.v, d->pol_lost.n);
	json_list(&j, "policies_added", d->pol_added.v, d->pol_added.n);
	json_bool(&j, "drop_in", d->names_lost.n + d->eku_lost.n == 0 &&
	    !(d->new_key && d->key_reused));
	json_end(&j);
}
