/* serves one filter: cert-info */
/*
 * certshow.h: cert-info's work on each block of its input: certificates
 * (alone, in PKCS#7 or PKCS#12) and CRLs shown as text, JSON, a -f
 * template or OpenMetrics samples, then checked against -e, -H and -m
 * (certout_check) and kept for --crl and --ocsp (revoke.h).
 */
#ifndef PEMKIT_CERTSHOW_H
#define PEMKIT_CERTSHOW_H

#include <time.h>

#include "base/io.h"
#include "check/revoke.h"
#include "out/certout.h"
#include "out/metrics.h"
#include "read/pem.h"

/* What cert-info's options ask, and what it has seen so far. */
struct certshow {
	struct out	 o;
	time_t		 at;
	struct certcheck gate;		/* -e, -H, -m */
	const char	*format;
	int		 json;
	unsigned long	 ncerts, nleaves, ncrls;
	char		*pass;		/* --passin, for PKCS#12 */
	struct revoke	 rv;		/* --crl, --ocsp */
	struct metrics	*metrics;	/* -f openmetrics */
	int		 how;		/* x509info_der's X509INFO_* */
	int		 deferred;	/* text or JSON shown after --crl and
					   --ocsp ran, with the verdict */
	int		 jobs;		/* -J: processes (certshow_jobs) */
	int		 later;		/* a later process of -J: its first
					   block is not the output's first */
};

/*
 * certshow_block: block b shown and checked: a certificate, each of a
 * PKCS#7 or PKCS#12 (opened with c->pass), or a CRL (-e applies to its
 * nextUpdate); other kinds are skipped with a note.  Returns the exit
 * class (EX_NO: a check failed; EX_TROUBLE after a message).
 */
int	certshow_block(struct certshow *c, const struct pem_block *b);

/*
 * certshow_later: with --crl or --ocsp (c->deferred), each certificate
 * kept, shown with its revocation verdict once revoke_run() has run,
 * then the OCSP answers.  Returns EX_YES, or EX_TROUBLE after a message.
 */
int	certshow_later(struct certshow *c);

/*
 * certshow_files: -f openmetrics: each of the nfiles files (none:
 * standard input) read on its own with reader flags, so that its blocks
 * are numbered within it and its pemkit_file_error sample says whether
 * it could be read in full.  Returns the worst exit class.
 */
int	certshow_files(struct certshow *c, char **files, int nfiles,
	    unsigned flags);

/*
 * certshow_jobs: cert-info -J: the input shown and checked by c->jobs
 * processes, the output byte for byte that of one process.  The files,
 * each a regular file, are cut into c->jobs byte ranges of their
 * concatenation, and a block (a container with its members) belongs to
 * the range its first byte is in.  Each later process is forked, reads
 * the input from its start with its messages kept quiet (diag_quiet)
 * so that it numbers blocks and lines as one process does, and shows the
 * blocks of its range into an unlinked temporary file in $TMPDIR (or
 * /tmp), made by the first, with its counts and exit class in a shared
 * page.  The first process shows the first range, reads the rest for
 * the input's messages, which it alone prints, then appends each later
 * output in turn.  Messages about certificates come from the process
 * that shows them, so their order across ranges may differ from one
 * process's.  Returns the worst exit class; -1, having done nothing,
 * when the input cannot be cut so (standard input, a file that is not
 * regular, c->jobs below 2) or the options need every certificate in
 * one process (--crl, --ocsp, --ari, -f openmetrics): one process then
 * does the work.  Sources: fork(2), mkstemp(3), mmap(2) MAP_SHARED.
 */
int	certshow_jobs(struct certshow *c, char **files, int nfiles,
	    unsigned flags);

#endif
