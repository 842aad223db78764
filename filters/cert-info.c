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

#include "out/certout.h"
#include "x509/crl.h"
#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "base/json.h"
#include "x509/keys.h"
#include "out/metrics.h"
#include "check/ocsp.h"
#include "read/opt.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "check/purpose.h"
#include "check/revoke.h"
#include "x509/x509info.h"

static const struct opt_def defs[] = {
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'A', .name = "ari", .arg = "URL",
	    .help = "exit 1 once the CA's renewal window (RFC 9773) opened" },
	{ .ch = 'C', .name = "ca-file", .arg = "FILE",
	    .help = "issuers for --crl and --ocsp (repeatable)" },
	{ .ch = 'H', .name = "host", .arg = "NAME",
	    .help = "exit 1 unless each leaf covers NAME" },
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
	    .help = "bound each OCSP or ARI exchange (10)" },
	{ .ch = 'u', .name = "crl-soft",
	    .help = "an unknown revocation status warns (exit 0)" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "cert-info",
	.operands = "[file ...]",
	.defs = defs,
};

struct ctx {
	struct out	 o;
	time_t		 at;
	struct certcheck gate;		/* -e, -H, -m */
	const char	*format;
	int		 json;
	unsigned long	 ncerts, nleaves, ncrls;
	char		*pass;		/* --passin, for PKCS#12 */
	struct revoke	 rv;		/* --crl, --ocsp */
	struct metrics	*metrics;	/* -f openmetrics */
	int		 how;		/* x509info_der's X509INFO_* */
	int		 deferred;	/* text or JSON shown after --crl and
					   --ocsp ran, with the verdict */
};

/* Certificate x (xi its fields) of block b: --ari, shown, then -e, -H,
 * -m, --purpose. */
static int
shown(struct ctx *c, const struct pem_block *b, unsigned long member, X509 *x,
    struct x509info *xi)
{
	const struct ari_window *ari;
	struct ari_window aw;
	int status, ast;

	c->ncerts++;
	c->nleaves += !xi->ca;
	if (xi->bad_time != NULL)
		diag_warn(b->src, b->line, "its %s is malformed (RFC 5280 "
		    "section 4.1.2.5): shown as \"(malformed)\"", xi->bad_time);
	if (X509_get_extension_flags(x) & EXFLAG_INVALID)
		diag_warn(b->src, b->line, "OpenSSL marks this certificate "
		    "invalid (%s); its extensions are shown as they are",
		    ossl_cert_defect(x));
	if (revoke_on(&c->rv))
		revoke_keep(&c->rv, x, b, member);
	ari = certout_ari(&c->gate, b, xi, c->at, &aw, &ast);
	if (c->deferred)
		status = 0;	/* shown by shown_later, with the verdict */
	else if (c->metrics != NULL) {
		metrics_cert(c->metrics, b, member, x, xi);
		status = 0;
	} else if (c->format != NULL)
		status = certout_format_ari(&c->o, c->format, b, x, xi, ari);
	else {
		status = 0;
		if (c->json)
			certout_json_ari(&c->o, b, member, xi, NULL, ari);
		else
			certout_text(&c->o, b, member, xi, c->ncerts + c->ncrls == 1);
		if (!c->json && ari != NULL)
			certout_ari_text(&c->o, ari);
	}
	if (status == 0)
		status = ex_worst(ast, certout_check(&c->gate, b, x, xi));
	ari_free(&aw);
	return status;
}

/* With --crl or --ocsp: each certificate's text or JSON, with its
 * revocation verdict, once the checks have run; then the OCSP answers. */
static int
shown_later(struct ctx *c)
{
	struct revoke_cert *v;
	struct pem_block b;
	struct x509info xi;
	size_t i;
	int status = EX_YES;

	for (i = 0; i < c->rv.n; i++) {
		v = &c->rv.v[i];
		memset(&b, 0, sizeof(b));
		b.src = v->src;
		b.line = v->line;
		b.index = v->index;
		b.kind = v->kind;
		if (x509info_get(v->x, c->at, &xi) != 0)
			status = diag_err(v->src, v->line, "cannot read the "
			    "certificate");
		else if (c->json)
			certout_json_rev(&c->o, &b, v->member, &xi,
			    &v->verdict);
		else {
			certout_text(&c->o, &b, v->member, &xi, i == 0 &&
			    c->ncrls == 0);
			certout_rev_text(&c->o, &v->verdict);
		}
		x509info_free(&xi);
	}
	ocsp_print(&c->rv, c->rv.n == 0 && c->ncrls == 0);
	return status;
}

/* A certificate of a PKCS#7 or PKCS#12 block, already decoded. */
static int
one(struct ctx *c, const struct pem_block *b, unsigned long member, X509 *x)
{
	struct x509info xi;
	int status;

	if (x509info_get(x, c->at, &xi) != 0)
		status = diag_err(b->src, b->line, "cannot read the "
		    "certificate");
	else
		status = shown(c, b, member, x, &xi);
	x509info_free(&xi);
	return status;
}

