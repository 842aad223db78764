/* obj.c: the input as OpenSSL objects, containers unpacked; see obj.h. */
#include <string.h>

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "x509/input.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "read/pem.h"

void
obj_input_init(struct obj_input *oi, char **files, int nfiles,
    unsigned rflags, unsigned flags, const char *pass)
{
	memset(oi, 0, sizeof(*oi));
	pem_input_init(&oi->in, files, nfiles, rflags);
	oi->flags = flags;
	oi->pass = pass;
}

static void
release(struct obj_input *oi)
{
	struct obj *o = &oi->cur;

	X509_free(o->x);
	X509_REQ_free(o->req);
	EVP_PKEY_free(o->pk);
	OPENSSL_free(oi->mder);
	oi->mder = NULL;
	memset(o, 0, sizeof(*o));
}

/* Set up cur from the current block: origin and kind. */
static void
origin(struct obj_input *oi, enum pem_kind kind, unsigned long member)
{
	struct obj *o = &oi->cur;

	o->src = oi->b.src;
	o->line = oi->b.line;
	o->index = oi->b.index;
	o->member = member;
	o->kind = kind;
	o->type = pem_kind_type(kind);
}

/*
 * A certificate whose public key OpenSSL cannot decode (an algorithm no
 * provider has, DSA without its domain parameters): trouble, said with
 * where it is, never a NULL key handed on.
 */
static void
no_pubkey(struct obj_input *oi)
{
	const struct obj *o = &oi->cur;
	char where[512];

	diag_err(NULL, 0, "%s: %s: OpenSSL cannot decode its public key "
	    "(unsupported algorithm, or DSA without its parameters)",
	    diag_where(o->src, o->line, o->member, where, sizeof(where)),
	    pem_kind_name(o->kind));
	oi->status = EX_TROUBLE;
}

/* Hand out the next PKCS#7/#12 member; 0 when there is none left. */
static int
member(struct obj_input *oi)
{
	struct obj *o = &oi->cur;
	X509 *x;
	int n;

	if (oi->key != NULL) {
		origin(oi, PK_PKCS8, ++oi->member);
		o->pk = oi->key;
		o->priv = 1;
		oi->key = NULL;
		return 1;
	}
	if (oi->certs == NULL)
		return 0;
	if (oi->next >= sk_X509_num(oi->certs)) {
		sk_X509_pop_free(oi->certs, X509_free);
		oi->certs = NULL;
		return 0;
	}
	x = sk_X509_value(oi->certs, oi->next++);
	origin(oi, PK_CERT, ++oi->member);
	if ((n = i2d_X509(x, &oi->mder)) <= 0) {
		ERR_clear_error();
		return member(oi);
	}
	o->der = oi->mder;
	o->derlen = (size_t)n;
	if (!(oi->flags & OBJ_LAZY)) {
		X509_up_ref(x);
		o->x = x;
		if ((o->pk = X509_get_pubkey(x)) == NULL) {
			no_pubkey(oi);
			release(oi);
			return member(oi);
		}
	}
	return 1;
}

/* Open a PKCS#7 or PKCS#12 block into its members; 0 on error. */
static int
unpack(struct obj_input *oi)
{
	const struct pem_block *b = &oi->b;
	unsigned long cert1;

	oi->next = 0;
	oi->member = 0;
	if (!container_open(b, oi->pass, &oi->key, &oi->certs, &cert1))
		return 0;
	if (b->kind == PK_PKCS12) {
		if (oi->flags & OBJ_CERTS) {
			EVP_PKEY_free(oi->key);
			oi->key = NULL;
			/* the certificates keep their numbers (pemkit(7)) */
			oi->member = cert1 - 1;
		}
		/* p12_open puts the certificate of the key first */
		while ((oi->flags & OBJ_P12_PAIR) &&
		    sk_X509_num(oi->certs) > (oi->key != NULL))
			X509_free(sk_X509_pop(oi->certs));
		return 1;
	}
	if (sk_X509_num(oi->certs) <= 0)
		diag_note(b->src, b->line, "PKCS#7 block holds no "
		    "certificate");
	return 1;
}

