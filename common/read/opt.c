/* opt.c: the options every filter shares; see opt.h. */
#include <errno.h>
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

/* One number of an -n item at *p: N or N.M (member M of block N, M 0
 * for the whole block); advances *p past it.  0 on bad syntax. */
static int
num_item(const char **p, unsigned long *n, unsigned long *m)
{
	char *end;

	*m = 0;
	if (**p < '0' || **p > '9')
		return 0;
	*n = strtoul(*p, &end, 10);
	if (*end == '.') {
		if (end[1] < '0' || end[1] > '9')
			return 0;
		*m = strtoul(end + 1, &end, 10);
		if (*m == 0)
			return 0;
	}
	*p = end;
	return *n > 0;
}

/*
 * One item of a range list at *p: X, X-Y or X-, each of X and Y a block
 * N or a member N.M (pemkit(7)'s index and member); the bounds in r
 * (r[2] 0: open; r[3] 0 with r[2] set: to the end of block r[2]; a lone
 * X has r[2], r[3] equal to r[0], r[1] and single set).  Advances *p past
 * it.  0 on bad syntax or a range that ends before it starts.
 */
static int
range_item(const char **p, unsigned long r[4], int *single)
{
	if (!num_item(p, &r[0], &r[1]))
		return 0;
	r[2] = r[0];
	r[3] = r[1];
	*single = **p != '-';
	if (!*single) {
		(*p)++;
		r[2] = r[3] = 0;
		if (**p >= '0' && **p <= '9' && !num_item(p, &r[2], &r[3]))
			return 0;
		if (r[2] != 0 && (r[2] < r[0] || (r[2] == r[0] &&
		    r[3] != 0 && r[3] < r[1])))
			return 0;
	}
	return **p == '\0' || **p == ',';
}

static int
ranges_ok(const char *s)
{
	unsigned long r[4];
	int single;

	for (;;) {
		if (!range_item(&s, r, &single))
			return 0;
		if (*s == '\0')
			return 1;
		s++;
	}
}

/* Is (index, member) in the item r?  A block is (N, 0) and comes before
 * its members (N, 1), (N, 2) ...; a bound N without a member takes the
 * whole block N. */
static int
in_range(const unsigned long r[4], int single, unsigned long index,
    unsigned long member)
{
	if (single)
		return index == r[0] && (r[1] == 0 || member == r[1]);
	if (index < r[0] || (index == r[0] && member < r[1]))
		return 0;
	return r[2] == 0 || index < r[2] || (index == r[2] &&
	    (r[3] == 0 || member <= r[3]));
}

int
opt_selected(const struct opts *o, unsigned long index, unsigned long member)
{
	const char *s = o->number;
	unsigned long r[4];
	int single;

	if (s == NULL)
		return 1;
	while (range_item(&s, r, &single)) {
		if (in_range(r, single, index, member))
			return 1;
		if (*s++ == '\0')
			break;
	}
	return 0;
}

int
opt_members(const struct opts *o)
{
	return o->number != NULL && strchr(o->number, '.') != NULL;
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

/* A shared option ch with its argument arg into o; see opt_next. */
static void
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
		break;
	case 'V':
		diag_version();
		exit(EX_YES);
	case 'c':
		o->flags |= OPT_CHECK;
		break;
	case 'h':
		usage(EX_YES);
		break;
	case 'n':
		if (!ranges_ok(arg)) {
			diag_err(NULL, 0, "-n takes block numbers from 1: 2, 2-, "
			    "2-4, 1,3 or 2.1 (member 1 of block 2), not "
			    "\"%s\"", arg);
			usage(EX_TROUBLE);
		}
		o->number = arg;
		break;
	case 'o':
		o->ofile = arg;
		break;
	case 's':
		o->flags |= OPT_STRICT;
		break;
	case 't':
		if (!type_ok(arg)) {
			diag_err(NULL, 0, "-t: unknown type \"%s\": use cert, "
			    "csr, crl, key, pubkey, pkcs7, pkcs12, other or a "
			    "PEM label", arg);
			usage(EX_TROUBLE);
		}
		o->type = arg;
		break;
	case 'v':
		diag_verbose = 1;
		break;
	case 'w':
		o->passin = arg;
		break;
	}
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
opt_duration(const char *arg, struct within *w, void (*usage)(int))
{
	if (parse_within(arg, w) != 0) {
		diag_err(NULL, 0, "--expires-within: \"%s\" is not a duration: "
		    "use 30 (days), 30d, 12h, 2w, 33%% (of the lifetime), ...",
		    arg);
		usage(EX_TROUBLE);
	}
}

