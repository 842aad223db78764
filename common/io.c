/* io.c: input opening and atomic output; see io.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "diag.h"
#include "io.h"

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

int
out_open(struct out *o, const char *path, int flags)
{
	const char *slash;
	size_t dirlen;

	memset(o, 0, sizeof(*o));
	o->flags = flags;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		o->name = "<stdout>";
		return 0;
	}
	o->path = xstrdup(path);
	o->name = o->path;
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	o->tmp = xmalloc(dirlen + sizeof(".pemkit.XXXXXX"));
	memcpy(o->tmp, path, dirlen);
	memcpy(o->tmp + dirlen, ".pemkit.XXXXXX", sizeof(".pemkit.XXXXXX"));
	/* mkstemp creates mode 0600: a key is never readable by others. */
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		diag_err(path, 0, "cannot create: %s", strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		free(o->path);
		o->path = NULL;
		o->name = path;
		o->failed = 1;
		return EX_TROUBLE;
	}
	return 0;
}

void
out_secret(struct out *o)
{
	o->secret = 1;
}

int
out_isatty(const struct out *o)
{
	return o->path == NULL && isatty(o->fd);
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
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
	free(o->path);
	o->path = NULL;
	freebuf(o);
	o->failed = 1;
}

int
out_close(struct out *o)
{
	mode_t mask;
	int rc;

	if (o->failed) {
		out_abort(o);
		return EX_TROUBLE;
	}
	rc = flush(o);
	freebuf(o);
	if (o->tmp == NULL)
		return rc;
	if (rc == 0) {
		mask = umask(0);
		umask(mask);
		if (fchmod(o->fd, o->secret ? 0600 : 0666 & ~mask) == -1 ||
		    fsync(o->fd) == -1)
			rc = diag_err(o->name, 0, "cannot write: %s",
			    strerror(errno));
	}
	if (close(o->fd) == -1 && rc == 0)
		rc = diag_err(o->name, 0, "cannot write: %s", strerror(errno));
	if (rc == 0 && (o->flags & OUT_NOCLOBBER)) {
		if (link(o->tmp, o->path) == -1)
			rc = errno == EEXIST ? diag_err(o->name, 0, "file "
			    "exists; use -f to replace it") :
			    diag_err(o->name, 0, "cannot create: %s",
			    strerror(errno));
		unlink(o->tmp);
	} else if (rc == 0) {
		if (rename(o->tmp, o->path) == -1)
			rc = diag_err(o->name, 0, "cannot rename into place: %s",
			    strerror(errno));
	}
	if (rc != 0)
		unlink(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	free(o->path);
	o->path = NULL;
	o->failed = rc != 0;
	return rc;
}

int
out_finish(struct out *o, int status)
{
	if (status == EX_TROUBLE && o->tmp != NULL) {
		out_abort(o);
		return status;
	}
	return ex_worst(status, out_close(o));
}
