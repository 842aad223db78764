/* revoke.c: cert-info's CRL and OCSP checks; see revoke.h. */
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "x509/crl.h"
#include "base/diag.h"
#include "x509/obj.h"
#include "check/ocsp.h"
#include "check/revoke.h"
#include "x509/x509info.h"

int
revoke_on(const struct revoke *r)
{
	return r->crls.n > 0 || r->ocsp;
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
revoke_keep(struct revoke *r, X509 *x, const struct pem_block *b)
{
	known_add(r, x);
	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	X509_up_ref(x);
	r->v[r->n].x = x;
	r->v[r->n].src = xstrdup(b->src);
	r->v[r->n].line = b->line;
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
	const char *reason;
	char date[32], *s;
	size_t i;
	int status = EX_YES;

	if (r->crls.n > 0) {
		status = crlset_verify(&r->crls, r->known, 1, r->at, r->strict);
		for (i = 0; i < r->n; i++) {
			if (!crlset_revoked(&r->crls, r->v[i].x, date, &reason))
				continue;
			s = x509info_name_str(X509_get_subject_name(r->v[i].x));
			status = ex_worst(status, diag_no(r->v[i].src,
			    r->v[i].line, "%s: revoked on %s (%s)", s ? s : "?",
			    date, reason));
			free(s);
		}
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
		free(r->v[i].src);
	}
	free(r->v);
	sk_X509_pop_free(r->known, X509_free);
	crlset_free(&r->crls);
	issuer_lookup_end();
	memset(r, 0, sizeof(*r));
}
