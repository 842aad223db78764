/*
 * tbundle.h: trust-bundle hygiene for pem-join: expired and non-CA
 * certificates dropped, duplicates by subject and key, a stable order.
 */
#ifndef PEMKIT_TBUNDLE_H
#define PEMKIT_TBUNDLE_H

#include <stddef.h>
#include <time.h>

/* One certificate of the bundle, in input order. */
struct tb_item {
	const unsigned char	*der;	/* its DER (borrowed) */
	size_t			 derlen;
	const char		*src;	/* where it came from, for the notes */
	unsigned long		 line;
	int			 drop;	/* out: 1 when it is to be left out */
};

/* How duplicates are found: the same DER (pem-join's own), or the same
 * subject and public key (a root re-issued with new dates). */
enum tb_dedupe { TB_DEDUPE_CERT = 0, TB_DEDUPE_KEY };

/* The order written: the input's, by subject, by notAfter. */
enum tb_sort { TB_SORT_NONE = 0, TB_SORT_SUBJECT, TB_SORT_NOTAFTER };

struct tb_opts {
	int		 asked;		/* any of the options given */
	int		 drop_expired;	/* drop those whose notAfter < at */
	time_t		 at;
	int		 ca_only;	/* drop those that are no CA */
	enum tb_dedupe	 dedupe;
	enum tb_sort	 sort;
};

/*
 * tb_option: pem-join's options for o (its table names them): -A
 * --ca-only, -O --sort subject|notafter, -U --dedupe cert|key, -X
 * --drop-expired, -a --at TIME (opt_at); each sets o->asked but -a.  A
 * bad argument is a message and opt_usage(EX_TROUBLE).  Returns 1 when
 * ch was one of them, else 0.
 */
int	tb_option(int ch, const char *arg, struct tb_opts *o);

/*
 * tb_clean: apply o to the n certificates of it.  Sets it[i].drop for
 * each one left out, with a note (diag_note, under -v) naming it and the
 * reason: expired on DATE at o->at (RFC 5280 section 4.1.2.5); not a CA
 * (no basicConstraints cA TRUE, RFC 5280 section 4.2.1.9; a self-signed
 * version 1 certificate counts as a CA, as OpenSSL's X509_check_ca
 * does); with TB_DEDUPE_KEY, the same subject (X509_NAME_cmp) and public
 * key (EVP_PKEY_eq) as another, of which one is kept: one valid at
 * o->at over one that is not, a self-signed
 * one over a cross-signed one (OpenSSL takes only a self-signed trust
 * anchor without partial-chain), then the latest notAfter, then the
 * first.  An item already dropped is
 * left alone.  Writes to order[0..n) the indices of it in the order to
 * write them: the input's, or sorted (o->sort) by the subject's RFC 4514
 * string, or by notAfter, ties broken by the other key and then by the
 * DER bytes, so the result does not depend on the input order.
 * Returns 0, or -1 after a message (diag_err) when a certificate does
 * not decode.
 */
int	tb_clean(struct tb_item *it, size_t n, const struct tb_opts *o,
	    size_t *order);

#endif
