/*
 * certout.h: cert-info's three ways of writing a certificate: aligned
 * text, the pemkit/1 NDJSON object (schema in pemkit(7)) and -f templates.
 */
#ifndef PEMKIT_CERTOUT_H
#define PEMKIT_CERTOUT_H

#include <openssl/x509.h>

#include "x509/crl.h"
#include "check/ari.h"
#include "check/purpose.h"
#include "check/csrpolicy.h"
#include "base/io.h"
#include "read/pem.h"
#include "x509/x509info.h"

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
 * certout_json_rev: certout_json with, last, the member "revocation"
 * (pemkit(7)): an object of rev's status ("good", "revoked",
 * "unknown"), reason, date, source (a CRL's FILE:LINE or an OCSP URL)
 * and why (the cause of "unknown"), each null when empty; null when
 * rev's status is NULL (not checked: a self-signed certificate; a CA
 * certificate under --ocsp alone).
 */
void	certout_json_rev(struct out *o, const struct pem_block *b,
	    unsigned long member, const struct x509info *xi,
	    const struct crlverdict *rev);

/*
 * certout_json_ari: certout_json_rev with, last when ari is not NULL
 * (cert-info --ari), the member "ari" (pemkit(7)): an object of id (the
 * RFC 9773 certificate identifier), url (the URL asked), start and end
 * of the suggested renewal window (null when it could not be read) and
 * explanation_url (null when the CA gave none).
 */
void	certout_json_ari(struct out *o, const struct pem_block *b,
	    unsigned long member, const struct x509info *xi,
	    const struct crlverdict *rev, const struct ari_window *ari);

/*
 * certout_ari_text: the text block's line for ari (cert-info --ari):
 * "  renewal window:    START to END[, see URL] (ARI)", or "unknown: "
 * and why.
 */
void	certout_ari_text(struct out *o, const struct ari_window *ari);

/*
 * certout_rev_text: the text block's last line for rev (cert-info
 * --crl, --ocsp): "  revocation:        " then "revoked on DATE
 * (REASON), says SOURCE", "good, says SOURCE", "unknown: WHY" or "not
 * checked" (a self-signed certificate, or a CA certificate under --ocsp).
 */
void	certout_rev_text(struct out *o, const struct crlverdict *rev);

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
 * certout_format_ari: certout_format with --ari's answer ari (or NULL)
 * for %{ari.start}, %{ari.end} and %{ari.explanation_url}, each empty
 * when unknown.  %{ari.id}, the RFC 9773 identifier, needs no answer.
 */
int	certout_format_ari(struct out *o, const char *fmt,
	    const struct pem_block *b, X509 *x, const struct x509info *xi,
	    const struct ari_window *ari);

/*
 * certout_format_crl: the -f template fmt for CRL crl (ci its fields) of
 * block b: issuer, issuer.XX, crl_number, this_update, next_update,
 * days_left (to nextUpdate), revoked, signature, sha256, source, type,
 * line, index; a certificate's field is empty.  Returns as certout_format.
 */
int	certout_format_crl(struct out *o, const char *fmt,
	    const struct pem_block *b, X509_CRL *crl, const struct crlinfo *ci);

/*
 * certout_format_check_one: NULL when name is a field -f knows (the JSON
 * names, notBefore, notAfter, subject.XX, issuer.XX, type, the CRL's
 * fields, spki.sha256.base64, and tlsa.U.S.M: a DANE TLSA record's data
 * "U S M HEX", RFC 6698 section 2, U 0-3, S 0 certificate or 1 SPKI, M
 * 0 full, 1 SHA-256, 2 SHA-512), else a static message.
 */
const char *certout_format_check_one(const char *name);

/*
 * certout_csr: csr-check's report of request xi from block b to o: text
 * (subject, SANs, key, attributes, requested extensions, signature,
 * verdict, each finding with its severity; tlsa, the DANE "3 1 1"
 * record data of its key (RFC 6698), after the key; a blank line first unless
 * first) or, with json, the pemkit/1 "csr" object whose problems are
 * {"severity", "message"} objects.  Then every finding on stderr: a
 * rejection as an error, a warning as a warning.
 */
void	certout_csr(struct out *o, const struct pem_block *b,
	    const struct x509info *xi, int sigok,
	    const struct csr_findings *p, const struct strlist *attrs,
	    const struct strlist *exts, int smime, const char *tlsa, int json,
	    int first);

/* cert-info's gate: what -e, -H, -m, --purpose and --ari ask. */
struct certcheck {
	int		 purpose;	/* --purpose: enum purpose + 1; 0 none */
	const char	*ari;		/* --ari: the renewalInfo URL, or NULL */
	int		 timeout;	/* seconds for each --ari exchange */
	struct within	 within;	/* -e; within_on() false: no expiry
					   check */
	char		**hosts, **emails;
	int		 nhosts, nemails;
};

/*
 * certout_check: certificate x (xi its fields, from block b) against c:
 * not yet valid, expired or expiring within c->within (RFC 5280
 * 4.1.2.5; a share of the lifetime notBefore..notAfter too, the
 * message then says how much is left: "in 5 days, 20% of its lifetime
 * left"), and, for an end-entity certificate, each host name
 * (X509_check_host(3) through ossl_covers) and address
 * (X509_check_email(3)); with c->purpose, purpose_check for the leaf and
 * for a CA that restricts EKU.  Each failure is a message at b's line.
 * Returns EX_YES, EX_NO, or EX_TROUBLE for a malformed time.
 */
int	certout_check(const struct certcheck *c, const struct pem_block *b,
	    X509 *x, const struct x509info *xi);

/*
 * certout_ari: with c->ari, for an end-entity certificate xi of block b:
 * its renewal window fetched into *w (ari_fetch) and judged at time at
 * (ari_verdict).  Returns w when the certificate was asked about (the
 * window for the output, w->ok 0 when it could not be read), else NULL;
 * *status EX_YES, EX_NO (the window has started) or EX_TROUBLE (no
 * identifier: no AKI keyIdentifier; the answer could not be read), each
 * but EX_YES after a message.  ari_free(w) after use.
 */
const struct ari_window *certout_ari(const struct certcheck *c,
	    const struct pem_block *b, const struct x509info *xi, time_t at,
	    struct ari_window *w, int *status);

#endif
