/*
 * cabf_leaf.c: the CA/Browser Forum's TLS Baseline Requirements (BR) for
 * subscriber certificates and the rules every certificate's key and
 * signature must meet, the BR's CRL profile (section 7.2), and the
 * Apple and Chrome root programs' and the community's rules of the
 * same kind (engine.h), each under zlint's name for the same rule.
 *
 * Skipped, with the reason:
 * - w_ian_iana_pub_suffix_empty: needs the public suffix list, which
 *   pemkit does not ship.
 * Dates: "since" is zlint's effective date (../shared/lint/zlint-lints.
 * tsv); a rule the text limits to certificates issued before a date
 * checks that date itself.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ct.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/engine.h"

/* Seconds since the epoch of some dates the rules name. */
#define T_2014		((time_t)1388448000)	/* 2013-12-31 00:00Z */
#define T_2017		((time_t)1483228800)	/* 2017-01-01 */
#define T_SC63		((time_t)1710460800)	/* 2024-03-15 */
#define T_SC081_1	((time_t)1773532800)	/* 2026-03-15 */
#define T_SC081_2	((time_t)1805068800)	/* 2027-03-15 */
#define T_SC081_3	((time_t)1868227200)	/* 2029-03-15 */
#define DAY		86400LL

/*
 * The validity period in seconds, as BR section 1.6.1 defines it: "the
 * period of time from notBefore through notAfter, inclusive" (one
 * second more than the difference).  0 when the times cannot be read.
 */
static int
validity_secs(const struct lint_ctx *c, long long *secs)
{
	int day, sec;

	if (!ASN1_TIME_diff(&day, &sec, X509_get0_notBefore(c->x),
	    X509_get0_notAfter(c->x)))
		return 0;
	*secs = (long long)day * DAY + sec + 1;
	return 1;
}

/* notAfter as seconds since the epoch, or 0 when it cannot be read. */
static int
not_after(const struct lint_ctx *c, time_t *t)
{
	int day, sec;
	ASN1_TIME *epoch;

	if ((epoch = ASN1_TIME_set(NULL, 0)) == NULL)
		return 0;
	if (!ASN1_TIME_diff(&day, &sec, epoch, X509_get0_notAfter(c->x))) {
		ASN1_TIME_free(epoch);
		return 0;
	}
	ASN1_TIME_free(epoch);
	*t = (time_t)((long long)day * DAY + sec);
	return 1;
}

static void
longer_than(struct lint_ctx *c, long long days, time_t until)
{
	long long s;

	if (until != 0 && c->start >= until)
		return;
	if (validity_secs(c, &s) && s > days * DAY)
		lint_find(c, "the validity period is %lld seconds, more than "
		    "%lld days", s, days);
}

/* BR 6.3.2 (ballot SC-081): subscriber certificates issued from
 * 2026-03-15 and before 2027-03-15 SHOULD NOT have a validity period
 * over 199 days and MUST NOT over 200; from 2027-03-15 and before
 * 2029-03-15 99 and 100; from 2029-03-15 46 and 47. */
static void
vp200(struct lint_ctx *c)
{
	longer_than(c, 200, T_SC081_2);
}

static void
vp199(struct lint_ctx *c)
{
	longer_than(c, 199, T_SC081_2);
}

static void
vp100(struct lint_ctx *c)
{
	longer_than(c, 100, T_SC081_3);
}

static void
vp99(struct lint_ctx *c)
{
	longer_than(c, 99, T_SC081_3);
}

static void
vp47(struct lint_ctx *c)
{
	longer_than(c, 47, 0);
}

static void
vp46(struct lint_ctx *c)
{
	longer_than(c, 46, 0);
}

/* Apple's policy (HT211025): TLS server certificates issued from
 * 2020-09-01 MUST NOT have a validity period over 398 days, SHOULD NOT
 * over 397. */
static void
vp398(struct lint_ctx *c)
{
	longer_than(c, 398, 0);
}

static void
vp397(struct lint_ctx *c)
{
	longer_than(c, 397, 0);
}

/* BR 6.3.2 (ballot 193): subscriber certificates issued after
 * 2018-03-01 MUST NOT have a validity period over 825 days. */
static void
vp825(struct lint_ctx *c)
{
	int day, sec;

	/* the BR of 2018 had no inclusive "Validity Period" yet (1.6.1
	 * has it since v1.7.1): notAfter minus notBefore */
	if (ASN1_TIME_diff(&day, &sec, X509_get0_notBefore(c->x),
	    X509_get0_notAfter(c->x)) && (long long)day * DAY + sec > 825 *
	    DAY)
		lint_find(c, "the validity period is more than 825 days");
}

/* BR 6.3.2 (v1.3.x): subscriber certificates issued after 2015-04-01
 * MUST NOT have a validity period over 39 months: notAfter later than
 * notBefore plus 39 months (zlint's AddDate(0, 39, 0)). */
static void
vp39m(struct lint_ctx *c)
{
	struct tm b, a;
	int bm, am;

	if (!ASN1_TIME_to_tm(X509_get0_notBefore(c->x), &b) ||
	    !ASN1_TIME_to_tm(X509_get0_notAfter(c->x), &a))
		return;
	bm = b.tm_year * 12 + b.tm_mon + 39;
	am = a.tm_year * 12 + a.tm_mon;
	if (am > bm || (am == bm && (a.tm_mday > b.tm_mday ||
	    (a.tm_mday == b.tm_mday && a.tm_hour * 3600 + a.tm_min * 60 +
	    a.tm_sec > b.tm_hour * 3600 + b.tm_min * 60 + b.tm_sec))))
		lint_find(c, "the validity period is longer than 39 months");
}

/*
 * BR 7.1.2.7 (ballot SC-62): notBefore is "a value within 48 hours of
 * the certificate signing operation".  The signing is no earlier than
 * the timestamp of an embedded SCT (RFC 6962 section 3.2), so an SCT
 * more than 48 hours after notBefore shows the certificate backdated.
 * Certificates without SCTs cannot be judged.
 */
static void
backdated(struct lint_ctx *c)
{
	STACK_OF(SCT) *scts;
	uint64_t ms;
	long long d;
	int i;

	if ((scts = X509_get_ext_d2i(c->x, NID_ct_precert_scts, NULL,
	    NULL)) == NULL)
		return;
	for (i = 0; i < sk_SCT_num(scts); i++) {
		ms = SCT_get_timestamp(sk_SCT_value(scts, i));
		d = (long long)(ms / 1000) - (long long)c->start;
		if (d > 48 * 3600) {
			lint_find(c, "an SCT is %lld hours after notBefore, "
			    "more than 48", d / 3600);
			break;
		}
	}
	SCT_LIST_free(scts);
}

/* ---- keys: BR 6.1.5 and 6.1.6 ---- */

/*
 * The RSA public key's modulus and exponent, read from the
 * SubjectPublicKeyInfo's RSAPublicKey (RFC 3279 section 2.3.1) as
 * signed INTEGERs, so that a negative one shows.  Returns 1 with *n
 * and *e (free them), 0 when the key is not rsaEncryption, -1 when it
 * is but cannot be read.
 */
static int
rsa_key(const struct lint_ctx *c, BIGNUM **n, BIGNUM **e)
{
	X509_PUBKEY *pub = X509_get_X509_PUBKEY(c->x);
	ASN1_OBJECT *alg;
	const unsigned char *p;
	int len, r = -1;
	ASN1_SEQUENCE_ANY *seq = NULL;
	ASN1_TYPE *tn, *te;

	*n = *e = NULL;
	if (pub == NULL || !X509_PUBKEY_get0_param(&alg, &p, &len, NULL, pub))
		return 0;
	if (OBJ_obj2nid(alg) != NID_rsaEncryption)
		return 0;
	if ((seq = d2i_ASN1_SEQUENCE_ANY(NULL, &p, len)) == NULL ||
	    sk_ASN1_TYPE_num(seq) != 2)
		goto out;
	tn = sk_ASN1_TYPE_value(seq, 0);
	te = sk_ASN1_TYPE_value(seq, 1);
	if ((tn->type != V_ASN1_INTEGER && tn->type != V_ASN1_NEG_INTEGER) ||
	    (te->type != V_ASN1_INTEGER && te->type != V_ASN1_NEG_INTEGER))
		goto out;
	if ((*n = ASN1_INTEGER_to_BN(tn->value.integer, NULL)) == NULL ||
	    (*e = ASN1_INTEGER_to_BN(te->value.integer, NULL)) == NULL)
		goto out;
	r = 1;
out:
	if (r != 1) {
		BN_free(*n);
		BN_free(*e);
		*n = *e = NULL;
	}
	sk_ASN1_TYPE_pop_free(seq, ASN1_TYPE_free);
	return r;
}

/* RFC 3279 section 2.3.1: an rsaEncryption key is an RSAPublicKey of
 * two INTEGERs (awslabs certlint). */
static void
rsa_no_key(struct lint_ctx *c)
{
	BIGNUM *n, *e;

	if (rsa_key(c, &n, &e) < 0)
		lint_find(c, "the RSA public key cannot be read");
	BN_free(n);
	BN_free(e);
}

enum rsa_check {
	RSA_EXP_NEG, RSA_EXP_EVEN, RSA_EXP_SMALL, RSA_EXP_RANGE,
	RSA_MOD_EVEN, RSA_MOD_SMALL_FACTOR, RSA_MOD_2048, RSA_MOD_1024,
	RSA_FERMAT
};

/* Is r a square modulo m (m at most 65)? */
static int
qr(BN_ULONG r, unsigned m)
{
	unsigned i;

	for (i = 0; i < m; i++)
		if ((i * i) % m == r)
			return 1;
	return 0;
}

/* Is b (not negative) a perfect square?  bc: scratch. */
static int
is_square(const BIGNUM *b, BN_CTX *bc)
{
	BIGNUM *x, *y, *q;
	int ok = 0;

	BN_CTX_start(bc);
	x = BN_CTX_get(bc);
	y = BN_CTX_get(bc);
	q = BN_CTX_get(bc);
	if (q == NULL)
		goto out;
	if (BN_is_zero(b)) {
		ok = 1;
		goto out;
	}
	/* most numbers are no square modulo 64, 63 or 65: cheap tests
	 * before the root */
	if (!qr(BN_mod_word(b, 64), 64) || !qr(BN_mod_word(b, 63), 63) ||
	    !qr(BN_mod_word(b, 65), 65))
		goto out;
	/* Newton's integer square root from above */
	if (!BN_lshift(x, BN_value_one(), (BN_num_bits(b) + 1) / 2 + 1))
		goto out;
	for (;;) {
		if (!BN_div(q, NULL, b, x, bc) || !BN_add(y, x, q) ||
		    !BN_rshift1(y, y))
			goto out;
		if (BN_cmp(y, x) >= 0)
			break;
		if (!BN_copy(x, y))
			goto out;
	}
	if (!BN_sqr(y, x, bc))
		goto out;
	ok = BN_cmp(y, b) == 0;
out:
	BN_CTX_end(bc);
	return ok;
}

/*
 * Fermat's factorization for rounds steps: a modulus whose primes are
 * close together (|p - q| small) factors in a few.  zlint's default is
 * 100 rounds.  Returns 1 when n factors.
 */
