/*
 * pem2der: write the DER of one block of PEM (or DER) input.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "diag.h"
#include "io.h"
#include "pem.h"

static void
usage(int status)
{
	fprintf(status ? stderr : stdout, "usage: pem2der [-csv] [-n N] [-o FILE] [-t TYPE] "
	    "[file ...]\n");
	exit(status);
}

static const struct option longopts[] = {
	{ "version",	no_argument,		NULL, 'V' },
	{ "check",	no_argument,		NULL, 'c' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "number",	required_argument,	NULL, 'n' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "strict",	no_argument,		NULL, 's' },
	{ "type",	required_argument,	NULL, 't' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ NULL,		0,			NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct out o;
	const char *ofile = NULL, *type = NULL;
	unsigned char *der = NULL;
	size_t derlen = 0;
	unsigned long want = 0, nsel = 0;
	unsigned flags = PEM_ANY_DER;
	int ch, secret = 0, status = EX_YES;
	char *end;

	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "Vchn:o:st:v", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'V':
			diag_version();
			return EX_YES;
		case 'c':
			flags |= PEM_CHECK;
			break;
		case 'n':
			want = strtoul(optarg, &end, 10);
			if (*optarg == '-' || *end != '\0' || want == 0) {
				diag_err(NULL, 0, "-n takes a block number "
				    "from 1");
				usage(EX_TROUBLE);
			}
			break;
		case 'o':
			ofile = optarg;
			break;
		case 's':
			flags |= PEM_STRICT;
			break;
		case 't':
			type = optarg;
			break;
		case 'v':
			diag_verbose = 1;
			break;
		case 'h':
			usage(EX_YES);
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	argc -= optind;
	argv += optind;

	if (out_open(&o, ofile, 0) != 0)
		return EX_TROUBLE;
	if (out_isatty(&o)) {
		out_abort(&o);
		return diag_err(NULL, 0, "refusing to write DER to a "
		    "terminal; use -o FILE or redirect stdout");
	}
	/* The whole input decides which block is meant: read it all. */
	pem_input_init(&in, argv, argc, flags);
	while (pem_input_next(&in, &b)) {
		if (type != NULL && !pem_type_match(&b, type))
			continue;
		nsel++;
		if (want != 0 ? nsel != want : nsel != 1)
			continue;
		if (b.hdr != NULL) {
			status = diag_err(b.src, b.line, "RFC 1421 headers "
			    "(an old-style encrypted key) cannot be kept in "
			    "DER");
			continue;
		}
		secret = pem_block_secret(&b);
		der = xmalloc(b.derlen);
		memcpy(der, b.der, b.derlen);
		derlen = b.derlen;
	}
	status = ex_worst(status, pem_input_end(&in));
	if (status == EX_YES && want == 0 && nsel > 1)
		status = diag_err(NULL, 0, "the input holds %lu%s%s blocks; "
		    "choose one with -n N or -t TYPE", nsel,
		    type != NULL ? " " : "", type != NULL ? type : "");
	else if (status == EX_YES && der == NULL && want != 0)
		status = diag_err(NULL, 0, "no block %lu%s%s in the input",
		    want, type ? " of type " : "", type ? type : "");
	else if (status == EX_YES && der == NULL)
		status = diag_err(NULL, 0, "no block of type %s in the input",
		    type);
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
