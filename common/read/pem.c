/*
 * pem.c: the streaming PEM/DER reader and canonical writer; see pem.h.
 *
 * The reader is a scanner over a window of the input (DESIGN-reader.md):
 * it looks for "-----BEGIN ", reads the label up to the next "-----",
 * then decodes base64 up to "-----END ", wherever those markers sit on a
 * line.  That one rule covers one-line PEM, spaces for newlines, glued
 * blocks and indentation.  Base64 never contains '-', so memchr('-')
 * finds the markers.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "base/io.h"
#include "base/json.h"
#include "read/pem.h"

#define RD_CHUNK	(1024 * 1024)
#define BEGIN_MARK	"-----BEGIN "
#define END_MARK	"-----END "
#define DASHES		"-----"

unsigned long	key_max_iter = KEY_MAX_ITER;

enum { M_UNKNOWN, M_PEM, M_DER };

struct pem_reader {
	int		 fd;
	const char	*src;
	unsigned	 flags;
	unsigned char	*buf;
	size_t		 cap, pos, end;	/* unread input is buf[pos..end) */
	size_t		 used;		/* high-water mark of end */
	unsigned long	 line;		/* line number at buf[pos] */
	unsigned long long off;		/* source offset of buf[pos] */
	int		 pending_cr;	/* buf[pos-1] was an uncounted CR */
	int		 eof, mode, failed, done;
	int		 glued;		/* last END was followed by '-' */
	int		 midline;	/* last END was not followed by a
					   line end */
	int		 discarded;	/* input was dropped before a block */
	unsigned	 carry;		/* repairs to report on next block */
	unsigned long	 textline;	/* where skipped text started */
	unsigned long	 nblocks, index;
	size_t		 lastlabel;	/* index into labels[] */
	unsigned char	*der;
	size_t		 dercap, derused;
	char		*hdr;
	size_t		 hdrcap;
	char		 label[PEM_MAX_LABEL + 1];
	char		 inlabel[PEM_MAX_LABEL + 1];
	int		 utf16;		/* 0, or U16_LE / U16_BE */
	int		 u16carry;	/* odd byte of the last read, or -1 */
	unsigned char	*raw;		/* UTF-16 input before conversion */
	unsigned char	*ber;		/* DER re-encoding of a BER PKCS#7 */
	int		 berlen;
	unsigned	 mixed;		/* PR_MIXED for the next block */
};

enum { U16_LE = 1, U16_BE = 2 };
#define U16_READ	(RD_CHUNK / 3 * 2 - 4)

/* Label table: RFC 7468 section 4 onwards, plus OpenSSL's and legacy ones. */
static const struct {
	const char	*label;
	enum pem_kind	 kind;
	const char	*out;		/* label written */
} labels[] = {
	{ "CERTIFICATE",		PK_CERT,	"CERTIFICATE" },
	{ "X509 CERTIFICATE",		PK_CERT,	"CERTIFICATE" },
	{ "TRUSTED CERTIFICATE",	PK_CERT,	"CERTIFICATE" },
	{ "CERTIFICATE REQUEST",	PK_CSR,		"CERTIFICATE REQUEST" },
	{ "NEW CERTIFICATE REQUEST",	PK_CSR,		"CERTIFICATE REQUEST" },
	{ "X509 CRL",			PK_CRL,		"X509 CRL" },
	{ "PRIVATE KEY",		PK_PKCS8,	"PRIVATE KEY" },
	{ "ENCRYPTED PRIVATE KEY",	PK_PKCS8_ENC,	"ENCRYPTED PRIVATE KEY" },
	{ "RSA PRIVATE KEY",		PK_RSA_KEY,	"RSA PRIVATE KEY" },
	{ "EC PRIVATE KEY",		PK_EC_KEY,	"EC PRIVATE KEY" },
	{ "DSA PRIVATE KEY",		PK_DSA_KEY,	"DSA PRIVATE KEY" },
	{ "PUBLIC KEY",			PK_SPKI,	"PUBLIC KEY" },
	{ "RSA PUBLIC KEY",		PK_RSA_PUB,	"RSA PUBLIC KEY" },
	{ "PKCS7",			PK_PKCS7,	"PKCS7" },
	{ "CMS",			PK_PKCS7,	"CMS" },
	{ "PKCS #7 SIGNED DATA",	PK_PKCS7,	"PKCS7" },
	{ "PKCS12",			PK_PKCS12,	"PKCS12" },
};

static const struct {
	const char	*label, *type, *name;
} kinds[PK_NKINDS] = {
	[PK_OTHER] =	{ NULL,			"other",  "unknown object" },
	[PK_CERT] =	{ "CERTIFICATE",	"cert",   "certificate" },
	[PK_CSR] =	{ "CERTIFICATE REQUEST", "csr",   "certificate request" },
	[PK_CRL] =	{ "X509 CRL",		"crl",    "CRL" },
	[PK_PKCS8] =	{ "PRIVATE KEY",	"key",    "PKCS#8 private key" },
	[PK_PKCS8_ENC] = { "ENCRYPTED PRIVATE KEY", "key",
	    "encrypted PKCS#8 private key" },
	[PK_RSA_KEY] =	{ "RSA PRIVATE KEY",	"key",    "PKCS#1 RSA private key" },
	[PK_EC_KEY] =	{ "EC PRIVATE KEY",	"key",    "SEC1 EC private key" },
	[PK_DSA_KEY] =	{ "DSA PRIVATE KEY",	"key",    "DSA private key" },
	[PK_SPKI] =	{ "PUBLIC KEY",		"pubkey",
	    "SubjectPublicKeyInfo public key" },
	[PK_RSA_PUB] =	{ "RSA PUBLIC KEY",	"pubkey", "PKCS#1 RSA public key" },
	[PK_PKCS7] =	{ "PKCS7",		"pkcs7",  "PKCS#7 object" },
	[PK_PKCS12] =	{ "PKCS12",		"pkcs12", "PKCS#12 file" },
};

static const char *repair_words[PR_NLABELS] = {
	"UTF-8 byte order mark skipped",
	"CRLF line ends",
	"CR line ends",
	"text before the block skipped",
	"indented lines",
	"spaces or tabs inside base64 lines",
	"base64 lines are not 64 columns",
	"whole block on one line",
	"blocks glued without newline",
	"legacy label",
	"the two characters \\n used as line breaks",
	"base64 without BEGIN/END lines",
	"OpenSSL trust settings after the certificate dropped",
	"PKCS#7 in BER (indefinite lengths) re-encoded as DER",
	"DER and PEM in one stream",
	"UTF-16 text read",
};

const char *
pem_repair_text(unsigned bit)
{
	int i;

	for (i = 0; i < PR_NLABELS; i++)
		if (bit == 1U << i)
			return repair_words[i];
	return "repair";
}

const char *
pem_kind_label(enum pem_kind k)
{
	return k < PK_NKINDS ? kinds[k].label : NULL;
}

const char *
pem_kind_type(enum pem_kind k)
{
	return k < PK_NKINDS ? kinds[k].type : "other";
}

const char *
pem_kind_name(enum pem_kind k)
{
	return k < PK_NKINDS ? kinds[k].name : "unknown object";
}

/* 1 when s contains w, ASCII letters compared without regard to case. */
static int
has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; s != NULL && *s != '\0'; s++)	/* w[0] is a capital */
		if ((*s == w[0] || *s == w[0] + 32) && strncasecmp(s, w, n) == 0)
			return 1;
	return 0;
}

int
pem_label_secret(const char *label)
{
	/* "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "private key"
	 * in any case; OpenVPN's "OpenVPN Static key V1" */
	return has_word(label, "PRIVATE KEY") || has_word(label, "STATIC KEY");
}

const char *
pem_block_type(const struct pem_block *b)
{
	if (b->kind == PK_OTHER && (pem_label_secret(b->inlabel) ||
	    pem_label_secret(b->label)))
		return "key";
	return pem_kind_type(b->kind);
}

int
pem_block_secret(const struct pem_block *b)
{
	return strcmp(pem_block_type(b), "key") == 0 || b->kind == PK_PKCS12 ||
	    pem_label_secret(b->label) || pem_label_secret(b->inlabel);
}

int
pem_type_match(const struct pem_block *b, const char *type)
{
	if (strcasecmp(type, pem_block_type(b)) == 0)
		return 1;
	if (b->label != NULL && strcasecmp(type, b->label) == 0)
		return 1;
	return strcasecmp(type, b->inlabel) == 0;
}

/* --- DER structure, via OpenSSL's ASN1_get_object (X.690 8.1) --- */

