/* serves one filter: csr-new */
/*
 * reqnew.h: a new key pair and certificate request (RFC 2986), made with
 * OpenSSL 3, for csr-new.  What goes in is checked afterwards by
 * csrpolicy.h's csr_review, the same code csr-check runs.
 */
#ifndef PEMKIT_REQNEW_H
#define PEMKIT_REQNEW_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

/* A key type as -k names it. */
struct keyspec {
	const char	*alg;		/* "RSA", "EC" or "ED25519" */
	size_t		 bits;		/* RSA modulus size in bits */
	const char	*curve;		/* EC: "P-256", "P-384", "P-521" */
};

/*
 * keyspec_parse: read -k's TYPE into *ks: "rsa" (2048 bits), "rsa:BITS"
 * (1024 to 16384), "ec" (P-256), "ec:CURVE" (P-256, P-384, P-521, or
 * their SEC 2 names prime256v1, secp384r1, secp521r1), "ed25519" (RFC
 * 8410).  Case is ignored.  Returns 1, or 0 for anything else (the
 * caller prints the usage).
 */
int	keyspec_parse(const char *s, struct keyspec *ks);

/*
 * keyspec_generate: a new key pair of type ks from OpenSSL's default
 * random generator (EVP_PKEY_Q_keygen(3)).  Returns a new EVP_PKEY the
 * caller frees, or NULL after an error message with OpenSSL's reasons
 * (exit class 2).
 */
EVP_PKEY *keyspec_generate(const struct keyspec *ks);

/*
 * dn_parse: the distinguished name s, in one of two forms: RFC 4514's
 * string (section 3: "CN=mail.example.hu,O=Example Kft,C=HU", the last
 * RDN first, as cert-info and csr-check print names; "\," and "\XX"
 * escapes, "+" joining the attributes of a multi-valued RDN), or
 * OpenSSL's -subj form ("/C=HU/O=Example Kft/CN=mail.example.hu", first
 * RDN first, "\/" an escaped slash).  Attribute types by OpenSSL's
 * names (OBJ_txt2nid(3)) or dotted OIDs.  Values are UTF-8, each
 * encoded by dn_add.  Returns a new X509_NAME, or NULL with *err set to
 * a static message naming the cause: an unknown attribute type, a
 * missing "=", a bad escape, a '#' hex value (not taken), an empty name.
 */
X509_NAME *dn_parse(const char *s, const char **err);

/*
 * dn_add: append attribute nid = val (UTF-8) to nm as a new RDN, or to
 * the last RDN when join is set.  The string type is OpenSSL's for nid
 * (ASN1_STRING_set_by_NID(3): PrintableString for countryName, else
 * UTF8String, RFC 5280 section 4.1.2.4); a value OpenSSL's table
 * refuses for its length (C=HUN, a CN of 65 characters) is kept, in
 * PrintableString when it is printable, else UTF8String, so that the
 * policy check names the problem.  Returns 1, or 0 when OpenSSL cannot
 * add it.
 */
int	dn_add(X509_NAME *nm, int nid, const char *val, int join);

/*
 * req_build: a version-1 request (RFC 2986 section 4.1) for subject nm
 * and key pk, with a subjectAltName extension request (RFC 5280 section
 * 4.2.1.6) of hosts[0..nhosts) (iPAddress for an IPv4 or IPv6 literal,
 * else dNSName) and emails[0..nemails) (rfc822Name), none when both are
 * empty; signed by pk with SHA-256, or with pk's own algorithm for
 * Ed25519 (RFC 8410 section 6).  Returns a new X509_REQ, or NULL after
 * an error message (exit class 2).  Sources: X509_REQ_sign(3),
 * X509_REQ_add_extensions(3), a2i_IPADDRESS(3).
 */
X509_REQ *req_build(const X509_NAME *nm, EVP_PKEY *pk, char **hosts,
	    int nhosts, char **emails, int nemails);

/*
 * key_encrypt_pkcs8: the private key pk as an RFC 5958
 * EncryptedPrivateKeyInfo, AES-256-CBC under PBES2 with PBKDF2 and
 * HMAC-SHA-256 (RFC 8018 section 6.2), passphrase pass.  Sets *der (free
 * with OPENSSL_clear_free(*der, *len)) and *len.  Returns 1, or 0 after
 * an error message.  Source: OSSL_ENCODER_CTX_new_for_pkey(3).
 */
int	key_encrypt_pkcs8(EVP_PKEY *pk, const char *pass,
	    unsigned char **der, size_t *len);

/*
 * dn_default_cn: add CN=cn to nm when nm has no commonName and cn is not
 * NULL (csr-new: the first host name, or the S/MIME address).  Returns
 * 1, or 0 after a message when OpenSSL cannot add it.
 */
int	dn_default_cn(X509_NAME *nm, const char *cn);

/*
 * dn_cn: the first commonName of nm as a new UTF-8 string the caller
 * frees, or NULL when it has none.  Source: ASN1_STRING_to_UTF8(3).
 */
char	*dn_cn(const X509_NAME *nm);

struct out;

/*
 * key_write_new: the new private key pk to path as PEM, atomically and
 * mode 0600 (io.h's out_open and out_secret): PKCS#8 "PRIVATE KEY", or
 * with a passphrase source passout (pass_get(3) forms, "--passout")
 * key_encrypt_pkcs8's "ENCRYPTED PRIVATE KEY".  Without force, an
 * existing path is never replaced (OUT_NOCLOBBER); a symbolic link at
 * path is refused (OUT_NOFOLLOW: a key is never written through a link
 * planted for it, issue 24).  On success returns 0
 * with o open: the caller commits it with out_close or drops it with
 * out_abort.  Returns EX_TROUBLE after a message: an empty or unreadable
 * passphrase, an encoding or write error.
 */
int	key_write_new(struct out *o, const char *path, int force,
	    EVP_PKEY *pk, const char *passout);

#endif
