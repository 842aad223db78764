/* chain.c: order certificates into a chain; see chain.h. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509/chain.h"
#include "base/diag.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "x509/x509info.h"

/* reach: how far the path from a certificate goes (path search) */
#define R_UNKNOWN	0
#define R_VISITING	1	/* on the current search path: a cycle */
#define R_NONE		2	/* to a missing issuer */
#define R_PINNED	3	/* to a trusted certificate, not self-signed,
				   whose issuer is nowhere */
#define R_ROOT		4	/* to a self-signed certificate */
#define R_ANCHOR	5	/* to a self-signed trust anchor */
#define R_ENDAT		6	/* to the root --end-at asks for */

#define UNIV(t, n)	((t).cls == V_ASN1_UNIVERSAL && (t).tag == (n))
#define CTX(t, n)	((t).cls == V_ASN1_CONTEXT_SPECIFIC && (t).tag == (n))

void
chain_init(struct chain_pool *p)
{
	memset(p, 0, sizeof(*p));
	within_none(&p->within);
}

/* FNV-1a, 64 bits: the index key of a name's DER. */
static uint64_t
fnv(const unsigned char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n-- > 0)
		h = (h ^ *s++) * 0x100000001b3ULL;
	return h;
}

/* The index key of a SHA-256: its first bytes, already uniform. */
static uint64_t
shakey(const unsigned char *sha256)
{
	uint64_t k;

	memcpy(&k, sha256, sizeof(k));
	return k;
}

/* The whole TLV starting at start and ending at *pp. */
#define SPAN(start, pp)	((size_t)(*(pp) - (start)))

/*
 * Locate the names, key identifiers and basicConstraints of a
 * certificate (RFC 5280 section 4.1) without decoding it.  Returns 0, or
 * -1 when the DER does not have the shape of a certificate.
 */
static int
locate(struct chain_cert *c)
{
	static const unsigned char ski[] = { 0x55, 0x1d, 0x0e },
	    aki[] = { 0x55, 0x1d, 0x23 }, bc[] = { 0x55, 0x1d, 0x13 };
	const unsigned char *p = c->der, *end = c->der + c->derlen, *q, *s,
	    *e, *v;
	struct der_tlv t, f, oid, val, in;
	int i, crit;

	if (!der_next(&p, end, &t) || !t.cons || t.indef)
		return -1;
	p = t.val;
	end = t.val + t.len;
	if (!der_next(&p, end, &t) || !t.cons || t.indef)	/* tbs */
		return -1;
	p = t.val;
	end = t.val + t.len;
	/* [0] version, serial, signature, issuer, validity, subject, spki */
	for (i = 0; i < 7; i++) {
		q = p;
		if (!der_next(&p, end, &f) || f.indef)
			return -1;
		if (i == 0 && !CTX(f, 0))
			i = 1;			/* v1: no version */
		if (i == 3) {
			c->issuer = q;
			c->issuerlen = SPAN(q, &p);
		} else if (i == 5) {
			c->subject = q;
			c->subjectlen = SPAN(q, &p);
		} else if (i == 6) {
			c->spki = q;
			c->spkilen = SPAN(q, &p);
		}
		if ((i == 3 || i == 5) && !UNIV(f, V_ASN1_SEQUENCE))
			return -1;
	}
	while (p < end) {			/* [1], [2], [3] extensions */
		if (!der_next(&p, end, &f) || f.indef)
			return -1;
		if (!CTX(f, 3))
			continue;
		q = f.val;
		if (!der_next(&q, f.val + f.len, &t) || t.indef)
			return -1;
		for (s = t.val, e = t.val + t.len; s < e;) {
			if (!der_next(&s, e, &f) || f.indef)
				return -1;
			q = f.val;
			if (!der_next(&q, f.val + f.len, &oid) ||
			    !UNIV(oid, V_ASN1_OBJECT))
				return -1;
			crit = 0;
			do {		/* critical BOOLEAN, then OCTET STRING */
				if (!der_next(&q, f.val + f.len, &val))
					return -1;
				if (UNIV(val, V_ASN1_BOOLEAN) && val.len == 1 &&
				    val.val[0] != 0)
					crit = 1;
			} while (UNIV(val, V_ASN1_BOOLEAN));
			if (oid.len != 3)
				continue;
			v = val.val;
			/* RFC 5280 4.2.1.1, 4.2.1.2: both MUST be
			 * non-critical */
			if (crit && memcmp(oid.val, ski, 3) == 0)
				c->critkeyid = "subjectKeyIdentifier";
			else if (crit && memcmp(oid.val, aki, 3) == 0)
				c->critkeyid = "authorityKeyIdentifier";
			if (memcmp(oid.val, ski, 3) == 0 &&
			    der_next(&v, val.val + val.len, &in) &&
			    UNIV(in, V_ASN1_OCTET_STRING)) {
				c->ski = in.val;
				c->skilen = (size_t)in.len;
			} else if (memcmp(oid.val, aki, 3) == 0 &&
			    der_next(&v, val.val + val.len, &in) && in.cons) {
				v = in.val;
				if (der_next(&v, in.val + in.len, &in) &&
				    CTX(in, 0)) {
					c->aki = in.val;
					c->akilen = (size_t)in.len;
				}
			} else if (memcmp(oid.val, bc, 3) == 0 &&
			    der_next(&v, val.val + val.len, &in) && in.cons) {
				v = in.val;
				c->ca = der_next(&v, in.val + in.len, &in) &&
				    UNIV(in, V_ASN1_BOOLEAN) && in.len == 1 &&
				    in.val[0] != 0;
			}
		}
	}
	if (c->subject == NULL || c->issuer == NULL)
		return -1;
	c->subjh = fnv(c->subject, c->subjectlen);
	c->issh = fnv(c->issuer, c->issuerlen);
	c->selfissued = c->subjectlen == c->issuerlen &&
	    memcmp(c->subject, c->issuer, c->subjectlen) == 0;
	return 0;
}

