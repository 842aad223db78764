/*
 * der2pem: write DER objects (one or several concatenated) or PEM blocks
 * as canonical PEM, each labelled from its content.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/diag.h"
#include "x509/input.h"
#include "base/io.h"
#include "read/opt.h"
#include "read/pem.h"

#define OPTS	"Vcho:st:v"

static const struct option longopts[] = {
	OPT_COMMON_LONG,
	{ "label",	required_argument,	NULL, 't' },
	{ NULL,		0,			NULL, 0 }
};

static const struct opt_doc docs[] = {
	{ 't', "LABEL", "write LABEL for every block, unknown DER too" },
	{ 0, NULL, NULL }
};

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: der2pem [-chsVv] [-o FILE] [-t LABEL] "
	    "[file ...]\n");
	if (status == EX_YES)
		opt_help(OPTS, longopts, docs);
	exit(status);
}

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct out o;
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	const char *label = NULL, *c;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	while ((ch = getopt_long(argc, argv, OPTS, longopts,
	    NULL)) != -1) {
		if (ch != 't' && opt_common(ch, optarg, &op, usage))
			continue;
		switch (ch) {
		case 't':	/* a label here, not a type */
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
			op.flags |= PEM_ANY_DER;
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	argc -= optind;
	argv += optind;

	if (out_open(&o, op.ofile, 0) != 0)
		return EX_TROUBLE;
	pem_input_init(&in, argv, argc, op.flags);
	while (pem_input_next(&in, &b)) {
		if (label != NULL)
			b.label = label;
		status = ex_worst(status, pem_write_block(&o, &b));
		if (o.failed)
			break;
	}
	status = ex_worst(status, pem_input_end(&in));
	return out_finish(&o, status);
}
