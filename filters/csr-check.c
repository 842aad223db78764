/*
 * csr-check: check a certificate request the way a CA will, before it is
 * pasted into the CA's form, and report every problem with what to do.
 * Default profile: CA/Browser Forum Baseline Requirements for TLS server
 * certificates; --profile smime: the S/MIME Baseline Requirements.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "diag.h"
#include "input.h"
#include "io.h"
#include "json.h"
#include "keys.h"
#include "obj.h"
#include "opt.h"
#include "ossl.h"
#include "pem.h"
#include "x509info.h"

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: csr-check [-acjsv] [-b BITS] [-H NAME] [-I N] [-K FILE] "
	    "[-k FILE] [-o FILE] [-P PROFILE] [-r FIELDS]\n"
	    "                 [-w SOURCE] [file ...]\n");
	exit(status);
}

static const struct option longopts[] = {
	OPT_COMMON_LONG,
	OPT_PASSIN_LONG,
	{ "host",		required_argument,	NULL, 'H' },
	{ "not-key",		required_argument,	NULL, 'K' },
	{ "profile",		required_argument,	NULL, 'P' },
	{ "ascii",		no_argument,		NULL, 'a' },
	{ "min-rsa-bits",	required_argument,	NULL, 'b' },
	{ "json",		no_argument,		NULL, 'j' },
	{ "key",		required_argument,	NULL, 'k' },
	{ "require",		required_argument,	NULL, 'r' },
	{ NULL,			0,			NULL, 0 }
};

/* ISO 3166-1 alpha-2, the officially assigned codes. */
static const char iso3166[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH "
    "BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL "
    "CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET "
    "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU "
    "GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE "
    "KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC "
    "MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC "
    "NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT "
    "PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR "
    "SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA "
    "UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

struct ctx {
	struct out	 o;
	int		 smime, ascii, json;
	long		 min_rsa;
	const char	*require;
	char		**hosts;
	int		 nhosts;
	EVP_PKEY	*key, *notkey;
	const char	*keyfile, *notkeyfile;
	unsigned long	 ncsr;
};

/* Problems of one CSR, reported together. */
struct problems {
	const struct pem_block *b;
	struct strlist	 list;
};

static void
problem(struct problems *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
problem(struct problems *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p->list.v = xrealloc(p->list.v, (p->list.n + 1) * sizeof(char *));
	p->list.v[p->list.n++] = xstrdup(buf);
}

/* An LDH host name of two labels or more (RFC 1034 3.5, RFC 5890); a
 * wildcard only as the whole leftmost label, over two labels at least
 * (Baseline Requirements 3.2.2.6). */
static int
host_ok(const char *h, int wild_ok)
{
	const char *l = h, *dot;
	size_t n, labels = 0;

	if (wild_ok && strncmp(h, "*.", 2) == 0)
		l = h + 2;
	if (strlen(l) > 253)
		return 0;
	for (; *l != '\0'; l = dot + 1) {
		dot = strchr(l, '.');
		n = dot != NULL ? (size_t)(dot - l) : strlen(l);
		if (n == 0 || n > 63 || l[0] == '-' || l[n - 1] == '-')
			return 0;
		if (strspn(l, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") < n)
			return 0;
		labels++;
		if (dot == NULL)
			break;
	}
	return labels >= 2;
}

static int
email_ok(const char *e)
{
	const char *at = strrchr(e, '@');

	return at != NULL && at != e && host_ok(at + 1, 0) &&
	    strspn(e, "!#$%&'*+-/=?^_`{|}~.abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == (size_t)(at - e);
}

static void
dups(struct problems *p, const struct strlist *l, const char *kind)
{
	size_t i, j;

	for (i = 0; i < l->n; i++)
		for (j = 0; j < i; j++)
			if (strcasecmp(l->v[i], l->v[j]) == 0) {
				problem(p, "duplicate subjectAltName %s:%s: "
				    "list each name once", kind, l->v[i]);
				break;
			}
}

/* The public key of the first object of file: a certificate, request,
 * public or private key (encrypted with --passin), or PKCS#12. */
static EVP_PKEY *
load_key(const char *file, const char *pass)
{
	struct obj_input oi;
	struct obj o;
	EVP_PKEY *pk = NULL;
	char *files[1];

	files[0] = (char *)file;
	obj_input_init(&oi, files, 1, 0, OBJ_P12_PAIR, pass);
	/* an object that did not decode before it is trouble, not skipped:
	 * the key compared must be the file's first */
	if (obj_next(&oi, &o) && oi.status == EX_YES) {
		EVP_PKEY_up_ref(o.pk);
		pk = o.pk;
	}
	if (obj_input_end(&oi) == EX_YES && pk == NULL)
		diag_err(file, 0, "no certificate, request or key in it");
	ERR_clear_error();
	return pk;
}

/* Does the CSR cover name?  ossl_covers on a certificate that carries
 * only the CSR's subject and subjectAltName. */
static int
covers(X509_REQ *req, const GENERAL_NAMES *gns, const char *name)
{
	X509 *x;
	int ok = 0;

	if ((x = X509_new()) != NULL &&
	    X509_set_subject_name(x, X509_REQ_get_subject_name(req)) &&
	    (gns == NULL || X509_add1_ext_i2d(x, NID_subject_alt_name,
	    (void *)gns, 0, X509V3_ADD_DEFAULT)))
		ok = ossl_covers(x, name);
	X509_free(x);
	ERR_clear_error();
	return ok;
}

static void
policy(struct ctx *c, struct problems *p, X509_REQ *req,
    const GENERAL_NAMES *gns, EVP_PKEY *pk, const struct x509info *xi)
{
	const X509_NAME *nm = X509_REQ_get_subject_name(req);
	const X509_NAME_ENTRY *ne;
	const ASN1_STRING *v;
	char *cn, field[32];
	const char *f, *e;
	int i, mdnid = NID_undef, pknid, k, nid;
	size_t j, n;

	/* keys: BR 6.1.5; S/MIME BR 6.1.5 also allows EdDSA */
	if (strcmp(xi->key_type, "RSA") == 0) {
		if (xi->key_bits < c->min_rsa)
			problem(p, "RSA key of %d bits is too short: make a "
			    "new key of at least %ld bits", xi->key_bits,
			    c->min_rsa);
	} else if (strcmp(xi->key_type, "EC") == 0) {
		if (strcmp(xi->curve, "P-256") != 0 &&
		    strcmp(xi->curve, "P-384") != 0 &&
		    strcmp(xi->curve, "P-521") != 0)
			problem(p, "EC key on curve %s: use P-256, P-384 or "
			    "P-521", xi->curve[0] ? xi->curve : "(explicit)");
	} else if ((strcmp(xi->key_type, "ED25519") == 0 ||
	    strcmp(xi->key_type, "ED448") == 0) && c->smime) {
		;
	} else
		problem(p, "%s keys are not accepted for %s certificates: "
		    "use RSA (2048 bits or more) or EC P-256", xi->key_type,
		    c->smime ? "S/MIME" : "TLS server");
	/* signature: BR 7.1.3.2 */
	OBJ_find_sigid_algs(X509_REQ_get_signature_nid(req), &mdnid, &pknid);
	if (mdnid == NID_md5 || mdnid == NID_sha1 || mdnid == NID_md4 ||
	    mdnid == NID_md2)
		problem(p, "signed with %s: make the request with SHA-256 "
		    "(openssl req -sha256)", OBJ_nid2sn(mdnid));
	/* subject: BR 7.1.4.2 */
	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		ne = X509_NAME_get_entry(nm, i);
		v = X509_NAME_ENTRY_get_data(ne);
		nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(ne));
		n = (size_t)ASN1_STRING_length(v);
		f = (const char *)ASN1_STRING_get0_data(v);
		if (nid == NID_countryName) {
			char cc[3] = { 0, 0, 0 };

			if (n == 2) {
				cc[0] = f[0];
				cc[1] = f[1];
			}
			if (n != 2 || !isupper((unsigned char)cc[0]) ||
			    !isupper((unsigned char)cc[1]) ||
			    strstr(iso3166, cc) == NULL || cc[0] == ' ')
				problem(p, "C=%.*s is not an ISO 3166-1 "
				    "two-letter country code: use one such as "
				    "HU, DE, GB or US", (int)n, f);
		}
		if (c->ascii) {
			for (j = 0; j < n; j++)
				if ((unsigned char)f[j] < 0x20 ||
				    (unsigned char)f[j] > 0x7e)
					break;
			if (j < n)
				problem(p, "%s holds characters outside "
				    "printable ASCII: write it in English "
				    "letters", OBJ_nid2sn(nid));
		}
	}
	for (f = c->require; f != NULL && *f != '\0'; f = *e ? e + 1 : e) {
		e = f + strcspn(f, ",");
		snprintf(field, sizeof(field), "%.*s", (int)(e - f), f);
		if ((nid = OBJ_txt2nid(field)) == NID_undef ||
		    X509_NAME_get_index_by_NID(nm, nid, -1) < 0)
			problem(p, "the subject has no %s: add it", field);
	}
	cn = ossl_name_entry(nm, "CN");
	if (!c->smime) {
		if (cn != NULL && !host_ok(cn, 1))
			problem(p, "CN=%s is not a host name (a wildcard may "
			    "only be the whole leftmost label)", cn);
		if (xi->dns.n + xi->ip.n == 0)
			problem(p, "no DNS name in a subjectAltName: add the "
			    "server's names (openssl req -addext "
			    "subjectAltName=DNS:...)");
		if (cn != NULL && host_ok(cn, 1)) {
			for (j = 0; j < xi->dns.n; j++)
				if (strcasecmp(xi->dns.v[j], cn) == 0)
					break;
			if (j == xi->dns.n && xi->dns.n + xi->ip.n > 0)
				problem(p, "CN=%s is not among the DNS names: "
				    "add it to the subjectAltName", cn);
		}
		for (j = 0; j < xi->dns.n; j++)
			if (!host_ok(xi->dns.v[j], 1) && (cn == NULL ||
			    strcasecmp(cn, xi->dns.v[j]) != 0))
				problem(p, "DNS:%s is not a host name",
				    xi->dns.v[j]);
	} else {
		if (xi->email.n == 0)
			problem(p, "no e-mail address in a subjectAltName: add "
			    "it (openssl req -addext "
			    "subjectAltName=email:...)");
		for (j = 0; j < xi->email.n; j++)
			if (!email_ok(xi->email.v[j]))
				problem(p, "email:%s is not an e-mail address",
				    xi->email.v[j]);
	}
	free(cn);
	dups(p, &xi->dns, "DNS");
	dups(p, &xi->email, "email");
	dups(p, &xi->ip, "IP");
	for (k = 0; k < c->nhosts; k++)
		if (!covers(req, gns, c->hosts[k]))
			problem(p, "does not cover %s: add it to the "
			    "subjectAltName", c->hosts[k]);
	if (c->key != NULL && EVP_PKEY_eq(pk, c->key) != 1)
		problem(p, "its key is not the key of %s", c->keyfile);
	if (c->notkey != NULL && EVP_PKEY_eq(pk, c->notkey) == 1)
		problem(p, "it reuses the key of %s: make a new key for the "
		    "new certificate", c->notkeyfile);
	ERR_clear_error();
}

static void
report(struct ctx *c, const struct pem_block *b, const struct x509info *xi,
    int sigok, const struct problems *p)
{
	struct json j;
	size_t i;
	char buf[1024], key[128];
	int n;

	if (c->json) {
		json_begin_block(&j, &c->o, b, "csr");
		json_str(&j, "subject", xi->subject, -1);
		json_open(&j, "san", '{');
		json_list(&j, "dns", xi->dns.v, xi->dns.n);
		json_list(&j, "ip", xi->ip.v, xi->ip.n);
		json_list(&j, "email", xi->email.v, xi->email.n);
		json_close(&j, '{');
		json_open(&j, "key", '{');
		json_str(&j, "type", xi->key_type, -1);
		json_int(&j, "bits", xi->key_bits);
		json_str(&j, "curve", xi->curve[0] ? xi->curve : NULL, -1);
		json_close(&j, '{');
		json_str(&j, "signature", xi->sig, -1);
		json_bool(&j, "signature_valid", sigok);
		json_str(&j, "profile", c->smime ? "smime" : "tls", -1);
		json_list(&j, "problems", p->list.v, p->list.n);
		json_end(&j);
	} else {
		n = snprintf(buf, sizeof(buf), "%s%s:%lu: certificate request "
		    "(block %lu)\n  subject:           ", c->ncsr > 1 ? "\n" :
		    "", b->src, b->line, b->index);
		out_write(&c->o, buf, (size_t)n);
		out_write(&c->o, xi->subject, strlen(xi->subject));
		out_write(&c->o, "\n", 1);
		for (i = 0; i < xi->dns.n + xi->ip.n + xi->email.n; i++) {
			const char *s = i < xi->dns.n ? xi->dns.v[i] :
			    i < xi->dns.n + xi->ip.n ? xi->ip.v[i - xi->dns.n] :
			    xi->email.v[i - xi->dns.n - xi->ip.n];

			n = snprintf(buf, sizeof(buf), "%s%s%s",
			    i == 0 ? "  subject alt name:  " : ", ",
			    i < xi->dns.n ? "DNS:" : i < xi->dns.n + xi->ip.n ?
			    "IP:" : "email:", s);
			out_write(&c->o, buf, (size_t)n < sizeof(buf) ?
			    (size_t)n : sizeof(buf) - 1);
		}
		if (i > 0)
			out_write(&c->o, "\n", 1);
		x509info_key_text(xi, key, sizeof(key));
		n = snprintf(buf, sizeof(buf), "  public key:        %s\n",
		    key);
		out_write(&c->o, buf, (size_t)n);
		n = snprintf(buf, sizeof(buf), "  signature:         %s (%s)\n"
		    "  verdict:           %s (%s profile)\n", xi->sig,
		    sigok ? "verifies" : "DOES NOT VERIFY", p->list.n == 0 ?
		    "acceptable" : "REJECTED", c->smime ? "smime" : "tls");
		out_write(&c->o, buf, (size_t)n);
	}
	for (i = 0; i < p->list.n; i++)
		diag_no(b->src, b->line, "%s", p->list.v[i]);
}

static int
one(struct ctx *c, const struct pem_block *b)
{
	const unsigned char *d = b->der;
	X509_REQ *req = NULL;
	STACK_OF(X509_EXTENSION) *exts = NULL;
	GENERAL_NAMES *gns = NULL;
	EVP_PKEY *pk;
	const X509_ALGOR *alg;
	const ASN1_OBJECT *obj;
	struct x509info xi;
	struct problems p;
	int sig, status;

	memset(&xi, 0, sizeof(xi));
	memset(&p, 0, sizeof(p));
	p.b = b;
	if ((req = d2i_X509_REQ(NULL, &d, (long)b->derlen)) == NULL)
		return diag_err(b->src, b->line, "the request does not decode");
	if ((pk = X509_REQ_get0_pubkey(req)) == NULL) {
		X509_REQ_free(req);
		return diag_err(b->src, b->line, "OpenSSL cannot decode the "
		    "request's public key");
	}
	/* proof of possession, RFC 2986 section 3 */
	if ((sig = X509_REQ_verify(req, pk)) < 0) {
		X509_REQ_free(req);
		return diag_err(b->src, b->line, "the request's signature is "
		    "malformed");
	}
	ERR_clear_error();
	if (sig == 0)
		problem(&p, "the signature does not verify: the request was "
		    "altered, or not signed by its key; make it again");
	c->ncsr++;
	xi.subject = x509info_name_str(X509_REQ_get_subject_name(req));
	if (xi.subject == NULL)
		xi.subject = xstrdup("");
	if ((exts = X509_REQ_get_extensions(req)) != NULL &&
	    (gns = X509V3_get_d2i(exts, NID_subject_alt_name, NULL, NULL)) !=
	    NULL)
		x509info_sans(gns, &xi);
	x509info_key(pk, &xi);
	X509_REQ_get0_signature(req, NULL, &alg);
	X509_ALGOR_get0(&obj, NULL, NULL, alg);
	OBJ_obj2txt(xi.sig, sizeof(xi.sig), obj, 0);
	policy(c, &p, req, gns, pk, &xi);
	report(c, b, &xi, sig == 1, &p);
	status = p.list.n ? EX_NO : EX_YES;
	while (p.list.n > 0)
		free(p.list.v[--p.list.n]);
	free(p.list.v);
	GENERAL_NAMES_free(gns);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	x509info_free(&xi);
	X509_REQ_free(req);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	struct pem_input in;
	struct pem_block b;
	struct ctx c;
	char *end, *pass = NULL;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	memset(&c, 0, sizeof(c));
	c.min_rsa = 2048;
	c.hosts = xmalloc((size_t)argc * sizeof(*c.hosts));
	while ((ch = getopt_long(argc, argv, "H:I:K:P:Vab:chjk:o:r:svw:",
	    longopts, NULL)) != -1) {
		if (opt_common(ch, optarg, &op, usage))
			continue;
		switch (ch) {
		case 'H':
			c.hosts[c.nhosts++] = optarg;
			break;
		case 'K':
			c.notkeyfile = optarg;
			break;
		case 'P':
			if (strcmp(optarg, "smime") != 0 &&
			    strcmp(optarg, "tls") != 0) {
				diag_err(NULL, 0, "--profile: use tls or "
				    "smime");
				usage(EX_TROUBLE);
			}
			c.smime = strcmp(optarg, "smime") == 0;
			break;
		case 'a':
			c.ascii = 1;
			break;
		case 'b':
			c.min_rsa = strtol(optarg, &end, 10);
			if (*end != '\0' || c.min_rsa < 512) {
				diag_err(NULL, 0, "--min-rsa-bits: a number "
				    "of bits, 512 or more");
				usage(EX_TROUBLE);
			}
			break;
		case 'j':
			c.json = 1;
			break;
		case 'k':
			c.keyfile = optarg;
			break;
		case 'r':
			c.require = optarg;
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	if (op.max_iter != 0)
		key_max_iter = op.max_iter;
	argc -= optind;
	argv += optind;

	if (op.passin != NULL && (pass = pass_get(op.passin, "--passin")) ==
	    NULL) {
		free(c.hosts);
		return EX_TROUBLE;
	}
	if ((c.keyfile != NULL && (c.key = load_key(c.keyfile, pass)) ==
	    NULL) || (c.notkeyfile != NULL && (c.notkey =
	    load_key(c.notkeyfile, pass)) == NULL)) {
		pass_free(pass);
		EVP_PKEY_free(c.key);
		free(c.hosts);
		return EX_TROUBLE;
	}
	if (out_open(&c.o, op.ofile, 0) != 0) {
		EVP_PKEY_free(c.key);
		EVP_PKEY_free(c.notkey);
		free(c.hosts);
		pass_free(pass);
		return EX_TROUBLE;
	}
	pem_input_init(&in, argv, argc, op.flags);
	while (pem_input_next(&in, &b)) {
		if (b.kind != PK_CSR) {
			diag_note(b.src, b.line, "%s skipped: not a "
			    "certificate request", pem_kind_name(b.kind));
			continue;
		}
		status = ex_worst(status, one(&c, &b));
	}
	status = ex_worst(status, pem_input_end(&in));
	if (status != EX_TROUBLE && c.ncsr == 0)
		status = diag_err(NULL, 0, "no certificate request in the "
		    "input");
	EVP_PKEY_free(c.key);
	EVP_PKEY_free(c.notkey);
	free(c.hosts);
	pass_free(pass);
	return out_finish(&c.o, status);
}
