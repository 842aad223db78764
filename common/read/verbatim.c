/* verbatim.c: the input as the PEM written, byte for byte; see verbatim.h. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/diag.h"
#include "base/io.h"
#include "read/verbatim.h"

int
verbatim_spool_stdin(off_t *start)
{
	struct stat st;
	char buf[65536];
	ssize_t n;
	FILE *f;
	int status = EX_YES;

	if (fstat(0, &st) == 0 && S_ISREG(st.st_mode) &&
	    (*start = lseek(0, 0, SEEK_CUR)) >= 0)
		return EX_YES;
	*start = 0;
	if ((f = tmpfile()) == NULL)
		return diag_err(NULL, 0, "--strict: cannot keep standard input "
		    "to compare: %s", strerror(errno));
	while ((n = read(0, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
			status = diag_err(NULL, 0, "--strict: cannot keep "
			    "standard input to compare: %s", strerror(errno));
			goto out;
		}
	if (n < 0 || fflush(f) != 0 || dup2(fileno(f), 0) < 0 ||
	    lseek(0, 0, SEEK_SET) != 0)
		status = diag_err(NULL, 0, "--strict: standard input: %s",
		    strerror(errno));
out:
	fclose(f);
	return status;
}

/* Append der as RFC 7468 strict PEM (as pem_write writes it) to *b. */
static void
append_pem(unsigned char **b, size_t *len, const unsigned char *der,
    size_t derlen)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----\n",
	    end[] = "-----END CERTIFICATE-----\n";
	size_t i, k;

	*b = xrealloc(*b, *len + sizeof(begin) + sizeof(end) +
	    (derlen + 47) / 48 * 65);
	memcpy(*b + *len, begin, sizeof(begin) - 1);
	*len += sizeof(begin) - 1;
	for (i = 0; i < derlen; i += 48) {
		k = derlen - i < 48 ? derlen - i : 48;
		*len += (size_t)EVP_EncodeBlock(*b + *len, der + i, (int)k);
		(*b)[(*len)++] = '\n';
	}
	memcpy(*b + *len, end, sizeof(end) - 1);
	*len += sizeof(end) - 1;
}

int
verbatim_same(char **files, int nfiles, off_t start,
    unsigned char *const *der, const size_t *derlen, size_t n)
{
	static char *stdin_only[] = { (char *)"-" };
	unsigned char *exp = NULL, buf[65536];
	size_t explen = 0, pos = 0, k;
	unsigned long line = 1;
	const char *name = "<stdin>";
	int i, fd = -1, status = EX_YES;
	struct stat st;
	ssize_t r = 0, j;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (k = 0; k < n; k++)
		append_pem(&exp, &explen, der[k], derlen[k]);
	for (i = 0; i < nfiles; i++) {
		if ((fd = in_open(files[i], &name)) < 0) {
			status = EX_TROUBLE;
			goto out;
		}
		line = 1;
		if (fd == 0 ? lseek(0, start, SEEK_SET) < 0 :
		    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			status = diag_err(name, 0, "--strict: cannot read it "
			    "a second time to compare with the output: give "
			    "a regular file or standard input");
			goto out;
		}
		while ((r = read(fd, buf, sizeof(buf))) > 0 ||
		    (r < 0 && errno == EINTR))
			for (j = 0; j < r; j++, pos++) {
				if (pos >= explen || buf[j] != exp[pos]) {
					status = diag_err(name, line,
					    "--strict: the input is not the "
					    "chain written byte for byte here: "
					    "white space between or after the "
					    "blocks?");
					goto out;
				}
				if (buf[j] == '\n')
					line++;
			}
		if (r < 0) {
			status = diag_err(name, 0, "--strict: %s",
			    strerror(errno));
			goto out;
		}
		in_close(fd);
		fd = -1;
	}
	if (pos != explen)
		status = diag_err(name, line, "--strict: the input ends before "
		    "the chain written: no newline at the end?");
out:
	if (fd >= 0)
		in_close(fd);
	free(exp);
	return status;
}

int
verbatim_reads_stdin(char **files, int nfiles)
{
	int i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0)
			return 1;
	return nfiles == 0;
}
