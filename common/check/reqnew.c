/* reqnew.c: a new key pair and request through OpenSSL; see reqnew.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/asn1.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "base/io.h"
#include "x509/keys.h"
#include "read/pem.h"
#include "check/reqnew.h"

int
keyspec_parse(const char *s, struct keyspec *ks)
{
	static const struct { const char *name, *curve; } curves[] = {
		{ "P-256", "P-256" }, { "prime256v1", "P-256" },
		{ "P-384", "P-384" }, { "secp384r1", "P-384" },
		{ "P-521", "P-521" }, { "secp521r1", "P-521" },
	};
	const char *arg;
	char *end;
	unsigned long bits;
	size_t i;

	memset(ks, 0, sizeof(*ks));
	if (strcasecmp(s, "ed25519") == 0) {
		ks->alg = "ED25519";
		return 1;
	}
	arg = strchr(s, ':');
	if (strncasecmp(s, "rsa", 3) == 0 && (s[3] == '\0' || s[3] == ':')) {
		ks->alg = "RSA";
		ks->bits = 2048;
		if (arg == NULL)
			return 1;
		bits = strtoul(arg + 1, &end, 10);
		if (!isdigit((unsigned char)arg[1]) || *end != '\0' ||
		    bits < 1024 || bits > 16384)
			return 0;
		ks->bits = bits;
		return 1;
	}
	if (strncasecmp(s, "ec", 2) == 0 && (s[2] == '\0' || s[2] == ':')) {
		ks->alg = "EC";
		ks->curve = "P-256";
		if (arg == NULL)
			return 1;
		for (i = 0; i < sizeof(curves) / sizeof(curves[0]); i++)
			if (strcasecmp(arg + 1, curves[i].name) == 0) {
				ks->curve = curves[i].curve;
				return 1;
			}
	}
	return 0;
}

EVP_PKEY *
keyspec_generate(const struct keyspec *ks)
{
	EVP_PKEY *pk;

	if (strcmp(ks->alg, "RSA") == 0)
		pk = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", ks->bits);
	else if (strcmp(ks->alg, "EC") == 0)
		pk = EVP_PKEY_Q_keygen(NULL, NULL, "EC", ks->curve);
	else
		pk = EVP_PKEY_Q_keygen(NULL, NULL, ks->alg);
	if (pk == NULL)
		diag_err(NULL, 0, "OpenSSL cannot make a %s key", ks->alg);
	return pk;
}

/* X.680's PrintableString characters (RFC 5280 section 4.1.2.4). */
static int
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) &&
		    strchr(" '()+,-./:=?", *s) == NULL)
			return 0;
	return 1;
}

int
dn_add(X509_NAME *nm, int nid, const char *val, int join)
{
	const unsigned char *v = (const unsigned char *)val;
	unsigned long e;

	if (X509_NAME_add_entry_by_NID(nm, nid, MBSTRING_UTF8, v, -1, -1,
	    join ? -1 : 0))
		return 1;
	e = ERR_peek_last_error();
	if (ERR_GET_LIB(e) != ERR_LIB_ASN1 ||
	    (ERR_GET_REASON(e) != ASN1_R_STRING_TOO_LONG &&
	    ERR_GET_REASON(e) != ASN1_R_STRING_TOO_SHORT))
		return 0;
	ERR_clear_error();
	return X509_NAME_add_entry_by_NID(nm, nid, printable(val) ?
	    V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING, v, -1, -1,
	    join ? -1 : 0);
}

/* One attribute of a name being parsed. */
struct ava {
	int	 nid;
	char	*val;
	int	 join;		/* belongs to the RDN before it */
};

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * One "type=value" of s at *pp, up to an unescaped separator of seps or
 * "+", into *a.  RFC 4514 section 3; spaces around the type and around
 * the value, which the RFC wants escaped, are forgiven.
 */
