/* serves one filter: csr-new */
/*
 * reqout.h: csr-new --json: the one NDJSON object (pemkit(7), JSON
 * output) that tells what the new request holds.
 */
#ifndef PEMKIT_REQOUT_H
#define PEMKIT_REQOUT_H

#include "check/csrpolicy.h"

/*
 * reqout_json: onto stdout, the object of the request written to
 * csrfile, as csr_review saw it (rv): "subject", "san" (dns, ip,
 * email), "key" (type, bits, curve, spki_sha256, "new": newkey, "file":
 * keyfile, where the key is), "tlsa" and "profile" (smime or tls).
 * A write error is reported by out_close.
 */
void	reqout_json(const struct csr_review *rv, const char *csrfile,
	    const char *keyfile, int newkey, int smime);

#endif
