/*
 * opt.h: the options every filter shares (CONVENTIONS.md section 2), so
 * that each filter's main() handles only its own.
 */
#ifndef PEMKIT_OPT_H
#define PEMKIT_OPT_H

#include <getopt.h>
#include <stddef.h>
#include <time.h>

#include "base/parse.h"
#include "read/pem.h"

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

/*
 * One option of a filter's table (issue 23 item 3): the letter, long
 * name, argument and help words are written here once; the getopt
 * string, the getopt_long table, the usage line and the -h list are
 * made from the table.  Declare entries with designated initialisers.
 */
struct opt_def {
	int		 ch;		/* its letter or digit */
	const char	*name;		/* long name without "--", or NULL */
	const char	*arg;		/* the argument's name ("FILE"), or
					   NULL for an option without one */
	const char	*help;		/* its words in -h */
	int		 shared;	/* handled by opt_next itself (the
					   options opt.c knows), not
					   returned to the filter */
};

/* A shared option: opt_next handles it; see opt_next for each letter. */
#define OPTDEF_SHARED(c, n, a, h) \
	{ .ch = (c), .name = (n), .arg = (a), .help = (h), .shared = 1 }

/* The shared options with their usual words, one macro each. */
#define OPTDEF_VERSION	OPTDEF_SHARED('V', "version", NULL, \
			    "print the version and exit")
#define OPTDEF_CHECK	OPTDEF_SHARED('c', "check", NULL, \
			    "decode every block fully with OpenSSL")
#define OPTDEF_HELP	OPTDEF_SHARED('h', "help", NULL, \
			    "print this help and exit")
#define OPTDEF_OUTPUT	OPTDEF_SHARED('o', "output", "FILE", \
			    "write to FILE, atomically")
#define OPTDEF_STRICT	OPTDEF_SHARED('s', "strict", NULL, \
			    "every repair of the input is an error")
#define OPTDEF_VERBOSE	OPTDEF_SHARED('v', "verbose", NULL, \
			    "repairs and choices as notes")
#define OPTDEF_MAX_ITER	OPTDEF_SHARED('I', "max-iter", "N", \
			    "PKCS#12/#8 iteration cap (1000000)")
#define OPTDEF_PASSIN	OPTDEF_SHARED('w', "passin", "SOURCE", \
			    "passphrase: pass:, env:, file:, fd:")

/* -V -c -h -o -s -v, which every filter has. */
#define OPTDEF_BASIC	OPTDEF_VERSION, OPTDEF_CHECK, OPTDEF_HELP, \
			OPTDEF_OUTPUT, OPTDEF_STRICT, OPTDEF_VERBOSE
/* -I and -w, for the filters that read keys and PKCS#12. */
#define OPTDEF_KEYS	OPTDEF_MAX_ITER, OPTDEF_PASSIN

/* The end of a table. */
#define OPTDEF_END	{ .ch = 0 }

/* A filter's command line. */
struct opt_cmd {
	const char		*prog;		/* "cert-info" */
	const char		*operands;	/* after the options in the
						   usage line: "[file ...]" */
	const struct opt_def	*defs;		/* ended by OPTDEF_END */
};

/*
 * opt_next: the next option of argv through getopt_long(3), with the
 * getopt string and long options made from cmd's table (each letter
 * once; where a letter comes twice, the first entry wins when the later
 * one is shared: that is how a filter gives a shared option words of its
 * own, by writing its entry before OPTDEF_BASIC; any other repeat is a bug,
 * reported as trouble).  Shared options are handled here and not
 * returned: -V prints the version and exits 0; -h prints the usage and
 * the -h list and exits 0; -c and -s set OPT_CHECK and OPT_STRICT in
 * o->flags; -v sets diag_verbose; -o stores its FILE; -n must be a list
 * of block numbers and ranges from 1 ("2", "2-", "1,3-4", "2.1",
 * "2.2-3"; see opt_selected); -t a type
 * name, cert, csr, crl, key, pubkey, pkcs7, pkcs12 or other, or a label
 * with a capital letter; -w stores the --passin source (read it with
 * pass_get() in x509/keys.h); -I a whole number from 1.  A bad
 * argument or an unknown option is a message and opt_usage(EX_TROUBLE).
 * Returns the filter's own option letter (its argument in optarg), or -1
 * at the end of the options.
 */
