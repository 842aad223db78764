/* ocsp.c: ask OCSP responders through OpenSSL; see ocsp.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509/crl.h"
#include "base/diag.h"
#include "net/http.h"
#include "base/io.h"
#include "base/json.h"
#include "check/ocsp.h"
#include "base/ossl.h"
#include "check/revstate.h"
#include "x509/x509info.h"

static int
cert_signed_by(void *arg, EVP_PKEY *pk)
{
	int r = X509_verify((X509 *)arg, pk) == 1;

	ERR_clear_error();
	return r;
}

/* The certificate's verdict, when no CRL gave one: unknown, because
 * of fmt. */
static void
unknown(struct revoke_cert *c, const char *fmt, ...)
{
	va_list ap;

	if (c->verdict.status != NULL)
		return;
	c->verdict.status = "unknown";
	va_start(ap, fmt);
	vsnprintf(c->verdict.why, sizeof(c->verdict.why), fmt, ap);
	va_end(ap);
}

/* The first URI of x's cRLDistributionPoints (RFC 5280 4.2.1.13), or
 * NULL; OpenSSL's. */
static char *
crl_url(X509 *x)
{
	STACK_OF(DIST_POINT) *dps;
	DIST_POINT *dp;
	GENERAL_NAME *gn;
	char *r = NULL;
	int i, k;

	dps = X509_get_ext_d2i(x, NID_crl_distribution_points, NULL, NULL);
	for (i = 0; r == NULL && i < sk_DIST_POINT_num(dps); i++) {
		dp = sk_DIST_POINT_value(dps, i);
		if (dp->distpoint == NULL || dp->distpoint->type != 0)
			continue;
		for (k = 0; r == NULL && k < sk_GENERAL_NAME_num(
		    dp->distpoint->name.fullname); k++) {
			gn = sk_GENERAL_NAME_value(dp->distpoint->name.fullname,
			    k);
			if (gn->type == GEN_URI)
				r = ossl_escape_ctl((const char *)
				    ASN1_STRING_get0_data(gn->d.ia5),
				    (size_t)ASN1_STRING_length(gn->d.ia5));
		}
	}
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	ERR_clear_error();
	return r;
}

/* A certificate without an OCSP URL (Let's Encrypt's since 2025): say
 * so, and where its CRL is. */
static int
no_responder(struct revoke_cert *c, const char *subject)
{
	char *crl = crl_url(c->x);
	int status;

	unknown(c, "no OCSP responder URL");
	if (crl != NULL)
		status = diag_err(c->src, c->line, "%s names no OCSP "
		    "responder; its CRL is at %s: check it with --crl-fetch "
		    "or --crl, or give --ocsp-url", subject, crl);
	else
		status = diag_err(c->src, c->line, "%s names no OCSP "
		    "responder and no CRL distribution point: give "
		    "--ocsp-url", subject);
	free(crl);
	return status;
}

/* What one answer says, for the text and JSON. */
struct ocsp_answer {
	const char	*status;	/* "good", "revoked", "unknown" */
	char		 this_update[32], next_update[32], revoked_at[32];
	const char	*reason;	/* or NULL */
	char		*subject, *url;
	int		 first;
};

static void
print(struct revoke *r, const struct revoke_cert *c, const char *subject,
    const char *url, const struct ocsp_answer *a, int first)
{
	struct json j;
	char buf[1024];

	if (r->json) {
		json_begin_at(&j, r->o, c->src, c->line, c->index, "ocsp");
		json_str(&j, "subject", subject, -1);
		json_str(&j, "responder", url, -1);
		json_str(&j, "status", a->status, -1);
		json_str(&j, "this_update", a->this_update, -1);
		json_str(&j, "next_update", a->next_update[0] ?
		    a->next_update : NULL, -1);
		json_str(&j, "revoked_at", a->revoked_at[0] ? a->revoked_at :
		    NULL, -1);
		json_str(&j, "reason", a->reason, -1);
		json_end(&j);
		return;
	}
	snprintf(buf, sizeof(buf), "%s%s:%lu: OCSP answer (block %lu)\n"
	    "  subject:           %s\n  responder:         %s\n"
	    "  status:            %s%s%s%s%s%s\n  this update:       %s\n"
	    "  next update:       %s\n", first ? "" : "\n", c->src, c->line,
	    c->index, subject, url, a->status, a->revoked_at[0] ? " on " : "",
	    a->revoked_at, a->reason ? " (" : "", a->reason ? a->reason : "",
	    a->reason ? ")" : "",
	    a->this_update, a->next_update[0] ? a->next_update : "none");
	out_write(r->o, buf, strlen(buf));
}

