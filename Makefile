# pemkit: one build file, no configure step.
# OpenSSL flags come from pkg-config; C11 with POSIX 2008, OpenSSL 3 API
# without deprecated calls (CONVENTIONS.md section 7).

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share
DESTDIR	?=

CC	?= cc
PKG_CONFIG ?= pkg-config
# libidn2 (IDNA2008) gives csr-check's hints the A-label of a name
OSSL_CFLAGS != $(PKG_CONFIG) --cflags libcrypto libidn2
OSSL_LIBS != $(PKG_CONFIG) --libs libcrypto libidn2
SSL_LIBS != $(PKG_CONFIG) --libs libssl

# the builds inside check, check-full, asan and fuzz-smoke run one job a core
NCPU != getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2

CFLAGS	?= -O2 -g
WARN	= -Wall -Wextra -Wshadow -Wformat=2 -Wmissing-prototypes \
	  -Wstrict-prototypes -Wwrite-strings
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DOPENSSL_API_COMPAT=30000 \
	    -DOPENSSL_NO_DEPRECATED -Icommon
ALL_CFLAGS = -std=c11 $(WARN) $(EXTRA_CFLAGS) $(CFLAGS) $(OSSL_CFLAGS)

# Found, not listed: every filters/NAME.c is a filter, every
# common/FLOOR/*.c goes in the library (HACKING.md, "Adding a filter").
# `make -s list-filters` prints the list for the tests and scripts.
FILTERS != ls filters/*.c | sed 's|^filters/||; s|\.c$$||'
COMMON_SRC != ls common/*/*.c
HEADERS	!= ls common/*/*.h
COMMON	= $(COMMON_SRC:.c=.o)
LIB	= common/libpemkit.a
BINS	= $(FILTERS:%=bin/%)

all: $(BINS)

$(COMMON): $(HEADERS)

.c.o:
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(LIB): $(COMMON)
	rm -f $@
	ar rcs $@ $(COMMON)

# libssl for every filter: tls-fetch speaks TLS, and net/http's https
# (cert-info --ari) does; a filter that needs none of it pulls nothing
# of it from the archive
bin/%: filters/%.c $(LIB) $(HEADERS)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) $(CPPFLAGS) -o $@ $< $(LIB) $(SSL_LIBS) $(OSSL_LIBS) $(LDFLAGS)

# The whole lifecycle on the shipped examples (README quick start).
demo: all
	sh examples/demo.sh

# a clean build with -Werror, one job a core (the build every check makes)
WERROR_BUILD = $(MAKE) clean-objs && $(MAKE) -j$(NCPU) EXTRA_CFLAGS=-Werror all

# The test suite; its last line is "N passed, N failed".  The corpus
# sweeps read a fixed sample, every CORPUS_SAMPLE-th file (tests/run sets
# 8), JOBS at a time (2); check-full reads the whole corpus and cuts the
# hostile inputs at every byte offset (tests/lib/sweep.sh).
check:
	$(WERROR_BUILD)
	sh tests/run

check-full:
	$(WERROR_BUILD)
	CORPUS_SAMPLE=1 THIN=1 sh tests/run

# Only the t-files whose sweeps make check samples (those that name
# CORPUS_SAMPLE, THIN, sample or sweep, or run a script that samples),
# run whole.  With make check beside it, every case runs once and every
# sweep whole, as in check-full, in less time (.ci/run).
SWEEP_FILES != grep -l -E 'CORPUS_SAMPLE|THIN|sample |sweep|(corpus|chains|keypairs)-check\.sh|cert-info-vs-openssl\.sh|golden\.sh' tests/t-*.sh
check-sweeps:
	$(WERROR_BUILD)
	CORPUS_SAMPLE=1 THIN=1 sh tests/run $(SWEEP_FILES)

# Real servers from Debian (nginx, HAProxy, Dovecot, Postfix) on loopback
# high ports, each loading the bundle examples/Makefile builds for it,
# fetched back by tls-fetch, renewed and reloaded; then tls-fetch's
# scripted failure cases.  Installs nothing: .ci/run installs the
# servers.  Last line: "N passed, N failed".
check-servers: all
	sh tests/servers.sh
	sh tests/run tests/t-tls-fetch.sh

# The same suite under AddressSanitizer and UBSan, leaks included, on a
# smaller corpus sample; a sanitizer report exits 134, which no case
# expects (a crash to the corpus checks).
asan:
	$(MAKE) clean-objs
	$(MAKE) -j$(NCPU) EXTRA_CFLAGS="-Werror -fsanitize=address,undefined \
	    -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" all
	ASAN_OPTIONS=detect_leaks=1:exitcode=134 CORPUS_SAMPLE=16 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=134 \
	    sh tests/run
	$(MAKE) clean-objs

lint: all
	sh tests/floors
	mandoc -Tlint -Wwarning man/*.1 man/*.7
	sh tests/manlint man/*.1 man/*.7
	sh tests/synopsis $(FILTERS)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	for f in $(FILTERS); do \
		cp bin/$$f $(DESTDIR)$(BINDIR)/$$f; \
		chmod 755 $(DESTDIR)$(BINDIR)/$$f; \
		cp man/$$f.1 $(DESTDIR)$(MANDIR)/man1/$$f.1; \
		chmod 644 $(DESTDIR)$(MANDIR)/man1/$$f.1; \
	done
	cp examples/ci-check.sh $(DESTDIR)$(BINDIR)/pemkit-ci-check
	chmod 755 $(DESTDIR)$(BINDIR)/pemkit-ci-check
	cp man/pemkit-ci-check.1 $(DESTDIR)$(MANDIR)/man1/pemkit-ci-check.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/pemkit-ci-check.1
	mkdir -p $(DESTDIR)$(DATADIR)/pemkit
	cp examples/pemkit-deploy.sh $(DESTDIR)$(BINDIR)/pemkit-deploy
	chmod 755 $(DESTDIR)$(BINDIR)/pemkit-deploy
	cp examples/Makefile $(DESTDIR)$(DATADIR)/pemkit/bundles.mk
	chmod 644 $(DESTDIR)$(DATADIR)/pemkit/bundles.mk
	cp man/pemkit-deploy.1 $(DESTDIR)$(MANDIR)/man1/pemkit-deploy.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/pemkit-deploy.1
	mkdir -p $(DESTDIR)$(MANDIR)/man7
	cp man/pemkit.7 $(DESTDIR)$(MANDIR)/man7/pemkit.7
	chmod 644 $(DESTDIR)$(MANDIR)/man7/pemkit.7

uninstall:
	for f in $(FILTERS); do \
		rm -f $(DESTDIR)$(BINDIR)/$$f $(DESTDIR)$(MANDIR)/man1/$$f.1; \
	done
	rm -f $(DESTDIR)$(BINDIR)/pemkit-ci-check \
	    $(DESTDIR)$(MANDIR)/man1/pemkit-ci-check.1
	rm -f $(DESTDIR)$(BINDIR)/pemkit-deploy \
	    $(DESTDIR)$(MANDIR)/man1/pemkit-deploy.1 \
	    $(DESTDIR)$(DATADIR)/pemkit/bundles.mk
	rm -f $(DESTDIR)$(MANDIR)/man7/pemkit.7

list-filters:
	@echo $(FILTERS)

clean-objs:
	rm -f common/*/*.o $(LIB) $(BINS)