int	opt_next(const struct opt_cmd *cmd, struct opts *o, int argc,
	    char *argv[]);

/*
 * opt_end: after the last opt_next: the --max-iter cap into key_max_iter
 * (read/pem.h) when o has one, and *argc and *argv moved past the
 * options to the operands.
 */
void	opt_end(const struct opts *o, int *argc, char ***argv);

/*
 * opt_usage: the usage line of the command opt_next works on, made from
 * its table ("usage: PROG [-flags] [-X ARG] ... OPERANDS", the options
 * sorted by letter, upper case before lower, wrapped at 80 columns
 * under the first option), to stderr, or with status EX_YES to stdout
 * followed by the -h list ("options:", then one line per option in
 * getopt order: "  -o, --output FILE  write to FILE, atomically").
 * Exits with status.  Its type is the usage callback that opt_at,
 * opt_timeout and opt_needs_passin take.
 */
void	opt_usage(int status);

/*
 * opt_positional: for an option ch that applies to the operands after
 * it (tls-fetch -S, issue 22), which getopt_long moves behind the
 * options: the argument of the last ch before each operand, found by
 * walking argv as getopt_long will with cmd's table (clusters, attached
 * and separate arguments, abbreviated long names, "--").  Call it
 * before opt_next.  Returns a heap array (the caller frees it) of one
 * entry per operand, in order (NULL: no ch before it), and their number
 * in *n; *n differs from the operands' count when POSIXLY_CORRECT made
 * getopt_long stop at the first operand.
 */
const char	**opt_positional(const struct opt_cmd *cmd, int argc,
		    char *argv[], int ch, int *n);

/*
 * opt_selected: 1 when the block numbered index (from 1), or its member
 * number member (from 1; 0 for a block not in a container), is in o's -n
 * list, or o has none.  The numbers are pemkit(7)'s "index" and
 * "member": a PKCS#7 or PKCS#12 is one block, and an item N selects
 * all its members, N.M member M alone; N-M, N.M- and the like are
 * ranges in that order (block N before its members).
 *
 * opt_members: 1 when o's -n list names a member (an N.M item), so that
 * the containers must be opened even where the filter would not.
 */
int	opt_selected(const struct opts *o, unsigned long index,
	    unsigned long member);
int	opt_members(const struct opts *o);

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
 * opt_duration: the argument of --expires-within: a duration or a share
 * of the lifetime as parse_within() (base/parse.h) takes it, into *w.
 * On anything else, a message naming the forms and usage(EX_TROUBLE).
 */
void	opt_duration(const char *arg, struct within *w, void (*usage)(int));

/*
 * opt_timeout: the argument of -t/--timeout of the networked filters
 * (tls-fetch, cert-info --ocsp, chain-order --fetch): whole seconds from
 * 1 to 3600 into *secs.  On anything else, a message and
 * usage(EX_TROUBLE).
 */
void	opt_timeout(const char *arg, unsigned *secs, void (*usage)(int));

/*
 * opt_jobs: the argument of -J/--jobs (cert-info): a whole number of
 * processes from 1 to 64 into *n.  On anything else, a message and
 * usage(EX_TROUBLE).
 */
void	opt_jobs(const char *arg, int *n, void (*usage)(int));

/*
 * opt_needs_passin: when given is set (an option such as --decrypt was
 * used) and o has no --passin, print "NAME needs the passphrase: give
 * --passin" and call usage(EX_TROUBLE).
 */
void	opt_needs_passin(int given, const struct opts *o, const char *name,
	    void (*usage)(int));

#endif
