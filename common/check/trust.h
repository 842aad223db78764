/* serves one filter: chain-order */
/*
 * trust.h: certificates for chain-order: the input and the
 * trust stores (files, directories, the system store) into a chain pool,
 * what to say when an issuer is missing, and OpenSSL's verification.
 */
#ifndef PEMKIT_TRUST_H
#define PEMKIT_TRUST_H

#include <stddef.h>
#include <time.h>

#include "x509/chain.h"
#include "x509/crl.h"

/* What loading and verifying need, and what they found. */
struct trust {
	const char	*pass;		/* --passin, or NULL */
	unsigned	 rflags;	/* reader flags for the input */
	size_t		 ntrusted;	/* certificates from trust stores */
	size_t		 nsystem;	/* of them, from the system store */
	int		 system;	/* the system store was loaded */
	char		**paths;	/* file names of directories, kept
					   while the pool points at them */
	size_t		 npaths;
	int		 at_set;	/* --at given: at */
	time_t		 at;
	const char	*host;		/* --host, or NULL */
	int		 purpose;	/* X509_PURPOSE_* to verify for;
					   0: sslserver */
	struct crlset	*crls;		/* --crl, or NULL */
	int		 strict;	/* --strict: CRL warnings exit 1 */
	int		 crl_soft;	/* --crl-soft: unknown status warns */
};

/*
 * trust_load: add every certificate of files[0..nfiles) to p (PKCS#7 and
 * PKCS#12 opened, with c->pass), as trust anchors when trusted.
 * Returns the exit class of reading them (messages as obj_next's).
 */
int	trust_load(struct chain_pool *p, struct trust *c, char **files,
	    int nfiles, int trusted);

/*
 * trust_load_dir: trust_load of each certificate file of directory dir
 * (*.pem, *.crt, *.cer, and c_rehash names such as 3a1b2c3d.0).
 * Returns the exit class; 2 after "cannot open the directory".
 */
int	trust_load_dir(struct chain_pool *p, struct trust *c, const char *dir);

/*
 * trust_load_system: the system trust store where OpenSSL finds it, its
 * file and its directories both, as X509_STORE_set_default_paths(3)
 * does: SSL_CERT_FILE (else X509_get_default_cert_file(3)) when it is a
 * regular file, and each directory of SSL_CERT_DIR (else
 * X509_get_default_cert_dir(3)), a list separated by ":", that exists.
 * Sets c->system.  A note under -v names each one loaded.  Returns the
 * exit class.
 */
int	trust_load_system(struct chain_pool *p, struct trust *c);

/*
 * trust_missing: say that the issuer of pool certificate i is missing:
 * its name, key identifier, where the certificate says it can be
 * fetched (AIA caIssuers, RFC 5280 section 4.2.2.1), which certificates
 * have the name but do not link and why, and how to complete the chain.
 * Returns EX_NO.
 */
int	trust_missing(struct chain_pool *p, struct trust *c, size_t i);

/*
 * trust_verify: OpenSSL's verification of the chain ch[0..n) (leaf
 * first) with the pool's anchors (X509_verify_cert(3), purpose
 * c->purpose or sslserver, c->at and c->host).  With c->crls, OpenSSL's CRL checking
 * too (X509_V_FLAG_CRL_CHECK_ALL, X509_STORE_CTX_set0_crls(3)) with the
 * CRLs crlset_verify accepted, found against the chain's certificates:
 * a revoked certificate fails as "revoked on DATE (REASON)"; then each
 * certificate of the chain that is neither trusted nor self-signed is
 * judged by crlset_check: one whose status no usable CRL gives is
 * EX_TROUBLE naming the cause (a warning with c->crl_soft, EX_NO with
 * c->strict too).  Returns EX_YES, EX_NO
 * after a message naming the depth, the certificate and OpenSSL's
 * reason, or EX_TROUBLE when it cannot run.
 */
int	trust_verify(struct chain_pool *p, struct trust *c, const size_t *ch,
	    size_t n);

/*
 * trust_end_at: --end-at: set p->endat to the root whose path chain_build
 * prefers: the first certificate of the file endat (added to p as a
 * trust anchor), or else a self-signed certificate of p whose subject
 * (RFC 4514) or commonName (case ignored) is endat.  Returns EX_YES, or
 * EX_TROUBLE after a message when there is none.
 */
int	trust_end_at(struct chain_pool *p, struct trust *t, const char *endat);

/* trust_free: release c's kept file names. */
void	trust_free(struct trust *c);

#endif
