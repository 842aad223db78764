/*
 * tls-fetch: connect to a server, STARTTLS where the protocol has it,
 * and write the certificates it presents, in the order sent, as
 * canonical PEM.  It never judges them: chain-order, cert-info and
 * key-match do.
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "base/io.h"
#include "net/net.h"
#include "read/opt.h"
#include "read/pem.h"
#include "net/starttls.h"
#include "out/tlsout.h"

static const struct opt_def defs[] = {
	OPTDEF_SHARED('c', "check", NULL,
	    "accepted; the certificates are always decoded"),
	OPTDEF_SHARED('s', "strict", NULL,
	    "a target without an OCSP staple exits 1"),
	OPTDEF_BASIC,
	{ .ch = '4', .name = NULL, .help = "IPv4 addresses only" },
	{ .ch = '6', .name = NULL, .help = "IPv6 addresses only" },
	{ .ch = 'E', .name = "no-sni",
	    .help = "send no server name (SNI)" },
	{ .ch = 'N', .name = "servername", .arg = "NAME",
	    .help = "the server name to send (default: the host)" },
	{ .ch = 'O', .name = "ocsp-out", .arg = "FILE",
	    .help = "write the stapled OCSP response (DER) to FILE" },
	{ .ch = 'S', .name = "starttls", .arg = "PROTO",
	    .help = "smtp, imap, pop3, ftp, ldap, xmpp, sieve, postgres "
	    "or none" },
	{ .ch = 'j', .name = "json",
	    .help = "NDJSON, one object per target, instead of PEM" },
	{ .ch = 't', .name = "timeout", .arg = "SECONDS",
	    .help = "bound connect, greeting and handshake (10)" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "tls-fetch",
	.operands = "host[:port][/PROTO] ...",
	.defs = defs,
};

struct fetch {
	SSL_CTX		*ctx;
	struct out	 o;
	int		 family, nosni, json, strict, written;
	const char	*servername, *proto, *ocspout;
	unsigned	 timeout;
};

/* A host that is an address literal gets no SNI (RFC 6066 section 3). */
static int
is_address(const char *h)
{
	unsigned char a[16];

	return inet_pton(AF_INET, h, a) == 1 || inet_pton(AF_INET6, h, a) == 1;
}

/* A protocol name that -S or /PROTO may give. */
static int
proto_known(const char *name)
{
	return strcmp(name, "none") == 0 || starttls_find(name) != NULL;
}

/* -O: the stapled response, or exit 1 when there is none. */
static int
write_ocsp(const struct fetch *f, const char *target, const unsigned char *p,
    long len)
{
	struct out o;

	if (len <= 0)
		return diag_no(target, 0, "the server sent no OCSP staple: %s "
		    "not written", f->ocspout);
	if (out_open(&o, f->ocspout, 0) != 0)
		return EX_TROUBLE;
	out_write(&o, p, (size_t)len);
	return out_close(&o);
}

/* Output of one target once its handshake is done: the status. */
static int
present(struct fetch *f, const char *target, const struct conn *c,
    const struct starttls *st, const char *sni, SSL *ssl)
{
	STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
	const unsigned char *ocsp = NULL;
	unsigned char *der;
	long ocsplen;
	int i, len, status = EX_YES;

	if (sk_X509_num(chain) <= 0)
		return diag_err(target, 0, "the server sent no certificate");
	ocsplen = SSL_get_tlsext_status_ocsp_resp(ssl, &ocsp);
	diag_note(target, 0, "connected to %s: %s, %s, %d certificate%s%s",
	    c->addr,
	    SSL_get_version(ssl), SSL_get_cipher_name(ssl), sk_X509_num(chain),
	    sk_X509_num(chain) == 1 ? "" : "s", ocsplen > 0 ?
	    ", an OCSP staple" : "");
	if (f->json) {
		f->written = 1;
		tlsout_json(&f->o, target, c->addr, st != NULL ? st->name :
		    NULL, sni, ssl, chain, ocsplen);
	} else
		for (i = 0; i < sk_X509_num(chain) && status == EX_YES; i++) {
			der = NULL;
			if ((len = i2d_X509(sk_X509_value(chain, i), &der)) <= 0)
				status = diag_err(target, 0, "certificate %d "
				    "cannot be encoded", i + 1);
			else
				status = pem_write(&f->o, "CERTIFICATE", NULL, 0,
				    der, (size_t)len);
			OPENSSL_free(der);
		}
	if (status == EX_YES && f->ocspout != NULL)
		status = write_ocsp(f, target, ocsp, ocsplen);
	else if (status == EX_YES && f->strict && ocsplen <= 0)
		status = diag_no(target, 0, "the server sent no OCSP staple");
	return status;
}

/* One target, host and port (NULL: the protocol's) as net_target split
 * it; the exit status. */
