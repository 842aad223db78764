#!/bin/sh
# examples/renewal.sh: a renewal with a new key, in examples/demo/ after
# `make demo` (or $DEMO_DIR).  Shows that csr-check --not-key refuses a
# CSR that reuses the old key, that the new certificate is never paired
# with the old key and replaces the old one (cert-diff through the
# Makefile's diff target), and rebuilds the bundles.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
W=${DEMO_DIR:-$top/examples/demo}
cd "$W"
step() { printf '\n== %s\n' "$*"; }
cp server.cer old.cer
cp server.key old.key

step "1. the mistake: a renewal CSR on the old key"
openssl req -new -key old.key -subj "/C=HU/O=Example Kft/CN=www.example.com" \
    -addext "subjectAltName=DNS:www.example.com" -out reuse.csr
if csr-check --not-key old.cer reuse.csr; then
	echo "renewal: the old key was not caught" >&2
	exit 1
fi
# csr-new refuses to make it at all, and writes nothing
if csr-new --key old.key --not-key old.cer -H www.example.com \
    -o reuse2.csr || [ -e reuse2.csr ]; then
	echo "renewal: the old key was not caught" >&2
	exit 1
fi
echo "refused, as it should be"

step "2. a new key and CSR, checked against the old certificate"
rm -f new.key
csr-new -k ec -C HU -O 'Example Kft' -H www.example.com -H example.com \
    --not-key old.cer -x new.key -o new.csr
csr-check --not-key old.cer -H www.example.com new.csr

step "3. the CA issues; the old key never goes with the new certificate"
sh "$top/examples/testca/testca.sh" issue ca new.csr 90 >new.cer
if key-match old.key new.cer >/dev/null 2>&1; then
	echo "renewal: old key matches the new certificate" >&2
	exit 1
fi
key-match new.key new.cer && echo "new.key belongs to new.cer"

step "3b. a drop-in replacement? no name or purpose lost, a new key"
make -s -f "$top/examples/Makefile" OLD=old.cer CERT=new.cer diff

step "4. the bundles rebuilt from the new pair"
if make -s -f "$top/examples/Makefile" KEY=old.key CERT=new.cer \
    CA="intermediate.p7b root.crt" OUT=renewed nginx 2>/dev/null; then
	echo "renewal: the Makefile took the old key" >&2
	exit 1
fi
echo "the Makefile refuses the old key with the new certificate"
PFX_PASS=demo make -s -f "$top/examples/Makefile" KEY=new.key CERT=new.cer \
    CA="intermediate.p7b root.crt" NAMES="www.example.com example.com" \
    OUT=renewed
printf '\nrenewal: done; the new bundles are in %s/renewed\n' "$W"