int
der_next(const unsigned char **pp, const unsigned char *end, struct der_tlv *t)
{
	const unsigned char *p = *pp;
	long len;
	int tag, cls, ret;

	if (p >= end)
		return 0;
	ret = ASN1_get_object(&p, &len, &tag, &cls, end - *pp);
	if (ret & 0x80) {
		ERR_clear_error();
		return 0;
	}
	t->tag = tag;
	t->cls = cls;
	t->cons = (ret & 0x20) != 0;
	t->indef = ret == 0x21;
	t->val = p;
	t->len = t->indef ? end - p : len;
	*pp = t->indef ? end : p + len;
	return 1;
}

#define UNIV(t, n)	((t).cls == V_ASN1_UNIVERSAL && (t).tag == (n))
#define CTX(t, n)	((t).cls == V_ASN1_CONTEXT_SPECIFIC && (t).tag == (n))
#define MAXEL		10

/* Up to MAXEL elements of a constructed value; returns their count, or
 * -1 on a framing error.  An indefinite element ends the walk; so does
 * reaching want elements (want 0: count them all). */
static int
elements(const unsigned char *p, long len, struct der_tlv *el, int want)
{
	const unsigned char *end = p + len;
	int n = 0;

	while (p < end && n < MAXEL) {
		if (!der_next(&p, end, &el[n]))
			return -1;
		if (el[n++].indef || n == want)
			return n;
	}
	if (p < end && n == MAXEL) {
		struct der_tlv skip;

		while (p < end)		/* count the rest */
			if (!der_next(&p, end, &skip))
				return -1;
			else
				n++;
	}
	return n;
}

static int
is_time(const struct der_tlv *t)
{
	return UNIV(*t, V_ASN1_UTCTIME) || UNIV(*t, V_ASN1_GENERALIZEDTIME);
}

/* Tell a certificate, a CSR and a CRL apart by their to-be-signed part
 * (RFC 5280 4.1 and 5.1, RFC 2986 4.1). */
static enum pem_kind
signed_kind(const struct der_tlv *tbs)
{
	struct der_tlv e[MAXEL];
	int n;

	if ((n = elements(tbs->val, tbs->len, e, 4)) < 1)
		return PK_OTHER;
	if (CTX(e[0], 0))
		return PK_CERT;		/* explicit version */
	if (UNIV(e[0], V_ASN1_SEQUENCE))
		return PK_CRL;		/* v1 CRL: signature first */
	if (!UNIV(e[0], V_ASN1_INTEGER) || n < 4)
		return PK_OTHER;
	if (CTX(e[3], 0) && UNIV(e[1], V_ASN1_SEQUENCE))
		return PK_CSR;		/* version, subject, spki, [0] */
	if (is_time(&e[3]))
		return PK_CRL;		/* version, sig, issuer, thisUpdate */
	if (UNIV(e[1], V_ASN1_SEQUENCE) && UNIV(e[2], V_ASN1_SEQUENCE) &&
	    UNIV(e[3], V_ASN1_SEQUENCE))
		return PK_CERT;		/* v1: serial, sig, issuer, validity */
	return PK_OTHER;
}

enum pem_kind
pem_der_kind(const unsigned char *der, size_t len)
{
	static const unsigned char pkcs7[] = {	/* 1.2.840.113549.1.7 */
		0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07
	};
	const unsigned char *p = der;
	struct der_tlv top, e[MAXEL];
	int n, i, ints;

	if (!der_next(&p, der + len, &top) || !UNIV(top, V_ASN1_SEQUENCE) ||
	    !top.cons)
		return PK_OTHER;
	if ((n = elements(top.val, top.len, e, 0)) < 1)
		return PK_OTHER;
	for (ints = 0; ints < n && ints < MAXEL; ints++)
		if (!UNIV(e[ints], V_ASN1_INTEGER))
			break;
	if (UNIV(e[0], V_ASN1_SEQUENCE) && e[0].cons &&
	    (e[0].indef || (n == 3 && UNIV(e[1], V_ASN1_SEQUENCE) &&
	    UNIV(e[2], V_ASN1_BIT_STRING))))
		return signed_kind(&e[0]);
	if (n == 2 && UNIV(e[0], V_ASN1_SEQUENCE) &&
	    UNIV(e[1], V_ASN1_OCTET_STRING))
		return PK_PKCS8_ENC;
	if (n == 2 && UNIV(e[0], V_ASN1_SEQUENCE) &&
	    UNIV(e[1], V_ASN1_BIT_STRING))
		return PK_SPKI;
	if (n >= 3 && UNIV(e[0], V_ASN1_INTEGER) &&
	    UNIV(e[1], V_ASN1_SEQUENCE) && UNIV(e[2], V_ASN1_OCTET_STRING))
		return PK_PKCS8;
	if (n == 2 && ints == 2)
		return PK_RSA_PUB;
	if ((n == 9 && ints == 9) || (n == 10 && ints == 9 &&
	    UNIV(e[9], V_ASN1_SEQUENCE)))
		return PK_RSA_KEY;
	if (n == 6 && ints == 6)
		return PK_DSA_KEY;
	if (n >= 2 && n <= 4 && UNIV(e[0], V_ASN1_INTEGER) &&
	    UNIV(e[1], V_ASN1_OCTET_STRING)) {
		for (i = 2; i < n; i++)
			if (!CTX(e[i], 0) && !CTX(e[i], 1))
				return PK_OTHER;
		return PK_EC_KEY;
	}
	if (n <= 2 && UNIV(e[0], V_ASN1_OBJECT) &&
	    e[0].len == (long)sizeof(pkcs7) + 1 &&
	    memcmp(e[0].val, pkcs7, sizeof(pkcs7)) == 0 &&
	    (n == 1 || CTX(e[1], 0)))
		return PK_PKCS7;
	if ((n == 2 || n == 3) && UNIV(e[0], V_ASN1_INTEGER) &&
	    UNIV(e[1], V_ASN1_SEQUENCE) &&
	    (n == 2 || UNIV(e[2], V_ASN1_SEQUENCE)))
		return PK_PKCS12;	/* version, authSafe, macData */
	return PK_OTHER;
}

int
pem_der_decodes(enum pem_kind kind, const unsigned char *der, size_t len)
{
	const unsigned char *p = der;
	long n = (long)len;
	void *obj = NULL;
	EVP_PKEY *pk = NULL;
	int ok, nokey = 0;

	switch (kind) {
	case PK_CERT:
		/* d2i_X509 keeps a key it cannot decode; --check wants it */
		if ((obj = d2i_X509(NULL, &p, n)) != NULL &&
		    X509_get0_pubkey(obj) == NULL) {
			X509_free(obj);
			obj = NULL;
			nokey = 1;
		}
		X509_free(obj);
		break;
	case PK_CSR:
		if ((obj = d2i_X509_REQ(NULL, &p, n)) != NULL &&
		    X509_REQ_get0_pubkey(obj) == NULL) {
			X509_REQ_free(obj);
			obj = NULL;
			nokey = 1;
		}
		X509_REQ_free(obj);
		break;
	case PK_CRL:
		obj = d2i_X509_CRL(NULL, &p, n);
		X509_CRL_free(obj);
		break;
	case PK_PKCS8:
		/* the key itself, as pemkit(7) promises for --check: a bad
		 * OID, DH or DSA without its domain parameters fail here */
		if ((obj = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, n)) != NULL &&
		    (pk = EVP_PKCS82PKEY(obj)) == NULL) {
			PKCS8_PRIV_KEY_INFO_free(obj);
			obj = NULL;
			nokey = 1;
		}
		EVP_PKEY_free(pk);
		pk = NULL;
		PKCS8_PRIV_KEY_INFO_free(obj);
		break;
	case PK_PKCS8_ENC:
		obj = d2i_X509_SIG(NULL, &p, n);
		X509_SIG_free(obj);
		break;
	case PK_RSA_KEY:
	case PK_EC_KEY:
	case PK_DSA_KEY:
		pk = d2i_PrivateKey(kind == PK_RSA_KEY ? EVP_PKEY_RSA :
		    kind == PK_EC_KEY ? EVP_PKEY_EC : EVP_PKEY_DSA, NULL, &p, n);
		obj = pk;
		EVP_PKEY_free(pk);
		break;
	case PK_SPKI:
		if ((obj = d2i_X509_PUBKEY(NULL, &p, n)) != NULL &&
		    X509_PUBKEY_get0(obj) == NULL) {
			X509_PUBKEY_free(obj);
			obj = NULL;
			nokey = 1;
		}
		X509_PUBKEY_free(obj);
		break;
	case PK_RSA_PUB:
		pk = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, n);
		obj = pk;
		EVP_PKEY_free(pk);
		break;
	case PK_PKCS7:
		obj = d2i_PKCS7(NULL, &p, n);
		PKCS7_free(obj);
		break;
	case PK_PKCS12:
		obj = d2i_PKCS12(NULL, &p, n);
		PKCS12_free(obj);
		break;
	default:
		return 0;
	}
	if (nokey)
		return -1;
	ok = obj != NULL && p == der + len;
	if (ok)
		ERR_clear_error();
	return ok;
}

