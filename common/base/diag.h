/*
 * diag.h: messages and exit classes shared by every pemkit filter.
 *
 * Message shape (CONVENTIONS.md section 6):
 *	prog: file:line: what is wrong
 * lower case, no final period, the cause first; OpenSSL's own error lines
 * follow, indented, and the OpenSSL error queue is always drained.
 */
#ifndef PEMKIT_DIAG_H
#define PEMKIT_DIAG_H

#include <stdarg.h>
#include <stddef.h>

/* Exit classes (CONVENTIONS.md section 3), the grep/cmp/diff convention. */
#define EX_YES		0	/* success; for a check, the answer is yes */
#define EX_NO		1	/* the check ran and the answer is no */
#define EX_TROUBLE	2	/* usage, input, OpenSSL or write trouble */

#define PEMKIT_VERSION	"0.1.0"

/* Name shown before every message; set once by diag_init(). */
extern const char *diag_prog;

/* 1 when -v was given: diag_note() prints only then. */
extern int diag_verbose;

/*
 * diag_quiet: 1 while messages are not printed (the functions below
 * still return their exit classes and clear OpenSSL's error queue).
 * For the later processes of cert-info -J, whose input's messages the
 * first process prints once (certshow_jobs).  0 by default.
 */
extern int diag_quiet;

/*
 * diag_init: reopen descriptors 0-2 on /dev/null when they are closed,
 * remember the program name (basename of argv0; the pointer is kept, not
 * copied) and clear the OpenSSL error queue.  Prints nothing.  Call it
 * first in main().
 */
void	diag_init(const char *argv0);

/*
 * diag_err: print "prog: src:line: message" to stderr, then every entry of
 * the OpenSSL error queue as an indented line, emptying the queue.
 * src may be NULL (no location); line 0 leaves the line out.  Returns
 * EX_TROUBLE so that callers can write `return diag_err(...)`.
 */
int	diag_err(const char *src, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * diag_no: like diag_err, for a check whose answer is no; returns EX_NO.
 */
int	diag_no(const char *src, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * DIAG_LIST_MAX: the most lines a message lists under it (the
 * candidates for a leaf, the certificates of an issuer's name), so that
 * a pool of 100,000 does not flood the terminal; diag_list_more says how
 * many more there were.
 */
#define DIAG_LIST_MAX	10

/*
 * diag_list_more: after a list of n items of which at most DIAG_LIST_MAX
 * were printed, print "  ... and N more" on stderr when n is above it.
 */
void	diag_list_more(size_t n);

/*
 * diag_last_error: the message of the last diag_err or diag_no, without
 * the program's name and place ("" before the first), cut at 1023
 * bytes; a static buffer the next message overwrites.  For output that
 * carries the reason too (tls-fetch --json's "error").
 */
const char	*diag_last_error(void);

/*
 * diag_warn: always print "prog: src:line: warning: message", for what
 * changes what the user gets (CONVENTIONS.md section 3); the exit class
 * is the caller's.  The OpenSSL error queue is cleared.
 */
void	diag_warn(const char *src, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * diag_note: under -v only, print "prog: src:line: note: message".
 * The OpenSSL error queue is cleared, never printed, by a note.
 */
void	diag_note(const char *src, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * diag_vmsg: the common printer behind the three above.  kind is "" for an
 * error or "note: ".  Drains the OpenSSL queue when ossl is 1.
 */
void	diag_vmsg(const char *src, unsigned long line, const char *kind,
	    int ossl, const char *fmt, va_list ap)
	    __attribute__((format(printf, 5, 0)));

/*
 * diag_ossl_drain: print each queued OpenSSL error as "  openssl: reason"
 * to stderr and empty the queue.
 */
void	diag_ossl_drain(void);

/*
 * diag_where: "file:line", or "file" when line is 0 (DER), with "#N"
 * appended for the Nth member of a PKCS#7 or PKCS#12 (member 0: none),
 * into buf[n] (truncated, NUL-terminated).  Returns buf.
 */
const char *diag_where(const char *src, unsigned long line,
	    unsigned long member, char *buf, size_t n);

/* diag_version: print "prog (pemkit) VERSION" to stdout. */
void	diag_version(void);

/*
 * ex_worst: the worse of two exit classes ("with several inputs the worst
 * class wins", CONVENTIONS.md section 3).  A function, not a macro: its
 * arguments are often calls that must run once.
 */
int	ex_worst(int a, int b);

/*
 * xmalloc, xrealloc, xstrdup: allocate or exit(EX_TROUBLE) with
 * "prog: out of memory".  The only helpers in common/ that exit.
 */
void	*xmalloc(size_t n);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);

#endif
