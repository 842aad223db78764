/* chainout.c: chain-order's JSON elements; see chainout.h. */
#include <stdlib.h>

#include <openssl/x509.h>

#include "base/diag.h"
#include "base/json.h"
#include "base/ossl.h"
#include "out/chainout.h"
#include "read/verbatim.h"
#include "x509/x509info.h"

static const char *
role(struct chain_pool *p, const size_t *ch, size_t n, size_t k)
{
	if (k == 0)
		return "leaf";
	if (k == n - 1 && chain_self_signed(p, ch[k]))
		return p->c[ch[k]].trusted ? "anchor" : "root";
	return "intermediate";
}

void
chainout_json(struct out *o, struct chain_pool *p, const size_t *ch,
    size_t n, size_t k, enum chain_end end, int written)
{
	const struct chain_cert *cc = &p->c[ch[k]];
	struct json j;
	X509 *x = chain_x509(p, ch[k]);
	char hex[65], *s;

	json_begin_at(&j, o, cc->src, cc->line, cc->index, "cert");
	if (cc->member != 0)
		json_int(&j, "member", (long long)cc->member);
	else
		json_null(&j, "member");
	json_int(&j, "position", (long long)k + 1);
	json_str(&j, "role", role(p, ch, n, k), -1);
	json_bool(&j, "trusted", cc->trusted);
	json_bool(&j, "written", written);
	s = x ? x509info_name_str(X509_get_subject_name(x)) : NULL;
	json_str(&j, "subject", s, -1);
	free(s);
	s = x ? x509info_name_str(X509_get_issuer_name(x)) : NULL;
	json_str(&j, "issuer", s, -1);
	free(s);
	ossl_hex(cc->sha256, 32, hex);
	json_str(&j, "sha256", hex, -1);
	if (k + 1 < n)
		json_str(&j, "link", chain_link_words(p, ch[k], ch[k + 1]), -1);
	else
		json_str(&j, "link", end == CHAIN_ANCHOR ? "trust anchor" :
		    end == CHAIN_ROOT ? "self-signed" : "missing", -1);
	if (k == 0)
		json_list(&j, "findings", p->findings, p->nfindings);
	json_end(&j);
}

int
chainout_same_bytes(struct chain_pool *p, const size_t *ch, size_t nout,
    char **files, int nfiles, off_t start)
{
	unsigned char **der;
	size_t *len, k;
	int status;

	der = xmalloc((nout + 1) * sizeof(*der));
	len = xmalloc((nout + 1) * sizeof(*len));
	for (k = 0; k < nout; k++) {
		der[k] = p->c[ch[k]].der;
		len[k] = p->c[ch[k]].derlen;
	}
	status = verbatim_same(files, nfiles, start, der, len, nout);
	free(der);
	free(len);
	return status;
}
