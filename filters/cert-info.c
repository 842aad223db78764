/*
 * cert-info: print every certificate of PEM, DER or PKCS#7 input, and
 * check expiry and host names across all of them.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "base/io.h"
#include "check/purpose.h"
#include "check/revoke.h"
#include "out/certout.h"
#include "out/certshow.h"
#include "out/metrics.h"
#include "read/opt.h"
#include "read/pem.h"
#include "x509/crl.h"
#include "x509/input.h"
#include "x509/keys.h"
#include "x509/x509info.h"

static const struct opt_def defs[] = {
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'A', .name = "ari", .arg = "URL",
	    .help = "exit 1 once the CA's renewal window (RFC 9773) opened" },
	{ .ch = 'C', .name = "ca-file", .arg = "FILE",
	    .help = "issuers for --crl and --ocsp (repeatable)" },
	{ .ch = 'D', .name = "cache", .arg = "DIR",
	    .help = "keep fetched CRLs in DIR (with -L)" },
	{ .ch = 'H', .name = "host", .arg = "NAME",
	    .help = "exit 1 unless each leaf covers NAME" },
	{ .ch = 'J', .name = "jobs", .arg = "N",
	    .help = "share the work among N processes (same output)" },
	{ .ch = 'L', .name = "crl-fetch",
	    .help = "fetch each certificate's CRL from its distribution "
	    "point" },
	{ .ch = 'O', .name = "ocsp-out", .arg = "FILE",
	    .help = "write the OCSP response (DER) to FILE" },
	{ .ch = 'P', .name = "purpose", .arg = "USE",
	    .help = "exit 1 unless leaf and CAs allow server, client, email, "
	    "code" },
	{ .ch = 'Q', .name = "ocsp",
	    .help = "ask each leaf's OCSP responder" },
	{ .ch = 'R', .name = "crl", .arg = "FILE",
	    .help = "exit 1 for a certificate a CRL of FILE lists" },
	{ .ch = 'U', .name = "ocsp-url", .arg = "URL",
	    .help = "the OCSP responder to ask (default: the AIA's)" },
	{ .ch = 'a', .name = "at", .arg = "TIME",
	    .help = "judge at TIME, not now (2030-01-31, @EPOCH)" },
	{ .ch = 'e', .name = "expires-within", .arg = "DURATION",
	    .help = "exit 1 if one expires within (30 = days, 12h, 33%)" },
	{ .ch = 'f', .name = "format", .arg = "FORMAT",
	    .help = "print FORMAT: %{subject.CN} %{notAfter} ..., or "
	    "openmetrics" },
	{ .ch = 'j', .name = "json",
	    .help = "NDJSON, one object per certificate" },
	{ .ch = 'm', .name = "email", .arg = "ADDR",
	    .help = "exit 1 unless each leaf covers ADDR" },
	{ .ch = 't', .name = "timeout", .arg = "SECONDS",
	    .help = "bound each OCSP or ARI exchange and CRL fetch (10)" },
	{ .ch = 'u', .name = "crl-soft",
	    .help = "an unknown revocation status warns (exit 0)" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "cert-info",
	.operands = "[file ...]",
	.defs = defs,
};

/* The options into c, the files of -C and -R into cafiles and crlfiles,
 * then *argc and *argv moved to the operands. */
static void
args(struct certshow *c, struct opts *op, char **cafiles, int *ncafiles,
    char **crlfiles, int *ncrlfiles, int *argc, char ***argv)
{
	static struct metrics metrics;
	const char *why;
	int ch;

	while ((ch = opt_next(&cmd, op, *argc, *argv)) != -1) {
		switch (ch) {
		case 'A':
			c->gate.ari = optarg;
			break;
		case 'C':
			cafiles[(*ncafiles)++] = optarg;
			break;
		case 'D':
			c->rv.fetch.cache = optarg;
			break;
		case 'J':
			opt_jobs(optarg, &c->jobs, opt_usage);
			break;
		case 'L':
			c->rv.fetch.on = 1;
			break;
		case 'H':
			c->gate.hosts[c->gate.nhosts++] = optarg;
			break;
		case 'O':
			c->rv.ocsp_out = optarg;
			break;
		case 'P':
			c->gate.purpose = purpose_opt(optarg, opt_usage);
			break;
		case 'Q':
			c->rv.ocsp = 1;
			break;
		case 'R':
			crlfiles[(*ncrlfiles)++] = optarg;
			break;
		case 'U':
			c->rv.ocsp_url = optarg;
			break;
		case 't':
			opt_timeout(optarg, &c->rv.timeout, opt_usage);
			break;
		case 'a':
			opt_at(optarg, &c->at, opt_usage);
			break;
		case 'e':
			opt_duration(optarg, &c->gate.within, opt_usage);
			break;
		case 'f':
			if (strcmp(optarg, "openmetrics") == 0) {
				memset(&metrics, 0, sizeof(metrics));
				c->metrics = &metrics;
				break;
			}
			if ((why = certout_format_check(optarg)) != NULL) {
				diag_err(NULL, 0, "-f: %s", why);
				opt_usage(EX_TROUBLE);
			}
			c->format = optarg;
			break;
		case 'j':
			c->json = 1;
			break;
		case 'm':
			c->gate.emails[c->gate.nemails++] = optarg;
			break;
		case 'u':
			c->rv.crl_soft = 1;
			break;
		}
	}
	opt_end(op, argc, argv);
	if (c->rv.fetch.cache != NULL && !c->rv.fetch.on) {
		diag_err(NULL, 0, "--cache keeps what --crl-fetch fetches: "
		    "give -L");
		opt_usage(EX_TROUBLE);
	}
	c->rv.fetch.timeout = c->rv.timeout;
	c->rv.fetch.soft = c->rv.crl_soft;
	c->rv.at = c->at;
	c->gate.timeout = (int)c->rv.timeout;
	c->rv.strict = (op->flags & OPT_STRICT) != 0;
	c->rv.json = c->json;
	c->rv.o = c->format == NULL && c->metrics == NULL ? &c->o : NULL;
	/* what asks the X509 for its names: -H, -m, %{subject.XX},
	 * openmetrics's CN labels */
	if (c->gate.nhosts + c->gate.nemails > 0 || c->metrics != NULL ||
	    (c->format != NULL && (strstr(c->format, "%{subject.") != NULL ||
	    strstr(c->format, "%{issuer.") != NULL)))
		c->how |= X509INFO_NAMES;
	/* a template without %{role} shows nothing a self-signature
	 * decides: it is not checked (issue 28) */
	if (c->format != NULL && c->metrics == NULL &&
	    strstr(c->format, "%{role") == NULL)
		c->how |= X509INFO_NOSELF;
}