/* Rebuild the hash tables at twice the size. */
static void
grow(struct chain_pool *p)
{
	size_t i, h;

	free(p->bucket);
	free(p->dup);
	p->nbucket = p->ndup = p->cap * 2;
	p->bucket = xmalloc(p->nbucket * sizeof(*p->bucket));
	p->dup = xmalloc(p->ndup * sizeof(*p->dup));
	memset(p->bucket, 0, p->nbucket * sizeof(*p->bucket));
	memset(p->dup, 0, p->ndup * sizeof(*p->dup));
	for (i = 0; i < p->n; i++) {
		h = p->c[i].subjh % p->nbucket;
		p->c[i].next = p->bucket[h];
		p->bucket[h] = i + 1;
		for (h = shakey(p->c[i].sha256) % p->ndup; p->dup[h] != 0;
		    h = (h + 1) % p->ndup)
			;
		p->dup[h] = i + 1;
	}
}

static char *
name_str(const unsigned char *der, size_t len)
{
	const unsigned char *q = der;
	X509_NAME *nm;
	char *s;

	if ((nm = d2i_X509_NAME(NULL, &q, (long)len)) == NULL ||
	    (s = x509info_name_str(nm)) == NULL)
		s = xstrdup("(undecodable name)");
	X509_NAME_free(nm);
	ERR_clear_error();
	return s;
}

int
chain_add(struct chain_pool *p, const unsigned char *der, size_t len,
    const char *src, unsigned long line, unsigned long index,
    unsigned long member, int trusted)
{
	struct chain_cert *c;
	size_t h, i;
	char a[512], b[512];

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->c = xrealloc(p->c, p->cap * sizeof(*p->c));
		grow(p);
	}
	c = &p->c[p->n];
	memset(c, 0, sizeof(*c));
	c->src = src;
	c->line = line;
	c->index = index;
	c->member = member;
	c->trusted = trusted;
	c->input = !trusted;
	if (!ossl_sha256(der, len, c->sha256)) {
		diag_err(src, line, "SHA-256 failed");
		return -1;
	}
	for (h = shakey(c->sha256) % p->ndup; p->dup[h] != 0;
	    h = (h + 1) % p->ndup) {
		i = p->dup[h] - 1;
		if (p->c[i].derlen == len && memcmp(p->c[i].sha256,
		    c->sha256, 32) == 0 && memcmp(p->c[i].der, der, len) ==
		    0) {
			if (!trusted && !p->c[i].trusted)
				chain_finding(p, 1, "%s: duplicate of %s, "
				    "dropped", CHAIN_WHERE(c, a),
				    CHAIN_WHERE(&p->c[i], b));
			p->c[i].trusted |= trusted;
			p->c[i].input |= !trusted;
			return 0;
		}
	}
	c->der = xmalloc(len);
	memcpy(c->der, der, len);
	c->derlen = len;
	if (locate(c) != 0) {
		free(c->der);
		diag_err(src, line, "certificate%s does not decode",
		    member ? " in the container" : "");
		return -1;
	}
	p->dup[h] = p->n + 1;
	h = c->subjh % p->nbucket;
	c->next = p->bucket[h];
	p->bucket[h] = p->n + 1;
	p->n++;
	return 1;
}

X509 *
chain_x509(struct chain_pool *p, size_t i)
{
	struct chain_cert *c = &p->c[i];
	const unsigned char *q = c->der;

	if (c->x == NULL && (c->x = d2i_X509(NULL, &q, (long)c->derlen)) ==
	    NULL)
		ERR_clear_error();
	return c->x;
}

int
chain_self_signed(struct chain_pool *p, size_t i)
{
	X509 *x;

	/* the signature check is costly and asked for again and again */
	if (p->c[i].selfsigned == 0) {
		p->c[i].selfsigned = p->c[i].selfissued &&
		    (x = chain_x509(p, i)) != NULL &&
		    (X509_self_signed(x, 1) == 1 ||
		    /* one OpenSSL marks invalid: its own key and signature */
		    ((X509_get_extension_flags(x) & EXFLAG_INVALID) &&
		    ossl_issued_by(x, x))) ? 1 : -1;
		ERR_clear_error();
	}
	return p->c[i].selfsigned == 1;
}

