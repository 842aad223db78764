#!/bin/sh
# examples/demo.sh: the whole certificate lifecycle on this machine, run by
# `make demo`: key and CSR, the CSR checked, the test CA issues, every
# server's bundle built and checked, the filters on a real public chain
# from ../shared/corpus, shuffled, and last the CI gate over the bundles
# (the demo exits 1 when the gate fails).  Works in examples/demo/ (or
# $DEMO_DIR), which it makes anew.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
W=${DEMO_DIR:-$top/examples/demo}
rm -rf "$W"
mkdir -p "$W"
cd "$W"
step() { printf '\n== %s\n' "$*"; }

step "1. a key and a CSR, made on the server"
csr-new -C HU -O 'Example Kft' -H www.example.com -H example.com \
    -x server.key -o server.csr
echo "server.key server.csr"

step "2. the CSR checked as the CA will check it"
csr-check -H www.example.com -H example.com server.csr

step "3. the test CA issues server.cer (DER), intermediate.p7b and root.crt"
sh "$top/examples/testca/testca.sh" init ca
sh "$top/examples/testca/testca.sh" issue ca server.csr 90 | pem2der >server.cer
sh "$top/examples/testca/testca.sh" ship ca .
cert-info -f '%{subject} issued by %{issuer.CN}, until %{notAfter}' server.cer

step "4. every server's bundle, checked as it is built"
PFX_PASS=demo make -s -f "$top/examples/Makefile" KEY=server.key \
    CERT=server.cer CA="intermediate.p7b root.crt" \
    NAMES="www.example.com example.com" OUT=out

step "5. what was built (mode, blocks, file)"
find out -type f ! -name '.*' | sort | while IFS= read -r f; do
	case $f in
	*.pfx) n="PKCS#12" ;;
	*) n="$(grep -c -- '-----BEGIN' "$f") PEM blocks" ;;
	esac
	printf '%s  %-14s %s\n' "$(stat -c %a "$f")" "$n" "$f"
done

step "6. a real public chain (the corpus), shuffled, put back in order"
C="$top/../shared/corpus"
if [ -d "$C" ]; then
	pem-split -p 'real-%n.pem' "$C/cert-chain-resolver/tests/godaddy.bundle.crt" \
	    >/dev/null
	cat real-2.pem real-1.pem >shuffled.pem
	cert-info -f '%{role}: %{subject.CN} (until %{notAfter})' shuffled.pem
	SSL_CERT_FILE="$C/debian-ca-certificates/ca-certificates.crt" \
	    chain-order -S -v --json shuffled.pem |
	    jq -r '"\(.position). \(.role): \(.subject) [\(.link)]"'
else
	echo "(no ../shared/corpus here: skipped)"
fi

step "7. the CI gate over what was built, with the test CA's root and the PFX passphrase"
printf 'demo: everything is in %s\n' "$W"
# the demo fails when its own gate does; the failures (none) and the
# summary ("0 failed") are shown
if ! PFX_PASS=demo sh "$top/examples/ci-check.sh" --ca-file root.crt \
    --passin env:PFX_PASS --name www.example.com --name example.com out \
    >gate.txt; then
	cat gate.txt
	echo "demo: the CI gate failed" >&2
	exit 1
fi
grep -v '^ok ' gate.txt
