/* opt.c: the options every filter shares; see opt.h. */
#include <stdlib.h>

#include "diag.h"
#include "opt.h"
#include "x509info.h"

int
opt_common(int ch, const char *arg, struct opts *o, void (*usage)(int))
{
	char *end;

	switch (ch) {
	case 'I':
		o->max_iter = strtoul(arg, &end, 10);
		if (*arg == '-' || *end != '\0' || o->max_iter == 0) {
			diag_err(NULL, 0, "-I/--max-iter takes a whole number "
			    "from 1");
			usage(EX_TROUBLE);
		}
		return 1;
	case 'V':
		diag_version();
		exit(EX_YES);
	case 'c':
		o->flags |= OPT_CHECK;
		return 1;
	case 'h':
		usage(EX_YES);
		return 1;
	case 'n':
		o->number = strtoul(arg, &end, 10);
		if (*arg == '-' || *end != '\0' || o->number == 0) {
			diag_err(NULL, 0, "-n takes a block number from 1");
			usage(EX_TROUBLE);
		}
		return 1;
	case 'o':
		o->ofile = arg;
		return 1;
	case 's':
		o->flags |= OPT_STRICT;
		return 1;
	case 't':
		o->type = arg;
		return 1;
	case 'v':
		diag_verbose = 1;
		return 1;
	case 'w':
		o->passin = arg;
		return 1;
	}
	return 0;
}

void
opt_at(const char *arg, time_t *t, void (*usage)(int))
{
	if (parse_time(arg, t) != 0) {
		diag_err(NULL, 0, "--at: \"%s\" is not a time: use 2030-01-31, "
		    "2030-01-31T12:00:00Z or @EPOCH", arg);
		usage(EX_TROUBLE);
	}
}

void
opt_needs_passin(int given, const struct opts *o, const char *name,
    void (*usage)(int))
{
	if (given && o->passin == NULL) {
		diag_err(NULL, 0, "%s needs the passphrase: give --passin",
		    name);
		usage(EX_TROUBLE);
	}
}
