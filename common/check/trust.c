/* trust.c: the pool's certificates from input and trust stores; see
 * trust.h. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "x509/chain.h"
#include "base/diag.h"
#include "x509/obj.h"
#include "base/ossl.h"
#include "check/trust.h"
#include "x509/x509info.h"

/* Add every certificate of files (trusted or not); returns the exit
 * class of reading them. */
int
trust_load(struct chain_pool *p, struct trust *c, char **files, int nfiles,
    int trusted)
{
	struct obj_input oi;
	struct obj o;
	int status = EX_YES, r;

	obj_input_init(&oi, files, nfiles, trusted ? 0 : c->rflags,
	    OBJ_CERTS | OBJ_LAZY | OBJ_SKIP_STRICT, c->pass);
	while (obj_next(&oi, &o)) {
		r = chain_add(p, o.der, o.derlen, o.src, o.line, o.index,
		    o.member, trusted);
		if (r < 0)
			status = EX_TROUBLE;
		else if (r > 0 && trusted)
			c->ntrusted++;
	}
	return ex_worst(status, obj_input_end(&oi));
}

/* Does name look like a certificate file of an OpenSSL CA directory? */
static int
ca_file_name(const char *name)
{
	size_t n = strlen(name);

	if (n > 4 && (strcmp(name + n - 4, ".pem") == 0 ||
	    strcmp(name + n - 4, ".crt") == 0 ||
	    strcmp(name + n - 4, ".cer") == 0))
		return 1;
	/* c_rehash names: 8 hex digits, a dot, a number */
	return n >= 10 && strspn(name, "0123456789abcdef") == 8 &&
	    name[8] == '.' && strspn(name + 9, "0123456789") == n - 9;
}

/* The trust anchors of a directory: each certificate file in it. */
int
trust_load_dir(struct chain_pool *p, struct trust *c, const char *dir)
{
	struct dirent *d;
	struct stat st;
	DIR *dp;
	char *path;
	int status = EX_YES;
	size_t n;

	if ((dp = opendir(dir)) == NULL)
		return diag_err(dir, 0, "cannot open the directory");
	while ((d = readdir(dp)) != NULL) {
		if (!ca_file_name(d->d_name))
			continue;
		n = strlen(dir) + strlen(d->d_name) + 2;
		path = xmalloc(n);
		snprintf(path, n, "%s/%s", dir, d->d_name);
		/* the pool keeps src pointers: path lives until the end */
		c->paths = xrealloc(c->paths, (c->npaths + 1) *
		    sizeof(*c->paths));
		c->paths[c->npaths++] = path;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			status = ex_worst(status, trust_load(p, c, &path, 1, 1));
	}
	closedir(dp);
	return status;
}

/* The system trust store, as OpenSSL finds it: its file and its
 * directories both (SSL_CERT_FILE and SSL_CERT_DIR override; as
 * X509_STORE_set_default_paths(3) loads X509_get_default_cert_file(3)
 * and X509_get_default_cert_dir(3), issue 24). */
static int load_system(struct chain_pool *, struct trust *);

int
trust_load_system(struct chain_pool *p, struct trust *c)
{
	size_t before = c->ntrusted;
	int status = load_system(p, c);

	c->nsystem += c->ntrusted - before;
	return status;
}

static int
load_system(struct chain_pool *p, struct trust *c)
{
	const char *f, *d, *e;
	struct stat st;
	char *files[1], *dir;
	int status = EX_YES;
	size_t n;

	if ((f = getenv(X509_get_default_cert_file_env())) == NULL)
		f = X509_get_default_cert_file();
	c->system = 1;
	if (stat(f, &st) == 0 && S_ISREG(st.st_mode)) {
		files[0] = (char *)f;
		diag_note(NULL, 0, "system trust store: %s", f);
		status = trust_load(p, c, files, 1, 1);
	}
	if ((d = getenv(X509_get_default_cert_dir_env())) == NULL)
		d = X509_get_default_cert_dir();
	/* a list, as X509_LOOKUP_add_dir(3) takes it: "DIR:DIR" */
	for (; *d != '\0'; d = *e != '\0' ? e + 1 : e) {
		e = d + strcspn(d, ":");
		if ((n = (size_t)(e - d)) == 0)
			continue;
		dir = xmalloc(n + 1);
		memcpy(dir, d, n);
		dir[n] = '\0';
		/* a directory that is not there is none, as for OpenSSL */
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			diag_note(NULL, 0, "system trust store: %s", dir);
			status = ex_worst(status, trust_load_dir(p, c, dir));
		}
		free(dir);
	}
	return status;
}

/* Say which issuer is missing: its name, key identifier, and where the
 * child says it can be fetched (AIA caIssuers, RFC 5280 4.2.2.1). */
