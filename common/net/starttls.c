/* starttls.c: each protocol's way to TLS; see starttls.h. */
#include <sys/types.h>
#include <sys/socket.h>

#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/asn1.h>

#include "base/diag.h"
#include "net/net.h"
#include "base/ossl.h"
#include "net/starttls.h"

/* "unexpected PROTO STEP: TEXT", the server's text cut and escaped. */
static int
unexpected(struct conn *c, const char *proto, const char *step,
    const char *text)
{
	char *t = ossl_escape_ctl(text, strnlen(text, 80));

	diag_err(c->target, 0, "unexpected %s %s: %s", proto, step, t);
	free(t);
	return 0;
}

static int
not_offered(struct conn *c, const char *proto, const char *how)
{
	return diag_err(c->target, 0, "the %s server does not offer "
	    "STARTTLS (%s)", proto, how), 0;
}

/*
 * The next line must begin with prefix (without case when nocase):
 * IMAP's "* OK", POP3's "+OK", ManageSieve's "OK".  Returns 1, or 0
 * after "unexpected PROTO STEP: TEXT" or net_line's message.
 */
static int
expect(struct conn *c, const char *proto, const char *step,
    const char *prefix, int nocase)
{
	char line[NET_MAX_LINE], what[64];
	size_t n = strlen(prefix);

	snprintf(what, sizeof(what), "the %s %s", proto, step);
	if (net_line(c, line, what) < 0)
		return 0;
	if ((nocase ? strncasecmp(line, prefix, n) : strncmp(line, prefix,
	    n)) != 0)
		return unexpected(c, proto, step, line);
	return 1;
}

/* Does line hold word, delimited by spaces or the line's ends, without
 * case? */
static int
has_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = line; *p != '\0'; p++)
		if (strncasecmp(p, word, n) == 0 && (p == line ||
		    p[-1] == ' ' || p[-1] == '"') && (p[n] == '\0' ||
		    p[n] == ' ' || p[n] == '"'))
			return 1;
	return 0;
}

/*
 * A reply of SMTP or FTP (RFC 5321 section 4.2, RFC 959 section 4.2):
 * "CODE-text" lines, then "CODE text".  1 when its code is want; with
 * offer, *offer is set when a line's text is the word offer.
 */
static int
reply(struct conn *c, const char *proto, const char *step, const char *want,
    const char *offer, int *offer_seen)
{
	char line[NET_MAX_LINE], what[64];

	snprintf(what, sizeof(what), "the %s %s", proto, step);
	for (;;) {
		if (net_line(c, line, what) < 0)
			return 0;
		if (strlen(line) < 3 || !isdigit((unsigned char)line[0]) ||
		    !isdigit((unsigned char)line[1]) ||
		    !isdigit((unsigned char)line[2]) ||
		    (line[3] != '\0' && line[3] != ' ' && line[3] != '-') ||
		    strncmp(line, want, 3) != 0)
			return unexpected(c, proto, step, line);
		/* an EHLO keyword is the first word of its line */
		if (offer != NULL && line[3] != '\0' &&
		    strncasecmp(line + 4, offer, strlen(offer)) == 0 &&
		    (line[4 + strlen(offer)] == '\0' ||
		    line[4 + strlen(offer)] == ' '))
			*offer_seen = 1;
		if (line[3] != '-')
			return 1;
	}
}

/* The client's name for EHLO: its address literal (RFC 5321 section
 * 4.1.3), which every server accepts. */
static void
ehlo_name(struct conn *c, char *buf, size_t n)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char h[NET_MAXHOST];

	if (getsockname(c->fd, (struct sockaddr *)&ss, &sl) != 0 ||
	    getnameinfo((struct sockaddr *)&ss, sl, h, sizeof(h), NULL, 0,
	    NI_NUMERICHOST) != 0)
		snprintf(buf, n, "[127.0.0.1]");
	else
		snprintf(buf, n, ss.ss_family == AF_INET6 ? "[IPv6:%s]" :
		    "[%s]", h);
}