static int
fermat(const BIGNUM *n, int rounds)
{
	BN_CTX *bc;
	BIGNUM *a, *b2, *t;
	int i, hit = 0;

	if ((bc = BN_CTX_new()) == NULL)
		return 0;
	BN_CTX_start(bc);
	a = BN_CTX_get(bc);
	b2 = BN_CTX_get(bc);
	t = BN_CTX_get(bc);
	if (t == NULL)
		goto out;
	/* a = ceil(sqrt(n)), by Newton from above */
	if (!BN_lshift(a, BN_value_one(), (BN_num_bits(n) + 1) / 2 + 1))
		goto out;
	for (;;) {
		if (!BN_div(t, NULL, n, a, bc) || !BN_add(b2, a, t) ||
		    !BN_rshift1(b2, b2))
			goto out;
		if (BN_cmp(b2, a) >= 0)
			break;
		if (!BN_copy(a, b2))
			goto out;
	}
	if (!BN_sqr(t, a, bc))
		goto out;
	if (BN_cmp(t, n) < 0 && !BN_add_word(a, 1))
		goto out;
	/* b2 = a^2 - n, then (a + 1)^2 - n = b2 + 2a + 1 each round */
	if (!BN_sqr(t, a, bc) || !BN_sub(b2, t, n))
		goto out;
	for (i = 0; i < rounds; i++) {
		if (is_square(b2, bc)) {
			hit = 1;
			break;
		}
		if (!BN_lshift1(t, a) || !BN_add(b2, b2, t) ||
		    !BN_add_word(b2, 1) || !BN_add_word(a, 1))
			goto out;
	}
out:
	BN_CTX_end(bc);
	BN_CTX_free(bc);
	return hit;
}

static void
rsa_rule(struct lint_ctx *c, enum rsa_check what)
{
	static const unsigned short primes[] = {
		2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53,
		59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113,
		127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181,
		191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251,
		257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317,
		331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397,
		401, 409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463,
		467, 479, 487, 491, 499, 503, 509, 521, 523, 541, 547, 557,
		563, 569, 571, 577, 587, 593, 599, 601, 607, 613, 617, 619,
		631, 641, 643, 647, 653, 659, 661, 673, 677, 683, 691, 701,
		709, 719, 727, 733, 739, 743, 751
	};
	BIGNUM *n, *e;
	time_t na;
	size_t i;
	int bits;

	if (rsa_key(c, &n, &e) != 1)
		return;
	bits = BN_num_bits(n);
	switch (what) {
	case RSA_EXP_NEG:
		if (BN_is_negative(e))
			lint_find(c, "the RSA public exponent is negative");
		break;
	case RSA_EXP_EVEN:
		if (!BN_is_odd(e))
			lint_find(c, "the RSA public exponent is even");
		break;
	case RSA_EXP_SMALL:
		if (BN_is_negative(e) || BN_num_bits(e) < 2)
			lint_find(c, "the RSA public exponent is less than 3");
		break;
	case RSA_EXP_RANGE:
		/* 2^16 + 1 <= e <= 2^256 - 1 */
		if (BN_is_negative(e) || BN_num_bits(e) > 256 ||
		    BN_num_bits(e) < 17 || (BN_num_bits(e) == 17 &&
		    BN_is_word(e, 65536)))
			lint_find(c, "the RSA public exponent is not between "
			    "2^16+1 and 2^256-1");
		break;
	case RSA_MOD_EVEN:
		if (!BN_is_odd(n))
			lint_find(c, "the RSA modulus is even");
		break;
	case RSA_MOD_SMALL_FACTOR:
		if (BN_is_negative(n) || BN_is_zero(n))
			break;
		for (i = 0; i < sizeof(primes) / sizeof(primes[0]); i++)
			if (BN_mod_word(n, primes[i]) == 0) {
				lint_find(c, "the RSA modulus has the factor "
				    "%u, smaller than 752", primes[i]);
				break;
			}
		break;
	case RSA_MOD_2048:
		/* BR 6.1.5: 2048 bits for certificates valid beyond
		 * 2013-12-31 */
		if (bits < 2048 && not_after(c, &na) && na > T_2014)
			lint_find(c, "the RSA modulus is %d bits, less than "
			    "2048", bits);
		break;
	case RSA_MOD_1024:
		if (bits < 1024 && not_after(c, &na) && na <= T_2014)
			lint_find(c, "the RSA modulus is %d bits, less than "
			    "1024", bits);
		break;
	case RSA_FERMAT:
		if (!BN_is_negative(n) && BN_is_odd(n) && bits > 64 &&
		    fermat(n, 100))
			lint_find(c, "the RSA modulus factors by Fermat's "
			    "method in 100 rounds: its primes are too close");
		break;
	}
	BN_free(n);
	BN_free(e);
}

static void
rsa_exp_negative(struct lint_ctx *c)
{
	rsa_rule(c, RSA_EXP_NEG);
}

/* BR 6.1.6: "The value of the public exponent MUST be an odd number
 * equal to 3 or more", and SHOULD be in [2^16+1, 2^256-1]; the modulus
 * SHOULD be odd, not a power of a prime, and have no factors smaller
 * than 752. */
static void
rsa_exp_even(struct lint_ctx *c)
{
	rsa_rule(c, RSA_EXP_EVEN);
}

static void
rsa_exp_small(struct lint_ctx *c)
{
	rsa_rule(c, RSA_EXP_SMALL);
}

static void
rsa_exp_range(struct lint_ctx *c)
{
	rsa_rule(c, RSA_EXP_RANGE);
}

static void
rsa_mod_even(struct lint_ctx *c)
{
	rsa_rule(c, RSA_MOD_EVEN);
}

static void
rsa_mod_small_factor(struct lint_ctx *c)
{
	rsa_rule(c, RSA_MOD_SMALL_FACTOR);
}

/* BR 6.1.5: RSA keys of at least 2048 bits (1024 for subscriber
 * certificates that expire by 2013-12-31). */
static void
rsa_mod_2048(struct lint_ctx *c)
{
	rsa_rule(c, RSA_MOD_2048);
}

static void
rsa_mod_1024(struct lint_ctx *c)
{
	rsa_rule(c, RSA_MOD_1024);
}

static void
rsa_fermat(struct lint_ctx *c)
{
	rsa_rule(c, RSA_FERMAT);
}

/* The DSA key's p, q, g and y; 1 when all four are there (free them),
 * 0 for a key that is not DSA, -1 when p, q or g are missing. */
static int
dsa_key(const struct lint_ctx *c, BIGNUM **p, BIGNUM **q, BIGNUM **g,
    BIGNUM **y)
{
	EVP_PKEY *k = X509_get0_pubkey(c->x);

	*p = *q = *g = *y = NULL;
	if (c->pkey != EVP_PKEY_DSA || k == NULL)
		return 0;
	if (!EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_FFC_P, p) ||
	    !EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_FFC_Q, q) ||
	    !EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_FFC_G, g) ||
	    !EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PUB_KEY, y)) {
		BN_free(*p);
		BN_free(*q);
		BN_free(*g);
		BN_free(*y);
		*p = *q = *g = *y = NULL;
		return -1;
	}
	return 1;
}

enum dsa_check { DSA_SHORT, DSA_SIZES, DSA_PARAMS, DSA_RANGE, DSA_ORDER };

/* BR 6.1.5 (to v1.7.0): DSA with L = 2048, N = 224 or 256, or L =
 * 3072, N = 256; 6.1.6: parameters present and y checked as NIST SP
 * 800-89 section 5.3.1 says (2 <= y <= p - 2, y^q mod p = 1). */
static void
dsa_rule(struct lint_ctx *c, enum dsa_check what)
{
	X509_PUBKEY *pub = X509_get_X509_PUBKEY(c->x);
	ASN1_OBJECT *alg;
	const X509_ALGOR *a;
	const void *pv;
	BIGNUM *p, *q, *g, *y, *t = NULL;
	BN_CTX *bc = NULL;
	int r, pt, l, n;

	if (what == DSA_PARAMS) {
		if (pub == NULL || !X509_PUBKEY_get0_param(&alg, NULL, NULL,
		    (X509_ALGOR **)&a, pub) || OBJ_obj2nid(alg) != NID_dsa)
			return;
		X509_ALGOR_get0(NULL, &pt, &pv, a);
		if (pt != V_ASN1_SEQUENCE)
			lint_find(c, "the DSA key has no parameters");
		return;
	}
	if ((r = dsa_key(c, &p, &q, &g, &y)) != 1)
		return;
	l = BN_num_bits(p);
	n = BN_num_bits(q);
	switch (what) {
	case DSA_SHORT:
		if (l < 2048)
			lint_find(c, "the DSA modulus is %d bits, less than "
			    "2048", l);
		break;
	case DSA_SIZES:
		if (!((l == 2048 && (n == 224 || n == 256)) ||
		    (l == 3072 && n == 256)))
			lint_find(c, "the DSA key's L and N are %d and %d, "
			    "not 2048 and 224 or 256, or 3072 and 256", l, n);
		break;
	case DSA_RANGE:
		if ((t = BN_dup(p)) == NULL || !BN_sub_word(t, 2))
			break;
		if (BN_cmp(y, BN_value_one()) <= 0 || BN_cmp(y, t) > 0)
			lint_find(c, "the DSA public key y is not between 2 "
			    "and p-2");
		break;
	case DSA_ORDER:
		if ((bc = BN_CTX_new()) == NULL || (t = BN_new()) == NULL ||
		    BN_is_zero(p) || !BN_mod_exp(t, y, q, p, bc))
			break;
		if (!BN_is_one(t))
			lint_find(c, "the DSA public key y is not in the "
			    "subgroup of order q (y^q mod p is not 1)");
		break;
	case DSA_PARAMS:
		break;
	}
	BN_CTX_free(bc);
	BN_free(t);
	BN_free(p);
	BN_free(q);
	BN_free(g);
	BN_free(y);
}

static void
dsa_short(struct lint_ctx *c)
{
	dsa_rule(c, DSA_SHORT);
}

static void
dsa_sizes(struct lint_ctx *c)
{
	dsa_rule(c, DSA_SIZES);
}

static void
dsa_params(struct lint_ctx *c)
{
	dsa_rule(c, DSA_PARAMS);
}

static void
dsa_range(struct lint_ctx *c)
{
	dsa_rule(c, DSA_RANGE);
}

static void
dsa_order(struct lint_ctx *c)
{
	dsa_rule(c, DSA_ORDER);
}

/* BR 6.1.5 (since v1.7.1, 2020-08-20) and Mozilla's policy section 5.1
 * (since 2017-03-31): no DSA keys. */
static void
dsa_prohibited(struct lint_ctx *c)
{
	X509_PUBKEY *pub = X509_get_X509_PUBKEY(c->x);
	ASN1_OBJECT *alg;

	/* the algorithm, even where the key cannot be decoded */
	if (pub != NULL && X509_PUBKEY_get0_param(&alg, NULL, NULL, NULL,
	    pub) && OBJ_obj2nid(alg) == NID_dsa)
		lint_find(c, "the key is a DSA key");
}