/* Do the key identifiers of child and parent allow the link? */
static int
keyids_agree(const struct chain_cert *child, const struct chain_cert *par)
{
	return child->aki == NULL || par->ski == NULL ||
	    (child->akilen == par->skilen &&
	    memcmp(child->aki, par->ski, par->skilen) == 0);
}

/* Names equal as OpenSSL compares them (X509_NAME_cmp, canonical). */
static int
names_equal(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	const unsigned char *q;
	X509_NAME *na = NULL, *nb = NULL;
	int eq;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1;
	q = a;
	na = d2i_X509_NAME(NULL, &q, (long)alen);
	q = b;
	nb = d2i_X509_NAME(NULL, &q, (long)blen);
	eq = na != NULL && nb != NULL && X509_NAME_cmp(na, nb) == 0;
	X509_NAME_free(na);
	X509_NAME_free(nb);
	ERR_clear_error();
	return eq;
}

/* Warn, once per certificate, of a defect OpenSSL marks it invalid for. */
static void
defect(struct chain_pool *p, size_t i)
{
	char a[512];

	if (p->c[i].warned)
		return;
	p->c[i].warned = 1;
	chain_finding(p, 1, "%s: linked by name, key identifiers and "
	    "signature although OpenSSL marks it invalid: %s",
	    CHAIN_WHERE(&p->c[i], a), ossl_cert_defect(chain_x509(p, i)));
}

/*
 * The signatures verified for one child: a parent whose public key is
 * one already tried gives the same answer without a second verification
 * (many CAs of one subject and one key: issue 24 item 6).
 */
struct sigmemo {
	size_t		*v;		/* parents verified (pool) */
	int		*ok;
	size_t		 n, cap;
};

/* -1 when no parent with the key of parent was verified; else its result. */
static int
memo_get(const struct chain_pool *p, const struct sigmemo *m, size_t parent)
{
	const struct chain_cert *a = &p->c[parent], *b;
	size_t i;

	for (i = 0; i < m->n; i++) {
		b = &p->c[m->v[i]];
		if (a->spkilen == b->spkilen &&
		    memcmp(a->spki, b->spki, a->spkilen) == 0)
			return m->ok[i];
	}
	return -1;
}

static void
memo_put(struct sigmemo *m, size_t parent, int ok)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 4;
		m->v = xrealloc(m->v, m->cap * sizeof(*m->v));
		m->ok = xrealloc(m->ok, m->cap * sizeof(*m->ok));
	}
	m->v[m->n] = parent;
	m->ok[m->n++] = ok;
}

/*
 * Does parent issue child?  Names, key identifiers, X509_check_issued
 * (which also wants keyCertSign when keyUsage is present) and the
 * signature itself (once per distinct key of the parents: m).
 */
static int
issues(struct chain_pool *p, size_t parent, size_t child, struct sigmemo *m)
{
	X509 *xp, *xc;
	EVP_PKEY *pk;
	int ok, r;

	if (parent == child || !keyids_agree(&p->c[child], &p->c[parent]))
		return 0;
	if ((xp = chain_x509(p, parent)) == NULL ||
	    (xc = chain_x509(p, child)) == NULL)
		return 0;
	/*
	 * A missing keyCertSign is --verify's business, not the order's.
	 * A certificate OpenSSL marks invalid (duplicate extensions, a
	 * malformed SAN, a critical SKI) fails X509_check_issued whatever
	 * its links: the names (found by the index), the key identifiers
	 * (above) and the signature decide then, with a warning.
	 */
	r = X509_check_issued(xp, xc);
	if (r != X509_V_OK && r != X509_V_ERR_KEYUSAGE_NO_CERTSIGN &&
	    !((X509_get_extension_flags(xp) | X509_get_extension_flags(xc)) &
	    EXFLAG_INVALID)) {
		ERR_clear_error();
		return 0;
	}
	if ((ok = memo_get(p, m, parent)) < 0) {
		ok = (pk = X509_get0_pubkey(xp)) != NULL &&
		    X509_verify(xc, pk) == 1;
		ERR_clear_error();
		memo_put(m, parent, ok);
	}
	if (ok && r != X509_V_OK && r != X509_V_ERR_KEYUSAGE_NO_CERTSIGN)
		defect(p, (X509_get_extension_flags(xc) & EXFLAG_INVALID) ?
		    child : parent);
	return ok;
}

/*
 * The canonical hash of a name's DER: X509_NAME_hash_ex(3), the SHA-1 of
 * OpenSSL's canonical encoding, which X509_NAME_cmp(3) compares (string
 * types, case and spaces made alike), into *h.  0 when the name does not
 * decode.
 */
static int
canon_hash(const unsigned char *der, size_t len, unsigned long *h)
{
	const unsigned char *q = der;
	X509_NAME *nm;
	int ok = 0;

	if ((nm = d2i_X509_NAME(NULL, &q, (long)len)) != NULL)
		*h = X509_NAME_hash_ex(nm, NULL, NULL, &ok);
	X509_NAME_free(nm);
	ERR_clear_error();
	return ok;
}

