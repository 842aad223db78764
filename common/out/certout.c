/* certout.c: cert-info's text, JSON and -f output; see certout.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "out/certout.h"
#include "x509/crl.h"
#include "check/csrpolicy.h"
#include "base/diag.h"
#include "base/io.h"
#include "base/json.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "x509/x509info.h"

/* One labelled line of a list; returns 1 when it wrote one. */
static int
list_text(struct out *o, const char *label, const struct strlist *l,
    const char *prefix)
{
	size_t i;

	if (l->n == 0)
		return 0;
	out_write(o, "  ", 2);
	out_write(o, label, strlen(label));
	for (i = 0; i < l->n; i++) {
		out_write(o, i ? ", " : "", i ? 2 : 0);
		out_write(o, prefix, strlen(prefix));
		out_write(o, l->v[i], strlen(l->v[i]));
	}
	out_write(o, "\n", 1);
	return 1;
}

static void
line(struct out *o, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
line(struct out *o, const char *label, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	out_write(o, "  ", 2);
	out_write(o, label, strlen(label));
	out_write(o, buf, n < 0 ? 0 : (size_t)n < sizeof(buf) ? (size_t)n :
	    sizeof(buf) - 1);
	out_write(o, "\n", 1);
}

void
certout_text(struct out *o, const struct pem_block *b, unsigned long member,
    const struct x509info *xi, int first)
{
	char head[512], buf[128];
	const char *san;
	int n;

	if (!first)
		out_write(o, "\n", 1);
	n = member ? snprintf(head, sizeof(head), "%s:%lu: certificate %lu "
	    "of %s block %lu\n", b->src, b->line, member, b->kind ==
	    PK_PKCS12 ? "PKCS#12" : "PKCS#7", b->index) :
	    snprintf(head, sizeof(head), "%s:%lu: certificate (block %lu)\n",
	    b->src, b->line, b->index);
	out_write(o, head, (size_t)n < sizeof(head) ? (size_t)n :
	    sizeof(head) - 1);
	out_write(o, "  subject:           ", 21);
	out_write(o, xi->subject, strlen(xi->subject));
	out_write(o, "\n  issuer:            ", 22);
	out_write(o, xi->issuer, strlen(xi->issuer));
	out_write(o, "\n", 1);
	line(o, "serial:            ", "%s", xi->serial);
	line(o, "not before:        ", "%s", xi->not_before);
	if (xi->bad_time != NULL && strcmp(xi->bad_time, "notAfter") == 0)
		line(o, "not after:         ", "%s", xi->not_after);
	else
		line(o, "not after:         ", "%s (%lld days %s)",
		    xi->not_after, (xi->secs_left < 0 ? -xi->secs_left :
		    xi->secs_left) / 86400, xi->secs_left < 0 ? "ago" :
		    "left");
	line(o, "role:              ", "%s%s", xi->role,
	    xi->self_signed ? ", self-signed" : "");
	/* the label goes with the first kind present: a SAN of e-mail
	 * addresses, IPs or URIs only is labelled too */
	san = "subject alt name:  ";
	if (list_text(o, san, &xi->dns, "DNS:"))
		san = "                   ";
	if (list_text(o, san, &xi->ip, "IP:"))
		san = "                   ";
	if (list_text(o, san, &xi->email, "email:"))
		san = "                   ";
	list_text(o, san, &xi->uri, "URI:");
	x509info_key_text(xi, buf, sizeof(buf));
	line(o, "public key:        ", "%s", buf);
	line(o, "signature:         ", "%s", xi->sig);
	line(o, "sha256:            ", "%s", xi->sha256);
	line(o, "sha1:              ", "%s", xi->sha1);
	line(o, "spki sha256:       ", "%s", xi->spki_sha256);
	line(o, "pin-sha256:        ", "%s", xi->pin_sha256);
	if (xi->ski != NULL)
		line(o, "subject key id:    ", "%s", xi->ski);
	if (xi->aki != NULL)
		line(o, "authority key id:  ", "%s", xi->aki);
	if (xi->has_bc && xi->path_len >= 0)
		line(o, "basic constraints: ", "CA:%s, pathlen:%ld",
		    xi->ca ? "TRUE" : "FALSE", xi->path_len);
	else if (xi->has_bc)
		line(o, "basic constraints: ", "CA:%s", xi->ca ? "TRUE" :
		    "FALSE");
	list_text(o, "key usage:         ", &xi->ku, "");
	list_text(o, "ext key usage:     ", &xi->eku, "");
	list_text(o, "ocsp:              ", &xi->ocsp, "");
	list_text(o, "ca issuers:        ", &xi->ca_issuers, "");
	list_text(o, "crl:               ", &xi->crl, "");
	list_text(o, "policies:          ", &xi->policies, "");
}

void
certout_json(struct out *o, const struct pem_block *b, unsigned long member,
    const struct x509info *xi)
{
	certout_json_ari(o, b, member, xi, NULL, NULL);
}

/* "" as null */
static const char *
nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

void
certout_rev_text(struct out *o, const struct crlverdict *rev)
{
	char buf[1200];

	if (rev->status == NULL)
		snprintf(buf, sizeof(buf), "not checked");
	else if (strcmp(rev->status, "revoked") == 0)
		snprintf(buf, sizeof(buf), "revoked on %s (%s), says %s",
		    rev->date, rev->reason ? rev->reason : "no reason given",
		    rev->source);
	else if (strcmp(rev->status, "unknown") == 0)
		snprintf(buf, sizeof(buf), "unknown: %s", rev->why[0] ?
		    rev->why : "no answer");
	else
		snprintf(buf, sizeof(buf), "%s, says %s", rev->status,
		    rev->source);
	out_write(o, "  revocation:        ", 21);
	out_write(o, buf, strlen(buf));
	out_write(o, "\n", 1);
}

void
certout_json_rev(struct out *o, const struct pem_block *b,
    unsigned long member, const struct x509info *xi,
    const struct crlverdict *rev)
{
	certout_json_ari(o, b, member, xi, rev, NULL);
}

void
certout_ari_text(struct out *o, const struct ari_window *ari)
{
	char buf[2400];
	int n;

	if (ari->ok)
		n = snprintf(buf, sizeof(buf), "  renewal window:    %s to "
		    "%s%s%s (ARI)\n", ari->start, ari->end, ari->explanation ?
		    ", see " : "", ari->explanation ? ari->explanation : "");
	else
		n = snprintf(buf, sizeof(buf), "  renewal window:    unknown: "
		    "%s (ARI)\n", ari->url ? "could not be read" :
		    "no certificate identifier (no AKI keyIdentifier)");
	out_write(o, buf, n > 0 && (size_t)n < sizeof(buf) ? (size_t)n :
	    strlen(buf));
}

void
certout_json_ari(struct out *o, const struct pem_block *b,
    unsigned long member, const struct x509info *xi,
    const struct crlverdict *rev, const struct ari_window *ari)
{
	struct json j;
	const char *bt;

	json_begin_block(&j, o, b, "cert");
	if (member)
		json_int(&j, "member", (long long)member);
	else
		json_null(&j, "member");
	json_str(&j, "subject", xi->subject, -1);
	json_str(&j, "issuer", xi->issuer, -1);
	json_str(&j, "serial", xi->serial, -1);
	/* a malformed time is null, never a made-up value */
	bt = xi->bad_time != NULL ? xi->bad_time : "";
	json_str(&j, "not_before", strcmp(bt, "notBefore") ? xi->not_before :
	    NULL, -1);
	json_str(&j, "not_after", strcmp(bt, "notAfter") ? xi->not_after :
	    NULL, -1);
	if (strcmp(bt, "notAfter") == 0)
		json_null(&j, "days_left");
	else
		json_int(&j, "days_left", xi->days_left);
	json_open(&j, "san", '{');
	json_list(&j, "dns", xi->dns.v, xi->dns.n);
	json_list(&j, "ip", xi->ip.v, xi->ip.n);
	json_list(&j, "email", xi->email.v, xi->email.n);
	json_list(&j, "uri", xi->uri.v, xi->uri.n);
	json_close(&j, '{');
	json_open(&j, "key", '{');
	json_str(&j, "type", xi->key_type, -1);
	if (xi->key_bits > 0)
		json_int(&j, "bits", xi->key_bits);
	else
		json_null(&j, "bits");
	json_str(&j, "curve", xi->curve[0] ? xi->curve : NULL, -1);
	json_close(&j, '{');
	json_str(&j, "signature", xi->sig, -1);
	json_str(&j, "sha256", xi->sha256, -1);
	json_str(&j, "sha1", xi->sha1, -1);
	json_str(&j, "spki_sha256", xi->spki_sha256, -1);
	json_str(&j, "pin_sha256", xi->pin_sha256, -1);
	json_str(&j, "ski", xi->ski, -1);
	json_str(&j, "aki", xi->aki, -1);
	if (xi->has_bc) {
		json_open(&j, "basic_constraints", '{');
		json_bool(&j, "ca", xi->ca);
		if (xi->path_len >= 0)
			json_int(&j, "path_len", xi->path_len);
		else
			json_null(&j, "path_len");
		json_close(&j, '{');
	} else
		json_null(&j, "basic_constraints");
	json_list(&j, "key_usage", xi->ku.v, xi->ku.n);
	json_list(&j, "ext_key_usage", xi->eku.v, xi->eku.n);
	json_list(&j, "ocsp", xi->ocsp.v, xi->ocsp.n);
	json_list(&j, "ca_issuers", xi->ca_issuers.v, xi->ca_issuers.n);
	json_list(&j, "crl", xi->crl.v, xi->crl.n);
	json_list(&j, "policies", xi->policies.v, xi->policies.n);
	json_bool(&j, "self_signed", xi->self_signed);
	json_str(&j, "role", xi->role, -1);
	if (rev != NULL && rev->status == NULL)
		json_null(&j, "revocation");
	else if (rev != NULL) {
		json_open(&j, "revocation", '{');
		json_str(&j, "status", rev->status, -1);
		json_str(&j, "reason", rev->reason, -1);
		json_str(&j, "date", nz(rev->date), -1);
		json_str(&j, "source", nz(rev->source), -1);
		json_str(&j, "why", nz(rev->why), -1);
		json_close(&j, '}');
	}
	if (ari != NULL) {
		json_open(&j, "ari", '{');
		json_str(&j, "id", xi->ari_id, -1);
		json_str(&j, "url", ari->url, -1);
		json_str(&j, "start", ari->ok ? ari->start : NULL, -1);
		json_str(&j, "end", ari->ok ? ari->end : NULL, -1);
		json_str(&j, "explanation_url", ari->explanation, -1);
		json_close(&j, '}');
	}
	json_end(&j);
}

static void
join(struct out *o, const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			out_write(o, ",", 1);
		out_write(o, l->v[i], strlen(l->v[i]));
	}
}

