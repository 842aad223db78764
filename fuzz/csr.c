/* csr: csr-check's policy on any CSR.  The filter's own code is compiled
 * in (its main renamed), so the harness runs exactly what users run.
 * First byte: profile (smime), --ascii, JSON, a host and --require. */
#define main csr_check_main
#include "../filters/csr-check.c"
#undef main
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *hosts[] = { "www.example.com", "192.0.2.1" };
	struct pem_reader *r;
	struct pem_block b;
	struct ctx c;

	if (size < 1)
		return 0;
	memset(&c, 0, sizeof(c));
	c.pol.min_rsa = 2048;
	c.pol.smime = data[0] & 1;
	c.pol.ascii = (data[0] & 2) != 0;
	c.json = (data[0] & 4) != 0;
	c.pol.hosts = hosts;
	c.pol.nhosts = (data[0] >> 3) & 3 ? 2 : 0;
	c.pol.require = (data[0] & 0x20) ? "C,O,CN,ST" : NULL;
	c.pol.require_san = (data[0] & 0x40) != 0;
	c.strict = (data[0] & 0x80) != 0;
	if (out_open(&c.o, NULL, OUT_HOLD) != 0)
		abort();
	if ((r = pem_open(fuzz_fd(data + 1, size - 1), "fuzz", 0, 0)) !=
	    NULL) {
		while (pem_next(r, &b) == 1)
			if (b.kind == PK_CSR)
				(void)one(&c, &b);
		pem_close(r);
	}
	out_abort(&c.o);
	return 0;
}
