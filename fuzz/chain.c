/* chain: chain-order's linking on random sets of certificates taken from
 * a seed pool (tests/fixtures: roots, intermediates, cross-signed,
 * impostor, expired, leaves), plus the input's own DER as one more
 * certificate.  Input bytes: which pool members, in which order, which
 * are trusted, then the extra DER. */
#include <string.h>

#include "fuzz.h"
#include "x509/chain.h"
#include "base/diag.h"
#include "x509/input.h"
#include "read/pem.h"

#define MAXPOOL	32

static unsigned char *pool[MAXPOOL];
static size_t poollen[MAXPOOL], npool;

static void
load(void)
{
	static const char *files[] = {
		"tests/fixtures/root.pem", "tests/fixtures/inter.pem",
		"tests/fixtures/leaf.pem", "tests/fixtures/wild.pem",
		"tests/fixtures/chains/i1.pem", "tests/fixtures/chains/i2.pem",
		"tests/fixtures/chains/i2-cross.pem",
		"tests/fixtures/chains/i2-fake.pem",
		"tests/fixtures/chains/i2-expired.pem",
		"tests/fixtures/chains/leaf.pem",
		"tests/fixtures/chains/mail.pem",
		"tests/fixtures/chains/root2.pem",
		"tests/fixtures/chains/stray.pem",
	};
	struct pem_input in;
	struct pem_block b;

	pem_input_init(&in, (char **)files, sizeof(files) / sizeof(*files),
	    0);
	while (npool < MAXPOOL && pem_input_next(&in, &b)) {
		pool[npool] = malloc(b.derlen);
		memcpy(pool[npool], b.der, b.derlen);
		poollen[npool++] = b.derlen;
	}
	pem_input_end(&in);
	if (npool == 0)
		abort();	/* run from the top of the tree */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chain_pool p;
	enum chain_end end;
	size_t i, n, leaf, len, *ch;

	if (npool == 0)
		load();
	if (size < 1)
		return 0;
	n = data[0] % 16;
	chain_init(&p);
	for (i = 1; i <= n && i < size; i++)
		(void)chain_add(&p, pool[data[i] % npool],
		    poollen[data[i] % npool], "pool", i, i, 0,
		    (data[i] & 0x80) != 0);
	if (i < size)
		(void)chain_add(&p, data + i, size - i, "fuzz", 0, i, 0, 0);
	if (chain_leaf(&p, (data[0] & 0x10) ? "www.example.com" : NULL,
	    &leaf) == EX_YES) {
		ch = chain_build(&p, leaf, &len, &end);
		free(ch);
	}
	chain_free(&p);
	return 0;
}