/*
 * The -f walker: fmt's text, \n, \t and %%, and each %{field} through
 * val(), which writes the value and returns 0, or -1 for an unknown
 * field.
 */
static int
walk(struct out *o, const char *fmt,
    int (*val)(struct out *, const char *, void *), void *arg)
{
	const char *p, *e;
	char name[64];
	size_t n;

	for (p = fmt; *p != '\0'; p++) {
		if (*p == '\\' && (p[1] == 'n' || p[1] == 't')) {
			out_write(o, *++p == 'n' ? "\n" : "\t", 1);
			continue;
		}
		if (*p != '%') {
			out_write(o, p, 1);
			continue;
		}
		if (p[1] == '%') {
			out_write(o, "%", 1);
			p++;
			continue;
		}
		if (p[1] != '{' || (e = strchr(p, '}')) == NULL ||
		    (n = (size_t)(e - p - 2)) >= sizeof(name))
			return diag_err(NULL, 0, "-f: expected %%{field} at "
			    "\"%.10s\"", p);
		memcpy(name, p + 2, n);
		name[n] = '\0';
		p = e;
		if (val(o, name, arg) != 0)
			return diag_err(NULL, 0, "-f: unknown field \"%s\"",
			    name);
	}
	out_write(o, "\n", 1);
	return 0;
}

