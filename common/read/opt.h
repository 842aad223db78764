/*
 * opt.h: the options every filter shares (CONVENTIONS.md section 2), so
 * that each filter's main() handles only its own.
 */
#ifndef PEMKIT_OPT_H
#define PEMKIT_OPT_H

#include <getopt.h>
#include <stddef.h>
#include <time.h>

#include "read/pem.h"

/* getopt_long entries of the shared options, for each filter's table. */
#define OPT_COMMON_LONG \
	{ "version",	no_argument,		NULL, 'V' }, \
	{ "check",	no_argument,		NULL, 'c' }, \
	{ "help",	no_argument,		NULL, 'h' }, \
	{ "output",	required_argument,	NULL, 'o' }, \
	{ "strict",	no_argument,		NULL, 's' }, \
	{ "verbose",	no_argument,		NULL, 'v' }

/* The reader flags -c and -s set (pem.h). */
#define OPT_STRICT	PEM_STRICT
#define OPT_CHECK	PEM_CHECK

/* What the shared options set. */
struct opts {
	unsigned	 flags;		/* OPT_CHECK (-c), OPT_STRICT (-s) */
	const char	*ofile;		/* -o FILE, or NULL for stdout */
	const char	*type;		/* -t TYPE, or NULL */
	const char	*number;	/* -n RANGES ("2", "2-", "1,3-4"), or
					   NULL; see opt_selected */
	const char	*passin;	/* -w SOURCE (--passin), or NULL */
	unsigned long	 max_iter;	/* -I N (--max-iter), or 0 */
};

/* getopt_long entries of --passin and --max-iter, for the filters that
 * read keys and PKCS#12. */
#define OPT_PASSIN_LONG \
	{ "passin",	required_argument,	NULL, 'w' }, \
	{ "max-iter",	required_argument,	NULL, 'I' }

/*
 * opt_common: handle option ch (with argument arg) if it is a shared one:
 * -V prints the version and exits 0; -h calls usage(EX_YES); -c, -s, -v
 * set flags and diag_verbose; -n, -o, -t store their argument (-n must be
 * a list of block numbers and ranges from 1, "2", "2-", "1,3-4"; -t a
 * type name, cert, csr, crl, key, pubkey, pkcs7, pkcs12 or other, or a
 * label with a capital letter; else a message and usage(EX_TROUBLE)); -w
 * stores the --passin source (read it with pass_get() in keys.h); -I
 * stores the --max-iter cap (a whole number from 1, for key_max_iter in
 * keys.h).
 * Returns 1 when ch was handled, 0 when it is the filter's own.
 */
int	opt_common(int ch, const char *arg, struct opts *o,
	    void (*usage)(int));

/* One line of -h: an option's letter, its argument's name, its words. */
struct opt_doc {
	int		 ch;
	const char	*arg;		/* "FILE", or NULL */
	const char	*what;
};

/*
 * opt_help: for -h/--help, one line per option of optstring, in its
 * order: "  -o, --output FILE  write to FILE, atomically", the long
 * name from longopts, the words from docs (the filter's own, ended by
 * ch 0) or from the shared options' (opt.c).  Writes to stdout.
 */
void	opt_help(const char *optstring, const struct option *longopts,
	    const struct opt_doc *docs);

/*
 * opt_selected: 1 when the k-th selected block (from 1) is in o's -n
 * ranges, or o has none.
 */
int	opt_selected(const struct opts *o, unsigned long k);

/*
 * opt_selection: words for what -t and -n ask, for "no block ... in the
 * input": "of type cert", "numbered 2-", "of type key numbered 1".
 * Returns buf (n bytes).
 */
const char *opt_selection(const struct opts *o, char *buf, size_t n);

/*
 * opt_at: the argument of --at: a time as parse_time() (base/parse.h)
 * takes it, into *t (seconds since the epoch).  On anything else, a
 * message naming the forms and usage(EX_TROUBLE).
 */
void	opt_at(const char *arg, time_t *t, void (*usage)(int));

/*
 * opt_timeout: the argument of -t/--timeout of the networked filters
 * (tls-fetch, cert-info --ocsp, chain-order --fetch): whole seconds from
 * 1 to 3600 into *secs.  On anything else, a message and
 * usage(EX_TROUBLE).
 */
void	opt_timeout(const char *arg, unsigned *secs, void (*usage)(int));

/*
 * opt_needs_passin: when given is set (an option such as --decrypt was
 * used) and o has no --passin, print "NAME needs the passphrase: give
 * --passin" and call usage(EX_TROUBLE).
 */
void	opt_needs_passin(int given, const struct opts *o, const char *name,
	    void (*usage)(int));

#endif
