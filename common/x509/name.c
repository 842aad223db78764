/* name.c: pem-split's file-name templates; see name.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "base/diag.h"
#include "base/json.h"
#include "x509/name.h"
#include "base/ossl.h"
#include "read/pem.h"

#define CN_MAX	100

/* Step into the constructed TLV at *p; returns its content length, or -1. */
static long
enter(const unsigned char **p, const unsigned char *end)
{
	long len;
	int tag, cls, ret;

	ret = ASN1_get_object(p, &len, &tag, &cls, end - *p);
	if ((ret & 0x80) || !(ret & 0x20) || ret == 0x21) {
		ERR_clear_error();
		return -1;
	}
	return len;
}

/* Skip one TLV at *p; returns 0, or -1. */
static int
skip(const unsigned char **p, const unsigned char *end, int *tagp, int *clsp)
{
	long len;
	int ret;

	ret = ASN1_get_object(p, &len, tagp, clsp, end - *p);
	if ((ret & 0x80) || ret == 0x21) {
		ERR_clear_error();
		return -1;
	}
	*p += len;
	return 0;
}

/*
 * block_name: the subject of a certificate or CSR, or the issuer of
 * a CRL, decoded alone with d2i_X509_NAME after locating it with
 * ASN1_get_object (RFC 5280 4.1.2.4-6, 5.1.2.3; RFC 2986 4.1): about
 * 3 us instead of the 100 us of a full d2i_X509.  Returns a new
 * X509_NAME the caller frees, or NULL (not such a block, or malformed).
 */
static X509_NAME *
block_name(const struct pem_block *b)
{
	const unsigned char *p = b->der, *end = b->der + b->derlen, *q;
	long len;
	int tag, cls, i, nskip;
	X509_NAME *name;

	/* Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { ... */
	if (b->kind != PK_CERT && b->kind != PK_CSR && b->kind != PK_CRL)
		return NULL;
	if (enter(&p, end) < 0 || (len = enter(&p, end)) < 0)
		return NULL;
	end = p + len;
	/*
	 * Fields before the name: certificate [0] version, serial,
	 * signature, issuer, validity | subject (RFC 5280 4.1); CSR version |
	 * subject (RFC 2986 4.1); CRL [version], signature | issuer (RFC 5280
	 * 5.1).
	 */
	nskip = b->kind == PK_CERT ? 5 : 1;
	for (i = 0; i < nskip; i++) {
		if (skip(&p, end, &tag, &cls) < 0)
			return NULL;
		if (i == 0 && b->kind == PK_CERT &&
		    !(cls == V_ASN1_CONTEXT_SPECIFIC && tag == 0))
			nskip = 4;	/* v1: no version field */
		if (i == 0 && b->kind == PK_CRL && tag == V_ASN1_INTEGER &&
		    cls == V_ASN1_UNIVERSAL)
			nskip = 2;	/* v2: version, then signature */
	}
	q = p;
	name = d2i_X509_NAME(NULL, &q, end - p);
	if (name == NULL)
		ERR_clear_error();
	return name;
}

const char *
name_check(const char *tmpl)
{
	const char *p;
	int width;

	for (p = tmpl; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		p++;
		for (width = 0; *p >= '0' && *p <= '9'; p++)
			if ((width = width * 10 + (*p - '0')) > 64)
				return "field width over 64";
		switch (*p) {
		case 'n': case 't': case 'c': case 'h': case 'f':
			break;
		case '%':
			if (width == 0)
				break;
			/* FALLTHROUGH */
		default:
			return "unknown field: use %n, %t, %c, %h, %f or %%";
		}
	}
	return NULL;
}

/* Count of earlier blocks with this hash; remembers this one. */
static unsigned
seen(struct name_state *st, unsigned long key)
{
	size_t i, j, osize;
	unsigned long *okeys;
	unsigned *ocounts;

	if (st->used * 2 >= st->size) {
		osize = st->size;
		okeys = st->keys;
		ocounts = st->counts;
		st->size = osize ? osize * 2 : 64;
		st->keys = xmalloc(st->size * sizeof(*st->keys));
		st->counts = xmalloc(st->size * sizeof(*st->counts));
		memset(st->keys, 0, st->size * sizeof(*st->keys));
		for (i = 0; i < osize; i++) {
			if (okeys[i] == 0)
				continue;
			for (j = okeys[i] & (st->size - 1); st->keys[j] != 0;)
				j = (j + 1) & (st->size - 1);
			st->keys[j] = okeys[i];
			st->counts[j] = ocounts[i];
		}
		free(okeys);
		free(ocounts);
	}
	key |= 1UL << (sizeof(key) * 8 - 1);	/* never 0 */
	for (j = (key * 2654435761UL) & (st->size - 1); st->keys[j] != 0;
	    j = (j + 1) & (st->size - 1))
		if (st->keys[j] == key)
			return st->counts[j]++;
	st->keys[j] = key;
	st->counts[j] = 1;
	st->used++;
	return 0;
}

/* "N", or "N.M" for member M of block N (pemkit(7)), into buf[n]. */
static const char *
number(unsigned long index, unsigned long member, char *buf, size_t n)
{
	if (member != 0)
		snprintf(buf, n, "%lu.%lu", index, member);
	else
		snprintf(buf, n, "%lu", index);
	return buf;
}

const char *
name_number(const struct pem_block *b, char *buf, size_t n)
{
	return number(b->index, b->member, buf, n);
}