/*
 * A DANE TLSA record's data, "U S M HEX" (RFC 6698 sections 2.1 and
 * 2.2, RFC 7218's names for the numbers): usage U, selector S (0 the
 * certificate, 1 its SubjectPublicKeyInfo), matching type M (0 the
 * bytes, 1 SHA-256, 2 SHA-512), for a field "tlsa.U.S.M".  Returns 0
 * when name is not such a field.
 */
static int
tlsa_spec(const char *name, int *u, int *sel, int *mt)
{
	if (strlen(name) != 10 || strncmp(name, "tlsa.", 5) != 0 ||
	    name[6] != '.' || name[8] != '.')
		return 0;
	*u = name[5] - '0';
	*sel = name[7] - '0';
	*mt = name[9] - '0';
	return *u >= 0 && *u <= 3 && *sel >= 0 && *sel <= 1 && *mt >= 0 &&
	    *mt <= 2;
}

static int
tlsa(struct out *o, const char *name, const struct x509info *xi)
{
	const unsigned char *der;
	unsigned char md[64];
	unsigned mdlen = 0;
	char head[16], *hex;
	int len, u, sel, mt;

	if (!tlsa_spec(name, &u, &sel, &mt))
		return 0;
	der = sel == 0 ? xi->der : xi->spki;
	len = sel == 0 ? xi->derlen : xi->spkilen;
	if (len <= 0)
		return 1;
	snprintf(head, sizeof(head), "%d %d %d ", u, sel, mt);
	out_write(o, head, strlen(head));
	if (mt > 0 && !EVP_Digest(der, (size_t)len, md, &mdlen, mt == 1 ?
	    EVP_sha256() : EVP_sha512(), NULL))
		mdlen = 0;
	hex = xmalloc(2 * (mt > 0 ? (size_t)mdlen : (size_t)len) + 1);
	ossl_hex(mt > 0 ? md : der, mt > 0 ? (size_t)mdlen : (size_t)len, hex);
	out_write(o, hex, strlen(hex));
	free(hex);
	return 1;
}

