/*
 * chain.h: order certificates into the chain a server sends.
 *
 * A pool of certificates, indexed by the DER of their subject names (and,
 * when no name is equal as DER, by their canonical form, as
 * X509_NAME_cmp(3) compares names), in which a leaf is chosen and its
 * issuers are followed.  A link needs the
 * issuer name (RFC 5280 section 4.1.2.4), agreeing key identifiers when
 * both are present (sections 4.2.1.1 and 4.2.1.2), X509_check_issued(3)
 * and a signature that verifies (X509_verify(3)); a name alone never
 * links.  Certificates are located cheaply (DER walk) when added and
 * decoded by d2i_X509 only when a link is tested, so a large pool of
 * strangers costs little.
 */
#ifndef PEMKIT_CHAIN_H
#define PEMKIT_CHAIN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/x509.h>

#include "base/diag.h"
#include "base/parse.h"

/* One certificate of the pool. */
struct chain_cert {
	unsigned char	*der;		/* owned copy */
	size_t		 derlen;
	const char	*src;		/* where it came from, for messages */
	unsigned long	 line, index, member;
	unsigned char	 sha256[32];
	const unsigned char *subject, *issuer;	/* name TLVs inside der */
	size_t		 subjectlen, issuerlen;
	uint64_t	 subjh, issh;	/* their FNV-1a hashes: index keys */
	const unsigned char *spki;	/* subjectPublicKeyInfo TLV in der */
	size_t		 spkilen;
	const unsigned char *ski, *aki;	/* key identifiers, or NULL */
	size_t		 skilen, akilen;
	int		 ca;		/* basicConstraints cA is TRUE */
	int		 selfissued;	/* subject and issuer DER are equal */
	int		 trusted;	/* from a trust store: an anchor */
	int		 input;		/* read from the input (not only
					   from a trust store) */
	int		 fetched;	/* fetched by --fetch (aia.c) */
	int		 haschild;	/* named as issuer by another one */
	int		 onchain;
	int		 reach;		/* path search: see chain.c */
	int		 selfsigned;	/* chain_self_signed: 0 unknown,
					   1 yes, -1 no */
	int		 valid;		/* chain_valid: 0 unknown */
	int		 warned;	/* its defect was reported */
	const char	*critkeyid;	/* "subjectKeyIdentifier" or
					   "authorityKeyIdentifier" when
					   marked critical, or NULL */
	X509		*x;		/* decoded on demand */
	size_t		 next;		/* subject index chain */
	unsigned long	 canonh;	/* X509_NAME_hash_ex of the subject
					   (its canonical form), when
					   canon is 1 */
	int		 canon;		/* canonh: 0 not yet, 1 set, -1 the
					   subject does not decode */
	size_t		 cnext;		/* canonical index chain */
};

/* CHAIN_WHERE: "file:line#member" of pool certificate cc into the char
 * array buf (diag_where). */
#define CHAIN_WHERE(cc, buf) \
	diag_where((cc)->src, (cc)->line, (cc)->member, (buf), sizeof(buf))

/* How the chain ends. */
enum chain_end {
	CHAIN_ANCHOR,		/* at a trusted certificate */
	CHAIN_ROOT,		/* at a self-signed certificate */
	CHAIN_MISSING		/* an issuer is not in the pool */
};

/* The longest path searched: deeper ones are cut, with a message. */
#define CHAIN_MAX_DEPTH	64

/*
 * The most certificates tried as the issuer of one certificate: those
 * with its issuer's name whose key identifiers agree (issue 24: 4,000
 * CAs of one subject and one key cost seconds each).  Past it the
 * search stops, p->capped and p->crowded are set, and no chain is
 * chosen: chain_capped says why.
 */
#define CHAIN_MAX_ISSUERS	32

struct chain_pool {
	struct chain_cert *c;
	size_t		 n, cap;
	time_t		 at;		/* validity is judged at this time */
	size_t		 endat;		/* --end-at root's index + 1, or 0 */
	int		 capped;	/* a path hit CHAIN_MAX_DEPTH, or a
					   certificate CHAIN_MAX_ISSUERS */
	size_t		 crowded;	/* index + 1 of the certificate with
					   more than CHAIN_MAX_ISSUERS
					   issuers to try, or 0 */
	char		**findings;	/* what the user should know */
	int		 warn;		/* findings are warnings (chain-order),
					   else notes (pem2p12) */
	int		 strict;	/* notes are errors (--strict) */
	struct within	 within;	/* a link expiring within is a
					   finding; none after chain_init */
	size_t		 nfindings;
	size_t		*bucket;	/* subject hash -> first index + 1 */
	size_t		 nbucket;
	size_t		*dup;		/* SHA-256 hash -> index + 1 */
	size_t		 ndup;
	size_t		*cbucket;	/* canonical subject hash -> first
					   index + 1; built when first
					   needed */
	size_t		 ncbucket, ncanon;	/* its size; certificates
					   in it */
};

/* chain_init: an empty pool. */
void	chain_init(struct chain_pool *p);

