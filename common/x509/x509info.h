/*
 * x509info.h: the fields of a certificate that cert-info prints, taken
 * from OpenSSL's parsed X509 (RFC 5280 section 4).
 */
#ifndef PEMKIT_X509INFO_H
#define PEMKIT_X509INFO_H

#include <time.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* parse_time and parse_duration, once declared here */
#include "base/parse.h"

/* A list of strings, each owned by the list. */
struct strlist {
	char	**v;
	size_t	  n;
};

struct x509info {
	char		*subject;	/* RFC 4514 string, UTF-8 */
	char		*issuer;
	char		*serial;	/* lowercase hex of the content octets
					   ("00" for zero), "-" if negative */
	char		 not_before[32];	/* ISO 8601 UTC: 2038-01-01T00:00:00Z */
	char		 not_after[32];	/* "(malformed)" when bad_time */
	const char	*bad_time;	/* "notBefore"/"notAfter" when that
					   field does not parse (RFC 5280
					   4.1.2.5), else NULL */
	long long	 secs_left;	/* notAfter - at, seconds */
	long long	 secs_valid;	/* at - notBefore, seconds */
	long long	 days_left;	/* secs_left in whole days, rounded
					   down (negative once expired) */
	struct strlist	 dns, ip, email, uri;	/* subjectAltName, 4.2.1.6 */
	char		 key_type[32];	/* "RSA", "EC", "ED25519", ... */
	int		 key_bits;	/* 0 when unknown */
	char		 curve[64];	/* "P-256", or "" */
	char		 sig[80];	/* signature algorithm */
	char		 sha256[65], sha1[41];	/* of the DER, hex */
	char		 spki_sha256[65];	/* of the SubjectPublicKeyInfo */
	char		 pin_sha256[45];	/* the same, base64 (RFC 7469) */
	char		*ski, *aki;	/* key identifiers, hex; or NULL */
	char		*ari_id;	/* the ACME Renewal Information
					   certificate identifier (RFC 9773
					   4.1); NULL without an AKI
					   keyIdentifier */
	int		 has_bc, ca;	/* basicConstraints, 4.2.1.9 */
	long		 path_len;	/* -1: none */
	struct strlist	 ku, eku;	/* 4.2.1.3, 4.2.1.12 */
	struct strlist	 ocsp, ca_issuers;	/* AIA, 4.2.2.1 */
	struct strlist	 crl;		/* CRL distribution points, 4.2.1.13 */
	struct strlist	 policies;	/* policy OIDs, 4.2.1.4 */
	int		 self_signed;
	const char	*role;		/* "leaf", "intermediate", "root" */
	unsigned char	*der, *spki;	/* i2d of the certificate and of its
					   SubjectPublicKeyInfo (what the
					   digests and TLSA records are of),
					   OPENSSL_malloc'd */
	int		 derlen, spkilen;
};

/*
 * x509info_get: fill xi from x, evaluating the validity period at time
 * at (seconds since the epoch).  Uses X509_NAME_print_ex (RFC 4514 form),
 * X509_digest, X509_get_ext_d2i, X509_self_signed and the EVP_PKEY
 * accessors.  Returns 0, or EX_TROUBLE with OpenSSL's reasons left on the
 * error queue; xi must be freed with x509info_free either way.
 */
int	x509info_get(X509 *x, time_t at, struct x509info *xi);

/*
 * x509info_der: fill xi from the DER certificate der[0..len), evaluating
 * the validity period at time at, without decoding its public key where
 * that can be avoided (issue 15): the certificate is decoded with
 * OpenSSL's templates for each part of RFC 5280 section 4.1, and key
 * type and size come from the SubjectPublicKeyInfo's algorithm and key
 * (RSA, EC on a named curve, RFC 8410 keys; any other key is decoded in
 * full).  A self-issued certificate stays on this path (issue 28):
 * self_signed is X509_self_signed(3) with the signature checked, the key
 * made from its parts (EVP_PKEY_fromdata) instead of by the provider
 * decoders.  With X509INFO_FULL every certificate takes d2i_X509(3) and
 * x509info_get.  *xp receives a new X509 the caller frees: the full
 * certificate, or a shell (X509_new(3)) holding its version, serial,
 * validity and extensions (and its names when how has X509INFO_NAMES)
 * but neither public key nor signature, which answers X509_get_ext_d2i,
 * X509_get_extension_flags (EXFLAG_INVALID), X509_get0_*_key_id and,
 * with the names, X509_check_host(3), X509_check_email and
 * X509_get_subject_name as the certificate would; xi->der and xi->spki
 * hold the bytes.  Returns 0; -1 when der is not a certificate d2i_X509
 * accepts (*xp NULL); EX_TROUBLE as x509info_get.  xi must be freed
 * with x509info_free in every case.
 */
