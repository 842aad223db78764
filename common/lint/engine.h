/*
 * engine.h: the lint rule table, the rules' context and their findings,
 * for cert-lint (and csr-check's rules on requests).
 *
 * A rule is one row of a table: an id (zlint's lint name where zlint
 * has the same rule), a severity, the source and section it comes from,
 * the date from which it applies (judged against the certificate's
 * notBefore or the CRL's thisUpdate), the kinds of object it applies to,
 * and one function that looks at a struct lint_ctx and calls lint_find()
 * for each thing wrong.  Each rule group (rfc5280.c, crlrules.c, cabf.c, ...)
 * exports its own table, ended by a row whose id is NULL; engine.c lists
 * the groups.  HACKING.md says how to add a rule.
 */
#ifndef PEMKIT_LINT_ENGINE_H
#define PEMKIT_LINT_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/x509.h>

enum lint_sev {
	LINT_NOTICE,
	LINT_WARNING,
	LINT_ERROR
};

/* The kinds a rule applies to; an object is exactly one of them. */
#define LK_TLS		0x01	/* subscriber (end-entity) TLS server */
#define LK_SMIME	0x02	/* subscriber S/MIME (emailProtection) */
#define LK_SUBCA	0x04	/* intermediate CA */
#define LK_ROOT		0x08	/* self-signed CA */
#define LK_PRIV		0x10	/* any other end-entity certificate */
#define LK_CRL		0x20	/* certificate revocation list */
#define LK_LEAF		(LK_TLS | LK_SMIME | LK_PRIV)
#define LK_CA		(LK_SUBCA | LK_ROOT)
#define LK_CERT		(LK_LEAF | LK_CA)

struct lint_ctx;

struct lint_rule {
	const char	*id;		/* "e_serial_number_not_positive" */
	enum lint_sev	 sev;
	const char	*source;	/* "RFC 5280", "CA/B BR", ... */
	const char	*section;	/* "4.1.2.2" */
	const char	*since;		/* "YYYY-MM-DD": applies to objects
					   from then (notBefore, thisUpdate) */
	unsigned	 kinds;		/* LK_* */
	void		(*run)(struct lint_ctx *);
};

/* The rule groups, each ended by { NULL }; engine.c lists them. */
extern const struct lint_rule lint_rfc5280[];	/* rfc5280.c */
extern const struct lint_rule lint_crl[];	/* crlrules.c */
extern const struct lint_rule lint_cabf[];	/* cabf.c */
extern const struct lint_rule lint_cabf_leaf[];	/* cabf_leaf.c */

/* One finding: the rule and the words of what is wrong. */
struct lint_finding {
	const struct lint_rule *rule;
	char		*msg;
};

/*
 * What a rule looks at.  The engine fills it once per object; the
 * cached fields spare each rule a decode.  Everything is owned by the
 * engine's caller (x, crl, der) or by the engine (the rest), valid
 * during lint_run() only.
 */
struct lint_ctx {
	/* the object: one of x and crl is set */
	X509		*x;
	X509_CRL	*crl;
	const unsigned char *der;	/* its DER */
	size_t		 derlen;
	unsigned	 kind;		/* one LK_* */
	time_t		 at;		/* --at: the rules in force then */
	/* cached once per object */
	time_t		 start;		/* notBefore, or thisUpdate */
	int		 start_ok;	/* start could be read */
	long		 version;	/* X509_get_version, X509_CRL_get_version
					   (0 for v1) */
	uint32_t	 exflags;	/* X509_get_extension_flags */
	int		 is_ca;		/* basicConstraints cA TRUE */
	int		 self_signed;	/* self-signed as OpenSSL judges it
					   (EXFLAG_SS: self-issued, AKI
					   agrees, key fits the algorithm) */
	int		 has_ku;	/* a keyUsage extension */
	uint32_t	 ku;		/* its bits as KU_* (0 without one),
					   decoded here: X509_get_key_usage
					   says 0 for a certificate with any
					   invalid extension */
	int		 has_eku;	/* an extKeyUsage extension */
	uint32_t	 xku;		/* its purposes as XKU_* (0 without
					   one), decoded here too */
	int		 pkey;		/* EVP_PKEY_get_base_id of the key,
					   or NID_undef */
	int		 subject_empty;	/* no RDN in the subject */
	/* findings of this object, in rule order */
	struct lint_finding *f;
	size_t		 nf, capf;
	const struct lint_rule *cur;	/* the rule running */
};

/*
 * lint_ext: the first extension of c's certificate or CRL with NID nid,
 * or NULL (owned by the object).  lint_crit: 1 when it is there and
 * critical, 0 when there and not, -1 when absent.
 */
X509_EXTENSION	*lint_ext(const struct lint_ctx *c, int nid);
int		 lint_crit(const struct lint_ctx *c, int nid);

/*
 * lint_find: record a finding of the running rule on c, with the words
 * of printf format fmt ("the serial number is negative": lower case, no
 * final period).  Copies the text; the engine frees it.
 */
void	lint_find(struct lint_ctx *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* The rule selection: --only, --skip, --profile. */
struct lint_sel {
	const char	*only;		/* "ID,ID,...", or NULL for all */
	const char	*skip;		/* "ID,...", or NULL */
	unsigned	 profile;	/* forced LK_* kind, or 0 to work it
					   out from the certificate */
};

/*
 * lint_rules: the whole table, in group order, into *n rows.  The array
 * is static (built on the first call); it never changes.
 */
const struct lint_rule *const *lint_rules(size_t *n);

/*
 * lint_check_ids: 0 when every id of the comma list ids names a rule;
 * else -1 with *bad pointing at the first unknown id (its length in
 * *badlen).  NULL ids is fine.
 */
int	lint_check_ids(const char *ids, const char **bad, size_t *badlen);

/*
 * lint_profile: the LK_* kind named by s ("tls", "smime",
 * "intermediate", "root", "private"), or 0 for an unknown name.
 * lint_kind_name: the name of kind k, as lint_profile takes it, "crl"
 * for LK_CRL.
 */
unsigned	 lint_profile(const char *s);
const char	*lint_kind_name(unsigned k);

/* lint_sev_name: "error", "warning" or "notice". */
const char	*lint_sev_name(enum lint_sev s);

/*
 * lint_cert, lint_crl_run: fill c for certificate x (DER der[0..derlen))
 * or CRL crl, then run each selected rule that applies to its kind and
 * is in force at its start (the rule's since at or before notBefore or
 * thisUpdate) and at at.  The kind is sel's profile, or worked out from
 * the certificate: a CA (basicConstraints cA) is a root when
 * self-signed, else an intermediate; a leaf whose extended key usage
 * has serverAuth or anyExtendedKeyUsage or is absent is a TLS
 * subscriber, one with emailProtection S/MIME, any other private.
 * Returns 0, or -1 when the object cannot be read at all (the caller
 * reports it).  Free the findings with lint_done().
 */
int	lint_cert(struct lint_ctx *c, X509 *x, const unsigned char *der,
	    size_t derlen, time_t at, const struct lint_sel *sel);
int	lint_crl_run(struct lint_ctx *c, X509_CRL *crl,
	    const unsigned char *der, size_t derlen, time_t at,
	    const struct lint_sel *sel);

/* lint_done: free c's findings. */
void	lint_done(struct lint_ctx *c);

/*
 * lint_worst: the worst severity among c's findings, or -1 for none.
 */
int	lint_worst(const struct lint_ctx *c);

#endif