/*
 * Index the pool by the canonical hash of each subject: built when an
 * issuer is first looked for by it, and again only when certificates
 * were added since (the system store, --fetch); each name is hashed once.
 */
static void
canon_index(struct chain_pool *p)
{
	struct chain_cert *c;
	size_t i, h;

	if (p->cbucket != NULL && p->ncanon == p->n)
		return;
	free(p->cbucket);
	p->ncbucket = 2 * p->n + 1;
	p->cbucket = xmalloc(p->ncbucket * sizeof(*p->cbucket));
	memset(p->cbucket, 0, p->ncbucket * sizeof(*p->cbucket));
	for (i = 0; i < p->n; i++) {
		c = &p->c[i];
		if (c->canon == 0)
			c->canon = canon_hash(c->subject, c->subjectlen,
			    &c->canonh) ? 1 : -1;
		if (c->canon != 1)
			continue;
		h = c->canonh % p->ncbucket;
		c->cnext = p->cbucket[h];
		p->cbucket[h] = i + 1;
	}
	p->ncanon = p->n;
}

/*
 * One candidate d (an index of p) for the issuer of child: counted in
 * *tried, appended to (*v)[0..*n) (room *cap, grown) when its key signs
 * child.  Returns 0 once more than CHAIN_MAX_ISSUERS were tried (the
 * search stops), else 1.
 */
static int
try_issuer(struct chain_pool *p, size_t d, size_t child, struct sigmemo *m,
    size_t *tried, size_t **v, size_t *n, size_t *cap)
{
	if (++*tried > CHAIN_MAX_ISSUERS)
		return 0;
	if (issues(p, d, child, m)) {
		if (*n == *cap)
			*v = xrealloc(*v, (*cap *= 2) * sizeof(**v));
		(*v)[(*n)++] = d;
	}
	return 1;
}

/*
 * The certificates that issue child, into *out (a new array; count
 * returned).  The index finds equal name DER; when that finds none, the
 * canonical index finds names equal as OpenSSL compares them, for
 * issuers whose name is encoded differently (RFC 5280 section 7.1).
 * Each certificate with the name and agreeing key identifiers is
 * tried; past CHAIN_MAX_ISSUERS of them the search stops (p->capped,
 * p->crowded) and none is returned.
 */
static size_t
issuers(struct chain_pool *p, size_t child, size_t **out)
{
	const struct chain_cert *c = &p->c[child], *d;
	struct sigmemo m = { NULL, NULL, 0, 0 };
	size_t i, n = 0, cap = 4, *v, tried = 0;
	unsigned long h;

	v = xmalloc(cap * sizeof(*v));
	for (i = p->bucket[c->issh % p->nbucket]; i != 0;
	    i = p->c[i - 1].next) {
		d = &p->c[i - 1];
		if (d->subjectlen != c->issuerlen || memcmp(d->subject,
		    c->issuer, c->issuerlen) != 0 || !keyids_agree(c, d))
			continue;
		if (!try_issuer(p, i - 1, child, &m, &tried, &v, &n, &cap))
			break;
	}
	if (n == 0 && tried <= CHAIN_MAX_ISSUERS &&
	    canon_hash(c->issuer, c->issuerlen, &h)) {
		canon_index(p);
		for (i = p->cbucket[h % p->ncbucket]; i != 0;
		    i = p->c[i - 1].cnext) {
			d = &p->c[i - 1];
			if (d->canonh != h || (d->subjectlen == c->issuerlen &&
			    memcmp(d->subject, c->issuer, c->issuerlen) == 0) ||
			    !keyids_agree(c, d) || !names_equal(d->subject,
			    d->subjectlen, c->issuer, c->issuerlen))
				continue;	/* equal DER: tried above */
			if (!try_issuer(p, i - 1, child, &m, &tried, &v, &n,
			    &cap))
				break;
		}
	}
	if (tried > CHAIN_MAX_ISSUERS) {
		p->capped = 1;
		if (p->crowded == 0)
			p->crowded = child + 1;
		n = 0;
	}
	free(m.v);
	free(m.ok);
	*out = v;
	return n;
}

int
chain_capped(const struct chain_pool *p)
{
	const struct chain_cert *c;
	char a[512], *s;
	int r;

	if (p->crowded == 0)
		return diag_err(NULL, 0, "the chain is longer than %d "
		    "certificates: stopped there", CHAIN_MAX_DEPTH);
	c = &p->c[p->crowded - 1];
	s = name_str(c->issuer, c->issuerlen);
	r = diag_err(NULL, 0, "more than %d certificates named %s could "
	    "issue the one at %s (key identifiers agree or are absent): "
	    "stopped there, no chain chosen", CHAIN_MAX_ISSUERS, s,
	    CHAIN_WHERE(c, a));
	free(s);
	return r;
}

/*
 * How far does the best path from start go?  A depth-first search,
 * iterative (a 200,000-deep chain must not overflow the stack) and
 * memoised, so each certificate's issuers are looked up once: linear in
 * the pool.  A certificate on the current path counts as a dead end, so
 * cycles end; so does a path longer than CHAIN_MAX_DEPTH (p->capped).
 */
