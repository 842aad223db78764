#!/bin/sh
# tests/keypairs-check.sh: every row of the corpus's KEYPAIRS.tsv through
# key-match: "match" must exit 0, "mismatch" 1.  A PKCS#12 row (left and
# right the same file) compares the key inside with its certificate.
# Prints one line per disagreement and "N rows, N wrong"; exits 1 if any.
# CORPUS_SAMPLE=N checks the 1st, N+1-th, ... row (tests/lib/sweep.sh).
C=${C:-../shared/corpus}
KM=${KM:-bin/key-match}
n=0 bad=0 row=0
while IFS='	' read -r left right expected notes; do
	[ "$left" = left ] && continue
	row=$((row + 1))
	[ $(((row - 1) % ${CORPUS_SAMPLE:-1})) -eq 0 ] || continue
	pass=$(printf '%s\n' "$notes" | sed -n "s/.*passphrase='\([^']*\)'.*/\1/p")
	if [ "$left" = "$right" ]; then
		set -- "$C/$left"
	else
		set -- "$C/$left" "$C/$right"
	fi
	P=$pass "$KM" -w env:P "$@" >/dev/null 2>&1
	rc=$?
	want=0
	[ "$expected" = mismatch ] && want=1
	n=$((n + 1))
	if [ $rc -ne $want ]; then
		bad=$((bad + 1))
		echo "keypairs: $left $right: expected $expected, exit $rc"
	fi
done <"$C/KEYPAIRS.tsv"
echo "$n rows, $bad wrong"
[ $bad -eq 0 ]
