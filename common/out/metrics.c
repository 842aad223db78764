/* metrics.c: OpenMetrics text for the textfile collector; see metrics.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "check/crlfetch.h"
#include "x509/crl.h"
#include "base/diag.h"
#include "base/io.h"
#include "base/json.h"
#include "out/metrics.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "x509/x509info.h"

static const struct {
	const char *name, *help;
} fams[METRICS_NFAM] = {
	{ "pemkit_certificate_not_after_seconds",
	  "The certificate's notAfter, in seconds since the epoch." },
	{ "pemkit_certificate_not_before_seconds",
	  "The certificate's notBefore, in seconds since the epoch." },
	{ "pemkit_crl_next_update_seconds",
	  "The CRL's nextUpdate, in seconds since the epoch." },
	{ "pemkit_file_error",
	  "1 when the file could not be read in full, else 0." },
	{ "pemkit_crl_source_next_update_seconds",
	  "The nextUpdate of the CRL fetched from the distribution point, "
	  "in seconds since the epoch." },
	{ "pemkit_crl_source_error",
	  "1 when no CRL could be had from the distribution point, else 0." },
};

static void
put(struct metrics *m, int f, const char *s, size_t n)
{
	m->fam[f] = xrealloc(m->fam[f], m->len[f] + n + 1);
	memcpy(m->fam[f] + m->len[f], s, n);
	m->len[f] += n;
	m->fam[f][m->len[f]] = '\0';
}

/* name="value", the value escaped (OpenMetrics 1.0, ABNF "escaped-
 * string": backslash, double quote and line feed) and valid UTF-8 (a
 * scrape rejects the whole page otherwise): a byte that does not start
 * a valid sequence (json.h's utf8_len) is the four characters \xNN, as
 * in the JSON output. */
static void
label(struct metrics *m, int f, const char *name, const char *v, int first)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6];
	size_t k, n = v != NULL ? strlen(v) : 0, i;
	unsigned char c;

	if (!first)
		put(m, f, ",", 1);
	put(m, f, name, strlen(name));
	put(m, f, "=\"", 2);
	for (i = 0; i < n; i++) {
		c = (unsigned char)v[i];
		if (c == '\\' || c == '"')
			put(m, f, c == '\\' ? "\\\\" : "\\\"", 2);
		else if (c == '\n')
			put(m, f, "\\n", 2);
		else if (c < 0x80)
			put(m, f, v + i, 1);
		else if ((k = utf8_len((const unsigned char *)v + i, n - i)) >
		    0) {
			put(m, f, v + i, k);
			i += k - 1;
		} else {
			memcpy(esc, "\\\\x", 3);
			esc[3] = hex[c >> 4];
			esc[4] = hex[c & 15];
			put(m, f, esc, 5);
		}
	}
	put(m, f, "\"", 1);
}

static void
value(struct metrics *m, int f, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "} %lld\n", v);
	put(m, f, buf, strlen(buf));
}

static void
where(struct metrics *m, int f, const struct pem_block *b,
    unsigned long member)
{
	char idx[48];

	if (member)
		snprintf(idx, sizeof(idx), "%lu.%lu", b->index, member);
	else
		snprintf(idx, sizeof(idx), "%lu", b->index);
	put(m, f, fams[f].name, strlen(fams[f].name));
	put(m, f, "{", 1);
	label(m, f, "file", b->src, 1);
	label(m, f, "index", idx, 0);
}

void
metrics_cert(struct metrics *m, const struct pem_block *b,
    unsigned long member, X509 *x, const struct x509info *xi)
{
	char *scn, *icn;
	long long t[2];
	int f;

	if (x509info_epoch(X509_get0_notAfter(x), &t[0]) != 0 ||
	    x509info_epoch(X509_get0_notBefore(x), &t[1]) != 0)
		return;
	scn = ossl_name_entry(X509_get_subject_name(x), "CN");
	icn = ossl_name_entry(X509_get_issuer_name(x), "CN");
	for (f = 0; f < 2; f++) {
		where(m, f, b, member);
		label(m, f, "subject_cn", scn, 0);
		label(m, f, "issuer_cn", icn, 0);
		label(m, f, "serial", xi->serial, 0);
		label(m, f, "sha256", xi->sha256, 0);
		label(m, f, "role", xi->role, 0);
		value(m, f, t[f]);
	}
	free(scn);
	free(icn);
}

void
metrics_crl(struct metrics *m, const struct pem_block *b, X509_CRL *crl,
    const struct crlinfo *ci)
{
	char *icn;

	if (!ci->has_next)
		return;
	icn = ossl_name_entry(X509_CRL_get_issuer(crl), "CN");
	where(m, 2, b, 0);
	label(m, 2, "issuer_cn", icn, 0);
	label(m, 2, "crl_number", ci->number ? ci->number : "", 0);
	label(m, 2, "sha256", ci->sha256, 0);
	value(m, 2, ci->next_epoch);
	free(icn);
}

void
metrics_crl_source(struct metrics *m, const struct crlsource *cs)
{
	char buf[32];

	if (cs->ok && cs->has_next) {
		put(m, 4, fams[4].name, strlen(fams[4].name));
		put(m, 4, "{", 1);
		label(m, 4, "source", cs->url, 1);
		label(m, 4, "issuer_cn", cs->issuer_cn, 0);
		label(m, 4, "crl_number", cs->number ? cs->number : "", 0);
		value(m, 4, cs->next_epoch);
	}
	put(m, 5, fams[5].name, strlen(fams[5].name));
	put(m, 5, "{", 1);
	label(m, 5, "source", cs->url, 1);
	snprintf(buf, sizeof(buf), "} %d\n", !cs->ok);
	put(m, 5, buf, strlen(buf));
}

void
metrics_file(struct metrics *m, const char *name, int error)
{
	char buf[32];

	put(m, 3, fams[3].name, strlen(fams[3].name));
	put(m, 3, "{", 1);
	label(m, 3, "file", name, 1);
	snprintf(buf, sizeof(buf), "} %d\n", error != 0);
	put(m, 3, buf, strlen(buf));
}

void
metrics_write(struct metrics *m, struct out *o, time_t now)
{
	char buf[256];
	int f;

	for (f = 0; f < METRICS_NFAM; f++) {
		if (m->len[f] == 0)
			continue;
		snprintf(buf, sizeof(buf), "# HELP %s %s\n# TYPE %s gauge\n",
		    fams[f].name, fams[f].help, fams[f].name);
		out_write(o, buf, strlen(buf));
		out_write(o, m->fam[f], m->len[f]);
		free(m->fam[f]);
		m->fam[f] = NULL;
		m->len[f] = 0;
	}
	snprintf(buf, sizeof(buf), "# HELP pemkit_last_run_timestamp_seconds "
	    "When cert-info wrote this, in seconds since the epoch.\n"
	    "# TYPE pemkit_last_run_timestamp_seconds gauge\n"
	    "pemkit_last_run_timestamp_seconds %lld\n", (long long)now);
	out_write(o, buf, strlen(buf));
	out_write(o, "# EOF\n", 6);
}
