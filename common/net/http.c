/* http.c: one bounded exchange through OpenSSL's HTTP client; see http.h. */
#include <sys/types.h>
#include <sys/socket.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/http.h>
#include <openssl/httperr.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <arpa/inet.h>

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

/*
 * Wait for the non-blocking connect of fd to end, until the deadline
 * (time(3) seconds): 0 connected, -1 timed out, else the errno value
 * of the failure, from SO_ERROR (ECONNREFUSED for a refused port).
 */
static int
connected(int fd, time_t deadline)
{
	struct pollfd pfd;
	socklen_t sl = sizeof(int);
	time_t left;
	int r, err = 0;

	do {
		if ((left = deadline - time(NULL)) <= 0)
			return -1;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		r = poll(&pfd, 1, (int)left * 1000);
	} while (r == 0 || (r == -1 && errno == EINTR));
	if (r == -1 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &sl) == -1)
		return errno != 0 ? errno : EIO;
	return err;
}

/*
 * A TCP connection to host:port before the deadline (time(3) seconds),
 * as a socket BIO in non-blocking mode, or NULL after a message naming
 * url.  Made here rather than by OSSL_HTTP_open, whose
 * BIO_do_connect_retry(3) tries a refused port again until the deadline
 * and then says "timed out" (issue 24): the socket's SO_ERROR after the
 * non-blocking connect says "connection refused" at once.  No proxy:
 * the URL's own host is asked (http.h).
 */
static BIO *
dial(const char *url, const char *host, const char *port, time_t deadline,
    int timeout)
{
	struct addrinfo hints, *res = NULL, *ai;
	BIO *b = NULL;
	int fd = -1, e, err = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(host, port, &hints, &res)) != 0) {
		diag_err(NULL, 0, "%s: cannot resolve %s: %s", url, host,
		    e == EAI_SYSTEM ? strerror(errno) : gai_strerror(e));
		return NULL;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype,
		    ai->ai_protocol)) == -1) {
			err = errno;
			continue;
		}
		err = 0;
		if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1 ||
		    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1)
			err = errno;
		else if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
			if (errno != EINPROGRESS)
				err = errno;
			else if ((err = connected(fd, deadline)) == -1) {
				diag_err(NULL, 0, "%s: timed out after %d s",
				    url, timeout);
				goto out;
			}
		}
		if (err == 0)
			break;
		close(fd);
		fd = -1;
	}
	if (fd == -1) {
		diag_err(NULL, 0, "%s: cannot fetch: %s", url,
		    err == ECONNREFUSED ? "connection refused" : strerror(err));
		goto out;
	}
	if ((b = BIO_new_socket(fd, BIO_CLOSE)) == NULL)
		diag_err(NULL, 0, "%s: OpenSSL cannot use the socket", url);
	else
		fd = -1;
out:
	if (fd != -1)
		close(fd);
	freeaddrinfo(res);
	return b;
}

/* What the TLS callback needs, and what it leaves for the messages. */
struct tls {
	SSL_CTX		*ctx;	/* NULL until an https URL is met */
	const char	*host;	/* the URL's host: SNI and the name checked */
	SSL		*ssl;	/* the connection's, while it is open */
};

/*
 * The client context of an https fetch: TLS 1.2 or later (RFC 9325
 * section 3.1.1), the server's certificate verified against the system
 * store, SSL_CERT_FILE and SSL_CERT_DIR overriding it as they do for
 * X509_STORE_set_default_paths(3) and chain-order's store.  NULL after
 * OpenSSL failed.
 */
static SSL_CTX *
tls_ctx(void)
{
	SSL_CTX *ctx;

	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL)
		return NULL;
	if (!SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) ||
	    !SSL_CTX_set_default_verify_paths(ctx)) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	return ctx;
}

/*
 * The TLS client on the connected socket BIO sock, as an SSL BIO pushed
 * on it (BIO_free_all of it frees both), with SNI (RFC 6066 section 3,
 * DNS names only) and the URL's host checked against the server's
 * certificate (RFC 9110 section 4.3.4, RFC 6125: SSL_set1_host(3); an
 * IP address literal against its iPAddress names).  The handshake is
 * OSSL_HTTP_open(3)'s BIO_do_connect_retry(3), under the deadline.
 * NULL after OpenSSL failed, sock untouched.
 */
