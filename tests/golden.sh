#!/bin/sh
# golden.sh: cert-info's text, --json and a wide -f over every file of
# ../shared/corpus/MANIFEST.tsv, judged at one fixed time, one record per
# file: "== PATH exit N", then stdout, then stderr.  Issue 15 compares
# this with the output of the release before the DER fast path
# (tests/golden/*.gz, made by this script from tag speed2-base).
#	sh tests/golden.sh BIN MODE	MODE: text, json or format
set -u
BIN=$1 MODE=$2
C=${C:-../shared/corpus}
F='%{subject}|%{issuer}|%{serial}|%{notBefore}|%{notAfter}|%{days_left}|%{sha256}|%{sha1}|%{spki_sha256}|%{pin_sha256}|%{role}|%{signature}|%{ski}|%{aki}|%{key_type}|%{key_bits}|%{dns}|%{ip}|%{email}|%{type}|%{line}|%{index}|%{subject.CN}|%{subject.O}|%{issuer.CN}|%{issuer.C}|%{tlsa.3.1.1}|%{tlsa.2.0.2}|%{crl_number}|%{next_update}|%{revoked}'
case $MODE in
text)	set -- ;;
json)	set -- --json ;;
format)	set -- -f "$F" ;;
*)	echo "golden.sh: MODE is text, json or format" >&2; exit 2 ;;
esac
tail -n +2 "$C/MANIFEST.tsv" | cut -f1 | LC_ALL=C sort | while IFS= read -r p; do
	[ -f "$C/$p" ] || continue
	"$BIN/cert-info" -a 2026-06-01 "$@" "$C/$p" >/tmp/golden.$$.o \
	    2>/tmp/golden.$$.e </dev/null
	echo "== $p exit $?"
	cat /tmp/golden.$$.o /tmp/golden.$$.e
done
rm -f /tmp/golden.$$.o /tmp/golden.$$.e