/* Ask about one certificate; the exit class. */
static int
ask(struct revoke *r, struct revoke_cert *c, X509 *issuer,
    const char *url, const char *subject, int first)
{
	OCSP_REQUEST *req = NULL;
	OCSP_RESPONSE *resp = NULL;
	OCSP_BASICRESP *bs = NULL;
	OCSP_CERTID *id = NULL;
	STACK_OF(X509) *certs = NULL;
	X509_STORE *store = NULL;
	ASN1_GENERALIZEDTIME *rev = NULL, *tu = NULL, *nu = NULL;
	unsigned char *der = NULL, *body = NULL;
	const unsigned char *p;
	struct ocsp_answer a;
	struct out o;
	size_t blen;
	int len, st, reason, status = EX_TROUBLE, n;

	memset(&a, 0, sizeof(a));
	if ((req = OCSP_REQUEST_new()) == NULL ||
	    (id = OCSP_cert_to_id(NULL, c->x, issuer)) == NULL ||
	    OCSP_request_add0_id(req, OCSP_CERTID_dup(id)) == NULL ||
	    !OCSP_request_add1_nonce(req, NULL, -1) ||
	    (len = i2d_OCSP_REQUEST(req, &der)) <= 0) {
		diag_err(c->src, c->line, "OpenSSL cannot make the OCSP "
		    "request");
		goto out;
	}
	if ((body = http_fetch(url, "application/ocsp-request", der,
	    (size_t)len, OCSP_MAX_RESPONSE, (int)r->timeout, 0, &blen)) ==
	    NULL)
		goto out;
	p = body;
	if ((resp = d2i_OCSP_RESPONSE(NULL, &p, (long)blen)) == NULL) {
		diag_err(c->src, c->line, "%s: the answer is not an OCSP "
		    "response", url);
		goto out;
	}
	if ((st = OCSP_response_status(resp)) !=
	    OCSP_RESPONSE_STATUS_SUCCESSFUL) {
		diag_err(c->src, c->line, "%s: the responder answered %s", url,
		    OCSP_response_status_str(st));
		goto out;
	}
	if ((bs = OCSP_response_get1_basic(resp)) == NULL) {
		diag_err(c->src, c->line, "%s: not a basic OCSP response", url);
		goto out;
	}
	/* RFC 8954: a nonce that differs is a replay; none at all is a
	 * pre-signed answer, which many CAs' responders send */
	if ((n = OCSP_check_nonce(req, bs)) == 0) {
		diag_err(c->src, c->line, "%s: the response's nonce is not the "
		    "request's", url);
		goto out;
	}
	if (n < 0)
		diag_note(c->src, c->line, "%s: the response has no nonce",
		    url);
	/* the issuer is the anchor: it signs, or it issued the responder's
	 * certificate (RFC 6960 4.2.2.2) */
	if ((certs = sk_X509_new_null()) == NULL ||
	    !sk_X509_push(certs, issuer) || (store = X509_STORE_new()) ==
	    NULL || !X509_STORE_add_cert(store, issuer) ||
	    !X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN))
		goto out;
	if (OCSP_basic_verify(bs, certs, store, 0) <= 0) {
		const char *w = ERR_reason_error_string(ERR_peek_last_error());

		ERR_clear_error();
		diag_err(c->src, c->line, "%s: the response does not verify "
		    "against the issuer: %s", url, w ? w : "unknown reason");
		goto out;
	}
	if (!OCSP_resp_find_status(bs, id, &st, &reason, &rev, &tu, &nu)) {
		diag_err(c->src, c->line, "%s: the response does not answer "
		    "for %s", url, subject);
		goto out;
	}
	ERR_clear_error();
	x509info_time(tu, a.this_update, sizeof(a.this_update));
	if (nu != NULL)
		x509info_time(nu, a.next_update, sizeof(a.next_update));
	/* outside thisUpdate..nextUpdate is not an answer (RFC 6960
	 * 4.2.2.1, 2.4): OCSP_check_validity(3)'s test, at r->at so that
	 * --at decides as it does for the rest */
	if (ASN1_TIME_cmp_time_t(tu, r->at + OCSP_SKEW) > 0) {
		diag_err(c->src, c->line, "%s: the response is dated in the "
		    "future: its thisUpdate is %s", url, a.this_update);
		goto out;
	}
	if (nu != NULL && ASN1_TIME_cmp_time_t(nu, r->at - OCSP_SKEW) < 0) {
		diag_err(c->src, c->line, "%s: the response is stale: valid "
		    "from %s to %s", url, a.this_update, a.next_update);
		goto out;
	}
	/* without our nonce it may be a replay: older than the longest
	 * validity a CA may give (CA/B BR 4.9.10: 10 days) it is refused */
	if (n < 0 && nu == NULL && ASN1_TIME_cmp_time_t(tu, r->at -
	    OCSP_MAX_AGE) < 0) {
		diag_err(c->src, c->line, "%s: the response is too old to "
		    "trust without a nonce or nextUpdate: its thisUpdate is %s",
		    url, a.this_update);
		goto out;
	}
	a.status = OCSP_cert_status_str(st);
	status = EX_YES;
	if (st == V_OCSP_CERTSTATUS_REVOKED) {
		x509info_time(rev, a.revoked_at, sizeof(a.revoked_at));
		a.reason = reason >= 0 ? crl_reason_name(reason) : NULL;
		status = diag_no(c->src, c->line, "%s: revoked on %s (%s), "
		    "says %s", subject, a.revoked_at, a.reason ? a.reason :
		    "no reason given", url);
	} else if (st != V_OCSP_CERTSTATUS_GOOD)
		status = diag_no(c->src, c->line, "%s: the responder %s does "
		    "not know it", subject, url);
	/* the certificate's verdict: a CRL's "revoked" stands */
	if (c->verdict.status == NULL ||
	    strcmp(c->verdict.status, "revoked") != 0) {
		memset(&c->verdict, 0, sizeof(c->verdict));
		c->verdict.status = a.status;
		c->verdict.reason = a.reason;
		snprintf(c->verdict.date, sizeof(c->verdict.date), "%s",
		    a.revoked_at);
		snprintf(c->verdict.source, sizeof(c->verdict.source), "%s",
		    url);
	}
	/* printed by ocsp_print, after the certificates */
	if (r->o != NULL) {
		a.subject = xstrdup(subject);
		a.url = xstrdup(url);
		a.first = first;
		ocsp_answer_free(c->ans);
		c->ans = xmalloc(sizeof(*c->ans));
		*c->ans = a;
	}
	if (r->ocsp_out != NULL && (out_open(&o, r->ocsp_out, 0) != 0 ||
	    out_write(&o, body, blen) != 0 || out_close(&o) != 0))
		status = EX_TROUBLE;