static BIO *
tls_bio(BIO *sock, struct tls *t)
{
	unsigned char ip[16];
	BIO *sbio;
	SSL *ssl;
	int isip;

	if ((sbio = BIO_new(BIO_f_ssl())) == NULL)
		return NULL;
	if ((ssl = SSL_new(t->ctx)) == NULL) {
		BIO_free(sbio);
		return NULL;
	}
	isip = inet_pton(AF_INET, t->host, ip) == 1 ||
	    inet_pton(AF_INET6, t->host, ip) == 1;
	if (isip ? !X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl),
	    t->host) : !SSL_set1_host(ssl, t->host) ||
	    !SSL_set_tlsext_host_name(ssl, t->host)) {
		SSL_free(ssl);
		BIO_free(sbio);
		return NULL;
	}
	SSL_set_connect_state(ssl);
	BIO_set_ssl(sbio, ssl, BIO_CLOSE);
	t->ssl = ssl;
	return BIO_push(sbio, sock);
}

/*
 * The OSSL_HTTP_bio_cb_t of an https exchange (OSSL_HTTP_open(3), after
 * OpenSSL's apps/lib/apps.c app_http_tls_cb).  The SSL BIO is pushed
 * before OSSL_HTTP_open rather than here: OpenSSL 3.0 runs
 * BIO_do_connect on the BIO it is given before calling back, which a
 * socket BIO connected by dial() fails ("connect error") and an SSL BIO
 * answers with the handshake.  So on connect the BIO is kept as it is;
 * on disconnect the TLS session is closed (close_notify, RFC 8446
 * section 6.1) and the chain left to the caller to free.
 */
static BIO *
tls_cb(BIO *bio, void *arg, int connect, int detail)
{
	(void)arg;
	(void)detail;
	if (!connect) {
		(void)ERR_set_mark();
		BIO_ssl_shutdown(bio);
		(void)ERR_pop_to_mark();
	}
	return bio;
}

/*
 * remove_dot_segments (RFC 3986 section 5.2.4) of the n bytes of path,
 * appended to the string at out (large enough: never longer than path).
 */
static void
dot_segments(char *out, const char *path, size_t n)
{
	char *o = out + strlen(out), *base = o, *q;
	const char *p = path, *end = path + n, *seg;

	while (p < end) {
		if (end - p >= 3 && strncmp(p, "../", 3) == 0)
			p += 3;
		else if (end - p >= 2 && strncmp(p, "./", 2) == 0)
			p += 2;
		else if (end - p >= 3 && strncmp(p, "/./", 3) == 0)
			p += 2;
		else if (end - p == 2 && strncmp(p, "/.", 2) == 0) {
			*o++ = '/';
			p = end;
		} else if ((end - p >= 4 && strncmp(p, "/../", 4) == 0) ||
		    (end - p == 3 && strncmp(p, "/..", 3) == 0)) {
			p += 3;
			*o = '\0';
			o = (q = strrchr(base, '/')) != NULL ? q : base;
			if (p == end)
				*o++ = '/';
		} else if ((end - p == 1 && *p == '.') ||
		    (end - p == 2 && strncmp(p, "..", 2) == 0))
			p = end;
		else {
			seg = p;
			p++;
			while (p < end && *p != '/')
				p++;
			memcpy(o, seg, (size_t)(p - seg));
			o += p - seg;
		}
	}
	*o = '\0';
}

/*
 * The target of a redirection: ref (a Location header, RFC 9110 section
 * 10.2.2, a URI reference) resolved against the absolute URL base as
 * RFC 3986 section 5.2.2 says, its fragment dropped: "/x", "x", "../x",
 * "?q" and "//host/x" are relative (a relative "/x" was read as host ""
 * before, issue 24).  A new string.
 */
