/*
 * pem2p12: a PKCS#12 (PFX) file from a private key and its certificates,
 * in any format and order: the key, the certificate of the key, then
 * its chain as chain-order orders it.  AES-256 and PBKDF2 unless
 * --legacy.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "x509/chain.h"
#include "base/diag.h"
#include "base/io.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "x509/p12trust.h"
#include "read/opt.h"
#include "base/ossl.h"
#include "read/pem.h"

static const struct opt_def defs[] = {
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'L', .name = "legacy",
	    .help = "legacy: 3DES, RC2-40, SHA-1 MAC (old Windows)" },
	{ .ch = 'N', .name = "name", .arg = "NAME",
	    .help = "friendlyName (default: the leaf's CN)" },
	{ .ch = 'T', .name = "truststore",
	    .help = "CA certificates as trusted entries, no key (Java)" },
	{ .ch = 'W', .name = "passout", .arg = "SOURCE",
	    .help = "the PFX passphrase: pass:, env:, file:, fd:" },
	{ .ch = 'r', .name = "root", .help = "include the root" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "pem2p12",
	.operands = "[file ...]",
	.defs = defs,
};

/* PKCS#12 iteration counts: OpenSSL's defaults (PKCS12_DEFAULT_ITER). */
#define P12_ITER	PKCS12_DEFAULT_ITER

/*
 * Make the PFX (RFC 7292): modern is PBES2 with PBKDF2 and AES-256-CBC
 * for key and certificates and an HMAC-SHA-256 MAC (what OpenSSL 3's
 * pkcs12 -export writes); legacy is 3DES for the key, RC2-40 for the
 * certificates and a SHA-1 MAC, for Windows before Server 2019.
 */
static PKCS12 *
make(const char *pass, const char *name, EVP_PKEY *pk, X509 *leaf,
    STACK_OF(X509) *ca, int legacy)
{
	PKCS12 *p12;
	int nk = NID_aes_256_cbc, nc = NID_aes_256_cbc;

	if (legacy) {
		if (!ossl_legacy()) {
			diag_err(NULL, 0, "--legacy needs OpenSSL's legacy "
			    "provider, which is not installed");
			return NULL;
		}
		nk = NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
		nc = NID_pbe_WithSHA1And40BitRC2_CBC;
	}
	p12 = PKCS12_create_ex(pass, name, pk, leaf, ca, nk, nc, P12_ITER,
	    -1, 0, NULL, NULL);
	if (p12 == NULL || !PKCS12_set_mac(p12, pass, -1, NULL, 0, P12_ITER,
	    legacy ? EVP_sha1() : EVP_sha256())) {
		PKCS12_free(p12);
		diag_err(NULL, 0, "OpenSSL could not make the PKCS#12 file");
		return NULL;
	}
	return p12;
}

/*
 * The input's certificates into pool, its one private key into *pk (a
 * reference the caller frees).  Returns EX_YES, or the exit class after
 * a message.
 */
static int
gather(struct chain_pool *pool, EVP_PKEY **pk, char **files, int nfiles,
    unsigned flags, const char *pass, int need_key)
{
	struct obj_input oi;
	struct obj o;
	int status = EX_YES;

	obj_input_init(&oi, files, nfiles, flags, OBJ_LAZY, pass);
	while (obj_next(&oi, &o)) {
		if (o.kind == PK_CERT) {
			if (chain_add(pool, o.der, o.derlen, o.src, o.line,
			    o.index, o.member, 0) < 0)
				status = EX_TROUBLE;
		} else if (o.priv && *pk == NULL) {
			EVP_PKEY_up_ref(o.pk);
			*pk = o.pk;
		} else if (o.priv) {
			status = diag_err(o.src, o.line, "a second private "
			    "key: pem2p12 takes one");
		} else
			diag_note(o.src, o.line, "%s skipped", o.type);
	}
	status = ex_worst(status, obj_input_end(&oi));
	if (status != EX_TROUBLE && *pk == NULL && need_key)
		status = diag_err(NULL, 0, "no private key in the input");
	return status;
}