struct frame {
	size_t		 i, *v, n, k;
	int		 best;
};

static int
first_visit(struct chain_pool *p, struct frame *f, size_t depth)
{
	struct chain_cert *c = &p->c[f->i];

	f->v = NULL;
	f->n = f->k = 0;
	f->best = R_NONE;
	if (p->endat != 0 && f->i == p->endat - 1)
		return c->reach = R_ENDAT;
	if (chain_self_signed(p, f->i))
		return c->reach = c->trusted ? R_ANCHOR : R_ROOT;
	if (depth >= CHAIN_MAX_DEPTH) {
		p->capped = 1;
		return c->reach = R_NONE;
	}
	c->reach = R_VISITING;
	f->n = issuers(p, f->i, &f->v);
	return R_UNKNOWN;
}

static int
reach(struct chain_pool *p, size_t start)
{
	struct frame *st;
	size_t sp = 0, cap = 16, child;
	int r;

	if (p->c[start].reach != R_UNKNOWN)
		return p->c[start].reach == R_VISITING ? R_NONE :
		    p->c[start].reach;
	st = xmalloc(cap * sizeof(*st));
	st[sp].i = start;
	if ((r = first_visit(p, &st[sp], 0)) != R_UNKNOWN) {
		free(st);
		return r;
	}
	sp++;
	while (sp > 0) {
		struct frame *f = &st[sp - 1];

		if (f->k < f->n && f->best < R_ENDAT) {
			child = f->v[f->k++];
			if ((r = p->c[child].reach) != R_UNKNOWN) {
				if (r == R_VISITING)
					r = R_NONE;
				if (r > f->best)
					f->best = r;
				continue;
			}
			if (sp == cap)
				st = xrealloc(st, (cap *= 2) * sizeof(*st));
			f = &st[sp - 1];
			st[sp].i = child;
			if ((r = first_visit(p, &st[sp], sp)) != R_UNKNOWN) {
				if (r > f->best)
					f->best = r;
				continue;
			}
			sp++;
			continue;
		}
		/* a trusted certificate whose issuer is nowhere ends the
		 * path after all, as the user trusted it */
		if (f->best == R_NONE && p->c[f->i].trusted)
			f->best = R_PINNED;
		p->c[f->i].reach = f->best;
		free(f->v);
		r = f->best;
		if (--sp > 0 && r > st[sp - 1].best)
			st[sp - 1].best = r;
	}
	r = p->c[start].reach;
	free(st);
	return r;
}

/* Is certificate i valid at p->at?  1; -1 expired; -2 not yet valid. */
static int
valid(struct chain_pool *p, size_t i)
{
	X509 *x;

	if (p->c[i].valid == 0) {
		if ((x = chain_x509(p, i)) == NULL)
			p->c[i].valid = 1;	/* not ours to judge */
		else if (X509_cmp_time(X509_get0_notAfter(x), &p->at) < 0)
			p->c[i].valid = -1;
		else if (X509_cmp_time(X509_get0_notBefore(x), &p->at) > 0)
			p->c[i].valid = -2;
		else
			p->c[i].valid = 1;
		ERR_clear_error();
	}
	return p->c[i].valid;
}

int
chain_valid(struct chain_pool *p, size_t i)
{
	return valid(p, i);
}

int
chain_complete(struct chain_pool *p, size_t i)
{
	return reach(p, i) >= R_ROOT;
}

/*
 * Is a a better issuer than b?  The path to the --end-at root, then
 * validity at p->at, then how far the path goes, then the later notAfter,
 * then the smaller SHA-256.
 */
static int
better(struct chain_pool *p, size_t a, size_t b, const char **why)
{
	X509 *xa = chain_x509(p, a), *xb = chain_x509(p, b);
	int r;

	if ((reach(p, a) == R_ENDAT) != (reach(p, b) == R_ENDAT)) {
		*why = "its path ends at the --end-at root";
		return reach(p, a) == R_ENDAT;
	}
	if ((valid(p, a) == 1) != (valid(p, b) == 1)) {
		*why = valid(p, a) == 1 ? (valid(p, b) == -1 ? "the other "
		    "has expired" : "the other is not yet valid") :
		    "it is valid at the time";
		return valid(p, a) == 1;
	}
	if (reach(p, a) != reach(p, b)) {
		*why = reach(p, a) == R_ANCHOR || reach(p, b) == R_ANCHOR ?
		    "it reaches a trust anchor" : "its path is complete";
		return reach(p, a) > reach(p, b);
	}
	if (xa != NULL && xb != NULL && (r = ASN1_TIME_compare(
	    X509_get0_notAfter(xa), X509_get0_notAfter(xb))) != 0) {
		*why = "it has the later notAfter";
		return r > 0;
	}
	*why = "equal in all else, by SHA-256";
	return memcmp(p->c[a].sha256, p->c[b].sha256, 32) < 0;
}

size_t *
chain_build(struct chain_pool *p, size_t leaf, size_t *n,
    enum chain_end *end)
{
	size_t *out, cap = 8, cur = leaf, *v, k, nv, best;
	const char *why = "", *w = "";
	char a[512], b[512], *s;

