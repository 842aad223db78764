/*
 * crl.h: certificate revocation lists (RFC 5280 section 5) through
 * OpenSSL's X509_CRL API: what cert-info shows of one, the CRLs of
 * --crl, which certificate issued each, and whether a certificate is
 * revoked.  Also the issuers that CRL and OCSP checks need: the input's
 * certificates, -C files, the system store.
 */
#ifndef PEMKIT_CRL_H
#define PEMKIT_CRL_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "base/io.h"
#include "read/pem.h"

/* What cert-info prints of a CRL. */
struct crlinfo {
	char		*issuer;	/* RFC 4514 */
	char		*number;	/* cRLNumber (5.2.3) in decimal, or
					   NULL */
	char		 this_update[32];	/* ISO 8601 */
	char		 next_update[32];	/* "" when absent */
	int		 has_next;
	long long	 this_epoch, next_epoch;	/* seconds */
	long long	 secs_left;	/* from at to nextUpdate */
	long long	 days_left;	/* whole days, negative once stale */
	long		 revoked;	/* entries */
	char		 sig[80];	/* signature algorithm */
	char		 sha256[65];	/* of the DER */
};

/*
 * crlinfo_get: fill ci from crl, judged at time at.  Returns 0, or
 * EX_TROUBLE for a CRL whose times are malformed.  Free with
 * crlinfo_free.  Sources: X509_CRL_get0_lastUpdate(3),
 * X509_CRL_get_ext_d2i(3) for the cRLNumber.
 */
int	crlinfo_get(X509_CRL *crl, time_t at, struct crlinfo *ci);
void	crlinfo_free(struct crlinfo *ci);

/*
 * crlout_text, crlout_json: cert-info's text block ("FILE:LINE: CRL
 * (block N)", then issuer, CRL number, this and next update, revoked
 * entries, signature, sha256; a blank line first unless first) and its
 * pemkit/1 object of type "crl" (pemkit(7)), to o.
 */
void	crlout_text(struct out *o, const struct pem_block *b,
	    const struct crlinfo *ci, int first);
void	crlout_json(struct out *o, const struct pem_block *b,
	    const struct crlinfo *ci);

/*
 * crl_gate: cert-info -e for a CRL: exit 1, with a message at b's line,
 * when its nextUpdate (RFC 5280 5.1.2.5) is past or within within
 * seconds (-1: no check).  A CRL without a nextUpdate passes.
 */
int	crl_gate(const struct pem_block *b, const struct crlinfo *ci,
	    long long within);

/* One CRL of --crl, and what is known of its issuer. */
struct crl_entry {
	X509_CRL	*crl;
	char		*src;		/* file, for messages */
	unsigned long	 line;
	int		 verified;	/* 1 signature verified by issuer, 0
					   issuer not found, -1 bad */
	X509		*issuer;	/* the certificate that signed it */
	int		 trusted;	/* may list a revocation: verified, no
					   unknown critical extension */
	int		 only_user, only_ca;	/* its issuingDistribution-
						   Point's scope (RFC 5280
						   5.2.5) */
	char		 why[256];	/* why it cannot say a certificate is
					   good, or "" */
};

/* A CRL that could not be had for a certificate (--crl-fetch): the
 * cause its unknown status names. */
struct crl_miss {
	X509		*cert;
	char		*src;		/* the URL, or "" */
	char		 why[512];
};

struct crlset {
	struct crl_entry *v;
	size_t		 n;
	struct crl_miss	*miss;
	size_t		 nmiss;
};

/*
 * crlset_load: every CRL block of file (PEM or DER, several per file)
 * onto s.  Other blocks are skipped with a note.  Returns the exit class
 * of reading it; a file without a CRL is trouble ("no CRL in it").
 */
int	crlset_load(struct crlset *s, const char *file, unsigned rflags);

/*
 * crlset_add: crl (ownership taken) onto s, found at src:line (line 0:
 * DER, or a URL, for messages and the verdict's source).
 */
void	crlset_add(struct crlset *s, X509_CRL *crl, const char *src,
	    unsigned long line);

/*
 * crlset_miss: no CRL could be had for certificate x (a reference is
 * taken) from src (a URL, or NULL), for the cause why: crlset_check
 * names it, instead of "no CRL of ISSUER among those given", when no
 * CRL of s speaks for x.
 */
