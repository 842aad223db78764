/* opt.c: the options every filter shares; see opt.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "read/opt.h"
#include "read/pem.h"
#include "base/parse.h"

/* The type names of -t: the reader's pem_kind_type; anything with a
 * capital letter or a space is a label. */
static int
type_ok(const char *t)
{
	const char *c;
	int k;

	for (c = t; *c != '\0'; c++)
		if ((*c >= 'A' && *c <= 'Z') || *c == ' ')
			return *t != '\0';
	for (k = 0; k < PK_NKINDS; k++)
		if (strcmp(t, pem_kind_type((enum pem_kind)k)) == 0)
			return 1;
	return 0;
}

/* One item of a range list at *p: N, N-M or N-; its bounds (hi 0: open).
 * Advances *p past it.  0 on bad syntax. */
static int
range_item(const char **p, unsigned long *lo, unsigned long *hi)
{
	char *end;

	if (**p < '0' || **p > '9')
		return 0;
	*lo = strtoul(*p, &end, 10);
	*hi = *lo;
	if (*end == '-') {
		end++;
		*hi = 0;
		if (*end >= '0' && *end <= '9')
			*hi = strtoul(end, &end, 10);
	}
	*p = end;
	return *lo > 0 && (*hi == 0 || *hi >= *lo) &&
	    (**p == '\0' || **p == ',');
}

static int
ranges_ok(const char *s)
{
	unsigned long lo, hi;

	for (;;) {
		if (!range_item(&s, &lo, &hi))
			return 0;
		if (*s == '\0')
			return 1;
		s++;
	}
}

int
opt_selected(const struct opts *o, unsigned long k)
{
	const char *s = o->number;
	unsigned long lo, hi;

	if (s == NULL)
		return 1;
	while (range_item(&s, &lo, &hi)) {
		if (k >= lo && (hi == 0 || k <= hi))
			return 1;
		if (*s++ == '\0')
			break;
	}
	return 0;
}

const char *
opt_selection(const struct opts *o, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s%s", o->type ? "of type " : "",
	    o->type ? o->type : "", o->type && o->number ? " " : "",
	    o->number ? "numbered " : "");
	if (o->number != NULL && strlen(buf) + strlen(o->number) < n)
		strcat(buf, o->number);
	return buf;
}

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
		if (!ranges_ok(arg)) {
			diag_err(NULL, 0, "-n takes block numbers from 1: 2, 2-, "
			    "2-4 or 1,3, not \"%s\"", arg);
			usage(EX_TROUBLE);
		}
		o->number = arg;
		return 1;
	case 'o':
		o->ofile = arg;
		return 1;
	case 's':
		o->flags |= OPT_STRICT;
		return 1;
	case 't':
		if (!type_ok(arg)) {
			diag_err(NULL, 0, "-t: unknown type \"%s\": use cert, "
			    "csr, crl, key, pubkey, pkcs7, pkcs12, other or a "
			    "PEM label", arg);
			usage(EX_TROUBLE);
		}
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
opt_timeout(const char *arg, unsigned *secs, void (*usage)(int))
{
	unsigned long n;
	char *end;

	n = strtoul(arg, &end, 10);
	if (*arg < '1' || *arg > '9' || *end != '\0' || n > 3600) {
		diag_err(NULL, 0, "--timeout: whole seconds, 1 to 3600");
		usage(EX_TROUBLE);
	}
	*secs = (unsigned)n;
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

/* The shared options' words (CONVENTIONS.md section 2). */
static const struct opt_doc common_docs[] = {
	{ 'I', "N", "PKCS#12/#8 iteration cap (1000000)" },
	{ 'V', NULL, "print the version and exit" },
	{ 'c', NULL, "decode every block fully with OpenSSL" },
	{ 'h', NULL, "print this help and exit" },
	{ 'o', "FILE", "write to FILE, atomically" },
	{ 's', NULL, "every repair of the input is an error" },
	{ 'v', NULL, "repairs and choices as notes" },
	{ 'w', "SOURCE", "passphrase: pass:, env:, file:, fd:" },
	{ 0, NULL, NULL }
};

void
opt_help(const char *optstring, const struct option *longopts,
    const struct opt_doc *docs)
{
	const struct opt_doc *d;
	const struct option *lo;
	const char *p;
	char left[64];

	printf("options:\n");
	for (p = optstring; *p != '\0'; p++) {
		if (*p == ':')
			continue;
		for (d = docs; d->ch != 0 && d->ch != *p; d++)
			;
		if (d->ch == 0)
			for (d = common_docs; d->ch != 0 && d->ch != *p; d++)
				;
		for (lo = longopts; lo->name != NULL && lo->val != *p; lo++)
			;
		if (lo->name != NULL)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", *p,
			    lo->name, d->arg ? " " : "", d->arg ? d->arg : "");
		else
			snprintf(left, sizeof(left), "-%c%s%s", *p,
			    d->arg ? " " : "", d->arg ? d->arg : "");
		printf("  %-29s %s\n", left, d->what ? d->what : "");
	}
}
