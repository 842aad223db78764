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

#include <openssl/x509.h>

#include "x509/crl.h"
#include "base/io.h"
#include "read/pem.h"
#include "x509/x509info.h"

struct metrics {
	char	*fam[3];	/* not_after, not_before, crl next_update */
	size_t	 len[3];
};

/*
 * metrics_cert: the samples pemkit_certificate_not_after_seconds and
 * pemkit_certificate_not_before_seconds of certificate x (xi its fields)
 * from block b (member: its place in a PKCS#7 or PKCS#12 block, or 0),
 * labelled file, index ("3", or "3.2" for a member), subject_cn,
 * issuer_cn, serial, sha256 and role, values escaped as the format
 * requires (\\, \", \n).  A certificate whose times are malformed gets
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

/* metrics_write: each family's HELP, TYPE and samples, then "# EOF", to
 * o; frees what m holds. */
void	metrics_write(struct metrics *m, struct out *o);

#endif