clean: clean-objs
	rm -rf bin tests/out bench/data

.PHONY: all check check-full check-sweeps check-servers asan demo fuzz fuzz-smoke lint list-filters valgrind install uninstall clean clean-objs

# libFuzzer harnesses (fuzz/*.c) over the common code, built with clang's
# fuzzer, ASan and UBSan into fuzz/out/.  fuzz-smoke runs each for
# FUZZ_SECS seconds on seeds from tests/ and ../shared/corpus; a crash
# fails it.  Longer runs by hand: fuzz/out/reader fuzz/out/seeds-reader
FUZZERS != ls fuzz/*.c | sed 's|^fuzz/||; s|\.c$$||'
FUZZ_CC	?= clang
FUZZ_SECS ?= 30
FUZZ_FLAGS = -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	     -fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L \
	     -DOPENSSL_API_COMPAT=30000 -DOPENSSL_NO_DEPRECATED -Icommon \
	     $(OSSL_CFLAGS)

fuzz: $(FUZZERS:%=fuzz/out/%)

# the common code, built once for every harness (fuzz/out/obj/FLOOR/)
FUZZ_OBJ = $(COMMON_SRC:common/%.c=fuzz/out/obj/%.o)
FUZZ_LIB = fuzz/out/libpemkit.a
fuzz/out/obj/%.o: common/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c -o $@ $<
$(FUZZ_LIB): $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_OBJ)

# filter: whole filters, each main() renamed fz_NAME and linked in; the
# filters fuzzed are those fuzz/filter.c declares an fz_NAME for
FZ_FILTERS != sed -n 's/^int[[:space:]]*fz_\([a-z0-9_]*\)(.*/\1/p' \
	     fuzz/filter.c | tr _ -
