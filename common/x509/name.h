/* serves one filter: pem-split */
/*
 * name.h: pem-split's file-name templates.
 *
 *	%n	block index, 1-based (%3n: zero-padded to 3 digits); for
 *		member M of a PKCS#7 or PKCS#12 block N, "N.M" (pemkit(7))
 *	%t	type: cert, csr, crl, key, pubkey, pkcs7, pkcs12, other
 *	%c	subject commonName made safe for a file name (the type when
 *		the block has no subject): valid UTF-8 kept, other bytes,
 *		'/' and a leading '.' as '_'
 *	%h	OpenSSL subject-name hash with c_rehash's suffix: .0, .1, ...
 *		on collisions; .r0, .r1, ... (issuer hash) for CRLs
 *	%f	SHA-256 fingerprint prefix, lowercase hex (%8f: 8 digits;
 *		default 16, at most 64)
 *	%%	a percent sign
 */
#ifndef PEMKIT_NAME_H
#define PEMKIT_NAME_H

#include <stddef.h>

#include "read/pem.h"

/* Hashes already given out, for %h's collision suffixes. */
struct name_state {
	unsigned long	*keys;		/* hash << 1 | is_crl, 0 = empty */
	unsigned	*counts;
	size_t		 size, used;
	char		**paths;	/* file names given out in this run */
	unsigned long	*pidx;		/* the block index of each */
	unsigned long	*pmem;		/* and its member number, or 0 */
	size_t		 psize, pused;
};

/*
 * name_check: validate a template.  Returns NULL when it is usable, or a
 * static message naming the first problem (unknown field, width too big,
 * no field that tells blocks apart is not an error).
 */
const char *name_check(const char *tmpl);

/*
 * name_expand: expand tmpl for block b into out (outsz bytes, NUL
 * terminated).  st keeps %h suffixes across calls (zero it first, free
 * with name_free).  Returns 0, or EX_TROUBLE after printing
 * "prog: src:line: cause" (name too long, no subject for %h, OpenSSL
 * failure).  Expanded fields never contain '/' or start with '.'.
 */
int	name_expand(const char *tmpl, const struct pem_block *b,
	    struct name_state *st, char *out, size_t outsz);

/*
 * name_claim: record that the block with this index and member (0: not
 * in a container) writes path.  Returns 0 when path is new in this run,
 * or 1 with the number of the earlier block that already wrote it in
 * prev[n] (as name_number); pem-split makes that an error, with or
 * without -f: two blocks must never replace each other silently.
 */
int	name_claim(struct name_state *st, const char *path,
	    unsigned long index, unsigned long member, char *prev, size_t n);

/*
 * name_number: block b's number as %n writes it, without padding: "N",
 * or "N.M" for member M of container N (pemkit(7)), into buf[n]
 * (truncated, NUL-terminated).  Returns buf.
 */
const char *name_number(const struct pem_block *b, char *buf, size_t n);

/* name_free: release st's memory. */
void	name_free(struct name_state *st);

#endif
