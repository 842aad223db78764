/* name: pem-split's file-name templates.  Input: a template, a newline,
 * then a certificate (or anything) as DER. */
#include <string.h>

#include "fuzz.h"
#include "x509/name.h"
#include "read/pem.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct name_state st;
	struct pem_block b;
	const uint8_t *nl;
	char tmpl[256], out[4096];
	size_t n;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	n = (size_t)(nl - data);
	if (n >= sizeof(tmpl))
		return 0;
	memcpy(tmpl, data, n);
	tmpl[n] = '\0';
	if (name_check(tmpl) != NULL)
		return 0;
	memset(&b, 0, sizeof(b));
	memset(&st, 0, sizeof(st));
	b.src = "fuzz";
	b.der = nl + 1;
	b.derlen = size - n - 1;
	b.kind = pem_der_kind(b.der, b.derlen);
	b.label = pem_kind_label(b.kind);
	b.inlabel = "";		/* as the reader sets it for DER */
	b.index = 1;
	(void)name_expand(tmpl, &b, &st, out, sizeof(out));
	(void)name_expand(tmpl, &b, &st, out, sizeof(out));
	name_free(&st);
	return 0;
}
