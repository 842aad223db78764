/* ossl.c: narrow OpenSSL 3 glue; see ossl.h. */
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/diag.h"
#include "base/ossl.h"

char *
ossl_name_entry(const X509_NAME *name, const char *sn)
{
	const X509_NAME_ENTRY *ne;
	unsigned char *utf8 = NULL;
	char *s;
	int nid, i, last = -1, n;

	if ((nid = OBJ_txt2nid(sn)) == NID_undef)
		return NULL;
	for (i = -1; (i = X509_NAME_get_index_by_NID(name, nid, i)) >= 0;)
		last = i;
	if (last < 0 || (ne = X509_NAME_get_entry(name, last)) == NULL ||
	    (n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(ne))) <
	    0) {
		ERR_clear_error();
		return NULL;
	}
	s = ossl_escape_ctl((const char *)utf8, (size_t)n);
	OPENSSL_free(utf8);
	return s;
}

char *
ossl_escape_ctl(const char *v, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *s;
	size_t i, k = 0;

	s = xmalloc(4 * n + 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c < 0x20 || c == 0x7f) {
			s[k++] = '\\';
			s[k++] = 'x';
			s[k++] = hex[c >> 4];
			s[k++] = hex[c & 15];
		} else
			s[k++] = (char)c;
	}
	s[k] = '\0';
	return s;
}

unsigned long
ossl_name_hash(const X509_NAME *name, int *ok)
{
	unsigned long h;

	h = X509_NAME_hash_ex(name, NULL, NULL, ok);
	if (!*ok)
		ERR_clear_error();
	return h;
}

int
ossl_sha256(const unsigned char *p, size_t n, unsigned char md[32])
{
	static EVP_MD *sha256;

	if (sha256 == NULL && (sha256 = EVP_MD_fetch(NULL, "SHA256",
	    NULL)) == NULL)
		return 0;
	return EVP_Digest(p, n, md, NULL, sha256, NULL);
}

int
ossl_sha1(const unsigned char *p, size_t n, unsigned char md[20])
{
	static EVP_MD *sha1;

	if (sha1 == NULL && (sha1 = EVP_MD_fetch(NULL, "SHA1", NULL)) == NULL)
		return 0;
	return EVP_Digest(p, n, md, NULL, sha1, NULL);
}

void
ossl_hex(const unsigned char *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int
ossl_covers(X509 *x, const char *name)
{
	int ok;

	if (strchr(name, ':') != NULL || strspn(name, "0123456789.") ==
	    strlen(name))
		ok = X509_check_ip_asc(x, name, 0) == 1;
	else
		ok = X509_check_host(x, name, 0,
		    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL) == 1;
	ERR_clear_error();
	return ok;
}

int
ossl_issued_by(X509 *issuer, X509 *subject)
{
	EVP_PKEY *pk;
	int r, ok;

	r = X509_check_issued(issuer, subject);
	/* a certificate OpenSSL marks invalid fails the check whatever its
	 * names: its key identifiers and signature decide then */
	if (r != X509_V_OK && ((X509_get_extension_flags(issuer) |
	    X509_get_extension_flags(subject)) & EXFLAG_INVALID) &&
	    X509_NAME_cmp(X509_get_subject_name(issuer),
	    X509_get_issuer_name(subject)) == 0 &&
	    ossl_keyid_agrees(issuer, subject))
		r = X509_V_OK;
	ok = (r == X509_V_OK || r == X509_V_ERR_KEYUSAGE_NO_CERTSIGN) &&
	    (pk = X509_get0_pubkey(issuer)) != NULL &&
	    X509_verify(subject, pk) == 1;
	ERR_clear_error();
	return ok;
}

int
ossl_is_ca(X509 *x)
{
	return (X509_get_extension_flags(x) & EXFLAG_CA) != 0;
}

const char *
ossl_cert_defect(X509 *x)
{
	static char buf[128];
	const X509V3_EXT_METHOD *m;
	X509_EXTENSION *e;
	const char *sn;
	void *v;
	int i, j, n, nid;

	if (x == NULL)
		return "it does not decode";
	n = X509_get_ext_count(x);
	for (i = 0; i < n; i++) {
		nid = OBJ_obj2nid(X509_EXTENSION_get_object(X509_get_ext(x, i)));
		for (j = 0; j < i; j++)
			if (nid != NID_undef && OBJ_obj2nid(
			    X509_EXTENSION_get_object(X509_get_ext(x, j))) == nid) {
				snprintf(buf, sizeof(buf), "duplicate %s "
				    "extension", OBJ_nid2ln(nid));
				return buf;
			}
	}
	for (i = 0; i < n; i++) {
		e = X509_get_ext(x, i);
		nid = OBJ_obj2nid(X509_EXTENSION_get_object(e));
		sn = nid != NID_undef ? OBJ_nid2ln(nid) : "unknown";
		if ((nid == NID_subject_key_identifier ||
		    nid == NID_authority_key_identifier) &&
		    X509_EXTENSION_get_critical(e)) {
			snprintf(buf, sizeof(buf), "critical %s (RFC 5280 "
			    "requires it non-critical)", sn);
			return buf;
		}
		if ((m = X509V3_EXT_get(e)) != NULL) {
			if ((v = X509V3_EXT_d2i(e)) == NULL) {
				ERR_clear_error();
				snprintf(buf, sizeof(buf), "malformed %s "
				    "extension", sn);
				return buf;
			}
			if (m->it != NULL)
				ASN1_item_free(v, ASN1_ITEM_ptr(m->it));
			else if (m->ext_free != NULL)
				m->ext_free(v);
		}
	}
	if ((X509_get_extension_flags(x) & EXFLAG_CA) &&
	    (X509_get_extension_flags(x) & EXFLAG_KUSAGE) &&
	    !(X509_get_key_usage(x) & KU_KEY_CERT_SIGN))
		return "basicConstraints cA without keyCertSign in keyUsage "
		    "(RFC 5280 section 4.2.1.3)";
	if ((X509_get_key_usage(x) & KU_KEY_CERT_SIGN) &&
	    !(X509_get_extension_flags(x) & EXFLAG_CA))
		return "keyCertSign without basicConstraints cA (RFC 5280 "
		    "section 4.2.1.3)";
	return "extensions OpenSSL refuses";
}

int
ossl_keyid_agrees(X509 *issuer, X509 *subject)
{
	const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(issuer),
	    *aki = X509_get0_authority_key_id(subject);

	return ski == NULL || aki == NULL || ASN1_OCTET_STRING_cmp(ski,
	    aki) == 0;
}

void *
ossl_ext_d2i(X509 *x, int nid)
{
	int i;
	void *v;

	if ((i = X509_get_ext_by_NID(x, nid, -1)) < 0)
		return NULL;
	if ((v = X509V3_EXT_d2i(X509_get_ext(x, i))) == NULL)
		ERR_clear_error();
	return v;
}

static int
unsupported_reason(unsigned long e)
{
	int r = ERR_GET_REASON(e);

	return e != 0 && (r == ERR_R_UNSUPPORTED ||
	    r == EVP_R_UNSUPPORTED_ALGORITHM || r == EVP_R_UNSUPPORTED_CIPHER ||
	    r == EVP_R_UNSUPPORTED_KEY_DERIVATION_FUNCTION ||
	    r == ERR_R_FETCH_FAILED);
}

int
ossl_unsupported(void)
{
	/* the cause is first on the queue, its consequences after it */
	return unsupported_reason(ERR_peek_last_error()) ||
	    unsupported_reason(ERR_peek_error());
}
