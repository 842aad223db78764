/* keys.c: passphrases, keys and PKCS#12 through OpenSSL 3; see keys.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/provider.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "x509/keys.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "x509/x509info.h"

#define PASS_MAX	4096

/* The first line of fd, without its line end, as a heap string. */
static char *
read_line(int fd, const char *what)
{
	char buf[PASS_MAX], *s;
	size_t n = 0;
	ssize_t r;

	while (n < sizeof(buf)) {
		if ((r = read(fd, buf + n, 1)) == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == -1) {
				diag_err(NULL, 0, "%s: %s", what,
				    strerror(errno));
				OPENSSL_cleanse(buf, n);
				return NULL;
			}
			break;
		}
		if (buf[n] == '\n')
			break;
		n++;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	s = xmalloc(n + 1);
	memcpy(s, buf, n);
	s[n] = '\0';
	OPENSSL_cleanse(buf, sizeof(buf));
	return s;
}

char *
pass_get(const char *spec, const char *opt)
{
	const char *v;
	char *end, *s;
	long fd;
	int f;

	if (strncmp(spec, "pass:", 5) == 0)
		return xstrdup(spec + 5);
	if (strncmp(spec, "env:", 4) == 0) {
		if ((v = getenv(spec + 4)) == NULL) {
			diag_err(NULL, 0, "%s: environment variable %s is not "
			    "set", opt, spec + 4);
			return NULL;
		}
		return xstrdup(v);
	}
	if (strncmp(spec, "file:", 5) == 0) {
		if ((f = open(spec + 5, O_RDONLY)) == -1) {
			diag_err(spec + 5, 0, "%s", strerror(errno));
			return NULL;
		}
		s = read_line(f, spec + 5);
		close(f);
		return s;
	}
	if (strncmp(spec, "fd:", 3) == 0) {
		errno = 0;
		fd = strtol(spec + 3, &end, 10);
		if (spec[3] == '\0' || *end != '\0' || fd < 0 ||
		    fd > INT_MAX) {
			diag_err(NULL, 0, "%s: \"%s\" is not a descriptor "
			    "number", opt, spec);
			return NULL;
		}
		return read_line((int)fd, spec);
	}
	/* never echoed: "--passin MySecret" is the usual mistake, and the
	 * message would put the secret into a CI log */
	diag_err(NULL, 0, "%s takes pass:TEXT, env:VAR, file:PATH or fd:N; "
	    "the value given has none of these prefixes (not shown: it may be "
	    "the passphrase itself)", opt);
	return NULL;
}

void
pass_free(char *pass)
{
	if (pass != NULL)
		OPENSSL_clear_free(pass, strlen(pass));
}

static OSSL_PROVIDER *prov_default, *prov_legacy;

/* At exit: unload what ossl_legacy loaded (no leak for the checkers). */
static void
unload(void)
{
	OSSL_PROVIDER_unload(prov_legacy);
	OSSL_PROVIDER_unload(prov_default);
}

int
ossl_legacy(void)
{
	static int state;	/* 0 untried, 1 loaded, -1 unavailable */

	if (state == 0) {
		prov_default = OSSL_PROVIDER_load(NULL, "default");
		prov_legacy = OSSL_PROVIDER_load(NULL, "legacy");
		state = prov_default != NULL && prov_legacy != NULL ? 1 : -1;
		atexit(unload);
		ERR_clear_error();
	}
	return state == 1;
}

/* PEM password callback: hands over the passphrase in u, never prompts. */
static int
give_pass(char *buf, int size, int rwflag, void *u)
{
	size_t n = strlen(u);

	(void)rwflag;
	if (n > (size_t)size)
		return -1;
	memcpy(buf, u, n);
	return (int)n;
}

/*
 * The iteration count a password-based algorithm asks for: PBES2 with
 * PBKDF2 (RFC 8018 sections 6.2 and A.2), or PBES1 and PKCS#12 PBE
 * parameters (RFC 8018 A.3, RFC 7292 appendix C).  0 when the algorithm
 * has no count we know how to read (the work it costs is then OpenSSL's
 * to bound); ULONG_MAX for a count that is negative or too large.
 */
