/*
 * pem-join: join the blocks of all inputs, in order, into one canonical
 * PEM stream; exact duplicates are dropped; private keys can be moved to
 * the front or the back.  Nothing is written unless every block is good.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "base/diag.h"
#include "check/bundle.h"
#include "x509/input.h"
#include "base/io.h"
#include "base/ossl.h"
#include "x509/keys.h"
#include "read/opt.h"
#include "read/pem.h"

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

/* The blocks kept, and an open-addressing index of their SHA-256. */
struct store {
	struct kept	*k;
	size_t		 n, cap, *hash, hcap;
};

/*
 * Keep block b in st, unless it is a duplicate of one kept (a note);
 * a key converted first with --decrypt (pass) or --pkcs1.  Returns
 * EX_YES, or EX_TROUBLE after a message.
 */
static int
keep(struct store *st, const struct pem_block *b, const char *pass,
    int decrypt, int pkcs1)
{
	struct kept *nk;
	size_t i, h;

	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->k = xrealloc(st->k, st->cap * sizeof(*st->k));
	}
	nk = &st->k[st->n];
	memset(nk, 0, sizeof(*nk));
	nk->der = (unsigned char *)b->der;	/* compared, not kept */
	nk->derlen = b->derlen;
	if (!ossl_sha256(b->der, b->derlen, nk->md))
		return diag_err(b->src, b->line, "SHA-256 failed");
	if (st->hcap < 2 * (st->n + 1)) {
		free(st->hash);
		st->hcap = st->hcap ? st->hcap * 4 : 64;
		st->hash = xmalloc(st->hcap * sizeof(*st->hash));
		for (h = 0; h < st->hcap; h++)
			st->hash[h] = (size_t)-1;
		for (i = 0; i < st->n; i++) {
			memcpy(&h, st->k[i].md, sizeof(h));
			for (h &= st->hcap - 1; st->hash[h] != (size_t)-1;)
				h = (h + 1) & (st->hcap - 1);
			st->hash[h] = i;
		}
	}
	memcpy(&h, nk->md, sizeof(h));
	for (h &= st->hcap - 1; st->hash[h] != (size_t)-1;
	    h = (h + 1) & (st->hcap - 1))
		if (same(&st->k[st->hash[h]], nk)) {
			i = st->hash[h];
			diag_note(b->src, b->line, "duplicate of block %lu "
			    "(%s:%lu) dropped", st->k[i].index, st->k[i].src,
			    st->k[i].line);
			return EX_YES;
		}
	nk->kind = b->kind;
	nk->key = is_key(b);
	nk->encrypted = b->kind == PK_PKCS8_ENC || b->encrypted;
	nk->secret = pem_block_secret(b);
	if (nk->key && b->kind != PK_OTHER && ((decrypt && nk->encrypted) ||
	    pkcs1)) {
		if (convert(nk, b, pass, pkcs1) != 0)
			return EX_TROUBLE;
	} else {
		nk->der = xmalloc(b->derlen);
		memcpy(nk->der, b->der, b->derlen);
		nk->label = xstrdup(b->label);
		if (b->hdr != NULL) {
			nk->hdr = xmalloc(b->hdrlen);
			memcpy(nk->hdr, b->hdr, b->hdrlen);
			nk->hdrlen = b->hdrlen;
		}
	}
	st->hash[h] = st->n;
	nk->src = b->src;
	nk->line = b->line;
	nk->index = b->index;
	st->n++;
	return EX_YES;
}

/* All or nothing: the kept blocks, keys first (-k), last (-K) or as
 * they came. */
static int
write_all(struct store *st, const char *ofile, int keyfirst, int keylast)
{
	struct out o;
	int rc;

	if (out_open(&o, ofile, OUT_HOLD) != 0)
		return EX_TROUBLE;
	if (keyfirst)
		rc = emit(&o, st->k, st->n, 1) || emit(&o, st->k, st->n, 0);
	else if (keylast)
		rc = emit(&o, st->k, st->n, 0) || emit(&o, st->k, st->n, 1);
	else
		rc = emit(&o, st->k, st->n, -1);
	if (rc != 0) {
		out_abort(&o);
		return EX_TROUBLE;
	}
	return out_close(&o);
}

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct store st = { .n = 0 };
	struct opts op = { .flags = 0 };
	char *pass = NULL;
	size_t i;
	int ch, keyfirst = 0, keylast = 0, status = EX_YES;
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
		status = EX_TROUBLE;
	else
		while (pem_input_next(&in, &b))
			status = ex_worst(status, keep(&st, &b, pass, decrypt,
			    pkcs1));
	status = ex_worst(status, pem_input_end(&in));
	if (status == EX_YES && (keyfirst || keylast) && !nocheck)
		status = bundle_check(st.k, st.n);
	/* nothing is written unless the bundle is good: exit 1 too */
	if (status == EX_YES)
		status = write_all(&st, op.ofile, keyfirst, keylast);
	for (i = 0; i < st.n; i++) {
		if (st.k[i].secret)
			OPENSSL_cleanse(st.k[i].der, st.k[i].derlen);
		free(st.k[i].der);
		free(st.k[i].label);
		free(st.k[i].hdr);
	}
	free(st.k);
	free(st.hash);
	pass_free(pass);
	return status;
}
