/*
 * json.h: the NDJSON writer shared by every filter's --json output
 * (CONVENTIONS.md section 5; the schema is in pemkit(7), "JSON OUTPUT").
 * One object per line; keys in the order the caller writes them, which
 * each filter keeps fixed; strings escaped per RFC 8259 section 7.
 */
#ifndef PEMKIT_JSON_H
#define PEMKIT_JSON_H

#include <stddef.h>

#include "base/io.h"

#define JSON_SCHEMA	"pemkit/1"

/* A line being built; nesting up to JSON_DEPTH objects and arrays. */
#define JSON_DEPTH	8
struct json {
	struct out	*o;
	int		 depth;
	int		 first[JSON_DEPTH];	/* no member written yet */
};

/*
 * json_begin: start an object on o, with "schema" first.
 * json_end: close it and write the newline.
 * The remaining calls add one member (key non-NULL) or, inside an array,
 * one element (key NULL).  Write errors are kept in o and reported by
 * out_close(); these return nothing.
 */
void	json_begin(struct json *j, struct out *o);
/*
 * json_begin_at: json_begin, then the members every filter's object
 * shares (pemkit(7), JSON output): "source" src, "index", "line" (null
 * when 0: DER), and "type".  For a block, json_begin_block (pem.h).
 */
void	json_begin_at(struct json *j, struct out *o, const char *src,
	    unsigned long line, unsigned long index, const char *type);
void	json_end(struct json *j);
/* json_str: a string, or null when s is NULL; s is UTF-8 of length n
 * (n = -1: up to the NUL).  Control bytes are escaped as \u00XX; other
 * bytes are copied, so s must be UTF-8. */
void	json_str(struct json *j, const char *key, const char *s, long n);
void	json_int(struct json *j, const char *key, long long v);
void	json_bool(struct json *j, const char *key, int v);
void	json_null(struct json *j, const char *key);
/* json_list: an array of the n strings v[0..n). */
void	json_list(struct json *j, const char *key, char *const *v, size_t n);
/* json_open: start an array ('[') or object ('{') member or element. */
void	json_open(struct json *j, const char *key, char kind);
/* json_close: end the innermost array or object. */
void	json_close(struct json *j, char kind);

/*
 * utf8_len: the length of the valid UTF-8 sequence at s[0..n) (RFC 3629
 * section 4: no overlong forms, no surrogates, nothing past U+10FFFF),
 * 1 to 4; 0 when s does not start one.  n must be at least 1.
 */
size_t	utf8_len(const unsigned char *s, size_t n);

#endif