static unsigned long
pbe_iter(const X509_ALGOR *alg)
{
	const ASN1_OBJECT *oid, *koid;
	const ASN1_STRING *seq, *kseq;
	const ASN1_INTEGER *it = NULL;
	const void *pval;
	const unsigned char *p;
	PBE2PARAM *p2 = NULL;
	PBKDF2PARAM *kdf = NULL;
	PBEPARAM *p1 = NULL;
	uint64_t v;
	unsigned long n = 0;
	int ptype;

	X509_ALGOR_get0(&oid, &ptype, &pval, alg);
	if (ptype != V_ASN1_SEQUENCE || (seq = pval) == NULL)
		return 0;
	p = ASN1_STRING_get0_data(seq);
	if (OBJ_obj2nid(oid) == NID_pbes2) {
		if ((p2 = d2i_PBE2PARAM(NULL, &p, ASN1_STRING_length(seq))) ==
		    NULL)
			goto out;
		X509_ALGOR_get0(&koid, &ptype, &pval, p2->keyfunc);
		if (OBJ_obj2nid(koid) != NID_id_pbkdf2 ||
		    ptype != V_ASN1_SEQUENCE || (kseq = pval) == NULL)
			goto out;
		p = ASN1_STRING_get0_data(kseq);
		if ((kdf = d2i_PBKDF2PARAM(NULL, &p,
		    ASN1_STRING_length(kseq))) != NULL)
			it = kdf->iter;
	} else if ((p1 = d2i_PBEPARAM(NULL, &p, ASN1_STRING_length(seq))) !=
	    NULL)
		it = p1->iter;
	if (it != NULL)
		n = ASN1_INTEGER_get_uint64(&v, it) && v < ULONG_MAX ?
		    (unsigned long)v : ULONG_MAX;
out:
	PBE2PARAM_free(p2);
	PBKDF2PARAM_free(kdf);
	PBEPARAM_free(p1);
	ERR_clear_error();
	return n;
}

/* Refuse, with a message, a count over key_max_iter; 1 when it is fine. */
static int
iter_ok(const struct pem_block *b, const char *what, unsigned long n)
{
	if (n <= key_max_iter)
		return 1;
	if (n == ULONG_MAX)
		diag_err(b->src, b->line, "%s asks for an iteration count "
		    "that is negative or too large", what);
	else
		diag_err(b->src, b->line, "%s asks for %lu iterations, over "
		    "the limit of %lu (-I/--max-iter N raises it)", what, n,
		    key_max_iter);
	return 0;
}

/* Decrypt an EncryptedPrivateKeyInfo (RFC 5958 section 3). */
static EVP_PKEY *
pkcs8_decrypt(const struct pem_block *b, const char *pass)
{
	const unsigned char *p = b->der;
	X509_SIG *sig = NULL;
	PKCS8_PRIV_KEY_INFO *inf = NULL;
	const X509_ALGOR *alg;
	EVP_PKEY *pk = NULL;

	if ((sig = d2i_X509_SIG(NULL, &p, (long)b->derlen)) == NULL) {
		diag_err(b->src, b->line, "encrypted private key does not "
		    "decode");
		goto out;
	}
	X509_SIG_get0(sig, &alg, NULL);
	if (!iter_ok(b, "encrypted private key", pbe_iter(alg)))
		goto out;
	inf = PKCS8_decrypt(sig, pass, (int)strlen(pass));
	if (inf == NULL && ossl_unsupported() && ossl_legacy()) {
		ERR_clear_error();
		if ((inf = PKCS8_decrypt(sig, pass, (int)strlen(pass))) !=
		    NULL)
			diag_note(b->src, b->line, "key cipher opened with "
			    "OpenSSL's legacy provider");
	}
	if (inf == NULL) {
		if (ossl_unsupported())
			diag_err(b->src, b->line, "encrypted private key: "
			    "its cipher is not available");
		else
			diag_err(b->src, b->line, "wrong passphrase for the "
			    "encrypted private key");
		goto out;
	}
	if ((pk = EVP_PKCS82PKEY(inf)) == NULL)
		diag_err(b->src, b->line, "decrypted private key does not "
		    "decode");
out:
	PKCS8_PRIV_KEY_INFO_free(inf);
	X509_SIG_free(sig);
	return pk;
}

