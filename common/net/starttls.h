/* serves one filter: tls-fetch */
/*
 * starttls.h: the plaintext exchange that turns a connection to TLS, for
 * each protocol that has one, and the choice of protocol by port.
 */
#ifndef PEMKIT_STARTTLS_H
#define PEMKIT_STARTTLS_H

#include "net/net.h"

/* One protocol: its name, its well-known STARTTLS port, its exchange. */
struct starttls {
	const char	*name;
	const char	*port;
	int		(*run)(struct conn *, const char *host);
};

/*
 * starttls_find: the protocol named name (smtp, imap, pop3, ftp, ldap,
 * xmpp, sieve, postgres), or NULL.
 */
const struct starttls *starttls_find(const char *name);

/*
 * starttls_by_port: the protocol whose well-known STARTTLS port is port
 * (25 and 587 smtp, RFC 3207 and RFC 6409; 143 imap; 110 pop3; 21 ftp;
 * 389 ldap; 5222 xmpp; 4190 sieve; 5432 postgres), or NULL: every
 * other port, 443, 465, 993, 995 and 636 among them, is TLS at once.
 */
const struct starttls *starttls_by_port(const char *port);

/*
 * starttls_names: the protocol names, comma-separated, for messages.
 */
const char *starttls_names(void);

/*
 * Each protocol's run(c, host), through starttls_find: read the
 * greeting, ask for the capabilities where the protocol has them, check
 * that STARTTLS is offered, send it and read the go-ahead; host is the
 * name for XMPP's "to".  RFC 3207 (SMTP: EHLO, 250-STARTTLS, 220),
 * RFC 2595 and RFC 3501 (IMAP: CAPABILITY, STARTTLS; POP3: CAPA, STLS),
 * RFC 4217 (FTP: AUTH TLS, 234), RFC 4511 section 4.14 (LDAP:
 * ExtendedRequest 1.3.6.1.4.1.1466.20037, success), RFC 6120 section 5
 * (XMPP: stream features, <starttls/>, <proceed/>), RFC 5804 section
 * 2.2 (ManageSieve: capabilities, STARTTLS, OK), PostgreSQL's
 * SSLRequest ('S').  Returns 1, or 0 after an error naming the protocol
 * and the step: "the smtp server does not offer STARTTLS", "unexpected
 * smtp greeting: TEXT", net.h's timeouts and closed connections.
 */

#endif
