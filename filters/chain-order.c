/*
 * chain-order: the chain a server sends, from certificates in any order:
 * the leaf, then each issuer in turn, without the root.  Nothing is
 * written unless the chain is complete (or --partial).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/x509.h>

#include "check/aia.h"
#include "check/crlfetch.h"
#include "x509/chain.h"
#include "x509/crl.h"
#include "base/diag.h"
#include "base/io.h"
#include "x509/keys.h"
#include "read/opt.h"
#include "read/pem.h"
#include "check/purpose.h"
#include "check/trust.h"
#include "read/verbatim.h"
#include "out/chainout.h"

static const struct opt_def defs[] = {
	OPTDEF_SHARED('s', "strict", NULL,
	    "every finding exit 1, every repair an error"),
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'C', .name = "ca-file", .arg = "FILE",
	    .help = "trust FILE (its intermediates are written)" },
	{ .ch = 'D', .name = "cache", .arg = "DIR",
	    .help = "keep fetched issuers and CRLs in DIR (with -F, -L)" },
	{ .ch = 'E', .name = "expires-within", .arg = "DURATION",
	    .help = "a link expiring within is a finding (30 = days, 12h, "
	    "33%)" },
	{ .ch = 'F', .name = "fetch",
	    .help = "fetch a missing issuer from its caIssuers URL" },
	{ .ch = 'H', .name = "host", .arg = "NAME",
	    .help = "the leaf covering NAME; verify it with -y" },
	{ .ch = 'L', .name = "crl-fetch",
	    .help = "with -y, fetch each CRL from its distribution point" },
	{ .ch = 'N', .name = "no-system",
	    .help = "no system store look-up for a missing issuer" },
	{ .ch = 'P', .name = "purpose", .arg = "USE",
	    .help = "exit 1 unless the chain allows server, client, email, "
	    "code" },
	{ .ch = 'R', .name = "crl", .arg = "FILE",
	    .help = "with -y, check the CRLs of FILE (repeatable)" },
	{ .ch = 'S', .name = "system",
	    .help = "trust the system store" },
	{ .ch = 'a', .name = "at", .arg = "TIME",
	    .help = "judge validity at TIME, not now" },
	{ .ch = 'd', .name = "ca-path", .arg = "DIR",
	    .help = "trust the certificate files of DIR" },
	{ .ch = 'e', .name = "end-at", .arg = "ROOT",
	    .help = "prefer the path to ROOT (file, subject, CN)" },
	{ .ch = 'i', .name = "issuers",
	    .help = "write the chain without its leaf" },
	{ .ch = 'j', .name = "json",
	    .help = "NDJSON, one object per chain element" },
	{ .ch = 'p', .name = "partial",
	    .help = "write a partial chain (still exit 1)" },
	{ .ch = 'r', .name = "root",
	    .help = "write the root too" },
	{ .ch = 't', .name = "timeout", .arg = "SECONDS",
	    .help = "bound all -F fetches together, each -L one (10)" },
	{ .ch = 'u', .name = "crl-soft",
	    .help = "with --crl, an unknown revocation status warns" },
	{ .ch = 'y', .name = "verify",
	    .help = "verify with OpenSSL (purpose sslserver or -P's)" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "chain-order",
	.operands = "[file ...]",
	.defs = defs,
};

struct ctx {
	struct chain_pool p;
	struct trust	 t;
	const char	*endat;		/* --end-at FILE or NAME */
	struct aia	 aia;		/* --fetch */
	struct crlfetch	 crlf;		/* --crl-fetch */
	int		 json, partial, root, verify, issuers, nosystem;
	int		 purpose;	/* --purpose: enum purpose + 1 */
	char		**files;	/* the input, read again by -s */
	int		 nfiles;
	off_t		 instart;	/* where stdin started */
	char		**cafiles, **crlfiles;	/* -C, -R */
	int		 ncafiles, ncrlfiles, sys;	/* sys: -S */
	const char	*capath;	/* -d */
};

