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

#include "diag.h"
#include "input.h"
#include "io.h"
#include "ossl.h"
#include "keys.h"
#include "opt.h"
#include "pem.h"

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: pem-join [-cKksv] [-I N] [-o FILE] [-w SOURCE] [file ...]\n");
	exit(status);
}

static const struct option longopts[] = {
	OPT_COMMON_LONG,
	OPT_PASSIN_LONG,
	{ "key-last",	no_argument,		NULL, 'K' },
	{ "key-first",	no_argument,		NULL, 'k' },
	{ NULL,		0,			NULL, 0 }
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
		if (pass >= 0 && k[i].secret != pass)
			continue;
		if (k[i].secret)
			out_secret(o);
		rc = pem_write(o, k[i].label, k[i].hdr, k[i].hdrlen, k[i].der,
		    k[i].derlen);
	}
	return rc;
}

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct out o;
	struct kept *k = NULL, *nk;
	size_t n = 0, cap = 0, i, h, hcap = 0, *hash = NULL;
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	char *pass = NULL;
	int ch, keyfirst = 0, keylast = 0, status = EX_YES, dup;

	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "I:KVchko:svw:", longopts,
	    NULL)) != -1) {
		if (opt_common(ch, optarg, &op, usage))
			continue;
		switch (ch) {
		case 'K':
			keylast = 1;
			break;
		case 'k':
			keyfirst = 1;
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	if (op.max_iter != 0)
		key_max_iter = op.max_iter;
	argc -= optind;
	argv += optind;
	if (keyfirst && keylast) {
		diag_err(NULL, 0, "-k and -K exclude each other");
		usage(EX_TROUBLE);
	}

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
		hash[h] = n;
		nk->der = xmalloc(b.derlen);
		memcpy(nk->der, b.der, b.derlen);
		nk->label = xstrdup(b.label);
		if (b.hdr != NULL) {
			nk->hdr = xmalloc(b.hdrlen);
			memcpy(nk->hdr, b.hdr, b.hdrlen);
			nk->hdrlen = b.hdrlen;
		}
		nk->secret = pem_block_secret(&b);
		nk->src = b.src;
		nk->line = b.line;
		nk->index = b.index;
		n++;
	}
	status = ex_worst(status, pem_input_end(&in));
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
