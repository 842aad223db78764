/*
 * chain-order: the chain a server sends, from certificates in any order:
 * the leaf, then each issuer in turn, without the root.  Nothing is
 * written unless the chain is complete (or --partial).
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "check/aia.h"
#include "x509/chain.h"
#include "x509/crl.h"
#include "base/diag.h"
#include "base/io.h"
#include "base/json.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "read/opt.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "check/purpose.h"
#include "check/trust.h"
#include "x509/x509info.h"

static const struct opt_def defs[] = {
	OPTDEF_SHARED('s', "strict", NULL,
	    "every finding exit 1, every repair an error"),
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'C', .name = "ca-file", .arg = "FILE",
	    .help = "trust FILE (its intermediates are written)" },
	{ .ch = 'D', .name = "cache", .arg = "DIR",
	    .help = "keep fetched issuers in DIR (with -F)" },
	{ .ch = 'E', .name = "expires-within", .arg = "DURATION",
	    .help = "a link expiring within is a finding (30 = days, 12h)" },
	{ .ch = 'F', .name = "fetch",
	    .help = "fetch a missing issuer from its caIssuers URL" },
	{ .ch = 'H', .name = "host", .arg = "NAME",
	    .help = "the leaf covering NAME; verify it with -y" },
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
	    .help = "bound each fetch (10)" },
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
	int		 json, partial, root, verify, issuers, nosystem;
	int		 purpose;	/* --purpose: enum purpose + 1 */
	char		**files;	/* the input, read again by -s */
	int		 nfiles;
	off_t		 instart;	/* where stdin started */
};

/*
 * -s on standard input: keep what it holds in an unlinked temporary file
 * on descriptor 0, so that same_bytes() can read it a second time.
 * Returns EX_YES, or EX_TROUBLE after a message.
 */
