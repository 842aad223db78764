/*
 * csr-new: make a private key and a certificate request (RFC 2986) that
 * passes csr-check under the chosen profile: the policy csr-check runs
 * (common/check/csrpolicy.c) judges the request before anything is written.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/objects.h>
#include <openssl/x509.h>

#include "check/csrpolicy.h"
#include "base/diag.h"
#include "base/io.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "read/opt.h"
#include "check/reqnew.h"
#include "out/reqout.h"
#include "x509/x509info.h"

static const struct opt_def defs[] = {
	OPTDEF_SHARED('s', "strict", NULL, "warnings exit 1"),
	OPTDEF_VERSION,		/* no -c: csr-new reads no blocks */
	OPTDEF_HELP,
	OPTDEF_OUTPUT,
	OPTDEF_VERBOSE,
	OPTDEF_KEYS,
	{ .ch = 'C', .name = "country", .arg = "CC",
	    .help = "countryName, two letters: HU" },
	{ .ch = 'D', .name = "subject", .arg = "DN",
	    .help = "the whole subject: 'CN=mail.example.hu,O=Example,C=HU'" },
	{ .ch = 'H', .name = "host", .arg = "NAME",
	    .help = "a DNS name or IP address for the subjectAltName" },
	{ .ch = 'K', .name = "not-key", .arg = "FILE",
	    .help = "exit 1 if the key is FILE's (repeatable)" },
	{ .ch = 'L', .name = "locality", .arg = "CITY",
	    .help = "localityName" },
	{ .ch = 'N', .name = "common-name", .arg = "NAME",
	    .help = "commonName (default: the first -H)" },
	{ .ch = 'O', .name = "org", .arg = "ORG", .help = "organizationName" },
	{ .ch = 'P', .name = "profile", .arg = "PROFILE",
	    .help = "tls (default) or smime" },
	{ .ch = 'S', .name = "require-san",
	    .help = "a request without subjectAltName is refused" },
	{ .ch = 'T', .name = "state", .arg = "STATE",
	    .help = "stateOrProvinceName" },
	{ .ch = 'U', .name = "org-unit", .arg = "UNIT",
	    .help = "organizationalUnitName" },
	{ .ch = 'a', .name = "ascii",
	    .help = "printable ASCII only: a CSR in English" },
	{ .ch = 'b', .name = "min-rsa-bits", .arg = "BITS",
	    .help = "least RSA key size (2048)" },
	{ .ch = 'f', .name = "force",
	    .help = "replace an existing --keyout file" },
	{ .ch = 'j', .name = "json",
	    .help = "NDJSON on stdout (the request goes to -o)" },
	{ .ch = 'k', .name = "key-type", .arg = "TYPE",
	    .help = "rsa, rsa:3072, rsa:4096, ec, ec:P-384, ed25519" },
	{ .ch = 'm', .name = "email", .arg = "ADDR",
	    .help = "an e-mail address for the subjectAltName" },
	{ .ch = 'p', .name = "passout", .arg = "SOURCE",
	    .help = "encrypt the new key (PKCS#8, AES-256)" },
	{ .ch = 'r', .name = "require", .arg = "FIELDS",
	    .help = "subject attributes required: C,O,CN" },
	{ .ch = 'u', .name = "key", .arg = "FILE",
	    .help = "use FILE's private key, not a new one" },
	{ .ch = 'x', .name = "keyout", .arg = "FILE",
	    .help = "write the new private key to FILE (mode 0600)" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "csr-new",
	.operands = "",
	.defs = defs,
};

/* The wizard fields, in the order a subject lists them (first RDN
 * first), as the CAs' forms and openssl req's prompts ask for them. */
