/* diag.c: messages and exit classes; see diag.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>

#include "base/diag.h"

const char	*diag_prog = "pemkit";
int		 diag_verbose;
int		 diag_quiet;

void
diag_init(const char *argv0)
{
	const char *s;
	int fd;

	/*
	 * Descriptors 0-2 closed by our caller are opened on /dev/null
	 * before anything else is opened, as OpenBSD's programs do: else
	 * the first file opened would take the place of stdout or stderr
	 * (an -o file receiving our notes).  CONVENTIONS.md section 2.
	 */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) == -1)
			_exit(EX_TROUBLE);
	if (argv0 != NULL && *argv0 != '\0') {
		s = strrchr(argv0, '/');
		diag_prog = s != NULL ? s + 1 : argv0;
	}
	ERR_clear_error();
}

void
diag_ossl_drain(void)
{
	unsigned long e;
	const char *data, *reason;
	int flags;
	char buf[256];

	while ((e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags)) != 0) {
		reason = ERR_reason_error_string(e);
		if (reason == NULL) {
			ERR_error_string_n(e, buf, sizeof(buf));
			reason = buf;
		}
		if ((flags & ERR_TXT_STRING) && data != NULL && *data != '\0')
			fprintf(stderr, "  openssl: %s (%s)\n", reason, data);
		else
			fprintf(stderr, "  openssl: %s\n", reason);
	}
}

/* The text of the last error or failed check, for diag_last_error. */
static char last_error[1024];

const char *
diag_last_error(void)
{
	return last_error;
}

void
diag_vmsg(const char *src, unsigned long line, const char *kind, int ossl,
    const char *fmt, va_list ap)
{
	char msg[8192];
	size_t n;
	int r;
	va_list aq;

	if (*kind == '\0') {
		va_copy(aq, ap);
		(void)vsnprintf(last_error, sizeof(last_error), fmt, aq);
		va_end(aq);
	}
	if (diag_quiet) {
		ERR_clear_error();
		return;
	}
	/* composed first and written at once, so that the messages of
	 * cert-info -J's processes do not cut into one another */
	if (src != NULL && line != 0)
		r = snprintf(msg, sizeof(msg), "%s: %s:%lu: %s", diag_prog,
		    src, line, kind);
	else if (src != NULL)
		r = snprintf(msg, sizeof(msg), "%s: %s: %s", diag_prog, src,
		    kind);
	else
		r = snprintf(msg, sizeof(msg), "%s: %s", diag_prog, kind);
	n = r < 0 ? 0 : (size_t)r < sizeof(msg) ? (size_t)r : sizeof(msg) - 1;
	r = vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	n += r < 0 ? 0 : (size_t)r < sizeof(msg) - n ? (size_t)r :
	    sizeof(msg) - n - 1;
	if (n == sizeof(msg) - 1)
		n--;	/* cut: room for the newline */
	msg[n++] = '\n';
	fwrite(msg, 1, n, stderr);
	if (ossl)
		diag_ossl_drain();
	else
		ERR_clear_error();
}

int
diag_err(const char *src, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vmsg(src, line, "", 1, fmt, ap);
	va_end(ap);
	return EX_TROUBLE;
}

void
diag_warn(const char *src, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vmsg(src, line, "warning: ", 0, fmt, ap);
	va_end(ap);
}

int
diag_no(const char *src, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vmsg(src, line, "", 1, fmt, ap);
	va_end(ap);
	return EX_NO;
}

void
diag_note(const char *src, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (!diag_verbose) {
		ERR_clear_error();
		return;
	}
	va_start(ap, fmt);
	diag_vmsg(src, line, "note: ", 0, fmt, ap);
	va_end(ap);
}

void
diag_list_more(size_t n)
{
	if (n > DIAG_LIST_MAX && !diag_quiet)
		fprintf(stderr, "  ... and %zu more\n", n - DIAG_LIST_MAX);
}

int
ex_worst(int a, int b)
{
	return a > b ? a : b;
}

void
diag_version(void)
{
	printf("%s (pemkit) %s\n", diag_prog, PEMKIT_VERSION);
}

static void
oom(void)
{
	fprintf(stderr, "%s: out of memory\n", diag_prog);
	exit(EX_TROUBLE);
}

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		oom();
	return p;
}

const char *
diag_where(const char *src, unsigned long line, unsigned long member,
    char *buf, size_t n)
{
	size_t len;

	if (line != 0)
		snprintf(buf, n, "%s:%lu", src, line);
	else
		snprintf(buf, n, "%s", src);
	len = strlen(buf);
	if (member != 0 && len < n)
		snprintf(buf + len, n - len, "#%lu", member);
	return buf;
}
