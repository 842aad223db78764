/* io.c: input opening and atomic output; see io.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/sendfile.h>
#endif

#include <openssl/crypto.h>

#include "base/diag.h"
#include "base/io.h"

#define OUT_FLUSH	(256 * 1024)

int
in_open(const char *path, const char **name)
{
	struct stat st;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return STDIN_FILENO;
	}
	*name = path;
	if ((fd = open(path, O_RDONLY)) == -1) {
		diag_err(path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		diag_err(path, 0, "is a directory, not a file");
		return -1;
	}
	return fd;
}

void
in_close(int fd)
{
	if (fd > STDIN_FILENO)
		close(fd);
}

/*
 * Temporary files still to be removed if a signal ends the program
 * (SIGINT, SIGTERM, SIGHUP): a killed -o must not leave a key behind.
 * Changed only with those signals blocked, read by the handler.
 */
static char	**tmps;
static size_t	  ntmps, captmps;
static const int  cleansigs[] = { SIGHUP, SIGINT, SIGTERM };

static void
on_signal(int sig)
{
	size_t i;

	for (i = 0; i < ntmps; i++)
		if (tmps[i] != NULL)
			unlink(tmps[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
block_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(cleansigs) / sizeof(cleansigs[0]); i++)
		sigaddset(&set, cleansigs[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
tmp_register(char *path)
{
	static int installed;
	struct sigaction sa, cur;
	sigset_t old;
	size_t i;

	if (!installed) {
		installed = 1;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (i = 0; i < sizeof(cleansigs) / sizeof(cleansigs[0]); i++)
			sigaddset(&sa.sa_mask, cleansigs[i]);
		for (i = 0; i < sizeof(cleansigs) / sizeof(cleansigs[0]); i++)
			/* a signal ignored by our caller stays ignored */
			if (sigaction(cleansigs[i], NULL, &cur) == 0 &&
			    cur.sa_handler != SIG_IGN)
				sigaction(cleansigs[i], &sa, NULL);
	}
	block_signals(&old);
	for (i = 0; i < ntmps && tmps[i] != NULL; i++)
		;
	if (i == ntmps) {
		if (ntmps == captmps) {
			captmps = captmps ? captmps * 2 : 8;
			tmps = xrealloc(tmps, captmps * sizeof(*tmps));
		}
		ntmps++;
	}
	tmps[i] = path;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void
tmp_unregister(const char *path)
{
	sigset_t old;
	size_t i;

	block_signals(&old);
	for (i = 0; i < ntmps; i++)
		if (tmps[i] == path)
			tmps[i] = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Remove and forget the temporary file of o. */
static void
tmp_remove(struct out *o)
{
	if (o->tmp == NULL)
		return;
	unlink(o->tmp);
	tmp_unregister(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
}

/*
 * The file path names once symbolic links are followed (at most 40, as
 * Linux's own limit): a new string.  A link to a file that does not exist
 * yet gives that file's path, so the file is created where the link
 * points.
 */
static char *
follow_links(const char *path)
{
	char *p = xstrdup(path), *q, *slash;
	char target[PATH_MAX];
	struct stat st;
	ssize_t n;
	size_t dl;
	int i;

	for (i = 0; i < 40; i++) {
		if (lstat(p, &st) == -1 || !S_ISLNK(st.st_mode))
			return p;
		if ((n = readlink(p, target, sizeof(target) - 1)) <= 0)
			return p;
		target[n] = '\0';
		slash = strrchr(p, '/');
		if (target[0] == '/' || slash == NULL) {
			q = xstrdup(target);
		} else {
			dl = (size_t)(slash - p) + 1;
			q = xmalloc(dl + (size_t)n + 1);
			memcpy(q, p, dl);
			memcpy(q + dl, target, (size_t)n + 1);
		}
		free(p);
		p = q;
	}
	return p;
}

/*
 * A pipe's buffer made four flushes (1 MiB) big where Linux allows it
 * (fcntl(2) F_SETPIPE_SZ, up to /proc/sys/fs/pipe-max-size, 1 MiB by
 * default), so that a flush does not wait for the reader four times over
 * and the two sides overlap: a 64 KiB pipe cost pem-split | cat twice
 * its time in context switches (issue 15).  Failure changes nothing.
 */
static void
pipe_grow(int fd)
{
#ifdef __linux__
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(fd, 1031 /* F_SETPIPE_SZ */, 4 * OUT_FLUSH);
#else
	(void)fd;
#endif
}

/*
 * Does path name an open descriptor of ours (/dev/stdout, /dev/stderr,
 * /dev/fd/N, /proc/self/fd/N)?  The exact names, not a prefix: such a
 * path is the descriptor the caller redirected, written in place even
 * when it is a regular file (issue 24: /dev/shm is a directory like any
 * other, and a file there is replaced atomically).
 */
static int
names_fd(const char *path)
{
	const char *p;

	if (strcmp(path, "/dev/stdout") == 0 ||
	    strcmp(path, "/dev/stderr") == 0)
		return 1;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		p = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		p = path + 14;
	else
		return 0;
	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/*
 * Open path, which is not a regular file, to be written in place: 1 done
 * (o->fd set), 0 it turned out to be a regular file after all (replaced
 * since it was looked at: written atomically instead), -1 error printed.
 * The type is judged on the descriptor opened (fstat), so that a file
 * swapped in between the look and the open is never written in place.
 */
static int
open_inplace(struct out *o, const char *path, int anytype)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_WRONLY | O_NOCTTY)) == -1) {
		diag_err(path, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || (S_ISREG(st.st_mode) && !anytype)) {
		close(fd);
		return 0;
	}
	o->fd = fd;
	o->path = xstrdup(path);
	o->inplace = 1;
	o->flags |= OUT_HOLD;
	return 1;
}

void
out_fdopen(struct out *o, int fd, const char *name, int flags)
{
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	o->name = name;
	o->flags = flags;
}

int
out_open(struct out *o, const char *path, int flags)
{
	const char *slash;
	struct stat st;
	size_t dirlen;
	int r;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->flags = flags;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		o->name = "<stdout>";
		pipe_grow(o->fd);
		return 0;
	}
	o->name = path;
	/*
	 * Decided by the file's type, never by its path (issue 24):
	 * /dev/null, a FIFO, a socket, a terminal are written in place,
	 * never renamed over, and held until out_close, so that -o stays
	 * all-or-nothing (CONVENTIONS.md section 2); a regular file,
	 * wherever it is (/dev/shm too), is replaced atomically.
	 */
	if (names_fd(path))
		r = open_inplace(o, path, 1);
	else if ((flags & OUT_NOFOLLOW) && lstat(path, &st) == 0 &&
	    S_ISLNK(st.st_mode)) {
		diag_err(path, 0, "is a symbolic link: a new private key is "
		    "not written through one");
		goto fail;
	} else if ((flags & OUT_REGULAR) && lstat(path, &st) == 0 &&
	    !S_ISREG(st.st_mode)) {
		diag_err(path, 0, "is not a regular file: refused");
		goto fail;
	} else if (flags & OUT_REGULAR)
		r = 0;
	else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_err(path, 0, "is a directory");
		goto fail;
	} else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		r = open_inplace(o, path, 0);
	else
		r = 0;
	if (r == 1)
		return 0;
	if (r == -1)
		goto fail;
	/* the file a link names is replaced, in its directory; with
	 * OUT_NOFOLLOW, a link planted since the look is replaced itself
	 * (rename(2) never writes through one) */
	o->path = (flags & (OUT_NOFOLLOW | OUT_REGULAR)) ? xstrdup(path) :
	    follow_links(path);
	if (((flags & (OUT_NOFOLLOW | OUT_REGULAR)) ? lstat(o->path, &st) :
	    stat(o->path, &st)) == 0 && S_ISREG(st.st_mode)) {
		o->old = st;
		o->hasold = 1;
	}
	slash = strrchr(o->path, '/');
	dirlen = slash != NULL ? (size_t)(slash - o->path) + 1 : 0;
	o->tmp = xmalloc(dirlen + sizeof(".pemkit.XXXXXX"));
	memcpy(o->tmp, o->path, dirlen);
	memcpy(o->tmp + dirlen, ".pemkit.XXXXXX", sizeof(".pemkit.XXXXXX"));
	/* mkstemp creates mode 0600: a key is never readable by others. */
	tmp_register(o->tmp);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		diag_err(path, 0, "cannot create: %s", strerror(errno));
		tmp_unregister(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	return 0;
fail:
	free(o->path);
	o->path = NULL;
	o->failed = 1;
	return EX_TROUBLE;
}

/* The directory part of path ("." when it has none) and its last name. */
static int
same_dir(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	char *da, *db;
	struct stat ta, tb;
	int same;

	if (strcmp(sa != NULL ? sa + 1 : a, sb != NULL ? sb + 1 : b) != 0)
		return 0;
	da = sa == NULL ? xstrdup(".") : sa == a ? xstrdup("/") :
	    strndup(a, (size_t)(sa - a));
	db = sb == NULL ? xstrdup(".") : sb == b ? xstrdup("/") :
	    strndup(b, (size_t)(sb - b));
	if (da == NULL || db == NULL)
		same = 0;
	else
		same = strcmp(da, db) == 0 || (stat(da, &ta) == 0 &&
		    stat(db, &tb) == 0 && ta.st_dev == tb.st_dev &&
		    ta.st_ino == tb.st_ino);
	free(da);
	free(db);
	return same;
}

int
out_same_file(const char *a, const char *b)
{
	char *fa = follow_links(a), *fb = follow_links(b);
	struct stat ta, tb;
	int same;

	if (strcmp(fa, fb) == 0)
		same = 1;
	else if (stat(fa, &ta) == 0 && stat(fb, &tb) == 0)
		same = ta.st_dev == tb.st_dev && ta.st_ino == tb.st_ino;
	else
		same = same_dir(fa, fb);
	free(fa);
	free(fb);
	return same;
}

void
out_secret(struct out *o)
{
	struct stat st;

	if (o->secret)
		return;
	o->secret = 1;
	/* A key sent to a stdout that others can read: say so, and leave
	 * the file as it is (the caller's redirection made it). */
	if (o->path == NULL && fstat(o->fd, &st) == 0 &&
	    S_ISREG(st.st_mode) && (st.st_mode & 077) != 0)
		diag_warn(o->name, 0, "a private key is being written to a "
		    "file that group or others can read (mode %04o)",
		    (unsigned)(st.st_mode & 07777));
}

int
out_isatty(const struct out *o)
{
	return (o->path == NULL || o->inplace) && isatty(o->fd);
}

static int
flush(struct out *o)
{
	size_t off = 0;
	ssize_t n;

	if (o->failed)
		return EX_TROUBLE;
	while (off < o->len) {
		n = write(o->fd, o->buf + off, o->len - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			o->failed = 1;
			return diag_err(o->name, 0, "write error: %s",
			    strerror(errno));
		}
		off += (size_t)n;
	}
	if (o->secret)
		OPENSSL_cleanse(o->buf, o->len);
	o->len = 0;
	return 0;
}

int
out_write(struct out *o, const void *p, size_t n)
{
	size_t ncap;

	if (o->failed)
		return EX_TROUBLE;
	if (n == 0)	/* an empty -f field first: memcpy to a NULL buffer */
		return 0;
	if (o->len + n > o->cap) {
		ncap = o->cap ? o->cap : OUT_FLUSH + 65536;
		while (ncap < o->len + n)
			ncap *= 2;
		if (o->secret && o->buf != NULL) {
			/* Move by hand so no copy of a key is left behind. */
			unsigned char *nb = xmalloc(ncap);

			memcpy(nb, o->buf, o->len);
			OPENSSL_cleanse(o->buf, o->used);
			free(o->buf);
			o->buf = nb;
			o->used = o->len;
		} else
			o->buf = xrealloc(o->buf, ncap);
		o->cap = ncap;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
	if (o->len > o->used)
		o->used = o->len;
	if (!(o->flags & OUT_HOLD) && o->len >= OUT_FLUSH)
		return flush(o);
	return 0;
}

static void
freebuf(struct out *o)
{
	if (o->buf != NULL) {
		if (o->secret)
			OPENSSL_cleanse(o->buf, o->used);
		free(o->buf);
	}
	o->buf = NULL;
	o->len = o->cap = o->used = 0;
}

void
out_abort(struct out *o)
{
	if (o->tmp != NULL) {
		close(o->fd);
		tmp_remove(o);
	} else if (o->inplace && o->fd != -1) {
		close(o->fd);
		o->fd = -1;
	}
	free(o->path);
	o->path = NULL;
	freebuf(o);
	o->failed = 1;
}

int
out_append_fd(struct out *o, int fd, off_t off)
{
	unsigned char buf[65536];
	ssize_t n;

	if (o->failed || (!(o->flags & OUT_HOLD) && flush(o) != 0))
		return EX_TROUBLE;
#ifdef __linux__
	while (!(o->flags & OUT_HOLD) &&
	    (n = sendfile(o->fd, fd, &off, 1 << 30)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EINVAL || errno == ENOSYS))
			break;	/* read and write below */
		if (n == -1) {
			o->failed = 1;
			return diag_err(o->name, 0, "write error: %s",
			    strerror(errno));
		}
	}
#endif
	while ((n = pread(fd, buf, sizeof(buf), off)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return diag_err(NULL, 0, "a temporary file: %s",
			    strerror(errno));
		off += n;
		if (out_write(o, buf, (size_t)n) != 0)
			return EX_TROUBLE;
	}
	return 0;
}

void
out_forget(struct out *o)
{
	if (o->tmp != NULL) {
		tmp_unregister(o->tmp);	/* its signal no longer unlinks it */
		free(o->tmp);
		o->tmp = NULL;
	}
	if (o->fd > STDERR_FILENO)
		close(o->fd);
	o->fd = -1;
	free(o->path);
	o->path = NULL;
	freebuf(o);
}

/*
 * The mode and owner of the file that replaces an existing one: never
 * looser than the old file's, keys always 0600, and, as root, the old
 * owner and group (CONVENTIONS.md section 2).
 */
static int
set_access(struct out *o)
{
	mode_t mask, mode;

	mask = umask(0);
	umask(mask);
	mode = o->secret ? 0600 : 0666 & ~mask;
	if (o->flags & OUT_PUBLIC)
		mode &= 0644;
	if (o->hasold) {
		if (!o->secret)
			mode &= o->old.st_mode & 0777;
		if (geteuid() == 0) {
			if (fchown(o->fd, o->old.st_uid, o->old.st_gid) == -1)
				return -1;
		} else if (o->old.st_gid != getegid()) {
			/* keep the group where we may; else ours */
			(void)!fchown(o->fd, (uid_t)-1, o->old.st_gid);
		}
	}
	return fchmod(o->fd, mode);
}

int
out_close(struct out *o)
{
	int rc;

	if (o->failed) {
		out_abort(o);
		return EX_TROUBLE;
	}
	rc = flush(o);
	freebuf(o);
	if (o->inplace) {
		if (close(o->fd) == -1 && rc == 0)
			rc = diag_err(o->name, 0, "cannot write: %s",
			    strerror(errno));
		o->fd = -1;
		free(o->path);
		o->path = NULL;
		o->failed = rc != 0;
		return rc;
	}
	if (o->tmp == NULL)
		return rc;
	if (rc == 0 && (set_access(o) == -1 || fsync(o->fd) == -1))
		rc = diag_err(o->name, 0, "cannot write: %s", strerror(errno));
	if (close(o->fd) == -1 && rc == 0)
		rc = diag_err(o->name, 0, "cannot write: %s", strerror(errno));
	if (rc == 0 && (o->flags & OUT_NOCLOBBER)) {
		if (link(o->tmp, o->path) == -1)
			rc = errno == EEXIST ? diag_err(o->name, 0, "file "
			    "exists; use -f to replace it") :
			    diag_err(o->name, 0, "cannot create: %s",
			    strerror(errno));
	} else if (rc == 0) {
		if (rename(o->tmp, o->path) == -1)
			rc = diag_err(o->name, 0, "cannot rename into place: %s",
			    strerror(errno));
		else {
			tmp_unregister(o->tmp);
			free(o->tmp);
			o->tmp = NULL;
		}
	}
	tmp_remove(o);
	free(o->path);
	o->path = NULL;
	o->failed = rc != 0;
	return rc;
}

int
out_finish(struct out *o, int status)
{
	if (status == EX_TROUBLE && (o->tmp != NULL || o->inplace)) {
		out_abort(o);
		return status;
	}
	return ex_worst(status, out_close(o));
}
