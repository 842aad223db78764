/* input.c: several inputs as one stream of blocks; see input.h. */
#include <string.h>

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "x509/keys.h"
#include "read/pem.h"

void
pem_input_init(struct pem_input *in, char **files, int nfiles,
    unsigned flags)
{
	static char dash0[] = "-";
	static char *dash[] = { dash0 };

	memset(in, 0, sizeof(*in));
	in->files = nfiles > 0 ? files : dash;
	in->nfiles = nfiles > 0 ? nfiles : 1;
	in->flags = flags;
	in->fd = -1;
}

void
pem_input_p7(struct pem_input *in)
{
	in->p7 = 1;
}

const char *
p7_type_name(const PKCS7 *p7)
{
	switch (OBJ_obj2nid(p7->type)) {
	case NID_pkcs7_data:
		return "Data (content without signature)";
	case NID_pkcs7_enveloped:
		return "EnvelopedData (content encrypted for its recipients, "
		    "an S/MIME .p7m)";
	case NID_pkcs7_signedAndEnveloped:
		return "SignedAndEnvelopedData";
	case NID_pkcs7_digest:
		return "DigestedData";
	case NID_pkcs7_encrypted:
		return "EncryptedData";
	default:
		return "of an unknown content type";
	}
}

STACK_OF(X509) *
p7_certs(const struct pem_block *b, const PKCS7 *p7)
{
	if (PKCS7_type_is_signed(p7) && p7->d.sign != NULL)
		return p7->d.sign->cert;
	diag_warn(b->src, b->line, "the PKCS#7 is %s, not SignedData: it "
	    "holds no certificates", p7_type_name(p7));
	return NULL;
}

int
container_open(const struct pem_block *b, const char *pass, EVP_PKEY **key,
    STACK_OF(X509) **certs, unsigned long *cert1)
{
	const unsigned char *p = b->der;
	STACK_OF(X509) *in;
	EVP_PKEY *pk = NULL;
	PKCS7 *p7;
	int i, ok;

	*certs = NULL;
	if (key != NULL)
		*key = NULL;
	if (cert1 != NULL)
		*cert1 = 1;
	if (b->kind == PK_PKCS12) {
		ok = p12_open(b, pass, &pk, certs);
		if (cert1 != NULL && pk != NULL)
			*cert1 = 2;	/* the key is member 1 */
		if (key != NULL)
			*key = pk;
		else
			EVP_PKEY_free(pk);
		return ok;
	}
	if ((p7 = d2i_PKCS7(NULL, &p, (long)b->derlen)) == NULL) {
		diag_err(b->src, b->line, "PKCS#7 block does not decode");
		return 0;
	}
	in = p7_certs(b, p7);
	*certs = sk_X509_new_null();
	for (i = 0; i < sk_X509_num(in); i++) {
		X509_up_ref(sk_X509_value(in, i));
		sk_X509_push(*certs, sk_X509_value(in, i));
	}
	PKCS7_free(p7);
	ERR_clear_error();
	return 1;
}

/* The certificates of a PKCS#7 block as members (DER the caller frees
 * with p12_members_free); 0 after a message when it does not decode. */
static int
p7_members(const struct pem_block *b, struct p12_member **m, size_t *n)
{
	STACK_OF(X509) *certs;

	*m = NULL;
	*n = 0;
	if (!container_open(b, NULL, NULL, &certs, NULL))
		return 0;
	*m = xmalloc(((size_t)sk_X509_num(certs) + 1) * sizeof(**m));
	p12_members_certs(certs, *m, n);
	sk_X509_pop_free(certs, X509_free);
	return 1;
}

void
pem_input_p12(struct pem_input *in, const char *pass)
{
	in->p12 = 1;
	in->p12pass = pass;
}

/* The next member of the PKCS#12 being handed out; 0 when none is left. */
static int
p12_next(struct pem_input *in, struct pem_block *b)
{
	const struct p12_member *m;

	if (in->mi >= in->mn) {
		p12_members_free(in->m, in->mn);
		in->m = NULL;
		in->mn = in->mi = 0;
		return 0;
	}
	m = &in->m[in->mi++];
	*b = in->cont;
	b->kind = m->kind;
	b->label = pem_kind_label(m->kind);
	b->inlabel = "";
	b->der = m->der;
	b->derlen = m->derlen;
	b->b64 = NULL;
	b->hdr = NULL;
	b->hdrlen = 0;
	b->encrypted = 0;
	b->from_der = 1;
	b->repairs = 0;
	b->member = in->mi;	/* the container's index, and its place */
	return 1;
}

int
pem_input_next(struct pem_input *in, struct pem_block *b)
{
	int ret;

	for (;;) {
		if (in->m != NULL && p12_next(in, b))
			return 1;
		if (in->r == NULL) {
			if (in->i >= in->nfiles)
				return 0;
			in->fd = in_open(in->files[in->i++], &in->name);
			if (in->fd == -1) {
				in->status = EX_TROUBLE;
				continue;
			}
			in->r = pem_open(in->fd, in->name, in->flags,
			    in->index);
		}
		if ((ret = pem_next(in->r, b)) == 1) {
			in->index = b->index;
			if (!(in->p12 && b->kind == PK_PKCS12) &&
			    !(in->p7 && b->kind == PK_PKCS7))
				return 1;
			/* its members share its index (pemkit(7)) */
			in->cont = *b;
			if (!(b->kind == PK_PKCS12 ? p12_members(b, in->p12pass,
			    &in->m, &in->mn) : p7_members(b, &in->m, &in->mn)))
				in->status = EX_TROUBLE;
			else if (in->mn == 0)
				diag_note(b->src, b->line, "%s holds nothing",
				    pem_kind_name(b->kind));
			continue;
		}
		if (ret == -1)
			in->status = EX_TROUBLE;
		pem_close(in->r);
		in->r = NULL;
		in_close(in->fd);
		in->fd = -1;
	}
}

int
pem_input_end(struct pem_input *in)
{
	p12_members_free(in->m, in->mn);
	in->m = NULL;
	in->mn = in->mi = 0;
	if (in->r != NULL) {
		pem_close(in->r);
		in->r = NULL;
		in_close(in->fd);
	}
	return in->status;
}


int
p12_passin(struct pem_input *in, const char *spec, char **pass)
{
	*pass = NULL;
	if (spec == NULL)
		return 0;
	if ((*pass = pass_get(spec, "--passin")) == NULL)
		return EX_TROUBLE;
	pem_input_p12(in, *pass);
	return 0;
}