/* Decode the current block into cur; 1 an object, 0 skipped. */
static int
decode(struct obj_input *oi)
{
	const struct pem_block *b = &oi->b;
	struct obj *o = &oi->cur;
	const unsigned char *p = b->der;

	switch (b->kind) {
	case PK_CERT:
		origin(oi, PK_CERT, 0);
		o->der = b->der;
		o->derlen = b->derlen;
		if (oi->flags & OBJ_LAZY)
			return 1;
		if ((o->x = d2i_X509(NULL, &p, (long)b->derlen)) == NULL)
			break;
		if ((o->pk = X509_get_pubkey(o->x)) == NULL) {
			no_pubkey(oi);
			return 0;
		}
		return 1;
	case PK_CSR:
		if (oi->flags & OBJ_CERTS)
			goto skip;
		origin(oi, PK_CSR, 0);
		if ((o->req = d2i_X509_REQ(NULL, &p, (long)b->derlen)) ==
		    NULL)
			break;
		if ((o->pk = X509_REQ_get_pubkey(o->req)) == NULL) {
			no_pubkey(oi);
			return 0;
		}
		return 1;
	case PK_PKCS8:
	case PK_PKCS8_ENC:
	case PK_RSA_KEY:
	case PK_EC_KEY:
	case PK_DSA_KEY:
		if (oi->flags & OBJ_CERTS)
			goto skip;
		origin(oi, PK_PKCS8, 0);
		o->priv = 1;
		if ((o->pk = key_private(b, oi->pass)) == NULL) {
			oi->status = EX_TROUBLE;
			return 0;
		}
		return 1;
	case PK_SPKI:
	case PK_RSA_PUB:
		if (oi->flags & OBJ_CERTS)
			goto skip;
		origin(oi, PK_SPKI, 0);
		if ((o->pk = key_public(b)) == NULL) {
			oi->status = EX_TROUBLE;
			return 0;
		}
		return 1;
	case PK_PKCS7:
	case PK_PKCS12:
		if (!unpack(oi))
			oi->status = EX_TROUBLE;
		return 0;
	default:
		goto skip;
	}
	diag_err(b->src, b->line, "%s does not decode",
	    pem_kind_name(b->kind));
	oi->status = EX_TROUBLE;
	return 0;
skip:
	if ((oi->flags & OBJ_SKIP_STRICT) && (oi->in.flags & PEM_STRICT)) {
		diag_err(b->src, b->line, "--strict: %s skipped: it is not "
		    "written", pem_kind_name(b->kind));
		oi->status = EX_TROUBLE;
		return 0;
	}
	diag_note(b->src, b->line, "%s skipped", pem_kind_name(b->kind));
	return 0;
}

int
obj_next(struct obj_input *oi, struct obj *o)
{
	for (;;) {
		release(oi);
		if (member(oi))
			break;
		if (!pem_input_next(&oi->in, &oi->b))
			return 0;
		if (decode(oi))
			break;
	}
	*o = oi->cur;
	return 1;
}

int
obj_input_end(struct obj_input *oi)
{
	release(oi);
	EVP_PKEY_free(oi->key);
	sk_X509_pop_free(oi->certs, X509_free);
	oi->key = NULL;
	oi->certs = NULL;
	return ex_worst(oi->status, pem_input_end(&oi->in));
}

/*
 * The key of file: the first object's (any), or the first private key
 * (priv); NULL after a message when an object before it does not decode
 * or there is none.
 */
static EVP_PKEY *
file_key(const char *file, const char *pass, int priv, const char *none)
{
	struct obj_input oi;
	struct obj o;
	EVP_PKEY *pk = NULL;
	char *files[1];

	files[0] = (char *)file;
	obj_input_init(&oi, files, 1, 0, OBJ_P12_PAIR, pass);
	/* an object that did not decode before it is trouble, not skipped:
	 * the key compared must be the file's first */
	while (pk == NULL && obj_next(&oi, &o) && oi.status == EX_YES)
		if (o.priv || !priv) {
			EVP_PKEY_up_ref(o.pk);
			pk = o.pk;
		}
	if (obj_input_end(&oi) != EX_YES) {
		EVP_PKEY_free(pk);
		pk = NULL;
	} else if (pk == NULL)
		diag_err(file, 0, "%s", none);
	ERR_clear_error();
	return pk;
}

EVP_PKEY *
obj_file_key(const char *file, const char *pass)
{
	return file_key(file, pass, 0, "no certificate, request or key in it");
}

EVP_PKEY *
obj_file_private(const char *file, const char *pass)
{
	return file_key(file, pass, 1, "no private key in it");
}