/* --- input window --- */

/*
 * Append UTF-16 input p[0..n) (byte order r->utf16) to the window as
 * UTF-8 (RFC 3629).  A lone surrogate or a pair becomes U+FFFD: only
 * text outside blocks can hold anything but ASCII, and it is skipped.
 * The caller makes room for n * 3 / 2 + 3 bytes.
 */
static void
u16_push(struct pem_reader *r, const unsigned char *p, size_t n)
{
	unsigned char *w = r->buf + r->end;
	const unsigned char *e = p + n;
	unsigned u, b0;

	while (p < e) {
		if (r->u16carry < 0) {
			if (e - p < 2) {
				r->u16carry = *p++;
				break;
			}
			b0 = *p++;
		} else {
			b0 = (unsigned)r->u16carry;
			r->u16carry = -1;
		}
		u = r->utf16 == U16_LE ? b0 | (unsigned)*p << 8 :
		    b0 << 8 | *p;
		p++;
		if (u >= 0xd800 && u <= 0xdfff)
			u = 0xfffd;
		if (u < 0x80)
			*w++ = (unsigned char)u;
		else if (u < 0x800) {
			*w++ = (unsigned char)(0xc0 | u >> 6);
			*w++ = (unsigned char)(0x80 | (u & 0x3f));
		} else {
			*w++ = (unsigned char)(0xe0 | u >> 12);
			*w++ = (unsigned char)(0x80 | ((u >> 6) & 0x3f));
			*w++ = (unsigned char)(0x80 | (u & 0x3f));
		}
	}
	r->end = (size_t)(w - r->buf);
}

/*
 * Make at least want bytes of unread input available, or all that is
 * left.  Returns the number available; sets r->failed on a read error.
 */
static size_t
fill(struct pem_reader *r, size_t want)
{
	ssize_t n;
	size_t ncap;

	while (r->end - r->pos < want && !r->eof && !r->failed) {
		if (r->pos > 0 && r->end + RD_CHUNK > r->cap) {
			memmove(r->buf, r->buf + r->pos, r->end - r->pos);
			r->end -= r->pos;
			r->pos = 0;
		}
		if (r->end + RD_CHUNK > r->cap) {
			ncap = r->cap ? r->cap * 2 : 2 * RD_CHUNK;
			while (ncap < r->end + RD_CHUNK)
				ncap *= 2;
			r->buf = xrealloc(r->buf, ncap);
			r->cap = ncap;
		}
		if (r->utf16) {
			/* UTF-8 of UTF-16 code units: at most 1.5 bytes per
			 * input byte (and the odd byte carried over), so
			 * U16_READ bytes fit in RD_CHUNK */
			n = read(r->fd, r->raw, U16_READ);
			if (n > 0)
				u16_push(r, r->raw, (size_t)n);
		} else if ((n = read(r->fd, r->buf + r->end, RD_CHUNK)) > 0)
			r->end += (size_t)n;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			diag_err(r->src, 0, "read error: %s", strerror(errno));
			r->failed = 1;
		} else if (n == 0)
			r->eof = 1;
		if (r->end > r->used)
			r->used = r->end;
	}
	return r->end - r->pos;
}

/*
 * Count line ends in p[0..n) (p inside r's window): LF, and CR not
 * followed by LF.  A CR at the very end of the input read so far is held
 * in pending_cr until the next byte is known.
 */
static unsigned long
count_lines(struct pem_reader *r, const unsigned char *p, size_t n)
{
	const unsigned char *q = p, *e = p + n, *wend = r->buf + r->end;
	unsigned long lines = 0;

	if (r->pending_cr && p < wend) {
		lines += p[0] != '\n';
		r->pending_cr = 0;
	}
	while ((q = memchr(q, '\n', (size_t)(e - q))) != NULL) {
		lines++;
		q++;
	}
	if (n > 0 && memchr(p, '\r', n) != NULL) {
		for (q = p; q < e; q++) {
			if (*q != '\r')
				continue;
			if (q + 1 < wend)
				lines += q[1] != '\n';
			else
				r->pending_cr = 1;
		}
	}
	return lines;
}

/* Consume n bytes, keeping the line and offset counters. */
static void
advance(struct pem_reader *r, size_t n)
{
	r->line += count_lines(r, r->buf + r->pos, n);
	r->pos += n;
	r->off += n;
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* --- base64 (RFC 4648 section 4), with the repairs of pem.h --- */

enum { B_BAD = -1, B_SP = -2, B_LF = -3, B_CR = -4, B_PAD = -5, B_ESC = -6 };
static signed char b64dec[256];
/* b64q[k][c]: the value of c shifted into place k of a quad; B64BAD in
 * any entry that is not base64, so one OR tests four characters. */
#define B64BAD	0x01000000U
static uint32_t b64q[4][256];
static const char b64enc[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
b64_init(void)
{
	int i;

	if (b64dec['A'] == 0 && b64dec['B'] == 0) {
		for (i = 0; i < 256; i++)
			b64dec[i] = B_BAD;
		for (i = 0; i < 64; i++)
			b64dec[(unsigned char)b64enc[i]] = (signed char)i;
		b64dec[' '] = b64dec['\t'] = B_SP;
		b64dec['\n'] = B_LF;
		b64dec['\r'] = B_CR;
		b64dec['='] = B_PAD;
		b64dec['\\'] = B_ESC;
		for (i = 0; i < 256; i++) {
			uint32_t v = b64dec[i] >= 0 ? (uint32_t)b64dec[i] : 0;
			uint32_t bad = b64dec[i] >= 0 ? 0 : B64BAD;

			b64q[0][i] = v << 18 | bad;
			b64q[1][i] = v << 12 | bad;
			b64q[2][i] = v << 6 | bad;
			b64q[3][i] = v | bad;
		}
	}
}

struct b64 {
	unsigned char	*out;
	size_t		 outlen;
	unsigned	 repairs;
	unsigned long	 lines;		/* line ends passed */
	unsigned long	 badline;	/* lines before the bad byte */
	const char	*err;		/* static text, or NULL */
	unsigned char	 badc;
	int		 noncanon;	/* non-zero pad bits */
};

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define B64_SIMD 1
/*
 * Sixteen base64 characters at p (RFC 4648 section 4's alphabet only)
 * into 12 bytes at w, with SSSE3 (issue 28 item 3): each character
 * classified by its two nibbles (a table lookup each, pshufb), shifted
 * to its value by a per-range offset, the four 6-bit values of each
 * quad merged with pmaddubsw/pmaddwd.  W. Mula and D. Lemire, "Faster
 * Base64 Encoding and Decoding Using AVX2 Instructions" (ACM TOW 2018),
 * section 4.  Writes 16 bytes at w (4 past the 12); 0, or -1 when a
 * character is not in the alphabet (w then holds garbage).
 */
__attribute__((target("ssse3"))) static int
b64_dec16(const unsigned char *p, unsigned char *w)
{
	const __m128i lut_lo = _mm_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11,
	    0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1a, 0x1b, 0x1b, 0x1b, 0x1a);
	const __m128i lut_hi = _mm_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04,
	    0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
	const __m128i lut_roll = _mm_setr_epi8(0, 16, 19, 4, -65, -65, -71,
	    -71, 0, 0, 0, 0, 0, 0, 0, 0);
	const __m128i m2f = _mm_set1_epi8(0x2f);
	__m128i in, hi, lo, roll;

	in = _mm_loadu_si128((const __m128i *)(const void *)p);
	hi = _mm_and_si128(_mm_srli_epi32(in, 4), m2f);
	lo = _mm_shuffle_epi8(lut_lo, _mm_and_si128(in, m2f));
	roll = _mm_shuffle_epi8(lut_roll,
	    _mm_add_epi8(_mm_cmpeq_epi8(in, m2f), hi));
	hi = _mm_shuffle_epi8(lut_hi, hi);
	if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(lo, hi),
	    _mm_setzero_si128())) != 0xffff)
		return -1;
	in = _mm_add_epi8(in, roll);
	in = _mm_maddubs_epi16(in, _mm_set1_epi32(0x01400140));
	in = _mm_madd_epi16(in, _mm_set1_epi32(0x00011000));
	in = _mm_shuffle_epi8(in, _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8,
	    14, 13, 12, -1, -1, -1, -1));
	_mm_storeu_si128((__m128i *)(void *)w, in);
	return 0;
}

/* 1 when this CPU has SSSE3, asked once. */
static int
b64_simd_ok(void)
{
	static int ok = -1;

	if (ok < 0) {
		__builtin_cpu_init();
		ok = __builtin_cpu_supports("ssse3") != 0;
	}
	return ok;
}
#endif

