/*
 * p12trust.h: pem2p12's Java truststore: CA certificates as PKCS#12
 * trusted-certificate entries, no key.
 */
#ifndef PEMKIT_P12TRUST_H
#define PEMKIT_P12TRUST_H

#include <openssl/pkcs12.h>
#include <openssl/x509.h>

/* Java's trusted-key-usage attribute (Oracle's arc), which makes
 * keytool show a certificate bag as a trustedCertEntry. */
#define P12_JDK_TRUST_OID	"2.16.840.1.113894.746875.1.1"

/*
 * p12_truststore: a PKCS#12 file (RFC 7292) of the certificates of ca,
 * in their order, each in a certBag with a friendlyName (PKCS#9 section
 * 5.5.1: the subject's CN, else its RFC 4514 string; " 2", " 3" added to
 * a name already used, since Java takes it as the entry's alias) and
 * Java's trusted-key-usage attribute (P12_JDK_TRUST_OID) holding
 * anyExtendedKeyUsage (RFC 5280 section 4.2.1.12), as OpenSSL 3.2's
 * `pkcs12 -export -jdktrust anyExtendedKeyUsage` writes it; no localKeyID
 * and no key.  The bags are encrypted with cipher_nid (a PBE NID, or a
 * cipher for PBES2) and iter iterations under pass, and the file MACed
 * with md.  Sets each certificate's alias (X509_alias_set1) and clears
 * its key id.  Returns a new PKCS12 the caller frees, or NULL after a
 * message (diag_err).
 */
PKCS12	*p12_truststore(STACK_OF(X509) *ca, const char *pass, int cipher_nid,
	    int iter, const EVP_MD *md);

#endif
