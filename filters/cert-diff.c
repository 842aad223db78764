/*
 * cert-diff: is the renewed certificate a drop-in replacement for the
 * old one?  The leaves of OLD and NEW (files or bundles) compared on
 * names, purposes, key, issuer, lifetime, policies and must-staple.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/io.h"
#include "out/certdiff.h"
#include "read/opt.h"

#define OPTS	"Vchjko:sv"

static const struct option longopts[] = {
	OPT_COMMON_LONG,
	{ "json",	no_argument,		NULL, 'j' },
	{ "new-key",	no_argument,		NULL, 'k' },
	{ NULL,		0,			NULL, 0 }
};

static const struct opt_doc docs[] = {
	{ 'j', NULL, "one NDJSON object" },
	{ 'k', NULL, "exit 1 when the new certificate reuses the old key" },
	{ 0, NULL, NULL }
};

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: cert-diff [-chjksVv] [-o FILE] OLD NEW\n");
	if (status == EX_YES)
		opt_help(OPTS, longopts, docs);
	exit(status);
}

int
main(int argc, char *argv[])
{
	struct certdiff_side a, b;
	struct certdiff d;
	struct opts op = { 0, NULL, NULL, 0, NULL, 0 };
	struct out o;
	int ch, json = 0, status;

	diag_init(argv[0]);
	memset(&d, 0, sizeof(d));
	while ((ch = getopt_long(argc, argv, OPTS, longopts, NULL)) != -1) {
		if (opt_common(ch, optarg, &op, usage))
			continue;
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'k':
			d.new_key = 1;
			break;
		default:
			usage(EX_TROUBLE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2) {
		diag_err(NULL, 0, "give two files: OLD and NEW");
		usage(EX_TROUBLE);
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
