/*
 * ari.h: ACME Renewal Information (RFC 9773): a certificate's suggested
 * renewal window, fetched from its CA's renewalInfo URL.
 */
#ifndef PEMKIT_ARI_H
#define PEMKIT_ARI_H

#include <stddef.h>
#include <time.h>

/* The most of an answer read: RFC 9773's objects are a few hundred
 * bytes; an HTML error page or a stray download is refused. */
#define ARI_MAX_BYTES		(64 * 1024)
#define ARI_MAX_REDIRECTS	3

/* A renewal window (RFC 9773 section 4.2). */
struct ari_window {
	char		 start[32], end[32];	/* ISO 8601 UTC, as cert-info
						   prints times; "" unknown */
	time_t		 tstart, tend;
	char		*explanation;	/* explanationURL, or NULL */
	char		*url;		/* the URL asked, or NULL */
	int		 ok;		/* 1 when the window was read */
};

/*
 * ari_parse: the renewalInfo object of RFC 9773 section 4.2,
 * {"suggestedWindow": {"start": T, "end": T}, "explanationURL": U}, from
 * body[0..len), into *w (start and end as RFC 3339 date-times, any
 * offset, fractions of a second dropped; other members skipped, of any
 * JSON type, to a nesting depth of 16).  Returns 0, or -1 with *why a
 * static message: not JSON (an HTML page), no suggestedWindow, a time
 * that does not parse, an end before the start.  w->explanation is
 * malloc'd; ari_free frees it.
 */
int	ari_parse(const unsigned char *body, size_t len, struct ari_window *w,
	    const char **why);

/*
 * ari_fetch: GET base "/" certid (the identifier of x509info's ari_id)
 * with https_fetch(3) (an http or https base; timeout seconds overall,
 * ARI_MAX_BYTES, ARI_MAX_REDIRECTS), then ari_parse.  On error, a
 * message at src:line names the URL and the cause (https_fetch's, or
 * ari_parse's).  Returns
 * 0 with *w filled, or EX_TROUBLE.  ari_free(w) in both cases.
 */
int	ari_fetch(const char *base, const char *certid, int timeout,
	    struct ari_window *w, const char *src, unsigned long line);

/*
 * ari_verdict: with w read, at time at: EX_NO after a message at
 * src:line when the window has started ("the CA suggests renewing now:
 * its window opened on START"), else EX_YES (a note under -v gives the
 * window).  RFC 9773 section 4.2: a client renews at a time in the
 * window, and at once when the window is in the past.
 */
int	ari_verdict(const struct ari_window *w, time_t at, const char *what,
	    const char *src, unsigned long line);

/* ari_free: free what w holds and clear it. */
void	ari_free(struct ari_window *w);

#endif
