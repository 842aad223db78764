/*
 * ossl.h: narrow OpenSSL 3 glue.  Everything cryptographic or ASN.1 is
 * OpenSSL's job; this file only adapts its calls to pemkit's blocks and
 * wraps those whose sense is surprising.
 */
#ifndef PEMKIT_OSSL_H
#define PEMKIT_OSSL_H

#include <stddef.h>

#include <openssl/x509.h>

/*
 * ossl_name_entry: the last value of attribute sn ("CN", "O",
 * "emailAddress", ...) of name, as a new UTF-8 string the caller frees,
 * its control bytes escaped by ossl_escape_ctl (so a NUL cannot cut
 * "www.example.com\0.evil.com" short, nor an LF forge an output line);
 * NULL when absent or sn is unknown.
 */
char	*ossl_name_entry(const X509_NAME *name, const char *sn);

/*
 * ossl_escape_ctl: v[0..n) as a new NUL-terminated string the caller
 * frees, each control byte (0x00-0x1f, 0x7f) written as the four
 * characters \xNN (lowercase hex); other bytes as they are.
 */
char	*ossl_escape_ctl(const char *v, size_t n);

/*
 * ossl_name_hash: OpenSSL's subject name hash (X509_NAME_hash_ex, as
 * `openssl x509 -hash` and c_rehash use), or 0 with ok set to 0 on error.
 */
unsigned long ossl_name_hash(const X509_NAME *name, int *ok);

/*
 * ossl_sha256: SHA-256 of p[0..n) into md (32 bytes); ossl_sha1: SHA-1
 * into md (20 bytes).  Each fetches its EVP_MD once (an implicit fetch
 * per call takes OpenSSL 3.0's store lock each time: migration_guide(7)).
 * Returns 1, or 0 on an OpenSSL failure (left on the error queue).
 */
int	ossl_sha256(const unsigned char *p, size_t n, unsigned char md[32]);
int	ossl_sha1(const unsigned char *p, size_t n, unsigned char md[20]);

/*
 * ossl_covers: 1 when certificate x covers name, 0 otherwise.  An IPv4
 * or IPv6 address matches only IP address SANs (X509_check_ip_asc); any
 * other name is matched by RFC 6125 rules with X509_check_host, partial
 * wildcards ("f*.example.com") refused, the CN used only when there is no
 * DNS SAN.  Clears the OpenSSL error queue.
 */
int	ossl_covers(X509 *x, const char *name);

/* ossl_hex: lowercase hex of p[0..n) into out (2n + 1 bytes). */
void	ossl_hex(const unsigned char *p, size_t n, char *out);

/*
 * ossl_issued_by: 1 when issuer issued subject: names and key
 * identifiers agree (X509_check_issued(3), whose 0 means yes; a missing
 * keyCertSign is accepted, as that is a verifier's business) and
 * issuer's public key verifies subject's signature (X509_verify(3)).
 * 0 otherwise, or when issuer's key does not decode.  The OpenSSL error
 * queue is cleared.  RFC 5280 sections 4.1.2.4, 4.2.1.1, 6.1.3.
 */
int	ossl_issued_by(X509 *issuer, X509 *subject);

/*
 * ossl_is_ca: 1 when x asserts basicConstraints cA TRUE (RFC 5280
 * section 4.2.1.9), read through X509_get_extension_flags(3); 0 otherwise.
 */
int	ossl_is_ca(X509 *x);

/*
 * ossl_cert_defect: words for why OpenSSL marks x invalid (EXFLAG_INVALID
 * of X509_get_extension_flags(3)): "duplicate subjectAltName
 * extension" (RFC 5280 section 4.2), "malformed ... extension", "critical
 * subject key identifier" (section 4.2.1.2), or a general phrase.  The
 * string is static, overwritten by the next call.
 */
const char *ossl_cert_defect(X509 *x);

/*
 * ossl_keyid_agrees: 1 unless both subject's authority key identifier and
 * issuer's subject key identifier are present and differ (RFC 5280
 * sections 4.2.1.1, 4.2.1.2).
 */
int	ossl_keyid_agrees(X509 *issuer, X509 *subject);

/*
 * ossl_ext_d2i: the first extension of x with this NID, decoded
 * (X509V3_EXT_d2i(3)): a new object of the extension's type, which the
 * caller frees; NULL when absent or malformed.  Unlike X509_get_ext_d2i,
 * it answers for a certificate with duplicate extensions (RFC 5280
 * section 4.2 forbids them; such certificates exist).
 */
void	*ossl_ext_d2i(X509 *x, int nid);

/*
 * ossl_unsupported: 1 when the reason of the first or the last error on
 * OpenSSL's queue says an algorithm is not available (ERR_R_UNSUPPORTED,
 * EVP_R_UNSUPPORTED_ALGORITHM, a failed fetch, ...): a cipher or digest
 * the loaded providers lack, not broken data.  The queue is untouched.
 */
int	ossl_unsupported(void);

#endif
