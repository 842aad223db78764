/*
 * filter: whole filters on stdin, each filter's own main() compiled in
 * (renamed with -Dmain=fz_NAME, see the Makefile), so the harness runs
 * the option handling, the input layer, the checks and the writers that
 * users run.  The first byte picks the filter and its options; the rest
 * is standard input.  The exit contract (CONVENTIONS.md sections 3, 5)
 * is checked after every run, and a breach aborts:
 *   - the status is 0, 1 or 2;
 *   - what a PEM-writing filter wrote is whole blocks (a BEGIN line, its
 *     END line with the same label, nothing cut);
 *   - an all-or-nothing filter (pem-join, chain-order) wrote nothing
 *     when it exits 2.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <getopt.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"
#include "x509/keys.h"

int	fz_cert_diff(int, char **);
int	fz_cert_info(int, char **);
int	fz_cert_lint(int, char **);
int	fz_chain_order(int, char **);
int	fz_csr_check(int, char **);
int	fz_der2pem(int, char **);
int	fz_key_match(int, char **);
int	fz_pem_join(int, char **);
int	fz_pem_split(int, char **);
int	fz_pem2der(int, char **);

#define PEM_OUT	0x1	/* writes PEM blocks */
#define WHOLE	0x2	/* writes nothing on exit 2 */

static const struct run {
	int		(*main)(int, char **);
	int		 flags;
	const char	*argv[8];
} runs[] = {
	{ fz_pem_split,	PEM_OUT, { "pem-split", NULL } },
	{ fz_pem_split,	PEM_OUT, { "pem-split", "-c", NULL } },
	{ fz_pem_split,	PEM_OUT, { "pem-split", "-s", "-t", "cert", NULL } },
	{ fz_pem_split,	0, { "pem-split", "-D", "-n", "2", NULL } },
	{ fz_pem_join,	PEM_OUT | WHOLE, { "pem-join", NULL } },
	{ fz_pem_join,	PEM_OUT | WHOLE, { "pem-join", "-c", "-k", NULL } },
	{ fz_pem_join,	PEM_OUT | WHOLE, { "pem-join", "-K", NULL } },
	{ fz_der2pem,	PEM_OUT, { "der2pem", NULL } },
	{ fz_der2pem,	PEM_OUT, { "der2pem", "-c", "-t", "PRIVATE KEY", NULL } },
	{ fz_pem2der,	0, { "pem2der", NULL } },
	{ fz_pem2der,	0, { "pem2der", "-t", "key", NULL } },
	{ fz_cert_info,	0, { "cert-info", NULL } },
	{ fz_cert_info,	0, { "cert-info", "--json", "-c", NULL } },
	{ fz_cert_info,	0, { "cert-info", "-f", "%{subject.CN} %{notAfter} "
	    "%{dns}", "-e", "30d", "--at", "2030-01-01", NULL } },
	{ fz_cert_info,	0, { "cert-info", "-H", "www.example.com", "-m",
	    "a@example.com", NULL } },
	/* CRLs, OpenMetrics, the TLSA and CRL fields of -f */
	{ fz_cert_info,	0, { "cert-info", "-f", "openmetrics", "-e", "1d",
	    NULL } },
	{ fz_cert_info,	0, { "cert-info", "-f", "%{type} %{tlsa.3.1.1} "
	    "%{tlsa.2.0.2} %{crl_number} %{next_update} %{revoked} "
	    "%{issuer.CN}", NULL } },
	{ fz_cert_lint,	0, { "cert-lint", NULL } },
	{ fz_cert_lint,	0, { "cert-lint", "--json", "-s", "-p", "root", NULL } },
	{ fz_csr_check,	0, { "csr-check", NULL } },
	{ fz_csr_check,	0, { "csr-check", "--json", "-P", "smime", NULL } },
	{ fz_csr_check,	0, { "csr-check", "-a", "-H", "www.example.com", "-r",
	    "C,O,CN", NULL } },
	{ fz_key_match,	0, { "key-match", NULL } },
	{ fz_key_match,	PEM_OUT, { "key-match", "--find", NULL } },
	{ fz_key_match,	0, { "key-match", "--json", NULL } },
	{ fz_chain_order, PEM_OUT | WHOLE, { "chain-order", NULL } },
	{ fz_chain_order, PEM_OUT | WHOLE, { "chain-order", "-r", "-p", NULL } },
	{ fz_chain_order, WHOLE, { "chain-order", "--json", "-s", NULL } },
	{ fz_chain_order, 0, { "chain-order", "-y", "--at", "2030-01-01",
	    "-C", "/dev/null", NULL } },
	/* the input against a fixture (fuzz/smoke runs from the top of the
	 * tree), each way round */
	{ fz_cert_diff,	0, { "cert-diff", "tests/fixtures/leaf.pem", "-",
	    NULL } },
	{ fz_cert_diff,	0, { "cert-diff", "--json", "-k", "-",
	    "tests/fixtures/chain.pem", NULL } },
};