struct cert_arg {
	const struct pem_block *b;
	X509		*x;
	const struct x509info *xi;
	const struct ari_window *ari;	/* --ari's answer, or NULL */
};

/* The fields of a CRL, which a certificate has not: empty for one. */
static const char *const crl_only[] = {
	"crl_number", "this_update", "next_update", "revoked", NULL
};

static int
in_list(const char *const *l, const char *name)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, name) == 0)
			return 1;
	return 0;
}

static int
cert_val(struct out *o, const char *name, void *arg)
{
	const struct cert_arg *a = arg;
	const struct pem_block *b = a->b;
	const struct x509info *xi = a->xi;
	X509 *x = a->x;
	char num[32], *v = NULL;

#define IS(s)	(strcmp(name, (s)) == 0)
	if (strncmp(name, "subject.", 8) == 0 ||
	    strncmp(name, "issuer.", 7) == 0) {
		v = ossl_name_entry(name[0] == 's' ?
		    X509_get_subject_name(x) : X509_get_issuer_name(x),
		    strchr(name, '.') + 1);
		if (v != NULL)
			out_write(o, v, strlen(v));
		free(v);
		return 0;
	}
	if (IS("subject"))
		v = xi->subject;
	else if (IS("issuer"))
		v = xi->issuer;
	else if (IS("serial"))
		v = xi->serial;
	else if (IS("not_before") || IS("notBefore"))
		v = (char *)xi->not_before;
	else if (IS("not_after") || IS("notAfter"))
		v = (char *)xi->not_after;
	else if (IS("sha256"))
		v = (char *)xi->sha256;
	else if (IS("sha1"))
		v = (char *)xi->sha1;
	else if (IS("spki_sha256"))
		v = (char *)xi->spki_sha256;
	else if (IS("pin_sha256") || IS("spki.sha256.base64"))
		v = (char *)xi->pin_sha256;
	else if (IS("role"))
		v = (char *)xi->role;
	else if (IS("signature"))
		v = (char *)xi->sig;
	else if (IS("source"))
		v = (char *)b->src;
	else if (IS("type"))
		v = (char *)"cert";
	else if (IS("ski"))
		v = xi->ski != NULL ? xi->ski : (char *)"";
	else if (IS("aki"))
		v = xi->aki != NULL ? xi->aki : (char *)"";
	else if (IS("key_type"))
		v = (char *)xi->key_type;
	else if (IS("ari.id"))
		v = xi->ari_id != NULL ? xi->ari_id : (char *)"";
	else if (IS("ari.start") || IS("ari.end"))
		v = a->ari == NULL || !a->ari->ok ? (char *)"" : IS("ari.start") ?
		    (char *)a->ari->start : (char *)a->ari->end;
	else if (IS("ari.explanation_url"))
		v = a->ari == NULL || a->ari->explanation == NULL ? (char *)"" :
		    a->ari->explanation;
	else if (IS("days_left") || IS("line") || IS("index") ||
	    IS("key_bits")) {
		snprintf(num, sizeof(num), "%lld", IS("line") ?
		    (long long)b->line : IS("index") ?
		    (long long)b->index : IS("key_bits") ?
		    (long long)xi->key_bits : xi->days_left);
		v = num;
	} else if (IS("dns") || IS("san"))
		join(o, &xi->dns);
	else if (IS("ip"))
		join(o, &xi->ip);
	else if (IS("email"))
		join(o, &xi->email);
	/* last, so that the common fields cost no more than before */
	else if (!tlsa(o, name, xi) && !in_list(crl_only, name))
		return -1;
#undef IS
	if (v != NULL)
		out_write(o, v, strlen(v));
	return 0;
}