/* A CRL: shown, and -e applied to its nextUpdate (RFC 5280 5.1.2.5). */
static int
crl_block(struct ctx *c, const struct pem_block *b)
{
	const unsigned char *p = b->der;
	X509_CRL *crl;
	struct crlinfo ci;
	int status = EX_YES;

	if ((crl = d2i_X509_CRL(NULL, &p, (long)b->derlen)) == NULL)
		return diag_err(b->src, b->line, "the CRL does not decode");
	if (crlinfo_get(crl, c->at, &ci) != 0)
		status = diag_err(b->src, b->line, "the CRL's times are "
		    "malformed");
	else if (c->metrics != NULL)
		metrics_crl(c->metrics, b, crl, &ci);
	else if (c->format != NULL)
		status = certout_format_crl(&c->o, c->format, b, crl, &ci);
	else if (c->json)
		crlout_json(&c->o, b, &ci);
	else
		crlout_text(&c->o, b, &ci, c->ncerts + c->ncrls == 0);
	c->ncrls++;
	if (status == EX_YES)
		status = crl_gate(b, &ci, c->gate.within.secs);
	crlinfo_free(&ci);
	X509_CRL_free(crl);
	return status;
}

static int
block(struct ctx *c, const struct pem_block *b)
{
	const unsigned char *p = b->der;
	STACK_OF(X509) *certs = NULL;
	PKCS7 *p7;
	EVP_PKEY *pk = NULL;
	struct x509info xi;
	X509 *x;
	int i, status = EX_YES;

	if (b->kind == PK_CERT) {
		i = x509info_der(b->der, b->derlen, c->at, c->how, &xi, &x);
		status = i == 0 ? shown(c, b, 0, x, &xi) : diag_err(b->src,
		    b->line, i < 0 ? "certificate does not decode" :
		    "cannot read the certificate");
		x509info_free(&xi);
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
	if (b->kind == PK_CRL)
		return crl_block(c, b);
	if (b->kind != PK_PKCS7) {
		diag_note(b->src, b->line, "%s skipped: not a certificate",
		    pem_kind_name(b->kind));
		return EX_YES;
	}
	if ((p7 = d2i_PKCS7(NULL, &p, (long)b->derlen)) == NULL)
		return diag_err(b->src, b->line, "PKCS#7 block does not "
		    "decode");
	certs = p7_certs(b, p7);
	for (i = 0; i < sk_X509_num(certs); i++)
		status = ex_worst(status, one(c, b, (unsigned long)i + 1,
		    sk_X509_value(certs, i)));
	if (sk_X509_num(certs) <= 0)
		diag_note(b->src, b->line, "PKCS#7 block holds no "
		    "certificate");
	PKCS7_free(p7);
	return status;
}

/*
 * -f openmetrics: each file read on its own, so that its blocks are
 * numbered within it, and its pemkit_file_error sample says whether it
 * could be read in full.  Returns the worst exit class.
 */
static int
metrics_files(struct ctx *c, char **files, int nfiles, unsigned flags)
{
	static char *std[] = { (char *)"-" };
	struct pem_input in;
	struct pem_block b;
	int i, st, status = EX_YES;

	if (nfiles == 0) {
		files = std;
		nfiles = 1;
	}
	for (i = 0; i < nfiles; i++) {
		st = EX_YES;
		pem_input_init(&in, files + i, 1, flags);
		while (pem_input_next(&in, &b))
			st = ex_worst(st, block(c, &b));
		st = ex_worst(st, pem_input_end(&in));
		metrics_file(c->metrics, strcmp(files[i], "-") == 0 ?
		    "<stdin>" : files[i], st == EX_TROUBLE);
		status = ex_worst(status, st);
	}
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct pem_input in;
	struct pem_block b;
	struct ctx c;
	struct metrics metrics;
	enum purpose use;
	const char *why;
	char **cafiles, **crlfiles;
	int ch, i, ncafiles = 0, ncrlfiles = 0, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	memset(&metrics, 0, sizeof(metrics));
	c.at = time(NULL);
	within_none(&c.gate.within);
	c.gate.hosts = xmalloc((size_t)argc * sizeof(*c.gate.hosts));
	c.gate.emails = xmalloc((size_t)argc * sizeof(*c.gate.emails));
	cafiles = xmalloc((size_t)argc * sizeof(*cafiles));
	crlfiles = xmalloc((size_t)argc * sizeof(*crlfiles));
	c.rv.timeout = 10;
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case 'A':
			c.gate.ari = optarg;
			break;
		case 'C':
			cafiles[ncafiles++] = optarg;
			break;
		case 'H':
			c.gate.hosts[c.gate.nhosts++] = optarg;
			break;
		case 'O':
			c.rv.ocsp_out = optarg;
			break;
		case 'P':
			if (purpose_lookup(optarg, &use) != 0) {
				diag_err(NULL, 0, "--purpose: \"%s\" is not "
				    "server, client, email or code", optarg);
				opt_usage(EX_TROUBLE);
			}
			c.gate.purpose = (int)use + 1;
			break;
		case 'Q':
			c.rv.ocsp = 1;
			break;
		case 'R':
			crlfiles[ncrlfiles++] = optarg;
			break;
		case 'U':
			c.rv.ocsp_url = optarg;
			break;
		case 't':
			opt_timeout(optarg, &c.rv.timeout, opt_usage);
			break;
		case 'a':
			opt_at(optarg, &c.at, opt_usage);
			break;
		case 'e':
			if (parse_within(optarg, &c.gate.within) != 0) {
				diag_err(NULL, 0, "--expires-within: \"%s\" is "
				    "not a duration: use 30 (days), 30d, 12h, "
				    "2w, 33%% (of the lifetime), ...", optarg);
				opt_usage(EX_TROUBLE);
			}
			break;
		case 'f':
			if (strcmp(optarg, "openmetrics") == 0) {
				c.metrics = &metrics;
				break;
			}
			if ((why = certout_format_check(optarg)) != NULL) {
				diag_err(NULL, 0, "-f: %s", why);
				opt_usage(EX_TROUBLE);
			}
			c.format = optarg;
			break;
		case 'j':
			c.json = 1;
			break;
		case 'm':
			c.gate.emails[c.gate.nemails++] = optarg;
			break;
		case 'u':
			c.rv.crl_soft = 1;
			break;
		}
	}
	opt_end(&op, &argc, &argv);

	c.rv.at = c.at;
	c.gate.timeout = (int)c.rv.timeout;
	c.rv.strict = (op.flags & OPT_STRICT) != 0;
	c.rv.json = c.json;
	c.rv.o = c.format == NULL && c.metrics == NULL ? &c.o : NULL;
	/* what asks the X509 for its names: -H, -m, %{subject.XX},
	 * openmetrics's CN labels */
	if (c.gate.nhosts + c.gate.nemails > 0 || c.metrics != NULL ||
	    (c.format != NULL && (strstr(c.format, "%{subject.") != NULL ||
	    strstr(c.format, "%{issuer.") != NULL)))
		c.how |= X509INFO_NAMES;
	for (i = 0; i < ncrlfiles; i++)
		status = ex_worst(status, crlset_load(&c.rv.crls, crlfiles[i],
		    op.flags));
	for (i = 0; i < ncafiles; i++)
		status = ex_worst(status, revoke_issuers(&c.rv, cafiles[i],
		    op.flags));
	/* --crl and --ocsp keep each certificate: decoded in full */
	if (revoke_on(&c.rv))
		c.how |= X509INFO_FULL;
	c.deferred = revoke_on(&c.rv) && c.format == NULL && c.metrics == NULL;
	if ((op.passin != NULL && (c.pass = pass_get(op.passin,
	    "--passin")) == NULL) || status == EX_TROUBLE ||
	    out_open(&c.o, op.ofile, 0) != 0)
		status = EX_TROUBLE;
	else {
		if (c.metrics != NULL)
			status = ex_worst(status, metrics_files(&c, argv, argc,
			    op.flags));
		else {
			pem_input_init(&in, argv, argc, op.flags);
			while (pem_input_next(&in, &b))
				status = ex_worst(status, block(&c, &b));
			status = ex_worst(status, pem_input_end(&in));
		}
		if (status != EX_TROUBLE && c.ncerts + c.ncrls == 0)
			status = diag_err(NULL, 0, "no certificate or CRL in "
			    "the input");
		else if (status != EX_TROUBLE && c.gate.nhosts + c.gate.nemails +
		    c.gate.purpose > 0 && c.nleaves == 0)
			status = diag_no(NULL, 0, "no end-entity certificate "
			    "to check %s against", c.gate.nhosts +
			    c.gate.nemails > 0 ? "names" : "a purpose");
		if (status != EX_TROUBLE && revoke_on(&c.rv))
			status = ex_worst(status, revoke_run(&c.rv));
		if (c.deferred)
			status = ex_worst(status, shown_later(&c));
		/* the samples of the files that could be read are written
		 * all the same, beside each file's error series: a
		 * monitoring job must not freeze on one bad file */
		if (c.metrics != NULL) {
			metrics_write(c.metrics, &c.o, time(NULL));
			status = ex_worst(status, out_finish(&c.o, EX_YES));
		} else
			status = out_finish(&c.o, status);
	}
	revoke_free(&c.rv);
	free(c.gate.hosts);
	free(c.gate.emails);
	free(cafiles);
	free(crlfiles);
	pass_free(c.pass);
	return status;
}
