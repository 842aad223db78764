/* serves one filter: cert-diff */
/*
 * certdiff.h: "is the renewed certificate a drop-in replacement?" (issue
 * 26): the leaf of an old and of a new file compared on what a server
 * and its clients rely on (names, purposes, key, issuer, lifetime,
 * policies, must-staple), and the report in text and pemkit/1 JSON.
 */
#ifndef PEMKIT_CERTDIFF_H
#define PEMKIT_CERTDIFF_H

#include <openssl/x509.h>

#include "base/io.h"
#include "x509/x509info.h"

/* One side: the leaf of a file and its fields. */
struct certdiff_side {
	X509		*x;
	char		*src;
	unsigned long	 line, index, member;
	struct x509info	 xi;
	struct strlist	 names;	/* "DNS:a", "IP:..", "email:..",
				   "URI:..", "CN:a" */
	int		 staple;	/* TLS feature status_request */
	long long	 life;		/* notAfter - notBefore, in s */
};

/*
 * certdiff_leaf: read file (PEM, DER, PKCS#7; reader flags rflags) and
 * take its leaf into s: its one certificate, or among several the one
 * that is not a CA (basicConstraints, RFC 5280 4.2.1.9), as a bundle or
 * fullchain holds it.  Returns 0; EX_TROUBLE after a message: the file
 * does not read, holds no certificate, holds no leaf or more than one
 * ("2 leaves: ..."), or a field does not parse.  Free s with
 * certdiff_side_free in every case.
 */
int	certdiff_leaf(const char *file, unsigned rflags,
	    struct certdiff_side *s);
void	certdiff_side_free(struct certdiff_side *s);

/* What changed from old to new. */
struct certdiff {
	struct strlist	 names_lost, names_added;
	struct strlist	 eku_lost, eku_added;
	struct strlist	 pol_lost, pol_added;
	int		 key_reused;	/* same SubjectPublicKeyInfo */
	int		 key_changed;	/* type, size or curve differ */
	int		 issuer_changed;	/* name or key identifier */
	int		 new_key;	/* --new-key: reuse is a loss */
};

/*
 * certdiff_compare: fill d (zeroed first; new_key is kept) from a (old)
 * and b (new).  Names: a DNS name compares without case (RFC 4343); an
 * old CN is not lost while the new certificate has it as CN or in its
 * subjectAltName (RFC 5280 4.2.1.6).  Purposes: the extendedKeyUsage
 * OIDs (4.2.1.12); a certificate without one serves any purpose, lost
 * as "anyExtendedKeyUsage" when the new one restricts.  Returns EX_NO
 * when a name or purpose was lost, or the key reused under new_key
 * (each said by a message at b's place), else EX_YES.  Free with
 * certdiff_free.
 */
int	certdiff_compare(const struct certdiff_side *a,
	    const struct certdiff_side *b, struct certdiff *d);
void	certdiff_free(struct certdiff *d);

/*
 * certdiff_text, certdiff_json: the report to o: text lines "label:
 * value" (cert-diff(1)), or one pemkit/1 object of type "cert-diff"
 * (pemkit(7)) whose source, index and line are the new leaf's.
 */
void	certdiff_text(struct out *o, const struct certdiff_side *a,
	    const struct certdiff_side *b, const struct certdiff *d);
void	certdiff_json(struct out *o, const struct certdiff_side *a,
	    const struct certdiff_side *b, const struct certdiff *d);

#endif
