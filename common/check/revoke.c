/* revoke.c: cert-info's CRL and OCSP checks; see revoke.h. */
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509/crl.h"
#include "base/diag.h"
#include "x509/obj.h"
#include "check/crlfetch.h"
#include "check/ocsp.h"
#include "check/revoke.h"
#include "x509/x509info.h"

int
revoke_on(const struct revoke *r)
{
	return r->crls.n > 0 || r->ocsp || r->fetch.on;
}

static void
known_add(struct revoke *r, X509 *x)
{
	if (r->known == NULL)
		r->known = sk_X509_new_null();
	X509_up_ref(x);
	if (r->known == NULL || !sk_X509_push(r->known, x))
		X509_free(x);
}

void
revoke_keep(struct revoke *r, X509 *x, const struct pem_block *b,
    unsigned long member)
{
	known_add(r, x);
	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	X509_up_ref(x);
	memset(&r->v[r->n], 0, sizeof(r->v[r->n]));
	r->v[r->n].x = x;
	r->v[r->n].src = xstrdup(b->src);
	r->v[r->n].line = b->line;
	r->v[r->n].member = member;
	r->v[r->n].kind = b->kind;
	r->v[r->n++].index = b->index;
}

int
revoke_issuers(struct revoke *r, const char *file, unsigned rflags)
{
	struct obj_input oi;
	struct obj o;
	char *files[1];

	files[0] = (char *)file;
	obj_input_init(&oi, files, 1, rflags, OBJ_CERTS, NULL);
	while (obj_next(&oi, &o))
		if (o.x != NULL)
			known_add(r, o.x);
	return obj_input_end(&oi);
}

int
revoke_run(struct revoke *r)
{
	size_t i;
	int status = EX_YES;

	/* --crl-fetch: the CRL of each certificate that is not a trust
	 * anchor, from its distribution point (RFC 5280 4.2.1.13) */
	for (i = 0; r->fetch.on && i < r->n; i++)
		if (!(X509_get_extension_flags(r->v[i].x) & EXFLAG_SS))
			status = ex_worst(status, crlfetch_cert(&r->fetch,
			    &r->crls, r->v[i].x, r->v[i].src, r->v[i].line,
			    r->at));
	if (r->crls.n > 0 || r->fetch.on) {
		crlset_verify(&r->crls, r->known, 1, r->at);
		/* a self-signed certificate is a trust anchor: no CRL
		 * speaks for it (RFC 5280 6.1) */
		for (i = 0; i < r->n; i++)
			if (!(X509_get_extension_flags(r->v[i].x) & EXFLAG_SS))
				status = ex_worst(status, crlset_check(
				    &r->crls, r->v[i].x, r->v[i].src,
				    r->v[i].line, r->crl_soft, r->strict,
				    &r->v[i].verdict));
	}
	if (r->ocsp)
		status = ex_worst(status, ocsp_run(r));
	return status;
}

void
revoke_free(struct revoke *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		X509_free(r->v[i].x);
		ocsp_answer_free(r->v[i].ans);
		free(r->v[i].src);
	}
	free(r->v);
	sk_X509_pop_free(r->known, X509_free);
	crlset_free(&r->crls);
	crlfetch_free(&r->fetch);
	issuer_lookup_end();
	memset(r, 0, sizeof(*r));
}