out:
	if (status == EX_TROUBLE)
		unknown(c, "%s gave no usable answer", url);
	ERR_clear_error();
	X509_STORE_free(store);
	sk_X509_free(certs);
	OCSP_BASICRESP_free(bs);
	OCSP_RESPONSE_free(resp);
	OCSP_CERTID_free(id);
	OCSP_REQUEST_free(req);
	OPENSSL_free(der);
	free(body);
	return status;
}

int
ocsp_run(struct revoke *r)
{
	STACK_OF(OPENSSL_STRING) *urls;
	X509 *issuer;
	char *s;
	size_t i, asked = 0;
	int status = EX_YES;

	for (i = 0; i < r->n; i++) {
		if (X509_check_ca(r->v[i].x) > 0)
			continue;
		s = x509info_name_str(X509_get_subject_name(r->v[i].x));
		if ((issuer = issuer_lookup(r->known, 1, X509_get_issuer_name(
		    r->v[i].x), cert_signed_by, r->v[i].x)) == NULL) {
			/* its status is unknown: not a pass (issue 22) */
			unknown(&r->v[i], "its issuer is not known: OCSP not "
			    "asked");
			status = ex_worst(status, diag_err(r->v[i].src,
			    r->v[i].line, "%s: its issuer is not in the input, "
			    "-C or the system store: OCSP not asked", s ? s :
			    "?"));
			free(s);
			continue;
		}
		urls = X509_get1_ocsp(r->v[i].x);
		if (r->ocsp_url == NULL && sk_OPENSSL_STRING_num(urls) <= 0)
			status = ex_worst(status, no_responder(&r->v[i],
			    s ? s : "?"));
		else if (r->ocsp_out != NULL && asked > 0)
			status = ex_worst(status, diag_err(r->v[i].src,
			    r->v[i].line, "--ocsp-out takes the response for "
			    "one certificate: this is the second"));
		else
			status = ex_worst(status, ask(r, &r->v[i], issuer,
			    r->ocsp_url ? r->ocsp_url :
			    sk_OPENSSL_STRING_value(urls, 0), s ? s : "?",
			    asked++ == 0));
		X509_email_free(urls);
		free(s);
	}
	if (asked == 0 && status == EX_YES)
		status = diag_err(NULL, 0, "--ocsp: no end-entity certificate "
		    "whose issuer is known");
	return status;
}

void
ocsp_print(struct revoke *r, int first)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].ans != NULL) {
			print(r, &r->v[i], r->v[i].ans->subject,
			    r->v[i].ans->url, r->v[i].ans, first &&
			    r->v[i].ans->first);
			ocsp_answer_free(r->v[i].ans);
			r->v[i].ans = NULL;
		}
}

void
ocsp_answer_free(struct ocsp_answer *a)
{
	if (a == NULL)
		return;
	free(a->subject);
	free(a->url);
	free(a);
}
