/*
 * key-match: do these private keys, certificates, requests and public
 * keys carry one public key?  A bundle's CA certificates are its leaf's
 * issuers, shown and not compared (--all compares them too).  Or, with
 * --find, which certificates carry the key of the first key or request?
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "base/diag.h"
#include "base/io.h"
#include "base/json.h"
#include "out/keyrow.h"
#include "x509/keys.h"
#include "x509/obj.h"
#include "read/opt.h"
#include "base/ossl.h"
#include "read/pem.h"
#include "x509/x509info.h"

static const struct opt_def defs[] = {
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'a', .name = "all",
	    .help = "compare every object, issuers too" },
	{ .ch = 'f', .name = "find",
	    .help = "the certificates of the first key or request" },
	{ .ch = 'j', .name = "json",
	    .help = "NDJSON, one object per object" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "key-match",
	.operands = "[file ...]",
	.defs = defs,
};

static int json;
static int all;		/* --all: a bundle's issuers are compared too */

/* The table of every object, for the eye: the odd ones are marked. */
static void
table(struct out *o, const struct row *r, size_t n, int ref)
{
	char loc[512], line[1024];
	size_t i, w = 0, k = 0, len;

	for (i = 0; i < n; i++) {
		if ((len = strlen(keyrow_where(&r[i], loc, sizeof(loc)))) > w)
			w = len;
		if ((len = strlen(r[i].key)) > k)
			k = len;
	}
	for (i = 0; i < n; i++) {
		if (json) {
			keyrow_json(o, &r[i], r[i].group == ref);
			continue;
		}
		len = (size_t)snprintf(line, sizeof(line),
		    "%-7s  %-*s  %-6s  %-*s  %s  %s\n",
		    r[i].issuer ? "issuer" : r[i].group == ref ? "match" :
		    "differs", (int)w,
		    keyrow_where(&r[i], loc, sizeof(loc)), r[i].type, (int)k,
		    r[i].key, r[i].spki, r[i].subject ? r[i].subject : "-");
		out_write(o, line, len < sizeof(line) ? len :
		    sizeof(line) - 1);
	}
}

