/* urlcache.c: fetched answers kept by URL; see urlcache.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/diag.h"
#include "base/io.h"
#include "base/ossl.h"
#include "net/urlcache.h"

/* DIR/HEX.EXT for url into buf. */
static void
cache_path(const char *dir, const char *url, const char *ext, char *buf,
    size_t n)
{
	unsigned char md[32];
	char hex[65];

	EVP_Digest(url, strlen(url), md, NULL, EVP_sha256(), NULL);
	ossl_hex(md, 32, hex);
	snprintf(buf, n, "%s/%s%s", dir, hex, ext);
}

int
urlcache_ok(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == -1) {
		if (errno == ENOENT)
			return 1;
		return diag_err(dir, 0, "cannot use the cache: %s",
		    strerror(errno)), 0;
	}
	if (!S_ISDIR(st.st_mode))
		return diag_err(dir, 0, "the cache is not a directory"), 0;
	if (st.st_uid != geteuid() && st.st_uid != 0)
		return diag_err(dir, 0, "the cache directory belongs to "
		    "uid %u, not to you or root: refused",
		    (unsigned)st.st_uid), 0;
	if ((st.st_mode & S_IWOTH) && !(st.st_mode & 01000 /* S_ISVTX */))
		return diag_err(dir, 0, "the cache directory is writable "
		    "by others and not sticky: refused"), 0;
	return 1;
}

int
urlcache_read(const char *dir, const char *url, const char *ext,
    size_t max, unsigned char **body, size_t *len)
{
	char path[4096];
	unsigned char buf[8192];
	struct stat st;
	ssize_t n;
	int fd, r = -1;

	*body = NULL;
	*len = 0;
	cache_path(dir, url, ext, path, sizeof(path));
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 0;
		return diag_err(path, 0, errno == ELOOP ? "the cache entry is "
		    "a symbolic link: refused" : "cannot read the cache "
		    "entry: %s", strerror(errno)), -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_err(path, 0, "the cache entry is not a regular file: "
		    "refused");
		goto out;
	}
	if (st.st_uid != geteuid() && st.st_uid != 0) {
		diag_err(path, 0, "the cache entry belongs to uid %u, not to "
		    "you or root: refused", (unsigned)st.st_uid);
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			diag_err(path, 0, "cannot read the cache entry: %s",
			    strerror(errno));
			goto out;
		}
		if (*len + (size_t)n > max) {
			diag_err(path, 0, "the cache entry is more than %zu "
			    "bytes", max);
			goto out;
		}
		*body = xrealloc(*body, *len + (size_t)n);
		memcpy(*body + *len, buf, (size_t)n);
		*len += (size_t)n;
	}
	r = *body != NULL;
out:
	if (r == -1) {
		free(*body);
		*body = NULL;
		*len = 0;
	}
	close(fd);
	return r;
}

/* mkdir -p dir, each new directory mode 0755 (~/.cache/pemkit when
 * ~/.cache is not there yet): 0, or -1 with errno set. */
static int
mkdirs(const char *dir)
{
	char path[4096], *p;

	if (strlen(dir) >= sizeof(path))
		return errno = ENAMETOOLONG, -1;
	strcpy(path, dir);
	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

int
urlcache_write(const char *dir, const char *url, const char *ext,
    const unsigned char *body, size_t len)
{
	struct out o;
	char path[4096];

	if (mkdirs(dir) == -1)
		return diag_err(dir, 0, "cannot make the cache directory: %s",
		    strerror(errno));
	if (!urlcache_ok(dir))
		return EX_TROUBLE;
	cache_path(dir, url, ext, path, sizeof(path));
	if (out_open(&o, path, OUT_REGULAR | OUT_PUBLIC) != 0)
		return EX_TROUBLE;
	out_write(&o, body, len);
	return out_close(&o);
}