static int
fetch(struct fetch *f, const char *target, const char *host,
    const char *port)
{
	const struct starttls *st = NULL;
	struct conn c;
	SSL *ssl = NULL;
	const char *sni = NULL;
	int status = EX_TROUBLE;

	c.fd = -1;
	if (f->proto != NULL)
		st = starttls_find(f->proto);	/* NULL for "none" */
	else if (port != NULL && (st = starttls_by_port(port)) != NULL)
		diag_note(target, 0, "port %s: %s STARTTLS", port, st->name);
	if (port == NULL)
		port = st != NULL ? st->port : "443";
	if (!f->nosni)
		sni = f->servername != NULL ? f->servername :
		    is_address(host) ? NULL : host;
	if (!net_connect(&c, target, host, port, f->family, f->timeout) ||
	    (st != NULL && !st->run(&c, host)))
		goto out;
	if ((ssl = SSL_new(f->ctx)) == NULL ||
	    (sni != NULL && !SSL_set_tlsext_host_name(ssl, sni)) ||
	    !SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp)) {
		diag_err(target, 0, "OpenSSL cannot start TLS");
		goto out;
	}
	if (net_tls(&c, ssl)) {
		status = present(f, target, &c, st, sni, ssl);
		(void)SSL_shutdown(ssl);	/* one try: never waits */
	}
out:
	ERR_clear_error();
	SSL_free(ssl);
	net_close(&c);
	return status;
}

/* Every target split before the first connection: HOST[:PORT] into
 * hosts[] and ports[], and a protocol of its own after a slash into
 * protos[]; a bad one is a usage error. */
static void
split_targets(int argc, char *argv[], char **hosts, char **ports,
    const char **protos)
{
	char *slash;
	int i;

	for (i = 0; i < argc; i++) {
		if ((slash = strrchr(argv[i], '/')) != NULL) {
			*slash = '\0';
			protos[i] = slash + 1;
			if (!proto_known(protos[i])) {
				diag_err(NULL, 0, "%s/%s: use %s or none",
				    argv[i], protos[i], starttls_names());
				opt_usage(EX_TROUBLE);
			}
		}
		if (!net_target(argv[i], &hosts[i], &ports[i])) {
			diag_err(NULL, 0, "%s: not HOST, HOST:PORT or "
			    "[ADDRESS]:PORT", argv[i]);
			opt_usage(EX_TROUBLE);
		}
		if (slash != NULL)
			*slash = '/';
	}
}

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct fetch f;
	char **hosts, **ports;
	const char **protos;
	int ch, i, n, one, status = EX_YES;

	diag_init(argv[0]);
	memset(&f, 0, sizeof(f));
	f.timeout = 10;
	/* -S applies to the targets after it (issue 22) */
	protos = opt_positional(&cmd, argc, argv, 'S', &n);
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case '4':
		case '6':
			if (f.family != 0) {
				diag_err(NULL, 0, "-4 and -6: give one");
				opt_usage(EX_TROUBLE);
			}
			f.family = ch == '4' ? AF_INET : AF_INET6;
			break;
		case 'E':
			f.nosni = 1;
			break;
		case 'N':
			f.servername = optarg;
			break;
		case 'O':
			f.ocspout = optarg;
			break;
		case 'S':
			if (!proto_known(optarg)) {
				diag_err(NULL, 0, "--starttls %s: use %s or "
				    "none", optarg, starttls_names());
				opt_usage(EX_TROUBLE);
			}
			f.proto = optarg;
			break;
		case 'j':
			f.json = 1;
			break;
		case 't':
			opt_timeout(optarg, &f.timeout, opt_usage);
			break;
		}
	}
	opt_end(&op, &argc, &argv);
	f.strict = (op.flags & OPT_STRICT) != 0;
	if (argc == 0) {
		diag_err(NULL, 0, "no server: give host[:port]");
		opt_usage(EX_TROUBLE);
	}
	/* the walk saw what getopt_long saw, unless POSIXLY_CORRECT made
	 * it stop at the first target: then the last -S is for all */
	if (n != argc)
		for (i = 0; i < argc; i++)
			protos[i] = f.proto;
	hosts = xmalloc((size_t)argc * sizeof(*hosts));
	ports = xmalloc((size_t)argc * sizeof(*ports));
	split_targets(argc, argv, hosts, ports, protos);
	if (f.ocspout != NULL && argc > 1) {
		diag_err(NULL, 0, "--ocsp-out takes the staple of one server: "
		    "give one target");
		opt_usage(EX_TROUBLE);
	}
	/* trust is not decided here, so old servers' certificates are
	 * fetched too: TLS 1.0 and up, every cipher, security level 0 */
	if ((f.ctx = SSL_CTX_new(TLS_client_method())) == NULL ||
	    !SSL_CTX_set_min_proto_version(f.ctx, TLS1_VERSION))
		status = diag_err(NULL, 0, "OpenSSL cannot make a TLS context");
	else if (out_open(&f.o, op.ofile, 0) != 0)
		status = EX_TROUBLE;
	else {
		SSL_CTX_set_security_level(f.ctx, 0);
		SSL_CTX_set_verify(f.ctx, SSL_VERIFY_NONE, NULL);
		SSL_CTX_set_max_cert_list(f.ctx, 256 * 1024);
		for (i = 0; i < argc; i++) {
			f.proto = protos[i];
			f.written = 0;
			one = fetch(&f, argv[i], hosts[i], ports[i]);
			if (f.json && one != EX_YES && !f.written)
				tlsout_failed(&f.o, argv[i]);
			status = ex_worst(status, one);
		}
		status = out_finish(&f.o, status);
	}
	SSL_CTX_free(f.ctx);
	for (i = 0; i < argc; i++) {
		free(hosts[i]);
		free(ports[i]);
	}
	free(hosts);
	free(ports);
	free(protos);
	return status;
}
