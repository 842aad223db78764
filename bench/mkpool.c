/*
 * mkpool: certificates for the chain-order benchmarks (bench/run), made
 * with libcrypto because the openssl CLI takes minutes for 100,000.
 *
 *	mkpool same N DIR	N CAs of one subject, each its own P-256 key,
 *				issued by DIR/same-N-root.pem; DIR/same-N.pem holds
 *				them, then a leaf issued by the last
 *	mkpool deep N DIR	a chain N deep under DIR/deep-N-root.pem, leaf first,
 *				in DIR/deep-N.pem (one key, for speed)
 *	mkpool samekey N DIR	as same, but the N CAs share one key
 *	mkpool canon N DIR	as same, every issuer name in capitals:
 *				equal to the issuer's subject only as
 *				OpenSSL compares them (X509_NAME_cmp)
 *	mkpool canonbare N DIR	as canon, without key identifiers
 *
 * Dates are fixed (2020-2040).  Not part of pemkit: a benchmark tool.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static EVP_PKEY *
key(void)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");

	if (k == NULL)
		exit(2);
	return k;
}

static void
ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL ||
	    !X509_add_ext(x, e, -1))
		exit(2);
	X509_EXTENSION_free(e);
}

static int shout;	/* canon: issuer names in capitals */
static int bare;	/* canonbare: no key identifiers */

/* nm's entries again, their values in capitals. */
static X509_NAME *
capitals(const X509_NAME *nm)
{
	X509_NAME *out = X509_NAME_new();
	const X509_NAME_ENTRY *e;
	unsigned char buf[256];
	int i, j, n;

	for (i = 0; i < X509_NAME_entry_count(nm); i++) {
		e = X509_NAME_get_entry(nm, i);
		n = ASN1_STRING_length(X509_NAME_ENTRY_get_data(e));
		if (n >= (int)sizeof(buf))
			exit(2);
		memcpy(buf, ASN1_STRING_get0_data(X509_NAME_ENTRY_get_data(e)),
		    (size_t)n);
		for (j = 0; j < n; j++)
			buf[j] = (unsigned char)toupper(buf[j]);
		X509_NAME_add_entry_by_OBJ(out, X509_NAME_ENTRY_get_object(e),
		    MBSTRING_ASC, buf, n, -1, 0);
	}
	return out;
}

/* A certificate for subject cn and key k, from issuer (NULL: itself). */
static X509 *
cert(const char *cn, EVP_PKEY *k, X509 *issuer, EVP_PKEY *ik, long serial,
    int ca)
{
	X509 *x = X509_new();
	X509_NAME *nm = X509_NAME_new();

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_NAME_add_entry_by_txt(nm, "O", MBSTRING_ASC,
	    (const unsigned char *)"pemkit bench", -1, -1, 0);
	X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_ASC,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, nm);
	if (shout && issuer != NULL) {
		X509_NAME *in = capitals(X509_get_subject_name(issuer));

		X509_set_issuer_name(x, in);
		X509_NAME_free(in);
	} else
		X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) :
		    nm);
	ASN1_TIME_set_string(X509_getm_notBefore(x), "20200101000000Z");
	ASN1_TIME_set_string(X509_getm_notAfter(x), "20400101000000Z");
	X509_set_pubkey(x, k);
	ext(x, issuer ? issuer : x, NID_basic_constraints,
	    ca ? "critical,CA:TRUE" : "CA:FALSE");
	if (!bare)
		ext(x, issuer ? issuer : x, NID_subject_key_identifier, "hash");
	if (issuer != NULL && !bare)
		ext(x, issuer, NID_authority_key_identifier, "keyid");
	if (!X509_sign(x, ik ? ik : k, EVP_sha256()))
		exit(2);
	X509_NAME_free(nm);
	return x;
}

int
main(int argc, char *argv[])
{
	EVP_PKEY *rk, *k, *lk;
	X509 *root, *x, *prev, *leaf = NULL;
	FILE *f;
	char path[4096], cn[64];
	long n, i;

	if (argc != 4 || (n = strtol(argv[2], NULL, 10)) < 1) {
		fprintf(stderr, "usage: mkpool "
		    "same|samekey|canon|canonbare|deep N DIR\n");
		return 2;
	}
	rk = key();
	root = cert("pemkit bench root", rk, NULL, NULL, 1, 1);
	snprintf(path, sizeof(path), "%s/%s-%ld-root.pem", argv[3], argv[1], n);
	if ((f = fopen(path, "w")) == NULL || !PEM_write_X509(f, root))
		return 2;
	fclose(f);
	snprintf(path, sizeof(path), "%s/%s-%ld.pem", argv[3], argv[1], n);
	if ((f = fopen(path, "w")) == NULL)
		return 2;
	lk = key();
	bare = strcmp(argv[1], "canonbare") == 0;
	shout = bare || strcmp(argv[1], "canon") == 0;
	if (strcmp(argv[1], "deep") != 0) {
		EVP_PKEY *one = strcmp(argv[1], "samekey") == 0 ? key() : NULL;

		for (i = 0; i < n; i++) {
			k = one;
			if (k == NULL)
				k = key();
			x = cert("pemkit bench same name", k, root, rk, i + 2, 1);
			if (i == n - 1)
				leaf = cert("leaf.bench.example", lk, x, k, 1, 0);
			PEM_write_X509(f, x);
			X509_free(x);
			if (one == NULL)
				EVP_PKEY_free(k);
		}
		EVP_PKEY_free(one);
		PEM_write_X509(f, leaf);
		X509_free(leaf);
	} else {
		k = key();
		prev = root;
		/* written leaf first: build into memory, then reverse */
		X509 **v = malloc((size_t)(n + 1) * sizeof(*v));

		for (i = 0; i < n; i++) {
			snprintf(cn, sizeof(cn), "pemkit bench deep %ld", i + 1);
			v[i] = cert(cn, k, prev, i == 0 ? rk : k, i + 2, 1);
			prev = v[i];
		}
		v[n] = cert("leaf.bench.example", lk, prev, k, 1, 0);
		for (i = n; i >= 0; i--) {
			PEM_write_X509(f, v[i]);
			X509_free(v[i]);
		}
		free(v);
		EVP_PKEY_free(k);
	}
	fclose(f);
	EVP_PKEY_free(lk);
	EVP_PKEY_free(rk);
	X509_free(root);
	return 0;
}
