/*
 * pem-join: join the blocks of all inputs, in order, into one canonical
 * PEM stream; exact duplicates are dropped; private keys can be moved to
 * the front or the back.  Nothing is written unless every block is good.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "base/ossl.h"
#include "x509/keys.h"
#include "read/opt.h"
#include "read/pem.h"
#include "x509/x509info.h"

static const struct opt_def defs[] = {
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'K', .name = "key-last",
	    .help = "private keys last (HAProxy), checked" },
	{ .ch = 'N', .name = "no-check",
	    .help = "with -k or -K: do not check the bundle" },
	{ .ch = 'R', .name = "pkcs1",
	    .help = "keys as RSA/EC PRIVATE KEY (Kerio)" },
	{ .ch = 'd', .name = "decrypt",
	    .help = "write encrypted keys decrypted (needs -w)" },
	{ .ch = 'k', .name = "key-first",
	    .help = "private keys first (IceWarp), checked" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "pem-join",
	.operands = "[file ...]",
	.defs = defs,
};

/* A block kept until everything has been read and checked. */
struct kept {
	char		*label;
	char		*hdr;
	size_t		 hdrlen;
	unsigned char	*der;
	size_t		 derlen;
	unsigned char	 md[32];
	int		 secret;
	int		 key;		/* a private key */
	int		 encrypted;	/* PKCS#8 or RFC 1421 encryption */
	int		 drop;		/* a root left out by -k/-K */
	enum pem_kind	 kind;
	const char	*src;
	unsigned long	 line, index;
};

static int
same(const struct kept *a, const struct kept *b)
{
	return a->derlen == b->derlen && memcmp(a->md, b->md, 32) == 0 &&
	    memcmp(a->der, b->der, a->derlen) == 0;
}

/* Write the kept blocks whose secret flag is pass (or all, pass < 0). */
static int
emit(struct out *o, struct kept *k, size_t n, int pass)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if ((pass >= 0 && k[i].secret != pass) || k[i].drop)
			continue;
		if (k[i].secret)
			out_secret(o);
		rc = pem_write(o, k[i].label, k[i].hdr, k[i].hdrlen, k[i].der,
		    k[i].derlen);
	}
	return rc;
}

/* Is b a private key, by kind or by label (OPENSSH PRIVATE KEY)? */
static int
is_key(const struct pem_block *b)
{
	return strcmp(pem_block_type(b), "key") == 0;
}

/*
 * --decrypt and --pkcs1: the key of b decoded (with pass) and written
 * again by OpenSSL (keys.h key_encode) into nk: PKCS#8, or the type's
 * traditional form.  Returns 0, or EX_TROUBLE after a message.
 */
static int
convert(struct kept *nk, const struct pem_block *b, const char *pass,
    int pkcs1)
{
	unsigned char *der;
	size_t len;
	const char *label;

	if (!key_rewrite(b, pass, pkcs1, &der, &len, &label))
		return EX_TROUBLE;
	nk->der = xmalloc(len);
	memcpy(nk->der, der, len);
	nk->derlen = len;
	OPENSSL_clear_free(der, len);
	nk->label = xstrdup(label);
	nk->kind = pkcs1 ? (strcmp(label, "RSA PRIVATE KEY") == 0 ?
	    PK_RSA_KEY : strcmp(label, "EC PRIVATE KEY") == 0 ? PK_EC_KEY :
	    PK_DSA_KEY) : PK_PKCS8;
	nk->encrypted = 0;
	return 0;
}

/* The certificate of kept block c, decoded (the caller frees), or NULL. */
static X509 *
kept_x509(const struct kept *c)
{
	const unsigned char *p = c->der;
	X509 *x;

	if ((x = d2i_X509(NULL, &p, (long)c->derlen)) == NULL)
		ERR_clear_error();
	return x;
}

/*
 * -k/-K: a self-signed CA certificate is a root, which a server does not
 * send (RFC 8446 section 4.4.2, RFC 5246 section 7.4.2: it may be left
 * out; the client has it): dropped, with a warning as chain-order's.
 * Each other certificate that is no CA (RFC 5280 section 4.2.1.9) and
 * not version 1 is an end-entity one: its index into ee[], their count
 * returned.
 */
static size_t
sort_certs(struct kept *k, size_t n, size_t *ee)
{
	size_t i, nee = 0;
	X509 *x;
	char *s;
	int v1;

	for (i = 0; i < n; i++) {
		if (k[i].kind != PK_CERT || (x = kept_x509(&k[i])) == NULL)
			continue;
		/* a version 1 certificate has no basicConstraints: CA or
		 * leaf is not known, and only a self-signed one is a root */
		v1 = X509_get_version(x) == X509_VERSION_1;
		if ((ossl_is_ca(x) || v1) && X509_self_signed(x, 1) == 1) {
			s = x509info_name_str(X509_get_subject_name(x));
			diag_warn(NULL, 0, "the root %s:%lu (%s) is left out: "
			    "a server does not send it", k[i].src, k[i].line,
			    s ? s : "-");
			free(s);
			k[i].drop = 1;
		} else if (!ossl_is_ca(x) && !v1)
			ee[nee++] = i;
		ERR_clear_error();
		X509_free(x);
	}
	return nee;
}

