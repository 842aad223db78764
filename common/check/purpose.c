/*
 * purpose.c: --purpose, a certificate's EKU and key usage against what
 * it will be used for (RFC 5280 4.2.1.3, 4.2.1.12).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "check/purpose.h"

static const struct {
	const char	*name, *eku;
	unsigned	 xku;	/* X509_get_extended_key_usage's bit */
	int		 ossl;	/* X509_check_purpose's id, or -1 */
} purposes[] = {
	{ "server", "serverAuth", XKU_SSL_SERVER, X509_PURPOSE_SSL_SERVER },
	{ "client", "clientAuth", XKU_SSL_CLIENT, X509_PURPOSE_SSL_CLIENT },
	{ "email", "emailProtection", XKU_SMIME, X509_PURPOSE_SMIME_SIGN },
	/* OpenSSL 3.0 has no code-signing purpose (3.2 added one) */
	{ "code", "codeSigning", XKU_CODE_SIGN, -1 },
};

int
purpose_lookup(const char *name, enum purpose *p)
{
	size_t i;

	for (i = 0; i < sizeof(purposes) / sizeof(purposes[0]); i++)
		if (strcmp(name, purposes[i].name) == 0) {
			*p = (enum purpose)i;
			return 0;
		}
	return -1;
}

int
purpose_opt(const char *arg, void (*usage)(int))
{
	enum purpose p = PURPOSE_SERVER;

	if (purpose_lookup(arg, &p) != 0) {
		diag_err(NULL, 0, "--purpose: \"%s\" is not server, client, "
		    "email or code", arg);
		usage(EX_TROUBLE);
	}
	return (int)p + 1;
}

int
purpose_chain(struct chain_pool *p, const size_t *ch, size_t n,
    enum purpose use)
{
	char where[512];
	size_t i;
	int status = EX_YES;

	for (i = 0; i < n; i++)
		status = ex_worst(status, purpose_check(chain_x509(p, ch[i]),
		    use, i > 0, CHAIN_WHERE(&p->c[ch[i]], where), NULL, 0));
	return status;
}

int
purpose_ossl(enum purpose p)
{
	return purposes[p].ossl >= 0 ? purposes[p].ossl : X509_PURPOSE_ANY;
}

const char *
purpose_eku(enum purpose p)
{
	return purposes[p].eku;
}

/* x's EKU as "serverAuth, clientAuth" (the purposes known here, then
 * "..." for others) into buf[n]. */
static void
eku_words(X509 *x, char *buf, size_t n)
{
	uint32_t xku = X509_get_extended_key_usage(x);
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(purposes) / sizeof(purposes[0]); i++)
		if (xku & purposes[i].xku)
			len += (size_t)snprintf(buf + len, n - len, "%s%s",
			    len ? ", " : "", purposes[i].eku);
	if (xku & ~(XKU_SSL_SERVER | XKU_SSL_CLIENT | XKU_SMIME |
	    XKU_CODE_SIGN) && len < n)
		snprintf(buf + len, n - len, "%s...", len ? ", " : "");
	if (buf[0] == '\0')
		snprintf(buf, n, "empty");
}

int
purpose_check(X509 *x, enum purpose p, int ca, const char *what,
    const char *src, unsigned long line)
{
	uint32_t flags = X509_get_extension_flags(x);
	char ekus[128];
	int ok;

	if ((flags & EXFLAG_XKUSAGE) && !(X509_get_extended_key_usage(x) &
	    (purposes[p].xku | XKU_ANYEKU))) {
		eku_words(x, ekus, sizeof(ekus));
		ERR_clear_error();
		return diag_no(src, line, "%s does not allow %s: its extended "
		    "key usage is %s%s", what, purposes[p].eku, ekus, ca ?
		    " (a CA's EKU restricts every certificate under it)" : "");
	}
	if (ca)
		return EX_YES;
	if (purposes[p].ossl >= 0)
		ok = X509_check_purpose(x, purposes[p].ossl, 0) == 1;
	else
		ok = !(flags & EXFLAG_KUSAGE) || (X509_get_key_usage(x) &
		    KU_DIGITAL_SIGNATURE);
	ERR_clear_error();
	if (!ok)
		return diag_no(src, line, "%s does not allow %s: its key usage "
		    "or Netscape certificate type forbids it", what,
		    purposes[p].eku);
	return EX_YES;
}