/* Decrypt RFC 1421 Proc-Type/DEK-Info encryption, then decode. */
static EVP_PKEY *
legacy_decrypt(const struct pem_block *b, const char *pass)
{
	EVP_CIPHER_INFO ci;
	unsigned char *data = NULL;
	const unsigned char *p;
	char *hdr = NULL;
	EVP_PKEY *pk = NULL;
	long len = (long)b->derlen;
	int ok, type;

	hdr = xmalloc(b->hdrlen + 1);
	memcpy(hdr, b->hdr, b->hdrlen);
	hdr[b->hdrlen] = '\0';
	data = xmalloc(b->derlen);
	memcpy(data, b->der, b->derlen);
	ok = PEM_get_EVP_CIPHER_INFO(hdr, &ci);
	if (!ok && ossl_unsupported() && ossl_legacy()) {
		ERR_clear_error();
		if ((ok = PEM_get_EVP_CIPHER_INFO(hdr, &ci)))
			diag_note(b->src, b->line, "key cipher opened with "
			    "OpenSSL's legacy provider");
	}
	if (!ok) {
		diag_err(b->src, b->line, "encrypted private key: "
		    "DEK-Info names a cipher that is not available");
		goto out;
	}
	if (!PEM_do_header(&ci, data, &len, give_pass, (void *)pass)) {
		diag_err(b->src, b->line, "wrong passphrase for the "
		    "encrypted private key");
		goto out;
	}
	type = b->kind == PK_RSA_KEY ? EVP_PKEY_RSA : b->kind == PK_EC_KEY ?
	    EVP_PKEY_EC : EVP_PKEY_DSA;
	p = data;
	if ((pk = d2i_PrivateKey(type, NULL, &p, len)) == NULL)
		diag_err(b->src, b->line, "wrong passphrase for the "
		    "encrypted private key (it decrypts to no key)");
out:
	OPENSSL_clear_free(data, b->derlen);
	free(hdr);
	return pk;
}

EVP_PKEY *
key_private(const struct pem_block *b, const char *pass)
{
	const unsigned char *p = b->der;
	EVP_PKEY *pk = NULL;

	if ((b->kind == PK_PKCS8_ENC || b->encrypted) && pass == NULL) {
		diag_err(b->src, b->line, "encrypted private key: give its "
		    "passphrase with --passin (env:VAR or file:PATH)");
		return NULL;
	}
	switch (b->kind) {
	case PK_PKCS8_ENC:
		return pkcs8_decrypt(b, pass);
	case PK_RSA_KEY:
	case PK_EC_KEY:
	case PK_DSA_KEY:
		if (b->encrypted)
			return legacy_decrypt(b, pass);
		pk = d2i_PrivateKey(b->kind == PK_RSA_KEY ? EVP_PKEY_RSA :
		    b->kind == PK_EC_KEY ? EVP_PKEY_EC : EVP_PKEY_DSA, NULL,
		    &p, (long)b->derlen);
		break;
	case PK_PKCS8:
		pk = d2i_AutoPrivateKey(NULL, &p, (long)b->derlen);
		break;
	default:
		break;
	}
	if (pk == NULL)
		diag_err(b->src, b->line, "%s does not decode",
		    pem_kind_name(b->kind));
	return pk;
}

EVP_PKEY *
key_public(const struct pem_block *b)
{
	const unsigned char *p = b->der;
	EVP_PKEY *pk = NULL;

	if (b->kind == PK_SPKI)
		pk = d2i_PUBKEY(NULL, &p, (long)b->derlen);
	else if (b->kind == PK_RSA_PUB)
		pk = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, (long)b->derlen);
	if (pk == NULL)
		diag_err(b->src, b->line, "%s does not decode",
		    pem_kind_name(b->kind));
	return pk;
}