/* The length of the line at p when it is whole (an LF before e), 4 to
 * 128 characters and a multiple of 4; else 0. */
static size_t
b64_linelen(const unsigned char *p, const unsigned char *e)
{
	const unsigned char *nl;
	size_t len;

	if (e - p > 64 && p[64] == '\n')
		return 64;
	if ((nl = memchr(p, '\n', e - p > 129 ? 129 : (size_t)(e - p))) ==
	    NULL)
		return 0;
	len = (size_t)(nl - p);
	return len >= 4 && len % 4 == 0 ? len : 0;
}

/*
 * The line p[0..len) (len as b64_linelen gives it) into len / 4 * 3 bytes
 * at o, which has 3 bytes of slack past them: 16 characters at a time
 * with SSSE3 when simd, the rest a quad at a time through b64q.
 * Returns 0, or -1 when a character is not in RFC 4648's alphabet ('='
 * included: the careful loop takes a padded line).
 */
static int
b64_line(const unsigned char *p, size_t len, unsigned char *o, int simd)
{
	unsigned char last[16];
	uint32_t q, bad = 0;
	size_t k = 0;

#ifdef B64_SIMD
	/* b64_dec16 writes 16 bytes: the 4 past its 12 land where the
	 * next 16 characters go, or in last */
	if (simd) {
		for (; k + 32 <= len; k += 16)
			if (b64_dec16(p + k, o + k / 4 * 3) != 0)
				return -1;
		if (k + 16 <= len) {
			if (b64_dec16(p + k, last) != 0)
				return -1;
			memcpy(o + k / 4 * 3, last, 12);
			k += 16;
		}
	}
#else
	(void)simd;
	(void)last;
#endif
	for (o += k / 4 * 3; k < len; k += 4, o += 3) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* one load and one store per quad (issue 15); the store's
		 * fourth byte falls in the next quad's place or in the
		 * slack */
		uint32_t in;

		memcpy(&in, p + k, 4);
		q = b64q[0][in & 0xff] | b64q[1][(in >> 8) & 0xff] |
		    b64q[2][(in >> 16) & 0xff] | b64q[3][in >> 24];
		bad |= q;
		in = __builtin_bswap32(q << 8);
		memcpy(o, &in, 4);
#else
		q = b64q[0][p[k]] | b64q[1][p[k + 1]] | b64q[2][p[k + 2]] |
		    b64q[3][p[k + 3]];
		bad |= q;
		o[0] = (unsigned char)(q >> 16);
		o[1] = (unsigned char)(q >> 8);
		o[2] = (unsigned char)q;
#endif
	}
	return bad & B64BAD ? -1 : 0;
}

/*
 * Decode p[0..n) into d->out (room for n * 3 / 4 + 3 bytes).  Skips
 * white space and \n escapes, noting each repair.  Returns 0, or -1 with
 * d->err and d->badline set.
 */
static int
b64_decode(const unsigned char *p, size_t n, struct b64 *d)
{
	const unsigned char *e = p + n;
	unsigned char *o = d->out;
	uint32_t acc = 0;
	int nacc = 0, pad = 0, v;
	size_t col = 0, lastcol = 64, len;
	int lead = 0;		/* at the start of a line (not on BEGIN's) */
#ifdef B64_SIMD
	int simd = b64_simd_ok();
#endif

	for (; p < e; p++) {
		/* Fast path: whole lines of 4 to 128 columns (64 in PEM,
		 * 76 in MIME), a multiple of 4, each ending in LF */
		while (col == 0 && nacc == 0 && !pad &&
		    (len = b64_linelen(p, e)) != 0) {
#ifdef B64_SIMD
			if (b64_line(p, len, o, simd) != 0)
#else
			if (b64_line(p, len, o, 0) != 0)
#endif
				break;	/* the careful loop says why */
			if (lastcol != 64)
				d->repairs |= PR_LINELEN;
			o += len / 4 * 3;
			lastcol = len;
			lead = 1;
			d->lines++;
			p += len + 1;
		}
		if (p >= e)
			break;
		v = b64dec[*p];
		if (v >= 0) {
			if (pad) {
				d->err = "base64 data after '=' padding";
				goto bad;
			}
			if (col == 0 && lastcol != 64)
				d->repairs |= PR_LINELEN;
			acc = acc << 6 | (uint32_t)v;
			if (++nacc == 4) {
				*o++ = (unsigned char)(acc >> 16);
				*o++ = (unsigned char)(acc >> 8);
				*o++ = (unsigned char)acc;
				nacc = 0;
				acc = 0;
			}
			col++;
			lead = 0;
			continue;
		}
		switch (v) {
		case B_SP:
			d->repairs |= lead ? PR_INDENT : PR_SPACES;
			continue;
		case B_CR:
			if (p + 1 < e && p[1] == '\n') {
				d->repairs |= PR_CRLF;
				continue;
			}
			d->repairs |= PR_CR;
			d->lines++;
			break;
		case B_LF:
			d->lines++;
			break;
		case B_ESC:
			if (p + 1 < e && (p[1] == 'n' || p[1] == 'r')) {
				d->repairs |= PR_ESCNL;
				if (*++p == 'r')
					continue;
				break;
			}
			d->err = "a backslash in the base64 body";
			goto bad;
		case B_PAD:
			if (nacc + pad < 2 || ++pad > 2) {
				d->err = "misplaced '=' padding";
				goto bad;
			}
			col++;
			continue;
		default:
			d->badc = *p;
			d->err = "invalid character in the base64 body";
			goto bad;
		}
		/* a line ended; a blank line after data is a 0-column line */
		if (col == 0 && (o > d->out || nacc > 0))
			d->repairs |= PR_LINELEN;
		if (col > 0) {
			if (lastcol != 64)
				d->repairs |= PR_LINELEN;
			lastcol = col;
		}
		col = 0;
		lead = 1;
	}
	if (col > 0 && lastcol != 64)
		d->repairs |= PR_LINELEN;
	if (col > 64 || (col == 0 && lastcol > 64))
		d->repairs |= PR_LINELEN;
	if (nacc != 0 && nacc + pad != 4) {
		d->err = "truncated base64 (missing '=' padding)";
		d->badline = d->lines;
		return -1;
	}
	if (pad) {
		/* RFC 4648 section 3.5: pad bits are zero in canonical form */
		if (acc & (pad == 1 ? 0x3 : 0xf))
			d->noncanon = 1;
		acc <<= 6 * pad;
		*o++ = (unsigned char)(acc >> 16);
		if (pad == 1)
			*o++ = (unsigned char)(acc >> 8);
	}
	d->outlen = (size_t)(o - d->out);
	return 0;
bad:
	d->badline = d->lines;
	return -1;
}

/* --- the reader --- */

struct pem_reader *
pem_open(int fd, const char *src, unsigned flags, unsigned long index_base)
{
	struct pem_reader *r;

	b64_init();
	r = xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->src = src;
	r->flags = flags;
	r->line = 1;
	r->index = index_base;
	r->u16carry = -1;
	return r;
}

void
pem_close(struct pem_reader *r)
{
	if (r == NULL)
		return;
	/* Wipe what held input (keys among it), not the untouched rest. */
	if (r->buf != NULL) {
		OPENSSL_cleanse(r->buf, r->used);
		free(r->buf);
	}
	if (r->der != NULL) {
		OPENSSL_cleanse(r->der, r->derused);
		free(r->der);
	}
	free(r->hdr);
	if (r->raw != NULL)
		OPENSSL_clear_free(r->raw, U16_READ);
	if (r->ber != NULL)
		OPENSSL_clear_free(r->ber, (size_t)r->berlen);
	free(r);
}

static void
der_room(struct pem_reader *r, size_t n)
{
	if (n > r->dercap) {
		if (r->der != NULL) {
			OPENSSL_cleanse(r->der, r->derused);
			free(r->der);
		}
		r->dercap = n < 65536 ? 65536 : n;
		r->der = xmalloc(r->dercap);
		r->derused = 0;
	}
	if (n > r->derused)
		r->derused = n;
}

/* Print the repairs of a block as notes, or fail under --strict. */
static int
report_repairs(struct pem_reader *r, struct pem_block *b)
{
	unsigned bit;

	if (b->repairs == 0)
		return 0;
	for (bit = 1; bit < 1U << PR_NLABELS; bit <<= 1) {
		if (!(b->repairs & bit))
			continue;
		if (r->flags & PEM_STRICT) {
			if (bit == PR_LEGACY)
				diag_err(r->src, b->line, "--strict: legacy "
				    "label \"%s\"", b->inlabel);
			else if (bit == PR_TEXT)
				diag_err(r->src, r->textline, "--strict: %s",
				    pem_repair_text(bit));
			else
				diag_err(r->src, b->line, "--strict: %s",
				    pem_repair_text(bit));
			return -1;
		}
		if (bit == PR_LEGACY)
			diag_note(r->src, b->line, "legacy label \"%s\" "
			    "written as \"%s\"", b->inlabel, b->label);
		else if (bit == PR_TEXT)
			diag_note(r->src, r->textline, "%s", "text before "
			    "the block skipped");
		else
			diag_note(r->src, b->line, "%s", pem_repair_text(bit));
	}
	return 0;
}

