/* net.c: one bounded connection; see net.h. */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "base/diag.h"
#include "net/net.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
net_target(const char *arg, char **host, char **port)
{
	const char *p, *colon, *end;
	char *e;
	long n;
	size_t hl;

	*host = *port = NULL;
	if (*arg == '[') {
		if ((end = strchr(arg, ']')) == NULL ||
		    (end[1] != '\0' && end[1] != ':'))
			return 0;
		p = arg + 1;
		hl = (size_t)(end - p);
		colon = end[1] == ':' ? end + 1 : NULL;
	} else {
		p = arg;
		colon = strrchr(arg, ':');
		/* "::1" and "2001:db8::1": an address, not HOST:PORT */
		if (colon != NULL && strchr(arg, ':') != colon)
			colon = NULL;
		hl = colon != NULL ? (size_t)(colon - p) : strlen(p);
	}
	if (hl == 0)
		return 0;
	if (colon != NULL) {
		n = strtol(colon + 1, &e, 10);
		if (colon[1] < '0' || colon[1] > '9' || *e != '\0' || n < 1 ||
		    n > 65535)
			return 0;
		*port = xstrdup(colon + 1);
	}
	*host = xmalloc(hl + 1);
	memcpy(*host, p, hl);
	(*host)[hl] = '\0';
	return 1;
}

/* Wait for events on c's socket until the deadline: 1 ready, 0 timed out,
 * -1 failed (errno set). */
static int
wait_fd(struct conn *c, short events)
{
	struct pollfd pfd;
	double left;
	int r;

	for (;;) {
		if ((left = c->deadline - now()) <= 0)
			return 0;
		pfd.fd = c->fd;
		pfd.events = events;
		pfd.revents = 0;
		r = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (r > 0)
			return 1;
		if (r == 0)
			continue;	/* the loop's check says timed out */
		if (errno != EINTR)
			return -1;
	}
}