/* Are buf[0..n) whole PEM blocks (RFC 7468 section 2), nothing cut? */
static int
whole_blocks(const char *buf, size_t n)
{
	const char *p = buf, *e = buf + n, *nl;
	char label[80];
	int in = 0;
	size_t ll;

	if (n > 0 && buf[n - 1] != '\n')
		return 0;
	for (; p < e; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(e - p));
		ll = (size_t)(nl - p);
		if (!in && ll > 16 && memcmp(p, "-----BEGIN ", 11) == 0) {
			if (ll - 16 >= sizeof(label))
				return 0;
			memcpy(label, p + 11, ll - 16);
			label[ll - 16] = '\0';
			in = 1;
		} else if (in && ll > 14 && memcmp(p, "-----END ", 9) == 0) {
			if (ll - 14 != strlen(label) ||
			    memcmp(p + 9, label, ll - 14) != 0)
				return 0;
			in = 0;
		} else if (!in)
			return 0;	/* text between blocks */
	}
	return !in;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *out;
	static int devnull = -1;
	const struct run *r;
	char *argv[8], *buf;
	struct stat st;
	int argc, rc, save0, save1, save2;

	if (size < 1)
		return 0;
	if (out == NULL && (out = tmpfile()) == NULL)
		abort();
	if (devnull == -1 && (devnull = open("/dev/null", O_WRONLY)) == -1)
		abort();
	r = &runs[data[0] % (sizeof(runs) / sizeof(runs[0]))];
	for (argc = 0; r->argv[argc] != NULL; argc++)
		argv[argc] = (char *)r->argv[argc];
	argv[argc] = NULL;
	if (ftruncate(fileno(out), 0) != 0 || lseek(fileno(out), 0,
	    SEEK_SET) != 0)
		abort();
	save0 = dup(0);
	save1 = dup(1);
	save2 = dup(2);
	dup2(fuzz_fd(data + 1, size - 1), 0);
	dup2(fileno(out), 1);
	dup2(devnull, 2);
	optind = 0;		/* glibc: start getopt afresh */
	diag_verbose = 0;
	key_max_iter = KEY_MAX_ITER;
	rc = r->main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(save0, 0);
	dup2(save1, 1);
	dup2(save2, 2);
	close(save0);
	close(save1);
	close(save2);
	if (rc < 0 || rc > 2)
		abort();	/* exit status outside 0, 1, 2 */
	if (fstat(fileno(out), &st) != 0)
		abort();
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL || pread(fileno(out), buf, (size_t)st.st_size, 0) !=
	    st.st_size)
		abort();
	if ((r->flags & WHOLE) && rc == 2 && st.st_size != 0)
		abort();	/* all-or-nothing filter wrote on trouble */
	if ((r->flags & PEM_OUT) && !whole_blocks(buf, (size_t)st.st_size))
		abort();	/* half a block, or text between blocks */
	free(buf);
	return 0;
}
