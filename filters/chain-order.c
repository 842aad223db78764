/*
 * chain-order: the chain a server sends, from certificates in any order:
 * the leaf, then each issuer in turn, without the root.  Nothing is
 * written unless the chain is complete (or --partial).
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "chain.h"
#include "diag.h"
#include "io.h"
#include "json.h"
#include "keys.h"
#include "obj.h"
#include "opt.h"
#include "ossl.h"
#include "pem.h"
#include "x509info.h"

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: chain-order [-cjprSsvy] [-a TIME] [-C FILE] [-d DIR] "
	    "[-H NAME] [-I N] [-o FILE]\n"
	    "                   [-w SOURCE] [file ...]\n");
	exit(status);
}

static const struct option longopts[] = {
	OPT_COMMON_LONG,
	OPT_PASSIN_LONG,
	{ "at",		required_argument,	NULL, 'a' },
	{ "ca-file",	required_argument,	NULL, 'C' },
	{ "ca-path",	required_argument,	NULL, 'd' },
	{ "host",	required_argument,	NULL, 'H' },
	{ "json",	no_argument,		NULL, 'j' },
	{ "partial",	no_argument,		NULL, 'p' },
	{ "root",	no_argument,		NULL, 'r' },
	{ "system",	no_argument,		NULL, 'S' },
	{ "verify",	no_argument,		NULL, 'y' },
	{ NULL,		0,			NULL, 0 }
};

struct ctx {
	struct chain_pool p;
	const char	*pass;
	const char	*host;
	time_t		 at;
	int		 at_set;
	int		 json, partial, root, verify;
	unsigned	 rflags;
	size_t		 ntrusted;
	char		**paths;	/* file names of --ca-path, kept */
	size_t		 npaths;
};

/* Add every certificate of files (trusted or not); returns the exit
 * class of reading them. */
static int
load(struct ctx *c, char **files, int nfiles, int trusted)
{
	struct obj_input oi;
	struct obj o;
	int status = EX_YES, r;

	obj_input_init(&oi, files, nfiles, trusted ? 0 : c->rflags,
	    OBJ_CERTS | OBJ_LAZY, c->pass);
	while (obj_next(&oi, &o)) {
		r = chain_add(&c->p, o.der, o.derlen, o.src, o.line, o.index,
		    o.member, trusted);
		if (r < 0)
			status = EX_TROUBLE;
		else if (r > 0 && trusted)
			c->ntrusted++;
	}
	return ex_worst(status, obj_input_end(&oi));
}

/* Does name look like a certificate file of an OpenSSL CA directory? */
static int
ca_file_name(const char *name)
{
	size_t n = strlen(name);

	if (n > 4 && (strcmp(name + n - 4, ".pem") == 0 ||
	    strcmp(name + n - 4, ".crt") == 0 ||
	    strcmp(name + n - 4, ".cer") == 0))
		return 1;
	/* c_rehash names: 8 hex digits, a dot, a number */
	return n >= 10 && strspn(name, "0123456789abcdef") == 8 &&
	    name[8] == '.' && strspn(name + 9, "0123456789") == n - 9;
}

/* The trust anchors of a directory: each certificate file in it. */
static int
load_dir(struct ctx *c, const char *dir)
{
	struct dirent *d;
	struct stat st;
	DIR *dp;
	char *path;
	int status = EX_YES;
	size_t n;

	if ((dp = opendir(dir)) == NULL)
		return diag_err(dir, 0, "cannot open the directory");
	while ((d = readdir(dp)) != NULL) {
		if (!ca_file_name(d->d_name))
			continue;
		n = strlen(dir) + strlen(d->d_name) + 2;
		path = xmalloc(n);
		snprintf(path, n, "%s/%s", dir, d->d_name);
		/* the pool keeps src pointers: path lives until the end */
		c->paths = xrealloc(c->paths, (c->npaths + 1) *
		    sizeof(*c->paths));
		c->paths[c->npaths++] = path;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			status = ex_worst(status, load(c, &path, 1, 1));
	}
	closedir(dp);
	return status;
}

/* The system trust store, as OpenSSL finds it (SSL_CERT_FILE and
 * SSL_CERT_DIR override; X509_get_default_cert_file(3)). */