fuzz/out/filter: fuzz/filter.c fuzz/fuzz.h $(FZ_FILTERS:%=filters/%.c) \
	    $(FUZZ_LIB) $(HEADERS)
	@mkdir -p fuzz/out/fz
	for f in $(FZ_FILTERS); do \
		$(FUZZ_CC) $(FUZZ_FLAGS) -Dmain=fz_$$(echo $$f | tr - _) \
		    -c -o fuzz/out/fz/$$f.o filters/$$f.c || exit 1; \
	done
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ fuzz/filter.c \
	    $(FZ_FILTERS:%=fuzz/out/fz/%.o) $(FUZZ_LIB) $(SSL_LIBS) $(OSSL_LIBS)

# csr and keymatch compile a filter's source in
fuzz/out/csr: filters/csr-check.c
fuzz/out/keymatch: filters/key-match.c

fuzz/out/%: fuzz/%.c fuzz/fuzz.h $(FUZZ_LIB) $(HEADERS)
	@mkdir -p fuzz/out
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB) $(SSL_LIBS) $(OSSL_LIBS)

fuzz-smoke:
	$(MAKE) -j$(NCPU) fuzz
	sh fuzz/smoke $(FUZZ_SECS) $(FUZZERS)

# The suite under valgrind's memcheck: every filter call goes through a
# wrapper (tests/vgbin/) that fails it with 134 on any invalid access or
# use of an uninitialised value (what ASan does not see).  Leaks are
# make asan's (LeakSanitizer, on a larger corpus sample); VG_LEAK=full
# adds definite and indirect leaks here too, about a fifth slower.  Long
# loops and the corpus are thinned (VG_THIN, VG_SAMPLE), two t-files at
# a time (TJOBS): 23 minutes on 2 cores, the longest step of .ci/run
# (README, Testing).  OpenSSL's AVX2/ADX code paths are turned off
# (OPENSSL_ia32cap): under valgrind its RSA key generation then takes
# about 7 s instead of 17 s, and our code runs the same.
VG_THIN	?= 40
VG_SAMPLE ?= 150
VG_LEAK	?= no
valgrind: all
	rm -rf tests/vgbin && mkdir -p tests/vgbin
	for f in $(FILTERS); do \
		printf '#!/bin/sh\nOPENSSL_ia32cap=:0 exec valgrind -q --vgdb=no --error-exitcode=134 --leak-check=%s --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect %s/bin/%s "$$@"\n' \
		    "$(VG_LEAK)" "$(CURDIR)" $$f >tests/vgbin/$$f; \
		chmod +x tests/vgbin/$$f; \
	done
	PEMKIT_WRAP=$(CURDIR)/tests/vgbin THIN=$(VG_THIN) \
	    CORPUS_SAMPLE=$(VG_SAMPLE) sh tests/run