	out = xmalloc(cap * sizeof(*out));
	*n = 0;
	for (;;) {
		if (*n == cap)
			out = xrealloc(out, (cap *= 2) * sizeof(*out));
		out[(*n)++] = cur;
		p->c[cur].onchain = 1;
		/* only a self-signed certificate ends the chain: an
		 * intermediate from a trust file is written, its issuer
		 * looked for */
		if (chain_self_signed(p, cur)) {
			*end = p->c[cur].trusted ? CHAIN_ANCHOR : CHAIN_ROOT;
			break;
		}
		if (*n > CHAIN_MAX_DEPTH) {
			p->capped = 1;
			*end = CHAIN_MISSING;
			break;
		}
		nv = issuers(p, cur, &v);
		best = (size_t)-1;
		for (k = 0; k < nv; k++) {
			if (p->c[v[k]].onchain)
				continue;
			if (best == (size_t)-1)
				best = v[k];
			else if (better(p, v[k], best, &w))
				best = v[k];
			why = w;
		}
		if (best != (size_t)-1 && nv > 1) {
			s = name_str(p->c[best].subject,
			    p->c[best].subjectlen);
			chain_finding(p, 1, "%zu certificates can issue the "
			    "one at %s; took %s at %s: %s", nv,
			    CHAIN_WHERE(&p->c[cur], a), s,
			    CHAIN_WHERE(&p->c[best], b), why);
			free(s);
		}
		free(v);
		if (best == (size_t)-1 && p->c[cur].trusted) {
			chain_finding(p, 1, "the chain ends at %s, a trusted "
			    "certificate that is not self-signed: its issuer "
			    "is in no input or trust store",
			    CHAIN_WHERE(&p->c[cur], a));
			*end = CHAIN_ANCHOR;
			break;
		}
		if (best == (size_t)-1) {
			*end = CHAIN_MISSING;
			break;
		}
		cur = best;
	}
	return out;
}

const char *
chain_link_words(const struct chain_pool *p, size_t child, size_t parent)
{
	return p->c[child].aki != NULL && p->c[parent].ski != NULL ?
	    "name+keyid+signature" : "name+signature";
}

/* Rank of a leaf candidate: 0 never; higher is better. */
static int
rank(struct chain_pool *p, size_t i)
{
	const struct chain_cert *c = &p->c[i];

	if ((c->trusted && !c->input) || c->haschild)
		return 0;
	if (!c->ca && !c->selfissued)
		return 4;		/* end-entity */
	if (!c->selfissued)
		return 3;		/* an intermediate: no leaf given */
	if (!chain_self_signed(p, i))
		return 2;		/* self-issued, not self-signed */
	if (!c->ca)
		return 1;		/* a self-signed end-entity */
	return 0;			/* a self-signed CA: a stray */
}

int
chain_leaf(struct chain_pool *p, const char *host, size_t *leaf)
{
	size_t i, j, n = 0, *cand, h, *ib, *inext;
	int best = 0, r;
	char a[512], *s;

	/*
	 * Mark every certificate that some other one names as issuer, with
	 * agreeing key identifiers: index the issuer names, then look each
	 * subject up and stop at the first child (linear, even when many
	 * certificates share one name).
	 */
	ib = xmalloc(p->nbucket * sizeof(*ib));
	inext = xmalloc((p->n + 1) * sizeof(*inext));
	memset(ib, 0, p->nbucket * sizeof(*ib));
	for (i = 0; i < p->n; i++) {
		h = p->c[i].issh % p->nbucket;
		inext[i] = ib[h];
		ib[h] = i + 1;
	}
	for (i = 0; i < p->n; i++) {
		h = p->c[i].subjh % p->nbucket;
		for (j = ib[h]; j != 0 && !p->c[i].haschild; j = inext[j - 1])
			if (j - 1 != i && p->c[j - 1].issuerlen ==
			    p->c[i].subjectlen && memcmp(p->c[j - 1].issuer,
			    p->c[i].subject, p->c[i].subjectlen) == 0 &&
			    keyids_agree(&p->c[j - 1], &p->c[i]))
				p->c[i].haschild = 1;
	}
	free(ib);
	free(inext);
	cand = xmalloc((p->n + 1) * sizeof(*cand));
	/* a self-issued certificate ranks 2 at best, and costs a signature
	 * check to rank: only when nothing ranks higher */
	for (i = 0; i < p->n && best < 3; i++)
		if (!p->c[i].selfissued && !p->c[i].haschild &&
		    (!p->c[i].trusted || p->c[i].input))
			best = 3;
	best = best == 3 ? 2 : 0;
	for (i = 0; i < p->n; i++) {
		if (best >= 2 && p->c[i].selfissued)
			continue;
		if ((r = rank(p, i)) > best) {
			best = r;
			n = 0;
		}
		if (r == best && r > 0)
			cand[n++] = i;
	}
	if (n > 1 && host != NULL) {
		for (i = j = 0; i < n; i++)
			if (chain_x509(p, cand[i]) != NULL &&
			    ossl_covers(p->c[cand[i]].x, host))
				cand[j++] = cand[i];
		if (j == 0) {
			free(cand);
			return diag_err(NULL, 0, "no leaf covers %s", host);
		}
		n = j;
	}
	if (n == 1) {
		*leaf = cand[0];
		free(cand);
		return EX_YES;
	}
	if (n == 0) {
		free(cand);
		return diag_err(NULL, 0, "no single chain: every certificate "
		    "of the input issued another one, or is a self-signed CA "
		    "(a root store?); give the leaf");
	}
	diag_err(NULL, 0, "%zu certificates could be the leaf; choose one "
	    "with --host NAME:", n);
	for (i = 0; i < n && i < DIAG_LIST_MAX; i++) {
		s = name_str(p->c[cand[i]].subject,
		    p->c[cand[i]].subjectlen);
		fprintf(stderr, "  %s: %s\n", CHAIN_WHERE(&p->c[cand[i]], a),
		    s);
		free(s);
	}
	diag_list_more(n);
	free(cand);
	return EX_TROUBLE;
}