int
key_pairwise_ok(EVP_PKEY *pk)
{
	static const unsigned char msg[] = "pemkit pairwise consistency";
	unsigned char sig[1024];
	size_t siglen = sizeof(sig);
	EVP_PKEY_CTX *ctx = NULL;
	EVP_MD_CTX *md = NULL;
	int ok = 0;

	if (!EVP_PKEY_is_a(pk, "RSA") || EVP_PKEY_get_size(pk) >
	    (int)sizeof(sig)) {
		ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pk, NULL);
		ok = ctx != NULL && EVP_PKEY_pairwise_check(ctx) == 1;
		goto out;
	}
	/*
	 * RSA: OpenSSL 3.0's pairwise check tests p and q for primality
	 * (about 40 ms for a 2048-bit key); a signature made with the
	 * private half and verified with the public half proves the same
	 * pairing in 1 ms (FIPS 140-3's pairwise consistency test).
	 */
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit_ex(md, NULL, "SHA256", NULL, NULL, pk,
	    NULL) != 1 ||
	    EVP_DigestSign(md, sig, &siglen, msg, sizeof(msg)) != 1)
		goto out;
	EVP_MD_CTX_free(md);
	ok = (md = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit_ex(md, NULL, "SHA256", NULL, NULL, pk,
	    NULL) == 1 &&
	    EVP_DigestVerify(md, sig, siglen, msg, sizeof(msg)) == 1;
out:
	EVP_MD_CTX_free(md);
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	return ok;
}

int
key_spki_sha256(EVP_PKEY *pk, char hex[65])
{
	unsigned char *der = NULL, md[32];
	int n, ok;

	if ((n = i2d_PUBKEY(pk, &der)) <= 0) {
		ERR_clear_error();
		return 0;
	}
	ok = ossl_sha256(der, (size_t)n, md);
	OPENSSL_free(der);
	if (ok)
		ossl_hex(md, sizeof(md), hex);
	return ok;
}

int
key_same(const EVP_PKEY *a, const EVP_PKEY *b)
{
	int r = EVP_PKEY_eq(a, b);

	ERR_clear_error();
	return r == 1;
}

void
key_needle_init(struct key_needle *k, EVP_PKEY *pk)
{
	unsigned char *spki = NULL;
	int n;

	memset(k, 0, sizeof(*k));
	k->pk = pk;
	if ((n = i2d_PUBKEY(pk, &spki)) <= 0 ||
	    x509info_spki_key(spki, (size_t)n, &k->nid, &k->print,
	    &k->plen) != 1) {
		OPENSSL_free(k->print);
		k->print = NULL;
	}
	OPENSSL_free(spki);
	ERR_clear_error();
}

int
key_needle_in(const struct key_needle *k, const unsigned char *der,
    size_t len, X509 **x)
{
	const unsigned char *p = der;
	unsigned char *print;
	size_t plen;
	int nid, r;

	*x = NULL;
	if ((r = x509info_cert_key(der, len, &nid, &print, &plen)) != 1)
		return r == 0 ? -1 : -2;
	r = k->print == NULL || (nid == k->nid && plen == k->plen &&
	    memcmp(print, k->print, plen) == 0);
	OPENSSL_free(print);
	if (!r)
		return 0;
	if ((*x = d2i_X509(NULL, &p, (long)len)) == NULL) {
		ERR_clear_error();
		return -1;
	}
	if (X509_get0_pubkey(*x) == NULL) {
		ERR_clear_error();
		X509_free(*x);
		*x = NULL;
		return -2;
	}
	if (key_same(k->pk, X509_get0_pubkey(*x)))
		return 1;
	X509_free(*x);
	*x = NULL;
	return 0;
}

void
key_needle_free(struct key_needle *k)
{
	OPENSSL_free(k->print);
	memset(k, 0, sizeof(*k));
}

/*
 * The iteration counts of a PKCS#12 file, checked before any of that work
 * is done (RFC 7292 sections 4 and 5): the MAC's (PKCS12_get0_mac(3)), each
 * encrypted authenticated safe's, and each shrouded key bag in a plain
 * one.  Bags inside an encrypted safe are reached only after its own
 * (bounded) decryption, so OpenSSL bounds nothing unasked.  1 when all are
 * within key_max_iter; 0 after a message.
 */
