/*
 * pem-split: write the blocks of PEM or DER input as canonical PEM, to
 * stdout or one file per block.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "x509/name.h"
#include "x509/keys.h"
#include "read/opt.h"
#include "read/pem.h"

static const struct opt_def defs[] = {
	OPTDEF_SHARED('n', "number", "N",
	    "only the blocks N: 2, 2-, 2-4, 1,3, 2.1 (member)"),
	OPTDEF_SHARED('t', "type", "TYPE",
	    "only blocks of TYPE (cert, key...) or a label"),
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	{ .ch = 'D', .name = "der", .help = "write DER, not PEM" },
	{ .ch = 'R', .name = "pkcs1",
	    .help = "keys as RSA/EC PRIVATE KEY (PKCS#1, SEC1)" },
	{ .ch = 'd', .name = "decrypt",
	    .help = "write encrypted keys decrypted (needs -w)" },
	{ .ch = 'f', .name = "force",
	    .help = "with -p, replace existing files" },
	{ .ch = 'p', .name = "template", .arg = "TEMPLATE",
	    .help = "one file per block: %n %t %c %h %f" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "pem-split",
	.operands = "[file ...]",
	.defs = defs,
};

/* Write one block to its own file, atomically; print the file's name. */
static int
to_file(struct out *list, const char *path, const struct pem_block *b,
    int der, int force)
{
	struct out o;
	int rc;

	if (out_open(&o, path, force ? 0 : OUT_NOCLOBBER) != 0)
		return EX_TROUBLE;
	if (pem_block_secret(b))
		out_secret(&o);
	rc = der ? out_write(&o, b->der, b->derlen) : pem_write_block(&o, b);
	if (rc != 0) {
		out_abort(&o);
		return rc;
	}
	if ((rc = out_close(&o)) != 0)
		return rc;
	if ((rc = out_write(list, path, strlen(path))) == 0)
		rc = out_write(list, "\n", 1);
	return rc;
}

/* What the options ask of each block, and the files written so far. */
struct split {
	struct out	 o;
	const char	*tmpl;		/* -p TEMPLATE, or NULL */
	int		 der, force, decrypt, pkcs1;
	char		*pass;		/* --passin */
	struct name_state names;
};

/* Block b of the selection written: to stdout or -o, or to its own file
 * (-p); a key written again by OpenSSL with --decrypt or --pkcs1. */
static int
split_block(struct split *s, struct pem_block *b)
{
	unsigned char *kder = NULL;
	size_t klen = 0;
	const char *klabel;
	char path[PATH_MAX], prev[48], cur[48];
	int rc;

	if (strcmp(pem_block_type(b), "key") == 0 && b->kind != PK_OTHER &&
	    (s->pkcs1 || (s->decrypt && (b->encrypted ||
	    b->kind == PK_PKCS8_ENC)))) {
		if (!key_rewrite(b, s->pass, s->pkcs1, &kder, &klen, &klabel))
			return EX_TROUBLE;
		b->label = klabel;
		b->der = kder;
		b->derlen = klen;
		b->hdr = NULL;
		b->hdrlen = 0;
		b->b64 = NULL;
		b->encrypted = 0;
	}
	if (s->der && b->hdr != NULL)
		rc = diag_err(b->src, b->line, "RFC 1421 headers (an "
		    "old-style encrypted key) cannot be kept in DER");
	else if (s->tmpl != NULL) {
		if ((rc = name_expand(s->tmpl, b, &s->names, path,
		    sizeof(path))) == 0) {
			if (name_claim(&s->names, path, b->index, b->member,
			    prev, sizeof(prev)))
				rc = diag_err(b->src, b->line, "block %s "
				    "would replace %s, written for block %s in "
				    "this run: make the template tell them "
				    "apart (%%n)", name_number(b, cur,
				    sizeof(cur)), path, prev);
			else
				rc = to_file(&s->o, path, b, s->der, s->force);
		}
	} else if (s->der) {
		if (pem_block_secret(b))
			out_secret(&s->o);
		rc = out_write(&s->o, b->der, b->derlen);
	} else
		rc = pem_write_block(&s->o, b);
	if (kder != NULL)
		OPENSSL_clear_free(kder, klen);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct split s;
	struct opts op = { .flags = 0 };
	const char *err;
	unsigned long nwritten = 0;
	char sel[128];
	int ch, status = EX_TROUBLE;

	diag_init(argv[0]);
	memset(&s, 0, sizeof(s));
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case 'D':
			s.der = 1;
			break;
		case 'R':
			s.pkcs1 = 1;
			break;
		case 'd':
			s.decrypt = 1;
			break;
		case 'f':
			s.force = 1;
			break;
		case 'p':
			if ((err = name_check(optarg)) != NULL) {
				diag_err(NULL, 0, "template \"%s\": %s", optarg,
				    err);
				opt_usage(EX_TROUBLE);
			}
			s.tmpl = optarg;
			break;
		}
	}
	opt_end(&op, &argc, &argv);
	opt_needs_passin(s.decrypt, &op, "--decrypt", opt_usage);
	if (s.tmpl != NULL && op.ofile != NULL) {
		diag_err(NULL, 0, "-o and -p exclude each other");
		opt_usage(EX_TROUBLE);
	}

	if (out_open(&s.o, op.ofile, 0) != 0)
		goto out;
	if (s.der && s.tmpl == NULL && out_isatty(&s.o)) {
		diag_err(NULL, 0, "refusing to write DER to a terminal; use "
		    "-o FILE or redirect stdout");
		out_abort(&s.o);
		goto out;
	}
	pem_input_init(&in, argv, argc, op.flags);
	/* PKCS#7 is opened, as cert-info and chain-order do, unless the
	 * container itself is asked for */
	if (op.type == NULL || strcasecmp(op.type, "pkcs7") != 0)
		pem_input_p7(&in);
	if (p12_passin(&in, op.passin, &s.pass) != 0) {
		(void)pem_input_end(&in);
		out_abort(&s.o);
		goto out;
	}
	status = EX_YES;
	while (pem_input_next(&in, &b)) {
		if (op.type != NULL && !pem_type_match(&b, op.type))
			continue;
		if (!opt_selected(&op, b.index, b.member))
			continue;
		nwritten++;
		status = ex_worst(status, split_block(&s, &b));
		if (s.o.failed)
			break;
	}
	status = ex_worst(status, pem_input_end(&in));
	if ((op.number != NULL || op.type != NULL) && nwritten == 0 &&
	    status == EX_YES)
		status = diag_no(NULL, 0, "no block %s in the input",
		    opt_selection(&op, sel, sizeof(sel)));
	/* a container that held nothing (an EnvelopedData .p7m, an empty
	 * PKCS#7) is never a silent empty success */
	else if (nwritten == 0 && status == EX_YES)
		status = diag_no(NULL, 0, "nothing to split: no certificate, "
		    "key or other block in the input");
	status = out_finish(&s.o, status);
out:
	name_free(&s.names);
	pass_free(s.pass);
	return status;
}
