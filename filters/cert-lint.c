/*
 * cert-lint: check certificates and CRLs against the rules of RFC 5280,
 * the CA/Browser Forum and the root programs; a CI gate by exit status.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/x509.h>

#include "base/diag.h"
#include "base/io.h"
#include "base/json.h"
#include "lint/engine.h"
#include "read/opt.h"
#include "read/pem.h"
#include "x509/input.h"
#include "x509/keys.h"

static const struct opt_def defs[] = {
	OPTDEF_SHARED('s', "strict", NULL,
	    "warnings exit 1, repairs are errors"),
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'L', .name = "list",
	    .help = "list the rules: id, severity, source, section, date" },
	{ .ch = 'O', .name = "only", .arg = "IDS",
	    .help = "run only these rules" },
	{ .ch = 'X', .name = "skip", .arg = "IDS",
	    .help = "skip these rules" },
	{ .ch = 'a', .name = "at", .arg = "TIME",
	    .help = "the rules in force at TIME, not now (2030-01-31)" },
	{ .ch = 'j', .name = "json",
	    .help = "NDJSON, one object per certificate or CRL" },
	{ .ch = 'p', .name = "profile", .arg = "PROFILE",
	    .help = "lint as tls, smime, intermediate, root or private" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "cert-lint",
	.operands = "[file ...]",
	.defs = defs,
};

struct ctx {
	struct out	 o;
	struct lint_sel	 sel;
	time_t		 at;
	int		 json;
	int		 strict;	/* -s: warnings fail too */
	unsigned long	 nobj;
};

static void
put(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	if (n > 0)
		out_write(o, buf, (size_t)n);
}

/* -L: one rule a line, tab-separated. */
static int
list(void)
{
	const struct lint_rule *const *t;
	size_t i, n;

	t = lint_rules(&n);
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%s\n", t[i]->id,
		    lint_sev_name(t[i]->sev), t[i]->source, t[i]->section,
		    t[i]->since != NULL ? t[i]->since : "-");
	return fflush(stdout) != 0 || ferror(stdout) ?
	    diag_err(NULL, 0, "stdout: write error") : EX_YES;
}

/* The findings of one object: printed; the exit class they make. */
static int
report(struct ctx *c, const struct pem_block *b, struct lint_ctx *l)
{
	const struct lint_rule *r;
	struct json j;
	char cite[160], num[48];
	size_t i;
	int w;

	if (c->json) {
		json_begin_block(&j, &c->o, b, l->crl != NULL ? "crl" :
		    "cert");
		if (b->member != 0)	/* a container's, as cert-info's */
			json_int(&j, "member", (long long)b->member);
		else
			json_null(&j, "member");
		json_str(&j, "profile", lint_kind_name(l->kind), -1);
		json_open(&j, "findings", '[');
	}
	for (i = 0; i < l->nf; i++) {
		r = l->f[i].rule;
		snprintf(cite, sizeof(cite), "%s %s", r->source, r->section);
		if (!c->json) {
			/* a container's member: N.M (pemkit(7)) */
			if (b->member != 0)
				snprintf(num, sizeof(num), "%lu.%lu", b->index,
				    b->member);
			else
				snprintf(num, sizeof(num), "%lu", b->index);
			put(&c->o, "%s:%s: %s: %s: %s (%s)\n", b->src, num,
			    lint_sev_name(r->sev), r->id, l->f[i].msg, cite);
			continue;
		}
		json_open(&j, NULL, '{');
		json_str(&j, "id", r->id, -1);
		json_str(&j, "severity", lint_sev_name(r->sev), -1);
		json_str(&j, "message", l->f[i].msg, -1);
		json_str(&j, "citation", cite, -1);
		json_close(&j, '{');
	}
	if (c->json) {
		json_close(&j, '[');
		json_end(&j);
	}
	w = lint_worst(l);
	return w == LINT_ERROR || (c->strict && w == LINT_WARNING) ? EX_NO :
	    EX_YES;
}

static int
block(struct ctx *c, const struct pem_block *b)
{
	const unsigned char *p = b->der;
	struct lint_ctx l;
	X509_CRL *crl = NULL;
	int status;

	if (b->kind == PK_CERT) {
		if (lint_cert(&l, b->der, b->derlen, c->at, &c->sel) != 0) {
			lint_done(&l);
			return diag_err(b->src, b->line, "certificate does "
			    "not decode");
		}
	} else if (b->kind == PK_CRL) {
		if ((crl = d2i_X509_CRL(NULL, &p, (long)b->derlen)) == NULL)
			return diag_err(b->src, b->line, "the CRL does not "
			    "decode");
		lint_crl_run(&l, crl, b->der, b->derlen, c->at, &c->sel);
	} else {
		diag_note(b->src, b->line, "%s skipped: not a certificate or "
		    "CRL", pem_kind_name(b->kind));
		return EX_YES;
	}
	c->nobj++;
	status = report(c, b, &l);
	lint_done(&l);
	X509_CRL_free(crl);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	struct pem_input in;
	struct pem_block b;
	struct ctx c;
	const char *bad;
	size_t badlen;
	char *pass = NULL;
	int ch, dolist = 0, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	c.at = time(NULL);
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case 'L':
			dolist = 1;
			break;
		case 'O':
			c.sel.only = optarg;
			break;
		case 'X':
			c.sel.skip = optarg;
			break;
		case 'a':
			opt_at(optarg, &c.at, opt_usage);
			break;
		case 'j':
			c.json = 1;
			break;
		case 'p':
			if ((c.sel.profile = lint_profile(optarg)) == 0) {
				diag_err(NULL, 0, "--profile: \"%s\" is not a "
				    "profile: use tls, smime, intermediate, "
				    "root or private", optarg);
				opt_usage(EX_TROUBLE);
			}
			break;
		default:
			opt_usage(EX_TROUBLE);
		}
	}
	opt_end(&op, &argc, &argv);
	c.strict = (op.flags & OPT_STRICT) != 0;
	if (lint_check_ids(c.sel.only, &bad, &badlen) != 0 ||
	    lint_check_ids(c.sel.skip, &bad, &badlen) != 0) {
		diag_err(NULL, 0, "no rule \"%.*s\" (cert-lint -L lists "
		    "them)", (int)badlen, bad);
		opt_usage(EX_TROUBLE);
	}
	if (dolist)
		return list();

	if (out_open(&c.o, op.ofile, 0) != 0)
		return EX_TROUBLE;
	pem_input_init(&in, argv, argc, op.flags);
	pem_input_p7(&in);
	if (p12_passin(&in, op.passin, &pass) != 0)
		status = EX_TROUBLE;
	else
		while (pem_input_next(&in, &b))
			status = ex_worst(status, block(&c, &b));
	status = ex_worst(status, pem_input_end(&in));
	if (status != EX_TROUBLE && c.nobj == 0)
		status = diag_err(NULL, 0, "no certificate or CRL in the "
		    "input");
	status = out_finish(&c.o, status);
	pass_free(pass);
	return status;
}