#define X509INFO_FULL	0x01	/* d2i_X509 always: the X509 is kept */
#define X509INFO_NAMES	0x02	/* the shell gets the names */
#define X509INFO_NOSELF	0x04	/* self_signed not wanted: left 0 and the
				   signature not checked (role then says
				   "intermediate" for a root: show neither) */
int	x509info_der(const unsigned char *der, size_t len, time_t at,
	    int how, struct x509info *xi, X509 **xp);

/*
 * x509info_cert_key: the key of certificate DER der[0..len), for
 * key-match --find (issue 15): the certificate is decoded as
 * x509info_der does (refusing what d2i_X509(3) refuses) but its key is
 * not, where its algorithm and encoding show OpenSSL would decode it
 * (as x509info_der takes key type and size).  *nid is
 * the SubjectPublicKeyInfo's algorithm (OBJ_obj2nid) and *print
 * (*plen bytes, OPENSSL_malloc'd, the caller frees) the part of the key
 * that every encoding of one key shares: the RSA modulus (RFC 8017
 * A.1.1), an EC point's x coordinate whether compressed or not (SEC 1
 * section 2.3.3), else the whole BIT STRING.  Keys whose nid or print
 * differ are different (EVP_PKEY_eq(3) would say so); for equal ones
 * EVP_PKEY_eq decides.  Returns 1; 0 when der is not a certificate; -1
 * when OpenSSL cannot decode its public key, its reason left on the error
 * queue (*print NULL for both).
 * x509info_spki_key: the same for SubjectPublicKeyInfo DER
 * (i2d_PUBKEY(3)); 1, or 0 when it does not have the shape.
 */
int	x509info_cert_key(const unsigned char *der, size_t len, int *nid,
	    unsigned char **print, size_t *plen);
int	x509info_spki_key(const unsigned char *spki, size_t len, int *nid,
	    unsigned char **print, size_t *plen);

/* x509info_free: free what xi owns and zero it. */
void	x509info_free(struct x509info *xi);

/* strlist_add: append a copy of s to l, control bytes as \xNN. */
void	strlist_add(struct strlist *l, const char *s);

/* strlist_free: free every string of l and its array; l is empty after. */
void	strlist_free(struct strlist *l);

/*
 * x509info_name_str: the RFC 4514 string of nm in UTF-8 (OpenSSL's
 * X509_NAME_print_ex in RFC 2253 form, most specific RDN first, UTF-8 not
 * escaped), a new string the caller frees; NULL on an OpenSSL failure.
 */
char	*x509info_name_str(const X509_NAME *nm);

/*
 * x509info_sans: append the subjectAltName entries of gns (RFC 5280
 * 4.2.1.6) to xi's dns, ip (printed with inet_ntop), email and uri lists.
 */
void	x509info_sans(const GENERAL_NAMES *gns, struct x509info *xi);

/*
 * x509info_key: fill xi's key_type, key_bits and curve (NIST name when
 * there is one) from pk.
 */
void	x509info_key(const EVP_PKEY *pk, struct x509info *xi);

/*
 * x509info_key_text: "RSA 2048 bits", "EC P-256 (256 bits)" or just the
 * type when the size is unknown, into buf (n bytes, NUL terminated).
 */
void	x509info_key_text(const struct x509info *xi, char *buf, size_t n);

/*
 * x509info_time: t as ISO 8601 in UTC with a four-digit year
 * ("2030-01-31T12:00:00Z", RFC 3339) into buf (n bytes, 21 enough).
 * Returns 0, or -1 for a malformed time or a year past 9999.
 * x509info_secs: the seconds from a to b into *secs (ASN1_TIME_diff(3));
 * 0, or -1 when either is malformed.
 */
int	x509info_time(const ASN1_TIME *t, char *buf, size_t n);
int	x509info_secs(const ASN1_TIME *a, const ASN1_TIME *b, long long *secs);

/* x509info_epoch: t as seconds since 1970-01-01 into *secs; 0 or -1. */
int	x509info_epoch(const ASN1_TIME *t, long long *secs);

#endif
