/*
 * cert-info: print every certificate of PEM, DER or PKCS#7 input, and
 * check expiry and host names across all of them.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "diag.h"
#include "input.h"
#include "io.h"
#include "json.h"
#include "keys.h"
#include "opt.h"
#include "ossl.h"
#include "pem.h"
#include "x509info.h"

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: cert-info [-cjsv] [-a TIME] [-e DURATION] [-f FORMAT] "
	    "[-H NAME] [-I N] [-m ADDR] [-o FILE]\n"
	    "                 [-w SOURCE] [file ...]\n");
	exit(status);
}

static const struct option longopts[] = {
	OPT_COMMON_LONG,
	OPT_PASSIN_LONG,
	{ "host",		required_argument,	NULL, 'H' },
	{ "at",			required_argument,	NULL, 'a' },
	{ "expires-within",	required_argument,	NULL, 'e' },
	{ "format",		required_argument,	NULL, 'f' },
	{ "json",		no_argument,		NULL, 'j' },
	{ "email",		required_argument,	NULL, 'm' },
	{ NULL,			0,			NULL, 0 }
};

struct ctx {
	struct out	 o;
	time_t		 at;
	long long	 within;	/* -1: no expiry check */
	const char	*format;
	int		 json;
	char		**hosts, **emails;
	int		 nhosts, nemails;
	unsigned long	 ncerts, nleaves;
	char		*pass;		/* --passin, for PKCS#12 */
};