/* A root store is not a chain: no end-entity, several self-signed
 * certificates off the chain (a CA bundle, osx.pem). */
int
chain_root_store(struct chain_pool *p, size_t leaf)
{
	size_t i, roots = 0;

	if (!p->c[leaf].ca && !p->c[leaf].selfissued)
		return 0;
	for (i = 0; i < p->n; i++)
		if (p->c[i].input && !p->c[i].onchain &&
		    chain_self_signed(p, i))
			roots++;
	if (roots < 2)
		return 0;
	diag_err(NULL, 0, "no single chain: the input holds no end-entity "
	    "certificate and %zu self-signed certificates off any chain (a "
	    "root store?); give the leaf", roots);
	return 1;
}

void
chain_finding(struct chain_pool *p, int always, const char *fmt, ...)
{
	va_list ap;
	char buf[2048];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (always && p->warn)
		diag_warn(NULL, 0, "%s", buf);
	else if (p->strict)
		diag_err(NULL, 0, "%s", buf);	/* a repair is an error */
	else
		diag_note(NULL, 0, "%s", buf);
	p->findings = xrealloc(p->findings, (p->nfindings + 1) *
	    sizeof(*p->findings));
	p->findings[p->nfindings++] = xstrdup(buf);
}

void
chain_reset(struct chain_pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		p->c[i].onchain = p->c[i].reach = 0;
}

void
chain_free(struct chain_pool *p)
{
	size_t i;

	for (i = 0; i < p->nfindings; i++)
		free(p->findings[i]);
	free(p->findings);

	for (i = 0; i < p->n; i++) {
		free(p->c[i].der);
		X509_free(p->c[i].x);
	}
	free(p->c);
	free(p->bucket);
	free(p->dup);
	free(p->cbucket);
	memset(p, 0, sizeof(*p));
}

/* Was a read before b in the input stream? */
static int
read_before(const struct chain_cert *a, const struct chain_cert *b)
{
	return a->index < b->index || (a->index == b->index &&
	    a->member < b->member);
}

/* Does certificate i expire within p->within of p->at?  Its notAfter,
 * as 2030-01-31T00:00:00Z, into date[32]; *left and *life the seconds
 * it has to go and its lifetime (RFC 5280 4.1.2.5). */
static int
expires_within(struct chain_pool *p, size_t i, char *date, long long *left,
    long long *life)
{
	X509 *x = chain_x509(p, i);
	ASN1_TIME *at = NULL;
	struct tm tm;
	int d1, s1, d2, s2, hit = 0;

	*date = '\0';
	if (x == NULL || (at = ASN1_TIME_set(NULL, p->at)) == NULL ||
	    !ASN1_TIME_diff(&d1, &s1, at, X509_get0_notAfter(x)) ||
	    !ASN1_TIME_diff(&d2, &s2, X509_get0_notBefore(x),
	    X509_get0_notAfter(x)))
		goto out;
	*left = (long long)d1 * 86400 + s1;
	*life = (long long)d2 * 86400 + s2;
	if (!within_hit(&p->within, *life, *left))
		goto out;
	hit = 1;
	if (ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm) == 1)
		strftime(date, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
out:
	ASN1_TIME_free(at);
	ERR_clear_error();
	return hit;
}

/* "in 9 days" for secs from now, whole units counted down (9 days 23
 * hours is "in 9 days"); under two days hours, under two hours
 * minutes; into buf[512]. */
static const char *
span_in(long long secs, char *buf)
{
	long long v = secs / 60;
	const char *u = "minute";

	if (secs >= 2 * 86400)
		v = secs / 86400, u = "day";
	else if (secs >= 2 * 3600)
		v = secs / 3600, u = "hour";
	snprintf(buf, 512, "in %lld %s%s", v, u, v == 1 ? "" : "s");
	return buf;
}

