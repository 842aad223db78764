/* serves one filter: pem-join */
/*
 * bundle.h: pem-join -k/-K: is the joined file one a server can load
 * (IceWarp, HAProxy, Kerio, Postfix): one private key, not encrypted,
 * one end-entity certificate, and the key is the first certificate's?
 */
#ifndef PEMKIT_BUNDLE_H
#define PEMKIT_BUNDLE_H

#include <stddef.h>

#include "read/pem.h"

/* A block pem-join keeps until everything has been read and checked. */
struct kept {
	char		*label;
	char		*hdr;
	size_t		 hdrlen;
	unsigned char	*der;
	size_t		 derlen;
	unsigned char	 md[32];
	int		 secret;
	int		 key;		/* a private key */
	int		 encrypted;	/* PKCS#8 or RFC 1421 encryption */
	int		 drop;		/* a root left out by -k/-K */
	enum pem_kind	 kind;
	const char	*src;
	unsigned long	 line, index;
};

/*
 * bundle_check: the n blocks k[] as the file -k/-K build for a server
 * (IceWarp, HAProxy, Kerio, Postfix): exactly one private key, not
 * encrypted (none of them can load an encrypted one), one end-entity
 * certificate, the key of the first certificate.  A root is marked
 * drop, with a warning: a server does not send it (RFC 8446 section
 * 4.4.2).  Returns EX_YES, or EX_NO after a message naming the files
 * (EX_TROUBLE when the first certificate does not decode).
 */
int	bundle_check(struct kept *k, size_t n);

#endif
