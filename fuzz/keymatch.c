/* keymatch: key-match's grouping (and --find) on any mix of keys,
 * certificates, requests and containers.  The filter's own code is
 * compiled in, its main renamed.  First byte: find mode, JSON, a
 * passphrase. */
#define main key_match_main
#include "../filters/key-match.c"
#undef main
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct obj_input oi;
	struct out o;
	char *files[1], path[64];
	int fd;

	if (size < 1)
		return 0;
	fd = fuzz_fd(data + 1, size - 1);
	snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	files[0] = path;
	json = (data[0] & 2) != 0;
	if (out_open(&o, NULL, OUT_HOLD) != 0)
		abort();
	obj_input_init(&oi, files, 1, 0, (data[0] & 1) ? 0 : OBJ_P12_PAIR,
	    (data[0] & 4) ? "secret" : NULL);
	if (data[0] & 1)
		(void)find(&oi, &o);
	else
		(void)match(&oi, &o);
	out_abort(&o);
	return 0;
}