int
certout_format(struct out *o, const char *fmt, const struct pem_block *b,
    X509 *x, const struct x509info *xi)
{
	return certout_format_ari(o, fmt, b, x, xi, NULL);
}

int
certout_format_ari(struct out *o, const char *fmt, const struct pem_block *b,
    X509 *x, const struct x509info *xi, const struct ari_window *ari)
{
	struct cert_arg a = { b, x, xi, ari };

	return walk(o, fmt, cert_val, &a);
}

struct crl_arg {
	const struct pem_block *b;
	X509_CRL	*crl;
	const struct crlinfo *ci;
};

static int
crl_val(struct out *o, const char *name, void *arg)
{
	const struct crl_arg *a = arg;
	const struct crlinfo *ci = a->ci;
	char num[32], *v = NULL;

#define IS(s)	(strcmp(name, (s)) == 0)
	if (strncmp(name, "issuer.", 7) == 0) {
		v = ossl_name_entry(X509_CRL_get_issuer(a->crl), name + 7);
		if (v != NULL)
			out_write(o, v, strlen(v));
		free(v);
		return 0;
	}
	if (IS("issuer"))
		v = ci->issuer;
	else if (IS("crl_number"))
		v = ci->number != NULL ? ci->number : (char *)"";
	else if (IS("this_update"))
		v = (char *)ci->this_update;
	else if (IS("next_update"))
		v = (char *)ci->next_update;
	else if (IS("signature"))
		v = (char *)ci->sig;
	else if (IS("sha256"))
		v = (char *)ci->sha256;
	else if (IS("source"))
		v = (char *)a->b->src;
	else if (IS("type"))
		v = (char *)"crl";
	else if (IS("revoked") || IS("line") || IS("index") ||
	    (IS("days_left") && ci->has_next)) {
		snprintf(num, sizeof(num), "%lld", IS("line") ?
		    (long long)a->b->line : IS("index") ?
		    (long long)a->b->index : IS("revoked") ?
		    (long long)ci->revoked : ci->days_left);
		v = num;
	} else if (certout_format_check_one(name) != NULL)
		return -1;
	/* else a certificate's field: empty for a CRL */
#undef IS
	if (v != NULL)
		out_write(o, v, strlen(v));
	return 0;
}