static void
addr_text(const struct sockaddr *sa, socklen_t len, char *buf, size_t n)
{
	char h[NET_MAXHOST], s[NET_MAXSERV];

	if (getnameinfo(sa, len, h, sizeof(h), s, sizeof(s),
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		snprintf(buf, n, "?");
	else if (sa->sa_family == AF_INET6)
		snprintf(buf, n, "[%s]:%s", h, s);
	else
		snprintf(buf, n, "%s:%s", h, s);
}

/* One address: 1 connected, 0 refused or failed (message printed), -1
 * timed out (message printed). */
static int
try_addr(struct conn *c, const struct addrinfo *ai)
{
	socklen_t sl = sizeof(int);
	int err = 0, r;

	addr_text(ai->ai_addr, ai->ai_addrlen, c->addr, sizeof(c->addr));
	if ((c->fd = socket(ai->ai_family, ai->ai_socktype,
	    ai->ai_protocol)) < 0) {
		diag_err(c->target, 0, "socket: %s", strerror(errno));
		return 0;
	}
	if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) < 0 ||
	    fcntl(c->fd, F_SETFD, FD_CLOEXEC) < 0)
		err = errno;
	else if (connect(c->fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		if (errno != EINPROGRESS)
			err = errno;
		else if ((r = wait_fd(c, POLLOUT)) == 0) {
			diag_err(c->target, 0, "timed out after %u s "
			    "connecting to %s", c->timeout, c->addr);
			net_close(c);
			return -1;
		} else if (r < 0 || getsockopt(c->fd, SOL_SOCKET, SO_ERROR,
		    &err, &sl) != 0)
			err = errno;
	}
	if (err == 0)
		return 1;
	diag_err(c->target, 0, "connect to %s: %s", c->addr,
	    err == ECONNREFUSED ? "connection refused" : strerror(err));
	net_close(c);
	return 0;
}

int
net_connect(struct conn *c, const char *target, const char *host,
    const char *port, int family, unsigned timeout)
{
	struct addrinfo hints, *res = NULL, *ai;
	int e, r = 0;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->target = target;
	c->timeout = timeout;
	c->deadline = now() + timeout;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	/* getaddrinfo has no timeout of its own: resolv.conf's bounds it.
	 * AI_ADDRCONFIG refuses a loopback address on a host whose only
	 * address of that family is the loopback: asked again without. */
	e = getaddrinfo(host, port, &hints, &res);
	if (e == EAI_FAMILY || e == EAI_NONAME) {
		hints.ai_flags = 0;
		e = getaddrinfo(host, port, &hints, &res);
	}
	if (e != 0) {
		diag_err(target, 0, "cannot resolve %s: %s", host,
		    e == EAI_SYSTEM ? strerror(errno) : gai_strerror(e));
		return 0;
	}
	for (ai = res; ai != NULL && r == 0; ai = ai->ai_next)
		r = try_addr(c, ai);
	freeaddrinfo(res);
	return r == 1;
}

int
net_send(struct conn *c, const void *p, size_t n, const char *step)
{
	const unsigned char *s = p;
	ssize_t w;
	int r;

	while (n > 0) {
		if ((r = wait_fd(c, POLLOUT)) == 0)
			return diag_err(c->target, 0, "timed out after %u s "
			    "sending %s", c->timeout, step), 0;
		if (r < 0 || (w = write(c->fd, s, n)) < 0) {
			if (r > 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			return diag_err(c->target, 0, "sending %s: %s", step,
			    strerror(errno)), 0;
		}
		s += w;
		n -= (size_t)w;
	}
	return 1;
}

int
net_more(struct conn *c, const char *step)
{
	ssize_t n;
	int r;

	if (c->len == sizeof(c->buf))
		return diag_err(c->target, 0, "%s: a line longer than %d "
		    "bytes", step, NET_MAX_LINE), 0;
	if (c->total >= NET_MAX_DIALOGUE)
		return diag_err(c->target, 0, "%s: more than %d bytes before "
		    "TLS", step, NET_MAX_DIALOGUE), 0;
	for (;;) {
		if ((r = wait_fd(c, POLLIN)) == 0)
			return diag_err(c->target, 0, "timed out after %u s "
			    "waiting for %s", c->timeout, step), 0;
		if (r > 0 && (n = read(c->fd, c->buf + c->len,
		    sizeof(c->buf) - c->len)) >= 0)
			break;
		if (r > 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		return diag_err(c->target, 0, "waiting for %s: %s", step,
		    strerror(errno)), 0;
	}
	if (n == 0)
		return diag_err(c->target, 0, "the server closed the "
		    "connection before %s", step), 0;
	c->len += (size_t)n;
	c->total += (size_t)n;
	return 1;
}

long
net_line(struct conn *c, char *line, const char *step)
{
	unsigned char *nl;
	size_t n;

	while ((nl = memchr(c->buf, '\n', c->len)) == NULL)
		if (!net_more(c, step))
			return -1;
	n = (size_t)(nl - c->buf);
	if (memchr(c->buf, '\0', n) != NULL)
		return diag_err(c->target, 0, "%s: a NUL byte", step), -1;
	memcpy(line, c->buf, n);
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	c->len -= (size_t)(nl - c->buf) + 1;
	memmove(c->buf, nl + 1, c->len);
	return (long)n;
}

int
net_bytes(struct conn *c, unsigned char *p, size_t n, const char *step)
{
	while (c->len < n)
		if (!net_more(c, step))
			return 0;
	memcpy(p, c->buf, n);
	c->len -= n;
	memmove(c->buf, c->buf + n, c->len);
	return 1;
}

/* The first bytes the server sent in the handshake, kept by a callback
 * on the socket BIO: a failed handshake says "plain text" from them. */
struct sniff {
	unsigned char	buf[256];
	size_t		len;
};

static long
sniff_read(BIO *b, int oper, const char *argp, size_t len, int argi,
    long argl, int ret, size_t *processed)
{
	struct sniff *sn = (struct sniff *)BIO_get_callback_arg(b);
	size_t n;

	(void)len;
	(void)argi;
	(void)argl;
	if (oper == (BIO_CB_READ | BIO_CB_RETURN) && ret > 0 && sn != NULL &&
	    processed != NULL) {
		n = *processed < sizeof(sn->buf) - sn->len ? *processed :
		    sizeof(sn->buf) - sn->len;
		memcpy(sn->buf + sn->len, argp, n);
		sn->len += n;
	}
	return ret;
}

/*
 * A server that answered a ClientHello with text speaks a protocol that
 * has its STARTTLS, most likely, on this port: the greetings of RFC 5321
 * section 4.2 ("220 "), RFC 959 (220, naming FTP), RFC 9051 section 7.1
 * ("* OK", "* PREAUTH"), RFC 1939 section 4 ("+OK") and RFC 5804 section
 * 1.7 (a quoted capability).  Prints the message and returns 1, or 0
 * when the bytes are not text.  A TLS record never starts with a
 * printable byte (RFC 8446 section 5.1: content types 20 to 24).
 */
static int
plain_text(struct conn *c, struct sniff *sn)
{
	const char *proto = NULL, *p = (const char *)sn->buf;
	ssize_t r;
	size_t i, n;

	if (sn->len == 0)
		return 0;
	/* the record layer reads a header: the rest of the line waits */
	r = recv(c->fd, sn->buf + sn->len, sizeof(sn->buf) - 1 - sn->len,
	    MSG_DONTWAIT);
	if (r > 0)
		sn->len += (size_t)r;
	for (i = 0; i < sn->len; i++)
		if ((sn->buf[i] < 0x20 || sn->buf[i] > 0x7e) &&
		    sn->buf[i] != '\r' && sn->buf[i] != '\n' &&
		    sn->buf[i] != '\t')
			return 0;
	sn->buf[sn->len] = '\0';
	n = strcspn(p, "\r\n");
	if (strncmp(p, "* OK", 4) == 0 || strncmp(p, "* PREAUTH", 9) == 0)
		proto = "imap";
	else if (strncmp(p, "+OK", 3) == 0)
		proto = "pop3";
	else if (strncmp(p, "220", 3) == 0) {
		proto = "smtp";
		for (i = 0; i + 3 <= n; i++)
			if (strncasecmp(p + i, "ftp", 3) == 0)
				proto = "ftp";
	} else if (p[0] == '"')
		proto = "sieve";
	if (proto != NULL)
		diag_err(c->target, 0, "the server sent plain text: STARTTLS? "
		    "try -S %s", proto);
	else
		diag_err(c->target, 0, "the server sent plain text, not TLS "
		    "(\"%.*s\"): STARTTLS? give -S PROTO", n > 60 ? 60 :
		    (int)n, p);
	return 1;
}

int
net_tls(struct conn *c, SSL *ssl)
{
	struct sniff sn;
	unsigned long e;
	const char *why;
	BIO *rbio;
	int r, err, ok = 0;

	if (c->len > 0)
		return diag_err(c->target, 0, "the server sent %zu bytes "
		    "after its STARTTLS answer, before TLS: refused", c->len),
		    0;
	if (!SSL_set_fd(ssl, c->fd))
		return diag_err(c->target, 0, "OpenSSL cannot use the "
		    "socket"), 0;
	sn.len = 0;
	rbio = SSL_get_rbio(ssl);
	BIO_set_callback_arg(rbio, (char *)&sn);
	BIO_set_callback_ex(rbio, sniff_read);
	ERR_clear_error();
	while ((r = SSL_connect(ssl)) != 1) {
		err = SSL_get_error(ssl, r);
		if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
			if ((r = wait_fd(c, err == SSL_ERROR_WANT_READ ?
			    POLLIN : POLLOUT)) > 0)
				continue;
			if (r == 0) {
				if (!plain_text(c, &sn))
					diag_err(c->target, 0, "timed out "
					    "after %u s in the TLS handshake",
					    c->timeout);
				goto out;
			}
		}
		e = ERR_peek_error();
		ERR_clear_error();
		if (plain_text(c, &sn))
			goto out;
		if (e != 0 && err == SSL_ERROR_SSL && ERR_GET_REASON(e) !=
		    SSL_R_UNEXPECTED_EOF_WHILE_READING) {
			/* the reason is the message: OpenSSL's queue would
			 * only repeat it with its source lines */
			why = ERR_reason_error_string(e);
			diag_err(c->target, 0, "the TLS handshake failed: %s",
			    why != NULL ? why : "unknown reason");
		} else
			diag_err(c->target, 0, "the server closed the "
			    "connection in the TLS handshake");
		goto out;
	}
	ok = 1;
out:
	/* sn ends here: the BIO must not write to it later */
	BIO_set_callback_ex(rbio, NULL);
	BIO_set_callback_arg(rbio, NULL);
	return ok;
}

void
net_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

void
net_consume(struct conn *c, size_t n)
{
	c->len -= n;
	memmove(c->buf, c->buf + n, c->len);
}