static const struct { int ch, nid; const char *opt; } fields[] = {
	{ 'C', NID_countryName, "country" },
	{ 'T', NID_stateOrProvinceName, "state" },
	{ 'L', NID_localityName, "locality" },
	{ 'O', NID_organizationName, "org" },
	{ 'U', NID_organizationalUnitName, "org-unit" },
	{ 'N', NID_commonName, "common-name" },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

struct req {
	struct csr_policy pol;
	const char	*subject;	/* -D */
	const char	*field[NFIELDS];
	struct keyspec	 ks;
	const char	*keyfile;	/* -u */
	const char	*keyout;	/* -x */
	const char	*passout;	/* -p */
	int		 force, json;
};

/* The subject from -D or the wizard fields, with the CN defaulting to
 * the first host name (or, for S/MIME, the first address). */
static X509_NAME *
subject(const struct req *r)
{
	const struct csr_policy *pol = &r->pol;
	X509_NAME *nm;
	const char *err = NULL, *cn;
	size_t i;

	if (r->subject != NULL) {
		if ((nm = dn_parse(r->subject, &err)) == NULL)
			diag_err(NULL, 0, "--subject: %s", err);
	} else if ((nm = X509_NAME_new()) != NULL)
		for (i = 0; i < NFIELDS; i++)
			if (r->field[i] != NULL && !dn_add(nm, fields[i].nid,
			    r->field[i], 0)) {
				diag_err(NULL, 0, "--%s: OpenSSL cannot encode "
				    "it (not UTF-8?)", fields[i].opt);
				X509_NAME_free(nm);
				return NULL;
			}
	cn = pol->nhosts > 0 ? pol->hosts[0] : pol->nemails > 0 ?
	    pol->emails[0] : NULL;
	if (nm != NULL && !dn_default_cn(nm, cn)) {
		X509_NAME_free(nm);
		return NULL;
	}
	return nm;
}

/* Make, judge and write; the exit status. */
static int
run(struct req *r, const char *ofile, int strict, const char *pass)
{
	X509_NAME *nm = NULL;
	EVP_PKEY *pk = NULL;
	X509_REQ *req = NULL;
	struct csr_review rv;
	struct out ko, co;
	unsigned char *der = NULL;
	const char *err;
	char *cn = NULL;
	unsigned char ip[16];
	size_t i;
	int len, status = EX_TROUBLE;

	memset(&rv, 0, sizeof(rv));
	if ((nm = subject(r)) == NULL)
		goto out;
	/* a TLS certificate names its host in the subjectAltName (Baseline
	 * Requirements 7.1.2.7.12): the CN of --subject goes there too */
	if (!r->pol.smime && r->pol.nhosts == 0 &&
	    (cn = dn_cn(nm)) != NULL && (csr_host_ok(cn, 1) ||
	    csr_ip(cn, ip) > 0)) {
		diag_note(NULL, 0, "CN=%s goes into the subjectAltName", cn);
		r->pol.hosts[r->pol.nhosts++] = cn;
	}
	if (r->keyfile != NULL && (pk = obj_file_private(r->keyfile, pass)))
		diag_warn(r->keyfile, 0, "the request reuses this key: every "
		    "CA's guide asks for a new key at each renewal");
	else if (r->keyfile == NULL)
		pk = keyspec_generate(&r->ks);
	if (pk == NULL || (req = req_build(nm, pk, r->pol.hosts, r->pol.nhosts,
	    r->pol.emails, r->pol.nemails)) == NULL)
		goto out;
	if ((err = csr_review(&r->pol, req, &rv)) != NULL) {
		diag_err(NULL, 0, "%s", err);
		goto out;
	}
	diag_note(NULL, 0, "the key's TLSA record: %s", rv.tlsa);
	for (i = 0; i < rv.f.n; i++)
		if (rv.f.v[i].sev == CSR_REJECTION)
			diag_no(NULL, 0, "%s", rv.f.v[i].text);
		else
			diag_warn(NULL, 0, "%s", rv.f.v[i].text);
	if (rv.f.nreject > 0 || (strict && (rv.f.n > 0 || r->keyfile))) {
		diag_no(NULL, 0, "nothing written: the CA would %s this "
		    "request", rv.f.nreject > 0 ? "reject" : "warn about");
		status = EX_NO;
		goto out;
	}
	if ((len = i2d_X509_REQ(req, &der)) <= 0) {
		diag_err(NULL, 0, "OpenSSL cannot encode the request");
		goto out;
	}
	/* the key first: a request is worthless without it */
	if (r->keyout != NULL && key_write_new(&ko, r->keyout, r->force, pk, r->passout) != 0)
		goto out;
	if (out_open(&co, ofile, 0) != 0 || pem_write(&co, "CERTIFICATE "
	    "REQUEST", NULL, 0, der, (size_t)len) != 0) {
		if (r->keyout != NULL)
			out_abort(&ko);
		goto out;
	}
	if (r->keyout != NULL && out_close(&ko) != 0) {
		out_abort(&co);
		goto out;
	}
	/* a request that did not reach its file makes the new key useless:
	 * it goes too, so that a rerun starts clean */
	if ((status = out_close(&co)) != EX_YES && r->keyout != NULL &&
	    unlink(r->keyout) == 0)
		diag_err(r->keyout, 0, "removed: the request was not written");
	else if (status == EX_YES && r->json)
		reqout_json(&rv, ofile, r->keyfile != NULL ? r->keyfile :
		    r->keyout, r->keyfile == NULL, r->pol.smime);
out:
	OPENSSL_free(der);
	csr_review_free(&rv);
	X509_REQ_free(req);
	EVP_PKEY_free(pk);
	X509_NAME_free(nm);
	free(cn);
	return status;
}

/* The usage errors of a command line: operands, -D with the wizard
 * fields, neither or both of -u and -x, --json without -o. */
static void
check_args(const struct req *r, const char *ofile, int argc, char *argv[])
{
	size_t k;

	if (argc > 0) {
		diag_err(NULL, 0, "%s: csr-new reads no files; the key to "
		    "reuse is --key FILE", argv[0]);
		opt_usage(EX_TROUBLE);
	}
	for (k = 0; k < NFIELDS && r->subject != NULL; k++)
		if (r->field[k] != NULL) {
			diag_err(NULL, 0, "--subject and --%s: give the "
			    "subject one way", fields[k].opt);
			opt_usage(EX_TROUBLE);
		}
	if ((r->keyfile == NULL) == (r->keyout == NULL)) {
		diag_err(NULL, 0, r->keyfile == NULL ? "csr-new makes a new "
		    "key: give --keyout FILE (or --key FILE to reuse one)" :
		    "--key and --keyout: the key is either reused or new");
		opt_usage(EX_TROUBLE);
	}
	if (r->json && (ofile == NULL || strcmp(ofile, "-") == 0)) {
		diag_err(NULL, 0, "--json writes stdout: give -o FILE for the "
		    "request");
		opt_usage(EX_TROUBLE);
	}
}

/* 1 when the new key may be written to --keyout; else 0 after a
 * message. */
static int
keyout_safe(const struct req *r, const char *ofile)
{
	struct stat st;

	/* refused before any key is made: the request would replace the
	 * new key, or the key would go through a planted link (issue 24) */
	if (r->keyout != NULL && ofile != NULL && strcmp(ofile, "-") !=
	    0 && out_same_file(r->keyout, ofile)) {
		diag_err(r->keyout, 0, "--keyout and -o name one file: the "
		    "request would replace the new key");
		return 0;
	}
	if (r->keyout != NULL && lstat(r->keyout, &st) == 0 &&
	    S_ISLNK(st.st_mode)) {
		diag_err(r->keyout, 0, "is a symbolic link: a new private key "
		    "is not written through one");
		return 0;
	}
	if (r->keyout != NULL && !r->force && lstat(r->keyout, &st) == 0) {
		diag_err(r->keyout, 0, "the file exists: it may hold a key in "
		    "use; give --force to replace it");
		return 0;
	}
	return 1;
}

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct req r;
	struct csr_policy *pol = &r.pol;
	char *pass = NULL;
	int ch, status;
	size_t k;

	diag_init(argv[0]);
	memset(&r, 0, sizeof(r));
	csr_policy_init(pol, argc);
	keyspec_parse("rsa", &r.ks);
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		if (csr_policy_opt(pol, ch, optarg, opt_usage))
			continue;
		for (k = 0; k < NFIELDS && fields[k].ch != ch; k++)
			;
		if (k < NFIELDS) {
			r.field[k] = optarg;
			continue;
		}
		switch (ch) {
		case 'D':
			r.subject = optarg;
			break;
		case 'f':
			r.force = 1;
			break;
		case 'j':
			r.json = 1;
			break;
		case 'k':
			if (!keyspec_parse(optarg, &r.ks)) {
				diag_err(NULL, 0, "--key-type %s: use rsa, "
				    "rsa:BITS, ec, ec:P-384, ec:P-521 or "
				    "ed25519", optarg);
				opt_usage(EX_TROUBLE);
			}
			break;
		case 'p':
			r.passout = optarg;
			break;
		case 'u':
			r.keyfile = optarg;
			break;
		case 'x':
			r.keyout = optarg;
			break;
		}
	}
	opt_end(&op, &argc, &argv);
	check_args(&r, op.ofile, argc, argv);
	status = EX_TROUBLE;
	if (keyout_safe(&r, op.ofile) &&
	    (op.passin == NULL || (pass = pass_get(op.passin,
	    "--passin")) != NULL) && csr_policy_load(pol, pass))
		status = run(&r, op.ofile, (op.flags & OPT_STRICT) != 0, pass);
	csr_policy_free(pol);
	pass_free(pass);
	return status;
}