int
certout_format_crl(struct out *o, const char *fmt, const struct pem_block *b,
    X509_CRL *crl, const struct crlinfo *ci)
{
	struct crl_arg a = { b, crl, ci };

	return walk(o, fmt, crl_val, &a);
}

/* The fields -f knows, besides subject.XX and issuer.XX. */
static const char *const fields[] = {
	"subject", "issuer", "serial", "not_before", "notBefore", "not_after",
	"notAfter", "sha256", "sha1", "spki_sha256", "pin_sha256", "role",
	"signature", "source", "ski", "aki", "key_type", "days_left", "line",
	"index", "key_bits", "dns", "san", "ip", "email", "type",
	"spki.sha256.base64", "crl_number", "this_update", "next_update",
	"revoked", "ari.id", "ari.start", "ari.end", "ari.explanation_url",
	NULL
};

const char *
certout_format_check_one(const char *name)
{
	static char why[96];
	size_t i;
	int u, sel, mt;

	if ((strlen(name) > 8 && strncmp(name, "subject.", 8) == 0) ||
	    (strlen(name) > 7 && strncmp(name, "issuer.", 7) == 0))
		return NULL;
	if (tlsa_spec(name, &u, &sel, &mt))
		return NULL;
	for (i = 0; fields[i] != NULL; i++)
		if (strcmp(fields[i], name) == 0)
			return NULL;
	snprintf(why, sizeof(why), "unknown field \"%%{%.40s}\"", name);
	return why;
}

const char *
certout_format_check(const char *fmt)
{
	static char why[160];
	const char *p, *e, *w;
	char name[64];
	size_t n;

	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		if (p[1] != '{' || (e = strchr(p, '}')) == NULL) {
			snprintf(why, sizeof(why), "expected %%{field} at "
			    "\"%.10s\"", p);
			return why;
		}
		n = (size_t)(e - p - 2);
		snprintf(name, sizeof(name), "%.*s", (int)(n < 63 ? n : 63),
		    p + 2);
		if ((w = certout_format_check_one(name)) != NULL)
			return w;
		p = e;
	}
	return NULL;
}

/* "  label: a, b" for a list that is not empty. */
static void
list_line(struct out *o, const char *label, const struct strlist *l)
{
	size_t i;

	if (l->n == 0)
		return;
	out_write(o, label, strlen(label));
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			out_write(o, ", ", 2);
		out_write(o, l->v[i], strlen(l->v[i]));
	}
	out_write(o, "\n", 1);
}

static const char *
sevword(enum csr_severity s)
{
	return s == CSR_REJECTION ? "rejection" : "warning";
}