int
trust_missing(struct chain_pool *p, struct trust *c, size_t i)
{
	struct x509info xi;
	X509 *x = chain_x509(p, i), *y;
	char a[512], b[512];
	size_t k;
	int status = EX_NO, named = 0;

	memset(&xi, 0, sizeof(xi));
	if (x == NULL || x509info_get(x, time(NULL), &xi) != 0) {
		x509info_free(&xi);
		return diag_no(NULL, 0, "chain incomplete: the issuer of %s "
		    "is not in the input", CHAIN_WHERE(&p->c[i], a));
	}
	/* a certificate of that name that does not link is not "missing";
	 * names compared as DER first, so strangers are never decoded */
	for (k = 0; k < p->n && x != NULL; k++)
		if (k != i && p->c[k].subjectlen == p->c[i].issuerlen &&
		    memcmp(p->c[k].subject, p->c[i].issuer,
		    p->c[i].issuerlen) == 0 && (y = chain_x509(p, k)) != NULL) {
			if (named++ == 0)
				status = diag_no(NULL, 0, "chain incomplete: no "
				    "certificate links as the issuer of %s (%s)",
				    CHAIN_WHERE(&p->c[i], a), xi.subject);
			if (named <= DIAG_LIST_MAX)
				fprintf(stderr, "  %s has its issuer's name but "
				    "%s\n", CHAIN_WHERE(&p->c[k], b),
				    !ossl_keyid_agrees(y, x) ?
				    "another key identifier" :
				    "its key does not verify the signature");
		}
	diag_list_more((size_t)named);
	ERR_clear_error();
	if (named == 0)
		status = diag_no(NULL, 0, "chain incomplete: the issuer of %s "
		    "(%s) is not in the input%s%s: %s%s%s",
		    CHAIN_WHERE(&p->c[i], a), xi.subject, c->ntrusted >
		    c->nsystem ? " or the trust files" : "", c->system ?
		    " or the system store" : "", xi.issuer, xi.aki ?
		    ", key identifier " : "", xi.aki ? xi.aki : "");
	for (k = 0; k < xi.ca_issuers.n; k++)
		fprintf(stderr, "  the certificate says its issuer is at %s\n",
		    xi.ca_issuers.v[k]);
	fprintf(stderr, "  to complete it, give the issuer (or its root) "
	    "with -C FILE; -p writes the partial chain\n");
	x509info_free(&xi);
	return status;
}

/* OpenSSL's full verification of the chain (X509_verify_cert(3)). */
/* With --crl, OpenSSL's verdict counts only for a listed certificate:
 * one that no usable CRL covers is judged after it by crlset_check,
 * which names the cause (RFC 5280 6.3). */
static int
crl_cb(int ok, X509_STORE_CTX *vc)
{
	switch (X509_STORE_CTX_get_error(vc)) {
	case X509_V_ERR_UNABLE_TO_GET_CRL:
	case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
	case X509_V_ERR_CRL_HAS_EXPIRED:
	case X509_V_ERR_CRL_NOT_YET_VALID:
	case X509_V_ERR_DIFFERENT_CRL_SCOPE:
	case X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION:
		return 1;
	}
	return ok;
}