/* arg as a whole number from 1 to max, or 0 */
static unsigned long
whole(const char *arg, unsigned long max)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (*arg < '1' || *arg > '9' || *end != '\0' || errno != 0 ||
	    n > max)
		return 0;
	return n;
}

void
opt_timeout(const char *arg, unsigned *secs, void (*usage)(int))
{
	if ((*secs = (unsigned)whole(arg, 3600)) == 0) {
		diag_err(NULL, 0, "--timeout: whole seconds, 1 to 3600");
		usage(EX_TROUBLE);
	}
}

void
opt_jobs(const char *arg, int *n, void (*usage)(int))
{
	if ((*n = (int)whole(arg, 64)) == 0) {
		diag_err(NULL, 0, "--jobs: a number of processes, 1 to 64");
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

/*
 * The table of the command being parsed, made once: its entries in
 * getopt order (ASCII: digits, upper case, lower case), the getopt
 * string and the getopt_long table.
 */
#define OPT_MAX		64
static struct {
	const struct opt_cmd	*cmd;
	const struct opt_def	*d[OPT_MAX];
	size_t			 n;
	char			 optstring[2 * OPT_MAX + 1];
	struct option		 lo[OPT_MAX + 1];
} tab;

static void
build(const struct opt_cmd *cmd)
{
	const struct opt_def *def, *t;
	size_t i, k, nl = 0;
	char *p;

	if (tab.cmd == cmd)
		return;
	memset(&tab, 0, sizeof(tab));
	tab.cmd = cmd;
	for (def = cmd->defs; def->ch != 0; def++) {
		for (i = 0; i < tab.n && tab.d[i]->ch != def->ch; i++)
			;
		if (i < tab.n && def->shared)
			continue;	/* the filter's own words came first */
		if (i < tab.n || tab.n == OPT_MAX) {
			diag_err(NULL, 0, "%s: option -%c declared twice, or "
			    "too many options", cmd->prog, def->ch);
			exit(EX_TROUBLE);
		}
		/* insertion in ASCII order, as the getopt string is sorted
		 * (CONVENTIONS.md section 2) */
		for (i = tab.n++; i > 0 && tab.d[i - 1]->ch > def->ch; i--)
			tab.d[i] = tab.d[i - 1];
		tab.d[i] = def;
	}
	p = tab.optstring;
	for (k = 0; k < tab.n; k++) {
		t = tab.d[k];
		*p++ = (char)t->ch;
		if (t->arg != NULL)
			*p++ = ':';
		if (t->name != NULL) {
			tab.lo[nl].name = t->name;
			tab.lo[nl].has_arg = t->arg != NULL ?
			    required_argument : no_argument;
			tab.lo[nl].flag = NULL;
			tab.lo[nl++].val = t->ch;
		}
	}
	*p = '\0';
}

/* The getopt string and getopt_long table of cmd, valid until another
 * command's table is made. */
static const char *
opt_getopt(const struct opt_cmd *cmd, const struct option **longopts)
{
	build(cmd);
	if (longopts != NULL)
		*longopts = tab.lo;
	return tab.optstring;
}

int
opt_next(const struct opt_cmd *cmd, struct opts *o, int argc, char *argv[])
{
	size_t k;
	int ch;

	build(cmd);
	for (;;) {
		ch = getopt_long(argc, argv, tab.optstring, tab.lo, NULL);
		if (ch == -1)
			return -1;
		for (k = 0; k < tab.n && tab.d[k]->ch != ch; k++)
			;
		if (k == tab.n)
			opt_usage(EX_TROUBLE);	/* getopt said why */
		if (!tab.d[k]->shared)
			return ch;
		opt_common(ch, optarg, o, opt_usage);
	}
}

void
opt_end(const struct opts *o, int *argc, char ***argv)
{
	if (o->max_iter != 0)
		key_max_iter = o->max_iter;
	*argc -= optind;
	*argv += optind;
}

const char **
opt_positional(const struct opt_cmd *cmd, int argc, char *argv[], int ch,
    int *n)
{
	const char **v, *cur = NULL, *a, *o, *arg, *opts;
	const struct option *longopts, *lo, *hit;
	size_t k;
	int i, j, rest = 0;

	opts = opt_getopt(cmd, &longopts);
	v = xmalloc((size_t)argc * sizeof(*v));
	*n = 0;
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (rest || a[0] != '-' || a[1] == '\0') {
			v[(*n)++] = cur;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			rest = 1;
			continue;
		}
		if (a[1] == '-') {
			/* a long option, or the one it abbreviates */
			k = strcspn(a + 2, "=");
			for (hit = NULL, lo = longopts; lo->name != NULL; lo++)
				if (strncmp(lo->name, a + 2, k) == 0 &&
				    (hit == NULL || lo->name[k] == '\0'))
					hit = lo;
			if (hit == NULL || hit->has_arg != required_argument)
				continue;
			arg = a[2 + k] == '=' ? a + 3 + k : i + 1 < argc ?
			    argv[++i] : NULL;
			if (hit->val == ch && arg != NULL)
				cur = arg;
			continue;
		}
		for (j = 1; a[j] != '\0'; j++) {
			if ((o = strchr(opts, a[j])) == NULL || o[1] != ':')
				continue;
			arg = a[j + 1] != '\0' ? a + j + 1 : i + 1 < argc ?
			    argv[++i] : NULL;
			if (a[j] == ch && arg != NULL)
				cur = arg;
			break;
		}
	}
	return v;
}

/* The usage line's order: by letter, upper case before lower (-C, -c). */
static int
usage_before(int a, int b)
{
	int la = a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a;
	int lb = b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b;

	return la != lb ? la < lb : a < b;
}

/* One word of the usage line onto f, wrapped at 80 columns. */
static void
usage_word(FILE *f, const char *w, size_t *col, size_t indent)
{
	size_t len = strlen(w);

	if (*col > indent && *col + 1 + len > 80) {
		fprintf(f, "\n%*s", (int)indent, "");
		*col = indent;
	} else {
		fputc(' ', f);
		(*col)++;
	}
	fputs(w, f);
	*col += len;
}

void
opt_usage(int status)
{
	const struct opt_def *u[OPT_MAX], *d;
	const struct opt_def *t;
	FILE *f = status ? stderr : stdout;
	char w[128], left[64];
	size_t i, k, col, indent, nf = 0;

	if (tab.cmd == NULL)
		exit(status);
	for (k = 0; k < tab.n; k++) {
		t = tab.d[k];
		for (i = k; i > 0 && usage_before(t->ch, u[i - 1]->ch); i--)
			u[i] = u[i - 1];
		u[i] = t;
	}
	col = indent = strlen("usage: ") + strlen(tab.cmd->prog);
	fprintf(f, "usage: %s", tab.cmd->prog);
	indent++;
	w[nf++] = '[';
	w[nf++] = '-';
	for (k = 0; k < tab.n; k++)
		if (u[k]->arg == NULL)
			w[nf++] = (char)u[k]->ch;
	w[nf++] = ']';
	w[nf] = '\0';
	if (nf > 3)
		usage_word(f, w, &col, indent);
	for (k = 0; k < tab.n; k++) {
		if (u[k]->arg == NULL)
			continue;
		snprintf(w, sizeof(w), "[-%c %s]", u[k]->ch, u[k]->arg);
		usage_word(f, w, &col, indent);
	}
	if (tab.cmd->operands != NULL && *tab.cmd->operands != '\0')
		usage_word(f, tab.cmd->operands, &col, indent);
	fputc('\n', f);
	if (status == EX_YES) {
		printf("options:\n");
		for (k = 0; k < tab.n; k++) {
			d = tab.d[k];
			if (d->name != NULL)
				snprintf(left, sizeof(left), "-%c, --%s%s%s",
				    d->ch, d->name, d->arg ? " " : "",
				    d->arg ? d->arg : "");
			else
				snprintf(left, sizeof(left), "-%c%s%s", d->ch,
				    d->arg ? " " : "", d->arg ? d->arg : "");
			printf("  %-29s %s\n", left, d->help ? d->help : "");
		}
	}
	exit(status);
}
