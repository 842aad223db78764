/*
 * dnsname.h: helpers for the lint rules on DNS names (cabf_names.c,
 * rfc5280b.c): the labels of a name, the dNSNames of an alternative
 * name extension, the printing of a name in a message, and the label
 * checks that RFC 1034/1035 (RFC 5280 4.2.1.6) and the CA/B BR
 * (7.1.4.2) share.
 */
#ifndef PEMKIT_LINT_DNSNAME_H
#define PEMKIT_LINT_DNSNAME_H

#include <stddef.h>

#include "lint/engine.h"

/*
 * lint_show: name p[0..n) printable into buf (size bytes, 16 at least):
 * bytes other than printable ASCII, '"' and '\\' as \xHH, a long name
 * cut with "...".  Returns buf.  LINT_SHOW for a char array buf.
 */
const char	*lint_show(char *buf, size_t size, const unsigned char *p,
		    size_t n);
#define LINT_SHOW(b, p, n)	lint_show(b, sizeof(b), p, n)

/*
 * lint_each_dns: each dNSName of the first extension nid
 * (NID_subject_alt_name, NID_issuer_alt_name) of c's certificate to fn,
 * with its octets (owned by the decoded extension, valid during the
 * call).  Nothing when the extension is absent or does not decode.
 * zlint reads the subject's commonName as a DNS name too; BR 7.1.4.2.2 a
 * makes it one of the SAN's values (e_subject_common_name_not_from_san),
 * so the rules read the SAN alone and a commonName "Ignore me" is not
 * called a DNS name with bad characters.
 */
typedef void	(*lint_name_fn)(struct lint_ctx *, const unsigned char *,
		    size_t);
void		 lint_each_dns(struct lint_ctx *c, int nid, lint_name_fn fn);

/*
 * lint_split: the labels of name p[0..n) into l: label i is
 * p[off[i] .. off[i]+len[i]); at most LINT_MAXLAB labels (the rest are
 * not looked at).
 */
#define LINT_MAXLAB	128
struct lint_labels {
	size_t	 n;
	size_t	 off[LINT_MAXLAB], len[LINT_MAXLAB];
};
void		 lint_split(const unsigned char *p, size_t n,
		    struct lint_labels *l);

/*
 * Label checks of one name p[0..n), each a lint_name_fn that calls
 * lint_find() on c for the running rule when the name breaks it:
 * lint_dns_empty_label: an empty label (RFC 1034 3.5);
 * lint_dns_label_long: a label longer than 63 octets (RFC 1035 2.3.4);
 * lint_dns_hyphen_sld: a label left of the top-level one that starts
 *	or ends with "-" (RFC 1034 3.5, RFC 5890 2.3.1);
 * lint_dns_us_sld: an "_" in the second-level label (RFC 1034 3.5);
 * lint_dns_us_trd: an "_" in a label below it.
 */
void	lint_dns_empty_label(struct lint_ctx *c, const unsigned char *p,
	    size_t n);
void	lint_dns_label_long(struct lint_ctx *c, const unsigned char *p,
	    size_t n);
void	lint_dns_hyphen_sld(struct lint_ctx *c, const unsigned char *p,
	    size_t n);
void	lint_dns_us_sld(struct lint_ctx *c, const unsigned char *p,
	    size_t n);
void	lint_dns_us_trd(struct lint_ctx *c, const unsigned char *p,
	    size_t n);

#endif