static int
smtp(struct conn *c, const char *host)
{
	char cmd[NET_MAXHOST + 16], name[NET_MAXHOST + 8];
	int offered = 0;

	(void)host;
	if (!reply(c, "smtp", "greeting", "220", NULL, NULL))
		return 0;
	ehlo_name(c, name, sizeof(name));
	snprintf(cmd, sizeof(cmd), "EHLO %s\r\n", name);
	if (!net_send(c, cmd, strlen(cmd), "EHLO") ||
	    !reply(c, "smtp", "answer to EHLO", "250", "STARTTLS", &offered))
		return 0;
	if (!offered)
		return not_offered(c, "smtp", "not in its EHLO answer");
	return net_send(c, "STARTTLS\r\n", 10, "STARTTLS") &&
	    reply(c, "smtp", "answer to STARTTLS", "220", NULL, NULL);
}

static int
ftp(struct conn *c, const char *host)
{
	char line[NET_MAX_LINE];

	(void)host;
	if (!reply(c, "ftp", "greeting", "220", NULL, NULL) ||
	    !net_send(c, "AUTH TLS\r\n", 10, "AUTH TLS") ||
	    net_line(c, line, "the ftp answer to AUTH TLS") < 0)
		return 0;
	if (strncmp(line, "234", 3) != 0) {
		char *t = ossl_escape_ctl(line, strnlen(line, 80));

		diag_err(c->target, 0, "the ftp server does not offer "
		    "STARTTLS (AUTH TLS answered: %s)", t);
		free(t);
		return 0;
	}
	return 1;
}

/* IMAP (RFC 3501 section 6.1.1, 6.2.1): untagged lines until the tagged
 * answer to tag, which must be OK; *offered when a CAPABILITY line
 * lists STARTTLS. */
static int
imap_answer(struct conn *c, const char *tag, const char *step, int *offered)
{
	char line[NET_MAX_LINE], what[64];
	size_t n = strlen(tag);

	snprintf(what, sizeof(what), "the imap %s", step);
	for (;;) {
		if (net_line(c, line, what) < 0)
			return 0;
		if (offered != NULL && strncasecmp(line, "* CAPABILITY ", 13) ==
		    0 && has_word(line + 13, "STARTTLS"))
			*offered = 1;
		if (strncmp(line, tag, n) == 0 && line[n] == ' ') {
			if (strncasecmp(line + n + 1, "OK", 2) == 0)
				return 1;
			return unexpected(c, "imap", step, line);
		}
	}
}

static int
imap(struct conn *c, const char *host)
{
	int offered = 0;

	(void)host;
	if (!expect(c, "imap", "greeting", "* OK", 1) ||
	    !net_send(c, "a1 CAPABILITY\r\n", 15, "CAPABILITY") ||
	    !imap_answer(c, "a1", "answer to CAPABILITY", &offered))
		return 0;
	if (!offered)
		return not_offered(c, "imap", "not in its CAPABILITY answer");
	return net_send(c, "a2 STARTTLS\r\n", 13, "STARTTLS") &&
	    imap_answer(c, "a2", "answer to STARTTLS", NULL);
}

static int
pop3(struct conn *c, const char *host)
{
	char line[NET_MAX_LINE];
	int offered = 0;

	(void)host;
	/* RFC 2449: CAPA lists STLS (RFC 2595 section 4), ended by "." */
	if (!expect(c, "pop3", "greeting", "+OK", 0) ||
	    !net_send(c, "CAPA\r\n", 6, "CAPA") ||
	    net_line(c, line, "the pop3 answer to CAPA") < 0)
		return 0;
	if (strncmp(line, "+OK", 3) == 0)
		for (;;) {
			if (net_line(c, line, "the pop3 answer to CAPA") < 0)
				return 0;
			if (strcmp(line, ".") == 0)
				break;
			if (strcasecmp(line, "STLS") == 0)
				offered = 1;
		}
	if (!offered)
		return not_offered(c, "pop3", "no STLS in its CAPA answer");
	return net_send(c, "STLS\r\n", 6, "STLS") &&
	    expect(c, "pop3", "answer to STLS", "+OK", 0);
}

