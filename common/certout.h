/*
 * certout.h: cert-info's three ways of writing a certificate: aligned
 * text, the pemkit/1 NDJSON object (schema in pemkit(7)) and -f templates.
 */
#ifndef PEMKIT_CERTOUT_H
#define PEMKIT_CERTOUT_H

#include <openssl/x509.h>

#include "csrpolicy.h"
#include "io.h"
#include "pem.h"
#include "x509info.h"

/*
 * certout_text: the text form of certificate xi, read from block b
 * (member: its 1-based place in a PKCS#7 or PKCS#12 block, or 0), to o;
 * a blank line first unless first.  Writes with out_write (errors are
 * o's to report at out_close).
 */
void	certout_text(struct out *o, const struct pem_block *b,
	    unsigned long member, const struct x509info *xi, int first);

/* certout_json: the pemkit/1 object of xi, one NDJSON line, to o. */
void	certout_json(struct out *o, const struct pem_block *b,
	    unsigned long member, const struct x509info *xi);

/*
 * certout_format_check: NULL when the -f template fmt is usable, else a
 * static message naming the first problem (an unknown field, an unclosed
 * "%{"): checked whole before any certificate is written.
 */
const char *certout_format_check(const char *fmt);

/*
 * certout_format: fmt with %{field} from the JSON names (and notBefore,
 * notAfter), %{subject.XX} and %{issuer.XX} for one attribute (control
 * bytes as \xNN), \n, \t and %%, then a newline, to o.  Returns 0, or
 * EX_TROUBLE after a message for a template certout_format_check refuses.
 */
int	certout_format(struct out *o, const char *fmt,
	    const struct pem_block *b, X509 *x, const struct x509info *xi);

/*
 * certout_csr: csr-check's report of request xi from block b to o: text
 * (subject, SANs, key, attributes, requested extensions, signature,
 * verdict, each finding with its severity; a blank line first unless
 * first) or, with json, the pemkit/1 "csr" object whose problems are
 * {"severity", "message"} objects.  Then every finding on stderr: a
 * rejection as an error, a warning as a warning.
 */
void	certout_csr(struct out *o, const struct pem_block *b,
	    const struct x509info *xi, int sigok,
	    const struct csr_findings *p, const struct strlist *attrs,
	    const struct strlist *exts, int smime, int json, int first);

#endif
