/* tlsout.c: tls-fetch's JSON objects; see tlsout.h. */
#include <stdlib.h>

#include <openssl/evp.h>

#include "base/diag.h"
#include "base/json.h"
#include "base/ossl.h"
#include "out/tlsout.h"
#include "x509/x509info.h"

void
tlsout_json(struct out *o, const char *target, const char *addr,
    const char *starttls, const char *sni, SSL *ssl, STACK_OF(X509) *chain,
    long ocsplen)
{
	struct json j;
	X509 *x;
	char *s, hex[65];
	unsigned char md[32];
	unsigned n;
	int i;

	json_begin(&j, o);
	json_str(&j, "type", "tls", -1);
	json_str(&j, "target", target, -1);
	json_str(&j, "address", addr, -1);
	json_str(&j, "starttls", starttls, -1);
	json_str(&j, "sni", sni, -1);
	json_str(&j, "protocol", SSL_get_version(ssl), -1);
	json_str(&j, "cipher", SSL_get_cipher_name(ssl), -1);
	json_bool(&j, "ocsp_staple", ocsplen > 0);
	json_open(&j, "certificates", '[');
	for (i = 0; i < sk_X509_num(chain); i++) {
		x = sk_X509_value(chain, i);
		json_open(&j, NULL, '{');
		json_int(&j, "position", i + 1);
		s = x509info_name_str(X509_get_subject_name(x));
		json_str(&j, "subject", s, -1);
		free(s);
		s = x509info_name_str(X509_get_issuer_name(x));
		json_str(&j, "issuer", s, -1);
		free(s);
		if (X509_digest(x, EVP_sha256(), md, &n) && n == 32) {
			ossl_hex(md, 32, hex);
			json_str(&j, "sha256", hex, -1);
		} else
			json_null(&j, "sha256");
		json_close(&j, '{');
	}
	json_close(&j, '[');
	json_end(&j);
}

void
tlsout_failed(struct out *o, const char *target)
{
	struct json j;

	json_begin(&j, o);
	json_str(&j, "type", "tls", -1);
	json_str(&j, "target", target, -1);
	json_str(&j, "error", diag_last_error(), -1);
	json_end(&j);
}
