/* serves one filter: chain-order */
/*
 * verbatim.h: chain-order --strict: is the input, byte for byte,
 * the canonical PEM that is written (RFC 7468 section 2, "strict")?
 * The reader forgives what this check does not: blank lines between or
 * after the blocks, a last line without its newline.
 */
#ifndef PEMKIT_VERBATIM_H
#define PEMKIT_VERBATIM_H

#include <sys/types.h>

#include <stddef.h>

/*
 * verbatim_spool_stdin: make standard input readable a second time.  A
 * regular file is kept where it is and *start set to its offset; a pipe
 * or terminal is copied into an unlinked temporary file that becomes
 * descriptor 0 (*start 0).  Call it before the input is read.  Returns
 * EX_YES, or EX_TROUBLE after a message ("--strict: cannot keep standard
 * input to compare: ...").
 */
int	verbatim_spool_stdin(off_t *start);

/*
 * verbatim_reads_stdin: does the command line's input (files[0..nfiles),
 * no file meaning standard input) read standard input, so that it must
 * be spooled first?  Returns 1 or 0.
 */
int	verbatim_reads_stdin(char **files, int nfiles);

/*
 * verbatim_same: read the files (nfiles of them; none is standard input,
 * which must have been spooled from offset start) again and compare
 * their bytes with the n certificates der[k] (derlen[k] bytes each) as
 * canonical PEM CERTIFICATE blocks.  Returns EX_YES when they are equal;
 * else EX_TROUBLE after a message naming the file and line where they
 * part ("the input is not the chain written byte for byte here", "the
 * input ends before the chain written"), or a file that cannot be read
 * a second time (not a regular file nor standard input).
 */
int	verbatim_same(char **files, int nfiles, off_t start,
	    unsigned char *const *der, const size_t *derlen, size_t n);

#endif