/* secs as "30 days", "12 hours", "1 second" into buf[512]. */
static const char *
span_words(long long secs, char *buf)
{
	long long v = secs;
	const char *u = "second";

	if (secs != 0 && secs % 86400 == 0) {
		v = secs / 86400;
		u = "day";
	} else if (secs != 0 && secs % 3600 == 0) {
		v = secs / 3600;
		u = "hour";
	}
	snprintf(buf, 512, "%lld %s%s", v, u, v == 1 ? "" : "s");
	return buf;
}

void
chain_findings(struct chain_pool *p, const size_t *ch, size_t n, size_t leaf,
    size_t first, size_t nout)
{
	size_t i, nstray = 0, prev;
	char a[512], b[512], list[1600] = "", date[32], *s, *t;
	long long left, life;

	for (i = 0; i < p->n; i++)
		if (!p->c[i].onchain && p->c[i].input && nstray++ < 3) {
			snprintf(list + strlen(list), sizeof(list) -
			    strlen(list), "%s%s", nstray > 1 ? ", " : "",
			    CHAIN_WHERE(&p->c[i], a));
		}
	if (nstray > 0)
		chain_finding(p, 1, "%zu certificate%s %s not on the chain, "
		    "dropped: %s%s", nstray, nstray == 1 ? "" : "s",
		    nstray == 1 ? "is" : "are", list, nstray > 3 ? ", ..." : "");
	for (i = 0; i < n; i++)
		if (chain_valid(p, ch[i]) != 1)
			chain_finding(p, 1, "the chain goes through %s, "
			    "which %s at the time checked",
			    CHAIN_WHERE(&p->c[ch[i]], a),
			    chain_valid(p, ch[i]) == -1 ? "has expired" :
			    "is not yet valid");
	for (i = 0; i < n && within_on(&p->within); i++) {
		if (chain_valid(p, ch[i]) != 1 || !expires_within(p, ch[i],
		    date, &left, &life))
			continue;
		if (p->within.ppm < 0)
			chain_finding(p, 1, "the chain goes through %s, which "
			    "expires within %s (--expires-within): notAfter %s",
			    CHAIN_WHERE(&p->c[ch[i]], a), span_words(
			    p->within.secs, b), date);
		else
			chain_finding(p, 1, "the chain goes through %s, which "
			    "expires %s, %d%% of its lifetime left "
			    "(--expires-within): notAfter %s",
			    CHAIN_WHERE(&p->c[ch[i]], a), span_in(left, b),
			    within_pct(life, left), date);
	}
	for (i = 0; i < n; i++)
		if (p->c[ch[i]].critkeyid != NULL && !p->c[ch[i]].warned) {
			p->c[ch[i]].warned = 1;
			chain_finding(p, 1, "%s marks its %s critical (RFC "
			    "5280 section 4.2.1.%d: must not be): linked by "
			    "name, key identifiers and signature all the same; "
			    "OpenSSL's verification refuses it",
			    CHAIN_WHERE(&p->c[ch[i]], a), p->c[ch[i]].critkeyid,
			    p->c[ch[i]].critkeyid[0] == 's' ? 2 : 1);
		}
	if (nout < n && p->c[ch[n - 1]].input)
		chain_finding(p, 0, "the root %s is left out (-r keeps it)",
		    CHAIN_WHERE(&p->c[ch[n - 1]], a));
	if (leaf != first)
		chain_finding(p, 0, "the input did not start with the "
		    "leaf: the leaf is at %s", CHAIN_WHERE(&p->c[leaf], a));
	/* each certificate certifies the one before it (RFC 8446 4.4.2,
	 * RFC 5246 7.4.2): the input's issuers in the chain's order */
	for (i = 1, prev = (size_t)-1; i < nout; i++) {
		if (!p->c[ch[i]].input || p->c[ch[i]].fetched)
			continue;
		if (prev != (size_t)-1 && read_before(&p->c[ch[i]],
		    &p->c[prev])) {
			s = name_str(p->c[ch[i]].subject,
			    p->c[ch[i]].subjectlen);
			t = name_str(p->c[prev].subject, p->c[prev].subjectlen);
			chain_finding(p, 0, "intermediates out of order: %s "
			    "(%s) should come after %s (%s)",
			    CHAIN_WHERE(&p->c[ch[i]], a), s,
			    CHAIN_WHERE(&p->c[prev], b), t);
			free(s);
			free(t);
		}
		prev = ch[i];
	}
	/* the bytes written are the input's only when each written
	 * certificate was read from it as PEM */
	for (i = 0; i < nout; i++)
		if (p->c[ch[i]].fetched)
			chain_finding(p, 0, "%s is not in the input: fetched "
			    "by --fetch", CHAIN_WHERE(&p->c[ch[i]], a));
		else if (!p->c[ch[i]].input)
			chain_finding(p, 0, "%s is not in the input: added "
			    "from a trust file", CHAIN_WHERE(&p->c[ch[i]], a));
		else if (p->c[ch[i]].line == 0 || p->c[ch[i]].member != 0)
			chain_finding(p, 0, "%s was read as %s: written as PEM",
			    CHAIN_WHERE(&p->c[ch[i]], a), p->c[ch[i]].member ?
			    "a member of a container" : "DER");
}
