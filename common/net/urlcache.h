/*
 * urlcache.h: the answers of http fetches kept in a directory
 * (--cache DIR), one file per URL named by the SHA-256 of the URL, for
 * chain-order --fetch (aia.h) and --crl-fetch (crlfetch.h).  Only a
 * directory and files that are the user's or root's are used, never
 * through a link (issue 24).
 */
#ifndef PEMKIT_URLCACHE_H
#define PEMKIT_URLCACHE_H

#include <stddef.h>

/*
 * urlcache_ok: may dir be used?  Absent (made at the first write), or
 * a directory owned by us or by root that others cannot write unless it
 * is sticky, as /tmp: elsewhere anyone could plant or replace an
 * answer.  1, or 0 after a message naming dir.
 */
int	urlcache_ok(const char *dir);

/*
 * urlcache_read: the answer for url from dir/HEX.ext (HEX the SHA-256
 * of url, ext such as ".der"): 1 with the bytes in *body (new, free with
 * free()) and *len, 0 when there is none, -1 after a message: a
 * symbolic link, not a regular file, not ours or root's, more than max
 * bytes, a read error.  Opened with O_NOFOLLOW and O_NONBLOCK (a planted
 * FIFO would hang the filter with no deadline).
 */
int	urlcache_read(const char *dir, const char *url, const char *ext,
	    size_t max, unsigned char **body, size_t *len);

/*
 * urlcache_write: body[0..len) as dir/HEX.ext, dir made with mode 0755
 * when absent (its missing parents too, as mkdir -p), atomically, a
 * regular file of mode 0644 at most, never through a link (OUT_REGULAR).
 * Returns 0, or EX_TROUBLE after a message.
 */
int	urlcache_write(const char *dir, const char *url, const char *ext,
	    const unsigned char *body, size_t len);

#endif
