#!/bin/sh
# golden.sh: cert-info's text, --json and a wide -f over every file of
# the corpus's MANIFEST.tsv, judged at one fixed time, one record per
# file: "== PATH exit N", then stdout, then stderr (paths relative to the
# corpus).  Issue 15: tests/golden/MODE.gz holds this output as the
# release before the DER fast path (tag speed2-base) wrote it, and
# t-golden.sh compares; any difference in output, message or exit status
# is a failure.
#	sh tests/golden.sh MODE [STRIDE [SKIP]]
# MODE is text, json, format or find; with STRIDE, every STRIDE-th file
# only, from the file after the first SKIP (default CORPUS_SAMPLE, else
# every file, and 0: tests/lib/sweep.sh), JOBS
# files at a time.  cert-info is the one on PATH; C is the corpus
# (../shared/corpus).
set -u
MODE=$1 STRIDE=${2:-${CORPUS_SAMPLE:-1}} SKIP=${3:-0}
C=${C:-../shared/corpus}
. "$(dirname "$0")/lib/sweep.sh"
F='%{subject}|%{issuer}|%{serial}|%{notBefore}|%{notAfter}|%{days_left}|%{sha256}|%{sha1}|%{spki_sha256}|%{pin_sha256}|%{role}|%{signature}|%{ski}|%{aki}|%{key_type}|%{key_bits}|%{dns}|%{ip}|%{email}|%{type}|%{line}|%{index}|%{subject.CN}|%{subject.O}|%{issuer.CN}|%{issuer.C}|%{tlsa.3.1.1}|%{tlsa.2.0.2}|%{crl_number}|%{next_update}|%{revoked}'
case $MODE in
text|json|format) ;;
find)	K=$(cd "$(dirname "$0")/fixtures" && pwd)/leaf.key ;;
*)	echo "golden.sh: MODE is text, json, format or find" >&2; exit 2 ;;
esac
K=${K-}
export MODE K F
cd "$C" || exit 2
tail -n +2 MANIFEST.tsv | cut -f1 | LC_ALL=C sort | sample "$STRIDE" "$SKIP" |
    sweep '[ -f "$p" ] || continue
	if [ "$MODE" = find ]; then
		key-match --find - "$p" <"$K"
	elif [ "$MODE" = text ]; then
		cert-info -a 2026-06-01 "$p" </dev/null
	elif [ "$MODE" = json ]; then
		cert-info -a 2026-06-01 --json "$p" </dev/null
	else
		cert-info -a 2026-06-01 -f "$F" "$p" </dev/null
	fi >"$SW/o" 2>"$SW/e"
	echo "== $p exit $?"
	cat "$SW/o" "$SW/e"'