/* Default mode: one public key for everything, or a table and exit 1. */
static int
match(struct obj_input *oi, struct out *o)
{
	struct row *r = NULL;
	struct obj ob;
	size_t n = 0, cap = 0, i, j, ncand = 0, nleaf = 0, leaf = 0;
	size_t *size = NULL;
	int status = EX_YES, ngroups = 0, ref = 0, g, npriv = 0;
	char a[512], b[512];

	while (obj_next(oi, &ob)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			r = xrealloc(r, cap * sizeof(*r));
		}
		status = ex_worst(status, keyrow_fill(&r[n], &ob));
		n++;
	}
	status = ex_worst(status, obj_input_end(oi));
	if (status == EX_TROUBLE)
		goto out;
	if (!all)
		keyrow_roles(r, n);
	for (i = 0; i < n; i++) {
		if (r[i].issuer)
			continue;
		ncand++;
		for (j = 0; j < i && r[i].group == 0; j++)
			if (!r[j].issuer && key_same(r[j].pk, r[i].pk))
				r[i].group = r[j].group;
		if (r[i].group == 0)
			r[i].group = ++ngroups;
		if (r[i].x != NULL && nleaf++ == 0)
			leaf = i;
	}
	if (n == 1 && r[0].member != 0 && r[0].priv) {
		status = diag_no(NULL, 0, "%s: the PKCS#12 file holds a "
		    "private key but no certificate of it",
		    keyrow_where(&r[0], a, sizeof(a)));
		goto out;
	}
	if (ncand < 2) {
		status = diag_err(NULL, 0, "nothing to match: the input holds "
		    "%zu object%s%s; give a key with its certificate, request "
		    "or public key", ncand, ncand == 1 ? "" : "s",
		    ncand < n ? " besides the issuers of a bundle" : "");
		goto out;
	}
	/*
	 * The reference: the first private key's group, else the largest.
	 * Two private keys that differ beside one leaf (an old key left in
	 * a renewed bundle): the leaf's, so the stray key is the one named.
	 */
	size = xmalloc(((size_t)ngroups + 1) * sizeof(*size));
	memset(size, 0, ((size_t)ngroups + 1) * sizeof(*size));
	for (i = 0; i < n; i++)
		if (!r[i].issuer)
			size[r[i].group]++;
	for (g = 1; g <= ngroups; g++)
		if (ref == 0 || size[g] > size[ref])
			ref = g;
	for (i = 0, g = 0; i < n; i++)
		if (r[i].priv) {
			if (g == 0)
				g = ref = r[i].group;
			else if (r[i].group != g)
				npriv = 2;	/* keys of two groups */
		}
	if (nleaf == 1 && npriv == 2)
		ref = r[leaf].group;
	/* named in messages: the leaf of the reference group, else its first */
	for (i = 0; i < n && (r[i].issuer || r[i].group != ref ||
	    r[i].x == NULL); i++)
		;
	if (i == n)
		for (i = 0; i < n && (r[i].issuer || r[i].group != ref); i++)
			;
	for (j = 0; j < n && ngroups > 1; j++)
		if (!r[j].issuer && r[j].group != ref)
			diag_no(NULL, 0, "%s: %s%s%s: its public key is not "
			    "the one of %s (%s%s%s)", keyrow_where(&r[j], a, sizeof(a)),
			    r[j].type, r[j].subject ? " " : "",
			    r[j].subject ? r[j].subject : "",
			    keyrow_where(&r[i], b, sizeof(b)), r[i].type,
			    r[i].subject ? " " : "",
			    r[i].subject ? r[i].subject : "");
	if (ngroups > 1)
		status = ex_worst(status, EX_NO);
	if (ngroups > 1 || json)
		table(o, r, n, ref);
	if (ngroups == 1)
		diag_note(NULL, 0, "%zu objects carry one public key, SPKI "
		    "SHA-256 %s%s", ncand, r[i].spki, ncand < n ?
		    " (the issuers of the bundle not compared)" : "");
out:
	for (i = 0; i < n; i++) {
		EVP_PKEY_free(r[i].pk);
		X509_free(r[i].x);
		free(r[i].subject);
	}
	free(r);
	free(size);
	return status;
}

/* A certificate read before the needle of --find: kept until it comes. */
struct held {
	struct obj	 o;		/* der and x owned here */
};

/*
 * Is certificate ob one of t's key?  Write it, or its JSON row.  Without
 * -c the input is read lazily (ob has DER only) and n, the needle, finds
 * the few certificates worth decoding (issue 15).
 */
static int
found_one(struct out *o, const struct row *t, const struct key_needle *n,
    const struct obj *ob, unsigned long *found)
{
	struct obj lazy = *ob;
	struct row c;
	char w[512];
	int status = EX_YES, r;

	if (ob->pk == NULL) {	/* the messages obj_next gives */
		if ((r = key_needle_in(n, ob->der, ob->derlen, &lazy.x)) == -1)
			return diag_err(ob->src, ob->line, "certificate does "
			    "not decode");
		if (r == -2)
			return diag_err(NULL, 0, "%s: certificate: OpenSSL "
			    "cannot decode its public key (unsupported "
			    "algorithm, or DSA without its parameters)",
			    diag_where(ob->src, ob->line, ob->member, w,
			    sizeof(w)));
		if (r == 0)
			return EX_YES;
		lazy.pk = X509_get0_pubkey(lazy.x);
		ob = &lazy;
	} else if (!key_same(t->pk, ob->pk))
		return EX_YES;
	(*found)++;
	if (json) {
		status = keyrow_fill(&c, ob);
		c.group = 1;
		keyrow_json(o, &c, 1);
		EVP_PKEY_free(c.pk);
		X509_free(c.x);
		free(c.subject);
	} else if (pem_write(o, "CERTIFICATE", NULL, 0, ob->der,
	    ob->derlen) != 0)
		status = EX_TROUBLE;
	if (ob == &lazy)
		X509_free(lazy.x);
	return status;
}

