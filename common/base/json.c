/* json.c: the NDJSON writer; see json.h. */
#include <stdio.h>
#include <string.h>

#include "base/io.h"
#include "base/json.h"

static void
put(struct json *j, const char *s, size_t n)
{
	out_write(j->o, s, n);
}

size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned c = s[0], lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

/*
 * RFC 8259 section 7: quote and escape.  Output is always valid UTF-8
 * (RFC 8259 section 8.1): a byte that does not start a valid UTF-8
 * sequence is written as the four characters \xNN (JSON "\\xNN"), as
 * the text output shows control bytes; pemkit(7) documents the rule.
 */
static void
quote(struct json *j, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char esc[8];
	size_t i, run = 0, k;

	put(j, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 && (k = utf8_len((const unsigned char *)s + i,
		    n - i)) > 0) {
			run += k;
			i += k - 1;
			continue;
		}
		if (c >= 0x80) {
			put(j, s + i - run, run);
			run = 0;
			memcpy(esc, "\\\\x", 3);
			esc[3] = hex[c >> 4];
			esc[4] = hex[c & 15];
			put(j, esc, 5);
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) {
			run++;
			continue;
		}
		put(j, s + i - run, run);
		run = 0;
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(j, esc, 2);
		} else if (c == '\n')
			put(j, "\\n", 2);
		else if (c == '\t')
			put(j, "\\t", 2);
		else {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			put(j, esc, 6);
		}
	}
	put(j, s + n - run, run);
	put(j, "\"", 1);
}

static void
member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		put(j, ",", 1);
	j->first[j->depth] = 0;
	if (key != NULL) {
		quote(j, key, strlen(key));
		put(j, ":", 1);
	}
}

void
json_begin(struct json *j, struct out *o)
{
	memset(j, 0, sizeof(*j));
	j->o = o;
	j->first[0] = 1;
	put(j, "{", 1);
	json_str(j, "schema", JSON_SCHEMA, -1);
}

void
json_end(struct json *j)
{
	put(j, "}\n", 2);
}

void
json_str(struct json *j, const char *key, const char *s, long n)
{
	member(j, key);
	if (s == NULL)
		put(j, "null", 4);
	else
		quote(j, s, n < 0 ? strlen(s) : (size_t)n);
}

void
json_int(struct json *j, const char *key, long long v)
{
	char buf[32];

	member(j, key);
	put(j, buf, (size_t)snprintf(buf, sizeof(buf), "%lld", v));
}

void
json_bool(struct json *j, const char *key, int v)
{
	member(j, key);
	put(j, v ? "true" : "false", v ? 4 : 5);
}

void
json_null(struct json *j, const char *key)
{
	member(j, key);
	put(j, "null", 4);
}

void
json_open(struct json *j, const char *key, char kind)
{
	member(j, key);
	put(j, kind == '[' ? "[" : "{", 1);
	if (j->depth + 1 < JSON_DEPTH)
		j->first[++j->depth] = 1;
}

void
json_close(struct json *j, char kind)
{
	put(j, kind == '[' ? "]" : "}", 1);
	if (j->depth > 0)
		j->depth--;
}

void
json_list(struct json *j, const char *key, char *const *v, size_t n)
{
	size_t i;

	json_open(j, key, '[');
	for (i = 0; i < n; i++)
		json_str(j, NULL, v[i], -1);
	json_close(j, '[');
}

void
json_begin_at(struct json *j, struct out *o, const char *src,
    unsigned long line, unsigned long index, const char *type)
{
	json_begin(j, o);
	json_str(j, "source", src, -1);
	json_int(j, "index", (long long)index);
	if (line != 0)
		json_int(j, "line", (long long)line);
	else
		json_null(j, "line");
	json_str(j, "type", type, -1);
}