static const char *
ava_parse(const char **pp, const char *seps, struct ava *a)
{
	const char *p = *pp, *t;
	char type[64], *v;
	size_t n, keep = 0;
	int hi, lo;

	while (*p == ' ')
		p++;
	if ((t = strchr(p, '=')) == NULL || t == p)
		return "an attribute without \"type=\"";
	n = (size_t)(t - p);
	while (n > 0 && p[n - 1] == ' ')
		n--;
	if (n >= sizeof(type))
		return "an unknown attribute type";
	memcpy(type, p, n);
	type[n] = '\0';
	if ((a->nid = OBJ_txt2nid(type)) == NID_undef)
		return "an unknown attribute type: use C, ST, L, O, OU, CN, "
		    "emailAddress or a dotted OID";
	for (p = t + 1; *p == ' '; p++)
		;
	if (*p == '#')
		return "a '#' hex value: write the value as text";
	a->val = v = xmalloc(strlen(p) + 1);
	for (; *p != '\0' && *p != '+' && strchr(seps, *p) == NULL; p++) {
		if (*p != '\\') {
			*v++ = *p;
			if (*p != ' ')
				keep = (size_t)(v - a->val);
			continue;
		}
		if (p[1] != '\0' && strchr(" \"#+,;<=>\\/", p[1]) != NULL)
			*v++ = *++p;
		else if ((hi = hexval((unsigned char)p[1])) >= 0 &&
		    (lo = hexval((unsigned char)p[2])) >= 0) {
			*v++ = (char)(hi << 4 | lo);
			p += 2;
		} else
			return "a bad escape: use \\, \\+ \\\\ or \\XX";
		keep = (size_t)(v - a->val);
	}
	a->val[keep] = '\0';
	*pp = p;
	return NULL;
}

/* The number of RDNs in v[0..n), and where the k-th starts. */
static size_t
nrdn(const struct ava *v, size_t n)
{
	size_t i, r = 0;

	for (i = 0; i < n; i++)
		r += !v[i].join;
	return r;
}

static size_t
rdn_at(const struct ava *v, size_t n, size_t k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!v[i].join && k-- == 0)
			break;
	return i;
}

X509_NAME *
dn_parse(const char *s, const char **err)
{
	X509_NAME *nm = NULL;
	struct ava *v = NULL;
	const char *p = s, *seps = ",;";
	size_t n = 0, i, j, k, end;
	int slash = *s == '/', join = 0;

	*err = NULL;
	if (slash) {
		seps = "/";
		p++;
	}
	while (*err == NULL && *p != '\0') {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n].val = NULL;
		v[n].join = join;
		*err = ava_parse(&p, seps, &v[n]);
		n++;
		join = *p == '+';
		if (*p != '\0' && *++p == '\0')
			*err = "a separator at the end";
	}
	if (*err == NULL && n == 0)
		*err = "an empty name";
	if (*err == NULL && (nm = X509_NAME_new()) == NULL)
		*err = "out of memory";
	/* RFC 4514 section 2.1: the string starts at the last RDN; the -subj
	 * form at the first.  k counts RDNs, [i, end) is the k-th's. */
	for (k = 0; *err == NULL && k < nrdn(v, n); k++) {
		i = rdn_at(v, n, slash ? k : nrdn(v, n) - 1 - k);
		for (end = i + 1; end < n && v[end].join; end++)
			;
		for (j = i; j < end && *err == NULL; j++)
			if (!dn_add(nm, v[j].nid, v[j].val, j > i))
				*err = "a value OpenSSL cannot encode (not "
				    "UTF-8?)";
	}
	for (i = 0; i < n; i++)
		free(v[i].val);
	free(v);
	if (*err != NULL) {
		X509_NAME_free(nm);
		ERR_clear_error();
		return NULL;
	}
	return nm;
}

static int
san_add(GENERAL_NAMES *gns, int type, const char *s)
{
	GENERAL_NAME *gn;
	ASN1_IA5STRING *ia5;
	ASN1_OCTET_STRING *ip;

	if ((gn = GENERAL_NAME_new()) == NULL)
		return 0;
	if (type == GEN_DNS && (ip = a2i_IPADDRESS(s)) != NULL)
		GENERAL_NAME_set0_value(gn, GEN_IPADD, ip);
	else if ((ia5 = ASN1_IA5STRING_new()) != NULL &&
	    ASN1_STRING_set(ia5, s, -1))
		GENERAL_NAME_set0_value(gn, type, ia5);
	else {
		ASN1_IA5STRING_free(ia5);
		GENERAL_NAME_free(gn);
		return 0;
	}
	ERR_clear_error();
	if (!sk_GENERAL_NAME_push(gns, gn)) {
		GENERAL_NAME_free(gn);
		return 0;
	}
	return 1;
}

