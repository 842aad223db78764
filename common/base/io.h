/*
 * io.h: input opening and all-or-nothing output (CONVENTIONS.md section 2
 * and 5): "-" is stdin, -o FILE is written through a temporary file in the
 * same directory and renamed into place, files that hold private keys are
 * mode 0600, and a write error is reported, never ignored.
 */
#ifndef PEMKIT_IO_H
#define PEMKIT_IO_H

#include <sys/stat.h>

#include <stddef.h>

/*
 * in_open: open path for reading; NULL or "-" is stdin.  Stores the name
 * to show in messages ("<stdin>" or path, not copied) in *name.
 * Returns the descriptor, or -1 after printing "prog: path: cause"
 * (a directory is refused here, not at the first read).
 */
int	in_open(const char *path, const char **name);

/* in_close: close fd unless it is stdin. */
void	in_close(int fd);

/* Flags for out_open(). */
#define OUT_NOCLOBBER	0x1	/* refuse to replace an existing file */
#define OUT_HOLD	0x2	/* keep all output in memory until out_close */
#define OUT_NOFOLLOW	0x4	/* refuse a symbolic link (a new key file) */
#define OUT_REGULAR	0x8	/* only a regular file, links not followed */
#define OUT_PUBLIC	0x10	/* mode 0644 at most, whatever the umask */

/*
 * struct out: one output, stdout or a file being written atomically.
 * Fields are private to io.c; callers only pass the pointer around.
 */
struct out {
	int		 fd;
	const char	*name;		/* for messages */
	char		*path;		/* final path; NULL for stdout */
	char		*tmp;		/* temporary path; NULL for stdout */
	unsigned char	*buf;
	size_t		 len, cap;
	size_t		 used;		/* high-water mark of len */
	int		 flags;
	int		 secret;	/* holds a private key: 0600, wiped */
	int		 failed;
	int		 inplace;	/* not a regular file: written in
					   place, never renamed over */
	int		 hasold;	/* path existed: old holds its stat */
	struct stat	 old;
};

/*
 * out_open: start an output (CONVENTIONS.md section 2).  path NULL or "-"
 * is stdout.  Decided by the file's type (fstat of what was opened),
 * never by its path (issue 24): a file that exists and is not a regular
 * one (/dev/null, a FIFO, a socket, a terminal) and the names of a
 * descriptor (exactly /dev/stdout, /dev/stderr, /dev/fd/N,
 * /proc/self/fd/N) are opened and written in place, the output held
 * until out_close; otherwise, wherever the file is (/dev/shm too), a
 * temporary file is created mode 0600 in the target's directory, removed
 * again if SIGHUP, SIGINT or SIGTERM ends the program, and renamed over
 * the target at out_close.  A symbolic link is followed to the file it
 * names; with OUT_NOFOLLOW one is refused ("is a symbolic link"), and one
 * planted after that look is replaced itself, never written through.
 * With OUT_REGULAR (a cache file), anything but a regular file, a link
 * included, is refused ("is not a regular file"), never opened, and one
 * planted after the look is replaced by the rename.  With OUT_PUBLIC the
 * new file is mode 0644 at most, whatever the umask.
 * Returns 0, or EX_TROUBLE after printing the cause.
 */
int	out_open(struct out *o, const char *path, int flags);

/*
 * out_fdopen: start an output on fd, a descriptor already open (the pipe
 * from a process of cert-info -J to the first), named name in messages;
 * flags as out_open's, OUT_HOLD keeping everything until out_close.
 * out_close flushes and leaves fd open.  Never fails.
 */
void	out_fdopen(struct out *o, int fd, const char *name, int flags);

/*
 * out_same_file: 1 when the paths a and b name one file, once symbolic
 * links are followed: the same string, the same st_dev and st_ino when
 * both exist, else the same last name in the same directory (compared
 * by st_dev and st_ino too); 0 otherwise.  Prints nothing.  For csr-new,
 * whose request must not replace its new key (issue 24).
 */
int	out_same_file(const char *a, const char *b);

/*
 * out_secret: mark the output as holding a private key: the file stays
 * mode 0600 whatever the umask, and buffers are wiped with
 * OPENSSL_cleanse before they are freed.  On a stdout that is a regular
 * file readable by group or others, a warning (the mode is not changed).
 */
void	out_secret(struct out *o);

/*
 * out_write: append n bytes.  Buffered; flushed to the descriptor when the
 * buffer grows past 256 KiB, unless OUT_HOLD.  Returns 0, or EX_TROUBLE
 * after printing "prog: name: write error: cause" (once).
 */
int	out_write(struct out *o, const void *p, size_t n);

/*
 * out_close: flush and finish.  For a file: fsync, set the final mode
 * (0600 if secret, else 0666 less the umask and never looser than the
 * file it replaces; as root, the replaced file's owner and group), then
 * rename into place, or link() when OUT_NOCLOBBER so an existing file is
 * never replaced.  A file written in place is just closed.  For
 * stdout, a checked flush (as OpenBSD cat.c checks its close).
 * Returns 0 or EX_TROUBLE after printing the cause; on failure the
 * temporary file is removed and the destination is untouched.
 */
int	out_close(struct out *o);

/*
 * out_abort: discard the output: remove the temporary file, wipe and free
 * the buffer.  Nothing is printed.  Safe to call after out_close.
 */
void	out_abort(struct out *o);

/*
 * out_append_fd: append what the regular file open on fd holds from byte
 * off to its end, as out_write would: with OUT_HOLD read into the
 * buffer; else the buffer flushed and the bytes copied by the kernel
 * (sendfile(2) on Linux; read and write elsewhere or where it refuses).
 * For the later outputs of cert-info -J.  Returns 0, or EX_TROUBLE after
 * printing "prog: name: write error: cause" or the read error.
 */
int	out_append_fd(struct out *o, int fd, off_t off);

/*
 * out_forget: in a forked process (cert-info -J), let go of an output
 * its parent owns: its memory freed (wiped when secret) and its
 * descriptor closed, its temporary file neither removed nor renamed, and
 * no longer removed by a signal to this process.  Prints nothing.
 */
void	out_forget(struct out *o);

/*
 * out_finish: end an output according to the filter's exit class: with
 * EX_TROUBLE a file output is discarded (-o is all-or-nothing) while
 * stdout is flushed (whole blocks only were written); otherwise
 * out_close().  Returns the worse of status and out_close()'s result.
 */
int	out_finish(struct out *o, int status);

/* out_isatty: 1 when the output is stdout and stdout is a terminal. */
int	out_isatty(const struct out *o);

#endif