static int
sieve(struct conn *c, const char *host)
{
	char line[NET_MAX_LINE];
	int offered = 0;

	(void)host;
	/* RFC 5804 section 1.7: the capabilities, then OK */
	for (;;) {
		if (net_line(c, line, "the sieve capabilities") < 0)
			return 0;
		if (strcasecmp(line, "\"STARTTLS\"") == 0)
			offered = 1;
		if (line[0] != '"')
			break;
	}
	if (strncasecmp(line, "OK", 2) != 0)
		return unexpected(c, "sieve", "greeting", line);
	if (!offered)
		return not_offered(c, "sieve", "not in its capabilities");
	return net_send(c, "STARTTLS\r\n", 10, "STARTTLS") &&
	    expect(c, "sieve", "answer to STARTTLS", "OK", 1);
}

/* Where needle starts in c->buf, or -1. */
static long
find(const struct conn *c, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= c->len; i++)
		if (memcmp(c->buf + i, needle, n) == 0)
			return (long)i;
	return -1;
}

static int
xmpp(struct conn *c, const char *host)
{
	char open[NET_MAXHOST + 200];
	long e, f;

	/* RFC 6120 section 4.2 and 5.4.2: the stream, its features */
	snprintf(open, sizeof(open), "<?xml version='1.0'?><stream:stream "
	    "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/"
	    "streams' to='%s' version='1.0'>", host);
	if (!net_send(c, open, strlen(open), "the stream header"))
		return 0;
	while ((e = find(c, "</stream:features>")) < 0 &&
	    (e = find(c, "<stream:features/>")) < 0)
		if (!net_more(c, "the xmpp stream features"))
			return 0;
	f = find(c, "urn:ietf:params:xml:ns:xmpp-tls");
	if (f < 0 || f > e)
		return not_offered(c, "xmpp", "no <starttls/> among its "
		    "stream features");
	net_consume(c, (size_t)e + 18);
	if (!net_send(c, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
	    51, "<starttls/>"))
		return 0;
	while ((e = find(c, "/>")) < 0 && find(c, "</failure>") < 0)
		if (!net_more(c, "the xmpp answer to <starttls/>"))
			return 0;
	if ((f = find(c, "<proceed")) < 0 || f > e) {
		c->buf[c->len < 80 ? c->len : 79] = '\0';
		return unexpected(c, "xmpp", "answer to <starttls/>",
		    (char *)c->buf);
	}
	net_consume(c, (size_t)e + 2);
	return 1;
}

/* LDAP StartTLS (RFC 4511 section 4.14): message 1, an ExtendedRequest
 * [APPLICATION 23] whose requestName [0] is the StartTLS OID. */
static const unsigned char ldap_req[] = {
	0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16,
	'1', '.', '3', '.', '6', '.', '1', '.', '4', '.', '1', '.',
	'1', '4', '6', '6', '.', '2', '0', '0', '3', '7'
};

/* The next BER element of [*p, end) must have tag; its content into
 * *p, *len.  Source: ASN1_get_object(3). */
static int
ber(const unsigned char **p, long max, int tag, int cls, long *len)
{
	int t, c, r;

	r = ASN1_get_object(p, len, &t, &c, max);
	return !(r & 0x80) && t == tag && c == cls;
}