/*
 * The certificate of pk in pool (*leaf) and the CA certificates of its
 * chain into *ca (the root only with root); the others left out with a
 * note.  Returns EX_YES, EX_NO when no certificate carries the key, or
 * EX_TROUBLE when no chain could be chosen (p->capped: chain_capped).
 */
static int
key_chain(struct chain_pool *pool, EVP_PKEY *pk, int root, size_t *leaf,
    STACK_OF(X509) **ca)
{
	size_t i, *ch, n = 0, nout;
	enum chain_end end;
	char *cn, loc[512];
	X509 *x;

	for (i = 0; i < pool->n && *leaf == (size_t)-1; i++)
		if ((x = chain_x509(pool, i)) != NULL &&
		    X509_get0_pubkey(x) != NULL &&
		    key_same(X509_get0_pubkey(x), pk))
			*leaf = i;
	if (*leaf == (size_t)-1)
		return diag_no(NULL, 0, "no certificate in the input carries "
		    "the private key");
	ch = chain_build(pool, *leaf, &n, &end);
	if (pool->capped) {	/* no chain was chosen: not a leaf-only PFX */
		free(ch);
		return chain_capped(pool);
	}
	nout = n;
	if (end != CHAIN_MISSING && !root && n > 1 &&
	    chain_self_signed(pool, ch[n - 1]))
		nout = n - 1;
	if (end == CHAIN_MISSING)
		diag_note(NULL, 0, "the chain stops at %s: its issuer is not "
		    "in the input", CHAIN_WHERE(&pool->c[ch[n - 1]], loc));
	for (i = 0; i < pool->n; i++)
		if (!pool->c[i].onchain)
			diag_note(NULL, 0, "%s: certificate not on the chain "
			    "of the key: left out", CHAIN_WHERE(&pool->c[i],
			    loc));
	/* a friendlyName for every CA certificate (its CN), since Java's
	 * KeyStore.aliases() skips a CA certificate without one; no
	 * localKeyID on them, which only the leaf and its key share (PKCS#9
	 * section 5.5.1: Apple refuses a file where every bag has one).
	 * PKCS12_add_cert(3) copies X509_alias_set1's name into the bag. */
	*ca = sk_X509_new_null();
	for (i = 1; i < nout; i++) {
		x = chain_x509(pool, ch[i]);
		if ((cn = ossl_name_entry(X509_get_subject_name(x), "CN")) !=
		    NULL && !X509_alias_get0(x, NULL))
			X509_alias_set1(x, (unsigned char *)cn, -1);
		free(cn);
		X509_keyid_set1(x, NULL, 0);
		sk_X509_push(*ca, x);
	}
	free(ch);
	return EX_YES;
}

/*
 * --truststore: the CA certificates of the pool, in input order, as
 * Java's trusted-certificate entries (x509/p12trust.h); any other is
 * left out with a warning, as is a private key (has_key).  Returns the
 * PKCS12, or NULL with *status set after a message.
 */