/* BR 6.1.5: EC keys on P-256, P-384 or P-521 only. */
static void
ec_curve(struct lint_ctx *c)
{
	char name[64];
	size_t len;

	if (c->pkey != EVP_PKEY_EC)
		return;
	if (!EVP_PKEY_get_group_name(X509_get0_pubkey(c->x), name,
	    sizeof(name), &len))
		lint_find(c, "the EC key's curve is not a named curve");
	else if (strcmp(name, "prime256v1") != 0 &&
	    strcmp(name, "secp384r1") != 0 && strcmp(name, "secp521r1") != 0)
		lint_find(c, "the EC key's curve %s is not P-256, P-384 or "
		    "P-521", name);
}

/* BR 6.1.5: RSA, DSA (until v1.7.1) or ECDSA keys only. */
static void
key_type(struct lint_ctx *c)
{
	X509_PUBKEY *pub = X509_get_X509_PUBKEY(c->x);
	ASN1_OBJECT *alg;
	int nid;

	if (pub == NULL || !X509_PUBKEY_get0_param(&alg, NULL, NULL, NULL,
	    pub))
		return;
	nid = OBJ_obj2nid(alg);
	if (nid != NID_rsaEncryption && nid != NID_dsa &&
	    nid != NID_X9_62_id_ecPublicKey)
		lint_find(c, "the key type %s is not RSA, DSA or ECDSA",
		    nid != NID_undef ? OBJ_nid2sn(nid) : "(unknown)");
}

/* Is the DER of a (len bytes) one of the hex strings of list? */
static int
der_in(const unsigned char *a, int len, const char *const *list)
{
	unsigned char buf[64];
	size_t i, k, n;
	unsigned v;

	for (i = 0; list[i] != NULL; i++) {
		n = strlen(list[i]) / 2;
		if ((int)n != len || n > sizeof(buf))
			continue;
		for (k = 0; k < n; k++) {
			sscanf(list[i] + 2 * k, "%2x", &v);
			buf[k] = (unsigned char)v;
		}
		if (memcmp(buf, a, n) == 0)
			return 1;
	}
	return 0;
}

/* BR 7.1.3.1: the SubjectPublicKeyInfo's AlgorithmIdentifier is
 * byte for byte one of those of 7.1.3.1.1 (RSA) and 7.1.3.1.2
 * (P-256, P-384, P-521). */
static void
spki_alg_encoding(struct lint_ctx *c)
{
	static const char *const ok[] = {
		"300d06092a864886f70d0101010500",
		"301306072a8648ce3d020106082a8648ce3d030107",
		"301006072a8648ce3d020106052b81040022",
		"301006072a8648ce3d020106052b81040023",
		NULL
	};
	X509_PUBKEY *pub = X509_get_X509_PUBKEY(c->x);
	X509_ALGOR *a;
	unsigned char *der = NULL;
	int len;

	if (pub == NULL || !X509_PUBKEY_get0_param(NULL, NULL, NULL, &a, pub))
		return;
	if ((len = i2d_X509_ALGOR(a, &der)) <= 0)
		return;
	if (!der_in(der, len, ok))
		lint_find(c, "the public key's AlgorithmIdentifier is not "
		    "one of the encodings of BR 7.1.3.1");
	OPENSSL_free(der);
}

/* ---- signatures ---- */

/* BR 6.1.5 and 7.1.3.2 (zlint's list): RSASSA-PKCS1-v1_5, DSA and
 * ECDSA with SHA-1 (its use is another rule's), SHA-256, SHA-384 or
 * SHA-512.  RSASSA-PSS with SHA-256/384/512 is in 7.1.3.2.1's list
 * too: zlint warns on it, the text allows it, and so does this rule. */
static void
sig_alg(struct lint_ctx *c)
{
	static const int ok[] = {
		NID_sha1WithRSAEncryption, NID_sha256WithRSAEncryption,
		NID_sha384WithRSAEncryption, NID_sha512WithRSAEncryption,
		NID_dsaWithSHA1, NID_dsa_with_SHA256, NID_ecdsa_with_SHA1,
		NID_ecdsa_with_SHA256, NID_ecdsa_with_SHA384,
		NID_ecdsa_with_SHA512
	};
	int nid = X509_get_signature_nid(c->x), md, pk;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (nid == ok[i])
			return;
	if (nid == NID_rsassaPss && X509_get_signature_info(c->x, &md, &pk,
	    NULL, NULL) && (md == NID_sha256 || md == NID_sha384 ||
	    md == NID_sha512))
		return;
	lint_find(c, "the signature algorithm %s is not one the BR allow",
	    nid != NID_undef ? OBJ_nid2ln(nid) : "(unknown)");
}

/* Code Signing BR 7.1.3.2: code signing certificates are signed with
 * RSASSA-PKCS1-v1_5 or RSASSA-PSS or ECDSA with SHA-256, SHA-384 or
 * SHA-512 (no SHA-1, no DSA). */
static void
cs_sig_alg(struct lint_ctx *c)
{
	int md, pk, nid;

	if (!(c->xku & XKU_CODE_SIGN))
		return;
	nid = X509_get_signature_nid(c->x);
	if (!X509_get_signature_info(c->x, &md, &pk, NULL, NULL) ||
	    (pk != NID_rsaEncryption && pk != NID_rsassaPss &&
	    pk != NID_X9_62_id_ecPublicKey) ||
	    (md != NID_sha256 && md != NID_sha384 && md != NID_sha512))
		lint_find(c, "the code signing certificate is signed with %s, "
		    "not RSA or ECDSA with SHA-256, SHA-384 or SHA-512",
		    nid != NID_undef ? OBJ_nid2ln(nid) : "(unknown)");
}

/* BR 7.1.3 (v1.2.1): SHA-1 subscriber certificates SHOULD NOT be
 * valid beyond 2017-01-01. */
static void
sha1_too_long(struct lint_ctx *c)
{
	int md, pk;
	time_t na;

	if (X509_get_signature_info(c->x, &md, &pk, NULL, NULL) &&
	    md == NID_sha1 && not_after(c, &na) && na >= T_2017)
		lint_find(c, "the certificate is signed with SHA-1 and valid "
		    "on or after 2017-01-01");
}

/* ---- extended key usage ---- */

/* BR 7.1.2.3 (f): extKeyUsage is present in a subscriber certificate */
static void
eku_missing(struct lint_ctx *c)
{
	if (!c->has_eku)
		lint_find(c, "the subscriber certificate has no "
		    "extKeyUsage");
}

/* BR 7.1.2.3 (f): "Either the value id-kp-serverAuth or
 * id-kp-clientAuth or both values MUST be present" */
static void
eku_server_client(struct lint_ctx *c)
{
	if (c->has_eku && !(c->xku & (XKU_SSL_SERVER | XKU_SSL_CLIENT)))
		lint_find(c, "the extKeyUsage has neither serverAuth nor "
		    "clientAuth");
}

/* The OIDs of c's extKeyUsage, or NULL (free with
 * EXTENDED_KEY_USAGE_free). */
static EXTENDED_KEY_USAGE *
eku_list(const struct lint_ctx *c)
{
	return X509_get_ext_d2i(c->x, NID_ext_key_usage, NULL, NULL);
}

/* BR 7.1.2.3 (f): "id-kp-emailProtection MAY be present.  Other values
 * SHOULD NOT be present." */
static void
eku_extra(struct lint_ctx *c)
{
	EXTENDED_KEY_USAGE *eku;
	int i, nid;

	if ((eku = eku_list(c)) == NULL)
		return;
	for (i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
		nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i));
		if (nid != NID_server_auth && nid != NID_client_auth &&
		    nid != NID_email_protect) {
			lint_find(c, "the extKeyUsage has %s, besides "
			    "serverAuth, clientAuth and emailProtection",
			    nid != NID_undef ? OBJ_nid2sn(nid) : "an "
			    "unknown purpose");
			break;
		}
	}
	EXTENDED_KEY_USAGE_free(eku);
}

/*
 * BR 7.1.2.7.10: id-kp-serverAuth MUST be present; id-kp-clientAuth
 * MAY; id-kp-emailProtection, id-kp-codeSigning, id-kp-timeStamping,
 * id-kp-OCSPSigning, anyExtendedKeyUsage and the precertificate
 * signing certificate's purpose (1.3.6.1.4.1.11129.2.4.4) MUST NOT.
 * Any other value is NOT RECOMMENDED: that is not reported here (zlint
 * warns under this error's id; w_sub_cert_eku_extra_values covers it).
 */
static void
eku_check(struct lint_ctx *c)
{
	EXTENDED_KEY_USAGE *eku;
	ASN1_OBJECT *precert;
	int i, nid;

	if (!c->has_eku)
		return;
	if (!(c->xku & XKU_SSL_SERVER))
		lint_find(c, "the extKeyUsage has no serverAuth");
	if ((eku = eku_list(c)) == NULL)
		return;
	precert = OBJ_txt2obj("1.3.6.1.4.1.11129.2.4.4", 1);
	for (i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
		nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i));
		if (nid == NID_email_protect || nid == NID_code_sign ||
		    nid == NID_time_stamp || nid == NID_OCSP_sign ||
		    nid == NID_anyExtendedKeyUsage)
			lint_find(c, "the extKeyUsage has %s", OBJ_nid2sn(nid));
		else if (precert != NULL && OBJ_cmp(precert,
		    sk_ASN1_OBJECT_value(eku, i)) == 0)
			lint_find(c, "the extKeyUsage has the precertificate "
			    "signing purpose");
	}
	ASN1_OBJECT_free(precert);
	EXTENDED_KEY_USAGE_free(eku);
}

/* BR 7.1.2.7.6: extKeyUsage in a subscriber certificate is not
 * critical. */
static void
eku_critical(struct lint_ctx *c)
{
	if (lint_crit(c, NID_ext_key_usage) == 1)
		lint_find(c, "the extKeyUsage extension is critical");
}

/* Chrome Root Program Policy 1.8, section 1.3.2: TLS server
 * certificates issued from its date have serverAuth alone: no
 * clientAuth. */
static void
client_auth(struct lint_ctx *c)
{
	if ((c->xku & XKU_SSL_SERVER) && (c->xku & XKU_SSL_CLIENT))
		lint_find(c, "the TLS server certificate's extKeyUsage has "
		    "clientAuth");
}

/* ---- basic constraints, key usage, policies ---- */

/* BR 7.1.2.7.6: basicConstraints in a subscriber certificate, when
 * present, is critical. */
static void
sub_bc_not_critical(struct lint_ctx *c)
{
	if (lint_crit(c, NID_basic_constraints) == 0)
		lint_find(c, "the basicConstraints extension is not "
		    "critical");
}

/* BR 7.1.2.3 (e): keyCertSign and cRLSign MUST NOT be set in a
 * subscriber certificate. */
static void
ku_cert_sign(struct lint_ctx *c)
{
	if (c->ku & KU_KEY_CERT_SIGN)
		lint_find(c, "the subscriber certificate's keyUsage has "
		    "keyCertSign");
}

static void
ku_crl_sign(struct lint_ctx *c)
{
	if (c->ku & KU_CRL_SIGN)
		lint_find(c, "the subscriber certificate's keyUsage has "
		    "cRLSign");
}

/* BR 7.1.2.3 (a): certificatePolicies MUST be present, SHOULD NOT be
 * critical. */
