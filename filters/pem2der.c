/*
 * pem2der: write the DER of one block of PEM (or DER) input.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <string.h>

#include <openssl/crypto.h>

#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "x509/keys.h"
#include "read/opt.h"
#include "read/pem.h"

static const struct opt_def defs[] = {
	OPTDEF_SHARED('n', "number", "N",
	    "the block numbered N, or member N.M of a container"),
	OPTDEF_SHARED('t', "type", "TYPE",
	    "the block of TYPE (cert, key, ...) or a label"),
	OPTDEF_BASIC,
	OPTDEF_KEYS,
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "pem2der",
	.operands = "[file ...]",
	.defs = defs,
};

/*
 * The one block the options select, whole input read: its DER copied
 * into *der (*derlen bytes, the caller wipes and frees it), *secret set
 * when it holds a private key.  Returns EX_YES, or the exit class after
 * a message (none or several selected, headers DER cannot keep).
 */
static int
pick(const struct opts *op, char **files, int nfiles, unsigned char **der,
    size_t *derlen, int *secret)
{
	struct pem_input in;
	struct pem_block b;
	unsigned long nsel = 0;
	char sel[128], *pass = NULL;
	int status = EX_YES, pass_ok;

	pem_input_init(&in, files, nfiles, op->flags);
	/* a PKCS#7 is one block, unless -t or an -n member asks for what it
	 * holds */
	if ((op->type != NULL || opt_members(op)) && (op->type == NULL ||
	    strcasecmp(op->type, "pkcs7") != 0))
		pem_input_p7(&in);
	if (!(pass_ok = p12_passin(&in, op->passin, &pass) == 0))
		status = EX_TROUBLE;	/* and nothing read */
	while (pass_ok && pem_input_next(&in, &b)) {
		if (op->type != NULL && !pem_type_match(&b, op->type))
			continue;
		nsel++;
		/* -n names pemkit(7)'s index and member, as cert-info */
		if (op->number != NULL ? !opt_selected(op, b.index, b.member) :
		    nsel != 1)
			continue;
		if (*der != NULL && status != EX_TROUBLE)
			status = diag_err(NULL, 0, "-n %s selects several "
			    "blocks; DER holds one: choose one number",
			    op->number);
		else if (*der != NULL)
			continue;
		else if (b.hdr != NULL)
			status = diag_err(b.src, b.line, "RFC 1421 headers "
			    "(an old-style encrypted key) cannot be kept in "
			    "DER");
		else {
			*secret = pem_block_secret(&b);
			*der = xmalloc(b.derlen);
			memcpy(*der, b.der, b.derlen);
			*derlen = b.derlen;
		}
	}
	status = ex_worst(status, pem_input_end(&in));
	pass_free(pass);
	if (status == EX_YES && op->number == NULL && nsel > 1)
		status = diag_err(NULL, 0, "the input holds %lu%s%s blocks; "
		    "choose one with -n N or -t TYPE", nsel,
		    op->type != NULL ? " " : "",
		    op->type != NULL ? op->type : "");
	else if (status == EX_YES && *der == NULL)
		status = diag_no(NULL, 0, "no block %s in the input",
		    opt_selection(op, sel, sizeof(sel)));
	return status;
}

int
main(int argc, char *argv[])
{
	struct out o;
	struct opts op = { .flags = PEM_ANY_DER };
	unsigned char *der = NULL;
	size_t derlen = 0;
	int secret = 0, status;

	diag_init(argv[0]);
	while (opt_next(&cmd, &op, argc, argv) != -1)
		;	/* pem2der has only the shared options */
	opt_end(&op, &argc, &argv);

	if (out_open(&o, op.ofile, 0) != 0)
		return EX_TROUBLE;	/* nothing to free yet */
	if (out_isatty(&o))
		status = diag_err(NULL, 0, "refusing to write DER to a "
		    "terminal; use -o FILE or redirect stdout");
	else
		status = pick(&op, argv, argc, &der, &derlen, &secret);
	if (status != EX_YES)
		out_abort(&o);
	else {
		if (secret)
			out_secret(&o);
		status = out_write(&o, der, derlen);
		status = ex_worst(status, out_close(&o));
	}
	if (der != NULL) {
		OPENSSL_cleanse(der, derlen);
		free(der);
	}
	return status;
}
