/*
 * pem-split: write the blocks of PEM or DER input as canonical PEM, to
 * stdout or one file per block.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "io.h"
#include "name.h"
#include "pem.h"

static void
usage(int status)
{
	fprintf(status ? stderr : stdout, "usage: pem-split [-cDfsv] [-n N] [-o FILE] "
	    "[-p TEMPLATE] [-t TYPE] [file ...]\n");
	exit(status);
}

static const struct option longopts[] = {
	{ "der",	no_argument,		NULL, 'D' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "check",	no_argument,		NULL, 'c' },
	{ "force",	no_argument,		NULL, 'f' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "number",	required_argument,	NULL, 'n' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "template",	required_argument,	NULL, 'p' },
	{ "strict",	no_argument,		NULL, 's' },
	{ "type",	required_argument,	NULL, 't' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ NULL,		0,			NULL, 0 }
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

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct name_state names;
	struct out o;
	char path[PATH_MAX];
	const char *ofile = NULL, *tmpl = NULL, *type = NULL, *err;
	unsigned long want = 0, nsel = 0;
	unsigned flags = 0;
	int ch, der = 0, force = 0, status = EX_YES, rc;
	char *end;

	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "DVcfhn:o:p:st:v", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'D':
			der = 1;
			break;
		case 'V':
			diag_version();
			return EX_YES;
		case 'c':
			flags |= PEM_CHECK;
			break;
		case 'f':
			force = 1;
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
		case 'p':
			if ((err = name_check(optarg)) != NULL) {
				diag_err(NULL, 0, "template \"%s\": %s", optarg,
				    err);
				usage(EX_TROUBLE);
			}
			tmpl = optarg;
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
	if (tmpl != NULL && ofile != NULL) {
		diag_err(NULL, 0, "-o and -p exclude each other");
		usage(EX_TROUBLE);
	}

	if (out_open(&o, ofile, 0) != 0)
		return EX_TROUBLE;
	if (der && tmpl == NULL && out_isatty(&o)) {
		out_abort(&o);
		return diag_err(NULL, 0, "refusing to write DER to a "
		    "terminal; use -o FILE or redirect stdout");
	}
	memset(&names, 0, sizeof(names));
	pem_input_init(&in, argv, argc, flags);
	while (pem_input_next(&in, &b)) {
		if (type != NULL && !pem_type_match(&b, type))
			continue;
		if (want != 0 && ++nsel != want)
			continue;
		if (der && b.hdr != NULL) {
			status = diag_err(b.src, b.line, "RFC 1421 headers "
			    "(an old-style encrypted key) cannot be kept in "
			    "DER");
			continue;
		}
		if (tmpl != NULL) {
			if ((rc = name_expand(tmpl, &b, &names, path,
			    sizeof(path))) == 0)
				rc = to_file(&o, path, &b, der, force);
		} else if (der) {
			if (pem_block_secret(&b))
				out_secret(&o);
			rc = out_write(&o, b.der, b.derlen);
		} else
			rc = pem_write_block(&o, &b);
		status = ex_worst(status, rc);
		if (o.failed)
			break;
	}
	status = ex_worst(status, pem_input_end(&in));
	name_free(&names);
	if (want != 0 && nsel < want && status == EX_YES)
		status = diag_err(NULL, 0, "no block %lu%s%s in the input",
		    want, type ? " of type " : "", type ? type : "");
	if (status == EX_TROUBLE && ofile != NULL) {
		out_abort(&o);
		return status;
	}
	return ex_worst(status, out_close(&o));
}
