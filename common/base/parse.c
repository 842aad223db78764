/*
 * parse.c: values given on the command line: times and durations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/err.h>

#include "base/parse.h"

int
parse_time(const char *s, time_t *t)
{
	ASN1_TIME *a = NULL, *epoch = NULL;
	char buf[20], *end;
	long long secs;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, rc = -1, days, dsecs;

	if (*s == '@') {
		secs = strtoll(s + 1, &end, 10);
		if (s[1] == '\0' || *end != '\0')
			return -1;
		*t = (time_t)secs;
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 ||
	    (s[10] != '\0' && (sscanf(s + 10, "T%2d:%2d:%2dZ%n", &h, &mi,
	    &sec, &n) != 3 || n != 10 || s[20] != '\0')))
		return -1;
	snprintf(buf, sizeof(buf), "%04d%02d%02d%02d%02d%02dZ", y, mo, d, h,
	    mi, sec);
	if ((a = ASN1_TIME_new()) != NULL &&
	    ASN1_TIME_set_string_X509(a, buf) &&
	    (epoch = ASN1_TIME_set(NULL, 0)) != NULL &&
	    ASN1_TIME_diff(&days, &dsecs, epoch, a)) {
		*t = (time_t)((long long)days * 86400 + dsecs);
		rc = 0;
	}
	ASN1_TIME_free(a);
	ASN1_TIME_free(epoch);
	ERR_clear_error();
	return rc;
}

int
parse_duration(const char *s, long long *secs)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	switch (*end) {
	case 'w': v *= 7 * 86400; end++; break;
	case 'd': v *= 86400; end++; break;
	case 'h': v *= 3600; end++; break;
	case 'm': v *= 60; end++; break;
	case 's': end++; break;
	case '\0': v *= 86400; break;	/* a bare number is days, as every
					   monitoring tool means it */
	default: return -1;
	}
	if (*end != '\0')
		return -1;
	*secs = v;
	return 0;
}

/* One part of a gate: a share ("33%", "12.5%", "1/3") into *ppm, or a
 * duration into *secs.  Returns 0, or -1. */
static int
within_part(const char *s, long long *secs, long long *ppm)
{
	char *end;
	long long v, num, den, frac = 0, scale = 10000;

	if (*s < '0' || *s > '9')
		return -1;
	if (s[strlen(s) - 1] == '%') {
		v = strtoll(s, &end, 10);
		if (v > 100)
			return -1;
		if (*end == '.') {
			/* up to four decimals: millionths of the whole */
			for (end++, scale = 10000; *end >= '0' && *end <= '9';
			    end++) {
				if (scale == 1)
					return -1;
				scale /= 10;
				frac += (*end - '0') * scale;
			}
			if (end[-1] == '.')
				return -1;
		}
		if (*end != '%' || end[1] != '\0' || v * 10000 + frac >
		    1000000)
			return -1;
		*ppm = v * 10000 + frac;
		return 0;
	}
	if (strchr(s, '/') != NULL) {
		num = strtoll(s, &end, 10);
		if (*end != '/' || end[1] < '1' || end[1] > '9')
			return -1;
		den = strtoll(end + 1, &end, 10);
		if (*end != '\0' || den <= 0 || num > den || den > 1000000)
			return -1;
		/* rounded up: "1/3" holds with exactly a third left */
		*ppm = (num * 1000000 + den - 1) / den;
		return 0;
	}
	return parse_duration(s, secs);
}

int
parse_within(const char *s, struct within *w)
{
	char buf[64], *comma;
	struct within t = { -1, -1 };

	if (strlen(s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, strlen(s) + 1);
	if ((comma = strchr(buf, ',')) != NULL)
		*comma++ = '\0';
	if (within_part(buf, &t.secs, &t.ppm) != 0)
		return -1;
	if (comma != NULL) {
		/* one duration and one share, in either order */
		struct within u = { -1, -1 };

		if (within_part(comma, &u.secs, &u.ppm) != 0 ||
		    (t.secs >= 0) == (u.secs >= 0))
			return -1;
		if (u.secs >= 0)
			t.secs = u.secs;
		else
			t.ppm = u.ppm;
	}
	*w = t;
	return 0;
}

void
within_none(struct within *w)
{
	w->secs = -1;
	w->ppm = -1;
}

int
within_on(const struct within *w)
{
	return w->secs >= 0 || w->ppm >= 0;
}

int
within_hit(const struct within *w, long long lifetime, long long left)
{
	if (!within_on(w))
		return 0;
	if (w->secs >= 0 && left > w->secs)
		return 0;
	if (w->ppm >= 0 && lifetime > 0 && left * 1000000 > lifetime * w->ppm)
		return 0;
	return 1;
}

int
within_pct(long long lifetime, long long left)
{
	if (lifetime <= 0 || left <= 0)
		return 0;
	return (int)(left * 100 / lifetime);
}