static int
run(struct ctx *c, struct out *o, int strict)
{
	size_t leaf, *ch = NULL, n = 0, i, k = 0, first = (size_t)-1, nout;
	enum chain_end end;
	int status = EX_YES, fetched = EX_YES;
	char where[512];

	for (i = 0; i < c->p.n && first == (size_t)-1; i++)
		if (c->p.c[i].input)
			first = i;
	if (first == (size_t)-1)
		return diag_err(NULL, 0, "no certificate in the input");
	if (chain_leaf(&c->p, c->t.host, &leaf) != EX_YES)
		return EX_TROUBLE;
	if (c->endat != NULL && trust_end_at(&c->p, &c->t, c->endat) != EX_YES)
		return EX_TROUBLE;
	/* a public chain needs no root file: the system store, loaded only
	 * when no path reaches a root without it */
	if (!c->nosystem && !c->t.system && !chain_complete(&c->p, leaf) &&
	    !c->p.capped) {
		if (trust_load_system(&c->p, &c->t) != EX_YES)
			return EX_TROUBLE;
		chain_reset(&c->p);
	}
	ch = chain_build(&c->p, leaf, &n, &end);
	/* --fetch: each missing issuer from its caIssuers URL, and the
	 * chain built again with it */
	while (end == CHAIN_MISSING && c->aia.on && !c->p.capped &&
	    (k = (size_t)aia_fetch(&c->aia, &c->p, ch[n - 1])) == 1) {
		free(ch);
		chain_reset(&c->p);
		ch = chain_build(&c->p, leaf, &n, &end);
	}
	if ((end == CHAIN_MISSING && c->aia.on && k == (size_t)-1) ||
	    chain_root_store(&c->p, leaf)) {
		status = EX_TROUBLE;
		goto out;
	}
	/* the root only with -r; a trust file's intermediate is written */
	nout = n;
	if (end != CHAIN_MISSING && !c->root && n > 1 &&
	    chain_self_signed(&c->p, ch[n - 1]))
		nout = n - 1;
	if (c->p.capped) {
		status = chain_capped(&c->p);
		goto out;
	}
	chain_findings(&c->p, ch, n, leaf, first, nout);
	if (c->issuers && c->p.c[leaf].input)
		chain_finding(&c->p, 0, "the leaf %s is not written (-i)",
		    CHAIN_WHERE(&c->p.c[leaf], where));
	if (end == CHAIN_MISSING)
		status = trust_missing(&c->p, &c->t, ch[n - 1]);
	/* --crl-fetch: a failed fetch leaves the status unknown, which
	 * trust_verify says for the certificate */
	if (c->verify && status == EX_YES && c->crlf.on)
		fetched = crlfetch_chain(&c->crlf, c->t.crls, &c->p, ch, n,
		    c->p.at);
	if (c->verify && status == EX_YES)
		status = ex_worst(trust_verify(&c->p, &c->t, ch, n), fetched);
	if (c->purpose > 0)
		status = ex_worst(status, purpose_chain(&c->p, ch, n,
		    (enum purpose)(c->purpose - 1)));
	if (strict && status == EX_YES && c->p.nfindings > 0)
		status = diag_no(NULL, 0, "--strict: %zu finding%s: the input "
		    "is not exactly the chain to send", c->p.nfindings,
		    c->p.nfindings == 1 ? "" : "s");
	if (strict && status == EX_YES)
		status = chainout_same_bytes(&c->p, ch, nout, c->files,
		    c->nfiles, c->instart);
	if (status != EX_YES && !(c->partial && end == CHAIN_MISSING &&
	    status == EX_NO))
		goto out;
	for (k = 0; k < n; k++) {
		if (c->json)
			chainout_json(o, &c->p, ch, n, k, end, k < nout &&
			    !(k == 0 && c->issuers));
		else if (k < nout && !(k == 0 && c->issuers) &&
		    pem_write(o, "CERTIFICATE", NULL, 0, c->p.c[ch[k]].der,
		    c->p.c[ch[k]].derlen) != 0)
			status = EX_TROUBLE;
	}
out:
	free(ch);
	return status;
}

