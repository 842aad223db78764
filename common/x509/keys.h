/*
 * keys.h: passphrases, private and public keys, PKCS#12, through OpenSSL 3.
 *
 * Nothing here prompts: OpenSSL's default PEM callback, which reads the
 * terminal, is never reached, because every decryption is given the
 * passphrase (or refused before it starts).  Passphrases live in heap
 * memory the caller frees with pass_free(), which wipes it.
 */
#ifndef PEMKIT_KEYS_H
#define PEMKIT_KEYS_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "read/pem.h"

/*
 * pass_get: read a passphrase from a source in OpenSSL's forms
 * (openssl-passphrase-options(1)): "pass:TEXT", "env:VAR", "file:PATH"
 * (its first line) or "fd:N" (the first line read from descriptor N).
 * opt names the option for messages ("--passin").  Returns a
 * NUL-terminated heap string without its line end, which the caller
 * releases with pass_free(); NULL after an error message (exit class 2):
 * unknown form, unset variable, unreadable file.  The passphrase itself
 * never appears in a message.
 */
char	*pass_get(const char *spec, const char *opt);

/* KEY_MAX_ITER and key_max_iter, the iteration cap: read/pem.h. */

/* pass_free: wipe and free a passphrase from pass_get(); NULL is allowed. */
void	 pass_free(char *pass);

/*
 * key_private: decode the private key in b, of kind PK_PKCS8,
 * PK_PKCS8_ENC (RFC 5958 section 3), PK_RSA_KEY, PK_EC_KEY or PK_DSA_KEY,
 * the last three possibly with RFC 1421 encryption headers (b->encrypted).
 * pass is the passphrase or NULL.  Returns a new EVP_PKEY the caller
 * frees, or NULL after an error message naming b->src:b->line (exit
 * class 2): "encrypted private key: give --passin", "wrong passphrase",
 * "does not decode", or an iteration count over key_max_iter.  A cipher
 * only OpenSSL's legacy provider has (RC2,
 * DES) loads it, with a note.  Sources: PKCS8_decrypt(3),
 * PEM_do_header(3), d2i_PrivateKey(3).
 */
EVP_PKEY *key_private(const struct pem_block *b, const char *pass);

/*
 * key_public: the public key of b, of kind PK_SPKI (RFC 5280 section
 * 4.1.2.7) or PK_RSA_PUB (RFC 8017 A.1.1).  Returns a new EVP_PKEY, or
 * NULL after an error message (exit class 2).  Source: d2i_PUBKEY(3).
 */
EVP_PKEY *key_public(const struct pem_block *b);

/*
 * key_pairwise_ok: 1 when the public half of the private key pk belongs
 * to its private half; 0 otherwise.  OpenSSL's pairwise check
 * (EVP_PKEY_pairwise_check(3)) for every type but RSA; for RSA, whose
 * check in OpenSSL 3.0 tests the primes (40 ms), a SHA-256 signature by
 * the private half verified with the public half (EVP_DigestSign(3),
 * FIPS 140-3's pairwise consistency test).  Clears OpenSSL's error queue.
 */
int	 key_pairwise_ok(EVP_PKEY *pk);

/*
 * key_spki_sha256: SHA-256 of the DER SubjectPublicKeyInfo of pk (its
 * public half), as lowercase hex into hex[65].  Returns 1, or 0 when the
 * key cannot be encoded.  Source: i2d_PUBKEY(3).
 */
int	 key_spki_sha256(EVP_PKEY *pk, char hex[65]);

/*
 * key_same: 1 when a and b carry the same public key (EVP_PKEY_eq(3),
 * whose -1 and -2 mean "no"), else 0.
 */
int	 key_same(const EVP_PKEY *a, const EVP_PKEY *b);

/*
 * A key looked for in certificates without decoding theirs (key-match
 * --find, issue 15): its algorithm and print (x509info_cert_key).
 * key_needle_init: of pk (referenced, not copied: keep it alive); when
 * pk has no print, every certificate is decoded.  key_needle_free frees.
 * key_needle_in: does certificate DER der[0..len) carry it?  1, with
 * *x the decoded certificate (d2i_X509(3); the caller frees); 0 not;
 * -1 the DER is not a certificate; -2 OpenSSL cannot decode its key.
 * Only a certificate whose print is the needle's is decoded, and
 * EVP_PKEY_eq(3) (key_same) decides.
 */
