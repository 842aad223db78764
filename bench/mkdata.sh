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
# ca-N.pem: N distinct CA certificates (the corpus's intermediates and
# roots, each copy made distinct by changing the last signature byte, so
# it parses but links to nothing) with a real chain (leaf, two
# intermediates, root: tests/fixtures/chains) in the middle: the pool
# chain-order picks one chain out of
if [ ! -s "$D/capool.pem" ]; then
	{ bin/cert-info --json "$D/pool.pem" 2>/dev/null || :; } |
	    jq -r '"\(.index) \(.role)"' >"$D/roles"
	awk 'NR == FNR { role[$1] = $2; next }
	    /-----BEGIN/ { n++ } role[n] == "intermediate" || role[n] == "root"' \
	    "$D/roles" "$D/pool.pem" >"$D/capool.pem"
fi
for n in 1000 10000 100000; do
	[ -s "$D/ca-$n.pem" ] && continue
	perl -MMIME::Base64 -e '
	    my ($n, $file, @chain) = @ARGV; local $/;
	    open F, "<", $file or die; my $all = <F>;
	    my @b = map { decode_base64($_) } $all =~ /-----BEGIN CERTIFICATE-----\n(.*?)-----END/sg;
	    my @c; for my $f (@chain) { open F, "<", $f or die; push @c, <F> }
	    for my $i (1 .. $n) {
		print @c if $i == int($n / 2);
		my $d = $b[$i % @b]; my $x = ord(substr($d, -1)) ^ (($i >> 4) & 0xff);
		substr($d, -1) = chr($x); substr($d, -2, 1) = chr(ord(substr($d, -2, 1)) ^ ($i & 15));
		print "-----BEGIN CERTIFICATE-----\n", encode_base64($d), "-----END CERTIFICATE-----\n";
	    }' "$n" "$D/capool.pem" tests/fixtures/chains/leaf.pem \
	    tests/fixtures/chains/i2.pem tests/fixtures/chains/i1.pem \
	    tests/fixtures/root.pem >"$D/ca-$n.pem"
done
cp tests/fixtures/leaf.pem "$D/small.pem"
# chain-order's hard cases (issue 10): CAs that share one subject, and a
# very deep chain, made by bench/mkpool.c (the CLI would take minutes)
[ -x "$D/mkpool" ] || ${CC:-cc} -O2 -o "$D/mkpool" bench/mkpool.c \
    $(pkg-config --cflags --libs libcrypto)
for n in 4000 100000; do
	[ -s "$D/same-$n.pem" ] || "$D/mkpool" same $n "$D"
	[ -s "$D/same-$n-leaf.pem" ] ||
	    bin/pem-split -n $((n + 1)) "$D/same-$n.pem" >"$D/same-$n-leaf.pem"
done
[ -s "$D/deep-200000.pem" ] || "$D/mkpool" deep 200000 "$D"
# the CI gate over 150 and 300 certbot-like sites (fullchain + privkey)
for n in 150 300; do
	[ -d "$D/sites-$n" ] && continue
	i=1
	while [ $i -le $n ]; do
		mkdir -p "$D/sites-$n/s$i"
		cat tests/fixtures/pki/rsa.pem tests/fixtures/pki/ca1.pem \
		    >"$D/sites-$n/s$i/fullchain.pem"
		cp tests/fixtures/pki/rsa.key "$D/sites-$n/s$i/privkey.pem"
		i=$((i + 1))
	done
done
if [ "${1-}" = big ] && [ ! -s "$D/big.pem" ]; then
	i=0
	while [ $i -lt 7 ]; do cat "$D/certs-100000.pem"; i=$((i + 1)); done \
	    >"$D/big.pem"
fi
ls -l "$D"
