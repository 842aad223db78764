/*
 * pem.h: the tolerant streaming PEM/DER block reader and the canonical
 * PEM writer at the heart of every pemkit filter.
 *
 * Input rules: CONVENTIONS.md section 4 and ../shared/DESIGN-reader.md.
 * Output rules: RFC 7468 section 2 ("strict" generation: standard label,
 * 64-column base64, LF) and CONVENTIONS.md section 5.
 *
 * The reader holds one block at a time: memory is bounded by the largest
 * block (at most PEM_MAX_BLOCK bytes of text and of DER), whatever the
 * input size.
 */
#ifndef PEMKIT_PEM_H
#define PEMKIT_PEM_H

#include <stddef.h>

#include "base/io.h"

/*
 * Cap on one block: its PEM text (BEGIN to END) and its DER.  A block over
 * the cap is an error.  Documented in every filter's man page.
 */
#define PEM_MAX_BLOCK	(64UL * 1024 * 1024)

/* Longest label accepted between "-----BEGIN " and "-----". */
#define PEM_MAX_LABEL	64

/*
 * KEY_MAX_ITER: the default cap on the iteration count of a PKCS#12 MAC,
 * of its encryption and of an encrypted PKCS#8 key (RFC 8018, RFC 7292).
 * Modern files use up to about 600,000; a file asking for more is
 * refused before the work starts, since 10^8 iterations cost seconds and
 * 2^31 minutes.  key_max_iter is the cap in force (-I/--max-iter,
 * set by opt_end() in read/opt.h); x509/keys.c applies it.
 */
#define KEY_MAX_ITER	1000000UL
extern unsigned long key_max_iter;

/*
 * What a block holds.  The label decides when there is one (legacy aliases
 * folded in); raw DER and bare base64 are classified by their structure
 * and confirmed with OpenSSL's decoder for that kind.
 */
enum pem_kind {
	PK_OTHER = 0,	/* a label we do not model, or unknown DER */
	PK_CERT,	/* X.509 certificate, RFC 5280 section 4.1 */
	PK_CSR,		/* PKCS#10 request, RFC 2986 */
	PK_CRL,		/* X.509 CRL, RFC 5280 section 5.1 */
	PK_PKCS8,	/* PrivateKeyInfo, RFC 5208 / RFC 5958 */
	PK_PKCS8_ENC,	/* EncryptedPrivateKeyInfo, RFC 5958 section 3 */
	PK_RSA_KEY,	/* RSAPrivateKey, RFC 8017 appendix A.1.2 */
	PK_EC_KEY,	/* ECPrivateKey, RFC 5915 (SEC1) */
	PK_DSA_KEY,	/* OpenSSL's DSA private key */
	PK_SPKI,	/* SubjectPublicKeyInfo, RFC 5280 section 4.1.2.7 */
	PK_RSA_PUB,	/* RSAPublicKey, RFC 8017 appendix A.1.1 */
	PK_PKCS7,	/* ContentInfo, RFC 2315 / RFC 5652 */
	PK_PKCS12,	/* PFX, RFC 7292 */
	PK_NKINDS
};

/* Repairs the reader made, one bit each; reported under -v. */
#define PR_BOM		0x0001	/* UTF-8 byte order mark */
#define PR_CRLF		0x0002	/* CRLF line ends */
#define PR_CR		0x0004	/* lone CR line ends */
#define PR_TEXT		0x0008	/* text before the block */
#define PR_INDENT	0x0010	/* indented lines */
#define PR_SPACES	0x0020	/* spaces or tabs inside base64 lines */
#define PR_LINELEN	0x0040	/* base64 lines not 64 columns */
#define PR_ONELINE	0x0080	/* BEGIN, body and END on one line */
#define PR_GLUED	0x0100	/* END and the next BEGIN without newline */
#define PR_LEGACY	0x0200	/* legacy label replaced */
#define PR_ESCNL	0x0400	/* the two characters \n as line breaks */
#define PR_BARE		0x0800	/* base64 without BEGIN/END armour */
#define PR_TRUST	0x1000	/* OpenSSL trust settings dropped */
#define PR_BER		0x2000	/* PKCS#7 in BER, re-encoded as DER */
#define PR_MIXED	0x4000	/* DER and PEM in one stream */
#define PR_UTF16	0x8000	/* UTF-16 text (byte order mark) */
#define PR_NLABELS	16
/* Repairs that change the layout of the base64 body. */
#define PR_LAYOUT	(PR_CRLF | PR_CR | PR_INDENT | PR_SPACES | \
			 PR_LINELEN | PR_ONELINE | PR_ESCNL)

