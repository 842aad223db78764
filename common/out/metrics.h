/* serves one filter: cert-info */
/*
 * metrics.h: cert-info -f openmetrics: one gauge sample per certificate
 * and per CRL in the text format of OpenMetrics 1.0 and Prometheus's
 * exposition format, which node_exporter's textfile collector reads.
 * The samples of one metric family must be contiguous, so they are held
 * until metrics_write (a few hundred bytes per certificate).
 */
#ifndef PEMKIT_METRICS_H
#define PEMKIT_METRICS_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "x509/crl.h"
#include "base/io.h"
#include "read/pem.h"
#include "x509/x509info.h"

#define METRICS_NFAM	6

struct crlsource;

struct metrics {
	char	*fam[METRICS_NFAM];	/* not_after, not_before, crl
					   next_update, file_error, crl
					   source next_update and error */
	size_t	 len[METRICS_NFAM];
};

/*
 * metrics_cert: the samples pemkit_certificate_not_after_seconds and
 * pemkit_certificate_not_before_seconds of certificate x (xi its fields)
 * from block b (member: its place in a PKCS#7 or PKCS#12 block, or 0),
 * labelled file, index (b->index: cert-info reads each file on its
 * own, so that it is the block's number within its file and a file
 * added or removed renames no other file's series; "3", or "3.2" for a
 * member), subject_cn,
 * issuer_cn, serial, sha256 and role, values escaped as the format
 * requires (\\, \", \n) and invalid UTF-8 bytes as \\xNN (as json.h).
 * A certificate whose times are malformed gets
 * no sample.
 */
void	metrics_cert(struct metrics *m, const struct pem_block *b,
	    unsigned long member, X509 *x, const struct x509info *xi);

/*
 * metrics_crl: pemkit_crl_next_update_seconds of the CRL ci (none
 * without a nextUpdate), labelled file, index, issuer_cn, crl_number and
 * sha256.
 */
void	metrics_crl(struct metrics *m, const struct pem_block *b,
	    X509_CRL *crl, const struct crlinfo *ci);

/*
 * metrics_crl_source: for a distribution point --crl-fetch asked
 * (crlfetch.h), pemkit_crl_source_next_update_seconds (the CRL's
 * nextUpdate, none without one) labelled source (the URL), issuer_cn
 * and crl_number, and pemkit_crl_source_error{source="URL"}, 1 when no
 * CRL was had from it, else 0: the staleness of each source over time.
 */
void	metrics_crl_source(struct metrics *m, const struct crlsource *cs);

/*
 * metrics_file: file name is done: the sample
 * pemkit_file_error{file="NAME"} 1 when error is set (it could not be
 * opened or read in full), else 0.
 */
void	metrics_file(struct metrics *m, const char *name, int error);

/* metrics_write: each family's HELP, TYPE and samples, then
 * pemkit_last_run_timestamp_seconds (now) and "# EOF", to o; frees what
 * m holds. */
void	metrics_write(struct metrics *m, struct out *o, time_t now);

#endif