static int
p12_iters_ok(const struct pem_block *b, PKCS12 *p12)
{
	const ASN1_INTEGER *it = NULL;
	STACK_OF(PKCS7) *safes = NULL;
	STACK_OF(PKCS12_SAFEBAG) *bags = NULL;
	const PKCS12_SAFEBAG *bag;
	const X509_ALGOR *alg;
	PKCS7 *p7;
	uint64_t v;
	int i, j, ok = 0;

	if (PKCS12_mac_present(p12)) {
		PKCS12_get0_mac(NULL, NULL, NULL, &it, p12);
		if (!iter_ok(b, "PKCS#12 file: its MAC", it == NULL ? 1 :
		    ASN1_INTEGER_get_uint64(&v, it) && v < ULONG_MAX ?
		    (unsigned long)v : ULONG_MAX))
			goto out;
	}
	if ((safes = PKCS12_unpack_authsafes(p12)) == NULL) {
		ok = 1;		/* PKCS12_parse will say what is wrong */
		goto out;
	}
	for (i = 0; i < sk_PKCS7_num(safes); i++) {
		p7 = sk_PKCS7_value(safes, i);
		switch (OBJ_obj2nid(p7->type)) {
		case NID_pkcs7_encrypted:
			if (p7->d.encrypted != NULL &&
			    p7->d.encrypted->enc_data != NULL &&
			    !iter_ok(b, "PKCS#12 file: its encrypted "
			    "certificates", pbe_iter(
			    p7->d.encrypted->enc_data->algorithm)))
				goto out;
			break;
		case NID_pkcs7_data:
			if ((bags = PKCS12_unpack_p7data(p7)) == NULL)
				break;
			for (j = 0; j < sk_PKCS12_SAFEBAG_num(bags); j++) {
				bag = sk_PKCS12_SAFEBAG_value(bags, j);
				if (PKCS12_SAFEBAG_get_nid(bag) !=
				    NID_pkcs8ShroudedKeyBag)
					continue;
				X509_SIG_get0(PKCS12_SAFEBAG_get0_pkcs8(bag),
				    &alg, NULL);
				if (!iter_ok(b, "PKCS#12 file: its private "
				    "key", pbe_iter(alg)))
					goto out;
			}
			sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
			bags = NULL;
			break;
		}
	}
	ok = 1;
out:
	sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
	sk_PKCS7_pop_free(safes, PKCS7_free);
	ERR_clear_error();
	return ok;
}

/*
 * Open a PKCS#12 file that has no MAC: PKCS12_parse(3) refuses a
 * passphrase then, so the safes are walked as OpenSSL's own pkcs12
 * command walks them (RFC 7292 section 4): plain and encrypted safes,
 * key bags, shrouded key bags, X.509 certificate bags.  The certificate
 * of the key goes to *cert, the others to *ca.  Returns 1, or 0 with the
 * error on OpenSSL's queue.
 */
static int
p12_walk(PKCS12 *p12, const char *pass, EVP_PKEY **pkey, X509 **cert,
    STACK_OF(X509) **ca)
{
	STACK_OF(PKCS7) *safes = NULL;
	STACK_OF(PKCS12_SAFEBAG) *bags = NULL;
	const PKCS12_SAFEBAG *bag;
	PKCS8_PRIV_KEY_INFO *p8 = NULL;
	X509 *x;
	int i, j, ok = 0;

	*ca = sk_X509_new_null();
	if (*ca == NULL || (safes = PKCS12_unpack_authsafes(p12)) == NULL)
		goto out;
	for (i = 0; i < sk_PKCS7_num(safes); i++) {
		PKCS7 *p7 = sk_PKCS7_value(safes, i);

		switch (OBJ_obj2nid(p7->type)) {
		case NID_pkcs7_data:
			bags = PKCS12_unpack_p7data(p7);
			break;
		case NID_pkcs7_encrypted:
			bags = PKCS12_unpack_p7encdata(p7, pass, -1);
			break;
		default:
			continue;
		}
		if (bags == NULL)
			goto out;
		for (j = 0; j < sk_PKCS12_SAFEBAG_num(bags); j++) {
			bag = sk_PKCS12_SAFEBAG_value(bags, j);
			switch (PKCS12_SAFEBAG_get_nid(bag)) {
			case NID_keyBag:
				if (*pkey == NULL && (*pkey = EVP_PKCS82PKEY(
				    PKCS12_SAFEBAG_get0_p8inf(bag))) == NULL)
					goto out;
				break;
			case NID_pkcs8ShroudedKeyBag:
				if (*pkey != NULL)
					break;
				if ((p8 = PKCS12_decrypt_skey(bag, pass, -1)) ==
				    NULL || (*pkey = EVP_PKCS82PKEY(p8)) == NULL)
					goto out;
				PKCS8_PRIV_KEY_INFO_free(p8);
				p8 = NULL;
				break;
			case NID_certBag:
				if (PKCS12_SAFEBAG_get_bag_nid(bag) !=
				    NID_x509Certificate)
					break;
				if ((x = PKCS12_SAFEBAG_get1_cert(bag)) == NULL)
					goto out;
				sk_X509_push(*ca, x);
				break;
			}
		}
		sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
		bags = NULL;
	}
	for (i = 0; *pkey != NULL && i < sk_X509_num(*ca); i++) {
		x = sk_X509_value(*ca, i);
		if (X509_get0_pubkey(x) != NULL &&
		    key_same(X509_get0_pubkey(x), *pkey)) {
			*cert = sk_X509_delete(*ca, i);
			break;
		}
	}
	ok = 1;
out:
	PKCS8_PRIV_KEY_INFO_free(p8);
	sk_PKCS12_SAFEBAG_pop_free(bags, PKCS12_SAFEBAG_free);
	sk_PKCS7_pop_free(safes, PKCS7_free);
	if (!ok) {
		EVP_PKEY_free(*pkey);
		*pkey = NULL;
		sk_X509_pop_free(*ca, X509_free);
		*ca = NULL;
	}
	return ok;
}

