/*
 * bench/bare.c: the floor for one small certificate (issue 15): read a
 * PEM certificate with libcrypto and print its subject, nothing else.
 * bench/run compares 200 runs of cert-info with 200 runs of this.
 */
#include <stdio.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

int
main(int argc, char *argv[])
{
	FILE *f;
	X509 *x;

	if (argc != 2 || (f = fopen(argv[1], "r")) == NULL)
		return 2;
	if ((x = PEM_read_X509(f, NULL, NULL, NULL)) == NULL)
		return 2;
	X509_NAME_print_ex_fp(stdout, X509_get_subject_name(x), 0,
	    XN_FLAG_RFC2253);
	putchar('\n');
	X509_free(x);
	fclose(f);
	return 0;
}