static int
fail(struct pem_reader *r, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct pem_reader *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vmsg(r->src, line, "", 1, fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

/*
 * Check the DER of a block against its kind: one object exactly filling
 * the body (a TRUSTED CERTIFICATE carries OpenSSL's trust settings after
 * it, which are dropped), with the structure of that kind; under
 * PEM_CHECK, or always when there was no label, decoded by OpenSSL.
 */
/*
 * 1 when an element within p[0..len), down to depth levels, has an
 * indefinite length (X.690 8.1.3.6: BER only; DER requires definite
 * lengths, X.690 10.1).  Deeper nesting is not walked: the depth bounds
 * the recursion on hostile input.
 */
static int
has_indef(const unsigned char *p, long len, int depth)
{
	const unsigned char *e = p + len;
	struct der_tlv t;

	while (p < e) {
		if (!der_next(&p, e, &t))
			return 0;	/* framing is OpenSSL's to refuse */
		if (t.indef)
			return 1;
		if (t.cons && depth > 1 && has_indef(t.val, t.len, depth - 1))
			return 1;
	}
	return 0;
}

/* Kinds whose encoding must be DER; PKCS#7 and PKCS#12 may be BER. */
static int
needs_der(enum pem_kind k)
{
	return k != PK_OTHER && k != PK_PKCS7 && k != PK_PKCS12;
}

/*
 * A PKCS#7 in BER (RFC 2315 section 3 allows it): decoded by OpenSSL and
 * re-encoded as DER (i2d_PKCS7), so what is written is canonical.  The
 * block then points at r->ber.  Returns 0, or -1 after a message.
 */
static int
ber_to_der(struct pem_reader *r, struct pem_block *b)
{
	const unsigned char *p = b->der;
	unsigned char *out = NULL;
	PKCS7 *p7;
	int n;

	if ((p7 = d2i_PKCS7(NULL, &p, (long)b->derlen)) == NULL)
		return fail(r, b->line, "PKCS#7 in BER that OpenSSL cannot "
		    "decode");
	n = i2d_PKCS7(p7, &out);
	PKCS7_free(p7);
	if (n <= 0)
		return fail(r, b->line, "PKCS#7 in BER cannot be re-encoded "
		    "as DER");
	if (r->ber != NULL)
		OPENSSL_clear_free(r->ber, (size_t)r->berlen);
	r->ber = out;
	r->berlen = n;
	b->der = out;
	b->derlen = (size_t)n;
	b->b64 = NULL;
	b->repairs |= PR_BER;
	return 0;
}

/* BER where the kind requires DER: the top and its first elements
 * always, everything under -c (X.690 10.1).  0, or -1 after a message. */
static int
check_definite(struct pem_reader *r, struct pem_block *b, int top_indef)
{
	if (!needs_der(b->kind) || !(top_indef || has_indef(b->der,
	    (long)b->derlen, (r->flags & PEM_CHECK) ? 64 : 2)))
		return 0;
	return b->from_der ? fail(r, b->line, "DER %s has an indefinite "
	    "length (BER): DER requires definite lengths",
	    pem_kind_name(b->kind)) : fail(r, b->line, "\"%s\" block has an "
	    "indefinite length (BER): DER requires definite lengths",
	    b->inlabel);
}

static int
check_der(struct pem_reader *r, struct pem_block *b, int trusted)
{
	const unsigned char *p = b->der;
	struct der_tlv t;
	enum pem_kind shape;
	const char *where = b->from_der ? "DER object" : "block";

	if (!der_next(&p, b->der + b->derlen, &t))
		return fail(r, b->line, "%s is not DER: its framing "
		    "(tag and length) is broken", where);
	if (!t.indef && p != b->der + b->derlen) {
		if (!trusted)
			return fail(r, b->line, "%s is not one DER object: "
			    "%zu bytes follow it", where,
			    (size_t)(b->der + b->derlen - p));
		b->derlen = (size_t)(p - b->der);
		b->repairs |= PR_TRUST;
		b->b64 = NULL;		/* the text holds what was dropped */
	}
	if (b->kind != PK_OTHER && check_definite(r, b, t.indef) != 0)
		return -1;
	shape = pem_der_kind(b->der, b->derlen);
	if (b->kind == PK_OTHER && (b->kind = shape) != PK_OTHER &&
	    check_definite(r, b, t.indef) != 0)
		return -1;
	if (shape != b->kind) {
		if (shape == PK_OTHER)
			return fail(r, b->line, "%s block does not hold a %s "
			    "(its DER has another structure)", b->inlabel,
			    pem_kind_name(b->kind));
		return fail(r, b->line, "%s block holds a %s, not a %s",
		    b->inlabel, pem_kind_name(shape), pem_kind_name(b->kind));
	}
	if (b->kind == PK_PKCS7 && (t.indef || has_indef(b->der,
	    (long)b->derlen, 2)) && ber_to_der(r, b) != 0)
		return -1;
	if (b->kind == PK_OTHER || !((r->flags & PEM_CHECK) || b->from_der))
		return 0;
	switch (pem_der_decodes(b->kind, b->der, b->derlen)) {
	case 1:
		return 0;
	case -1:
		if (b->kind == PK_PKCS8)
			return fail(r, b->line, "%s: OpenSSL cannot load the "
			    "private key (unsupported algorithm, or DSA without "
			    "its parameters)", b->from_der ? "DER PKCS#8 key" :
			    "\"PRIVATE KEY\" block");
		return b->from_der ? fail(r, b->line, "DER %s: OpenSSL cannot "
		    "decode its public key (unsupported algorithm?)",
		    pem_kind_name(b->kind)) : fail(r, b->line, "\"%s\" block: "
		    "OpenSSL cannot decode its public key (unsupported "
		    "algorithm?)", b->inlabel);
	default:
		return b->from_der ? fail(r, b->line, "DER object looks like "
		    "a %s but OpenSSL cannot decode it",
		    pem_kind_name(b->kind)) : fail(r, b->line, "\"%s\" block "
		    "does not decode as a %s", b->inlabel,
		    pem_kind_name(b->kind));
	}
	return 0;
}

static void
block_init(struct pem_reader *r, struct pem_block *b)
{
	memset(b, 0, sizeof(*b));
	b->src = r->src;
	b->index = ++r->index;
	b->inlabel = "";
	r->nblocks++;
}

/* One raw DER object at buf[pos] (X.690 8.1.1: identifier, length). */
static int
next_der(struct pem_reader *r, struct pem_block *b)
{
	const unsigned char *p, *s;
	long len;
	int tag, cls, ret;
	size_t avail, total;
	unsigned long long off = r->off;

	avail = fill(r, 16);
	if (r->failed)
		return -1;
	if (avail == 0)
		return 0;
	s = p = r->buf + r->pos;
	if (*p != 0x30)
		return fail(r, 0, "byte %llu: data after the last DER object "
		    "is not DER", off);
	ret = ASN1_get_object(&p, &len, &tag, &cls, (long)avail);
	if (ret & 0x80) {
		if (ERR_GET_REASON(ERR_peek_last_error()) != ASN1_R_TOO_LONG)
			return fail(r, 0, "byte %llu: broken DER length",
			    off);
		ERR_clear_error();
	}
	if (ret == 0x21) {
		/* BER (RFC 2315 allows it for PKCS#7, as Windows and the
		 * macOS keychain write it): OpenSSL's decoder finds its end */
		PKCS7 *p7;

		while (!r->eof && !r->failed && avail <= PEM_MAX_BLOCK)
			avail = fill(r, avail + RD_CHUNK);
		if (r->failed)
			return -1;
		s = p = r->buf + r->pos;
		if ((p7 = d2i_PKCS7(NULL, &p, (long)(avail < PEM_MAX_BLOCK ?
		    avail : PEM_MAX_BLOCK))) == NULL)
			return fail(r, 0, "byte %llu: indefinite length (BER), "
			    "and not a PKCS#7 that OpenSSL reads", off);
		PKCS7_free(p7);
		len = (long)(p - s);
		p = s;
	}
	total = (size_t)(p - s) + (size_t)len;
	if (total > PEM_MAX_BLOCK)
		return fail(r, 0, "byte %llu: DER object of %zu bytes is over "
		    "the %lu MiB limit", off, total, PEM_MAX_BLOCK >> 20);
	if (fill(r, total) < total) {
		if (r->failed)
			return -1;
		return fail(r, 0, "byte %llu: truncated DER: the object claims "
		    "%zu bytes, the input ends after %zu", off, total,
		    r->end - r->pos);
	}
	block_init(r, b);
	b->offset = off;
	b->from_der = 1;
	b->der = r->buf + r->pos;
	b->derlen = total;
	r->pos += total;
	r->off += total;
	if (check_der(r, b, 0) != 0)
		return -1;
	if (b->kind == PK_OTHER && !(r->flags & PEM_ANY_DER))
		return fail(r, 0, "byte %llu: unknown DER object: not a "
		    "certificate, CSR, CRL, key, PKCS#7 or PKCS#12", off);
	b->label = pem_kind_label(b->kind);
	return 1;
}

/* Line ends in p[0..n), without the pending-CR state: for messages. */
static unsigned long
nlines(const unsigned char *p, size_t n)
{
	const unsigned char *q, *e = p + n;
	unsigned long lines = 0;
	size_t i;

	if (memchr(p, '\r', n) == NULL) {	/* the usual case: LFs only */
		for (q = p; q < e && (q = memchr(q, '\n', (size_t)(e - q))) !=
		    NULL; q++)
			lines++;
		return lines;
	}
	for (i = 0; i < n; i++)
		if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == n ||
		    p[i + 1] != '\n')))
			lines++;
	return lines;
}

