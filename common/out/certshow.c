/* certshow.c: cert-info's work on each block; see certshow.h. */
/* MAP_ANONYMOUS (mmap(2)), not in POSIX.1-2008 */
#define _DEFAULT_SOURCE
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "base/ossl.h"
#include "check/ocsp.h"
#include "out/certshow.h"
#include "x509/crl.h"
#include "x509/input.h"
#include "x509/keys.h"
#include "x509/x509info.h"

/* Certificate x (xi its fields) of block b: --ari, shown, then -e, -H,
 * -m, --purpose. */
static int
shown(struct certshow *c, const struct pem_block *b, unsigned long member,
    X509 *x, struct x509info *xi)
{
	const struct ari_window *ari;
	struct ari_window aw;
	int status, ast;

	c->ncerts++;
	c->nleaves += !xi->ca;
	if (xi->bad_time != NULL)
		diag_warn(b->src, b->line, "its %s is malformed (RFC 5280 "
		    "section 4.1.2.5): shown as \"(malformed)\"", xi->bad_time);
	if (X509_get_extension_flags(x) & EXFLAG_INVALID)
		diag_warn(b->src, b->line, "OpenSSL marks this certificate "
		    "invalid (%s); its extensions are shown as they are",
		    ossl_cert_defect(x));
	if (revoke_on(&c->rv))
		revoke_keep(&c->rv, x, b, member);
	ari = certout_ari(&c->gate, b, xi, c->at, &aw, &ast);
	if (c->deferred)
		status = 0;	/* shown by shown_later, with the verdict */
	else if (c->metrics != NULL) {
		metrics_cert(c->metrics, b, member, x, xi);
		status = 0;
	} else if (c->format != NULL)
		status = certout_format_ari(&c->o, c->format, b, x, xi, ari);
	else {
		status = 0;
		if (c->json)
			certout_json_ari(&c->o, b, member, xi, NULL, ari);
		else
			certout_text(&c->o, b, member, xi, !c->later &&
			    c->ncerts + c->ncrls == 1);
		if (!c->json && ari != NULL)
			certout_ari_text(&c->o, ari);
	}
	if (status == 0)
		status = ex_worst(ast, certout_check(&c->gate, b, x, xi));
	ari_free(&aw);
	return status;
}

/* With --crl or --ocsp: each certificate's text or JSON, with its
 * revocation verdict, once the checks have run; then the OCSP answers. */
int
certshow_later(struct certshow *c)
{
	struct revoke_cert *v;
	struct pem_block b;
	struct x509info xi;
	size_t i;
	int status = EX_YES;

	for (i = 0; i < c->rv.n; i++) {
		v = &c->rv.v[i];
		memset(&b, 0, sizeof(b));
		b.src = v->src;
		b.line = v->line;
		b.index = v->index;
		b.kind = v->kind;
		if (x509info_get(v->x, c->at, &xi) != 0)
			status = diag_err(v->src, v->line, "cannot read the "
			    "certificate");
		else if (c->json)
			certout_json_rev(&c->o, &b, v->member, &xi,
			    &v->verdict);
		else {
			certout_text(&c->o, &b, v->member, &xi, i == 0 &&
			    c->ncrls == 0);
			certout_rev_text(&c->o, &v->verdict);
		}
		x509info_free(&xi);
	}
	ocsp_print(&c->rv, c->rv.n == 0 && c->ncrls == 0);
	return status;
}

/* A certificate of a PKCS#7 or PKCS#12 block, already decoded. */
static int
contained(struct certshow *c, const struct pem_block *b, unsigned long m,
    X509 *x)
{
	struct x509info xi;
	int status;

	if (x509info_get(x, c->at, &xi) != 0)
		status = diag_err(b->src, b->line, "cannot read the "
		    "certificate");
	else
		status = shown(c, b, m, x, &xi);
	x509info_free(&xi);
	return status;
}

/* A CRL: shown, and -e applied to its nextUpdate (RFC 5280 5.1.2.5). */
static int
crl_block(struct certshow *c, const struct pem_block *b)
{
	const unsigned char *p = b->der;
	X509_CRL *crl;
	struct crlinfo ci;
	int status = EX_YES;

	if ((crl = d2i_X509_CRL(NULL, &p, (long)b->derlen)) == NULL)
		return diag_err(b->src, b->line, "the CRL does not decode");
	if (crlinfo_get(crl, c->at, &ci) != 0)
		status = diag_err(b->src, b->line, "the CRL's times are "
		    "malformed");
	else if (c->metrics != NULL)
		metrics_crl(c->metrics, b, crl, &ci);
	else if (c->format != NULL)
		status = certout_format_crl(&c->o, c->format, b, crl, &ci);
	else if (c->json)
		crlout_json(&c->o, b, &ci);
	else
		crlout_text(&c->o, b, &ci, !c->later &&
		    c->ncerts + c->ncrls == 0);
	c->ncrls++;
	if (status == EX_YES)
		status = crl_gate(b, &ci, c->gate.within.secs);
	crlinfo_free(&ci);
	X509_CRL_free(crl);
	return status;
}

