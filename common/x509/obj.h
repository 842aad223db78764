/*
 * obj.h: the input as OpenSSL objects, with containers unpacked.
 *
 * Over the PEM reader: each certificate, CSR, private key and public key
 * of the input, one at a time, with PKCS#7 (RFC 2315) and PKCS#12
 * (RFC 7292) blocks opened into their members.  Used by the filters that
 * relate objects to each other: key-match, chain-order, pem2p12.
 */
#ifndef PEMKIT_OBJ_H
#define PEMKIT_OBJ_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "x509/input.h"
#include "read/pem.h"

/* Flags for obj_input_init(). */
#define OBJ_CERTS	0x1	/* certificates only: others are skipped */
#define OBJ_LAZY	0x2	/* certificates as DER only (x is NULL) */
#define OBJ_P12_PAIR	0x4	/* of a PKCS#12, only its key and the
				   certificate of that key */
#define OBJ_SKIP_STRICT	0x8	/* with PEM_STRICT, a skipped block is
				   an error (exit class 2): the output
				   is not the input (chain-order -s) */

/*
 * One object.  Everything is owned by the iterator and valid until the
 * next obj_next() call; take a reference (X509_up_ref, EVP_PKEY_up_ref)
 * or copy the DER to keep it.
 */
struct obj {
	const char	*src;		/* source name */
	unsigned long	 line;		/* BEGIN line of the block, 0 for DER */
	unsigned long	 index;		/* block index, 1-based */
	unsigned long	 member;	/* 1-based within a PKCS#7/#12, or 0 */
	enum pem_kind	 kind;		/* PK_CERT, PK_CSR, PK_PKCS8 (every
					   private key), PK_SPKI (every
					   public key) */
	const char	*type;		/* "cert", "csr", "key", "pubkey" */
	const unsigned char *der;	/* certificate DER, or NULL */
	size_t		 derlen;
	X509		*x;		/* certificate, unless OBJ_LAZY */
	X509_REQ	*req;		/* request */
	EVP_PKEY	*pk;		/* private or public key; for a
					   certificate or request its public
					   key, unless OBJ_LAZY */
	int		 priv;		/* pk is a private key */
};

struct obj_input {
	struct pem_input in;
	const char	*pass;		/* --passin, or NULL */
	unsigned	 flags;
	struct pem_block b;		/* the current block */
	STACK_OF(X509)	*certs;		/* members still to hand out */
	EVP_PKEY	*key;		/* PKCS#12 key still to hand out */
	int		 next;		/* next member of certs */
	unsigned long	 member;	/* members handed out */
	unsigned char	*mder;		/* DER of the current member */
	struct obj	 cur;
	int		 status;	/* worst exit class so far */
};

/*
 * obj_input_init: read files[0..nfiles) (0: stdin) with reader flags
 * rflags (PEM_STRICT, PEM_CHECK), OBJ_* flags and passphrase pass (NULL
 * for none; not copied, keep it alive).
 */
void	obj_input_init(struct obj_input *oi, char **files, int nfiles,
	    unsigned rflags, unsigned flags, const char *pass);

/*
 * obj_next: the next object into *o.  Returns 1, or 0 at the end.  An
 * object that does not decode, a key that cannot be decrypted and a
 * reader error are reported (file:line, exit class 2, recorded in the
 * status) and skipped; CRLs and unknown blocks are skipped with a note
 * under -v.
 */
int	obj_next(struct obj_input *oi, struct obj *o);

/* obj_input_end: release everything; returns the worst exit class. */
int	obj_input_end(struct obj_input *oi);

/*
 * obj_file_key: the public key of the first object of file: a
 * certificate, request, public or private key (encrypted, with pass), or
 * a PKCS#12 file's key.  Returns a new EVP_PKEY the caller frees, or NULL
 * after a message: the file does not open, its first object does not
 * decode (trouble, never skipped for the next one), or it holds no key.
 * For -k/-K of csr-check and csr-new.
 */
EVP_PKEY *obj_file_key(const char *file, const char *pass);

/*
 * obj_file_private: the first private key of file (a key file, a bundle
 * with the key anywhere in it, a PKCS#12 file), decrypted with pass.
 * Returns a new EVP_PKEY the caller frees, or NULL after a message: the
 * file does not open, an object in it does not decode, or it holds no
 * private key.  For csr-new's --key.
 */
EVP_PKEY *obj_file_private(const char *file, const char *pass);

#endif