/*
 * --find: the certificates that carry the key of the needle, the first
 * private key, request or public key wherever it is in the input (a
 * key-last HAProxy file, pkcs12 -nodes output).  Certificates before it
 * are held until it comes; the rest stream.
 */
static int
find(struct obj_input *oi, struct out *o)
{
	struct row t;
	struct key_needle n;
	struct obj ob;
	struct held *h = NULL;
	size_t nh = 0, caph = 0, i;
	unsigned long found = 0;
	int status = EX_YES, have = 0;
	char a[512];

	memset(&t, 0, sizeof(t));
	while (obj_next(oi, &ob)) {
		if (ob.kind != PK_CERT) {
			if (have) {
				diag_note(ob.src, ob.line, "%s skipped: --find "
				    "looks for certificates", ob.type);
				continue;
			}
			have = 1;
			status = ex_worst(status, keyrow_fill(&t, &ob));
			key_needle_init(&n, t.pk);
			for (i = 0; i < nh; i++)
				status = ex_worst(status, found_one(o, &t, &n,
				    &h[i].o, &found));
			continue;
		}
		if (have) {
			status = ex_worst(status, found_one(o, &t, &n, &ob,
			    &found));
			continue;
		}
		if (nh == caph) {
			caph = caph ? 2 * caph : 16;
			h = xrealloc(h, caph * sizeof(*h));
		}
		h[nh].o = ob;
		h[nh].o.der = xmalloc(ob.derlen);
		memcpy((unsigned char *)h[nh].o.der, ob.der, ob.derlen);
		if (ob.x != NULL)
			X509_up_ref(ob.x);
		if (ob.pk != NULL)
			EVP_PKEY_up_ref(ob.pk);
		h[nh].o.req = NULL;
		nh++;
	}
	status = ex_worst(status, obj_input_end(oi));
	if (status != EX_TROUBLE && !have)
		status = diag_err(NULL, 0, "--find: no key, request or public "
		    "key in the input");
	else if (status != EX_TROUBLE && found == 0)
		status = diag_no(NULL, 0, "no certificate carries the key of "
		    "%s (%s)", keyrow_where(&t, a, sizeof(a)), t.type);
	else if (status != EX_TROUBLE)
		diag_note(NULL, 0, "%lu certificate%s carr%s the key of %s",
		    found, found == 1 ? "" : "s", found == 1 ? "ies" : "y",
		    keyrow_where(&t, a, sizeof(a)));
	for (i = 0; i < nh; i++) {
		free((unsigned char *)h[i].o.der);
		X509_free(h[i].o.x);
		EVP_PKEY_free(h[i].o.pk);
	}
	free(h);
	if (have)
		key_needle_free(&n);
	EVP_PKEY_free(t.pk);
	X509_free(t.x);
	free(t.subject);
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts op = { .flags = 0 };
	struct obj_input oi;
	struct out o;
	char *pass = NULL;
	int ch, findmode = 0, status;

	diag_init(argv[0]);
	json = all = 0;	/* main may run again in one process (fuzz/filter.c) */
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'f':
			findmode = 1;
			break;
		case 'j':
			json = 1;
			break;
		}
	}
	opt_end(&op, &argc, &argv);

	if (op.passin != NULL && (pass = pass_get(op.passin, "--passin")) ==
	    NULL)
		return EX_TROUBLE;
	if (out_open(&o, op.ofile, 0) != 0) {
		pass_free(pass);
		return EX_TROUBLE;
	}
	/* --find decodes only the certificates the needle may be in; -c
	 * every one, as before */
	obj_input_init(&oi, argv, argc, op.flags, !findmode ? OBJ_P12_PAIR :
	    op.flags & PEM_CHECK ? 0 : OBJ_LAZY, pass);
	status = findmode ? find(&oi, &o) : match(&oi, &o);
	pass_free(pass);
	return out_finish(&o, status);
}