static char *
resolve(const char *base, const char *ref)
{
	const char *auth, *path, *bq, *rq, *s;
	size_t reflen = strcspn(ref, "#"), n;
	char *out;

	for (s = ref; s < ref + reflen && (isalnum((unsigned char)*s) ||
	    *s == '+' || *s == '-' || *s == '.'); s++)
		;
	if (s > ref && s < ref + reflen && *s == ':' &&
	    isalpha((unsigned char)*ref)) {
		out = xmalloc(reflen + 1);
		memcpy(out, ref, reflen);
		out[reflen] = '\0';
		return out;
	}
	/* base: scheme "://" authority path ["?" query] */
	auth = strstr(base, "://");
	auth = auth != NULL ? auth + 3 : base;
	path = auth + strcspn(auth, "/?#");
	bq = path + strcspn(path, "?#");
	n = (size_t)(path - base) + (size_t)(bq - path) + 2 * reflen + 8 +
	    strlen(base);
	out = xmalloc(n);
	if (reflen >= 2 && ref[0] == '/' && ref[1] == '/') {
		/* a network-path reference: the base's scheme */
		snprintf(out, n, "%.*s", (int)(auth - base - 2), base);
		strncat(out, ref, reflen);
		return out;
	}
	snprintf(out, n, "%.*s", (int)(path - base), base);
	rq = ref + strcspn(ref, "?#");
	if (rq > ref + reflen)
		rq = ref + reflen;
	if (reflen == 0 || ref[0] == '?') {
		/* the base's path; the reference's query or the base's */
		strncat(out, path, (size_t)(bq - path));
		if (reflen == 0)
			strncat(out, bq, strcspn(bq, "#"));
		else
			strncat(out, ref, reflen);
		return out;
	}
	if (ref[0] == '/')
		dot_segments(out, ref, (size_t)(rq - ref));
	else {
		/* merge (RFC 3986 5.2.3): the base's path up to its last
		 * "/" ("/" when the base has none), then the reference */
		char *m;
		const char *slash;

		for (slash = NULL, s = path; s < bq; s++)
			if (*s == '/')
				slash = s;
		m = xmalloc((size_t)(bq - path) + reflen + 2);
		if (slash == NULL)
			snprintf(m, (size_t)(bq - path) + reflen + 2, "/%.*s",
			    (int)(rq - ref), ref);
		else
			snprintf(m, (size_t)(bq - path) + reflen + 2,
			    "%.*s%.*s", (int)(slash + 1 - path), path,
			    (int)(rq - ref), ref);
		dot_segments(out, m, strlen(m));
		free(m);
	}
	strncat(out, rq, (size_t)(ref + reflen - rq));
	return out;
}

