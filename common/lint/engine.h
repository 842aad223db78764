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

#include <openssl/evp.h>
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
	unsigned	 flags;		/* LR_* */
};

/*
 * LR_DER: the rule reads only c->t, c->crl and the cached fields, never
 * c->x.  When every rule to run on a certificate has it, the
 * certificate is not decoded as an X509 at all: d2i_X509 decodes the
 * public key too, which is most of its time (about 85 of 95 us a
 * certificate with OpenSSL 3.0), and the fast path is what makes
 * cert-lint fast.  A rule without it gets c->x.
 */
#define LR_DER		0x1

/*
 * LR_REQ: the rule judges a certification request too (lint_req), as
 * it would judge the certificate a CA issues from it unchanged: it reads
 * only what a request holds, the subject, the key and the requested
 * extensions (c->t.subject, c->t.exts, c->t.spki and spki_alg, the
 * cached key and usage fields, lint_pkey(), and c->x's subject, key and
 * extensions), never the issuer, serial, validity, signature or SCTs.
 */
#define LR_REQ		0x2

/*
 * A certificate's parts, each decoded by OpenSSL's d2i from the DER
 * (RFC 5280 section 4.1), without its public key.  Owned by the engine.
 */
struct lint_tbs {
	long		 version;	/* X509_VERSION_1 .. 3 */
	ASN1_INTEGER	*serial;
	X509_ALGOR	*sigalg;	/* TBSCertificate's signature */
	X509_NAME	*issuer, *subject;
	ASN1_TIME	*not_before, *not_after;
	X509_ALGOR	*spki_alg;	/* subjectPublicKeyInfo's algorithm */
	const unsigned char *spki;	/* its DER, with the key */
	long		 spkilen;
	int		 iuid, suid;	/* issuerUniqueID, subjectUniqueID
					   present */
	STACK_OF(X509_EXTENSION) *exts;	/* empty stack when none */
	X509_ALGOR	*outer_alg;	/* Certificate's signatureAlgorithm */
};

/* The rule groups, each ended by { NULL }; engine.c lists them. */
extern const struct lint_rule lint_rfc5280[];	/* rfc5280.c */
extern const struct lint_rule lint_rfc5280b[];	/* rfc5280b.c */
extern const struct lint_rule lint_crl[];	/* crlrules.c */
extern const struct lint_rule lint_cabf[];	/* cabf.c */
extern const struct lint_rule lint_cabf_ca[];	/* cabf_ca.c */
extern const struct lint_rule lint_cabf_names[];	/* cabf_names.c */
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
	/* the object: a certificate's parts in t (and in x when a rule
	 * without LR_DER runs; NULL otherwise), or crl */
	struct lint_tbs	 t;
	X509		*x;
	X509_CRL	*crl;
	X509_REQ	*req;		/* a request (lint_req): the caller's;
					   x is then a stand-in with its
					   subject, key and extensions */
	unsigned char	*own_spki;	/* lint_req's copy of the key's DER */
	const unsigned char *der;	/* its DER */
	size_t		 derlen;
	unsigned	 kind;		/* one LK_* */
	time_t		 at;		/* --at: the rules in force then */
	/* cached once per object */
	time_t		 start;		/* notBefore, or thisUpdate */
	int		 start_ok;	/* start could be read */
	long		 version;	/* X509_get_version, X509_CRL_get_version
					   (0 for v1) */
	int		 is_ca;		/* basicConstraints cA TRUE */
	int		 self_signed;	/* subject and issuer equal, and the
					   AKI's key identifier absent or
					   the SKI (OpenSSL's EXFLAG_SS,
					   without the signature) */
	int		 has_ku;	/* a keyUsage extension */
	uint32_t	 ku;		/* its bits as KU_* (0 without one),
					   decoded here: X509_get_key_usage
					   says 0 for a certificate with any
					   invalid extension */
	int		 has_eku;	/* an extKeyUsage extension */
	uint32_t	 xku;		/* its purposes as XKU_* (0 without
					   one), decoded here too */
	int		 pkey;		/* the key's type, as
					   EVP_PKEY_get_base_id would say
					   (EVP_PKEY_RSA, EVP_PKEY_EC, ...),
					   from its algorithm's OID */
	int		 subject_empty;	/* no RDN in the subject */
	/* findings of this object, in rule order */
	struct lint_finding *f;
	size_t		 nf, capf;
	EVP_PKEY	*pk;		/* lint_pkey's */
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
 * lint_cert: read the certificate der[0..derlen) into c (its parts, and
 * an X509 when a selected rule needs one), then run each selected rule
 * that applies to its kind and is in force at its notBefore (the
 * rule's since at or before it) and at at.  The kind is sel's profile,
 * or worked out from the certificate: a CA (basicConstraints cA) is a
 * root when self-signed (subject and issuer equal, and the AKI's key
 * identifier absent or the SKI), else an intermediate; a leaf whose
 * extended key usage has serverAuth or anyExtendedKeyUsage or is absent
 * is a TLS subscriber, one with emailProtection S/MIME, any other
 * private.  Returns 0, or -1 when the certificate does not decode (the
 * caller reports it; OpenSSL's error queue holds why).  Free with
 * lint_done().
 * lint_crl_run: the same for CRL crl (the caller's) of DER der.
 */
int	lint_cert(struct lint_ctx *c, const unsigned char *der,
	    size_t derlen, time_t at, const struct lint_sel *sel);
int	lint_crl_run(struct lint_ctx *c, X509_CRL *crl,
	    const unsigned char *der, size_t derlen, time_t at,
	    const struct lint_sel *sel);

/*
 * lint_req: run on certification request req (RFC 2986; the caller's)
 * the selected rules that carry LR_REQ, apply to its kind and are in
 * force at at (a request has no notBefore: at stands for it).  c gets
 * the request's subject, key and requested extensions (PKCS#9
 * extensionRequest, RFC 2985 section 5.4.2) as a certificate's parts,
 * and a stand-in X509 that holds only those.  The kind is sel's
 * profile, or worked out from the requested extensions as lint_cert
 * does.  Returns 0, or -1 when the request's parts cannot be read
 * (OpenSSL's error queue holds why).  Free with lint_done().
 */
int	lint_req(struct lint_ctx *c, X509_REQ *req, time_t at,
	    const struct lint_sel *sel);

/*
 * lint_pkey: the certificate's public key, decoded on first use (kept
 * in c, freed by lint_done), or NULL when OpenSSL cannot decode it.
 */
EVP_PKEY	*lint_pkey(struct lint_ctx *c);

/*
 * lint_date: the time_t of midnight UTC on the civil date y-m-d (month
 * 1-12, day 1-31), for rules whose sections name a date (H. Hinnant's
 * days_from_civil; proleptic Gregorian, any year).
 */
time_t	lint_date(long long y, unsigned m, unsigned d);

/* lint_done: free c's findings, parts, X509 and key. */
void	lint_done(struct lint_ctx *c);

/*
 * lint_worst: the worst severity among c's findings, or -1 for none.
 */
int	lint_worst(const struct lint_ctx *c);

#endif