static int
spool_stdin(struct ctx *c)
{
	struct stat st;
	char buf[65536];
	ssize_t n;
	FILE *f;
	int status = EX_YES;

	if (fstat(0, &st) == 0 && S_ISREG(st.st_mode) &&
	    (c->instart = lseek(0, 0, SEEK_CUR)) >= 0)
		return EX_YES;
	c->instart = 0;
	if ((f = tmpfile()) == NULL)
		return diag_err(NULL, 0, "--strict: cannot keep standard input "
		    "to compare: %s", strerror(errno));
	while ((n = read(0, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
			status = diag_err(NULL, 0, "--strict: cannot keep "
			    "standard input to compare: %s", strerror(errno));
			goto out;
		}
	if (n < 0 || fflush(f) != 0 || dup2(fileno(f), 0) < 0 ||
	    lseek(0, 0, SEEK_SET) != 0)
		status = diag_err(NULL, 0, "--strict: standard input: %s",
		    strerror(errno));
out:
	fclose(f);
	return status;
}

/* Append der as RFC 7468 strict PEM (as pem_write writes it) to *b. */
static void
append_pem(unsigned char **b, size_t *len, const unsigned char *der,
    size_t derlen)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----\n",
	    end[] = "-----END CERTIFICATE-----\n";
	size_t i, k;

	*b = xrealloc(*b, *len + sizeof(begin) + sizeof(end) +
	    (derlen + 47) / 48 * 65);
	memcpy(*b + *len, begin, sizeof(begin) - 1);
	*len += sizeof(begin) - 1;
	for (i = 0; i < derlen; i += 48) {
		k = derlen - i < 48 ? derlen - i : 48;
		*len += (size_t)EVP_EncodeBlock(*b + *len, der + i, (int)k);
		(*b)[(*len)++] = '\n';
	}
	memcpy(*b + *len, end, sizeof(end) - 1);
	*len += sizeof(end) - 1;
}

/*
 * -s: the bytes written must be the bytes read.  The findings name every
 * certificate not written as it was read; what the reader takes for
 * nothing is left (blank lines between or after the blocks, a last line
 * without its newline): read the input again and compare it with the
 * chain written, ch[0..nout).  Returns EX_YES, or EX_TROUBLE after a
 * message naming the file and line (a repair of the input).
 */
static int
same_bytes(struct ctx *c, const size_t *ch, size_t nout)
{
	unsigned char *exp = NULL, buf[65536];
	size_t explen = 0, pos = 0, k;
	unsigned long line = 1;
	const char *name = "<stdin>", *stdin_only[] = { "-" };
	char **files = c->nfiles > 0 ? c->files : (char **)stdin_only;
	int i, fd = -1, nfiles = c->nfiles > 0 ? c->nfiles : 1, status;
	struct stat st;
	ssize_t n = 0, j;

	for (k = 0; k < nout; k++)
		append_pem(&exp, &explen, c->p.c[ch[k]].der,
		    c->p.c[ch[k]].derlen);
	for (i = 0; i < nfiles; i++) {
		if ((fd = in_open(files[i], &name)) < 0) {
			free(exp);
			return EX_TROUBLE;
		}
		line = 1;
		if (fd == 0 ? lseek(0, c->instart, SEEK_SET) < 0 :
		    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			in_close(fd);
			free(exp);
			return diag_err(name, 0, "--strict: cannot read it a "
			    "second time to compare with the output: give a "
			    "regular file or standard input");
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0 ||
		    (n < 0 && errno == EINTR)) {
			for (j = 0; j < n; j++, pos++) {
				if (pos >= explen || buf[j] != exp[pos])
					goto differ;
				if (buf[j] == '\n')
					line++;
			}
		}
		in_close(fd);
		if (n < 0) {
			free(exp);
			return diag_err(name, 0, "--strict: %s",
			    strerror(errno));
		}
	}
	free(exp);
	if (pos == explen)
		return EX_YES;
	return diag_err(name, line, "--strict: the input ends before the "
	    "chain written: no newline at the end?");
differ:
	in_close(fd);
	free(exp);
	status = diag_err(name, line, "--strict: the input is not the chain "
	    "written byte for byte here: white space between or after the "
	    "blocks?");
	return status;
}

static const char *
role(struct ctx *c, const size_t *ch, size_t n, size_t k)
{
	if (k == 0)
		return "leaf";
	if (k == n - 1 && chain_self_signed(&c->p, ch[k]))
		return c->p.c[ch[k]].trusted ? "anchor" : "root";
	return "intermediate";
}

static void
element_json(struct ctx *c, struct out *o, const size_t *ch, size_t n,
    size_t k, enum chain_end end, int written)
{
	const struct chain_cert *cc = &c->p.c[ch[k]];
	struct json j;
	X509 *x = chain_x509(&c->p, ch[k]);
	char hex[65], *s;

	json_begin_at(&j, o, cc->src, cc->line, cc->index, "cert");
	if (cc->member != 0)
		json_int(&j, "member", (long long)cc->member);
	else
		json_null(&j, "member");
	json_int(&j, "position", (long long)k + 1);
	json_str(&j, "role", role(c, ch, n, k), -1);
	json_bool(&j, "trusted", cc->trusted);
	json_bool(&j, "written", written);
	s = x ? x509info_name_str(X509_get_subject_name(x)) : NULL;
	json_str(&j, "subject", s, -1);
	free(s);
	s = x ? x509info_name_str(X509_get_issuer_name(x)) : NULL;
	json_str(&j, "issuer", s, -1);
	free(s);
	ossl_hex(cc->sha256, 32, hex);
	json_str(&j, "sha256", hex, -1);
	if (k + 1 < n)
		json_str(&j, "link", chain_link_words(&c->p, ch[k],
		    ch[k + 1]), -1);
	else
		json_str(&j, "link", end == CHAIN_ANCHOR ? "trust anchor" :
		    end == CHAIN_ROOT ? "self-signed" : "missing", -1);
	if (k == 0)
		json_list(&j, "findings", c->p.findings,
		    c->p.nfindings);
	json_end(&j);
}

static int
run(struct ctx *c, struct out *o, int strict)
{
	size_t leaf, *ch = NULL, n = 0, i, k = 0, first = (size_t)-1, nout;
	enum chain_end end;
	int status = EX_YES;
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
	while (end == CHAIN_MISSING && c->aia.on &&
	    (k = (size_t)aia_fetch(&c->aia, &c->p, ch[n - 1])) == 1) {
		free(ch);
		chain_reset(&c->p);
		ch = chain_build(&c->p, leaf, &n, &end);
	}
	if (end == CHAIN_MISSING && c->aia.on && k == (size_t)-1) {
		free(ch);
		return EX_TROUBLE;
	}
	if (chain_root_store(&c->p, leaf)) {
		free(ch);
		return EX_TROUBLE;
	}
	/* the root only with -r; a trust file's intermediate is written */
	nout = n;
	if (end != CHAIN_MISSING && !c->root && n > 1 &&
	    chain_self_signed(&c->p, ch[n - 1]))
		nout = n - 1;
	if (c->p.capped) {
		free(ch);
		return diag_err(NULL, 0, "the chain is longer than %d "
		    "certificates: stopped there", CHAIN_MAX_DEPTH);
	}
	chain_findings(&c->p, ch, n, leaf, first, nout);
	if (c->issuers && c->p.c[leaf].input)
		chain_finding(&c->p, 0, "the leaf %s is not written (-i)",
		    CHAIN_WHERE(&c->p.c[leaf], where));
	if (end == CHAIN_MISSING)
		status = trust_missing(&c->p, &c->t, ch[n - 1]);
	if (c->verify && status == EX_YES)
		status = trust_verify(&c->p, &c->t, ch, n);
	/* the leaf, and each CA above it that restricts EKU */
	for (i = 0; c->purpose > 0 && i < n; i++)
		status = ex_worst(status, purpose_check(chain_x509(&c->p,
		    ch[i]), (enum purpose)(c->purpose - 1), i > 0,
		    CHAIN_WHERE(&c->p.c[ch[i]], where), NULL, 0));
	if (strict && status == EX_YES && c->p.nfindings > 0)
		status = diag_no(NULL, 0, "--strict: %zu finding%s: the input "
		    "is not exactly the chain to send", c->p.nfindings,
		    c->p.nfindings == 1 ? "" : "s");
	if (strict && status == EX_YES)
		status = same_bytes(c, ch, nout);
	if (status != EX_YES && !(c->partial && end == CHAIN_MISSING &&
	    status == EX_NO))
		goto out;
	for (k = 0; k < n; k++) {
		if (c->json)
			element_json(c, o, ch, n, k, end, k < nout &&
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

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct ctx c;
	struct crlset crls = { NULL, 0 };
	struct out o;
	enum purpose use;
	char **cafiles, **crlfiles, *pass = NULL;
	const char *capath = NULL;
	int ch, i, ncafiles = 0, ncrlfiles = 0, sys = 0, status;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	chain_init(&c.p);
	c.p.warn = 1;
	cafiles = xmalloc((size_t)argc * sizeof(*cafiles));
	crlfiles = xmalloc((size_t)argc * sizeof(*crlfiles));
	c.aia.timeout = 10;
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case 'C':
			cafiles[ncafiles++] = optarg;
			break;
		case 'D':
			c.aia.cache = optarg;
			break;
		case 'E':
			if (parse_within(optarg, &c.p.within) != 0) {
				diag_err(NULL, 0, "--expires-within: \"%s\" is "
				    "not a duration: use 30 (days), 30d, 12h, "
				    "2w, 33%% (of the lifetime), ...", optarg);
				opt_usage(EX_TROUBLE);
			}
			break;
		case 'F':
			c.aia.on = 1;
			break;
		case 'R':
			crlfiles[ncrlfiles++] = optarg;
			break;
		case 't':
			opt_timeout(optarg, &c.aia.timeout, opt_usage);
			break;
		case 'H':
			c.t.host = optarg;
			break;
		case 'N':
			c.nosystem = 1;
			break;
		case 'S':
			sys = 1;
			break;
		case 'a':
			opt_at(optarg, &c.t.at, opt_usage);
			c.t.at_set = 1;
			break;
		case 'd':
			capath = optarg;
			break;
		case 'e':
			c.endat = optarg;
			break;
		case 'i':
			c.issuers = 1;
			break;
		case 'j':
			c.json = 1;
			break;
		case 'p':
			c.partial = 1;
			break;
		case 'r':
			c.root = 1;
			break;
		case 'u':
			c.t.crl_soft = 1;
			break;
		case 'P':
			if (purpose_lookup(optarg, &use) != 0) {
				diag_err(NULL, 0, "--purpose: \"%s\" is not "
				    "server, client, email or code", optarg);
				opt_usage(EX_TROUBLE);
			}
			c.purpose = (int)use + 1;
			c.t.purpose = purpose_ossl(use);
			break;
		case 'y':
			c.verify = 1;
			break;
		}
	}
	opt_end(&op, &argc, &argv);
	c.t.rflags = op.flags;
	c.t.strict = (op.flags & OPT_STRICT) != 0;
	c.p.strict = c.t.strict;
	if (ncrlfiles > 0 && !c.verify) {
		diag_err(NULL, 0, "--crl is checked by --verify: give -y");
		opt_usage(EX_TROUBLE);
	}
	c.p.at = c.t.at_set ? c.t.at : time(NULL);

	if (op.passin != NULL && (pass = pass_get(op.passin, "--passin")) ==
	    NULL)
		return EX_TROUBLE;
	c.t.pass = pass;
	c.files = argv;
	c.nfiles = argc;
	for (i = 0; c.t.strict && i < (argc > 0 ? argc : 1); i++)
		if (argc == 0 || strcmp(argv[i], "-") == 0) {
			if (spool_stdin(&c) != EX_YES)
				return EX_TROUBLE;
			break;
		}
	if (out_open(&o, op.ofile, 0) != 0)
		return EX_TROUBLE;
	status = trust_load(&c.p, &c.t, argv, argc, 0);
	for (i = 0; i < ncrlfiles; i++)
		status = ex_worst(status, crlset_load(&crls, crlfiles[i],
		    op.flags));
	c.t.crls = ncrlfiles > 0 ? &crls : NULL;
	if (ncafiles > 0)
		status = ex_worst(status, trust_load(&c.p, &c.t, cafiles,
		    ncafiles, 1));
	if (capath != NULL)
		status = ex_worst(status, trust_load_dir(&c.p, &c.t, capath));
	if (sys || (c.verify && ncafiles == 0 && capath == NULL &&
	    !c.nosystem))
		status = ex_worst(status, trust_load_system(&c.p, &c.t));
	if (status == EX_YES)
		status = run(&c, &o, op.flags & OPT_STRICT);
	chain_free(&c.p);
	trust_free(&c.t);
	crlset_free(&crls);
	aia_free(&c.aia);
	free(cafiles);
	free(crlfiles);
	pass_free(pass);
	if (status != EX_YES && !(status == EX_NO && c.partial)) {
		out_abort(&o);
		return status;
	}
	return out_finish(&o, status);
}
