/*
 * input.h: the files of a command line as one stream of blocks
 * (CONVENTIONS.md section 2), with PKCS#12 files opened on request.
 *
 * The layer above the reader (pem.h) and the keys (keys.h): files to
 * blocks.  obj.h turns blocks into OpenSSL objects.
 */
#ifndef PEMKIT_INPUT_H
#define PEMKIT_INPUT_H

#include <stddef.h>

#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "x509/keys.h"
#include "read/pem.h"

/*
 * pem_input: the files of a command line read in order as one stream
 * (CONVENTIONS.md section 2).  No file, or "-", is stdin.
 */
struct pem_input {
	char		**files;
	int		  nfiles;
	int		  i;
	int		  fd;
	const char	 *name;
	struct pem_reader *r;
	unsigned	  flags;
	unsigned long	  index;	/* blocks read so far */
	int		  status;	/* worst exit class so far */
	int		  p12;		/* open PKCS#12 files (pem_input_p12) */
	int		  p7;		/* open PKCS#7 (pem_input_p7) */
	const char	 *p12pass;
	struct pem_block  cont;		/* the PKCS#12 being handed out */
	struct p12_member *m;		/* its members, m[mi..mn) still due */
	size_t		  mn, mi;
};

/*
 * pem_input_p12: from now on, hand out each PKCS#12 file of the input as
 * its members (p12_members() in keys.h): the private key as a PKCS#8
 * block, then the certificates, each a block of its own (from_der set,
 * the line of the file, the container's index, member its place from 1:
 * the numbering of pemkit(7) and container_open).  pass is the passphrase (not
 * copied), or NULL for a file without one.  A file that does not open is
 * an error message and exit class 2; the reader goes on.
 */
void	pem_input_p12(struct pem_input *in, const char *pass);

/*
 * pem_input_p7: from now on, hand out each PKCS#7 block (RFC 2315
 * SignedData, certificates only or not) as its certificates, each a block
 * of its own (from_der set, the container's line and index, member its
 * place from 1), as pem_input_p12 does for PKCS#12.  A PKCS#7 that does not decode is an
 * error message and exit class 2; one with no certificate is a note.
 */
void	pem_input_p7(struct pem_input *in);

/*
 * p7_type_name: what a PKCS#7 is, by its contentType, in the words of
 * RFC 2315 section 7 (RFC 5652 section 3 for CMS): "EnvelopedData
 * (content encrypted for its recipients, an S/MIME .p7m)" and the like;
 * a static string, for messages.
 *
 * p7_certs: the certificates of p7 (owned by p7: not freed, NULL when
 * none), or, for a PKCS#7 that is not SignedData, NULL after a warning
 * at block b's place that names its type and says it holds no
 * certificates.
 */
const char	*p7_type_name(const PKCS7 *p7);
STACK_OF(X509)	*p7_certs(const struct pem_block *b, const PKCS7 *p7);

/*
 * container_open: the one place a PKCS#7 or PKCS#12 block b is opened
 * (issue 23 item 2).  PKCS#12 (RFC 7292) through p12_open() with pass:
 * *key the private key or NULL (freed at once when key is NULL), the
 * certificate of the key first.  PKCS#7 (RFC 2315 SignedData): its
 * certificates in order; one that is not SignedData is p7_certs's
 * warning and no certificate; *key, when asked, NULL.  Returns 1 and
 * *certs, a new stack (maybe empty) of references the caller frees with
 * sk_X509_pop_free(certs, X509_free); 0 after an error message at b's
 * place ("PKCS#7 block does not decode", or p12_open's), exit class 2.
 *
 * The members are numbered from 1 in the order PKCS12_parse(3) gives
 * them, the same in every filter (pemkit(7) "member"): a PKCS#12's
 * private key, when it has one, is member 1, its certificates follow in
 * the order of *certs.  *cert1 (when not NULL) is set to the member
 * number of the first certificate: 2 for a PKCS#12 with a key, else 1.
 */
int	container_open(const struct pem_block *b, const char *pass,
	    EVP_PKEY **key, STACK_OF(X509) **certs, unsigned long *cert1);

/* pem_input_init: set up over files[0..nfiles); nfiles 0 means stdin. */
void	pem_input_init(struct pem_input *in, char **files, int nfiles,
	    unsigned flags);

/*
 * pem_input_next: the next block of the stream.  Returns 1 with a block,
 * 0 when every input is done.  An input that cannot be opened or read, or
 * holds a bad block, is reported, sets in->status to EX_TROUBLE, and the
 * stream goes on with the next input.
 */
int	pem_input_next(struct pem_input *in, struct pem_block *b);

/* pem_input_end: release what is still open; returns in->status. */
int	pem_input_end(struct pem_input *in);

/*
 * p12_passin: for a filter's --passin: when spec is not NULL, read the
 * passphrase (pass_get) into *pass and let in hand out PKCS#12 members
 * (pem_input_p12).  Call after pem_input_init.  Returns 0, or EX_TROUBLE
 * after pass_get's message.  *pass is for pass_free(), NULL without spec.
 */
int	 p12_passin(struct pem_input *in, const char *spec, char **pass);

#endif
