# tests/lib/sweep.sh: what every corpus sweep shares (sourced by
# tests/golden.sh, corpus-check.sh, chains-check.sh, keypairs-check.sh,
# cert-info-vs-openssl.sh and the corpus loops of the t-files).
#
# A sweep reads a fixed sample of the corpus by default (CORPUS_SAMPLE,
# which tests/run sets: every N-th file of the sorted list, from the
# first, so that a failure reproduces with the same N) and runs JOBS
# processes at once; CORPUS_SAMPLE=1 is the whole corpus (make
# check-full).  A sampled sweep checks the same thing on fewer files.

# sample [N [K]]: the lines of stdin, every N-th from line K + 1 (N
# defaults to CORPUS_SAMPLE, else 1; K to 0)
sample() {
	awk -v s="${1:-${CORPUS_SAMPLE:-1}}" -v k="${2:-0}" \
	    'NR > k && (NR - 1 - k) % s == 0'
}

# sweep BODY: run the shell text BODY once per line of stdin, with that
# line in $p, JOBS (default 2) at a time with xargs -P; the output is
# every BODY's stdout in the order of the input lines, as a plain loop
# would write it.  BODY runs in sh in the caller's directory and sees only
# exported variables; $SW is a scratch directory private to its worker
# (for temporary files).  The lines are cut into contiguous chunks, one
# sh per chunk, not per line.  Returns 2 if the scratch space cannot be
# made, else 0: BODY reports failures on stdout.
sweep() {
	_sw=$(mktemp -d "${TMPDIR:-/tmp}/sweep.XXXXXX") || return 2
	awk -v n="$((${JOBS:-2} * 8))" -v d="$_sw" '{ l[NR] = $0 }
	    END { per = int((NR + n - 1) / n)
		for (i = 1; i <= NR; i++)
			print l[i] > sprintf("%s/in.%04d", d, int((i - 1) / per)) }'
	(cd "$_sw" && ls) | grep '^in\.' |
	    xargs -P "${JOBS:-2}" -n 1 sh -c 'SW=$0/w.${1#in.}; mkdir "$SW"
		while IFS= read -r p; do
			'"$1"'
		done <"$0/$1" >"$0/out.${1#in.}"' "$_sw"
	for _o in "$_sw"/out.*; do
		[ -f "$_o" ] && cat "$_o"
	done
	rm -rf "$_sw"
	return 0
}
