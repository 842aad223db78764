/*
 * tbundle.c: trust-bundle hygiene for pem-join (tbundle.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "base/io.h"
#include "base/ossl.h"
#include "read/opt.h"
#include "x509/keys.h"
#include "x509/x509info.h"
#include "x509/tbundle.h"

/* What the comparator sees: qsort(3) takes no context argument. */
struct tb_ctx {
	const struct tb_item	*it;
	X509			**xs;
	char			**names;
	enum tb_sort		 sort;
};
static const struct tb_ctx *tb_sorting;

/* Is x a CA: cA TRUE, or a self-signed version 1 certificate? */
static int
is_ca(X509 *x)
{
	int r;

	if (ossl_is_ca(x))
		return 1;
	r = X509_get_version(x) == X509_VERSION_1 &&
	    X509_self_signed(x, 0) == 1;
	ERR_clear_error();
	return r;
}

static int
cmp_der(const struct tb_item *a, const struct tb_item *b)
{
	size_t n = a->derlen < b->derlen ? a->derlen : b->derlen;
	int c = memcmp(a->der, b->der, n);

	if (c != 0)
		return c;
	return a->derlen < b->derlen ? -1 : a->derlen > b->derlen;
}

static int
cmp_subject(size_t a, size_t b)
{
	const char *sa = tb_sorting->names[a], *sb = tb_sorting->names[b];

	return strcmp(sa ? sa : "", sb ? sb : "");
}

static int
cmp_notafter(size_t a, size_t b)
{
	int c = ASN1_TIME_compare(X509_get0_notAfter(tb_sorting->xs[a]),
	    X509_get0_notAfter(tb_sorting->xs[b]));

	return c == -2 ? 0 : c;
}

static int
cmp_items(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c;

	if (tb_sorting->sort == TB_SORT_SUBJECT) {
		if ((c = cmp_subject(a, b)) == 0)
			c = cmp_notafter(a, b);
	} else {
		if ((c = cmp_notafter(a, b)) == 0)
			c = cmp_subject(a, b);
	}
	return c != 0 ? c : cmp_der(&tb_sorting->it[a], &tb_sorting->it[b]);
}

static void
drop(struct tb_item *t, const char *name, const char *why)
{
	t->drop = 1;
	diag_note(t->src, t->line, "%s dropped: %s", name ? name : "-", why);
}

/* Same subject and public key, the key of one another's? */
static int
same_key(X509 *a, X509 *b)
{
	EVP_PKEY *ka, *kb;

	if (X509_NAME_cmp(X509_get_subject_name(a),
	    X509_get_subject_name(b)) != 0)
		return 0;
	ka = X509_get0_pubkey(a);
	kb = X509_get0_pubkey(b);
	ERR_clear_error();
	return ka != NULL && kb != NULL && key_same(ka, kb);
}

/* Is x valid at *at (RFC 5280 section 4.1.2.5)? */
static int
valid_at(X509 *x, time_t *at)
{
	return X509_cmp_time(X509_get0_notBefore(x), at) <= 0 &&
	    X509_cmp_time(X509_get0_notAfter(x), at) >= 0;
}

/* Of two with the same subject and key, is a the one to keep rather
 * than b: valid at *at over not, self-signed (a trust anchor OpenSSL
 * takes without partial-chain) over cross-signed, then the later
 * notAfter? */
static int
better(X509 *a, X509 *b, time_t *at)
{
	int sa = X509_self_signed(a, 0) == 1, sb = X509_self_signed(b, 0) == 1;
	int va = valid_at(a, at), vb = valid_at(b, at);

	ERR_clear_error();
	if (va != vb)
		return va;
	if (sa != sb)
		return sa;
	return ASN1_TIME_compare(X509_get0_notAfter(a),
	    X509_get0_notAfter(b)) > 0;
}

