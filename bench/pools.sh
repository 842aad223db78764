#!/bin/sh
# bench/pools.sh: chain-order on pools of CAs that share one subject
# (issue 24 item 6), made by bench/mkpool.c; prints the best of three
# wall times per shape, with the root missing (-N) and given (-C):
#   same       N CAs, one subject, N keys (linked by key identifiers)
#   samekey    N CAs, one subject, one key: every CA issues the leaf
#   canon      as same, issuer names in capitals (equal only as OpenSSL
#              compares names)
#   canonbare  as canon, without key identifiers
# samekey and canonbare give the leaf more candidate issuers than
# chain-order tries (32): it exits 2 there, and that is what is timed.
#	sh bench/pools.sh [N ...]	(from the top of the tree; 4000)
# Inputs go to bench/data and stay out of git.
set -eu
cd "$(dirname "$0")/.."
[ -x bin/chain-order ] || make >/dev/null
D=bench/data
mkdir -p "$D"
${CC:-cc} -O2 -o "$D/mkpool" bench/mkpool.c \
    $(pkg-config --cflags --libs libcrypto 2>/dev/null || echo -lcrypto)
best() {
	b=
	for _ in 1 2 3; do
		s=$(date +%s%N)
		sh -c "$1" >/dev/null 2>&1 </dev/null || :	# timing, not checking
		e=$(date +%s%N)
		t=$(( (e - s) / 1000 ))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	awk -v u="$b" 'BEGIN { printf "%.3f", u / 1e6 }'
}
printf '%-10s %7s %10s %10s\n' shape N '-N (s)' '-C root (s)'
for n in ${@:-4000}; do
	for shape in same samekey canon canonbare; do
		[ -s "$D/$shape-$n.pem" ] || "$D/mkpool" $shape $n "$D"
		printf '%-10s %7s %10s %10s\n' $shape $n \
		    "$(best "bin/chain-order -N $D/$shape-$n.pem")" \
		    "$(best "bin/chain-order -C $D/$shape-$n-root.pem $D/$shape-$n.pem")"
	done
done