/* Note text other than white space in the next n bytes (outside blocks). */
static void
note_text(struct pem_reader *r, size_t n)
{
	const unsigned char *p = r->buf + r->pos;
	size_t i;

	if (r->carry & PR_TEXT)
		return;
	for (i = 0; i < n; i++)
		if (!is_ws(p[i])) {
			r->carry |= PR_TEXT;
			r->textline = r->line + nlines(p, i);
			return;
		}
}

/* Find "-----BEGIN " at or after rel; returns its offset from pos or -1
 * at the end of input.  Input with no block yet is kept for bare base64
 * until it passes RD_CHUNK bytes. */
static long
find_begin(struct pem_reader *r, size_t rel)
{
	const unsigned char *q;
	size_t avail;

	for (;;) {
		avail = fill(r, rel + sizeof(BEGIN_MARK));
		if (r->failed)
			return -1;
		q = rel < avail ? memchr(r->buf + r->pos + rel, '-',
		    avail - rel) : NULL;
		if (q == NULL) {
			if (r->eof)
				return -1;
			rel = avail;
		} else {
			rel = (size_t)(q - (r->buf + r->pos));
			if (fill(r, rel + sizeof(BEGIN_MARK) - 1) <
			    rel + sizeof(BEGIN_MARK) - 1) {
				if (r->failed || r->eof)
					return -1;
			}
			if (memcmp(r->buf + r->pos + rel, BEGIN_MARK,
			    sizeof(BEGIN_MARK) - 1) == 0)
				return (long)rel;
			rel++;
			continue;
		}
		/* Nothing yet: drop text we will not need, keep a tail. */
		if (rel > RD_CHUNK && (r->nblocks > 0 || rel > 2 * RD_CHUNK)) {
			size_t keep = sizeof(BEGIN_MARK);

			note_text(r, rel - keep);
			advance(r, rel - keep);
			r->discarded = 1;
			rel = keep;
		}
	}
}

/* Find "-----" in buf[pos+from .. pos+from+lim); the offset or -1.  Any
 * byte outside printable ASCII before it also gives -1. */
static long
find_dashes(struct pem_reader *r, size_t from, size_t lim)
{
	const unsigned char *p;
	size_t avail, i;

	avail = fill(r, from + lim + sizeof(DASHES));
	p = r->buf + r->pos;
	for (i = from; i < avail && i < from + lim + 1; i++) {
		if (p[i] == '-' && i + 5 <= avail &&
		    memcmp(p + i, DASHES, 5) == 0)
			return (long)i;
		if (p[i] < 0x20 || p[i] > 0x7e)
			return -1;
	}
	return -1;
}

/* Printable form of a byte for messages. */
static const char *
show_byte(unsigned char c, char *buf, size_t n)
{
	if (c > 0x20 && c < 0x7f && c != '\'')
		snprintf(buf, n, "'%c'", c);
	else if (c == 0)
		snprintf(buf, n, "a NUL byte");
	else
		snprintf(buf, n, "byte 0x%02x", c);
	return buf;
}

/* Length of the line end at p[i]: LF, CRLF, CR or a \n escape; or 0. */
static size_t
eol_len(const unsigned char *p, size_t n, size_t i)
{
	if (i >= n)
		return 0;
	if (p[i] == '\n')
		return 1;
	if (p[i] == '\r')
		return i + 1 < n && p[i + 1] == '\n' ? 2 : 1;
	if (p[i] == '\\' && i + 1 < n && p[i + 1] == 'n')
		return 2;
	return 0;
}