int
certshow_block(struct certshow *c, const struct pem_block *b)
{
	STACK_OF(X509) *certs = NULL;
	struct x509info xi;
	X509 *x;
	unsigned long cert1;
	int i, status = EX_YES;

	if (b->kind == PK_CERT) {
		i = x509info_der(b->der, b->derlen, c->at, c->how, &xi, &x);
		status = i == 0 ? shown(c, b, 0, x, &xi) : diag_err(b->src,
		    b->line, i < 0 ? "certificate does not decode" :
		    "cannot read the certificate");
		x509info_free(&xi);
		X509_free(x);
		return status;
	}
	if (b->kind == PK_CRL)
		return crl_block(c, b);
	if (b->kind != PK_PKCS7 && b->kind != PK_PKCS12) {
		diag_note(b->src, b->line, "%s skipped: not a certificate",
		    pem_kind_name(b->kind));
		return EX_YES;
	}
	/* members numbered as in every filter: a PKCS#12's key first */
	if (!container_open(b, c->pass, NULL, &certs, &cert1))
		return EX_TROUBLE;
	for (i = 0; i < sk_X509_num(certs); i++)
		status = ex_worst(status, contained(c, b, cert1 +
		    (unsigned long)i, sk_X509_value(certs, i)));
	if (b->kind == PK_PKCS7 && sk_X509_num(certs) <= 0)
		diag_note(b->src, b->line, "PKCS#7 block holds no "
		    "certificate");
	sk_X509_pop_free(certs, X509_free);
	return status;
}

/*
 * -f openmetrics: each file read on its own, so that its blocks are
 * numbered within it, and its pemkit_file_error sample says whether it
 * could be read in full.  Returns the worst exit class.
 */
int
certshow_files(struct certshow *c, char **files, int nfiles, unsigned flags)
{
	static char *std[] = { (char *)"-" };
	struct pem_input in;
	struct pem_block b;
	int i, st, status = EX_YES;

	if (nfiles == 0) {
		files = std;
		nfiles = 1;
	}
	for (i = 0; i < nfiles; i++) {
		st = EX_YES;
		pem_input_init(&in, files + i, 1, flags);
		while (pem_input_next(&in, &b))
			st = ex_worst(st, certshow_block(c, &b));
		st = ex_worst(st, pem_input_end(&in));
		metrics_file(c->metrics, strcmp(files[i], "-") == 0 ?
		    "<stdin>" : files[i], st == EX_TROUBLE);
		status = ex_worst(status, st);
	}
	return status;
}

/* What a later process of -J hands the first besides its output. */
struct jobres {
	unsigned long	 ncerts, nleaves, ncrls;
	int		 status;
	int		 done;		/* 1 once the above is set */
};

/* A place in the input: file f (0-based), byte off of it. */
struct jobpos {
	int		 f;
	unsigned long long off;
};

/* a before b */
static int
pos_lt(struct jobpos a, struct jobpos b)
{
	return a.f < b.f || (a.f == b.f && a.off < b.off);
}

/*
 * The blocks of the input whose first byte is at or past lo and before
 * hi shown, the others only read.  all: read to the end (the first
 * process, for the input's messages); else quietly, and only up to hi.
 * Places compare file first, so each block is shown once even when a
 * file grew since its size was taken.  Returns the worst exit class of
 * the blocks shown, and of the reading when all.
 */
static int
jobs_range(struct certshow *c, char **files, int nfiles, unsigned flags,
    struct jobpos lo, struct jobpos hi, int all)
{
	struct pem_input in;
	struct pem_block b;
	struct jobpos at;
	int got, status = EX_YES, rd;

	pem_input_init(&in, files, nfiles, flags);
	for (;;) {
		diag_quiet = !all;
		got = pem_input_next(&in, &b);
		diag_quiet = 0;
		if (!got)
			break;
		at.f = in.i - 1;
		at.off = b.offset;
		if (!pos_lt(at, hi) && !all)
			break;
		if (!pos_lt(at, lo) && pos_lt(at, hi))
			status = ex_worst(status, certshow_block(c, &b));
	}
	diag_quiet = !all;
	rd = pem_input_end(&in);
	diag_quiet = 0;
	return all ? ex_worst(status, rd) : status;
}

/* A later process: its range shown into the temporary file fd; its
 * counts and exit class into *res.  Returns its exit status: 0 once
 * all was written, else EX_TROUBLE. */
static int
jobs_child(struct certshow *c, char **files, int nfiles, unsigned flags,
    struct jobpos lo, struct jobpos hi, int fd, struct jobres *res)
{
	int status;

