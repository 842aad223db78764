/*
 * parse.h: values given on the command line: times (--at) and durations
 * (-e, --days), for every filter.
 */
#ifndef PEMKIT_PARSE_H
#define PEMKIT_PARSE_H

#include <time.h>

/*
 * parse_time: "@EPOCH", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (ISO 8601,
 * UTC) to seconds since the epoch in *t.  Returns 0, or -1 when s is not
 * one of these forms.  Uses ASN1_TIME_set_string_X509 and ASN1_TIME_diff.
 */
int	parse_time(const char *s, time_t *t);

/*
 * parse_duration: "30d", "12h", "90m", "45s", "2w" or a bare number of
 * days ("30", as ci-check's --days and monitoring tools mean it) to
 * seconds in *secs.  Returns 0, or -1 when s is not a duration.
 */
int	parse_duration(const char *s, long long *secs);

/*
 * An expiry gate (-e, --expires-within, ci-check's --days): a duration,
 * a share of the certificate's lifetime (notBefore..notAfter, RFC 5280
 * 4.1.2.5), or both.  step's needs-renewal and cert-manager's
 * renewBeforePercentage judge by the share (issue 26).
 */
struct within {
	long long	 secs;		/* less than this left; -1: none */
	long long	 ppm;		/* this share of the lifetime or less
					   left, in millionths; -1: none */
};

/*
 * parse_within: a duration as parse_duration takes it ("30d", "12h",
 * "30"), a percentage ("33%", "12.5%") or a fraction ("1/3") of the
 * lifetime, or two of these joined by a comma ("30d,1/3"): then the
 * gate holds only when both do, i.e. at the later of the two moments
 * (30 days before notAfter, or when a third of the lifetime is left,
 * whichever leaves less).  Fills *w.  Returns 0, or -1 when s is none
 * of these (a share over 100% included).
 */
int	parse_within(const char *s, struct within *w);

/* within_none: *w as "no gate" (both parts -1). */
void	within_none(struct within *w);

/* within_on: 1 when w asks for a check, else 0. */
int	within_on(const struct within *w);

/*
 * within_hit: 1 when a certificate of lifetime seconds (notAfter minus
 * notBefore) with left seconds to go (left >= 0) is caught by w: left <=
 * w->secs, and left <= lifetime * w->ppm / 10^6, each when given; else
 * 0.  A lifetime of 0 or less counts as fully spent.  (Both bounds
 * are inclusive: notAfter exactly 30 days ahead is "within 30d".)
 */
int	within_hit(const struct within *w, long long lifetime,
	    long long left);

/*
 * within_pct: the whole percentage of lifetime that left is (rounded
 * down; 0 for a lifetime of 0 or less), for "20% of its lifetime left".
 */
int	within_pct(long long lifetime, long long left);

#endif