static void
cp_missing(struct lint_ctx *c)
{
	if (lint_ext(c, NID_certificate_policies) == NULL)
		lint_find(c, "the subscriber certificate has no "
		    "certificatePolicies");
}

static void
cp_critical(struct lint_ctx *c)
{
	if (lint_crit(c, NID_certificate_policies) == 1)
		lint_find(c, "the certificatePolicies extension is critical");
}

/* BR 7.1.1: certificates are version 3. */
static void
version3(struct lint_ctx *c)
{
	if (c->version != X509_VERSION_3)
		lint_find(c, "the certificate is version %ld, not 3",
		    c->version + 1);
}

/* Does s (len bytes) start with the scheme pre (lower case)? */
static int
has_scheme(const unsigned char *s, int len, const char *pre)
{
	int i, n = (int)strlen(pre);

	if (len < n)
		return 0;
	for (i = 0; i < n; i++)
		if (tolower(s[i]) != pre[i])
			return 0;
	return 1;
}

static int
is_http(const ASN1_STRING *s)
{
	return has_scheme(ASN1_STRING_get0_data(s), ASN1_STRING_length(s),
	    "http://");
}

/* BR 7.1.2.7.9 and 7.1.2.10.5: a CPS qualifier "MUST be the HTTP or HTTPS
 * URL for the Repository". */
static void
cps_uri(struct lint_ctx *c)
{
	CERTIFICATEPOLICIES *cp;
	POLICYINFO *pi;
	POLICYQUALINFO *q;
	const unsigned char *d;
	int i, j, n;

	if ((cp = X509_get_ext_d2i(c->x, NID_certificate_policies, NULL,
	    NULL)) == NULL)
		return;
	for (i = 0; i < sk_POLICYINFO_num(cp); i++) {
		pi = sk_POLICYINFO_value(cp, i);
		for (j = 0; j < sk_POLICYQUALINFO_num(pi->qualifiers); j++) {
			q = sk_POLICYQUALINFO_value(pi->qualifiers, j);
			if (OBJ_obj2nid(q->pqualid) != NID_id_qt_cps)
				continue;
			d = ASN1_STRING_get0_data(q->d.cpsuri);
			n = ASN1_STRING_length(q->d.cpsuri);
			if (!has_scheme(d, n, "http://") &&
			    !has_scheme(d, n, "https://"))
				lint_find(c, "the CPS URI \"%.*s\" is not an "
				    "HTTP or HTTPS URL", n > 100 ? 100 : n,
				    (const char *)d);
		}
	}
	CERTIFICATEPOLICIES_free(cp);
}

/* ---- authority information access ---- */

static AUTHORITY_INFO_ACCESS *
aia(const struct lint_ctx *c)
{
	return X509_get_ext_d2i(c->x, NID_info_access, NULL, NULL);
}

/* BR 7.1.2.3 (c): subscriber certificates have authorityInformation
 * Access, not critical, with the OCSP responder's HTTP URL. */
static void
aia_missing(struct lint_ctx *c)
{
	if (lint_ext(c, NID_info_access) == NULL)
		lint_find(c, "the subscriber certificate has no "
		    "authorityInfoAccess");
}

static void
aia_critical(struct lint_ctx *c)
{
	if (lint_crit(c, NID_info_access) == 1)
		lint_find(c, "the authorityInfoAccess extension is critical");
}

/* Until ballot SC-63 (2024-03-15) made OCSP optional. */
static void
aia_no_ocsp(struct lint_ctx *c)
{
	AUTHORITY_INFO_ACCESS *a;
	ACCESS_DESCRIPTION *ad;
	int i, found = 0;

	if (c->start >= T_SC63 || (a = aia(c)) == NULL)
		return;
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(a); i++) {
		ad = sk_ACCESS_DESCRIPTION_value(a, i);
		if (OBJ_obj2nid(ad->method) == NID_ad_OCSP &&
		    ad->location->type == GEN_URI &&
		    is_http(ad->location->d.uniformResourceIdentifier))
			found = 1;
	}
	if (!found)
		lint_find(c, "the authorityInfoAccess has no OCSP HTTP URL");
	AUTHORITY_INFO_ACCESS_free(a);
}

/*
 * BR 7.1.2.7.7: only id-ad-ocsp and id-ad-caIssuers accessMethods; an
 * OCSP accessLocation is an http:// uniformResourceIdentifier; with
 * several AccessDescriptions of one accessMethod, each accessLocation
 * is unique.
 */
enum aia_check { AIA_METHOD, AIA_OCSP_HTTP, AIA_UNIQUE };

/*
 * Do a and b name one location?  URIs compare as RFC 3986 section
 * 6.2.2.1 says: scheme and host without regard to case, the rest
 * exactly (zlint folds the case of the whole URL: the text, "each
 * accessLocation MUST be unique", does not make /a and /A one).
 */
static int
same_location(const GENERAL_NAME *a, const GENERAL_NAME *b)
{
	const unsigned char *p, *q;
	int n, i, slashes = 0;

	if (a->type != GEN_URI || b->type != GEN_URI)
		return GENERAL_NAME_cmp((GENERAL_NAME *)a,
		    (GENERAL_NAME *)b) == 0;
	p = ASN1_STRING_get0_data(a->d.uniformResourceIdentifier);
	q = ASN1_STRING_get0_data(b->d.uniformResourceIdentifier);
	if ((n = ASN1_STRING_length(a->d.uniformResourceIdentifier)) !=
	    ASN1_STRING_length(b->d.uniformResourceIdentifier))
		return 0;
	for (i = 0; i < n; i++) {
		if (slashes < 3 ? tolower(p[i]) != tolower(q[i]) : p[i] != q[i])
			return 0;
		if (p[i] == '/')
			slashes++;
	}
	return 1;
}

static void
aia_rule(struct lint_ctx *c, enum aia_check what)
{
	AUTHORITY_INFO_ACCESS *a;
	ACCESS_DESCRIPTION *ad, *o;
	int i, j, m;

	if ((a = aia(c)) == NULL)
		return;
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(a); i++) {
		ad = sk_ACCESS_DESCRIPTION_value(a, i);
		m = OBJ_obj2nid(ad->method);
		if (what == AIA_METHOD && m != NID_ad_OCSP &&
		    m != NID_ad_ca_issuers) {
			lint_find(c, "the authorityInfoAccess has the "
			    "accessMethod %s, not OCSP or caIssuers",
			    m != NID_undef ? OBJ_nid2sn(m) : "(unknown)");
			break;
		}
		if (what == AIA_METHOD && ad->location->type != GEN_URI) {
			lint_find(c, "an accessLocation is not a "
			    "uniformResourceIdentifier");
			break;
		}
		if (what == AIA_OCSP_HTTP && m == NID_ad_OCSP &&
		    (ad->location->type != GEN_URI ||
		    !is_http(ad->location->d.uniformResourceIdentifier))) {
			lint_find(c, "an OCSP accessLocation is not an "
			    "http:// URL");
			break;
		}
		if (what != AIA_UNIQUE)
			continue;
		for (j = 0; j < i; j++) {
			o = sk_ACCESS_DESCRIPTION_value(a, j);
			if (OBJ_cmp(o->method, ad->method) == 0 &&
			    same_location(o->location, ad->location))
				break;
		}
		if (j < i) {
			lint_find(c, "an accessLocation appears twice for the "
			    "accessMethod %s", OBJ_nid2sn(m));
			break;
		}
	}
	AUTHORITY_INFO_ACCESS_free(a);
}

static void
aia_method(struct lint_ctx *c)
{
	aia_rule(c, AIA_METHOD);
}

static void
aia_ocsp_http(struct lint_ctx *c)
{
	aia_rule(c, AIA_OCSP_HTTP);
}

static void
aia_unique(struct lint_ctx *c)
{
	aia_rule(c, AIA_UNIQUE);
}

/* ---- CRL distribution points ---- */

static CRL_DIST_POINTS *
cdp(const struct lint_ctx *c)
{
	return X509_get_ext_d2i(c->x, NID_crl_distribution_points, NULL,
	    NULL);
}

/* BR 7.1.2.3 (b): cRLDistributionPoints, when present, is not
 * critical and has the HTTP URL of the CA's CRL service. */
static void
cdp_critical(struct lint_ctx *c)
{
	if (lint_crit(c, NID_crl_distribution_points) == 1)
		lint_find(c, "the cRLDistributionPoints extension is "
		    "critical");
}

static void
cdp_no_url(struct lint_ctx *c)
{
	CRL_DIST_POINTS *d;
	DIST_POINT *dp;
	GENERAL_NAME *g;
	int i, j, found = 0;

	if (lint_ext(c, NID_crl_distribution_points) == NULL)
		return;
	if ((d = cdp(c)) != NULL)
		for (i = 0; i < sk_DIST_POINT_num(d); i++) {
			dp = sk_DIST_POINT_value(d, i);
			if (dp->distpoint == NULL || dp->distpoint->type != 0)
				continue;
			for (j = 0; j < sk_GENERAL_NAME_num(
			    dp->distpoint->name.fullname); j++) {
				g = sk_GENERAL_NAME_value(
				    dp->distpoint->name.fullname, j);
				if (g->type == GEN_URI &&
				    is_http(g->d.uniformResourceIdentifier))
					found = 1;
			}
		}
	if (!found)
		lint_find(c, "the cRLDistributionPoints has no HTTP URL");
	CRL_DIST_POINTS_free(d);
}

/* BR 7.1.2.11.2: each DistributionPoint's fullName has only http://
 * uniformResourceIdentifiers; reasons and cRLIssuer are absent. */
static void
cdp_rule(struct lint_ctx *c, int issuer)
{
	CRL_DIST_POINTS *d;
	DIST_POINT *dp;
	GENERAL_NAME *g;
	int i, j;

	if ((d = cdp(c)) == NULL)
		return;
	for (i = 0; i < sk_DIST_POINT_num(d); i++) {
		dp = sk_DIST_POINT_value(d, i);
		if (issuer) {
			if (dp->CRLissuer != NULL) {
				lint_find(c, "a distribution point has a "
				    "cRLIssuer");
				break;
			}
			continue;
		}
		if (dp->distpoint == NULL || dp->distpoint->type != 0)
			continue;
		for (j = 0; j < sk_GENERAL_NAME_num(
		    dp->distpoint->name.fullname); j++) {
			g = sk_GENERAL_NAME_value(dp->distpoint->name.fullname,
			    j);
			if (g->type != GEN_URI ||
			    !is_http(g->d.uniformResourceIdentifier)) {
				lint_find(c, "a distribution point's name is "
				    "not an http:// URL");
				goto out;
			}
		}
	}
out:
	CRL_DIST_POINTS_free(d);
}

static void
cdp_not_http(struct lint_ctx *c)
{
	cdp_rule(c, 0);
}

static void
cdp_crl_issuer(struct lint_ctx *c)
{
	cdp_rule(c, 1);
}

/* Has c's AIA an OCSP accessLocation? */
static int
has_ocsp(const struct lint_ctx *c)
{
	AUTHORITY_INFO_ACCESS *a;
	int i, found = 0;

	if ((a = aia(c)) == NULL)
		return 0;
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(a); i++)
		if (OBJ_obj2nid(sk_ACCESS_DESCRIPTION_value(a, i)->method) ==
		    NID_ad_OCSP)
			found = 1;
	AUTHORITY_INFO_ACCESS_free(a);
	return found;
}

