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

#endif
