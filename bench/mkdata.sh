#!/bin/sh
# bench/mkdata.sh: make the benchmark inputs in bench/data (not in git).
#   certs-N.pem   N certificates (N = 1000, 10000, 100000): the corpus's
#                 real certificates, canonicalised, repeated to reach N
#   big.pem       about 1 GB of PEM, for peak RSS (only with "big")
#   small.pem     one small certificate, for start-up cost
# Usage: sh bench/mkdata.sh [big]	(from the top of the tree)
set -eu
cd "$(dirname "$0")/.."
C=${C:-../shared/corpus}
D=bench/data
mkdir -p "$D"
if [ ! -s "$D/pool.pem" ]; then
	# every certificate of the corpus that pem-split --check accepts
	awk -F'\t' '($2 == "cert" || $2 == "chain") && $3 == "pem" { print $1 }' \
	    "$C/MANIFEST.tsv" | while read -r p; do
		bin/pem-split -c -t cert "$C/$p" 2>/dev/null || :
	done >"$D/pool.pem"
fi
pool=$(grep -c -- '-----BEGIN' "$D/pool.pem")
for n in 1000 10000 100000; do
	[ -s "$D/certs-$n.pem" ] && continue
	reps=$((n / pool + 1))
	i=0
	while [ $i -lt $reps ]; do cat "$D/pool.pem"; i=$((i + 1)); done |
	    awk -v n="$n" '/-----BEGIN/ { c++ } c > n { exit } { print }' \
	    >"$D/certs-$n.pem"
done
cp tests/fixtures/leaf.pem "$D/small.pem"
if [ "${1-}" = big ] && [ ! -s "$D/big.pem" ]; then
	i=0
	while [ $i -lt 7 ]; do cat "$D/certs-100000.pem"; i=$((i + 1)); done \
	    >"$D/big.pem"
fi
ls -l "$D"
