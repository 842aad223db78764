/*
 * purpose.h: what a certificate may be used for (--purpose): its
 * extended key usage (RFC 5280 4.2.1.12) and key usage (4.2.1.3), for
 * the leaf and for every CA above it that restricts EKU.
 */
#ifndef PEMKIT_PURPOSE_H
#define PEMKIT_PURPOSE_H

#include <openssl/x509.h>

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