/*
 * Two end-entity certificates in a server's file: the old one left in
 * at renewal.  Name each that is not of the private key pk (or each
 * after the first when none is); returns EX_NO.
 */
static int
second_leaf(const struct kept *k, const size_t *ee, size_t nee,
    EVP_PKEY *pk)
{
	size_t i, mine = (size_t)-1;
	X509 *x;
	char *s;

	for (i = 0; pk != NULL && i < nee && mine == (size_t)-1; i++)
		if ((x = kept_x509(&k[ee[i]])) != NULL) {
			if (key_same(pk, X509_get0_pubkey(x)))
				mine = i;
			X509_free(x);
		}
	for (i = 0; i < nee; i++) {
		if (i == (mine == (size_t)-1 ? 0 : mine) ||
		    (x = kept_x509(&k[ee[i]])) == NULL)
			continue;
		s = x509info_name_str(X509_get_subject_name(x));
		diag_no(k[ee[i]].src, k[ee[i]].line, "a second end-entity "
		    "certificate (%s)%s: a server's file holds one leaf: the "
		    "old certificate left in at renewal?", s ? s : "-",
		    mine == (size_t)-1 ? "" : ", not of the private key");
		free(s);
		X509_free(x);
	}
	ERR_clear_error();
	return EX_NO;
}

/*
 * -k/-K build the file a server loads (IceWarp, HAProxy, Kerio,
 * Postfix): exactly one private key, not encrypted (none of them can
 * load an encrypted one), one end-entity certificate, the key of the
 * first certificate; a root is left out (sort_certs).  Returns EX_YES,
 * or EX_NO after a message naming the files.
 */