void
certout_csr(struct out *o, const struct pem_block *b,
    const struct x509info *xi, int sigok, const struct csr_findings *p,
    const struct strlist *attrs, const struct strlist *exts, int smime,
    const char *tlsa, int json, int first)
{
	struct json j;
	size_t i;
	char buf[1024], key[128];
	int n;

	if (json) {
		json_begin_block(&j, o, b, "csr");
		json_str(&j, "subject", xi->subject, -1);
		json_open(&j, "san", '{');
		json_list(&j, "dns", xi->dns.v, xi->dns.n);
		json_list(&j, "ip", xi->ip.v, xi->ip.n);
		json_list(&j, "email", xi->email.v, xi->email.n);
		json_close(&j, '{');
		json_open(&j, "key", '{');
		json_str(&j, "type", xi->key_type, -1);
		json_int(&j, "bits", xi->key_bits);
		json_str(&j, "curve", xi->curve[0] ? xi->curve : NULL, -1);
		json_close(&j, '{');
		json_str(&j, "tlsa", tlsa, -1);
		json_str(&j, "signature", xi->sig, -1);
		json_bool(&j, "signature_valid", sigok);
		json_list(&j, "attributes", attrs->v, attrs->n);
		json_list(&j, "extensions", exts->v, exts->n);
		json_str(&j, "profile", smime ? "smime" : "tls", -1);
		json_open(&j, "problems", '[');
		for (i = 0; i < p->n; i++) {
			json_open(&j, NULL, '{');
			json_str(&j, "severity", sevword(p->v[i].sev), -1);
			json_str(&j, "message", p->v[i].text, -1);
			json_close(&j, '{');
		}
		json_close(&j, '[');
		json_end(&j);
	} else {
		n = snprintf(buf, sizeof(buf), "%s%s:%lu: certificate request "
		    "(block %lu)\n  subject:           ", !first ? "\n" :
		    "", b->src, b->line, b->index);
		out_write(o, buf, (size_t)n);
		out_write(o, xi->subject, strlen(xi->subject));
		out_write(o, "\n", 1);
		for (i = 0; i < xi->dns.n + xi->ip.n + xi->email.n; i++) {
			const char *s = i < xi->dns.n ? xi->dns.v[i] :
			    i < xi->dns.n + xi->ip.n ? xi->ip.v[i - xi->dns.n] :
			    xi->email.v[i - xi->dns.n - xi->ip.n];

			n = snprintf(buf, sizeof(buf), "%s%s%s",
			    i == 0 ? "  subject alt name:  " : ", ",
			    i < xi->dns.n ? "DNS:" : i < xi->dns.n + xi->ip.n ?
			    "IP:" : "email:", s);
			out_write(o, buf, (size_t)n < sizeof(buf) ?
			    (size_t)n : sizeof(buf) - 1);
		}
		if (i > 0)
			out_write(o, "\n", 1);
		x509info_key_text(xi, key, sizeof(key));
		n = snprintf(buf, sizeof(buf), "  public key:        %s\n"
		    "  tlsa 3 1 1:        %s\n", key, tlsa);
		out_write(o, buf, (size_t)n);
		list_line(o, "  attributes:        ", attrs);
		list_line(o, "  extensions:        ", exts);
		n = snprintf(buf, sizeof(buf), "  signature:         %s (%s)\n"
		    "  verdict:           %s%s (%s profile)\n", xi->sig,
		    sigok ? "verifies" : "DOES NOT VERIFY", p->nreject == 0 ?
		    "acceptable" : "REJECTED", p->nreject == 0 && p->n > 0 ?
		    ", with warnings" : "", smime ? "smime" : "tls");
		out_write(o, buf, (size_t)n);
		for (i = 0; i < p->n; i++) {
			n = snprintf(buf, sizeof(buf), "  %-19s%s\n",
			    p->v[i].sev == CSR_REJECTION ? "rejection:" :
			    "warning:", p->v[i].text);
			out_write(o, buf, (size_t)n < sizeof(buf) ?
			    (size_t)n : sizeof(buf) - 1);
		}
	}
	for (i = 0; i < p->n; i++)
		if (p->v[i].sev == CSR_REJECTION)
			diag_no(b->src, b->line, "%s", p->v[i].text);
		else
			diag_warn(b->src, b->line, "%s", p->v[i].text);
}

/*
 * "in 9 days" for secs seconds from now, in whole units counted down, so
 * that it is true: 9 days and 23 hours is "in 9 days", never "within 9
 * days"; under two days it is hours, under two hours minutes.
 */