/* Offset of the first byte at or after i that is not a space or tab. */
static size_t
span_sp(const unsigned char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* Offset of the next line end at or after i, or n: the first LF, CR
 * or \n escape, found with memchr (a line is 64 characters). */
static size_t
line_end(const unsigned char *p, size_t n, size_t i)
{
	const unsigned char *q;
	size_t lim;

	if (i >= n)
		return n;
	q = memchr(p + i, '\n', n - i);
	lim = q != NULL ? (size_t)(q - p) : n;
	if ((q = memchr(p + i, '\r', lim - i)) != NULL)
		lim = (size_t)(q - p);
	for (; (q = memchr(p + i, '\\', lim - i)) != NULL;
	    i = (size_t)(q - p) + 1)
		if (eol_len(p, n, (size_t)(q - p)) != 0)
			return (size_t)(q - p);
	return lim;
}

/*
 * RFC 1421 section 4.6 headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info:
 * ..."): Name: value lines right after BEGIN, ended by a blank line.
 * p[0..n) is the body.  Returns the offset where base64 starts (0 when
 * there are no headers) and keeps the header lines, LF-ended, followed by
 * the blank line, in r->hdr.  Returns -1 when no blank line ends them.
 */
static long
headers(struct pem_reader *r, struct pem_block *b, const unsigned char *p,
    size_t n)
{
	size_t i, le, hl = 0, len;

	i = span_sp(p, n, 0);
	if (eol_len(p, n, i) == 0)
		return 0;		/* base64 on the BEGIN line */
	i += eol_len(p, n, i);
	le = line_end(p, n, i);
	if (memchr(p + i, ':', le - i) == NULL)
		return 0;
	for (;;) {
		le = line_end(p, n, i);
		if (le == n)
			return -1;
		len = le - i;
		if (span_sp(p, n, i) - i >= len) {
			i = le + eol_len(p, n, le);
			break;		/* the blank line */
		}
		if (r->hdrcap < hl + len + 2) {
			r->hdrcap = (hl + len + 2) * 2;
			r->hdr = xrealloc(r->hdr, r->hdrcap);
		}
		memcpy(r->hdr + hl, p + i, len);
		hl += len;
		r->hdr[hl++] = '\n';
		i = le + eol_len(p, n, le);
	}
	if (r->hdrcap < hl + 2) {
		r->hdrcap = hl + 2;
		r->hdr = xrealloc(r->hdr, r->hdrcap);
	}
	r->hdr[hl++] = '\n';
	r->hdr[hl] = '\0';
	b->hdr = r->hdr;
	b->hdrlen = hl;
	b->encrypted = strstr(r->hdr, "Proc-Type:") != NULL &&
	    strstr(r->hdr, "ENCRYPTED") != NULL;
	return (long)i;
}

static int
b64_fail(struct pem_reader *r, unsigned long line, struct b64 *d)
{
	char cb[16];

	if (d->badc != 0 || d->err[0] == 'i')
		return fail(r, line, "%s in the base64 body", show_byte(d->badc,
		    cb, sizeof(cb)));
	return fail(r, line, "%s", d->err);
}

static int
next_pem(struct pem_reader *r, struct pem_block *b)
{
	const unsigned char *p;
	struct b64 d;
	size_t avail, i, h, e, t, lab, s, vs;
	long rel, k;
	unsigned long bline;
	unsigned long long boff;
	unsigned rep;
	int glued = r->glued;
	long hs;

	if ((rel = find_begin(r, 0)) < 0)
		return r->failed ? -1 : 0;
	r->glued = 0;
	/* the bytes before BEGIN: skipped text, indentation */
	p = r->buf + r->pos;
	for (i = (size_t)rel; i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t');)
		i--;
	rep = r->carry;
	if (i < (size_t)rel && (i > 0 ? p[i - 1] == '\n' || p[i - 1] == '\r' :
	    !r->midline))
		rep |= PR_INDENT;
	if (glued && rel == 0)
		rep |= PR_GLUED;
	note_text(r, (size_t)rel);
	rep |= r->carry & PR_TEXT;
	advance(r, (size_t)rel);
	r->carry = 0;
	bline = r->line;
	boff = r->off;

	/* the label, RFC 7468 section 3 */
	lab = sizeof(BEGIN_MARK) - 1;
	if ((k = find_dashes(r, lab, PEM_MAX_LABEL)) < 0)
		return r->failed ? -1 : fail(r, bline, r->end - r->pos >= lab +
		    PEM_MAX_LABEL ? "BEGIN line label is longer than %d "
		    "characters or has no closing \"-----\"" :
		    "malformed BEGIN line: no \"-----\" after the label",
		    PEM_MAX_LABEL);
	if ((size_t)k - lab > PEM_MAX_LABEL)
		return fail(r, bline, "BEGIN line label is longer than %d "
		    "characters", PEM_MAX_LABEL);
	memcpy(r->inlabel, r->buf + r->pos + lab, (size_t)k - lab);
	r->inlabel[(size_t)k - lab] = '\0';
	h = (size_t)k + 5;

	/* the END line: the first '-' after the body starts */
	for (e = h;;) {
		avail = fill(r, e + 1);
		if (r->failed)
			return -1;
		p = r->buf + r->pos;
		/* "-----": a lone '-' may sit in RFC 1421 headers */
		while (e < avail) {
			const unsigned char *q = memchr(p + e, '-', avail - e);

			if (q == NULL) {
				e = avail;
				break;
			}
			e = (size_t)(q - p);
			if (e + 5 > avail && !r->eof)
				break;		/* need more input */
			if (e + 5 <= avail && memcmp(q, DASHES, 5) == 0)
				goto marker;
			e++;
		}
		if (avail > PEM_MAX_BLOCK)
			return fail(r, bline, "block is over the %lu MiB limit "
			    "(no END line within it)", PEM_MAX_BLOCK >> 20);
		if (r->eof)
			return fail(r, bline, "BEGIN \"%s\" without END: the "
			    "input ends first", r->inlabel);
		fill(r, avail + RD_CHUNK);
	}
marker:
	avail = fill(r, e + sizeof(BEGIN_MARK));
	p = r->buf + r->pos;
	if (avail < e + sizeof(END_MARK) - 1 ||
	    memcmp(p + e, END_MARK, sizeof(END_MARK) - 1) != 0) {
		if (avail >= e + sizeof(BEGIN_MARK) - 1 &&
		    memcmp(p + e, BEGIN_MARK, sizeof(BEGIN_MARK) - 1) == 0)
			return fail(r, bline, "BEGIN \"%s\" without END: another "
			    "BEGIN follows at line %lu", r->inlabel,
			    bline + nlines(p, e));
		return fail(r, bline + nlines(p, e), "'-' in the base64 body "
		    "(a broken END line?)");
	}
	if ((k = find_dashes(r, e + sizeof(END_MARK) - 1, PEM_MAX_LABEL)) < 0)
		return r->failed ? -1 : fail(r, bline + nlines(r->buf +
		    r->pos, e), "malformed END line: no \"-----\" after the "
		    "label");
	p = r->buf + r->pos;
	lab = e + sizeof(END_MARK) - 1;
	if ((size_t)k - lab != strlen(r->inlabel) ||
	    memcmp(p + lab, r->inlabel, (size_t)k - lab) != 0)
		return fail(r, bline, "END label \"%.*s\" (line %lu) does not "
		    "match BEGIN label \"%s\"", (int)((size_t)k - lab), p + lab,
		    bline + nlines(p, e), r->inlabel);
	t = (size_t)k + 5;

	/* what follows END: a line end, the next block, or text */
	avail = fill(r, t + 2);
	p = r->buf + r->pos;
	r->midline = 0;
	if (t < avail && p[t] == '\n')
		t++;
	else if (t < avail && p[t] == '\r')
		t += t + 1 < avail && p[t + 1] == '\n' ? 2 : 1;
	else if (t + 1 < avail && p[t] == '\\' && p[t + 1] == 'n')
		t += 2;
	else if (t < avail && p[t] == '-')
		r->glued = r->midline = 1;
	else
		r->midline = t < avail;

	block_init(r, b);
	b->line = bline;
	b->offset = boff;
	b->inlabel = r->inlabel;
	/* a bundle repeats one label: try the last one found first */
	i = r->lastlabel;
	if (strcmp(r->inlabel, labels[i].label) != 0)
		for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
			if (strcmp(r->inlabel, labels[i].label) == 0)
				break;
	if (i < sizeof(labels) / sizeof(labels[0])) {
		r->lastlabel = i;
		b->kind = labels[i].kind;
		b->label = labels[i].out;
		if (strcmp(labels[i].label, labels[i].out) != 0)
			rep |= PR_LEGACY;
	} else
		b->label = r->inlabel;

	/* headers, then base64 */
	if ((hs = headers(r, b, p + h, e - h)) < 0)
		return fail(r, bline, "RFC 1421 headers are not followed by a "
		    "blank line");
	s = h + (size_t)hs;
	memset(&d, 0, sizeof(d));
	der_room(r, (e - s) / 4 * 3 + 4);
	d.out = r->der;
	if (b64_decode(p + s, e - s, &d) != 0)
		return b64_fail(r, bline + nlines(p, s) + d.badline, &d);
	if (d.outlen == 0)
		return fail(r, bline, "empty body in \"%s\" block", r->inlabel);
	b->der = r->der;
	b->derlen = d.outlen;
	rep |= d.repairs;
	if (d.lines == 0 && hs == 0 && !(rep & PR_ESCNL))
		rep |= PR_ONELINE;
	b->repairs = rep;
	/* An already canonical body is copied out as it came (decoded all
	 * the same, so a bad body never reaches the output). */
	vs = hs == 0 && s < e && p[s] == '\n' ? s + 1 : s;
	if (!(rep & PR_LAYOUT) && !d.noncanon && vs < e && p[e - 1] == '\n') {
		b->b64 = (const char *)p + vs;
		b->b64len = e - vs;
	}
	/* RFC 1421 encryption exists only for OpenSSL's traditional key
	 * forms; on any other label the header would skip every check */
	if (b->encrypted && b->kind != PK_OTHER && b->kind != PK_RSA_KEY &&
	    b->kind != PK_EC_KEY && b->kind != PK_DSA_KEY)
		return fail(r, bline, "\"%s\" block has RFC 1421 encryption "
		    "headers (Proc-Type: 4,ENCRYPTED): only RSA, EC and DSA "
		    "PRIVATE KEY blocks are encrypted that way", r->inlabel);
	if (b->kind != PK_OTHER && !b->encrypted &&
	    check_der(r, b, strcmp(r->inlabel, "TRUSTED CERTIFICATE") == 0))
		return -1;
	/* The decoder counted the body's lines: count only the rest. */
	r->line += nlines(p, s) + d.lines + nlines(p + e, t - e);
	r->pending_cr = 0;
	r->pos += t;
	r->off += t;
	return 1;
}

/* End of a PEM input: text after the last block, or no block at all. */
static int
end_pem(struct pem_reader *r, struct pem_block *b)
{
	const unsigned char *p = r->buf + r->pos;
	size_t n = r->end - r->pos, i, ctl = 0;
	struct b64 d;
	const unsigned char *q;
	struct der_tlv t;

	if (r->nblocks > 0 || r->discarded) {
		r->carry &= ~PR_TEXT;
		note_text(r, n);
		if (r->carry & PR_TEXT) {
			if (r->flags & PEM_STRICT)
				return fail(r, r->textline, "--strict: text "
				    "after the last block");
			diag_note(r->src, r->textline, "text after the last "
			    "block skipped");
		}
		if (r->nblocks == 0)
			return fail(r, 0, "text without any BEGIN line: not "
			    "PEM");
		advance(r, n);
		return 0;
	}
	for (i = 0; i < n && is_ws(p[i]); i++)
		;
	if (i == n)
		return fail(r, 0, n == 0 && r->off == 0 ?
		    "the input is empty" :
		    "the input holds only white space: no PEM block");
	for (i = 0; i < n; i++)
		if (p[i] == 0 || (p[i] < 0x20 && !is_ws(p[i])))
			ctl++;
	if (ctl > 0)
		return fail(r, 0, "binary data that is neither PEM nor DER");
	/* a single base64 body without armour: a CSR pasted on its own */
	memset(&d, 0, sizeof(d));
	der_room(r, n / 4 * 3 + 4);
	d.out = r->der;
	if (b64_decode(p, n, &d) != 0 || d.outlen == 0)
		return fail(r, 0, "text without any BEGIN line: not PEM");
	q = r->der;
	if (!der_next(&q, r->der + d.outlen, &t) || t.indef ||
	    q != r->der + d.outlen || pem_der_kind(r->der, d.outlen) ==
	    PK_OTHER)
		return fail(r, 0, "base64 without BEGIN/END lines that does "
		    "not decode to a known DER object");
	block_init(r, b);
	b->line = r->line;
	b->from_der = 1;
	b->der = r->der;
	b->derlen = d.outlen;
	b->repairs = PR_BARE | r->carry | d.repairs;
	b->repairs &= ~(PR_LINELEN | PR_INDENT | PR_SPACES);
	if (check_der(r, b, 0) != 0)
		return -1;
	b->label = pem_kind_label(b->kind);
	advance(r, n);
	return 1;
}

/* First look at an input: byte order mark, then DER or PEM. */
static void
detect(struct pem_reader *r)
{
	const unsigned char *p;
	long len;
	int tag, cls, ret;
	size_t avail;

	avail = fill(r, 16);
	p = r->buf + r->pos;
	if (avail >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff))) {
		/* UTF-16 with its byte order mark, as PowerShell's > writes
		 * text: converted as it is read */
		unsigned char *head;
		size_t n = avail - 2;

		head = xmalloc(n + 1);
		memcpy(head, p + 2, n);
		r->utf16 = p[0] == 0xff ? U16_LE : U16_BE;
		OPENSSL_cleanse(r->buf + r->pos, avail);
		r->raw = xmalloc(U16_READ);
		r->end = r->pos;
		r->off += 2;
		u16_push(r, head, n);	/* n <= RD_CHUNK: 1.5 n fits */
		OPENSSL_clear_free(head, n + 1);
		r->carry |= PR_UTF16;
		r->mode = M_PEM;
		return;
	}
	if (avail >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		advance(r, 3);
		r->carry |= PR_BOM;
		r->mode = M_PEM;
		return;
	}
	r->mode = M_PEM;
	if (avail < 2 || p[0] != 0x30)
		return;
	/* A SEQUENCE whose header parses, or one with a long-form length
	 * (a byte text rarely has after '0'), is DER, broken or not. */
	ret = ASN1_get_object(&p, &len, &tag, &cls, (long)avail);
	if ((ret & 0x80) &&
	    ERR_GET_REASON(ERR_peek_last_error()) != ASN1_R_TOO_LONG)
		ret = -1;
	ERR_clear_error();
	if (ret != -1 || r->buf[r->pos + 1] >= 0x80)
		r->mode = M_DER;	/* 0x80: BER's indefinite length */
}

