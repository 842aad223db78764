/* kind: what DER is this?  pem_der_kind's structural guess, then the
 * full d2i for that kind (pem_der_decodes), and the cheap certificate
 * walk of chain_add.  Input: DER. */
#include "fuzz.h"
#include "x509/chain.h"
#include "base/ossl.h"
#include "x509/input.h"
#include "read/pem.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chain_pool p;
	enum pem_kind k;

	k = pem_der_kind(data, size);
	(void)pem_der_decodes(k, data, size);
	(void)pem_kind_label(k);
	chain_init(&p);
	(void)chain_add(&p, data, size, "fuzz", 0, 1, 0, 0);
	chain_free(&p);
	return 0;
}
