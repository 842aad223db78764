/* serves one filter: tls-fetch */
/*
 * net.h: one bounded TCP connection for tls-fetch: a target parsed, its
 * addresses tried in order, every read and write under one deadline, the
 * plaintext dialogue of STARTTLS capped in size, then OpenSSL's TLS
 * handshake on the same socket (SSL_connect(3) on a non-blocking
 * descriptor).  Sockets are POSIX's; TLS is libssl's.
 */
#ifndef PEMKIT_NET_H
#define PEMKIT_NET_H

#include <stddef.h>

#include <openssl/ssl.h>

/* The most a STARTTLS dialogue may read before TLS starts: greetings and
 * capability lists are a few hundred bytes. */
#define NET_MAX_DIALOGUE	65536
/* The longest line of a dialogue (RFC 5321 section 4.5.3.1.5 allows
 * 512 bytes for SMTP replies; IMAP capability lines run longer). */
#define NET_MAX_LINE		4096

/* Room for a numeric host and port (getnameinfo(3); POSIX names no
 * NI_MAXHOST). */
#define NET_MAXHOST		1025
#define NET_MAXSERV		32

struct conn {
	int		 fd;
	const char	*target;	/* as given, for messages */
	unsigned	 timeout;	/* seconds, for messages */
	double		 deadline;	/* CLOCK_MONOTONIC seconds */
	char		 addr[NET_MAXHOST + NET_MAXSERV + 4];	/* "[::1]:993" */
	unsigned char	 buf[NET_MAX_LINE];	/* read ahead of a line */
	size_t		 len;
	size_t		 total;		/* dialogue bytes read */
};

/*
 * net_target: split arg, "HOST", "HOST:PORT", "[V6]" or "[V6]:PORT", into
 * host (brackets removed) and port (NULL when absent), both new heap
 * strings the caller frees.  A bare IPv6 literal ("::1", with two
 * colons or more) is taken as a host without a port.  Returns 1, or 0
 * for an empty host, an unclosed bracket or a port that is not a number
 * from 1 to 65535 (the caller prints the usage).
 */
int	net_target(const char *arg, char **host, char **port);

/*
 * net_connect: resolve host and port (getaddrinfo(3); family AF_INET,
 * AF_INET6 or AF_UNSPEC) and connect to each address in turn until one
 * answers, all within timeout seconds from now, which also bounds every
 * later net_ and TLS call on c.  Fills c (c->addr is the address
 * connected).  Returns 1, or 0 after an error naming target and the
 * step: "cannot resolve HOST: CAUSE", "connect to ADDR: connection
 * refused", "timed out after N s connecting to ADDR".
 */
int	net_connect(struct conn *c, const char *target, const char *host,
	    const char *port, int family, unsigned timeout);

/*
 * net_send: write the n bytes of p before the deadline.  Returns 1, or 0
 * after an error naming step ("the smtp greeting"): timed out, or the
 * connection closed or failed.
 */
int	net_send(struct conn *c, const void *p, size_t n, const char *step);

/*
 * net_line: the next line the server sends, without its CR LF (or LF),
 * NUL-terminated into line (NET_MAX_LINE bytes).  Returns its length,
 * or -1 after an error naming step: timed out, the connection closed, a
 * line longer than NET_MAX_LINE, a NUL byte, the dialogue past
 * NET_MAX_DIALOGUE.
 */
long	net_line(struct conn *c, char *line, const char *step);

/*
 * net_bytes: exactly n bytes (n <= NET_MAX_LINE) into p, under the same
 * rules as net_line.  Returns 1, or 0 after an error naming step.
 */
int	net_bytes(struct conn *c, unsigned char *p, size_t n,
	    const char *step);

/*
 * net_more: read what the server sends next (at least a byte) onto the
 * end of c->buf[0..c->len), for a protocol that is not line-based
 * (XMPP).  Returns 1, or 0 after an error naming step, under the rules
 * of net_line (a full buffer is "a line longer than ...").
 * net_consume: drop the first n bytes of c->buf (n <= c->len).
 */
int	net_more(struct conn *c, const char *step);
void	net_consume(struct conn *c, size_t n);

/*
 * net_tls: the TLS handshake on c with SSL object ssl (which the caller
 * set up: SNI, OCSP status request), before the deadline.  Bytes the
 * server sent after its STARTTLS answer and before the handshake are
 * refused, since a client that took them would be open to command
 * injection (CVE-2011-0411).  Returns 1, or 0 after an error naming the
 * cause: "the TLS handshake failed: REASON" (an alert's text, OpenSSL's
 * reason), "the server closed the connection in the TLS handshake",
 * "timed out after N s in the TLS handshake"; or, when the server
 * answered in text (a STARTTLS port), "the server sent plain text:
 * STARTTLS? try -S imap", naming the protocol its greeting shows.
 */
int	net_tls(struct conn *c, SSL *ssl);

/* net_close: close c's socket (after SSL_free of any ssl on it). */
void	net_close(struct conn *c);

#endif