/*
 * BR 7.1.2.7.6 (ballot SC-63): cRLDistributionPoints MUST be present
 * in a subscriber certificate without an OCSP URL, unless it is a
 * short-lived one (BR 1.6.1: a validity period of at most 10 days, 7
 * for those issued from 2026-03-15), which needs neither.  The period
 * counts inclusive (1.6.1), so notAfter exactly 10 days after notBefore
 * is 864,001 seconds and not short-lived; zlint, not counting the
 * second, says such a certificate is.
 */
static void
cdp_missing(struct lint_ctx *c)
{
	long long s;

	if (!validity_secs(c, &s))
		return;
	if (s <= (c->start >= T_SC081_1 ? 7 : 10) * DAY)
		return;
	if (lint_ext(c, NID_crl_distribution_points) == NULL && !has_ocsp(c))
		lint_find(c, "the certificate has neither "
		    "cRLDistributionPoints nor an OCSP URL");
}

/* ---- OCSP responder certificates ---- */

/* BR 4.9.9: an OCSP responder's certificate (id-kp-OCSPSigning) has
 * id-pkix-ocsp-nocheck (RFC 6960 section 4.2.2.2.1). */
static void
ocsp_nocheck(struct lint_ctx *c)
{
	if ((c->xku & XKU_OCSP_SIGN) && lint_ext(c, NID_id_pkix_OCSP_noCheck)
	    == NULL)
		lint_find(c, "the OCSP signing certificate has no "
		    "id-pkix-ocsp-nocheck");
}

/* BR 7.1.2.8.2: an OCSP responder's certificate has no
 * cRLDistributionPoints; 7.1.2.8.7: its keyUsage is digitalSignature
 * alone. */
static void
ocsp_cdp(struct lint_ctx *c)
{
	if ((c->xku & XKU_OCSP_SIGN) &&
	    lint_ext(c, NID_crl_distribution_points) != NULL)
		lint_find(c, "the OCSP signing certificate has "
		    "cRLDistributionPoints");
}

static void
ocsp_ku(struct lint_ctx *c)
{
	if ((c->xku & XKU_OCSP_SIGN) && c->has_ku &&
	    (c->ku & 0xffff) != KU_DIGITAL_SIGNATURE)
		lint_find(c, "the OCSP signing certificate's keyUsage is not "
		    "digitalSignature alone");
}

/* ---- subject and issuer names ---- */

/* The number of attributes of type nid in name. */
static int
count(const X509_NAME *name, int nid)
{
	int i = -1, n = 0;

	while ((i = X509_NAME_get_index_by_NID(name, nid, i)) >= 0)
		n++;
	return n;
}

/* BR 7.1.4.2.2 (v1.4.x): street address and postal code MUST NOT
 * appear without organizationName, givenName or surname;
 * stateOrProvinceName MUST appear when organizationName, givenName or
 * surname do and localityName does not, and MUST NOT appear without
 * them. */
static int
has_org_or_person(const X509_NAME *s)
{
	return count(s, NID_organizationName) > 0 || count(s, NID_givenName) >
	    0 || count(s, NID_surname) > 0;
}

static void
postal_code(struct lint_ctx *c)
{
	const X509_NAME *s = X509_get_subject_name(c->x);

	if (count(s, NID_postalCode) > 0 && !has_org_or_person(s))
		lint_find(c, "the subject has a postalCode but no "
		    "organizationName, givenName or surname");
}

static void
street(struct lint_ctx *c)
{
	const X509_NAME *s = X509_get_subject_name(c->x);

	if (count(s, NID_streetAddress) > 0 && !has_org_or_person(s))
		lint_find(c, "the subject has a streetAddress but no "
		    "organizationName, givenName or surname");
}

static void
province_must(struct lint_ctx *c)
{
	const X509_NAME *s = X509_get_subject_name(c->x);

	if (has_org_or_person(s) && count(s, NID_localityName) == 0 &&
	    count(s, NID_stateOrProvinceName) == 0)
		lint_find(c, "the subject has neither stateOrProvinceName "
		    "nor localityName");
}

static void
province_must_not(struct lint_ctx *c)
{
	const X509_NAME *s = X509_get_subject_name(c->x);

	if (count(s, NID_stateOrProvinceName) > 0 && !has_org_or_person(s))
		lint_find(c, "the subject has a stateOrProvinceName but no "
		    "organizationName, givenName or surname");
}

/* Each attribute value of the subject (subject) or issuer, as UTF-8,
 * to f; f returns nonzero to stop. */
static void
each_value(struct lint_ctx *c, int subject,
    int (*f)(struct lint_ctx *, int, const unsigned char *, int,
    const ASN1_STRING *))
{
	const X509_NAME *n = subject ? X509_get_subject_name(c->x) :
	    X509_get_issuer_name(c->x);
	X509_NAME_ENTRY *e;
	ASN1_STRING *v;
	unsigned char *u;
	int i, len, stop;

	for (i = 0; i < X509_NAME_entry_count(n); i++) {
		e = X509_NAME_get_entry(n, i);
		v = X509_NAME_ENTRY_get_data(e);
		if ((len = ASN1_STRING_to_UTF8(&u, v)) < 0)
			continue;
		stop = f(c, OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)), u,
		    len, v);
		OPENSSL_free(u);
		if (stop)
			break;
	}
}

/* An HTML character reference, "&name;" or "&#nn;" (awslabs
 * certlint). */
static int
html_entity(struct lint_ctx *c, int nid, const unsigned char *u, int len,
    const ASN1_STRING *v)
{
	int i, j;

	(void)v;
	for (i = 0; i < len; i++) {
		if (u[i] != '&')
			continue;
		j = i + 1;
		if (j < len && u[j] == '#')
			j++;
		while (j < len && isalnum(u[j]))
			j++;
		if (j > i + 1 && j < len && u[j] == ';' && isalnum(u[j - 1])) {
			lint_find(c, "the subject's %s has the HTML entity "
			    "%.*s", OBJ_nid2sn(nid), j - i + 1,
			    (const char *)u + i);
			return 1;
		}
	}
	return 0;
}

static void
subj_html(struct lint_ctx *c)
{
	each_value(c, 1, html_entity);
}

/* ISO 3166-1 alpha-2 codes are upper case (ISO 3166-2:2020 5.1). */
static int
country_upper(struct lint_ctx *c, int nid, const unsigned char *u, int len,
    const ASN1_STRING *v)
{
	int i;

	(void)v;
	if (nid != NID_countryName)
		return 0;
	for (i = 0; i < len; i++)
		if (islower(u[i])) {
			lint_find(c, "the subject's countryName \"%.*s\" is "
			    "not upper case", len, (const char *)u);
			return 1;
		}
	return 0;
}

static void
subj_country_upper(struct lint_ctx *c)
{
	each_value(c, 1, country_upper);
}

/*
 * UTF-8 text read as Latin-1 or Windows-1252 and encoded again: the two
 * bytes of a letter U+00C0..U+00FF, C3 80..BF, become "\u00c3" and the
 * second byte's character, U+0080..U+00BF in Latin-1 or one of
 * Windows-1252's for 80..9F (the Euro sign, quotes, dashes, ...).  A
 * UTF8String with that pair is mojibake (zlint's list, which leaves out
 * "\u00c2" pairs to avoid false positives, as this rule does).
 */
static int
cp1252_high(unsigned long cp)
{
	static const unsigned short w[] = {
		0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
		0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
		0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178
	};
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (w[i] == cp)
			return 1;
	return 0;
}

static int
latin1_mixup(struct lint_ctx *c, int nid, const unsigned char *u, int len,
    const ASN1_STRING *v)
{
	unsigned long cp;
	int i;

	if (ASN1_STRING_type(v) != V_ASN1_UTF8STRING)
		return 0;
	for (i = 0; i + 3 < len; i++) {
		if (u[i] != 0xc3 || u[i + 1] != 0x83)
			continue;
		if (u[i + 2] == 0xc2 && u[i + 3] >= 0x80 && u[i + 3] <= 0xbf)
			cp = u[i + 3];
		else if ((u[i + 2] & 0xe0) == 0xc0 && (u[i + 3] & 0xc0) == 0x80)
			cp = (unsigned long)(u[i + 2] & 0x1f) << 6 |
			    (u[i + 3] & 0x3f);
		else if ((u[i + 2] & 0xf0) == 0xe0 && i + 4 < len)
			cp = (unsigned long)(u[i + 2] & 0x0f) << 12 |
			    (unsigned long)(u[i + 3] & 0x3f) << 6 |
			    (u[i + 4] & 0x3f);
		else
			continue;
		if ((cp >= 0x80 && cp <= 0xbf) || cp1252_high(cp)) {
			lint_find(c, "the subject's %s looks like UTF-8 read "
			    "as Latin-1 and encoded again", OBJ_nid2sn(nid));
			return 1;
		}
	}
	return 0;
}

static void
utf8_latin1(struct lint_ctx *c)
{
	each_value(c, 1, latin1_mixup);
}

/* Leading or trailing white space in an issuer attribute (awslabs
 * certlint). */
static int
lead_ws(struct lint_ctx *c, int nid, const unsigned char *u, int len,
    const ASN1_STRING *v)
{
	(void)v;
	if (len > 0 && isspace(u[0])) {
		lint_find(c, "the issuer's %s begins with white space",
		    OBJ_nid2sn(nid));
		return 1;
	}
	return 0;
}

static int
trail_ws(struct lint_ctx *c, int nid, const unsigned char *u, int len,
    const ASN1_STRING *v)
{
	(void)v;
	if (len > 0 && isspace(u[len - 1])) {
		lint_find(c, "the issuer's %s ends with white space",
		    OBJ_nid2sn(nid));
		return 1;
	}
	return 0;
}

static void
issuer_lead_ws(struct lint_ctx *c)
{
	each_value(c, 0, lead_ws);
}

static void
issuer_trail_ws(struct lint_ctx *c)
{
	each_value(c, 0, trail_ws);
}

/* An issuer RDN with more than one attribute (awslabs certlint). */
static void
issuer_multi_rdn(struct lint_ctx *c)
{
	const X509_NAME *n = X509_get_issuer_name(c->x);
	int i, prev = -1, set;

	for (i = 0; i < X509_NAME_entry_count(n); i++) {
		set = X509_NAME_ENTRY_set(X509_NAME_get_entry(n, i));
		if (set == prev) {
			lint_find(c, "the issuer has an RDN with more than "
			    "one attribute");
			return;
		}
		prev = set;
	}
}

/*
 * BR 4.2.2 (in force 2026-03-15, as zlint dates it): no domain name
 * in the .arpa zone (reverse-DNS names included) in a subscriber
 * certificate's subjectAltName dNSNames.
 */