X509_REQ *
req_build(const X509_NAME *nm, EVP_PKEY *pk, char **hosts, int nhosts,
    char **emails, int nemails)
{
	X509_REQ *req = NULL;
	GENERAL_NAMES *gns = NULL;
	X509_EXTENSION *ext = NULL;
	STACK_OF(X509_EXTENSION) *exts = NULL;
	int i, ok = 0;

	if ((req = X509_REQ_new()) == NULL ||
	    !X509_REQ_set_version(req, X509_REQ_VERSION_1) ||
	    !X509_REQ_set_subject_name(req, nm) ||
	    !X509_REQ_set_pubkey(req, pk))
		goto out;
	if (nhosts + nemails > 0) {
		if ((gns = GENERAL_NAMES_new()) == NULL)
			goto out;
		for (i = 0; i < nhosts; i++)
			if (!san_add(gns, GEN_DNS, hosts[i]))
				goto out;
		for (i = 0; i < nemails; i++)
			if (!san_add(gns, GEN_EMAIL, emails[i]))
				goto out;
		/* critical when the subject is empty: RFC 5280 4.2.1.6 */
		if ((ext = X509V3_EXT_i2d(NID_subject_alt_name,
		    X509_NAME_entry_count(nm) == 0, gns)) == NULL ||
		    (exts = sk_X509_EXTENSION_new_null()) == NULL ||
		    !sk_X509_EXTENSION_push(exts, ext))
			goto out;
		ext = NULL;
		if (!X509_REQ_add_extensions(req, exts))
			goto out;
	}
	if (X509_REQ_sign(req, pk, EVP_PKEY_is_a(pk, "ED25519") ? NULL :
	    EVP_sha256()) <= 0)
		goto out;
	ok = 1;
out:
	X509_EXTENSION_free(ext);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	GENERAL_NAMES_free(gns);
	if (!ok) {
		diag_err(NULL, 0, "OpenSSL cannot make the request");
		X509_REQ_free(req);
		return NULL;
	}
	return req;
}

int
key_encrypt_pkcs8(EVP_PKEY *pk, const char *pass, unsigned char **der,
    size_t *len)
{
	OSSL_ENCODER_CTX *ctx;
	int ok;

	*der = NULL;
	*len = 0;
	ctx = OSSL_ENCODER_CTX_new_for_pkey(pk, EVP_PKEY_KEYPAIR, "DER",
	    "EncryptedPrivateKeyInfo", NULL);
	ok = ctx != NULL && OSSL_ENCODER_CTX_get_num_encoders(ctx) > 0 &&
	    OSSL_ENCODER_CTX_set_cipher(ctx, "AES-256-CBC", NULL) &&
	    OSSL_ENCODER_CTX_set_passphrase(ctx,
	    (const unsigned char *)pass, strlen(pass)) &&
	    OSSL_ENCODER_to_data(ctx, der, len);
	OSSL_ENCODER_CTX_free(ctx);
	if (!ok)
		return diag_err(NULL, 0, "OpenSSL cannot encrypt the key"), 0;
	return 1;
}

int
dn_default_cn(X509_NAME *nm, const char *cn)
{
	if (cn == NULL || X509_NAME_get_index_by_NID(nm, NID_commonName, -1) >=
	    0 || dn_add(nm, NID_commonName, cn, 0))
		return 1;
	diag_err(NULL, 0, "OpenSSL cannot add CN=%s", cn);
	return 0;
}

char *
dn_cn(const X509_NAME *nm)
{
	unsigned char *u = NULL;
	char *s = NULL;
	int i, n;

	if ((i = X509_NAME_get_index_by_NID(nm, NID_commonName, -1)) >= 0 &&
	    (n = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(
	    X509_NAME_get_entry(nm, i)))) >= 0) {
		s = xmalloc((size_t)n + 1);
		memcpy(s, u, (size_t)n);
		s[n] = '\0';
	}
	OPENSSL_free(u);
	return s;
}

int
key_write_new(struct out *o, const char *path, int force, EVP_PKEY *pk,
    const char *passout)
{
	unsigned char *der = NULL;
	size_t len = 0;
	const char *label;
	char *pass = NULL;
	int status = EX_TROUBLE;

	if (passout != NULL) {
		if ((pass = pass_get(passout, "--passout")) == NULL)
			return EX_TROUBLE;
		if (*pass == '\0')
			diag_err(NULL, 0, "--passout: the passphrase is empty");
		else if (key_encrypt_pkcs8(pk, pass, &der, &len))
			status = 0;
		label = "ENCRYPTED PRIVATE KEY";
	} else if (key_encode(pk, 0, "the new key", &der, &len, &label))
		status = 0;
	pass_free(pass);
	if (status == 0 && out_open(o, path, OUT_NOFOLLOW |
	    (force ? 0 : OUT_NOCLOBBER)) != 0)
		status = EX_TROUBLE;
	else if (status == 0) {
		out_secret(o);
		if (pem_write(o, label, NULL, 0, der, len) != 0) {
			out_abort(o);
			status = EX_TROUBLE;
		}
	}
	OPENSSL_clear_free(der, len);
	return status;
}
