/* http.c: one bounded exchange through OpenSSL's HTTP client; see http.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/http.h>
#include <openssl/httperr.h>

#include "base/diag.h"
#include "net/http.h"

/*
 * Why the exchange failed, in words, from OpenSSL's error queue (which
 * is emptied): the server's HTTP status, the size cap, else the first
 * reason.  Sets *toobig for the size cap.
 */
static void
why(char *buf, size_t n, int *toobig)
{
	const char *data, *r;
	unsigned long e;
	int flags, first = 1;

	*toobig = 0;
	snprintf(buf, n, "no answer");
	while ((e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0) {
		if (ERR_GET_LIB(e) == ERR_LIB_HTTP && (ERR_GET_REASON(e) ==
		    HTTP_R_MAX_RESP_LEN_EXCEEDED || ERR_GET_REASON(e) ==
		    HTTP_R_ASN1_LEN_EXCEEDS_MAX_RESP_LEN))
			*toobig = 1;
		else if (ERR_GET_LIB(e) == ERR_LIB_HTTP && ERR_GET_REASON(e) ==
		    HTTP_R_RECEIVED_ERROR && (flags & ERR_TXT_STRING)) {
			snprintf(buf, n, "the server answered %s", data);
			first = 0;
		} else if (first && (r = ERR_reason_error_string(e)) != NULL) {
			snprintf(buf, n, "%s", r);
			first = 0;
		}
	}
}

unsigned char *
http_fetch(const char *url, const char *ctype, const unsigned char *req,
    size_t reqlen, size_t max, int timeout, int maxredir, size_t *len)
{
	OSSL_HTTP_REQ_CTX *rctx = NULL;
	BIO *rb = NULL, *resp = NULL;
	char *host = NULL, *port = NULL, *path = NULL, *redir = NULL;
	char *cur = xstrdup(url), buf[4096];
	unsigned char *body = NULL;
	char reason[256];
	time_t start = time(NULL);
	int ssl, n, hops = 0, left, toobig;

	*len = 0;
	for (;;) {
		OPENSSL_free(host);
		OPENSSL_free(port);
		OPENSSL_free(path);
		host = port = path = NULL;
		if (!OSSL_HTTP_parse_url(cur, &ssl, NULL, &host, &port, NULL,
		    &path, NULL, NULL) || ssl) {
			diag_err(NULL, 0, "%s: not an http:// URL", cur);
			goto out;
		}
		if ((left = timeout - (int)(time(NULL) - start)) <= 0)
			goto timedout;
		BIO_free(rb);
		rb = NULL;
		if (req != NULL && (rb = BIO_new_mem_buf(req, (int)reqlen)) ==
		    NULL)
			goto out;
		ERR_clear_error();
		if ((rctx = OSSL_HTTP_open(host, port, NULL, NULL, 0, NULL, NULL,
		    NULL, NULL, 0, left)) == NULL ||
		    !OSSL_HTTP_set1_request(rctx, path, NULL, ctype, rb, NULL, 0,
		    max, left, 0) ||
		    (resp = OSSL_HTTP_exchange(rctx, &redir)) == NULL) {
			if (redir != NULL) {
				if (++hops > maxredir) {
					diag_err(NULL, 0, "%s: more than %d "
					    "redirections", url, maxredir);
					goto out;
				}
				diag_note(NULL, 0, "%s: redirected to %s", cur,
				    redir);
				free(cur);
				cur = xstrdup(redir);
				OPENSSL_free(redir);
				redir = NULL;
				OSSL_HTTP_close(rctx, 1);
				rctx = NULL;
				ERR_clear_error();
				continue;
			}
			why(reason, sizeof(reason), &toobig);
			if (toobig)
				diag_err(NULL, 0, "%s: the answer is more than "
				    "%zu bytes", cur, max);
			else if (time(NULL) - start >= timeout)
				goto timedout;
			else
				diag_err(NULL, 0, "%s: cannot fetch: %s", cur,
				    reason);
			goto out;
		}
		break;
	}
	for (;;) {
		if ((n = BIO_read(resp, buf, sizeof(buf))) <= 0) {
			/* a streaming answer: wait for more until the end of
			 * the data or of the time (BIO_wait(3)) */
			if (!BIO_should_retry(resp))
				break;
			if (BIO_wait(resp, start + timeout, 50) <= 0) {
				ERR_clear_error();
				goto timedout;
			}
			continue;
		}
		if (*len + (size_t)n > max) {
			diag_err(NULL, 0, "%s: the answer is more than %zu "
			    "bytes", cur, max);
			free(body);
			body = NULL;
			goto out;
		}
		body = xrealloc(body, *len + (size_t)n);
		memcpy(body + *len, buf, (size_t)n);
		*len += (size_t)n;
	}
	if (body == NULL) {
		diag_err(NULL, 0, "%s: an empty answer", cur);
		goto out;
	}
	goto out;
timedout:
	ERR_clear_error();
	diag_err(NULL, 0, "%s: timed out after %d s", cur, timeout);
out:
	ERR_clear_error();
	OSSL_HTTP_close(rctx, body != NULL);
	OPENSSL_free(redir);
	BIO_free(resp);
	BIO_free(rb);
	OPENSSL_free(host);
	OPENSSL_free(port);
	OPENSSL_free(path);
	free(cur);
	if (body == NULL)
		*len = 0;
	return body;
}
