/*
 * der2pem: write DER objects (one or several concatenated) or PEM blocks
 * as canonical PEM, each labelled from its content.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "io.h"
#include "pem.h"

static void
usage(int status)
{
	fprintf(status ? stderr : stdout, "usage: der2pem [-csv] [-o FILE] [-t LABEL] "
	    "[file ...]\n");
	exit(status);
}

static const struct option longopts[] = {
	{ "version",	no_argument,		NULL, 'V' },
	{ "check",	no_argument,		NULL, 'c' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "strict",	no_argument,		NULL, 's' },
	{ "label",	required_argument,	NULL, 't' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ NULL,		0,			NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct out o;
	const char *ofile = NULL, *label = NULL, *c;
	unsigned flags = 0;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "Vcho:st:v", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'V':
			diag_version();
			return EX_YES;
		case 'c':
			flags |= PEM_CHECK;
			break;
		case 'o':
			ofile = optarg;
			break;
		case 's':
			flags |= PEM_STRICT;
			break;
		case 't':
			/* RFC 7468 section 3: label characters */
			for (c = optarg; *c != '\0'; c++)
				if (*c < 0x20 || *c > 0x7e || *c == '-')
					break;
			if (*optarg == '\0' || *c != '\0' ||
			    c - optarg > PEM_MAX_LABEL) {
				diag_err(NULL, 0, "-t: \"%s\" is not a PEM "
				    "label", optarg);
				usage(EX_TROUBLE);
			}
			label = optarg;
			flags |= PEM_ANY_DER;
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
	pem_input_init(&in, argv, argc, flags);
	while (pem_input_next(&in, &b)) {
		if (label != NULL)
			b.label = label;
		status = ex_worst(status, pem_write_block(&o, &b));
		if (o.failed)
			break;
	}
	status = ex_worst(status, pem_input_end(&in));
	if (status == EX_TROUBLE && ofile != NULL) {
		out_abort(&o);
		return status;
	}
	return ex_worst(status, out_close(&o));
}