/*
 * After a PEM block: does a DER object follow, past white space?  Its
 * first byte is a SEQUENCE tag, its length long-form or indefinite (every
 * certificate, key and PKCS#7 is over 127 bytes; text rarely has such a
 * byte after '0') and its header parses (X.690 8.1).  The white space is
 * consumed.
 */
static int
der_follows(struct pem_reader *r)
{
	const unsigned char *p;
	size_t avail, i;
	long len;
	int tag, cls, ret;

	avail = fill(r, 16);
	p = r->buf + r->pos;
	for (i = 0; i < avail && is_ws(p[i]); i++)
		if (i + 1 == avail)
			avail = fill(r, avail + 16), p = r->buf + r->pos;
	if (avail - i < 2 || p[i] != 0x30 || p[i + 1] < 0x80)
		return 0;
	p += i;
	ret = ASN1_get_object(&p, &len, &tag, &cls, (long)(avail - i));
	if ((ret & 0x80) &&
	    ERR_GET_REASON(ERR_peek_last_error()) != ASN1_R_TOO_LONG)
		ret = -1;
	ERR_clear_error();
	if (ret == -1)
		return 0;
	advance(r, i);
	return 1;
}

/* After a DER object: does a PEM block follow (its first byte '-')? */
static int
pem_follows(struct pem_reader *r)
{
	size_t avail = fill(r, 1);

	return avail > 0 && r->buf[r->pos] == '-';
}

int
pem_next(struct pem_reader *r, struct pem_block *b)
{
	int ret;

	if (r->failed || r->done)
		return 0;
	if (r->mode == M_UNKNOWN)
		detect(r);
	if (r->failed)
		return -1;
	if (r->mode == M_DER && r->nblocks > 0 && pem_follows(r)) {
		r->mode = M_PEM;	/* cat of a .der and a .pem */
		r->mixed = PR_MIXED;
	} else if (r->mode == M_PEM && r->nblocks > 0 && der_follows(r)) {
		r->mode = M_DER;	/* cat of a .pem and a .der */
		r->mixed = PR_MIXED;
	}
	if (r->mode == M_DER)
		ret = r->nblocks == 0 && r->end == r->pos ?
		    fail(r, 0, "the input is empty") : next_der(r, b);
	else if ((ret = next_pem(r, b)) == 0 && !r->failed)
		ret = end_pem(r, b);
	if (ret == 1) {
		b->repairs |= r->mixed;
		r->mixed = 0;
	}
	if (ret == 1 && report_repairs(r, b) != 0) {
		r->failed = 1;
		ret = -1;
	}
	if (ret == 0)
		r->done = 1;
	if (ret == -1)
		r->failed = 1;
	return ret;
}

/* --- the writer, RFC 7468 section 2 --- */

int
pem_write(struct out *o, const char *label, const char *hdr, size_t hdrlen,
    const unsigned char *der, size_t derlen)
{
	static char *buf;
	static size_t cap, used;
	size_t ll = strlen(label), need, i, n;
	char *w;
	uint32_t v;
	int rc;

	need = 2 * (ll + 20) + hdrlen + (derlen + 2) / 3 * 4 +
	    derlen / 48 + 2;
	if (need > cap) {
		if (buf != NULL) {
			OPENSSL_cleanse(buf, used);
			free(buf);
		}
		used = 0;
		cap = need < 65536 ? 65536 : need;
		buf = xmalloc(cap);
	}
	w = buf;
	memcpy(w, BEGIN_MARK, sizeof(BEGIN_MARK) - 1);
	w += sizeof(BEGIN_MARK) - 1;
	memcpy(w, label, ll);
	w += ll;
	memcpy(w, "-----\n", 6);
	w += 6;
	if (hdr != NULL) {
		memcpy(w, hdr, hdrlen);
		w += hdrlen;
	}
	for (i = 0; i < derlen;) {
		n = derlen - i < 48 ? derlen - i : 48;
		for (; n >= 3; n -= 3, i += 3) {
			v = (uint32_t)der[i] << 16 | (uint32_t)der[i + 1] << 8 |
			    der[i + 2];
			*w++ = b64enc[v >> 18];
			*w++ = b64enc[(v >> 12) & 63];
			*w++ = b64enc[(v >> 6) & 63];
			*w++ = b64enc[v & 63];
		}
		if (n > 0) {
			v = (uint32_t)der[i] << 16;
			if (n == 2)
				v |= (uint32_t)der[i + 1] << 8;
			*w++ = b64enc[v >> 18];
			*w++ = b64enc[(v >> 12) & 63];
			*w++ = n == 2 ? b64enc[(v >> 6) & 63] : '=';
			*w++ = '=';
			i += n;
		}
		*w++ = '\n';
	}
	memcpy(w, END_MARK, sizeof(END_MARK) - 1);
	w += sizeof(END_MARK) - 1;
	memcpy(w, label, ll);
	w += ll;
	memcpy(w, "-----\n", 6);
	w += 6;
	if ((size_t)(w - buf) > used)
		used = (size_t)(w - buf);
	rc = out_write(o, buf, (size_t)(w - buf));
	if (o->secret)
		OPENSSL_cleanse(buf, (size_t)(w - buf));
	return rc;
}

int
pem_write_block(struct out *o, const struct pem_block *b)
{
	size_t ll;
	int rc;

	if (pem_block_secret(b))
		out_secret(o);
	if (b->b64 == NULL)
		return pem_write(o, b->label, b->hdr, b->hdrlen, b->der,
		    b->derlen);
	ll = strlen(b->label);
	if ((rc = out_write(o, BEGIN_MARK, sizeof(BEGIN_MARK) - 1)) != 0 ||
	    (rc = out_write(o, b->label, ll)) != 0 ||
	    (rc = out_write(o, "-----\n", 6)) != 0 ||
	    (b->hdr != NULL && (rc = out_write(o, b->hdr, b->hdrlen)) != 0) ||
	    (rc = out_write(o, b->b64, b->b64len)) != 0 ||
	    (rc = out_write(o, END_MARK, sizeof(END_MARK) - 1)) != 0 ||
	    (rc = out_write(o, b->label, ll)) != 0)
		return rc;
	return out_write(o, "-----\n", 6);
}

void
json_begin_block(struct json *j, struct out *o, const struct pem_block *b,
    const char *type)
{
	json_begin_at(j, o, b->src, b->line, b->index, type);
}
