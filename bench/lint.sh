#!/bin/sh
# bench/lint.sh: cert-lint over the corpus's certificates (bench/mkdata.sh's
# certs-N.pem: every real certificate of ../shared/corpus, repeated to N)
# against cert-info --json on the same input; best of three wall times,
# and certificates a second.  Issue 25's target: 50,000 certs/s.
#	sh bench/lint.sh [N]	(from the top of the tree; N = 10000 or
#				 100000, default 10000)
set -eu
cd "$(dirname "$0")/.."
[ -x bin/cert-lint ] || make >/dev/null
sh bench/mkdata.sh >/dev/null
n=${1-10000}
in=bench/data/certs-$n.pem
PATH="$(pwd)/bin:$PATH"

best() {	# the least wall time of three runs of $1, in microseconds
	b=
	for _ in 1 2 3; do
		s=$(date +%s%N)
		sh -c "$1" >/dev/null 2>&1 </dev/null || :	# timing only
		e=$(date +%s%N)
		t=$(( (e - s) / 1000 ))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	echo "$b"
}
row() {	# row NAME CMD
	u=$(best "$2")
	awk -v name="$1" -v u="$u" -v n="$n" 'BEGIN {
	    printf "%-32s %8.3f s  %9.0f certs/s\n", name, u / 1e6, n * 1e6 / u }'
}
echo "$n certificates ($in), $(cert-lint -L | wc -l) rules"
row "cert-lint" "cert-lint $in"
row "cert-lint --json" "cert-lint --json $in"
row "cert-info --json" "cert-info --json $in"
