/*
 * csrpolicy.h: what a CA checks in a certificate request before it
 * issues, as the CA/Browser Forum Baseline Requirements (TLS, section
 * 7.1) and the S/MIME Baseline Requirements say and as the CAs in the
 * users' guides (NetLock, Certum, TWCA) act.  Shared by csr-check and
 * csr-new, so that a new request passes the check it will meet.
 */
#ifndef PEMKIT_CSRPOLICY_H
#define PEMKIT_CSRPOLICY_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509/x509info.h"

/* A key a request must, or must not, carry (-k, -K; each repeatable). */
struct csr_key {
	EVP_PKEY	*pk;
	const char	*file;
};

/* The policy: the profile and what the options ask for. */
struct csr_policy {
	int		 smime;		/* S/MIME profile, else TLS server */
	int		 ascii;		/* printable ASCII only (--ascii) */
	int		 require_san;	/* a CN-only request is a rejection */
	long		 min_rsa;	/* bits, default 2048 (BR 6.1.5) */
	int		 lint;		/* also cert-lint's rules for requests
					   (csr_review; csr-check sets it) */
	const char	*require;	/* "C,O,CN": attributes required */
	char		**hosts;	/* names it must cover (-H) */
	int		 nhosts;
	char		**emails;	/* addresses it must carry (--email) */
	int		 nemails;
	struct csr_key	*keys, *notkeys;
	int		 nkeys, nnotkeys;
};

/*
 * csr_policy_init: *pol with the defaults (TLS profile, RSA 2048 bits)
 * and room for argc host names, addresses and -k/-K files (each option
 * takes an argument, so argc bounds them).  Free with csr_policy_free.
 */
void	csr_policy_init(struct csr_policy *pol, int argc);

/*
 * csr_policy_opt: the policy options csr-check and csr-new share, by
 * their letters: -H NAME, -K FILE, -P PROFILE, -S, -a, -b BITS, -m ADDR,
 * -r FIELDS.  arg is kept, not copied.  A bad argument prints a message
 * and calls usage(EX_TROUBLE).  Returns 1 when ch was one of them.
 */
int	csr_policy_opt(struct csr_policy *pol, int ch, char *arg,
	    void (*usage)(int));

/*
 * csr_policy_load: the key of each -k and -K file, through
 * obj_file_key() (obj.h) with passphrase pass.  Returns 1, or 0 after
 * its message (exit class 2).
 */
int	csr_policy_load(struct csr_policy *pol, const char *pass);

/* csr_policy_free: release the keys and arrays of *pol. */
void	csr_policy_free(struct csr_policy *pol);

/* Severity of a finding: a warning is printed (exit 0 unless --strict),
 * a rejection is what the CA refuses (exit 1). */
enum csr_severity { CSR_WARNING = 1, CSR_REJECTION = 2 };

struct csr_finding {
	enum csr_severity sev;
	char		*text;
};

struct csr_findings {
	struct csr_finding *v;
	size_t		 n;
	size_t		 nreject;
};

/*
 * csr_judge: every finding of policy pol on request req at once, into f
 * (zeroed by the caller; free with csr_findings_free).  sig is the
 * result of the self-signature check (RFC 2986 section 3): 1 verified, 0
 * does not verify, -1 the algorithm cannot be checked here.  gns is the
 * request's subjectAltName (or NULL), pk its public key, xi its subject,
 * SANs and key as x509info fills them, exts its requested extensions (or
 * NULL).  Prints nothing.
 */
void	csr_judge(const struct csr_policy *pol, X509_REQ *req,
	    const GENERAL_NAMES *gns, const STACK_OF(X509_EXTENSION) *exts,
	    EVP_PKEY *pk, const struct x509info *xi, int sig,
	    struct csr_findings *f);

/*
 * csr_attributes: the request's attributes other than extensionRequest
 * (challengePassword, unstructuredName, ...) and its requested
 * extensions, by OpenSSL's short names, appended to attrs and exts
 * (strlists the caller frees with x509info_free's helpers' rules: each
 * string and the array).  RFC 2986 section 4.1, RFC 2985 section 5.4.
 */
void	csr_attributes(X509_REQ *req, const STACK_OF(X509_EXTENSION) *xs,
	    struct strlist *attrs, struct strlist *exts);

/* csr_findings_free: release what csr_judge collected. */
void	csr_findings_free(struct csr_findings *f);

/*
 * csr_host_ok: 1 when h is an LDH host name of two labels or more (RFC
 * 1034 section 3.5, RFC 5890), a wildcard only as the whole leftmost
 * label when wild_ok (Baseline Requirements 3.2.2.6); else 0.
 */
int	csr_host_ok(const char *h, int wild_ok);

/*
 * csr_host_why: why h is not a host name a CA accepts, written into buf
 * (n bytes) and returned, or NULL when csr_host_ok(h, 1) says it is one.
 * The reason is the one a user can act on: a trailing dot ("ends with
 * a dot: write it without, NAME", RFC 5280 section 4.2.1.6); a name in
 * Unicode ("is an internationalised name: use its A-label,
 * xn--...", the IDNA2008 A-label of RFC 5890 section 2.3.2.1 by
 * libidn2); the wildcard rule only when h has a '*'; else "is not a
 * host name".
 */
const char	*csr_host_why(const char *h, char *buf, size_t n);

/*
 * csr_ip: when s is an IPv4 or IPv6 address in text (inet_pton(3)),
 * its bytes into a (16 bytes, zero-filled) and their number, 4 or 16;
 * else 0.
 */
int	csr_ip(const char *s, unsigned char *a);

/* What csr_review learns of one request. */
struct csr_review {
	struct x509info	 xi;		/* subject, SANs, key, signature */
	struct csr_findings f;
	struct strlist	 attrs, xs;	/* csr_attributes' lists */
	int		 sig;		/* 1, 0 or -1, as csr_judge takes it */
	GENERAL_NAMES	*gns;		/* the subjectAltName, or NULL */
	STACK_OF(X509_EXTENSION) *exts;	/* requested extensions, or NULL */
	char		 spki_sha256[65];	/* of its key, hex */
	char		 tlsa[72];	/* "3 1 1 HEX": the DANE-EE record
					   of its key (RFC 6698 2.1, RFC
					   7671 5.1) */
};

/*
 * csr_review: everything csr-check and csr-new say of request req under
 * policy pol, into *r (zeroed here; free with csr_review_free, also after
 * an error): its self-signature checked (RFC 2986 section 3;
 * X509_REQ_verify(3)), its fields read, csr_judge's findings, with
 * pol->lint the findings of cert-lint's rules for requests (LR_REQ,
 * lint/engine.h) that csr_judge does not make itself, and
 * csr_attributes' lists.  Prints nothing.  Returns NULL, or a static
 * message for a request that cannot be judged (exit class 2): a public
 * key OpenSSL cannot decode, a malformed signature.
 */
const char *csr_review(const struct csr_policy *pol, X509_REQ *req,
	    struct csr_review *r);

/* csr_review_free: release what csr_review filled. */
void	csr_review_free(struct csr_review *r);

#endif
