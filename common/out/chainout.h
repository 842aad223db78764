/* serves one filter: chain-order */
/*
 * chainout.h: chain-order's --json: one NDJSON object per element of
 * the chain built (pemkit(7), JSON output).
 */
#ifndef PEMKIT_CHAINOUT_H
#define PEMKIT_CHAINOUT_H

#include <sys/types.h>

#include <stddef.h>

#include "base/io.h"
#include "x509/chain.h"

/*
 * chainout_json: the object of element k (from 0) of the chain ch[0..n)
 * of pool p, which ends as end says, onto o: the shared members, then
 * "member", "position" (from 1), "role" (leaf, intermediate, root or
 * anchor), "trusted", "written" (written says whether it is in the
 * output), "subject", "issuer", "sha256", "link" (the words of its link
 * to the next one, or how the chain ends) and, for the leaf, the pool's
 * "findings".  Write errors stay in o (out_finish reports them).
 */
void	chainout_json(struct out *o, struct chain_pool *p, const size_t *ch,
	    size_t n, size_t k, enum chain_end end, int written);

/*
 * chainout_same_bytes: chain-order -s: is the input (files[0..nfiles),
 * standard input spooled from offset start) the chain ch[0..nout) of
 * pool p written as canonical PEM, byte for byte?  Returns EX_YES, or
 * EX_TROUBLE after verbatim_same's message (read/verbatim.h).
 */
int	chainout_same_bytes(struct chain_pool *p, const size_t *ch,
	    size_t nout, char **files, int nfiles, off_t start);

#endif