static int
check_bundle(struct kept *k, size_t n)
{
	const struct kept *key = NULL, *cert = NULL;
	struct pem_block tb;
	const unsigned char *p;
	EVP_PKEY *pk = NULL;
	X509 *x = NULL;
	char *cn = NULL;
	size_t i, nkeys = 0, *ee, nee;
	int status = EX_NO;

	ee = xmalloc((n + 1) * sizeof(*ee));
	nee = sort_certs(k, n, ee);
	for (i = 0; i < n; i++) {
		if (k[i].key && nkeys++ == 0)
			key = &k[i];
		else if (k[i].key)
			diag_no(k[i].src, k[i].line, "a second private key "
			    "(the first at %s:%lu): a server's file holds "
			    "exactly one", key->src, key->line);
		if (k[i].kind == PK_CERT && cert == NULL && !k[i].drop)
			cert = &k[i];
	}
	if (nkeys != 1) {
		if (nkeys == 0)
			diag_no(NULL, 0, "no private key in the input: -k and "
			    "-K build a file of a key and its certificates");
		goto out;
	}
	if (key->encrypted) {
		diag_no(key->src, key->line, "the private key is "
		    "encrypted, and IceWarp, HAProxy, Kerio and Postfix "
		    "cannot load an encrypted key: give --decrypt with "
		    "--passin, or --no-check");
		goto out;
	}
	if (cert == NULL) {
		diag_no(NULL, 0, "no certificate in the input to go "
		    "with the private key (%s:%lu)", key->src, key->line);
		goto out;
	}
	memset(&tb, 0, sizeof(tb));
	tb.src = key->src;
	tb.line = key->line;
	tb.kind = key->kind;
	tb.inlabel = tb.label = key->label;
	tb.der = key->der;
	tb.derlen = key->derlen;
	p = cert->der;
	if (key->kind == PK_OTHER) {
		diag_note(key->src, key->line, "\"%s\" key not compared with "
		    "the certificate", key->label);
		status = nee > 1 ? second_leaf(k, ee, nee, NULL) : EX_YES;
		goto out;
	}
	if ((pk = key_private(&tb, NULL)) != NULL && nee > 1) {
		status = second_leaf(k, ee, nee, pk);
		goto out;
	}
	if (pk == NULL ||
	    (x = d2i_X509(NULL, &p, (long)cert->derlen)) == NULL ||
	    X509_get0_pubkey(x) == NULL) {
		if (pk != NULL)
			diag_err(cert->src, cert->line, "the first "
			    "certificate does not decode");
		status = EX_TROUBLE;
		goto out;
	}
	if (key_same(pk, X509_get0_pubkey(x))) {
		status = EX_YES;
		goto out;
	}
	cn = ossl_name_entry(X509_get_subject_name(x), "CN");
	diag_no(key->src, key->line, "the private key is not the key of the "
	    "first certificate (%s:%lu, CN=%s): a renewal's new certificate "
	    "with the old key?", cert->src, cert->line, cn ? cn : "-");
out:
	free(ee);
	free(cn);
	X509_free(x);
	EVP_PKEY_free(pk);
	return status;
}

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct out o;
	struct kept *k = NULL, *nk;
	size_t n = 0, cap = 0, i, h, hcap = 0, *hash = NULL;
	struct opts op = { .flags = 0 };
	char *pass = NULL;
	int ch, keyfirst = 0, keylast = 0, status = EX_YES, dup;
	int decrypt = 0, nocheck = 0, pkcs1 = 0;

	diag_init(argv[0]);
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case 'K':
			keylast = 1;
			break;
		case 'N':
			nocheck = 1;
			break;
		case 'R':
			pkcs1 = 1;
			break;
		case 'd':
			decrypt = 1;
			break;
		case 'k':
			keyfirst = 1;
			break;
		}
	}
	opt_end(&op, &argc, &argv);
	if (keyfirst && keylast) {
		diag_err(NULL, 0, "-k and -K exclude each other");
		opt_usage(EX_TROUBLE);
	}
	opt_needs_passin(decrypt, &op, "--decrypt", opt_usage);

	pem_input_init(&in, argv, argc, op.flags);
	if (p12_passin(&in, op.passin, &pass) != 0)
		return EX_TROUBLE;
	while (pem_input_next(&in, &b)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			nk = xmalloc(cap * sizeof(*k));
			if (n > 0)
				memcpy(nk, k, n * sizeof(*k));
			free(k);
			k = nk;
		}
		nk = &k[n];
		memset(nk, 0, sizeof(*nk));
		nk->der = (unsigned char *)b.der;	/* compared, not kept */
		nk->derlen = b.derlen;
		if (!ossl_sha256(b.der, b.derlen, nk->md)) {
			status = diag_err(b.src, b.line, "SHA-256 failed");
			continue;
		}
		/* open-addressing index of the SHA-256 values seen */
		if (hcap < 2 * (n + 1)) {
			free(hash);
			hcap = hcap ? hcap * 4 : 64;
			hash = xmalloc(hcap * sizeof(*hash));
			for (h = 0; h < hcap; h++)
				hash[h] = (size_t)-1;
			for (i = 0; i < n; i++) {
				memcpy(&h, k[i].md, sizeof(h));
				for (h &= hcap - 1; hash[h] != (size_t)-1;)
					h = (h + 1) & (hcap - 1);
				hash[h] = i;
			}
		}
		memcpy(&h, nk->md, sizeof(h));
		for (dup = 0, h &= hcap - 1; hash[h] != (size_t)-1;
		    h = (h + 1) & (hcap - 1))
			if (same(&k[hash[h]], nk)) {
				dup = 1;
				break;
			}
		if (dup) {
			diag_note(b.src, b.line, "duplicate of block %lu "
			    "(%s:%lu) dropped", k[hash[h]].index,
			    k[hash[h]].src, k[hash[h]].line);
			continue;
		}
		nk->kind = b.kind;
		nk->key = is_key(&b);
		nk->encrypted = b.kind == PK_PKCS8_ENC || b.encrypted;
		nk->secret = pem_block_secret(&b);
		if (nk->key && b.kind != PK_OTHER && ((decrypt &&
		    nk->encrypted) || pkcs1)) {
			if (convert(nk, &b, pass, pkcs1) != 0) {
				status = EX_TROUBLE;
				nk->der = NULL;
				continue;
			}
		} else {
			nk->der = xmalloc(b.derlen);
			memcpy(nk->der, b.der, b.derlen);
			nk->label = xstrdup(b.label);
			if (b.hdr != NULL) {
				nk->hdr = xmalloc(b.hdrlen);
				memcpy(nk->hdr, b.hdr, b.hdrlen);
				nk->hdrlen = b.hdrlen;
			}
		}
		hash[h] = n;
		nk->src = b.src;
		nk->line = b.line;
		nk->index = b.index;
		n++;
	}
	status = ex_worst(status, pem_input_end(&in));
	if (status == EX_YES && (keyfirst || keylast) && !nocheck)
		status = check_bundle(k, n);
	pass_free(pass);

	if (status == EX_YES && out_open(&o, op.ofile, OUT_HOLD) == 0) {
		if (keyfirst)
			status = emit(&o, k, n, 1) || emit(&o, k, n, 0);
		else if (keylast)
			status = emit(&o, k, n, 0) || emit(&o, k, n, 1);
		else
			status = emit(&o, k, n, -1);
		if (status != EX_YES) {
			out_abort(&o);
			status = EX_TROUBLE;
		} else
			status = out_close(&o);
	} else if (status == EX_YES)
		status = EX_TROUBLE;
	/* nothing is written unless the bundle is good: exit 1 too */
	for (i = 0; i < n; i++) {
		if (k[i].secret)
			OPENSSL_cleanse(k[i].der, k[i].derlen);
		free(k[i].der);
		free(k[i].label);
		free(k[i].hdr);
	}
	free(k);
	free(hash);
	return status;
}
