#!/bin/sh
# bench/ci-gate.sh: the CI gate (examples/ci-check.sh) over 300 site
# directories, best of 3 wall times.  The sites are made from the test
# PKI (tests/fixtures/pki) in bench/data/ci-gate/ (not in git), in the
# three shapes a repository has: 100 nginx (fullchain.pem, privkey.pem),
# 100 Apache (server.crt, chain.crt, server.key) and 100 certbot
# (live/NAME/ symlinks into archive/NAME/), each with a README.md.
#	sh bench/ci-gate.sh [N]	(from the top of the tree; N sites, 300)
set -eu
cd "$(dirname "$0")/.."
[ -x bin/chain-order ] || make >/dev/null
N=${1:-300}
P=tests/fixtures/pki
D=bench/data/ci-gate
rm -rf "$D"
mkdir -p "$D/repo/live" "$D/repo/archive"
i=0
while [ $i -lt "$N" ]; do
	case $((i % 3)) in
	0)	s="$D/repo/nginx-$i"
		mkdir -p "$s"
		cat "$P/rsa.pem" "$P/ca1.pem" >"$s/fullchain.pem"
		cp "$P/rsa.key" "$s/privkey.pem" ;;
	1)	s="$D/repo/apache-$i"
		mkdir -p "$s"
		cp "$P/ec.pem" "$s/server.crt"
		cp "$P/ca1.pem" "$s/chain.crt"
		cp "$P/ec.key" "$s/server.key" ;;
	2)	s="$D/repo/live/site-$i" a="$D/repo/archive/site-$i"
		mkdir -p "$s" "$a"
		cp "$P/rsa.pem" "$a/cert1.pem"
		cp "$P/ca1.pem" "$a/chain1.pem"
		cat "$P/rsa.pem" "$P/ca1.pem" >"$a/fullchain1.pem"
		cp "$P/rsa.key" "$a/privkey1.pem"
		for f in cert chain fullchain privkey; do
			ln -s "../../archive/site-$i/${f}1.pem" "$s/$f.pem"
		done ;;
	esac
	echo "site $i" >"$s/README.md"
	i=$((i + 1))
done
b=
for _ in 1 2 3; do
	s=$(date +%s%N)
	sh examples/ci-check.sh --ca-file "$P/root.pem" "$D/repo" \
	    >"$D/out" 2>&1 || :	# timing; the last line is shown
	e=$(date +%s%N)
	t=$(( (e - s) / 1000000 ))
	if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
done
tail -n 1 "$D/out"
awk -v n="$N" -v ms="$b" 'BEGIN { printf "ci-check, %d sites: %.2f s\n", n, ms / 1000 }'
