/*
 * csr-check: check a certificate request the way a CA will, before it is
 * pasted into the CA's form, and report every problem with what to do.
 * Default profile: CA/Browser Forum Baseline Requirements for TLS server
 * certificates; --profile smime: the S/MIME Baseline Requirements.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "out/certout.h"
#include "check/csrpolicy.h"
#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "base/json.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "read/opt.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "x509/x509info.h"

#define OPTS	"H:I:K:P:SVab:chjk:m:o:r:svw:"

static const struct option longopts[] = {
	OPT_COMMON_LONG,
	OPT_PASSIN_LONG,
	{ "email",		required_argument,	NULL, 'm' },
	{ "host",		required_argument,	NULL, 'H' },
	{ "not-key",		required_argument,	NULL, 'K' },
	{ "profile",		required_argument,	NULL, 'P' },
	{ "ascii",		no_argument,		NULL, 'a' },
	{ "min-rsa-bits",	required_argument,	NULL, 'b' },
	{ "json",		no_argument,		NULL, 'j' },
	{ "key",		required_argument,	NULL, 'k' },
	{ "require",		required_argument,	NULL, 'r' },
	{ "require-san",	no_argument,		NULL, 'S' },
	{ NULL,			0,			NULL, 0 }
};

static const struct opt_doc docs[] = {
	{ 'H', "NAME", "exit 1 unless it covers NAME" },
	{ 'K', "FILE", "exit 1 if it reuses FILE's key (repeatable)" },
	{ 'P', "PROFILE", "tls (default) or smime" },
	{ 'S', NULL, "a request without subjectAltName is refused" },
	{ 'a', NULL, "printable ASCII only: a CSR in English" },
	{ 'b', "BITS", "least RSA key size (2048)" },
	{ 'j', NULL, "NDJSON, one object per request" },
	{ 'k', "FILE", "exit 1 unless it has FILE's key (repeatable)" },
	{ 'm', "ADDR", "exit 1 unless it carries ADDR" },
	{ 'r', "FIELDS", "subject attributes required: C,O,CN" },
	{ 's', NULL, "warnings exit 1, repairs are errors" },
	{ 0, NULL, NULL }
};

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: csr-check [-achjSsVv] [-b BITS] [-H NAME] [-I N] [-K FILE] "
	    "[-k FILE]\n"
	    "                 [-m ADDR] [-o FILE] [-P PROFILE] [-r FIELDS] "
	    "[-w SOURCE]\n"
	    "                 [file ...]\n");
	if (status == EX_YES)
		opt_help(OPTS, longopts, docs);
	exit(status);
}

struct ctx {
	struct out	 o;
	struct csr_policy pol;
	int		 json, strict;
	unsigned long	 ncsr;
};

static int
one(struct ctx *c, const struct pem_block *b)
{
	const unsigned char *d = b->der;
	X509_REQ *req;
	struct csr_review r;
	const char *err;
	int status;

	if ((req = d2i_X509_REQ(NULL, &d, (long)b->derlen)) == NULL)
		return diag_err(b->src, b->line, "the request does not decode");
	if ((err = csr_review(&c->pol, req, &r)) != NULL)
		status = diag_err(b->src, b->line, "%s", err);
	else {
		c->ncsr++;
		certout_csr(&c->o, b, &r.xi, r.sig == 1, &r.f, &r.attrs,
		    &r.xs, c->pol.smime, r.tlsa, c->json, c->ncsr == 1);
		status = r.f.nreject > 0 || (c->strict && r.f.n > 0) ? EX_NO :
		    EX_YES;
	}
	csr_review_free(&r);
	X509_REQ_free(req);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	struct pem_input in;
	struct pem_block b;
	struct ctx c;
	struct csr_policy *pol = &c.pol;
	char *pass = NULL;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	csr_policy_init(pol, argc);
	while ((ch = getopt_long(argc, argv, OPTS,
	    longopts, NULL)) != -1) {
		if (opt_common(ch, optarg, &op, usage) ||
		    csr_policy_opt(pol, ch, optarg, usage))
			continue;
		switch (ch) {
		case 'j':
			c.json = 1;
			break;
		case 'k':
			pol->keys[pol->nkeys++].file = optarg;
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	if (op.max_iter != 0)
		key_max_iter = op.max_iter;
	argc -= optind;
	argv += optind;
	c.strict = (op.flags & OPT_STRICT) != 0;

	if ((op.passin != NULL && (pass = pass_get(op.passin, "--passin")) ==
	    NULL) || !csr_policy_load(pol, pass) ||
	    out_open(&c.o, op.ofile, 0) != 0)
		status = EX_TROUBLE;
	else {
		pem_input_init(&in, argv, argc, op.flags);
		while (pem_input_next(&in, &b)) {
			if (b.kind != PK_CSR) {
				diag_note(b.src, b.line, "%s skipped: not a "
				    "certificate request",
				    pem_kind_name(b.kind));
				continue;
			}
			status = ex_worst(status, one(&c, &b));
		}
		status = ex_worst(status, pem_input_end(&in));
		if (status != EX_TROUBLE && c.ncsr == 0)
			status = diag_err(NULL, 0, "no certificate request in "
			    "the input");
		status = out_finish(&c.o, status);
	}
	csr_policy_free(pol);
	pass_free(pass);
	return status;
}