static void
list_text(struct out *o, const char *label, const struct strlist *l,
    const char *prefix)
{
	size_t i;

	if (l->n == 0)
		return;
	out_write(o, "  ", 2);
	out_write(o, label, strlen(label));
	for (i = 0; i < l->n; i++) {
		out_write(o, i ? ", " : "", i ? 2 : 0);
		out_write(o, prefix, strlen(prefix));
		out_write(o, l->v[i], strlen(l->v[i]));
	}
	out_write(o, "\n", 1);
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

static void
print_text(struct ctx *c, const struct pem_block *b, unsigned long member,
    const struct x509info *xi)
{
	struct out *o = &c->o;
	char head[512], buf[128];
	int n;

	if (c->ncerts > 1)
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
	line(o, "not after:         ", "%s (%lld days %s)", xi->not_after,
	    (xi->secs_left < 0 ? -xi->secs_left : xi->secs_left) / 86400,
	    xi->secs_left < 0 ? "ago" : "left");
	line(o, "role:              ", "%s%s", xi->role,
	    xi->self_signed ? ", self-signed" : "");
	list_text(o, "subject alt name:  ", &xi->dns, "DNS:");
	list_text(o, "                   ", &xi->ip, "IP:");
	list_text(o, "                   ", &xi->email, "email:");
	list_text(o, "                   ", &xi->uri, "URI:");
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

/* The pemkit/1 certificate object; the schema is in pemkit(7). */
static void
print_json(struct ctx *c, const struct pem_block *b, unsigned long member,
    const struct x509info *xi)
{
	struct json j;

	json_begin_block(&j, &c->o, b, "cert");
	if (member)
		json_int(&j, "member", (long long)member);
	else
		json_null(&j, "member");
	json_str(&j, "subject", xi->subject, -1);
	json_str(&j, "issuer", xi->issuer, -1);
	json_str(&j, "serial", xi->serial, -1);
	json_str(&j, "not_before", xi->not_before, -1);
	json_str(&j, "not_after", xi->not_after, -1);
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

/* -f FORMAT: %{field} from the JSON names (and notBefore, notAfter),
 * %{subject.XX} / %{issuer.XX} for one attribute, \n, \t, %%. */
static int
print_format(struct ctx *c, const struct pem_block *b, X509 *x,
    const struct x509info *xi)
{
	struct out *o = &c->o;
	const char *p, *e;
	char name[64], num[32], *v;
	size_t n;

	for (p = c->format; *p != '\0'; p++) {
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
		v = NULL;
#define IS(s)	(strcmp(name, (s)) == 0)
		if (strncmp(name, "subject.", 8) == 0 ||
		    strncmp(name, "issuer.", 7) == 0) {
			v = ossl_name_entry(name[0] == 's' ?
			    X509_get_subject_name(x) : X509_get_issuer_name(x),
			    strchr(name, '.') + 1);
			if (v != NULL)
				out_write(o, v, strlen(v));
			free(v);
			continue;
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
		else if (IS("pin_sha256"))
			v = (char *)xi->pin_sha256;
		else if (IS("role"))
			v = (char *)xi->role;
		else if (IS("signature"))
			v = (char *)xi->sig;
		else if (IS("source"))
			v = (char *)b->src;
		else if (IS("ski"))
			v = xi->ski != NULL ? xi->ski : (char *)"";
		else if (IS("aki"))
			v = xi->aki != NULL ? xi->aki : (char *)"";
		else if (IS("key_type"))
			v = (char *)xi->key_type;
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
		else
			return diag_err(NULL, 0, "-f: unknown field "
			    "\"%s\"", name);
#undef IS
		if (v != NULL)
			out_write(o, v, strlen(v));
	}
	out_write(o, "\n", 1);
	return 0;
}

/* The checks: expiry window, host names, e-mail addresses. */
static int
check(struct ctx *c, const struct pem_block *b, X509 *x,
    const struct x509info *xi)
{
	char missing[1024];
	size_t len = 0;
	int i, ok, status = EX_YES;

	if (c->within >= 0) {
		if (xi->secs_valid < 0)
			status = diag_no(b->src, b->line, "%s is not valid "
			    "before %s", xi->subject, xi->not_before);
		else if (xi->secs_left < 0)
			status = diag_no(b->src, b->line, "%s expired on %s",
			    xi->subject, xi->not_after);
		else if (xi->secs_left < c->within)
			status = diag_no(b->src, b->line, "%s expires on %s, "
			    "within %lld days", xi->subject, xi->not_after,
			    xi->secs_left / 86400);
	}
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

static int
one(struct ctx *c, const struct pem_block *b, unsigned long member, X509 *x)
{
	struct x509info xi;
	int status;

	if (x509info_get(x, c->at, &xi) != 0) {
		x509info_free(&xi);
		return diag_err(b->src, b->line, "cannot read the certificate");
	}
	c->ncerts++;
	c->nleaves += !xi.ca;
	if (c->format != NULL)
		status = print_format(c, b, x, &xi);
	else {
		status = 0;
		if (c->json)
			print_json(c, b, member, &xi);
		else
			print_text(c, b, member, &xi);
	}
	if (status == 0)
		status = check(c, b, x, &xi);
	x509info_free(&xi);
	return status;
}

static int
block(struct ctx *c, const struct pem_block *b)
{
	const unsigned char *p = b->der;
	STACK_OF(X509) *certs = NULL;
	PKCS7 *p7;
	EVP_PKEY *pk = NULL;
	X509 *x;
	int i, status = EX_YES;

	if (b->kind == PK_CERT) {
		if ((x = d2i_X509(NULL, &p, (long)b->derlen)) == NULL)
			return diag_err(b->src, b->line, "certificate does "
			    "not decode");
		status = one(c, b, 0, x);
		X509_free(x);
		return status;
	}
	if (b->kind == PK_PKCS12) {
		if (!p12_open(b, c->pass, &pk, &certs))
			return EX_TROUBLE;
		for (i = 0; i < sk_X509_num(certs); i++)
			status = ex_worst(status, one(c, b, (unsigned long)i +
			    1, sk_X509_value(certs, i)));
		sk_X509_pop_free(certs, X509_free);
		EVP_PKEY_free(pk);
		return status;
	}
	if (b->kind != PK_PKCS7) {
		diag_note(b->src, b->line, "%s skipped: not a certificate",
		    pem_kind_name(b->kind));
		return EX_YES;
	}
	if ((p7 = d2i_PKCS7(NULL, &p, (long)b->derlen)) == NULL)
		return diag_err(b->src, b->line, "PKCS#7 block does not "
		    "decode");
	if (PKCS7_type_is_signed(p7) && p7->d.sign != NULL)
		certs = p7->d.sign->cert;
	for (i = 0; i < sk_X509_num(certs); i++)
		status = ex_worst(status, one(c, b, (unsigned long)i + 1,
		    sk_X509_value(certs, i)));
	if (sk_X509_num(certs) <= 0)
		diag_note(b->src, b->line, "PKCS#7 block holds no "
		    "certificate");
	PKCS7_free(p7);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	struct pem_input in;
	struct pem_block b;
	struct ctx c;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	c.at = time(NULL);
	c.within = -1;
	c.hosts = xmalloc((size_t)argc * sizeof(*c.hosts));
	c.emails = xmalloc((size_t)argc * sizeof(*c.emails));
	while ((ch = getopt_long(argc, argv, "H:I:Va:ce:f:hjm:o:svw:", longopts,
	    NULL)) != -1) {
		if (opt_common(ch, optarg, &op, usage))
			continue;
		switch (ch) {
		case 'H':
			c.hosts[c.nhosts++] = optarg;
			break;
		case 'a':
			opt_at(optarg, &c.at, usage);
			break;
		case 'e':
			if (parse_duration(optarg, &c.within) != 0) {
				diag_err(NULL, 0, "--expires-within: \"%s\" is "
				    "not a duration: use 30d, 12h, 2w, ...",
				    optarg);
				usage(EX_TROUBLE);
			}
			break;
		case 'f':
			c.format = optarg;
			break;
		case 'j':
			c.json = 1;
			break;
		case 'm':
			c.emails[c.nemails++] = optarg;
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	if (op.max_iter != 0)
		key_max_iter = op.max_iter;
	argc -= optind;
	argv += optind;

	if (op.passin != NULL && (c.pass = pass_get(op.passin,
	    "--passin")) == NULL)
		return EX_TROUBLE;
	if (out_open(&c.o, op.ofile, 0) != 0) {
		pass_free(c.pass);
		return EX_TROUBLE;
	}
	pem_input_init(&in, argv, argc, op.flags);
	while (pem_input_next(&in, &b))
		status = ex_worst(status, block(&c, &b));
	status = ex_worst(status, pem_input_end(&in));
	if (status != EX_TROUBLE && c.ncerts == 0)
		status = diag_err(NULL, 0, "no certificate in the input");
	else if (status != EX_TROUBLE && c.nhosts + c.nemails > 0 &&
	    c.nleaves == 0)
		status = diag_no(NULL, 0, "no end-entity certificate to check "
		    "names against");
	free(c.hosts);
	free(c.emails);
	pass_free(c.pass);
	return out_finish(&c.o, status);
}