static int
load_system(struct ctx *c)
{
	const char *f, *d;
	struct stat st;
	char *files[1];

	if ((f = getenv(X509_get_default_cert_file_env())) == NULL)
		f = X509_get_default_cert_file();
	if (stat(f, &st) == 0 && S_ISREG(st.st_mode)) {
		files[0] = (char *)f;
		diag_note(NULL, 0, "system trust store: %s", f);
		return load(c, files, 1, 1);
	}
	if ((d = getenv(X509_get_default_cert_dir_env())) == NULL)
		d = X509_get_default_cert_dir();
	diag_note(NULL, 0, "system trust store: %s", d);
	return load_dir(c, d);
}

/* Say which issuer is missing: its name, key identifier, and where the
 * child says it can be fetched (AIA caIssuers, RFC 5280 4.2.2.1). */
static int
missing(struct ctx *c, size_t i)
{
	struct x509info xi;
	X509 *x = chain_x509(&c->p, i);
	char a[512];
	size_t k;
	int status;

	memset(&xi, 0, sizeof(xi));
	if (x == NULL || x509info_get(x, time(NULL), &xi) != 0) {
		x509info_free(&xi);
		return diag_no(NULL, 0, "chain incomplete: the issuer of %s "
		    "is not in the input", CHAIN_WHERE(&c->p.c[i], a));
	}
	status = diag_no(NULL, 0, "chain incomplete: the issuer of %s (%s) "
	    "is not in the input%s: %s%s%s", CHAIN_WHERE(&c->p.c[i], a),
	    xi.subject, c->ntrusted ? " or the trust anchors" : "",
	    xi.issuer, xi.aki ? ", key identifier " : "",
	    xi.aki ? xi.aki : "");
	for (k = 0; k < xi.ca_issuers.n; k++)
		fprintf(stderr, "  the certificate says its issuer is at %s\n",
		    xi.ca_issuers.v[k]);
	x509info_free(&xi);
	return status;
}

/* OpenSSL's full verification of the chain (X509_verify_cert(3)). */
static int
verify(struct ctx *c, const size_t *ch, size_t n)
{
	X509_STORE *store = NULL;
	X509_STORE_CTX *vc = NULL;
	X509_VERIFY_PARAM *vp;
	STACK_OF(X509) *untrusted = NULL;
	X509 *x;
	char *s;
	size_t i;
	int status = EX_TROUBLE, err;

	if ((store = X509_STORE_new()) == NULL ||
	    (untrusted = sk_X509_new_null()) == NULL ||
	    (vc = X509_STORE_CTX_new()) == NULL)
		goto out;
	for (i = 0; i < c->p.n; i++)
		if (c->p.c[i].trusted && (x = chain_x509(&c->p, i)) != NULL &&
		    !X509_STORE_add_cert(store, x))
			goto out;
	for (i = 1; i < n; i++)
		if (!c->p.c[ch[i]].trusted &&
		    !sk_X509_push(untrusted, chain_x509(&c->p, ch[i])))
			goto out;
	if (!X509_STORE_CTX_init(vc, store, chain_x509(&c->p, ch[0]),
	    untrusted) || !X509_STORE_CTX_set_purpose(vc,
	    X509_PURPOSE_SSL_SERVER))
		goto out;
	vp = X509_STORE_CTX_get0_param(vc);
	if (c->at_set)
		X509_VERIFY_PARAM_set_time(vp, c->at);
	if (c->host != NULL && !X509_VERIFY_PARAM_set1_host(vp, c->host, 0))
		goto out;
	if (X509_verify_cert(vc) == 1) {
		diag_note(NULL, 0, "verified: OpenSSL accepts the chain");
		status = EX_YES;
		goto out;
	}
	err = X509_STORE_CTX_get_error(vc);
	x = X509_STORE_CTX_get_current_cert(vc);
	s = x != NULL ? x509info_name_str(X509_get_subject_name(x)) : NULL;
	ERR_clear_error();
	status = diag_no(NULL, 0, "verification failed at depth %d%s%s: %s",
	    X509_STORE_CTX_get_error_depth(vc), s ? ", " : "", s ? s : "",
	    X509_verify_cert_error_string(err));
	free(s);
out:
	if (status == EX_TROUBLE)
		diag_err(NULL, 0, "verification could not run");
	X509_STORE_CTX_free(vc);
	sk_X509_free(untrusted);
	X509_STORE_free(store);
	return status;
}

static const char *
role(struct ctx *c, const size_t *ch, size_t n, size_t k)
{
	if (k == 0)
		return "leaf";
	if (k == n - 1 && chain_self_signed(&c->p, ch[k]))
		return "root";
	if (k == n - 1 && c->p.c[ch[k]].trusted)
		return "anchor";
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
	json_end(&j);
}