static void
arpa(struct lint_ctx *c)
{
	GENERAL_NAMES *san;
	GENERAL_NAME *g;
	const unsigned char *d;
	int i, n;

	if ((san = X509_get_ext_d2i(c->x, NID_subject_alt_name, NULL,
	    NULL)) == NULL)
		return;
	for (i = 0; i < sk_GENERAL_NAME_num(san); i++) {
		g = sk_GENERAL_NAME_value(san, i);
		if (g->type != GEN_DNS)
			continue;
		d = ASN1_STRING_get0_data(g->d.dNSName);
		n = ASN1_STRING_length(g->d.dNSName);
		if (n > 0 && d[n - 1] == '.')
			n--;
		if ((n == 4 || (n > 4 && d[n - 5] == '.')) &&
		    has_scheme(d + n - 4, 4, "arpa")) {
			lint_find(c, "the dNSName %.*s is in the .arpa zone",
			    n, (const char *)d);
			break;
		}
	}
	GENERAL_NAMES_free(san);
}

/* ---- CRLs: BR 7.2 ---- */

/* BR 7.2.2: the CRL's authorityKeyIdentifier has the keyIdentifier
 * alone. */
static void
crl_aki_keyid(struct lint_ctx *c)
{
	AUTHORITY_KEYID *a;

	if ((a = X509_CRL_get_ext_d2i(c->crl, NID_authority_key_identifier,
	    NULL, NULL)) == NULL)
		return;
	if (a->keyid == NULL || a->issuer != NULL || a->serial != NULL)
		lint_find(c, "the CRL's authorityKeyIdentifier is not a "
		    "keyIdentifier alone");
	AUTHORITY_KEYID_free(a);
}

/*
 * BR 7.2.2: CRL extensions are authorityKeyIdentifier and cRLNumber
 * (not critical) and issuingDistributionPoint (critical); any other
 * is NOT RECOMMENDED.  A warning: the wrong criticality of the three,
 * a MUST, is reported under this id too (zlint's mix).
 */
static void
crl_ext(struct lint_ctx *c)
{
	X509_EXTENSION *e;
	int i, nid, crit;

	for (i = 0; i < X509_CRL_get_ext_count(c->crl); i++) {
		e = X509_CRL_get_ext(c->crl, i);
		nid = OBJ_obj2nid(X509_EXTENSION_get_object(e));
		crit = X509_EXTENSION_get_critical(e) != 0;
		if (nid != NID_authority_key_identifier &&
		    nid != NID_crl_number &&
		    nid != NID_issuing_distribution_point)
			lint_find(c, "the CRL has the extension %s, which "
			    "the BR do not recommend", nid != NID_undef ?
			    OBJ_nid2sn(nid) : "(unknown)");
		else if (crit != (nid == NID_issuing_distribution_point))
			lint_find(c, "the CRL's %s extension is %scritical",
			    OBJ_nid2sn(nid), crit ? "" : "not ");
	}
}

/* BR 7.2 (4.9.7 before v2.0.0): a CRL for subscriber certificates has
 * nextUpdate at most 10 days after thisUpdate (one for CA certificates,
 * 12 months: judged as a subscriber CRL unless its issuingDistribution
 * Point says onlyContainsCACerts; zlint is told which by its
 * configuration). */
static void
crl_next_update(struct lint_ctx *c)
{
	ISSUING_DIST_POINT *idp;
	const ASN1_TIME *nu = X509_CRL_get0_nextUpdate(c->crl);
	struct tm a, b;
	int ca = 0, day, sec, bm, am;

	if (nu == NULL)
		return;
	if ((idp = X509_CRL_get_ext_d2i(c->crl, NID_issuing_distribution_point,
	    NULL, NULL)) != NULL) {
		ca = idp->onlyCA != 0;
		ISSUING_DIST_POINT_free(idp);
	}
	if (!ca) {
		if (ASN1_TIME_diff(&day, &sec, X509_CRL_get0_lastUpdate(c->crl),
		    nu) && (long long)day * DAY + sec > 10 * DAY)
			lint_find(c, "nextUpdate is more than 10 days after "
			    "thisUpdate");
		return;
	}
	if (!ASN1_TIME_to_tm(X509_CRL_get0_lastUpdate(c->crl), &b) ||
	    !ASN1_TIME_to_tm(nu, &a))
		return;
	bm = b.tm_year * 12 + b.tm_mon + 12;
	am = a.tm_year * 12 + a.tm_mon;
	if (am > bm || (am == bm && (a.tm_mday > b.tm_mday ||
	    (a.tm_mday == b.tm_mday && a.tm_hour * 3600 + a.tm_min * 60 +
	    a.tm_sec > b.tm_hour * 3600 + b.tm_min * 60 + b.tm_sec))))
		lint_find(c, "nextUpdate is more than 12 months after "
		    "thisUpdate");
}

/* BR 7.2.2 (RFC 5280 section 5.2.3): the cRLNumber is present, from
 * 0 to 2^159 - 1 (at most 20 octets). */
static void
crl_number_range(struct lint_ctx *c)
{
	ASN1_INTEGER *n;
	BIGNUM *b;

	if ((n = X509_CRL_get_ext_d2i(c->crl, NID_crl_number, NULL,
	    NULL)) == NULL) {
		/* 7.2.2's table: cRLNumber MUST be present */
		lint_find(c, "the CRL has no cRLNumber");
		return;
	}
	if ((b = ASN1_INTEGER_to_BN(n, NULL)) != NULL &&
	    (BN_is_negative(b) || BN_num_bits(b) > 159))
		lint_find(c, "the cRLNumber is out of the range 0 to "
		    "2^159-1");
	BN_free(b);
	ASN1_INTEGER_free(n);
}

/*
 * BR 1.6.1's Reserved IP Address: any block of IANA's IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and its updates; blocks
 * inside a listed one left out), as of 2024.
 */
static const char *const reserved_ip[] = {
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
	"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
	"192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
	"192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15",
	"198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
	"255.255.255.255/32",
	"::/128", "::1/128", "::ffff:0:0/96", "64:ff9b::/96",
	"64:ff9b:1::/48", "100::/64", "100:0:0:1::/64", "2001::/23",
	"2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20",
	"5f00::/16", "fc00::/7", "fe80::/10",
	NULL
};

/* The address of "ADDR/LEN" (free it), its mask into m[16]; NULL when
 * s is not one. */
static ASN1_OCTET_STRING *
cidr(const char *s, unsigned char *m)
{
	char buf[64];
	const char *sl = strchr(s, '/');
	int len, i;

	if (sl == NULL || (size_t)(sl - s) >= sizeof(buf))
		return NULL;
	memcpy(buf, s, (size_t)(sl - s));
	buf[sl - s] = '\0';
	len = atoi(sl + 1);
	for (i = 0; i < 16; i++, len -= 8)
		m[i] = len >= 8 ? 0xff : len <= 0 ? 0 :
		    (unsigned char)(0xff << (8 - len));
	return a2i_IPADDRESS(buf);
}

/* BR 7.1.2.10.8 and 7.1.5: an iPAddress permittedSubtree names the
 * ranges the CA confirmed the applicant holds, which a reserved block
 * cannot be: no permitted range meets one.  Two ranges meet when they
 * agree on the bits both masks keep. */
static void
nc_reserved_ip(struct lint_ctx *c)
{
	NAME_CONSTRAINTS *nc;
	GENERAL_SUBTREE *st;
	ASN1_OCTET_STRING *r;
	const unsigned char *a, *b;
	unsigned char m[16];
	int i, k, n, h, hit = 0;
	size_t j;

	if ((nc = X509_get_ext_d2i(c->x, NID_name_constraints, NULL,
	    NULL)) == NULL)
		return;
	for (i = 0; !hit && i < sk_GENERAL_SUBTREE_num(nc->permittedSubtrees);
	    i++) {
		st = sk_GENERAL_SUBTREE_value(nc->permittedSubtrees, i);
		if (st->base->type != GEN_IPADD)
			continue;
		a = ASN1_STRING_get0_data(st->base->d.iPAddress);
		n = ASN1_STRING_length(st->base->d.iPAddress);
		if (n != 8 && n != 32)
			continue;
		h = n / 2;
		for (j = 0; !hit && reserved_ip[j] != NULL; j++) {
			if ((r = cidr(reserved_ip[j], m)) == NULL)
				continue;
			b = ASN1_STRING_get0_data(r);
			if (ASN1_STRING_length(r) == h) {
				for (k = 0; k < h; k++)
					if ((a[k] & a[h + k] & m[k]) !=
					    (b[k] & a[h + k] & m[k]))
						break;
				if (k == h) {
					lint_find(c, "a permitted iPAddress "
					    "range meets the reserved block "
					    "%s", reserved_ip[j]);
					hit = 1;
				}
			}
			ASN1_OCTET_STRING_free(r);
		}
	}
	NAME_CONSTRAINTS_free(nc);
}

/* ---- Tor onion services: BR appendix C (ballots 201 and SC27) ---- */

/* Is the name d (n bytes) under .onion, and not a version 3 address?
 * Sets *e to the offset of its last two labels (the eTLD+1). */
static int
onion_name(const unsigned char *d, int n, int *e)
{
	int i, dots = 0;

	if (n < 6 || !has_scheme(d + n - 6, 6, ".onion"))
		return 0;
	*e = -1;
	for (i = n - 1; i >= 0; i--)
		if (d[i] == '.' && ++dots == 2)
			break;
	*e = i + 1;
	/* a version 3 address: 56 base32 characters (rend-spec-v3) */
	return n - *e - 6 != 56;
}

/* The eTLD+1s of c's .onion names (SAN dNSNames and the CN), each a
 * malloc'd string in out[0..*n) (at most max). */
static void
onion_subjects(const struct lint_ctx *c, char **out, int *n, int max)
{
	GENERAL_NAMES *san;
	GENERAL_NAME *g;
	const X509_NAME *s = X509_get_subject_name(c->x);
	const ASN1_STRING *v;
	int i, e, len;

	*n = 0;
	if ((san = X509_get_ext_d2i(c->x, NID_subject_alt_name, NULL,
	    NULL)) != NULL) {
		for (i = 0; i < sk_GENERAL_NAME_num(san) && *n < max; i++) {
			g = sk_GENERAL_NAME_value(san, i);
			if (g->type != GEN_DNS)
				continue;
			len = ASN1_STRING_length(g->d.dNSName);
			if (onion_name(ASN1_STRING_get0_data(g->d.dNSName), len,
			    &e))
				out[(*n)++] = OPENSSL_strndup((const char *)
				    ASN1_STRING_get0_data(g->d.dNSName) + e,
				    (size_t)(len - e));
		}
		GENERAL_NAMES_free(san);
	}
	i = -1;
	while ((i = X509_NAME_get_index_by_NID(s, NID_commonName, i)) >= 0 &&
	    *n < max) {
		v = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(s, i));
		len = ASN1_STRING_length(v);
		if (onion_name(ASN1_STRING_get0_data(v), len, &e))
			out[(*n)++] = OPENSSL_strndup((const char *)
			    ASN1_STRING_get0_data(v) + e, (size_t)(len - e));
	}
}