int
name_claim(struct name_state *st, const char *path, unsigned long index,
    unsigned long member, char *prev, size_t n)
{
	const unsigned char *p;
	unsigned long h, j, mask;
	size_t i, osize;
	char **opaths;
	unsigned long *oidx, *omem;

	if (st->pused * 2 >= st->psize) {
		osize = st->psize;
		opaths = st->paths;
		oidx = st->pidx;
		omem = st->pmem;
		st->psize = osize ? osize * 2 : 64;
		st->paths = xmalloc(st->psize * sizeof(*st->paths));
		st->pidx = xmalloc(st->psize * sizeof(*st->pidx));
		st->pmem = xmalloc(st->psize * sizeof(*st->pmem));
		memset(st->paths, 0, st->psize * sizeof(*st->paths));
		st->pused = 0;
		for (i = 0; i < osize; i++)
			if (opaths[i] != NULL) {
				name_claim(st, opaths[i], oidx[i], omem[i],
				    prev, n);
				free(opaths[i]);
			}
		free(opaths);
		free(oidx);
		free(omem);
	}
	/* FNV-1a */
	for (h = 2166136261UL, p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 16777619UL;
	mask = st->psize - 1;
	for (j = h & mask; st->paths[j] != NULL; j = (j + 1) & mask)
		if (strcmp(st->paths[j], path) == 0) {
			number(st->pidx[j], st->pmem[j], prev, n);
			return 1;
		}
	st->paths[j] = xstrdup(path);
	st->pidx[j] = index;
	st->pmem[j] = member;
	st->pused++;
	return 0;
}

void
name_free(struct name_state *st)
{
	size_t i;

	for (i = 0; i < st->psize; i++)
		free(st->paths[i]);
	free(st->paths);
	free(st->pidx);
	free(st->pmem);
	free(st->keys);
	free(st->counts);
	memset(st, 0, sizeof(*st));
}

/* Append a field, made safe: no '/', no leading '.', no control bytes;
 * valid UTF-8 (RFC 3629) is kept, so non-ASCII names stay apart. */
static void
put_safe(char *out, size_t *len, size_t outsz, const char *s, int *over)
{
	size_t k;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (*len + 1 >= outsz) {
			*over = 1;
			return;
		}
		if (c >= 0x80 && (k = utf8_len((const unsigned char *)s,
		    strlen(s))) > 0) {
			if (*len + k >= outsz) {
				*over = 1;
				return;
			}
			memcpy(out + *len, s, k);
			*len += k;
			s += k - 1;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '_') || (c == '.' && (*len == 0 ||
		    out[*len - 1] == '/')))
			c = '_';
		out[(*len)++] = (char)c;
	}
}

int
name_expand(const char *tmpl, const struct pem_block *b,
    struct name_state *st, char *out, size_t outsz)
{
	unsigned char md[32];
	char field[CN_MAX * 4 + 8], hex[65];
	const char *p;
	char *cn;
	X509_NAME *nm;
	unsigned long h;
	size_t len = 0;
	int width, over = 0, ok;

	for (p = tmpl; *p != '\0' && !over; p++) {
		if (*p != '%') {
			if (len + 1 >= outsz)
				over = 1;
			else
				out[len++] = *p;
			continue;
		}
		for (width = 0, p++; *p >= '0' && *p <= '9'; p++)
			width = width * 10 + (*p - '0');
		field[0] = '\0';
		switch (*p) {
		case 'n':
			/* a container's members: "N.M", never the same */
			snprintf(field, sizeof(field), "%0*lu", width,
			    b->index);
			if (b->member != 0)
				snprintf(field + strlen(field), sizeof(field) -
				    strlen(field), ".%lu", b->member);
			break;
		case 't':
			snprintf(field, sizeof(field), "%s", pem_block_type(b));
			break;
		case 'c':
			cn = NULL;
			if ((nm = block_name(b)) != NULL) {
				cn = ossl_name_entry(nm, "CN");
				X509_NAME_free(nm);
			}
			snprintf(field, sizeof(field), "%.*s", CN_MAX,
			    cn != NULL && *cn != '\0' ? cn : pem_block_type(b));
			free(cn);
			break;
		case 'h':
			if ((nm = block_name(b)) == NULL)
				return diag_err(b->src, b->line, "%%h needs a "
				    "certificate or CRL, not a %s",
				    pem_kind_name(b->kind));
			h = ossl_name_hash(nm, &ok);
			X509_NAME_free(nm);
			if (!ok)
				return diag_err(b->src, b->line, "cannot hash "
				    "the subject name");
			snprintf(field, sizeof(field), "%08lx.%s%u", h,
			    b->kind == PK_CRL ? "r" : "",
			    seen(st, h << 1 | (b->kind == PK_CRL)));
			break;
		case 'f':
			if (!ossl_sha256(b->der, b->derlen, md))
				return diag_err(b->src, b->line, "SHA-256 "
				    "failed");
			ossl_hex(md, sizeof(md), hex);
			snprintf(field, sizeof(field), "%.*s", width ? width :
			    16, hex);
			break;
		case '%':
			snprintf(field, sizeof(field), "%%");
			break;
		default:
			return diag_err(NULL, 0, "bad name template");
		}
		if (*p == '%') {
			if (len + 1 >= outsz)
				over = 1;
			else
				out[len++] = '%';
		} else
			put_safe(out, &len, outsz, field, &over);
	}
	if (over)
		return diag_err(b->src, b->line, "file name from the template "
		    "is too long");
	out[len] = '\0';
	return 0;
}
