/*
 * parse.c: values given on the command line: times and durations.
 */
#include <stdio.h>
#include <stdlib.h>
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