static int
ldap(struct conn *c, const char *host)
{
	unsigned char hdr[6], body[NET_MAX_LINE];
	const unsigned char *p;
	size_t n, k, i;
	long len;

	(void)host;
	if (!net_send(c, ldap_req, sizeof(ldap_req), "the ldap StartTLS request") ||
	    !net_bytes(c, hdr, 2, "the ldap answer to StartTLS"))
		return 0;
	if (hdr[0] != 0x30)
		return diag_err(c->target, 0, "unexpected ldap answer to "
		    "StartTLS: not an LDAPMessage"), 0;
	/* the length: short form, or long form of up to 3 bytes */
	n = hdr[1];
	if (n & 0x80) {
		k = n & 0x7f;
		if (k == 0 || k > 3)
			return diag_err(c->target, 0, "unexpected ldap answer "
			    "to StartTLS: a bad length"), 0;
		if (!net_bytes(c, hdr + 2, k, "the ldap answer to StartTLS"))
			return 0;
		for (n = 0, i = 0; i < k; i++)
			n = n << 8 | hdr[2 + i];
	}
	if (n > sizeof(body))
		return diag_err(c->target, 0, "the ldap answer to StartTLS is "
		    "longer than %zu bytes", sizeof(body)), 0;
	if (!net_bytes(c, body, n, "the ldap answer to StartTLS"))
		return 0;
	p = body;
	/* messageID INTEGER, then ExtendedResponse [APPLICATION 24] whose
	 * first element is the resultCode ENUMERATED */
	if (!ber(&p, (long)n, V_ASN1_INTEGER, V_ASN1_UNIVERSAL, &len))
		goto bad;
	p += len;
	if (!ber(&p, (long)(body + n - p), 24, V_ASN1_APPLICATION, &len) ||
	    !ber(&p, (long)(body + n - p), V_ASN1_ENUMERATED,
	    V_ASN1_UNIVERSAL, &len) || len < 1)
		goto bad;
	if (len == 1 && p[0] == 0)
		return 1;
	return diag_err(c->target, 0, "the ldap server refused StartTLS: "
	    "resultCode %d%s", len == 1 ? p[0] : -1, len == 1 && p[0] == 2 ?
	    " (protocolError: it does not offer StartTLS)" : ""), 0;
bad:
	return diag_err(c->target, 0, "unexpected ldap answer to StartTLS: "
	    "not an ExtendedResponse"), 0;
}

static int
postgres(struct conn *c, const char *host)
{
	/* SSLRequest: length 8, code 80877103 (PostgreSQL protocol 53.2.9) */
	static const unsigned char req[] = { 0, 0, 0, 8, 0x04, 0xd2, 0x16,
	    0x2f };
	unsigned char a;

	(void)host;
	if (!net_send(c, req, sizeof(req), "the SSLRequest") ||
	    !net_bytes(c, &a, 1, "the postgres answer to SSLRequest"))
		return 0;
	if (a == 'N')
		return not_offered(c, "postgres", "it answered N to the "
		    "SSLRequest");
	if (a != 'S')
		return diag_err(c->target, 0, "unexpected postgres answer to "
		    "the SSLRequest: byte 0x%02x", a), 0;
	return 1;
}

static const struct starttls protos[] = {
	{ "smtp", "25", smtp },
	{ "imap", "143", imap },
	{ "pop3", "110", pop3 },
	{ "ftp", "21", ftp },
	{ "ldap", "389", ldap },
	{ "xmpp", "5222", xmpp },
	{ "sieve", "4190", sieve },
	{ "postgres", "5432", postgres },
};
#define NPROTOS	(sizeof(protos) / sizeof(protos[0]))

const struct starttls *
starttls_find(const char *name)
{
	size_t i;

	for (i = 0; i < NPROTOS; i++)
		if (strcasecmp(protos[i].name, name) == 0)
			return &protos[i];
	return NULL;
}

const struct starttls *
starttls_by_port(const char *port)
{
	size_t i;

	if (strcmp(port, "587") == 0)	/* submission, RFC 6409 */
		return &protos[0];
	for (i = 0; i < NPROTOS; i++)
		if (strcmp(protos[i].port, port) == 0)
			return &protos[i];
	return NULL;
}

const char *
starttls_names(void)
{
	return "smtp, imap, pop3, ftp, ldap, xmpp, sieve, postgres";
}
