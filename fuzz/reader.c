/* reader: the streaming reader on any input (PEM path and DER path), and
 * the canonical writer on every block it returns.  The first byte picks
 * the reader flags. */
#include "fuzz.h"
#include "base/diag.h"
#include "base/io.h"
#include "read/pem.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pem_reader *r;
	struct pem_block b;
	struct out o;
	unsigned flags;
	int fd;

	if (size < 1)
		return 0;
	flags = data[0] & (PEM_STRICT | PEM_CHECK | PEM_ANY_DER);
	fd = fuzz_fd(data + 1, size - 1);
	if ((r = pem_open(fd, "fuzz", flags, 0)) == NULL)
		return 0;
	if (out_open(&o, NULL, OUT_HOLD) != 0)
		abort();
	while (pem_next(r, &b) == 1)
		if (b.label != NULL)
			pem_write_block(&o, &b);
	out_abort(&o);
	pem_close(r);
	return 0;
}
