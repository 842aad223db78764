#!/bin/sh
# golden.sh: cert-info's text, --json and a wide -f over every file of
# the corpus's MANIFEST.tsv, judged at one fixed time, one record per
# file: "== PATH exit N", then stdout, then stderr (paths relative to the
# corpus).  Issue 15: tests/golden/MODE.gz holds this output as the
# release before the DER fast path (tag speed2-base) wrote it, and
# t-golden.sh compares; any difference in output, message or exit status
# is a failure.
#	sh tests/golden.sh MODE [STRIDE]
# MODE is text, json, format or find; with STRIDE, every STRIDE-th file only.
# cert-info is the one on PATH; C is the corpus (../shared/corpus).
set -u
MODE=$1 STRIDE=${2:-1}
C=${C:-../shared/corpus}
F='%{subject}|%{issuer}|%{serial}|%{notBefore}|%{notAfter}|%{days_left}|%{sha256}|%{sha1}|%{spki_sha256}|%{pin_sha256}|%{role}|%{signature}|%{ski}|%{aki}|%{key_type}|%{key_bits}|%{dns}|%{ip}|%{email}|%{type}|%{line}|%{index}|%{subject.CN}|%{subject.O}|%{issuer.CN}|%{issuer.C}|%{tlsa.3.1.1}|%{tlsa.2.0.2}|%{crl_number}|%{next_update}|%{revoked}'
case $MODE in
text)	set -- ;;
json)	set -- --json ;;
format)	set -- -f "$F" ;;
find)	K=$(cd "$(dirname "$0")/fixtures" && pwd)/leaf.key ;;
*)	echo "golden.sh: MODE is text, json, format or find" >&2; exit 2 ;;
esac
T=${TMPDIR:-/tmp}/golden.$$
cd "$C" || exit 2
tail -n +2 MANIFEST.tsv | cut -f1 | LC_ALL=C sort | awk -v s="$STRIDE" \
    '(NR - 1) % s == 0' | while IFS= read -r p; do
	[ -f "$p" ] || continue
	if [ "$MODE" = find ]; then
		key-match --find - "$p" <"$K"
	else
		cert-info -a 2026-06-01 "$@" "$p" </dev/null
	fi >"$T.o" 2>"$T.e"
	echo "== $p exit $?"
	cat "$T.o" "$T.e"
done
rm -f "$T.o" "$T.e"
