#!/bin/sh
# tests/lint-expect.sh: cert-lint against zlint's expected results
# (../shared/lint/zlint-expect.tsv, README beside it), for the rules
# cert-lint implements under a zlint name (cert-lint -L).  One cert-lint
# run over every file those rows name.  Writes one line per row:
#	ok|FAIL TAB expected TAB lint TAB file
# then the figures on a line starting with "#".  A row that
# tests/lint-expect.except lists (cert-lint follows the cited text there,
# or zlint ran with a configuration) is "except" while cert-lint differs
# from zlint on it, and "agrees" once it does not (the list is wrong
# then); a listed row that no row of EXPECT.tsv matches is "stale"
# (written with the listed expected value, lint and file).  The figures
# count the excepted rows apart.  Exit 0.
#
#	sh tests/lint-expect.sh EXPECT.tsv CORPUS-DIR SCRATCH-DIR
expect=$1 corpus=$2 tmp=$3
# LINT_EXCEPT: another list, for the harness's own cases
except=${LINT_EXCEPT:-$(dirname "$0")/lint-expect.except}
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
FILENAME == except {
	if ($0 !~ /^#/ && NF >= 4)
		exc[$1 "\t" $2 "\t" $3] = 1
	next
}
FILENAME == foundf {
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
	if (($1 "\t" $2 "\t" $3) in exc) {
		used[$1 "\t" $2 "\t" $3] = 1
		nexc++
		print (hit == bad ? "agrees" : "except") "\t" $3 "\t" $2 "\t" $1
		next
	}
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
	for (k in exc)
		if (!(k in used)) {
			split(k, p, "\t")
			print "stale\t" p[3] "\t" p[2] "\t" p[1]
		}
	printf "# %d rules, %d rows: %d of %d Error/Warn/Notice rows drew " \
	    "the finding (%.1f%%), %d of %d Pass/NA/NE rows did (want 0); " \
	    "%d rows excepted\n",
	    nrules, nbad + ngood + nexc, nhit, nbad,
	    nbad ? 100 * nhit / nbad : 100, nfalse, ngood, nexc
}' nrules="$(wc -l <"$tmp/ids")" except="$except" foundf="$tmp/found" \
    "$except" "$tmp/found" "$tmp/rows"
