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

#include "certout.h"
#include "diag.h"
#include "input.h"
#include "io.h"
#include "json.h"
#include "keys.h"
#include "opt.h"
#include "ossl.h"
#include "pem.h"
#include "x509info.h"

#define OPTS	"H:I:Va:ce:f:hjm:o:svw:"

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

static const struct opt_doc docs[] = {
	{ 'H', "NAME", "exit 1 unless each leaf covers NAME" },
	{ 'a', "TIME", "judge at TIME, not now (2030-01-31, @EPOCH)" },
	{ 'e', "DURATION", "exit 1 if one expires within (30 = days, 12h)" },
	{ 'f', "FORMAT", "print FORMAT: %{subject.CN} %{notAfter} ..." },
	{ 'j', NULL, "NDJSON, one object per certificate" },
	{ 'm', "ADDR", "exit 1 unless each leaf covers ADDR" },
	{ 0, NULL, NULL }
};

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: cert-info [-chjsVv] [-a TIME] [-e DURATION] [-f FORMAT] "
	    "[-H NAME]\n"
	    "                 [-I N] [-m ADDR] [-o FILE] [-w SOURCE] [file ...]\n");
	if (status == EX_YES)
		opt_help(OPTS, longopts, docs);
	exit(status);
}

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

/* The checks: expiry window, host names, e-mail addresses. */
static int
check(struct ctx *c, const struct pem_block *b, X509 *x,
    const struct x509info *xi)
{
	char missing[1024];
	size_t len = 0;
	int i, ok, status = EX_YES;

	if (c->within >= 0 && xi->bad_time != NULL)
		status = diag_err(b->src, b->line, "cannot check the expiry: "
		    "its %s is malformed", xi->bad_time);
	else if (c->within >= 0) {
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
	if (xi.bad_time != NULL)
		diag_warn(b->src, b->line, "its %s is malformed (RFC 5280 "
		    "section 4.1.2.5): shown as \"(malformed)\"", xi.bad_time);
	if (X509_get_extension_flags(x) & EXFLAG_INVALID)
		diag_warn(b->src, b->line, "OpenSSL marks this certificate "
		    "invalid (%s); its extensions are shown as they are",
		    ossl_cert_defect(x));
	if (c->format != NULL)
		status = certout_format(&c->o, c->format, b, x, &xi);
	else {
		status = 0;
		if (c->json)
			certout_json(&c->o, b, member, &xi);
		else
			certout_text(&c->o, b, member, &xi, c->ncerts == 1);
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
	const char *why;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	c.at = time(NULL);
	c.within = -1;
	c.hosts = xmalloc((size_t)argc * sizeof(*c.hosts));
	c.emails = xmalloc((size_t)argc * sizeof(*c.emails));
	while ((ch = getopt_long(argc, argv, OPTS, longopts,
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
				    "not a duration: use 30 (days), 30d, 12h, "
				    "2w, ...", optarg);
				usage(EX_TROUBLE);
			}
			break;
		case 'f':
			if ((why = certout_format_check(optarg)) != NULL) {
				diag_err(NULL, 0, "-f: %s", why);
				usage(EX_TROUBLE);
			}
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