int
trust_verify(struct chain_pool *p, struct trust *c, const size_t *ch,
    size_t n)
{
	X509_STORE *store = NULL;
	X509_STORE_CTX *vc = NULL;
	X509_VERIFY_PARAM *vp;
	STACK_OF(X509) *untrusted = NULL, *chainsk = NULL;
	STACK_OF(X509_CRL) *crls = NULL;
	X509 *x;
	const char *reason;
	char *s, date[32], why[256];
	size_t i;
	int status = EX_TROUBLE, err, crl_status = EX_YES;

	if ((store = X509_STORE_new()) == NULL ||
	    (untrusted = sk_X509_new_null()) == NULL ||
	    (vc = X509_STORE_CTX_new()) == NULL)
		goto out;
	for (i = 0; i < p->n; i++)
		if (p->c[i].trusted && (x = chain_x509(p, i)) != NULL &&
		    !X509_STORE_add_cert(store, x))
			goto out;
	for (i = 1; i < n; i++)
		if (!p->c[ch[i]].trusted &&
		    !sk_X509_push(untrusted, chain_x509(p, ch[i])))
			goto out;
	if (!X509_STORE_CTX_init(vc, store, chain_x509(p, ch[0]),
	    untrusted) || !X509_STORE_CTX_set_purpose(vc, c->purpose > 0 ?
	    c->purpose : X509_PURPOSE_SSL_SERVER))
		goto out;
	vp = X509_STORE_CTX_get0_param(vc);
	if (c->at_set)
		X509_VERIFY_PARAM_set_time(vp, c->at);
	if (c->crls != NULL) {
		/* each CRL's issuer among the chain's certificates */
		if ((chainsk = sk_X509_new_null()) == NULL)
			goto out;
		for (i = 0; i < n; i++)
			if (!sk_X509_push(chainsk, chain_x509(p, ch[i])))
				goto out;
		crlset_verify(c->crls, chainsk, 0, c->at_set ? c->at :
		    time(NULL));
		if ((crls = crlset_crls(c->crls)) == NULL)
			goto out;
		X509_STORE_CTX_set0_crls(vc, crls);
		X509_VERIFY_PARAM_set_flags(vp, X509_V_FLAG_CRL_CHECK |
		    X509_V_FLAG_CRL_CHECK_ALL);
		X509_STORE_CTX_set_verify_cb(vc, crl_cb);
	}
	if (c->host != NULL && !X509_VERIFY_PARAM_set1_host(vp, c->host, 0))
		goto out;
	if (X509_verify_cert(vc) == 1) {
		diag_note(NULL, 0, "verified: OpenSSL accepts the chain");
		/* each certificate a CRL should speak for: not a trust
		 * anchor, not self-signed (RFC 5280 6.1) */
		for (i = 0; c->crls != NULL && i < n; i++)
			if (!p->c[ch[i]].trusted &&
			    !chain_self_signed(p, ch[i]))
				crl_status = ex_worst(crl_status,
				    crlset_check(c->crls,
				    chain_x509(p, ch[i]), p->c[ch[i]].src,
				    p->c[ch[i]].line, c->crl_soft, c->strict,
				    NULL));
		status = EX_YES;
		goto out;
	}
	err = X509_STORE_CTX_get_error(vc);
	x = X509_STORE_CTX_get_current_cert(vc);
	s = x != NULL ? x509info_name_str(X509_get_subject_name(x)) : NULL;
	ERR_clear_error();
	if (err == X509_V_ERR_CERT_REVOKED && x != NULL &&
	    crlset_revoked(c->crls, x, date, &reason))
		snprintf(why, sizeof(why), "revoked on %s (%s)", date, reason);
	else
		snprintf(why, sizeof(why), "%s",
		    X509_verify_cert_error_string(err));
	status = diag_no(NULL, 0, "verification failed at depth %d%s%s: %s",
	    X509_STORE_CTX_get_error_depth(vc), s ? ", " : "", s ? s : "",
	    why);
	free(s);
out:
	if (status == EX_TROUBLE)
		diag_err(NULL, 0, "verification could not run");
	else
		status = ex_worst(status, crl_status);
	X509_STORE_CTX_free(vc);
	sk_X509_CRL_free(crls);
	sk_X509_free(chainsk);
	sk_X509_free(untrusted);
	X509_STORE_free(store);
	return status;
}


void
trust_free(struct trust *c)
{
	while (c->npaths > 0)
		free(c->paths[--c->npaths]);
	free(c->paths);
	c->paths = NULL;
}

int
trust_end_at(struct chain_pool *p, struct trust *t, const char *endat)
{
	struct obj_input oi;
	struct obj ob;
	unsigned char md[32];
	char *files[1], *s, *cn;
	size_t i;
	int have = 0;
	X509 *x;
	FILE *f;

	if ((f = fopen(endat, "r")) != NULL) {
		fclose(f);
		files[0] = (char *)endat;
		obj_input_init(&oi, files, 1, 0, OBJ_CERTS | OBJ_LAZY, t->pass);
		if (obj_next(&oi, &ob) && ossl_sha256(ob.der, ob.derlen, md) &&
		    (have = chain_add(p, ob.der, ob.derlen, ob.src, ob.line,
		    ob.index, ob.member, 1)) >= 0) {
			t->ntrusted += have == 1;
			have = 1;
		} else
			have = 0;
		if (obj_input_end(&oi) != EX_YES || !have)
			return diag_err(endat, 0, "--end-at: no certificate "
			    "in the file");
		for (i = 0; i < p->n && p->endat == 0; i++)
			if (memcmp(p->c[i].sha256, md, 32) == 0)
				p->endat = i + 1;
	}
	for (i = 0; i < p->n && p->endat == 0; i++) {
		if (!chain_self_signed(p, i) || (x = chain_x509(p,
		    i)) == NULL)
			continue;
		s = x509info_name_str(X509_get_subject_name(x));
		cn = ossl_name_entry(X509_get_subject_name(x), "CN");
		if ((s != NULL && strcmp(s, endat) == 0) ||
		    (cn != NULL && strcasecmp(cn, endat) == 0))
			p->endat = i + 1;
		free(s);
		free(cn);
	}
	if (p->endat == 0)
		return diag_err(NULL, 0, "--end-at: no root \"%s\" in the "
		    "input or the trust files", endat);
	return EX_YES;
}

