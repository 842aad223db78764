/*
 * dnsname.c: helpers for the lint rules on DNS names (dnsname.h).
 */
#include <stdio.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "lint/dnsname.h"
#include "lint/engine.h"

static int
has_byte(const unsigned char *p, size_t n, int b)
{
	return memchr(p, b, n) != NULL;
}

/* name (n bytes) printable into buf: other bytes as \xHH, long names
 * cut with "..." */
const char *
lint_show(char *buf, size_t size, const unsigned char *p, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 8 < size; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' &&
		    p[i] != '\\')
			buf[o++] = (char)p[i];
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x",
			    p[i]);
		if (o > 100 && i + 1 < n) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
	}
	buf[o] = '\0';
	return buf;
}


void
lint_each_dns(struct lint_ctx *c, int nid, lint_name_fn fn)
{
	X509_EXTENSION *e = lint_ext(c, nid);
	GENERAL_NAMES *gn;
	GENERAL_NAME *g;
	int i;

	if (e == NULL || (gn = X509V3_EXT_d2i(e)) == NULL)
		return;
	for (i = 0; i < sk_GENERAL_NAME_num(gn); i++) {
		g = sk_GENERAL_NAME_value(gn, i);
		if (g->type == GEN_DNS)
			fn(c, ASN1_STRING_get0_data(g->d.dNSName),
			    (size_t)ASN1_STRING_length(g->d.dNSName));
	}
	GENERAL_NAMES_free(gn);
}

/* The labels of name p[0..n) (dnsname.h). */
void
lint_split(const unsigned char *p, size_t n, struct lint_labels *l)
{
	size_t i, s = 0;

	l->n = 0;
	for (i = 0; i <= n && l->n < LINT_MAXLAB; i++)
		if (i == n || p[i] == '.') {
			l->off[l->n] = s;
			l->len[l->n++] = i - s;
			s = i + 1;
		}
}


/* RFC 1034 3.5, BR 7.1.4.2: a label of a name is never empty (a name
 * ending in "." is not written so in a certificate). */
void
lint_dns_empty_label(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	size_t i;

	lint_split(p, n, &l);
	for (i = 0; i < l.n; i++)
		if (l.len[i] == 0) {
			lint_find(c, "the DNS name \"%s\" has an empty label",
			    LINT_SHOW(buf, p, n));
			return;
		}
}

/* RFC 1035 2.3.4: a label is at most 63 octets. */
void
lint_dns_label_long(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	size_t i;

	lint_split(p, n, &l);
	for (i = 0; i < l.n; i++)
		if (l.len[i] > 63) {
			lint_find(c, "the DNS name \"%s\" has a label of %zu "
			    "octets, more than 63", LINT_SHOW(buf, p, n), l.len[i]);
			return;
		}
}

/* BR 7.1.4.2 (7.1.2.7.12 in BR 2.0): a dNSName is P-Labels and LDH
 * labels, and an LDH label neither starts nor ends with a hyphen (RFC
 * 1034 3.5, RFC 5890 2.3.1).  zlint judges the second-level label only
 * (by the public-suffix list); the text holds every label, so each one
 * left of the top-level label is judged here. */
void
lint_dns_hyphen_sld(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];
	const unsigned char *s;
	size_t i;

	lint_split(p, n, &l);
	for (i = 0; i + 1 < l.n; i++) {
		s = p + l.off[i];
		if (l.len[i] > 0 && (s[0] == '-' || s[l.len[i] - 1] == '-')) {
			lint_find(c, "the DNS name \"%s\" has a label that "
			    "starts or ends with a hyphen", LINT_SHOW(buf, p, n));
			return;
		}
	}
}

/* BR 7.1.4.2.1: underscores are not in host names (RFC 1034 3.5); the
 * second-level label is an error, a lower one a warning (zlint's
 * split; after 2019-04-01 every underscore is an error, below). */
void
lint_dns_us_sld(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];

	lint_split(p, n, &l);
	if (l.n >= 2 && has_byte(p + l.off[l.n - 2], l.len[l.n - 2], '_'))
		lint_find(c, "the DNS name \"%s\" has an underscore in its "
		    "second-level label", LINT_SHOW(buf, p, n));
}

void
lint_dns_us_trd(struct lint_ctx *c, const unsigned char *p, size_t n)
{
	struct lint_labels l;
	char buf[160];

	lint_split(p, n, &l);
	if (l.n >= 3 && has_byte(p, l.off[l.n - 2], '_'))
		lint_find(c, "the DNS name \"%s\" has an underscore below "
		    "its second-level label", LINT_SHOW(buf, p, n));
}
