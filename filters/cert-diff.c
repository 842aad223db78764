/*
 * cert-diff: is the renewed certificate a drop-in replacement for the
 * old one?  The leaves of OLD and NEW (files or bundles) compared on
 * names, purposes, key, issuer, lifetime, policies and must-staple.
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/io.h"
#include "out/certdiff.h"
#include "read/opt.h"

static const struct opt_def defs[] = {
	OPTDEF_BASIC,
	{ .ch = 'j', .name = "json",
	    .help = "one NDJSON object" },
	{ .ch = 'k', .name = "new-key",
	    .help = "exit 1 when the new certificate reuses the old key" },
	OPTDEF_END
};

static const struct opt_cmd cmd = {
	.prog = "cert-diff",
	.operands = "OLD NEW",
	.defs = defs,
};

int
main(int argc, char *argv[])
{
	struct certdiff_side a, b;
	struct certdiff d;
	struct opts op = { .flags = 0 };
	struct out o;
	int ch, json = 0, status;

	diag_init(argv[0]);
	memset(&d, 0, sizeof(d));
	while ((ch = opt_next(&cmd, &op, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'k':
			d.new_key = 1;
			break;
		}
	}
	opt_end(&op, &argc, &argv);
	if (argc != 2) {
		diag_err(NULL, 0, "give two files: OLD and NEW");
		opt_usage(EX_TROUBLE);
	}

	memset(&b, 0, sizeof(b));
	status = ex_worst(certdiff_leaf(argv[0], op.flags, &a),
	    certdiff_leaf(argv[1], op.flags, &b));
	if (status != EX_YES)
		goto out;
	status = certdiff_compare(&a, &b, &d);
	if (out_open(&o, op.ofile, 0) != 0) {
		status = EX_TROUBLE;
		goto out;
	}
	if (json)
		certdiff_json(&o, &a, &b, &d);
	else
		certdiff_text(&o, &a, &b, &d);
	status = out_finish(&o, status);
out:
	certdiff_free(&d);
	certdiff_side_free(&a);
	certdiff_side_free(&b);
	return status;
}