int
tb_option(int ch, const char *arg, struct tb_opts *o)
{
	switch (ch) {
	case 'A':
		o->ca_only = 1;
		break;
	case 'O':
		if (strcmp(arg, "subject") == 0)
			o->sort = TB_SORT_SUBJECT;
		else if (strcmp(arg, "notafter") == 0)
			o->sort = TB_SORT_NOTAFTER;
		else {
			diag_err(NULL, 0, "--sort takes subject or notafter, "
			    "not \"%s\"", arg);
			opt_usage(EX_TROUBLE);
		}
		break;
	case 'U':
		if (strcmp(arg, "key") == 0)
			o->dedupe = TB_DEDUPE_KEY;
		else if (strcmp(arg, "cert") != 0) {
			diag_err(NULL, 0, "--dedupe takes cert or key, not "
			    "\"%s\"", arg);
			opt_usage(EX_TROUBLE);
		}
		break;
	case 'X':
		o->drop_expired = 1;
		break;
	case 'a':
		opt_at(arg, &o->at, opt_usage);
		return 1;
	default:
		return 0;
	}
	o->asked = 1;
	return 1;
}

int
tb_clean(struct tb_item *it, size_t n, const struct tb_opts *o,
    size_t *order)
{
	struct tb_ctx ctx;
	X509 **xs = NULL;
	char **names = NULL, buf[64], why[160];
	const unsigned char *p;
	size_t i, j, keep;
	time_t at = o->at;
	int rc = -1;

	xs = xmalloc((n + 1) * sizeof(*xs));
	names = xmalloc((n + 1) * sizeof(*names));
	memset(xs, 0, (n + 1) * sizeof(*xs));
	memset(names, 0, (n + 1) * sizeof(*names));
	for (i = 0; i < n; i++) {
		p = it[i].der;
		order[i] = i;
		if ((xs[i] = d2i_X509(NULL, &p, (long)it[i].derlen)) == NULL) {
			diag_err(it[i].src, it[i].line, "the certificate "
			    "does not decode");
			goto out;
		}
		names[i] = x509info_name_str(X509_get_subject_name(xs[i]));
	}
	for (i = 0; i < n; i++) {
		if (it[i].drop)
			continue;
		if (o->drop_expired &&
		    X509_cmp_time(X509_get0_notAfter(xs[i]), &at) < 0) {
			if (x509info_time(X509_get0_notAfter(xs[i]), buf,
			    sizeof(buf)) != 0)
				strcpy(buf, "?");
			snprintf(why, sizeof(why), "expired on %s", buf);
			drop(&it[i], names[i], why);
		} else if (o->ca_only && !is_ca(xs[i]))
			drop(&it[i], names[i], "not a CA certificate");
	}
	/* --dedupe key: of each group, the best (better()) stays */
	for (i = 0; o->dedupe == TB_DEDUPE_KEY && i < n; i++) {
		if (it[i].drop)
			continue;
		keep = i;
		for (j = i + 1; j < n; j++) {
			if (it[j].drop || !same_key(xs[keep], xs[j]))
				continue;
			if (better(xs[j], xs[keep], &at)) {
				snprintf(why, sizeof(why), "the same subject "
				    "and key as %s:%lu, kept", it[j].src,
				    it[j].line);
				drop(&it[keep], names[keep], why);
				keep = j;
			} else {
				snprintf(why, sizeof(why), "the same subject "
				    "and key as %s:%lu", it[keep].src,
				    it[keep].line);
				drop(&it[j], names[j], why);
			}
		}
	}
	if (o->sort != TB_SORT_NONE && n > 1) {
		ctx.it = it;
		ctx.xs = xs;
		ctx.names = names;
		ctx.sort = o->sort;
		tb_sorting = &ctx;
		qsort(order, n, sizeof(*order), cmp_items);
		tb_sorting = NULL;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		X509_free(xs[i]);
		free(names[i]);
	}
	free(xs);
	free(names);
	ERR_clear_error();
	return rc;
}
