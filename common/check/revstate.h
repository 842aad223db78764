/* serves one filter: cert-info */
/*
 * revstate.h: cert-info's revocation checks: the certificates kept and
 * the settings of --crl and --ocsp, shared by revoke.h (which runs the
 * checks) and ocsp.h (which revoke_run calls), so that neither includes
 * the other.
 */
#ifndef PEMKIT_REVSTATE_H
#define PEMKIT_REVSTATE_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "base/io.h"
#include "check/crlfetch.h"
#include "x509/crl.h"
#include "read/pem.h"

struct ocsp_answer;

/* A certificate of the input, kept for the checks and, when they run,
 * shown after them with their verdict. */
struct revoke_cert {
	X509		*x;
	char		*src;
	unsigned long	 line, index, member;
	enum pem_kind	 kind;		/* of its block */
	struct crlverdict verdict;	/* status NULL: not checked */
	struct ocsp_answer *ans;	/* ocsp.c's, until ocsp_print */
};

struct revoke {
	struct crlset	 crls;		/* --crl, and --crl-fetch's */
	struct crlfetch	 fetch;		/* --crl-fetch, --cache */
	STACK_OF(X509)	*known;		/* the input's and -C's certificates */
	struct revoke_cert *v;		/* the input's, in order */
	size_t		 n;
	time_t		 at;
	int		 strict;
	int		 crl_soft;	/* --crl-soft: unknown is a warning */
	int		 ocsp;		/* --ocsp */
	const char	*ocsp_url;	/* --ocsp-url, or NULL: the AIA's */
	const char	*ocsp_out;	/* --ocsp-out FILE, or NULL */
	unsigned	 timeout;	/* seconds */
	struct out	*o;		/* where OCSP answers are printed */
	int		 json;
};

#endif