static PKCS12 *
truststore(struct chain_pool *pool, int has_key, const char *pass,
    int legacy, int *status)
{
	STACK_OF(X509) *ca = sk_X509_new_null();
	PKCS12 *p12 = NULL;
	X509 *x;
	size_t i;
	char loc[512];

	*status = EX_TROUBLE;
	if (has_key)
		diag_warn(NULL, 0, "the private key is left out: a "
		    "truststore holds no key");
	for (i = 0; ca != NULL && i < pool->n; i++) {
		if ((x = chain_x509(pool, i)) == NULL)
			goto out;
		if (ossl_is_ca(x) || (X509_get_version(x) == X509_VERSION_1 &&
		    X509_self_signed(x, 0) == 1))
			sk_X509_push(ca, x);
		else
			diag_warn(NULL, 0, "%s: not a CA certificate: left "
			    "out of the truststore", CHAIN_WHERE(&pool->c[i],
			    loc));
		ERR_clear_error();
	}
	if (sk_X509_num(ca) <= 0) {
		*status = diag_no(NULL, 0, "no CA certificate in the input "
		    "for the truststore");
		goto out;
	}
	if (legacy && !ossl_legacy()) {
		diag_err(NULL, 0, "--legacy needs OpenSSL's legacy provider, "
		    "which is not installed");
		goto out;
	}
	if ((p12 = p12_truststore(ca, pass, legacy ?
	    NID_pbe_WithSHA1And40BitRC2_CBC : NID_aes_256_cbc, P12_ITER,
	    legacy ? EVP_sha1() : EVP_sha256())) != NULL)
		*status = EX_YES;
out:
	sk_X509_free(ca);
	return p12;
}

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct chain_pool pool;
	struct out out;
	EVP_PKEY *pk = NULL;
	STACK_OF(X509) *ca = NULL;
	PKCS12 *p12 = NULL;
	unsigned char *der = NULL;
	char *pass = NULL, *passout = NULL, *cn = NULL;
	const char *name = NULL, *passout_src = NULL;
	size_t leaf = (size_t)-1;
	int c, legacy = 0, root = 0, status = EX_YES, len, trust = 0;

	diag_init(argv[0]);
	chain_init(&pool);
	while ((c = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (c) {
		case 'L':
			legacy = 1;
			break;
		case 'N':
			name = optarg;
			break;
		case 'T':
			trust = 1;
			break;
		case 'W':
			passout_src = optarg;
			break;
		case 'r':
			root = 1;
			break;
		}
	}
	opt_end(&op, &argc, &argv);
	if (trust && name != NULL) {
		diag_err(NULL, 0, "-N names the key's entry, and a "
		    "truststore has none: each entry is named by its CN");
		opt_usage(EX_TROUBLE);
	}

	if (passout_src == NULL) {
		diag_err(NULL, 0, "give the passphrase of the PKCS#12 file "
		    "with --passout (env:VAR or file:PATH; pass: for an "
		    "empty one)");
		opt_usage(EX_TROUBLE);
	}
	if ((passout = pass_get(passout_src, "--passout")) == NULL ||
	    (op.passin != NULL && (pass = pass_get(op.passin, "--passin")) ==
	    NULL)) {
		status = EX_TROUBLE;
		goto out;
	}
	if (*passout == '\0')
		diag_warn(NULL, 0, "--passout: an empty passphrase: whoever has "
		    "the file has the key");
	if (out_open(&out, op.ofile, 0) != 0) {
		status = EX_TROUBLE;
		goto out;
	}
	out_secret(&out);
	if (out_isatty(&out)) {
		status = diag_err(NULL, 0, "a PKCS#12 file is binary: give -o "
		    "FILE or redirect standard output");
		goto done;
	}

	if ((status = gather(&pool, &pk, argv, argc, op.flags, pass,
	    !trust)) != EX_YES)
		goto done;
	if (trust) {
		if ((p12 = truststore(&pool, pk != NULL, passout, legacy,
		    &status)) == NULL)
			goto done;
	} else {
		if ((status = key_chain(&pool, pk, root, &leaf, &ca)) != EX_YES)
			goto done;
		if (name == NULL && (cn = ossl_name_entry(
		    X509_get_subject_name(chain_x509(&pool, leaf)), "CN")) !=
		    NULL)
			name = cn;
		if ((p12 = make(passout, name, pk, chain_x509(&pool, leaf), ca,
		    legacy)) == NULL) {
			status = EX_TROUBLE;
			goto done;
		}
	}
	if ((len = i2d_PKCS12(p12, &der)) <= 0) {
		status = EX_TROUBLE;
		goto done;
	}
	if (out_write(&out, der, (size_t)len) != 0)
		status = EX_TROUBLE;
	OPENSSL_free(der);
done:
	if (status != EX_YES)
		out_abort(&out);	/* nothing, not half a file */
	else
		status = out_finish(&out, status);
out:
	sk_X509_free(ca);
	PKCS12_free(p12);
	EVP_PKEY_free(pk);
	chain_free(&pool);
	free(cn);
	pass_free(pass);
	pass_free(passout);
	ERR_clear_error();
	return status;
}