/*
 * BR appendix B (ballot 201 for EV, SC27 for all): a certificate for a
 * version 2 .onion name has the TorServiceDescriptor extension
 * (2.23.140.1.31),
 *	TorServiceDescriptorHash ::= SEQUENCE {
 *	    onionURI UTF8String, algorithm AlgorithmIdentifier,
 *	    subjectPublicKeyHash BIT STRING }
 * with one for each onion name's eTLD+1 and none for another, each an
 * https:// URI with SHA-256, -384 or -512 and a hash of that length.  A
 * version 3 name (56 characters) carries its key and needs none.  zlint
 * asks the extension and a hash for each name of EV certificates only
 * (by its list of CAs' EV policies, which pemkit does not ship); the
 * text, since SC27, of any.
 */
#define ONION_MAX 32

/* Are DNS names a and b equal but for case? */
static int
same_host(const char *a, const char *b)
{
	while (*a != '\0' && tolower((unsigned char)*a) ==
	    tolower((unsigned char)*b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

static const char *
tor_check(X509_EXTENSION *x, char **subj, int ns,
    char *host, size_t hostlen)
{
	ASN1_OCTET_STRING *d = X509_EXTENSION_get_data(x);
	const unsigned char *p = ASN1_STRING_get0_data(d), *q, *u;
	ASN1_SEQUENCE_ANY *seq, *in = NULL;
	ASN1_TYPE *t, *tu, *ta, *tb;
	X509_ALGOR *alg = NULL;
	const char *why = NULL, *hosts[ONION_MAX];
	int i, j, k, n, nh = 0, bits, want, md;
	int seen[ONION_MAX] = { 0 };

	if ((seq = d2i_ASN1_SEQUENCE_ANY(NULL, &p, ASN1_STRING_length(d))) ==
	    NULL || sk_ASN1_TYPE_num(seq) == 0) {
		why = "has no TorServiceDescriptorHash";
		goto out;
	}
	for (i = 0; why == NULL && i < sk_ASN1_TYPE_num(seq); i++) {
		why = "has a TorServiceDescriptorHash that cannot be read";
		t = sk_ASN1_TYPE_value(seq, i);
		if (t->type != V_ASN1_SEQUENCE)
			break;
		q = ASN1_STRING_get0_data(t->value.sequence);
		sk_ASN1_TYPE_pop_free(in, ASN1_TYPE_free);
		if ((in = d2i_ASN1_SEQUENCE_ANY(NULL, &q,
		    ASN1_STRING_length(t->value.sequence))) == NULL ||
		    sk_ASN1_TYPE_num(in) != 3)
			break;
		tu = sk_ASN1_TYPE_value(in, 0);
		ta = sk_ASN1_TYPE_value(in, 1);
		tb = sk_ASN1_TYPE_value(in, 2);
		if (tu->type != V_ASN1_UTF8STRING ||
		    ta->type != V_ASN1_SEQUENCE ||
		    tb->type != V_ASN1_BIT_STRING)
			break;
		q = ASN1_STRING_get0_data(ta->value.sequence);
		X509_ALGOR_free(alg);
		if ((alg = d2i_X509_ALGOR(NULL, &q,
		    ASN1_STRING_length(ta->value.sequence))) == NULL)
			break;
		why = NULL;
		u = ASN1_STRING_get0_data(tu->value.utf8string);
		n = ASN1_STRING_length(tu->value.utf8string);
		if (!has_scheme(u, n, "https://")) {
			why = "has an onionURI that is not https://";
			break;
		}
		for (j = 8; j < n && u[j] != '/' && u[j] != ':'; j++)
			;
		if (j == 8) {
			why = "has an onionURI without a host";
			break;
		}
		snprintf(host, hostlen, "%.*s", j - 8, (const char *)u + 8);
		md = OBJ_obj2nid(alg->algorithm);
		want = md == NID_sha256 ? 256 : md == NID_sha384 ? 384 :
		    md == NID_sha512 ? 512 : 0;
		bits = ASN1_STRING_length(tb->value.bit_string) * 8;
		if (tb->value.bit_string->flags & ASN1_STRING_FLAG_BITS_LEFT)
			bits -= (int)(tb->value.bit_string->flags & 7);
		if (want == 0) {
			why = "has a hash algorithm not SHA-256, -384 or -512";
			break;
		}
		if (bits != want) {
			why = "has a hash of the wrong length";
			break;
		}
		for (k = 0; k < nh; k++)
			if (same_host(hosts[k], host))
				break;
		if (k < nh) {
			why = "has two TorServiceDescriptorHashes for one host";
			break;
		}
		for (k = 0; k < ns; k++)
			if (same_host(subj[k], host))
				break;
		if (k == ns) {
			why = "has a TorServiceDescriptorHash for a host the "
			    "certificate does not name";
			break;
		}
		seen[k] = 1;
		if (nh < ONION_MAX)
			hosts[nh++] = subj[k];
	}
	if (why == NULL)
		for (k = 0; k < ns; k++)
			if (!seen[k]) {
				snprintf(host, hostlen, "%s", subj[k]);
				why = "has no TorServiceDescriptorHash for a "
				    "name of the certificate";
				break;
			}
	if (why != NULL && strstr(why, "host") == NULL &&
	    strstr(why, "name of") == NULL)
		host[0] = '\0';
out:
	sk_ASN1_TYPE_pop_free(in, ASN1_TYPE_free);
	sk_ASN1_TYPE_pop_free(seq, ASN1_TYPE_free);
	X509_ALGOR_free(alg);
	return why;
}

static void
tor_descriptor(struct lint_ctx *c)
{
	X509_EXTENSION *x;
	ASN1_OBJECT *oid;
	char *subj[ONION_MAX], host[256];
	const char *why;
	int i, ns;

	if ((oid = OBJ_txt2obj("2.23.140.1.31", 1)) == NULL)
		return;
	i = X509_get_ext_by_OBJ(c->x, oid, -1);
	ASN1_OBJECT_free(oid);
	x = i >= 0 ? X509_get_ext(c->x, i) : NULL;
	onion_subjects(c, subj, &ns, ONION_MAX);
	host[0] = '\0';
	if (x == NULL) {
		if (ns > 0 && (c->kind & LK_LEAF))
			lint_find(c, "the certificate names the version 2 "
			    ".onion host %s but has no TorServiceDescriptor "
			    "extension", subj[0]);
	} else if ((why = tor_check(x, subj, ns, host, sizeof(host))) !=
	    NULL)
		lint_find(c, "the TorServiceDescriptor extension %s%s%s", why,
		    host[0] != '\0' ? ": " : "", host);
	for (i = 0; i < ns; i++)
		OPENSSL_free(subj[i]);
}

/* A revocationDate before RFC 2459 (January 1999), the first CRL
 * profile, is a time left unset, such as Go's zero time (zlint's
 * community rule). */
static void
crl_revoked_too_early(struct lint_ctx *c)
{
	STACK_OF(X509_REVOKED) *r = X509_CRL_get_REVOKED(c->crl);
	ASN1_TIME *t;
	int i;

	if ((t = ASN1_TIME_set(NULL, (time_t)915148800)) == NULL) /* 1999 */
		return;
	for (i = 0; i < sk_X509_REVOKED_num(r); i++)
		if (ASN1_TIME_compare(X509_REVOKED_get0_revocationDate(
		    sk_X509_REVOKED_value(r, i)), t) < 0) {
			lint_find(c, "entry %d's revocationDate is before "
			    "1999 (RFC 2459)", i + 1);
			break;
		}
	ASN1_TIME_free(t);
}

const struct lint_rule lint_cabf_leaf[] = {
	/* validity */
	{ "e_sub_cert_valid_time_longer_than_39_months", LINT_ERROR,
	    "CA/B BR", "6.3.2", "2016-07-02", LK_TLS, vp39m, 0 },
	{ "e_sub_cert_valid_time_longer_than_825_days", LINT_ERROR,
	    "CA/B BR", "6.3.2", "2018-03-02", LK_TLS, vp825, 0 },
	{ "e_tls_server_cert_valid_time_longer_than_398_days", LINT_ERROR,
	    "Apple", "HT211025", "2020-09-01", LK_TLS, vp398, 0 },
	{ "w_tls_server_cert_valid_time_longer_than_397_days", LINT_WARNING,
	    "Apple", "HT211025", "2020-09-01", LK_TLS, vp397, 0 },
	{ "e_server_cert_valid_time_longer_than_200_days", LINT_ERROR,
	    "CA/B BR", "6.3.2", "2026-03-15", LK_TLS, vp200, 0 },
	{ "w_server_cert_valid_time_longer_than_199_days", LINT_WARNING,
	    "CA/B BR", "6.3.2", "2026-03-15", LK_TLS, vp199, 0 },
	{ "e_server_cert_valid_time_longer_than_100_days", LINT_ERROR,
	    "CA/B BR", "6.3.2", "2027-03-15", LK_TLS, vp100, 0 },
	{ "w_server_cert_valid_time_longer_than_99_days", LINT_WARNING,
	    "CA/B BR", "6.3.2", "2027-03-15", LK_TLS, vp99, 0 },
	{ "e_server_cert_valid_time_longer_than_47_days", LINT_ERROR,
	    "CA/B BR", "6.3.2", "2029-03-15", LK_TLS, vp47, 0 },
	{ "w_server_cert_valid_time_longer_than_46_days", LINT_WARNING,
	    "CA/B BR", "6.3.2", "2029-03-15", LK_TLS, vp46, 0 },
	{ "e_excessively backdated", LINT_ERROR, "CA/B BR", "7.1.2.7",
	    "2023-09-15", LK_CERT, backdated, 0 },
	/* keys */
	{ "e_rsa_no_public_key", LINT_ERROR, "RFC 3279", "2.3.1", NULL,
	    LK_CERT, rsa_no_key, 0 },
	{ "e_rsa_exp_negative", LINT_ERROR, "RFC 3279", "2.3.1", NULL,
	    LK_CERT, rsa_exp_negative, 0 },
	{ "e_rsa_public_exponent_not_odd", LINT_ERROR, "CA/B BR", "6.1.6",
	    "2013-02-21", LK_TLS | LK_CA, rsa_exp_even, LR_REQ },
	{ "e_rsa_public_exponent_too_small", LINT_ERROR, "CA/B BR", "6.1.6",
	    "2013-02-21", LK_TLS | LK_CA, rsa_exp_small, LR_REQ },
	{ "w_rsa_public_exponent_not_in_range", LINT_WARNING, "CA/B BR",
	    "6.1.6", "2013-02-21", LK_TLS | LK_CA, rsa_exp_range, LR_REQ },
	{ "w_rsa_mod_not_odd", LINT_WARNING, "CA/B BR", "6.1.6",
	    "2013-02-21", LK_TLS | LK_CA, rsa_mod_even, LR_REQ },
	{ "w_rsa_mod_factors_smaller_than_752", LINT_WARNING, "CA/B BR",
	    "6.1.6", "2013-02-21", LK_TLS | LK_CA, rsa_mod_small_factor,
	    LR_REQ },
	{ "e_rsa_mod_less_than_2048_bits", LINT_ERROR, "CA/B BR", "6.1.5",
	    NULL, LK_TLS | LK_CA, rsa_mod_2048, LR_REQ },
	{ "e_old_sub_cert_rsa_mod_less_than_1024_bits", LINT_ERROR,
	    "CA/B BR", "6.1.5", NULL, LK_TLS, rsa_mod_1024, 0 },
	{ "e_rsa_fermat_factorization", LINT_ERROR, "Community", "Fermat",
	    NULL, LK_CERT, rsa_fermat, LR_REQ },
	{ "e_dsa_shorter_than_2048_bits", LINT_ERROR, "CA/B BR", "6.1.5",
	    NULL, LK_TLS | LK_CA, dsa_short, 0 },
	{ "e_dsa_improper_modulus_or_divisor_size", LINT_ERROR, "CA/B BR",
	    "6.1.5", NULL, LK_TLS | LK_CA, dsa_sizes, 0 },
	{ "e_dsa_params_missing", LINT_ERROR, "CA/B BR", "6.1.6",
	    "2012-07-01", LK_TLS | LK_CA, dsa_params, 0 },
	{ "e_dsa_unique_correct_representation", LINT_ERROR, "CA/B BR",
	    "6.1.6", "2012-07-01", LK_TLS | LK_CA, dsa_range, 0 },
	{ "e_dsa_correct_order_in_subgroup", LINT_ERROR, "CA/B BR", "6.1.6",
	    "2012-07-01", LK_TLS | LK_CA, dsa_order, 0 },
	{ "e_br_prohibit_dsa_usage", LINT_ERROR, "CA/B BR", "6.1.5",
	    "2020-08-20", LK_TLS | LK_CA, dsa_prohibited, LR_REQ },
	{ "e_prohibit_dsa_usage", LINT_ERROR, "Mozilla", "5.1",
	    "2017-03-31", LK_TLS | LK_CA, dsa_prohibited, 0 },
	{ "e_ec_improper_curves", LINT_ERROR, "CA/B BR", "6.1.5", NULL,
	    LK_TLS | LK_CA, ec_curve, LR_REQ },
	{ "e_public_key_type_not_allowed", LINT_ERROR, "CA/B BR", "6.1.5",
	    "2012-07-01", LK_TLS | LK_CA, key_type, LR_REQ },
	{ "e_algorithm_identifier_improper_encoding", LINT_ERROR, "CA/B BR",
	    "7.1.3.1", "2020-08-20", LK_TLS | LK_CA, spki_alg_encoding, 0 },
	/* signatures */
	{ "e_signature_algorithm_not_supported", LINT_ERROR, "CA/B BR",
	    "6.1.5", NULL, LK_TLS | LK_CA, sig_alg, 0 },
	{ "e_cs_signature_algorithm_not_supported", LINT_ERROR, "CA/B CS BR",
	    "7.1.3.2", "2019-08-13", LK_LEAF, cs_sig_alg, 0 },
	{ "w_sub_cert_sha1_expiration_too_long", LINT_WARNING, "CA/B BR",
	    "7.1.3", "2015-01-16", LK_TLS, sha1_too_long, 0 },
	/* extended key usage */
	{ "e_sub_cert_eku_missing", LINT_ERROR, "CA/B BR", "7.1.2.3",
	    "2012-07-01", LK_TLS, eku_missing, 0 },
	{ "e_sub_cert_eku_server_auth_client_auth_missing", LINT_ERROR,
	    "CA/B BR", "7.1.2.3", "2012-07-01", LK_TLS, eku_server_client, 0 },
	{ "w_sub_cert_eku_extra_values", LINT_WARNING, "CA/B BR", "7.1.2.3",
	    "2012-07-01", LK_TLS, eku_extra, LR_REQ },
	{ "e_sub_cert_eku_check", LINT_ERROR, "CA/B BR", "7.1.2.7.10",
	    "2023-09-15", LK_TLS, eku_check, LR_REQ },
	{ "e_eku_critical", LINT_ERROR, "CA/B BR", "7.1.2.7.6",
	    "2023-09-15", LK_TLS, eku_critical, 0 },
	{ "e_client_auth_not_allowed", LINT_ERROR, "Chrome", "1.3.2",
	    "2027-03-15", LK_TLS, client_auth, 0 },
	/* basic constraints, key usage, policies, version */
	{ "e_sub_cert_basic_constraints_not_critical", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.6", "2023-09-15", LK_TLS, sub_bc_not_critical, 0 },
	{ "e_sub_cert_key_usage_cert_sign_bit_set", LINT_ERROR, "CA/B BR",
	    "7.1.2.3", "2012-07-01", LK_TLS, ku_cert_sign, LR_REQ },
	{ "e_sub_cert_key_usage_crl_sign_bit_set", LINT_ERROR, "CA/B BR",
	    "7.1.2.3", "2012-07-01", LK_TLS, ku_crl_sign, LR_REQ },
	{ "e_sub_cert_certificate_policies_missing", LINT_ERROR, "CA/B BR",
	    "7.1.2.3", "2012-07-01", LK_TLS, cp_missing, 0 },
	{ "w_sub_cert_certificate_policies_marked_critical", LINT_WARNING,
	    "CA/B BR", "7.1.2.3", "2012-07-01", LK_TLS, cp_critical, 0 },
	{ "e_invalid_certificate_version", LINT_ERROR, "CA/B BR", "7.1.1",
	    "2015-04-16", LK_TLS | LK_CA, version3, 0 },
	{ "e_invalid_cps_uri", LINT_ERROR, "CA/B BR", "7.1.2.7.9",
	    "2023-09-15", LK_TLS | LK_CA, cps_uri, 0 },
	/* AIA */
	{ "e_sub_cert_aia_missing", LINT_ERROR, "CA/B BR", "7.1.2.3",
	    "2012-07-01", LK_TLS, aia_missing, 0 },
	{ "e_sub_cert_aia_marked_critical", LINT_ERROR, "CA/B BR", "7.1.2.3",
	    "2012-07-01", LK_TLS, aia_critical, 0 },
	{ "e_sub_cert_aia_does_not_contain_ocsp_url", LINT_ERROR, "CA/B BR",
	    "7.1.2.3", "2012-07-01", LK_TLS, aia_no_ocsp, 0 },
	{ "e_aia_must_contain_permitted_access_method", LINT_ERROR,
	    "CA/B BR", "7.1.2.7.7", "2023-09-15", LK_TLS, aia_method, 0 },
	{ "e_aia_ocsp_must_have_http_only", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.7", "2023-09-15", LK_TLS, aia_ocsp_http, 0 },
	{ "e_aia_unique_access_locations", LINT_ERROR, "CA/B BR",
	    "7.1.2.7.7", "2023-09-15", LK_TLS, aia_unique, 0 },
	/* CRL distribution points */
	{ "e_sub_cert_crl_distribution_points_marked_critical", LINT_ERROR,
	    "CA/B BR", "7.1.2.3", "2012-07-01", LK_TLS, cdp_critical, 0 },
	{ "e_sub_cert_crl_distribution_points_does_not_contain_url",
	    LINT_ERROR, "CA/B BR", "7.1.2.3", "2012-07-01", LK_TLS,
	    cdp_no_url, 0 },
	{ "e_crl_distrib_points_not_http", LINT_ERROR, "CA/B BR",
	    "7.1.2.11.2", "2023-09-15", LK_TLS | LK_CA, cdp_not_http, 0 },
	{ "e_crlissuer_must_not_be_present_in_cdp", LINT_ERROR, "CA/B BR",
	    "7.1.2.11.2", "2023-09-15", LK_TLS | LK_CA, cdp_crl_issuer, 0 },
	{ "e_missing_crl_distrib_point", LINT_ERROR, "CA/B BR", "7.1.2.7.6",
	    "2024-03-15", LK_TLS, cdp_missing, 0 },
	/* OCSP responders */
	{ "e_ocsp_id_pkix_ocsp_nocheck_ext_not_included_server_auth",
	    LINT_ERROR, "CA/B BR", "4.9.9", "2012-07-01", LK_LEAF,
	    ocsp_nocheck, 0 },
	{ "e_ocsp_cert_cdp_forbidden", LINT_ERROR, "CA/B BR", "7.1.2.8.2",
	    "2023-09-15", LK_LEAF, ocsp_cdp, 0 },
	{ "e_ocsp_cert_invalid_ku", LINT_ERROR, "CA/B BR", "7.1.2.8.7",
	    "2023-09-15", LK_LEAF, ocsp_ku, 0 },
	/* names */
	{ "e_sub_cert_postal_code_must_not_appear", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2016-09-07", LK_TLS, postal_code, 0 },
	{ "e_sub_cert_street_address_should_not_exist", LINT_ERROR,
	    "CA/B BR", "7.1.4.2.2", "2016-09-07", LK_TLS, street, 0 },
	{ "e_sub_cert_province_must_appear", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2016-09-07", LK_TLS, province_must, 0 },
	{ "e_sub_cert_province_must_not_appear", LINT_ERROR, "CA/B BR",
	    "7.1.4.2.2", "2016-09-07", LK_TLS, province_must_not, 0 },
	{ "e_subj_contains_html_entities", LINT_ERROR, "Community",
	    "certlint", NULL, LK_CERT, subj_html, 0 },
	{ "e_subj_country_not_uppercase", LINT_ERROR, "ISO 3166-2",
	    "5.1", NULL, LK_CERT, subj_country_upper, 0 },
	{ "e_utf8_latin1_mixup", LINT_ERROR, "Community", "ISO 8859-1",
	    NULL, LK_CERT, utf8_latin1, 0 },
	{ "w_issuer_dn_leading_whitespace", LINT_WARNING, "Community",
	    "certlint", NULL, LK_CERT, issuer_lead_ws, 0 },
	{ "w_issuer_dn_trailing_whitespace", LINT_WARNING, "Community",
	    "certlint", NULL, LK_CERT, issuer_trail_ws, 0 },
	{ "w_multiple_issuer_rdn", LINT_WARNING, "Community", "certlint",
	    NULL, LK_CERT, issuer_multi_rdn, 0 },
	{ "e_ext_nc_intersects_reserved_ip", LINT_ERROR, "CA/B BR", "7.1.5",
	    "2012-07-01", LK_CERT, nc_reserved_ip, 0 },
	{ "e_ext_tor_service_descriptor_hash_invalid", LINT_ERROR,
	    "CA/B BR", "appendix B", "2017-07-28", LK_CERT, tor_descriptor, 0 },
	{ "e_arpa_domain_not_allowed", LINT_ERROR, "CA/B BR", "4.2.2",
	    "2026-03-15", LK_TLS, arpa, 0 },
	/* CRLs */
	{ "e_crl_auth_key_id_only_contains_keyid", LINT_ERROR, "CA/B BR",
	    "7.2.2", "2024-03-15", LK_CRL, crl_aki_keyid, 0 },
	{ "e_crl_extensions_validity", LINT_WARNING, "CA/B BR", "7.2.2",
	    NULL, LK_CRL, crl_ext, 0 },
	{ "e_crl_next_update_invalid", LINT_ERROR, "CA/B BR", "7.2",
	    "2023-07-15", LK_CRL, crl_next_update, 0 },
	{ "e_crl_number_out_of_range", LINT_ERROR, "CA/B BR", "7.2.2", NULL,
	    LK_CRL, crl_number_range, 0 },
	{ "e_crl_revocation_date_too_early", LINT_ERROR, "Community",
	    "RFC 2459", NULL, LK_CRL, crl_revoked_too_early, 0 },
	{ NULL, 0, NULL, NULL, NULL, 0, NULL, 0 }
};