/* Reader flags. */
#define PEM_STRICT	0x1	/* every repair is an error (--strict) */
#define PEM_CHECK	0x2	/* decode every block fully (--check) */
#define PEM_ANY_DER	0x4	/* unknown DER is a block (kind PK_OTHER,
				   label NULL), not an error */

/*
 * One block.  Every pointer is owned by the reader and valid until the
 * next pem_next() or pem_close() on it.
 */
struct pem_block {
	const char	*src;		/* source name for messages */
	unsigned long	 line;		/* line of BEGIN, 1-based; 0 for DER */
	unsigned long long offset;	/* byte offset of BEGIN or DER object */
	unsigned long	 index;		/* 1-based, counted across inputs */
	unsigned long	 member;	/* 1-based place in the PKCS#7 or
					   PKCS#12 it came from (pemkit(7)),
					   0 for a block of the stream */
	enum pem_kind	 kind;
	const char	*label;		/* output label; NULL for unknown DER */
	const char	*inlabel;	/* label as read; "" for DER */
	const unsigned char *der;	/* the decoded body */
	size_t		 derlen;
	const char	*b64;		/* the body as read, when it is
					   already canonical; else NULL */
	size_t		 b64len;
	const char	*hdr;		/* RFC 1421 headers, LF ends, or NULL */
	size_t		 hdrlen;	/* including the blank line */
	int		 encrypted;	/* Proc-Type: 4,ENCRYPTED headers */
	int		 from_der;	/* read as raw DER or bare base64 */
	unsigned	 repairs;	/* PR_* bits */
};

struct pem_reader;

/*
 * pem_open: start reading fd (already open; not closed by the reader),
 * shown as src in messages (pointer kept, not copied).  flags: PEM_*.
 * index_base is the number of blocks already read from earlier inputs.
 * Never fails (allocation failure exits).
 */
struct pem_reader *pem_open(int fd, const char *src, unsigned flags,
	    unsigned long index_base);

/*
 * pem_next: read the next block into *b.
 * Returns 1 with a block, 0 at the end of the input, -1 on an error,
 * after printing "prog: src:line: cause" (the line of the block's BEGIN,
 * or the byte offset for DER).  After -1 the reader yields nothing more.
 * Repairs are printed as notes under -v; with PEM_STRICT a repair is an
 * error.  Sources: RFC 7468 sections 2-5; RFC 1421 section 4.6 (headers);
 * X.690 section 8.1 (framing, via OpenSSL's ASN1_get_object).
 */
int	pem_next(struct pem_reader *r, struct pem_block *b);

/* pem_close: free the reader, wiping its buffers.  NULL is allowed. */
void	pem_close(struct pem_reader *r);

/*
 * pem_write: write one block as RFC 7468 "strict" PEM (section 2): the
 * label, headers as given (hdr NULL for none), base64 in 64-column lines,
 * LF ends.  Returns 0 or EX_TROUBLE (write error, printed).
 */
int	pem_write(struct out *o, const char *label, const char *hdr,
	    size_t hdrlen, const unsigned char *der, size_t derlen);