/* PKCS12_parse, or the walk for a file without a MAC. */
static int
p12_parse(PKCS12 *p12, const char *pass, EVP_PKEY **pkey, X509 **cert,
    STACK_OF(X509) **ca)
{
	if (PKCS12_mac_present(p12))
		return PKCS12_parse(p12, pass, pkey, cert, ca);
	return p12_walk(p12, pass, pkey, cert, ca);
}

int
p12_open(const struct pem_block *b, const char *pass, EVP_PKEY **pkey,
    STACK_OF(X509) **certs)
{
	const unsigned char *p = b->der;
	PKCS12 *p12 = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	int ok = 0, i;

	*pkey = NULL;
	*certs = NULL;
	if ((p12 = d2i_PKCS12(NULL, &p, (long)b->derlen)) == NULL) {
		diag_err(b->src, b->line, "PKCS#12 file does not decode");
		goto out;
	}
	if (!p12_iters_ok(b, p12))
		goto out;
	/* RFC 7292 section 5: the MAC proves the passphrase before use */
	if (pass != NULL && *pass == '\0')
		pass = NULL;	/* the empty passphrase has two encodings */
	if (!PKCS12_mac_present(p12))
		diag_note(b->src, b->line, "PKCS#12 file has no MAC: its "
		    "integrity is not checked");
	else {
		if (pass == NULL) {
			if (PKCS12_verify_mac(p12, NULL, 0))
				pass = NULL;
			else if (PKCS12_verify_mac(p12, "", 0))
				pass = "";
			else {
				diag_err(b->src, b->line, "PKCS#12 file needs "
				    "a passphrase: give --passin");
				goto out;
			}
		} else if (!PKCS12_verify_mac(p12, pass, -1)) {
			if (ossl_unsupported() && ossl_legacy()) {
				ERR_clear_error();
				if (PKCS12_verify_mac(p12, pass, -1))
					goto mac_ok;
			}
			diag_err(b->src, b->line, "wrong passphrase for the "
			    "PKCS#12 file");
			goto out;
		}
	}
mac_ok:
	ERR_clear_error();
	if (!p12_parse(p12, pass, pkey, &cert, &ca)) {
		if (ossl_legacy()) {
			ERR_clear_error();
			if (p12_parse(p12, pass, pkey, &cert, &ca)) {
				diag_note(b->src, b->line, "PKCS#12 file "
				    "opened with OpenSSL's legacy provider "
				    "(RC2 or 3DES)");
				goto parsed;
			}
		}
		diag_err(b->src, b->line, "PKCS#12 file does not open%s",
		    pass == NULL || *pass == '\0' ? ": give --passin" : "");
		goto out;
	}
parsed:
	*certs = sk_X509_new_null();
	if (cert != NULL) {
		sk_X509_push(*certs, cert);
		cert = NULL;
	}
	for (i = 0; i < sk_X509_num(ca); i++)
		sk_X509_push(*certs, sk_X509_value(ca, i));
	sk_X509_free(ca);
	ca = NULL;
	ok = 1;
out:
	X509_free(cert);
	sk_X509_pop_free(ca, X509_free);
	PKCS12_free(p12);
	ERR_clear_error();
	return ok;
}