/* The input shown and checked, then --crl and --ocsp; onto c->o, open. */
static int
work(struct certshow *c, char **files, int nfiles, unsigned flags)
{
	struct pem_input in;
	struct pem_block b;
	size_t i;
	int status = EX_YES;

	/* --crl and --ocsp (their files loaded) keep each certificate:
	 * decoded in full */
	if (revoke_on(&c->rv))
		c->how |= X509INFO_FULL;
	c->deferred = revoke_on(&c->rv) && c->format == NULL &&
	    c->metrics == NULL;
	if (c->metrics != NULL)
		status = certshow_files(c, files, nfiles, flags);
	else if ((status = certshow_jobs(c, files, nfiles, flags)) < 0) {
		status = EX_YES;
		pem_input_init(&in, files, nfiles, flags);
		while (pem_input_next(&in, &b))
			status = ex_worst(status, certshow_block(c, &b));
		status = ex_worst(status, pem_input_end(&in));
	}
	if (status != EX_TROUBLE && c->ncerts + c->ncrls == 0)
		status = diag_err(NULL, 0, "no certificate or CRL in the "
		    "input");
	else if (status != EX_TROUBLE && c->gate.nhosts + c->gate.nemails +
	    c->gate.purpose > 0 && c->nleaves == 0)
		status = diag_no(NULL, 0, "no end-entity certificate to check "
		    "%s against", c->gate.nhosts + c->gate.nemails > 0 ?
		    "names" : "a purpose");
	if (status != EX_TROUBLE && revoke_on(&c->rv))
		status = ex_worst(status, revoke_run(&c->rv));
	for (i = 0; c->metrics != NULL && i < c->rv.fetch.n; i++)
		metrics_crl_source(c->metrics, &c->rv.fetch.v[i]);
	if (c->deferred)
		status = ex_worst(status, certshow_later(c));
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct certshow c;
	char **cafiles, **crlfiles;
	int i, ncafiles = 0, ncrlfiles = 0, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	c.at = time(NULL);
	within_none(&c.gate.within);
	c.rv.timeout = 10;
	c.gate.hosts = xmalloc((size_t)argc * sizeof(*c.gate.hosts));
	c.gate.emails = xmalloc((size_t)argc * sizeof(*c.gate.emails));
	cafiles = xmalloc((size_t)argc * sizeof(*cafiles));
	crlfiles = xmalloc((size_t)argc * sizeof(*crlfiles));
	args(&c, &op, cafiles, &ncafiles, crlfiles, &ncrlfiles, &argc, &argv);
	for (i = 0; i < ncrlfiles; i++)
		status = ex_worst(status, crlset_load(&c.rv.crls, crlfiles[i],
		    op.flags));
	for (i = 0; i < ncafiles; i++)
		status = ex_worst(status, revoke_issuers(&c.rv, cafiles[i],
		    op.flags));
	if ((op.passin != NULL && (c.pass = pass_get(op.passin,
	    "--passin")) == NULL) || status == EX_TROUBLE ||
	    out_open(&c.o, op.ofile, 0) != 0) {
		status = EX_TROUBLE;
		goto out;
	}
	status = ex_worst(status, work(&c, argv, argc, op.flags));
	/* the samples of the files that could be read are written all the
	 * same, beside each file's error series: a monitoring job must not
	 * freeze on one bad file */
	if (c.metrics != NULL) {
		metrics_write(c.metrics, &c.o, time(NULL));
		status = ex_worst(status, out_finish(&c.o, EX_YES));
	} else
		status = out_finish(&c.o, status);
out:
	revoke_free(&c.rv);
	free(c.gate.hosts);
	free(c.gate.emails);
	free(cafiles);
	free(crlfiles);
	pass_free(c.pass);
	return status;
}