/*
 * chain_add: add the certificate der[0..len) (copied), read from src at
 * line (0 for DER), block index and container member (0 if none);
 * trusted marks a trust anchor.  Returns 1 when added, 0 when it is an
 * exact duplicate of one already there (a note under -v names both), -1
 * when its DER cannot be walked (an error message, exit class 2).
 */
int	chain_add(struct chain_pool *p, const unsigned char *der, size_t len,
	    const char *src, unsigned long line, unsigned long index,
	    unsigned long member, int trusted);

/*
 * chain_leaf: choose the leaf: a certificate of the input (not trusted)
 * that issued none of the others, end-entity certificates before CA
 * certificates, never a self-signed CA.  With several equal candidates,
 * host (or NULL) picks the one that covers it (X509_check_host(3)).
 * Sets *leaf and returns 0 (EX_YES), or returns EX_TROUBLE after a
 * message listing the candidates, or saying there is none.
 */
int	chain_leaf(struct chain_pool *p, const char *host, size_t *leaf);

/*
 * chain_build: follow issuers from leaf, up to a self-signed certificate
 * (a trust file's intermediate is followed, never an end).  Where
 * several certificates can issue one, prefer the one whose path ends at
 * the --end-at root (p->endat), then one valid at p->at, then one whose
 * path reaches a trust anchor, then a self-signed root, then the later
 * notAfter, then the smaller SHA-256 (so the order of the input never
 * matters); a finding says which and why.  A path longer than
 * CHAIN_MAX_DEPTH, or a certificate with more than CHAIN_MAX_ISSUERS
 * candidate issuers, ends as missing, with p->capped set.  Returns a new
 * array of pool indexes, leaf first (the
 * caller frees it), its length in *n and how it ends in *end.  Never
 * loops: a certificate appears at most once.
 */
size_t	*chain_build(struct chain_pool *p, size_t leaf, size_t *n,
	    enum chain_end *end);

/*
 * chain_x509: the decoded certificate i (owned by the pool), or NULL
 * when d2i_X509 refuses it.
 */
X509	*chain_x509(struct chain_pool *p, size_t i);

/*
 * chain_self_signed: 1 when certificate i is self-signed and its
 * signature verifies with its own key (X509_self_signed(3)).
 */
int	chain_self_signed(struct chain_pool *p, size_t i);

/*
 * chain_link_words: how child links to parent, for notes and JSON:
 * "name+keyid+signature" or "name+signature".
 */
const char *chain_link_words(const struct chain_pool *p, size_t child,
	    size_t parent);

/*
 * chain_finding: record a finding (printf-style) in p->findings, for
 * --json and --strict, and print it: as a warning when always is 1 (it
 * changes what the user gets: strays, duplicates, an expired link, an
 * alternative issuer not taken) and p->warn is set, else as an error
 * when p->strict is set (a repair is an error then), else as a note
 * under -v only.
 */
void	chain_finding(struct chain_pool *p, int always, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * chain_valid: 1 when certificate i is valid at p->at, -1 when it has
 * expired then, -2 when it is not yet valid (RFC 5280 section 4.1.2.5,
 * X509_cmp_time(3)); memoised.
 */
int	chain_valid(struct chain_pool *p, size_t i);

/*
 * chain_complete: 1 when a path from certificate i reaches a self-signed
 * certificate (or the --end-at root); 0 when every path ends at a missing
 * issuer or at a trusted certificate that is not self-signed.
 */
int	chain_complete(struct chain_pool *p, size_t i);

/*
 * chain_root_store: after chain_build from leaf: when the leaf is no
 * end-entity and two or more self-signed certificates of the input are
 * off the chain, the input is a root store, not a chain (a CA bundle,
 * osx.pem): print "no single chain: ... give the leaf" and return 1.
 * Else 0.
 */
int	chain_root_store(struct chain_pool *p, size_t leaf);

/*
 * chain_capped: after p->capped was set: print why no chain was chosen
 * ("the chain is longer than 64 certificates: stopped there", or "more
 * than 32 certificates could issue FILE:LINE ...: stopped there") and
 * return EX_TROUBLE.
 */
int	chain_capped(const struct chain_pool *p);

/* chain_reset: forget the path search, to build again after certificates
 * were added (the system store loaded for a missing issuer). */
void	chain_reset(struct chain_pool *p);

/* chain_free: free the pool and everything in it. */
void	chain_free(struct chain_pool *p);

/*
 * chain_findings: what chain-order says of chain ch[0..n) built from
 * leaf: strays (certificates of the input not on it), links not valid at
 * p->at or expiring within p->within seconds of it (RFC 5280 section
 * 4.1.2.5), a critical key identifier (sections 4.2.1.1, 4.2.1.2: linked
 * all the same), the root left out (nout < n), a leaf that was not the
 * input's first certificate, intermediates of the input out of the
 * chain's order ("X should come after Y": RFC 8446 section 4.4.2, RFC
 * 5246 section 7.4.2), and written certificates whose bytes are not the
 * input's (from a trust file, read as DER or from a container); each a
 * chain_finding, kept for --json and --strict.
 */
void	chain_findings(struct chain_pool *p, const size_t *ch, size_t n,
	    size_t leaf, size_t first, size_t nout);

#endif
