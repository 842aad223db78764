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

static const struct opt_def defs[] = {
	OPTDEF_BASIC,
	{ .ch = 't', .name = "label", .arg = "LABEL",
	    .help = "write LABEL for every block, unknown DER too" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "der2pem",
	.operands = "[file ...]",
	.defs = defs,
};

int
main(int argc, char *argv[])
{
	struct pem_input in;
	struct pem_block b;
	struct out o;
	struct opts op = { .flags = 0 };
	const char *label = NULL, *c;
	int ch, status = EX_YES;

	diag_init(argv[0]);
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
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
				opt_usage(EX_TROUBLE);
			}
			label = optarg;
			op.flags |= PEM_ANY_DER;
			break;
		}
	}
	opt_end(&op, &argc, &argv);

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