/* The options into c, then *argc and *argv moved to the operands. */
static void
args(struct ctx *c, struct opts *op, int *argc, char ***argv)
{
	int ch;

	c->cafiles = xmalloc((size_t)*argc * sizeof(*c->cafiles));
	c->crlfiles = xmalloc((size_t)*argc * sizeof(*c->crlfiles));
	c->aia.timeout = 10;
	while ((ch = opt_next(&cmd, op, *argc, *argv)) != -1) {
		switch (ch) {
		case 'C':
			c->cafiles[c->ncafiles++] = optarg;
			break;
		case 'D':
			c->aia.cache = optarg;
			break;
		case 'E':
			opt_duration(optarg, &c->p.within, opt_usage);
			break;
		case 'F':
			c->aia.on = 1;
			break;
		case 'R':
			c->crlfiles[c->ncrlfiles++] = optarg;
			break;
		case 't':
			opt_timeout(optarg, &c->aia.timeout, opt_usage);
			break;
		case 'H':
			c->t.host = optarg;
			break;
		case 'L':
			c->crlf.on = 1;
			break;
		case 'N':
			c->nosystem = 1;
			break;
		case 'S':
			c->sys = 1;
			break;
		case 'a':
			opt_at(optarg, &c->t.at, opt_usage);
			c->t.at_set = 1;
			break;
		case 'd':
			c->capath = optarg;
			break;
		case 'e':
			c->endat = optarg;
			break;
		case 'i':
			c->issuers = 1;
			break;
		case 'j':
			c->json = 1;
			break;
		case 'p':
			c->partial = 1;
			break;
		case 'r':
			c->root = 1;
			break;
		case 'u':
			c->t.crl_soft = 1;
			break;
		case 'P':
			c->purpose = purpose_opt(optarg, opt_usage);
			c->t.purpose = purpose_ossl((enum purpose)
			    (c->purpose - 1));
			break;
		case 'y':
			c->verify = 1;
			break;
		}
	}
	opt_end(op, argc, argv);
	c->t.rflags = op->flags;
	c->t.strict = (op->flags & OPT_STRICT) != 0;
	c->p.strict = c->t.strict;
	if ((c->ncrlfiles > 0 || c->crlf.on) && !c->verify) {
		diag_err(NULL, 0, "%s is checked by --verify: give -y",
		    c->ncrlfiles > 0 ? "--crl" : "--crl-fetch");
		opt_usage(EX_TROUBLE);
	}
	c->crlf.timeout = c->aia.timeout;
	c->crlf.cache = c->aia.cache;
	c->crlf.soft = c->t.crl_soft;
	c->p.at = c->t.at_set ? c->t.at : time(NULL);
	c->files = *argv;
	c->nfiles = *argc;
}

/* The input, then the trust stores and CRLs the options name. */
static int
load(struct ctx *c, struct crlset *crls, unsigned flags)
{
	int i, status;

	status = trust_load(&c->p, &c->t, c->files, c->nfiles, 0);
	for (i = 0; i < c->ncrlfiles; i++)
		status = ex_worst(status, crlset_load(crls, c->crlfiles[i],
		    flags));
	c->t.crls = c->ncrlfiles > 0 || c->crlf.on ? crls : NULL;
	if (c->ncafiles > 0)
		status = ex_worst(status, trust_load(&c->p, &c->t, c->cafiles,
		    c->ncafiles, 1));
	if (c->capath != NULL)
		status = ex_worst(status, trust_load_dir(&c->p, &c->t,
		    c->capath));
	if (c->sys || (c->verify && c->ncafiles == 0 && c->capath == NULL &&
	    !c->nosystem))
		status = ex_worst(status, trust_load_system(&c->p, &c->t));
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct ctx c;
	struct crlset crls = { .n = 0 };
	struct out o;
	char *pass = NULL;
	int opened = 0, status = EX_TROUBLE;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	chain_init(&c.p);
	c.p.warn = 1;
	args(&c, &op, &argc, &argv);
	if (op.passin != NULL &&
	    (pass = pass_get(op.passin, "--passin")) == NULL)
		goto out;
	c.t.pass = pass;
	if (c.t.strict && verbatim_reads_stdin(argv, argc) &&
	    verbatim_spool_stdin(&c.instart) != EX_YES)
		goto out;
	if (out_open(&o, op.ofile, 0) != 0)
		goto out;
	opened = 1;
	status = load(&c, &crls, op.flags);
	if (status == EX_YES)
		status = run(&c, &o, c.t.strict);
out:
	chain_free(&c.p);
	trust_free(&c.t);
	crlset_free(&crls);
	aia_free(&c.aia);
	crlfetch_free(&c.crlf);
	free(c.cafiles);
	free(c.crlfiles);
	pass_free(pass);
	if (opened && status != EX_YES && !(status == EX_NO && c.partial))
		out_abort(&o);
	else if (opened)
		status = out_finish(&o, status);
	return status;
}