void
p12_members_certs(const STACK_OF(X509) *certs, struct p12_member *m,
    size_t *n)
{
	unsigned char *der;
	int i, len;

	for (i = 0; i < sk_X509_num(certs); i++) {
		der = NULL;
		if ((len = i2d_X509(sk_X509_value(certs, i), &der)) <= 0)
			continue;
		m[*n].kind = PK_CERT;
		m[*n].der = der;
		m[(*n)++].derlen = (size_t)len;
	}
}

int
p12_members(const struct pem_block *b, const char *pass,
    struct p12_member **m, size_t *n)
{
	EVP_PKEY *pk = NULL;
	STACK_OF(X509) *certs = NULL;
	PKCS8_PRIV_KEY_INFO *p8 = NULL;
	unsigned char *der;
	int len;

	*m = NULL;
	*n = 0;
	if (!p12_open(b, pass, &pk, &certs))
		return 0;
	*m = xmalloc(((size_t)sk_X509_num(certs) + 1) * sizeof(**m));
	if (pk != NULL && (p8 = EVP_PKEY2PKCS8(pk)) != NULL &&
	    (der = NULL, len = i2d_PKCS8_PRIV_KEY_INFO(p8, &der)) > 0) {
		(*m)[*n].kind = PK_PKCS8;
		(*m)[*n].der = der;
		(*m)[(*n)++].derlen = (size_t)len;
	}
	p12_members_certs(certs, *m, n);
	PKCS8_PRIV_KEY_INFO_free(p8);
	EVP_PKEY_free(pk);
	sk_X509_pop_free(certs, X509_free);
	ERR_clear_error();
	return 1;
}

void
p12_members_free(struct p12_member *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		OPENSSL_clear_free(m[i].der, m[i].derlen);
	free(m);
}


int
key_encode(EVP_PKEY *pk, int traditional, const char *what,
    unsigned char **der, size_t *len, const char **label)
{
	PKCS8_PRIV_KEY_INFO *p8;
	OSSL_ENCODER_CTX *ctx;
	int n, ok = 0;

	*der = NULL;
	*len = 0;
	if (!traditional) {
		if ((p8 = EVP_PKEY2PKCS8(pk)) != NULL &&
		    (n = i2d_PKCS8_PRIV_KEY_INFO(p8, der)) > 0) {
			*len = (size_t)n;
			*label = "PRIVATE KEY";
			ok = 1;
		}
		PKCS8_PRIV_KEY_INFO_free(p8);
		if (!ok)
			diag_err(what, 0, "cannot encode the private key as "
			    "PKCS#8");
		return ok;
	}
	if (EVP_PKEY_is_a(pk, "RSA"))
		*label = "RSA PRIVATE KEY";
	else if (EVP_PKEY_is_a(pk, "EC"))
		*label = "EC PRIVATE KEY";
	else if (EVP_PKEY_is_a(pk, "DSA"))
		*label = "DSA PRIVATE KEY";
	else {
		diag_err(what, 0, "the key is %s, which has no traditional "
		    "(PKCS#1-style) form; only RSA, EC and DSA keys do",
		    EVP_PKEY_get0_type_name(pk));
		return 0;
	}
	ctx = OSSL_ENCODER_CTX_new_for_pkey(pk, EVP_PKEY_KEYPAIR, "DER",
	    "type-specific", NULL);
	ok = ctx != NULL && OSSL_ENCODER_to_data(ctx, der, len) == 1;
	OSSL_ENCODER_CTX_free(ctx);
	if (!ok)
		diag_err(what, 0, "cannot encode the private key as %s",
		    *label);
	return ok;
}

int
key_rewrite(const struct pem_block *b, const char *pass, int traditional,
    unsigned char **der, size_t *len, const char **label)
{
	EVP_PKEY *pk;
	char where[512];
	int ok;

	if ((pk = key_private(b, pass)) == NULL)
		return 0;
	ok = key_encode(pk, traditional, diag_where(b->src, b->line, 0, where,
	    sizeof(where)), der, len, label);
	EVP_PKEY_free(pk);
	return ok;
}