	out_forget(&c->o);	/* the first process's */
	out_fdopen(&c->o, fd, "<temporary file>", 0);
	c->later = 1;
	c->ncerts = c->nleaves = c->ncrls = 0;
	status = jobs_range(c, files, nfiles, flags, lo, hi, 0);
	res->ncerts = c->ncerts;
	res->nleaves = c->nleaves;
	res->ncrls = c->ncrls;
	res->status = status;
	res->done = 1;
	return out_close(&c->o) != 0 ? EX_TROUBLE : 0;
}

/* Later process k, once it ended: its output, in the temporary file fd,
 * appended to c->o (its leading blank line dropped when nothing was shown
 * before it, in text), its counts added to c's. */
static int
jobs_collect(struct certshow *c, int k, int fd, pid_t pid,
    const struct jobres *res)
{
	unsigned char first;
	off_t off = 0;
	int ws = 0, status;

	while (waitpid(pid, &ws, 0) == -1 && errno == EINTR)
		;
	if (!res->done || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
		close(fd);
		return diag_err(NULL, 0, "-J: process %d of %d ended before "
		    "its part of the input was shown", k + 1, c->jobs);
	}
	if (!c->json && c->format == NULL && c->ncerts + c->ncrls == 0 &&
	    pread(fd, &first, 1, 0) == 1 && first == '\n')
		off = 1;
	status = out_append_fd(&c->o, fd, off);
	close(fd);
	c->ncerts += res->ncerts;
	c->nleaves += res->nleaves;
	c->ncrls += res->ncrls;
	return ex_worst(status, res->status);
}

/* A new temporary file, already unlinked, in $TMPDIR or /tmp: its
 * descriptor, or -1 after a warning. */
static int
jobs_tmpfile(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/pemkit-J.XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1) {
		diag_warn(NULL, 0, "-J: cannot create a temporary file in "
		    "%s (%s): one process does the work", dir,
		    strerror(errno));
		return -1;
	}
	unlink(path);
	return fd;
}

int
certshow_jobs(struct certshow *c, char **files, int nfiles, unsigned flags)
{
	unsigned long long *size, total = 0, t;
	struct jobpos *cut;
	struct jobres *res;
	struct stat st;
	pid_t *pid;
	int *fd, i, k, n = c->jobs, started, status = EX_YES;

	if (n < 2 || nfiles == 0 || c->metrics != NULL || c->deferred ||
	    revoke_on(&c->rv) || c->gate.ari != NULL)
		return -1;
	size = xmalloc((size_t)nfiles * sizeof(*size));
	for (i = 0; i < nfiles; i++) {
		if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 ||
		    !S_ISREG(st.st_mode)) {
			free(size);
			return -1;
		}
		total += size[i] = (unsigned long long)st.st_size;
	}
	res = mmap(NULL, (size_t)n * sizeof(*res), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED) {
		free(size);
		return -1;
	}
	/* cut k: byte total * k / n of the files' concatenation, as a
	 * place; cut 0 the start, cut n past every file */
	cut = xmalloc(((size_t)n + 1) * sizeof(*cut));
	for (k = 0; k < n; k++) {
		t = total / (unsigned)n * (unsigned)k + total % (unsigned)n *
		    (unsigned)k / (unsigned)n;
		for (i = 0; i + 1 < nfiles && t >= size[i]; i++)
			t -= size[i];
		cut[k].f = i;
		cut[k].off = t;
	}
	cut[n].f = nfiles;
	cut[n].off = 0;
	pid = xmalloc((size_t)n * sizeof(*pid));
	fd = xmalloc((size_t)n * sizeof(*fd));
	/* the files first: without them, one process does the work */
	for (k = 1; k < n; k++)
		if ((fd[k] = jobs_tmpfile()) == -1) {
			while (--k > 0)
				close(fd[k]);
			munmap(res, (size_t)n * sizeof(*res));
			free(cut);
			free(pid);
			free(fd);
			free(size);
			return -1;
		}
	for (started = 1; started < n; started++) {
		k = started;
		if ((pid[k] = fork()) == -1) {
			status = diag_err(NULL, 0, "-J: cannot start process "
			    "%d: %s", k + 1, strerror(errno));
			while (k < n)
				close(fd[k++]);
			break;
		}
		if (pid[k] == 0) {
			for (i = 1; i < k; i++)
				close(fd[i]);
			i = jobs_child(c, files, nfiles, flags, cut[k],
			    cut[k + 1], fd[k], &res[k]);
			free(cut);
			free(pid);
			free(fd);
			free(size);
			_exit(i);
		}
	}
	/* the first range, and every message of the input; a range whose
	 * process did not start is not shown (exit 2, said above) */
	status = ex_worst(status, jobs_range(c, files, nfiles, flags, cut[0],
	    cut[1], 1));
	for (k = 1; k < started; k++)
		status = ex_worst(status, jobs_collect(c, k, fd[k], pid[k],
		    &res[k]));
	munmap(res, (size_t)n * sizeof(*res));
	free(cut);
	free(pid);
	free(fd);
	free(size);
	return status;
}