static void
in_time(char *buf, size_t n, long long secs)
{
	long long v;
	const char *unit;

	if (secs >= 2 * 86400)
		v = secs / 86400, unit = "days";
	else if (secs >= 2 * 3600)
		v = secs / 3600, unit = "hours";
	else
		v = secs / 60, unit = "minutes";
	if (v == 1)
		snprintf(buf, n, "in 1 %.*s", (int)strlen(unit) - 1, unit);
	else
		snprintf(buf, n, "in %lld %s", v, unit);
}

int
certout_check(const struct certcheck *c, const struct pem_block *b, X509 *x,
    const struct x509info *xi)
{
	char missing[1024], when[64];
	size_t len = 0;
	int i, ok, status = EX_YES;

	if (within_on(&c->within) && xi->bad_time != NULL)
		status = diag_err(b->src, b->line, "cannot check the expiry: "
		    "its %s is malformed", xi->bad_time);
	else if (within_on(&c->within)) {
		if (xi->secs_valid < 0)
			status = diag_no(b->src, b->line, "%s is not valid "
			    "before %s", xi->subject, xi->not_before);
		else if (xi->secs_left < 0)
			status = diag_no(b->src, b->line, "%s expired on %s",
			    xi->subject, xi->not_after);
		else if (within_hit(&c->within, xi->secs_valid +
		    xi->secs_left, xi->secs_left)) {
			in_time(when, sizeof(when), xi->secs_left);
			if (c->within.ppm >= 0)
				snprintf(when + strlen(when), sizeof(when) -
				    strlen(when), ", %d%% of its lifetime "
				    "left", within_pct(xi->secs_valid +
				    xi->secs_left, xi->secs_left));
			status = diag_no(b->src, b->line, "%s expires on %s, "
			    "%s", xi->subject, xi->not_after, when);
		}
	}
	/* a CA's EKU restricts what its leaves may do (RFC 5280
	 * 4.2.1.12 leaves it open; OpenSSL and the browsers enforce it) */
	if (c->purpose > 0)
		status = ex_worst(status, purpose_check(x, (enum purpose)
		    (c->purpose - 1), xi->ca, xi->subject, b->src, b->line));
	/* Names are a leaf's business: CA certificates are not checked. */
	if (xi->ca || (c->nhosts == 0 && c->nemails == 0))
		return status;
	missing[0] = '\0';
	for (i = 0; i < c->nhosts + c->nemails; i++) {
		const char *n = i < c->nhosts ? c->hosts[i] :
		    c->emails[i - c->nhosts];

		if (i >= c->nhosts) {
			ok = X509_check_email(x, n, 0, 0) == 1;
			ERR_clear_error();
		} else
			ok = ossl_covers(x, n);
		if (!ok && len + strlen(n) + 3 < sizeof(missing))
			len += (size_t)snprintf(missing + len, sizeof(missing) -
			    len, "%s%s", len ? ", " : "", n);
	}
	if (missing[0] != '\0')
		status = diag_no(b->src, b->line, "%s does not cover %s",
		    xi->subject, missing);
	return status;
}

const struct ari_window *
certout_ari(const struct certcheck *c, const struct pem_block *b,
    const struct x509info *xi, time_t at, struct ari_window *w, int *status)
{
	memset(w, 0, sizeof(*w));
	*status = EX_YES;
	/* RFC 9773 renews end-entity certificates only */
	if (c->ari == NULL || xi->ca)
		return NULL;
	if (xi->ari_id == NULL)
		*status = diag_err(b->src, b->line, "--ari: %s has no "
		    "authority key identifier, so no ARI certificate "
		    "identifier (RFC 9773 section 4.1)", xi->subject);
	else if ((*status = ari_fetch(c->ari, xi->ari_id, c->timeout, w,
	    b->src, b->line)) == EX_YES)
		*status = ari_verdict(w, at, xi->subject, b->src, b->line);
	return w;
}
