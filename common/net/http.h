/*
 * http.h: one bounded HTTP exchange through OpenSSL's HTTP client
 * (OSSL_HTTP_open(3), OSSL_HTTP_set1_request, OSSL_HTTP_exchange), for
 * OCSP (RFC 6960 appendix A) and AIA caIssuers fetching (RFC 5280
 * section 4.2.2.1), http:// only as RFC 5280 and RFC 6960 practice has
 * them; https_fetch for what is https by design (ACME Renewal
 * Information, RFC 9773).  No hand-written HTTP.
 */
#ifndef PEMKIT_HTTP_H
#define PEMKIT_HTTP_H

#include <stddef.h>

/*
 * http_fetch: a GET of url (req NULL) or a POST of req[0..reqlen) with
 * content type ctype, under an overall timeout of timeout seconds, a
 * response of at most max bytes, and at most maxredir redirections
 * followed (each a note under -v), a relative Location resolved against
 * the current URL (RFC 9110 section 10.2.2, RFC 3986 section 5.2).  The
 * connection is made here, to the URL's host: no proxy of the
 * environment (http_proxy, no_proxy) is used (issue 24, stated in
 * cert-info(1) and chain-order(1)), and a refused port is said at once.
 * Returns the body in a new buffer (free with free()) and its length in
 * *len, or NULL after an error naming url and the cause: "not an
 * http:// URL", "cannot resolve HOST", "timed out after N s" (then
 * nothing of the answer is returned, however much came), "more than N
 * bytes", "more than N redirections", "cannot fetch: connection
 * refused", a reset, OpenSSL's reason (an HTTP status).
 */
unsigned char *http_fetch(const char *url, const char *ctype,
	    const unsigned char *req, size_t reqlen, size_t max, int timeout,
	    int maxredir, size_t *len);

/*
 * https_fetch: http_fetch, and an https:// URL too: TLS 1.2 or later,
 * through OSSL_HTTP_open(3)'s TLS BIO callback, the server's
 * certificate verified against the system store (SSL_CERT_FILE and
 * SSL_CERT_DIR override it, SSL_CTX_set_default_verify_paths(3)) and
 * the URL's host checked against it (SSL_set1_host(3); an IP address
 * against its iPAddress names), the host sent by SNI when it is a name.
 * The same bounds (one deadline for all, size cap, redirections); a
 * redirection from https to http is refused.  Errors as http_fetch's,
 * and "not an http(s):// URL", "redirected from https to http:
 * refused", "the server's certificate does not verify: REASON"
 * (X509_verify_cert_error_string(3): "hostname mismatch", "unable to
 * get local issuer certificate", ...), a TLS failure's reason.  The
 * caller links libssl.
 */
unsigned char *https_fetch(const char *url, const char *ctype,
	    const unsigned char *req, size_t reqlen, size_t max, int timeout,
	    int maxredir, size_t *len);

#endif