/*
 * pem_write_block: pem_write of a block's own label, headers and DER; marks
 * the output secret (0600, wiped) when the block holds a private key.
 * The block must have a label.
 */
int	pem_write_block(struct out *o, const struct pem_block *b);

/*
 * pem_der_kind: classify DER by its structure alone (the first elements'
 * tags, read with OpenSSL's ASN1_get_object).  Cheap; returns PK_OTHER
 * when no kind fits.  Not proof: see ossl_der_decodes().
 */
enum pem_kind pem_der_kind(const unsigned char *der, size_t len);

/*
 * pem_der_decodes: 1 when OpenSSL's own decoder for kind (d2i_X509,
 * d2i_X509_REQ, d2i_X509_CRL, d2i_PKCS8_PRIV_KEY_INFO, d2i_X509_SIG,
 * d2i_PrivateKey, d2i_X509_PUBKEY, d2i_PublicKey, d2i_PKCS7, d2i_PKCS12)
 * accepts der[0..len) and uses every byte, and for a certificate, CSR or
 * SubjectPublicKeyInfo the public key decodes too.  Returns 0 when it
 * does not decode, -1 when only the public key does not (an algorithm
 * OpenSSL does not support), leaving OpenSSL's reasons on the error queue
 * for diag_err() to print.
 */
int	pem_der_decodes(enum pem_kind kind, const unsigned char *der,
	    size_t len);

/* pem_kind_label: the RFC 7468 (or OpenSSL) label for a kind; NULL for
 * PK_OTHER. */
const char *pem_kind_label(enum pem_kind k);

/* pem_kind_type: short type name: cert, csr, crl, key, pubkey, pkcs7,
 * pkcs12, other. */
const char *pem_kind_type(enum pem_kind k);

/* pem_kind_name: words for messages: "certificate", "PKCS#8 private key". */
const char *pem_kind_name(enum pem_kind k);

/*
 * pem_block_type: the type name of a block; "key" also for private keys
 * under a label we do not model (OPENSSH PRIVATE KEY, ...).
 */
const char *pem_block_type(const struct pem_block *b);

/*
 * pem_label_secret: 1 when a label names secret material: it contains
 * "PRIVATE KEY" (OPENSSH PRIVATE KEY, ...) or "STATIC KEY" (OpenVPN's
 * static key), in any case.  label may be NULL.
 */
int	pem_label_secret(const char *label);

/*
 * pem_block_secret: 1 when the block holds secret material, judged by
 * content: every private-key kind the reader detects, PKCS#12, and any
 * block whose label (as read or as written) pem_label_secret() names.
 */
int	pem_block_secret(const struct pem_block *b);

/*
 * pem_type_match: 1 when the block matches the -t argument: a type name
 * (see pem_kind_type) or a label, compared without regard to case.
 */
int	pem_type_match(const struct pem_block *b, const char *type);

/* pem_repair_text: the words for one PR_* bit, for notes. */
const char *pem_repair_text(unsigned bit);

/*
 * struct der_tlv: one DER element (X.690 section 8.1): tag and class,
 * constructed or not, and its content val[0..len).  An indefinite length
 * (BER) sets indef, with val..end as the content.
 */
struct der_tlv {
	int			 tag, cls, cons, indef;
	const unsigned char	*val;
	long			 len;
};

/*
 * der_next: read the element at *pp, not past end (ASN1_get_object(3)).
 * Returns 1 and advances *pp past it (to end for an indefinite length);
 * 0 on a framing error, with OpenSSL's error queue cleared.
 */
int	der_next(const unsigned char **pp, const unsigned char *end,
	    struct der_tlv *t);

/*
 * json_begin_block: json_begin_at (json.h) with the source, index and
 * BEGIN line of block b: the members every filter's JSON object shares
 * (pemkit(7), JSON output), then "type".
 */
struct json;
void	json_begin_block(struct json *j, struct out *o,
	    const struct pem_block *b, const char *type);

#endif
