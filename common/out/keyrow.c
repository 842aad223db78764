/* keyrow.c: key-match's rows; see keyrow.h. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "base/io.h"
#include "base/json.h"
#include "out/keyrow.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "base/ossl.h"
#include "x509/x509info.h"

/* "file:line#member" of a row, into buf[n]. */
const char *
keyrow_where(const struct row *r, char *buf, size_t n)
{
	return diag_where(r->src, r->line, r->member, buf, n);
}

/* Fill r from o; returns 0, or EX_NO when a private key fails its
 * pairwise check. */
int
keyrow_fill(struct row *r, const struct obj *o)
{
	const X509_NAME *nm = NULL;
	struct x509info xi;
	char loc[512];

	memset(r, 0, sizeof(*r));
	r->src = o->src;
	r->line = o->line;
	r->index = o->index;
	r->member = o->member;
	r->type = o->type;
	r->priv = o->priv;
	EVP_PKEY_up_ref(o->pk);
	r->pk = o->pk;
	if (o->x != NULL && X509_up_ref(o->x))
		r->x = o->x;
	if (o->x != NULL)
		nm = X509_get_subject_name(o->x);
	else if (o->req != NULL)
		nm = X509_REQ_get_subject_name(o->req);
	if (nm != NULL)
		r->subject = x509info_name_str(nm);
	memset(&xi, 0, sizeof(xi));
	x509info_key(o->pk, &xi);
	x509info_key_text(&xi, r->key, sizeof(r->key));
	x509info_free(&xi);
	if (!key_spki_sha256(o->pk, r->spki))
		strcpy(r->spki, "-");
	r->pairwise = 1;
	if (o->priv && !(r->pairwise = key_pairwise_ok(o->pk)))
		return diag_no(NULL, 0, "%s: private key fails "
		    "OpenSSL's pairwise check: its public half does not "
		    "belong to its private half", keyrow_where(r, loc, sizeof(loc)));
	return EX_YES;
}

void
keyrow_json(struct out *o, const struct row *r, int match)
{
	struct json j;

	json_begin_at(&j, o, r->src, r->line, r->index, r->type);
	if (r->member != 0)
		json_int(&j, "member", (long long)r->member);
	else
		json_null(&j, "member");
	json_str(&j, "subject", r->subject, -1);
	json_str(&j, "key", r->key, -1);
	json_str(&j, "spki_sha256", r->spki, -1);
	json_str(&j, "role", r->issuer ? "issuer" : "compared", -1);
	json_int(&j, "group", r->group);
	if (r->issuer)
		json_null(&j, "match");
	else
		json_bool(&j, "match", match);
	if (r->priv)
		json_bool(&j, "pairwise", r->pairwise);
	else
		json_null(&j, "pairwise");
	json_end(&j);
}

/*
 * The CA certificates of a bundle (a fullchain, a merged IceWarp or
 * HAProxy file, pkcs12 -nodes output) are its leaf's issuers, not
 * candidates: those asserting cA TRUE (RFC 5280 section 4.2.1.9) and
 * those that issued another certificate of the input.  When that leaves
 * no certificate at all (a CA's own key and certificate), the ones that
 * issued nothing in the input are compared after all.
 */
void
keyrow_roles(struct row *r, size_t n)
{
	size_t i, j, ncand = 0;
	int *issued;

	issued = xmalloc((n + 1) * sizeof(*issued));
	for (i = 0; i < n; i++) {
		issued[i] = 0;
		for (j = 0; r[i].x != NULL && j < n && !issued[i]; j++)
			if (j != i && r[j].x != NULL &&
			    ossl_issued_by(r[i].x, r[j].x))
				issued[i] = 1;
		r[i].issuer = r[i].x != NULL && (issued[i] ||
		    ossl_is_ca(r[i].x));
		ncand += r[i].x != NULL && !r[i].issuer;
	}
	for (i = 0; ncand == 0 && i < n; i++)
		if (r[i].x != NULL && !issued[i])
			r[i].issuer = 0;
	free(issued);
}