/* http_fetch and https_fetch: https URLs too when tlsok is 1 */
static unsigned char *
fetch(const char *url, const char *ctype, const unsigned char *req,
    size_t reqlen, size_t max, int timeout, int maxredir, int tlsok,
    size_t *len)
{
	struct tls tls = { NULL, NULL, NULL };
	long vr;
	int secure = 0;
	OSSL_HTTP_REQ_CTX *rctx = NULL;
	BIO *rb = NULL, *resp = NULL, *sock = NULL, *tb;
	char *host = NULL, *port = NULL, *path = NULL, *redir = NULL, *s;
	char *cur = xstrdup(url), buf[4096];
	unsigned char *body = NULL;
	char reason[256];
	time_t start = time(NULL);
	int ssl, n, hops = 0, left, toobig, err;

	*len = 0;
	for (;;) {
		OPENSSL_free(host);
		OPENSSL_free(port);
		OPENSSL_free(path);
		host = port = path = NULL;
		if (!OSSL_HTTP_parse_url(cur, &ssl, NULL, &host, &port, NULL,
		    &path, NULL, NULL) || (ssl && !tlsok) || *host == '\0') {
			ERR_clear_error();
			diag_err(NULL, 0, "%s: not an http%s:// URL", cur,
			    tlsok ? "(s)" : "");
			goto out;
		}
		if (secure && !ssl) {
			/* no downgrade: what came under TLS stays there */
			diag_err(NULL, 0, "%s: redirected from https to http: "
			    "refused", cur);
			goto out;
		}
		secure |= ssl;
		tls.host = host;
		if (ssl && tls.ctx == NULL && (tls.ctx = tls_ctx()) == NULL) {
			diag_err(NULL, 0, "%s: OpenSSL cannot make a TLS "
			    "context", cur);
			goto out;
		}
		if ((left = timeout - (int)(time(NULL) - start)) <= 0)
			goto timedout;
		BIO_free(rb);
		rb = NULL;
		if (req != NULL && (rb = BIO_new_mem_buf(req, (int)reqlen)) ==
		    NULL)
			goto out;
		if ((sock = dial(cur, host, port, start + timeout, timeout)) ==
		    NULL)
			goto out;
		if (ssl) {
			if ((tb = tls_bio(sock, &tls)) == NULL) {
				diag_err(NULL, 0, "%s: OpenSSL cannot start "
				    "TLS", cur);
				goto out;
			}
			sock = tb;	/* the SSL BIO on the socket */
		}
		ERR_clear_error();
		if ((rctx = OSSL_HTTP_open(host, port, NULL, NULL, ssl, sock,
		    ssl ? NULL : sock, ssl ? tls_cb : NULL, NULL, 0,
		    left)) == NULL ||
		    !OSSL_HTTP_set1_request(rctx, path, NULL, ctype, rb, NULL, 0,
		    max, left, 0) ||
		    (resp = OSSL_HTTP_exchange(rctx, &redir)) == NULL) {
			if (redir != NULL) {
				if (++hops > maxredir) {
					diag_err(NULL, 0, "%s: more than %d "
					    "redirections", url, maxredir);
					goto out;
				}
				/* a relative Location: against this URL */
				s = resolve(cur, redir);
				diag_note(NULL, 0, "%s: redirected to %s", cur,
				    s);
				free(cur);
				cur = s;
				OPENSSL_free(redir);
				redir = NULL;
				OSSL_HTTP_close(rctx, 1);
				rctx = NULL;
				BIO_free_all(sock);
				sock = NULL;
				tls.ssl = NULL;
				ERR_clear_error();
				continue;
			}
			why(reason, sizeof(reason), &toobig);
			if (tls.ssl != NULL && (vr = SSL_get_verify_result(
			    tls.ssl)) != X509_V_OK)
				diag_err(NULL, 0, "%s: cannot fetch: the "
				    "server's certificate does not verify: %s",
				    cur, X509_verify_cert_error_string(vr));
			else if (toobig)
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
		errno = 0;
		if ((n = BIO_read(resp, buf, sizeof(buf))) <= 0) {
			err = errno;
			if (n < 0 && !BIO_should_retry(resp)) {
				/* reset or refused: not the end of the body */
				diag_err(NULL, 0, "%s: cannot fetch: %s", cur,
				    err == ECONNREFUSED ? "connection refused" :
				    err != 0 ? strerror(err) :
				    "the connection failed");
				goto fail;
			}
			/* a streaming answer: wait for more until the end of
			 * the data or of the time (BIO_wait(3)) */
			if (!BIO_should_retry(resp))
				break;
			if (BIO_wait(resp, start + timeout, 50) <= 0)
				goto timedout;
			continue;
		}
		if (*len + (size_t)n > max) {
			diag_err(NULL, 0, "%s: the answer is more than %zu "
			    "bytes", cur, max);
			goto fail;
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
	/* what came before the deadline is not the answer: a timeout is a
	 * failure, nothing of it is used or cached (issue 24) */
	ERR_clear_error();
	diag_err(NULL, 0, "%s: timed out after %d s", cur, timeout);
fail:
	free(body);
	body = NULL;
out:
	ERR_clear_error();
	OSSL_HTTP_close(rctx, body != NULL);
	OPENSSL_free(redir);
	BIO_free(resp);
	BIO_free_all(sock);
	/* a TLS close after an unread answer leaves its complaint */
	ERR_clear_error();
	BIO_free(rb);
	OPENSSL_free(host);
	OPENSSL_free(port);
	OPENSSL_free(path);
	SSL_CTX_free(tls.ctx);
	free(cur);
	if (body == NULL)
		*len = 0;
	return body;
}

unsigned char *
http_fetch(const char *url, const char *ctype, const unsigned char *req,
    size_t reqlen, size_t max, int timeout, int maxredir, size_t *len)
{
	return fetch(url, ctype, req, reqlen, max, timeout, maxredir, 0, len);
}

unsigned char *
https_fetch(const char *url, const char *ctype, const unsigned char *req,
    size_t reqlen, size_t max, int timeout, int maxredir, size_t *len)
{
	return fetch(url, ctype, req, reqlen, max, timeout, maxredir, 1, len);
}