static int
run(struct ctx *c, struct out *o, int strict)
{
	size_t leaf, *ch = NULL, n = 0, i, k, first = (size_t)-1, nout;
	enum chain_end end;
	int status = EX_YES;
	char a[512];

	for (i = 0; i < c->p.n && first == (size_t)-1; i++)
		if (c->p.c[i].input)
			first = i;
	if (first == (size_t)-1)
		return diag_err(NULL, 0, "no certificate in the input");
	if (chain_leaf(&c->p, c->host, &leaf) != EX_YES)
		return EX_TROUBLE;
	if (leaf != first)
		diag_note(NULL, 0, "the input did not start with the leaf: "
		    "the leaf is at %s", CHAIN_WHERE(&c->p.c[leaf], a));
	ch = chain_build(&c->p, leaf, &n, &end);
	for (i = 0; i < c->p.n; i++) {
		if (c->p.c[i].onchain || !c->p.c[i].input)
			continue;
		if (strict)
			status = diag_err(NULL, 0, "%s: stray certificate, not "
			    "on the chain", CHAIN_WHERE(&c->p.c[i], a));
		else
			diag_note(NULL, 0, "%s: stray certificate, not on the "
			    "chain: dropped", CHAIN_WHERE(&c->p.c[i], a));
	}
	if (status == EX_TROUBLE)
		goto out;
	if (end == CHAIN_MISSING)
		status = missing(c, ch[n - 1]);
	else if (end == CHAIN_ROOT && c->ntrusted > 0)
		diag_note(NULL, 0, "the chain ends in a root that is not a "
		    "trust anchor");
	if (c->verify && status == EX_YES)
		status = verify(c, ch, n);
	if (status != EX_YES && !(c->partial && end == CHAIN_MISSING))
		goto out;
	/* the root, or an anchor from the trust store, only with -r */
	nout = n;
	if (end != CHAIN_MISSING && !c->root && n > 1 &&
	    (chain_self_signed(&c->p, ch[n - 1]) || !c->p.c[ch[n - 1]].input))
		nout = n - 1;
	for (k = 0; k < n; k++) {
		if (c->json)
			element_json(c, o, ch, n, k, end, k < nout);
		else if (k < nout && pem_write(o, "CERTIFICATE", NULL, 0,
		    c->p.c[ch[k]].der, c->p.c[ch[k]].derlen) != 0)
			status = EX_TROUBLE;
	}
out:
	free(ch);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	struct ctx c;
	struct out o;
	char **cafiles, *pass = NULL;
	const char *capath = NULL;
	int ch, ncafiles = 0, sys = 0, status;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	chain_init(&c.p);
	cafiles = xmalloc((size_t)argc * sizeof(*cafiles));
	while ((ch = getopt_long(argc, argv, "C:H:I:SVa:cd:hjo:prsvw:y",
	    longopts, NULL)) != -1) {
		if (opt_common(ch, optarg, &op, usage))
			continue;
		switch (ch) {
		case 'C':
			cafiles[ncafiles++] = optarg;
			break;
		case 'H':
			c.host = optarg;
			break;
		case 'S':
			sys = 1;
			break;
		case 'a':
			opt_at(optarg, &c.at, usage);
			c.at_set = 1;
			break;
		case 'd':
			capath = optarg;
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
		case 'y':
			c.verify = 1;
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	if (op.max_iter != 0)
		key_max_iter = op.max_iter;
	argc -= optind;
	argv += optind;
	c.rflags = op.flags;

	if (op.passin != NULL && (pass = pass_get(op.passin, "--passin")) ==
	    NULL)
		return EX_TROUBLE;
	c.pass = pass;
	if (out_open(&o, op.ofile, 0) != 0)
		return EX_TROUBLE;
	status = load(&c, argv, argc, 0);
	if (ncafiles > 0)
		status = ex_worst(status, load(&c, cafiles, ncafiles, 1));
	if (capath != NULL)
		status = ex_worst(status, load_dir(&c, capath));
	if (sys || (c.verify && ncafiles == 0 && capath == NULL))
		status = ex_worst(status, load_system(&c));
	if (status == EX_YES)
		status = run(&c, &o, op.flags & PEM_STRICT);
	chain_free(&c.p);
	while (c.npaths > 0)
		free(c.paths[--c.npaths]);
	free(c.paths);
	free(cafiles);
	pass_free(pass);
	if (status != EX_YES && !(status == EX_NO && c.partial)) {
		out_abort(&o);
		return status;
	}
	return out_finish(&o, status);
}
