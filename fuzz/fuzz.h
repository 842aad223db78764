/*
 * fuzz.h: shared by the libFuzzer harnesses (make fuzz).  The input goes
 * through a real file descriptor, as a filter's input does.
 */
#ifndef PEMKIT_FUZZ_H
#define PEMKIT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A descriptor reading data[0..size) from its start; one file, reused. */
static int
fuzz_fd(const uint8_t *data, size_t size)
{
	static FILE *f;
	int fd;

	if (f == NULL && (f = tmpfile()) == NULL)
		abort();
	fd = fileno(f);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

#endif
