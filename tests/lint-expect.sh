#!/bin/sh
# tests/lint-expect.sh: cert-lint against zlint's expected results
# (../shared/lint/zlint-expect.tsv, README beside it), for the rules
# cert-lint implements under a zlint name (cert-lint -L).  One cert-lint
# run over every file those rows name.  Writes one line per row:
#	ok|FAIL TAB expected TAB lint TAB file
# then the figures on a line starting with "#".  Exit 0.
#
#	sh tests/lint-expect.sh EXPECT.tsv CORPUS-DIR SCRATCH-DIR
expect=$1 corpus=$2 tmp=$3
cert-lint -L | cut -f1 >"$tmp/ids"
# the rows of implemented rules
awk -F'\t' 'NR == FNR { have[$1] = 1; next }
    FNR > 2 && ($2 in have) { print $1 "\t" $2 "\t" $3 }' \
    "$tmp/ids" "$expect" >"$tmp/rows"
cut -f1 "$tmp/rows" | sort -u >"$tmp/files"
# every rule in force (--at far ahead): a row's NE is about notBefore
(cd "$corpus" && xargs cert-lint -a 2100-01-01 <"$tmp/files") \
    >"$tmp/found" 2>"$tmp/trouble"
awk -F'\t' '
NR == FNR {
	# FILE:INDEX: SEVERITY: ID: words (SOURCE SECTION)
	split($0, p, ": ")
	f = p[1]
	sub(/:[0-9]+$/, "", f)
	found[f "\t" p[3]] = 1
	next
}
{
	hit = ($1 "\t" $2) in found
	bad = $3 == "Error" || $3 == "Warn" || $3 == "Notice"
	if (bad) {
		nbad++
		if (hit)
			nhit++
	} else {
		ngood++
		if (hit)
			nfalse++
	}
	print (hit == bad ? "ok" : "FAIL") "\t" $3 "\t" $2 "\t" $1
}
END {
	printf "# %d rules, %d rows: %d of %d Error/Warn/Notice rows drew " \
	    "the finding (%.1f%%), %d of %d Pass/NA/NE rows did (want 0)\n",
	    nrules, FNR, nhit, nbad, nbad ? 100 * nhit / nbad : 100,
	    nfalse, ngood
}' nrules="$(wc -l <"$tmp/ids")" "$tmp/found" "$tmp/rows"
