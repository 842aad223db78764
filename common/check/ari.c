/*
 * ari.c: ACME Renewal Information (RFC 9773): a small parser for exactly
 * the renewalInfo object, and its fetch through the bounded HTTP client.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "base/parse.h"
#include "net/http.h"
#include "check/ari.h"

#define ARI_MAX_DEPTH	16

/* The JSON text being read (RFC 8259). */
struct jp {
	const unsigned char *p, *e;
	int	 depth;
};

static void
ws(struct jp *j)
{
	while (j->p < j->e && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
lit(struct jp *j, const char *s)
{
	size_t n = strlen(s);

	ws(j);
	if ((size_t)(j->e - j->p) < n || memcmp(j->p, s, n) != 0)
		return 0;
	j->p += n;
	return 1;
}

/*
 * A string (RFC 8259 section 7) into out[0..outsz) when out is not NULL
 * (a character past ASCII, or an escape of one, as '?'; too long: 0).
 * Returns 1, or 0 when it is not a string.
 */
static int
jstr(struct jp *j, char *out, size_t outsz)
{
	size_t n = 0;
	int c, k;

	if (!lit(j, "\""))
		return 0;
	while (j->p < j->e && *j->p != '"') {
		c = *j->p++;
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			if (j->p >= j->e)
				return 0;
			c = *j->p++;
			switch (c) {
			case '"': case '\\': case '/': break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'u':
				for (k = 0; k < 4; k++)
					if (j->p >= j->e || strchr(
					    "0123456789abcdefABCDEF",
					    *j->p++) == NULL)
						return 0;
				c = '?';
				break;
			default:
				return 0;
			}
		} else if (c >= 0x80)
			c = '?';
		if (out != NULL) {
			if (n + 1 >= outsz)
				return 0;
			out[n++] = (char)c;
		}
	}
	if (j->p >= j->e)
		return 0;
	j->p++;
	if (out != NULL)
		out[n] = '\0';
	return 1;
}

static int jskip(struct jp *);

/* The members of an object or the elements of an array, skipped. */
static int
jskip_seq(struct jp *j, int obj)
{
	if (++j->depth > ARI_MAX_DEPTH)
		return 0;
	if (lit(j, obj ? "}" : "]")) {
		j->depth--;
		return 1;
	}
	do {
		if (obj && (!jstr(j, NULL, 0) || !lit(j, ":")))
			return 0;
		if (!jskip(j))
			return 0;
	} while (lit(j, ","));
	j->depth--;
	return lit(j, obj ? "}" : "]");
}

/* Any JSON value, skipped.  Returns 1, or 0 when it is not one. */
static int
jskip(struct jp *j)
{
	const unsigned char *s;

	ws(j);
	if (j->p >= j->e)
		return 0;
	if (*j->p == '"')
		return jstr(j, NULL, 0);
	if (lit(j, "{"))
		return jskip_seq(j, 1);
	if (lit(j, "["))
		return jskip_seq(j, 0);
	if (lit(j, "true") || lit(j, "false") || lit(j, "null"))
		return 1;
	for (s = j->p; j->p < j->e && strchr("+-0123456789.eE", *j->p) !=
	    NULL && *j->p != '\0'; j->p++)
		;
	return j->p > s;
}

/*
 * An RFC 3339 date-time (section 5.6): YYYY-MM-DDTHH:MM:SS, a fraction
 * (dropped), then Z or an offset +HH:MM.  Into *t and iso[32] as
 * 2030-01-31T00:00:00Z.  Returns 1, or 0.
 */
static int
rfc3339(const char *s, time_t *t, char *iso)
{
	char buf[21];
	const char *z;
	int oh, om, n = 0;
	long off = 0;
	struct tm tm;

	if (strlen(s) < 20 || (s[10] != 'T' && s[10] != 't'))
		return 0;
	memcpy(buf, s, 19);
	buf[10] = 'T';
	buf[19] = 'Z';
	buf[20] = '\0';
	if (parse_time(buf, t) != 0)
		return 0;
	z = s + 19;
	if (*z == '.') {
		for (z++; *z >= '0' && *z <= '9'; z++)
			n++;
		if (n == 0)
			return 0;
	}
	if ((*z == 'Z' || *z == 'z') && z[1] == '\0')
		off = 0;
	else if ((*z == '+' || *z == '-') && strlen(z) == 6 &&
	    sscanf(z + 1, "%2d:%2d", &oh, &om) == 2 && oh < 24 && om < 60)
		off = (*z == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
	else
		return 0;
	*t -= off;
	if (gmtime_r(t, &tm) == NULL)
		return 0;
	strftime(iso, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 1;
}

int
ari_parse(const unsigned char *body, size_t len, struct ari_window *w,
    const char **why)
{
	struct jp j = { body, body + len, 0 };
	char key[64], start[64] = "", end[64] = "", url[2048];
	int seen = 0;

	*why = "the answer is not a JSON object (an HTML page?)";
	if (!lit(&j, "{"))
		return -1;
	if (!lit(&j, "}"))
		do {
			*why = "the answer is not valid JSON";
			if (!jstr(&j, key, sizeof(key)) || !lit(&j, ":"))
				return -1;
			if (strcmp(key, "suggestedWindow") == 0) {
				if (seen++ || !lit(&j, "{"))
					return -1;
				do {
					if (!jstr(&j, key, sizeof(key)) ||
					    !lit(&j, ":"))
						return -1;
					if (strcmp(key, "start") == 0 ||
					    strcmp(key, "end") == 0) {
						if (!jstr(&j, key[0] == 's' ?
						    start : end, sizeof(start)))
							return -1;
					} else if (!jskip(&j))
						return -1;
				} while (lit(&j, ","));
				if (!lit(&j, "}"))
					return -1;
			} else if (strcmp(key, "explanationURL") == 0) {
				if (!jstr(&j, url, sizeof(url)))
					return -1;
				free(w->explanation);
				w->explanation = xstrdup(url);
			} else if (!jskip(&j))
				return -1;
		} while (lit(&j, ","));
	if (!lit(&j, "}"))
		return -1;
	ws(&j);
	if (j.p != j.e)
		return -1;
	*why = "the answer has no suggestedWindow with a start and an end";
	if (!seen || start[0] == '\0' || end[0] == '\0')
		return -1;
	*why = "the suggestedWindow's start or end is not an RFC 3339 time";
	if (!rfc3339(start, &w->tstart, w->start) ||
	    !rfc3339(end, &w->tend, w->end))
		return -1;
	/* RFC 9773 section 4.2: the end must be after the start */
	*why = "the suggestedWindow ends before it starts";
	if (w->tend <= w->tstart)
		return -1;
	w->ok = 1;
	return 0;
}

int
ari_fetch(const char *base, const char *certid, int timeout,
    struct ari_window *w, const char *src, unsigned long line)
{
	unsigned char *body = NULL;
	const char *why;
	size_t len, n = strlen(base);
	int status = EX_TROUBLE;

	memset(w, 0, sizeof(*w));
	w->url = xmalloc(n + strlen(certid) + 2);
	/* RFC 9773 section 4.1: the base URL, a slash, the identifier */
	sprintf(w->url, "%s%s%s", base, n > 0 && base[n - 1] == '/' ? "" :
	    "/", certid);
	/* https by design: the ACME server's renewalInfo (RFC 9773 4.1) */
	if ((body = https_fetch(w->url, NULL, NULL, 0, ARI_MAX_BYTES, timeout,
	    ARI_MAX_REDIRECTS, &len)) == NULL)
		diag_err(src, line, "--ari: cannot fetch the renewal window "
		    "from %s", w->url);
	else if (ari_parse(body, len, w, &why) != 0)
		diag_err(src, line, "--ari: %s: %s", w->url, why);
	else
		status = EX_YES;
	free(body);
	return status;
}

int
ari_verdict(const struct ari_window *w, time_t at, const char *what,
    const char *src, unsigned long line)
{
	if (at > w->tend)
		return diag_no(src, line, "%s: the CA suggests renewing now: "
		    "its renewal window closed on %s%s%s", what, w->end,
		    w->explanation ? ", see " : "", w->explanation ?
		    w->explanation : "");
	if (at >= w->tstart)
		return diag_no(src, line, "%s: the CA suggests renewing now: "
		    "its renewal window opened on %s (to %s)%s%s", what,
		    w->start, w->end, w->explanation ? ", see " : "",
		    w->explanation ? w->explanation : "");
	diag_note(src, line, "%s: the CA suggests renewing between %s and "
	    "%s", what, w->start, w->end);
	return EX_YES;
}

void
ari_free(struct ari_window *w)
{
	free(w->explanation);
	free(w->url);
	memset(w, 0, sizeof(*w));
}