void	crlset_miss(struct crlset *s, X509 *x, const char *src,
	    const char *why);

/*
 * crlset_verify: find each CRL's issuer among known (the input and -C;
 * then the system store, X509_STORE_set_default_paths(3), when sys is
 * set) by name, verify the CRL's signature with its key
 * (X509_CRL_verify(3)), and judge at time at whether it can answer for
 * a certificate (RFC 5280 6.3.3): each entry's why is set, and nothing
 * printed, for an issuer not found, a bad signature, a thisUpdate after
 * at, a nextUpdate before at (stale), a delta CRL (5.2.4), an
 * issuingDistributionPoint (5.2.5) limited to some reasons, to attribute
 * certificates or indirect, and an unknown critical extension (5.2).
 * The extensions are OpenSSL's parse (X509_CRL_get_ext_d2i(3)).
 */
void	crlset_verify(struct crlset *s, STACK_OF(X509) *known, int sys,
	    time_t at);

/* What the CRLs say of one certificate, for the output (pemkit(7)). */
struct crlverdict {
	const char	*status;	/* "good", "revoked", "unknown" */
	const char	*reason;	/* RFC 5280 5.3.1 name, or NULL */
	char		 date[32];	/* revocation date, or "" */
	char		 source[512];	/* "FILE:LINE" of the CRL
					   ("FILE" for DER, the URL when
					   fetched), or "" */
	char		 why[512];	/* for "unknown": the cause */
};

/*
 * crlset_check: what the CRLs of s (crlset_verify run) say of
 * certificate x, found at src:line: "revoked" when a CRL of its issuer
 * that may list revocations lists it (X509_CRL_get0_by_cert(3)): the
 * error "SUBJECT: revoked on DATE (REASON)", EX_NO; "good" when a usable
 * CRL of its issuer covers it and does not list it, EX_YES; else
 * "unknown" (no CRL of its issuer among s, or each one's why, or an
 * issuingDistributionPoint that leaves x out, or x's crlset_miss): the
 * error "SUBJECT:
 * revocation status unknown: WHY", EX_TROUBLE, or with soft a warning
 * and EX_YES (EX_NO when strict).  The verdict is filled in v when not
 * NULL.  RFC 5280 section 6.3.
 */
int	crlset_check(const struct crlset *s, X509 *x, const char *src,
	    unsigned long line, int soft, int strict, struct crlverdict *v);

/*
 * crlset_revoked: 1 when a verified CRL of s issued by x's issuer lists
 * x (X509_CRL_get0_by_cert(3)), with the revocation date (ISO 8601) in
 * date (32 bytes) and the reason's RFC 5280 5.3.1 name in *reason
 * ("keyCompromise", "unspecified" when the entry has none); else 0.
 */
int	crlset_revoked(const struct crlset *s, X509 *x, char date[32],
	    const char **reason);

/*
 * crl_reason_name: the RFC 5280 section 5.3.1 name of CRLReason r
 * ("keyCompromise"); "unspecified" for a value it does not define.  For
 * CRL entries and OCSP answers alike (OCSP_crl_reason_str(3) lacks
 * privilegeWithdrawn and aACompromise).
 */
const char *crl_reason_name(long r);

/*
 * crlset_crls: the CRLs that may list revocations (crl_entry's trusted)
 * as a new stack (the CRLs not copied;
 * free with sk_X509_CRL_free), for X509_STORE_CTX_set0_crls(3).
 */
STACK_OF(X509_CRL) *crlset_crls(const struct crlset *s);

/* crlset_free: release every CRL of s (not issuer_lookup's cache). */
void	crlset_free(struct crlset *s);

/*
 * issuer_lookup: the certificate among known, or else (sys set) in the
 * system store, whose subject is name and whose key verifies ok(arg,
 * key), or NULL.  The result is not a new reference: known's
 * certificates live as long as known, the store's in a cache freed by
 * issuer_lookup_end.
 */
X509	*issuer_lookup(STACK_OF(X509) *known, int sys, const X509_NAME *name,
	    int (*ok)(void *, EVP_PKEY *), void *arg);
void	issuer_lookup_end(void);

#endif
