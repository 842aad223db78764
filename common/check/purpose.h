/*
 * purpose.h: what a certificate may be used for (--purpose): its
 * extended key usage (RFC 5280 4.2.1.12) and key usage (4.2.1.3), for
 * the leaf and for every CA above it that restricts EKU.
 */
#ifndef PEMKIT_PURPOSE_H
#define PEMKIT_PURPOSE_H

#include <stddef.h>

#include <openssl/x509.h>

#include "x509/chain.h"

/* The purposes --purpose names. */
enum purpose {
	PURPOSE_SERVER,		/* serverAuth, a TLS server */
	PURPOSE_CLIENT,		/* clientAuth, a TLS client */
	PURPOSE_EMAIL,		/* emailProtection, S/MIME */
	PURPOSE_CODE		/* codeSigning */
};

/*
 * purpose_lookup: "server", "client", "email" or "code" into *p.
 * Returns 0, or -1 for another name.
 */
int	purpose_lookup(const char *name, enum purpose *p);

/*
 * purpose_opt: the argument of --purpose: purpose_lookup's name, as
 * enum purpose + 1 (0 stays "none" in the filters' settings).  On
 * another name, a message and usage(EX_TROUBLE).
 */
int	purpose_opt(const char *arg, void (*usage)(int));

/*
 * purpose_chain: purpose_check of the chain ch[0..n) of pool p, the leaf
 * first, each CA after it (named by its place in the input).  Returns
 * the worst exit class.
 */
int	purpose_chain(struct chain_pool *p, const size_t *ch, size_t n,
	    enum purpose use);

/*
 * purpose_ossl: OpenSSL's X509_PURPOSE_* for p (X509_STORE_CTX_set_purpose
 * (3)), or X509_PURPOSE_ANY for code, which OpenSSL 3.0 does not know.
 */
int	purpose_ossl(enum purpose p);

/* purpose_eku: the EKU name of p, as cert-info prints it ("serverAuth"). */
const char *purpose_eku(enum purpose p);

/*
 * purpose_check: may x be used for p?  A leaf (ca 0): its EKU, when it
 * has one, lists p or anyExtendedKeyUsage, and for server, client and
 * email OpenSSL's X509_check_purpose(3) agrees (key usage, Netscape
 * cert type); for code, a key usage, when present, has
 * digitalSignature.  A CA (ca 1): only an EKU restricts it, and the
 * same EKU rule applies (the CA/B Forum BRs 7.1.2.2 restrict issuing
 * CAs so).  what names x in the message.  Returns EX_YES, or EX_NO
 * after a message at src:line: "WHAT does not allow clientAuth: its
 * extended key usage is serverAuth".
 */
int	purpose_check(X509 *x, enum purpose p, int ca, const char *what,
	    const char *src, unsigned long line);

#endif