struct key_needle {
	const EVP_PKEY	*pk;
	int		 nid;
	unsigned char	*print;		/* NULL: none */
	size_t		 plen;
};
void	 key_needle_init(struct key_needle *k, EVP_PKEY *pk);
int	 key_needle_in(const struct key_needle *k, const unsigned char *der,
	    size_t len, X509 **x);
void	 key_needle_free(struct key_needle *k);

/* One member of an opened PKCS#12 file: DER the caller never frees. */
struct p12_member {
	enum pem_kind	 kind;		/* PK_PKCS8 or PK_CERT */
	unsigned char	*der;
	size_t		 derlen;
};

/*
 * p12_open: decode the PKCS#12 file in b (RFC 7292) with passphrase pass
 * (NULL: the file must have no passphrase, or the empty one).  On
 * success returns 1 and sets *pkey (the private key, or NULL when there is
 * none) and *certs (a new stack: the certificate of the key first, then
 * the others in file order; may be empty); the caller frees both.
 * Returns 0 after an error message naming b->src:b->line (exit class 2):
 * "PKCS#12 file needs a passphrase: give --passin", "wrong passphrase",
 * "does not decode", an iteration count over key_max_iter (checked before
 * any work).  A file without a MAC opens, with a note.  An RC2 or 3DES
 * file OpenSSL 3 refuses by default is opened through the legacy
 * provider, with a note.  Sources:
 * PKCS12_parse(3), PKCS12_verify_mac(3), OSSL_PROVIDER-legacy(7).
 */
int	 p12_open(const struct pem_block *b, const char *pass,
	    EVP_PKEY **pkey, STACK_OF(X509) **certs);

/*
 * p12_members: p12_open(), then each member as DER: the key as a PKCS#8
 * PrivateKeyInfo (RFC 5208), then the certificates.  Sets *m to a new
 * array of *n members; free it with p12_members_free(), which wipes the
 * key.  Returns 1, or 0 after p12_open's message.
 */
int	 p12_members(const struct pem_block *b, const char *pass,
	    struct p12_member **m, size_t *n);


/*
 * p12_members_certs: append the DER of each certificate of certs to
 * m[*n..] as a PK_CERT member (m has room for them), advancing *n; a
 * certificate that cannot be encoded is left out.  For PKCS#12 and
 * PKCS#7 members alike.
 */
void	 p12_members_certs(const STACK_OF(X509) *certs, struct p12_member *m,
	    size_t *n);

/* p12_members_free: wipe and free what p12_members() made. */
void	 p12_members_free(struct p12_member *m, size_t n);

/*
 * ossl_legacy: load OpenSSL's legacy provider (with the default one) once.
 * Returns 1 when it is available.  Source: OSSL_PROVIDER_load(3).
 */
int	 ossl_legacy(void);

/*
 * key_encode: the private key pk as DER, written by OpenSSL: a PKCS#8
 * PrivateKeyInfo (RFC 5208; EVP_PKEY2PKCS8(3)) when traditional is 0,
 * else the key type's own form (OSSL_ENCODER_CTX_new_for_pkey(3),
 * structure "type-specific"): PKCS#1 RSAPrivateKey (RFC 8017 A.1.2),
 * SEC1 ECPrivateKey (RFC 5915) or OpenSSL's DSA form.  Sets *der (free
 * with OPENSSL_clear_free(*der, *len)), *len and *label ("PRIVATE KEY",
 * "RSA PRIVATE KEY", ...).  Returns 1, or 0 after an error message
 * naming what (a key type with no traditional form: Ed25519, ...).
 */
int	key_encode(EVP_PKEY *pk, int traditional, const char *what,
	    unsigned char **der, size_t *len, const char **label);

/*
 * key_rewrite: the private key of block b (any form key_private takes,
 * decrypted with pass) written again by key_encode: PKCS#8 when
 * traditional is 0, else the type's traditional form.  For --decrypt and
 * --pkcs1 of pem-join and pem-split.  Same outputs and messages as
 * key_encode (and key_private's); returns 1 or 0.
 */
int	key_rewrite(const struct pem_block *b, const char *pass,
	    int traditional, unsigned char **der, size_t *len,
	    const char **label);

#endif
