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

static const struct opt_def defs[] = {
	OPTDEF_SHARED('s', "strict", NULL,
	    "warnings exit 1, repairs are errors"),
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'H', .name = "host", .arg = "NAME",
	    .help = "exit 1 unless it covers NAME" },
	{ .ch = 'K', .name = "not-key", .arg = "FILE",
	    .help = "exit 1 if it reuses FILE's key (repeatable)" },
	{ .ch = 'P', .name = "profile", .arg = "PROFILE",
	    .help = "tls (default) or smime" },
	{ .ch = 'S', .name = "require-san",
	    .help = "a request without subjectAltName is refused" },
	{ .ch = 'a', .name = "ascii",
	    .help = "printable ASCII only: a CSR in English" },
	{ .ch = 'b', .name = "min-rsa-bits", .arg = "BITS",
	    .help = "least RSA key size (2048)" },
	{ .ch = 'j', .name = "json",
	    .help = "NDJSON, one object per request" },
	{ .ch = 'k', .name = "key", .arg = "FILE",
	    .help = "exit 1 unless it has FILE's key (repeatable)" },
	{ .ch = 'm', .name = "email", .arg = "ADDR",
	    .help = "exit 1 unless it carries ADDR" },
	{ .ch = 'r', .name = "require", .arg = "FIELDS",
	    .help = "subject attributes required: C,O,CN" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "csr-check",
	.operands = "[file ...]",
	.defs = defs,
};

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
	struct opts op = { .flags = 0 };
	struct pem_input in;
	struct pem_block b;
	struct ctx c;
	struct csr_policy *pol = &c.pol;
	char *pass = NULL;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	csr_policy_init(pol, argc);
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		if (csr_policy_opt(pol, ch, optarg, opt_usage))
			continue;
		switch (ch) {
		case 'j':
			c.json = 1;
			break;
		case 'k':
			pol->keys[pol->nkeys++].file = optarg;
			break;
		}
	}
	opt_end(&op, &argc, &argv);
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
