# Hostile and broken input (issue 6's table): each case exits 2 with a
# message, or gives the right answer when the input is still valid; never
# a crash (an exit status from 128 up, or ASan's 134), never half a block.

H="$O/hostile"
mkdir -p "$H"
i=0; while [ $i -lt 400 ]; do cat "$F/chain.pem"; i=$((i + 1)); done >"$H/big.pem"
# verdict RC OUT WANT: "ok" when RC is 0 and OUT equals WANT, or RC is 2 and
# OUT is empty; else the reason
cat >"$H/verdict.sh" <<'SH'
rc=$1 out=$2 want=$3
if [ "$rc" -eq 0 ] && cmp -s "$out" "$want"; then echo ok
elif [ "$rc" -eq 2 ] && [ ! -s "$out" ]; then echo ok
else echo "bad rc=$rc"; fi
SH

# 1. a real PEM file and a real DER file cut at every k-th byte offset
# (k: THIN under make valgrind, else CORPUS_SAMPLE, so make check-full
# cuts at every offset), JOBS cuts at a time (tests/lib/sweep.sh):
# pem-join (all or nothing) must write the whole certificate or nothing
k=$THIN
[ "$k" -gt 1 ] || k=$CORPUS_SAMPLE
# each cut prints "OFFSET ok" or "OFFSET why"; the case prints the cuts
# made and the bad ones, so that a sweep that ran nothing fails too
S=". $TOP/tests/lib/sweep.sh"
tally="awk '\$2 != \"ok\" { print; b++ } END { print NR \" inputs, \" b + 0 \" bad\" }'"
np=$(wc -c <"$F/leaf.pem" | tr -d ' ')
nd=$(wc -c <"$F/leaf.der" | tr -d ' ')
t ok-hostile-truncated-pem-every-offset 0 "$S;
	seq 0 $((np - 1)) | sample $k | sweep 'head -c \$p $F/leaf.pem >\$SW/cut.pem;
	pem-join \$SW/cut.pem >\$SW/cut.out 2>\$SW/cut.err; v=\$(sh hostile/verdict.sh \$? \$SW/cut.out $F/leaf.pem);
	[ \$v = ok ] && [ \$p -eq 0 -o -s \$SW/cut.err -o -s \$SW/cut.out ] || v=\"bad: \$v\"; echo \"\$p \$v\"' | $tally" \
    "$(((np + k - 1) / k)) inputs, 0 bad" ''
t ok-hostile-truncated-der-every-offset 0 "$S;
	seq 1 $((nd - 1)) | sample $k | sweep 'head -c \$p $F/leaf.der >\$SW/cut.der;
	der2pem \$SW/cut.der >\$SW/cut.out 2>\$SW/cut.err; v=\$(sh hostile/verdict.sh \$? \$SW/cut.out $F/leaf.pem);
	[ \$v = ok ] && [ -s \$SW/cut.err ] || v=\"bad: \$v\"; echo \"\$p \$v\"' | $tally" \
    "$(((nd - 1 + k - 1) / k)) inputs, 0 bad" ''
t ok-hostile-truncated-der-cert-info 0 "$S;
	seq 1 $((7 * k)) $((nd - 1)) | sweep 'head -c \$p $F/leaf.der >\$SW/cut.der;
	cert-info \$SW/cut.der >\$SW/cut.out 2>/dev/null; rc=\$?; v=ok;
	[ \$rc -eq 2 ] && [ ! -s \$SW/cut.out ] || v=\"bad: exit \$rc\"; echo \"\$p \$v\"' | $tally" \
    "$(((nd - 1 + 7 * k - 1) / (7 * k))) inputs, 0 bad" ''

# 2. random bit flips (fixed seed): no crash, and for pem-join never half
# a block; every filter that decodes gets the same inputs (every k-th, as
# above: make check-full reads all 300), JOBS files at a time
perl -e 'srand(7); local $/; open F, "<", $ARGV[0]; $d = <F>;
	for $i (1..150) { $c = $d; $p = int(rand(length $c)); substr($c, $p, 1) ^= chr(1 << int(rand 8));
	open O, ">", sprintf("%s/flip-pem-%03d", $ARGV[2], $i); print O $c; close O }
	open F, "<", $ARGV[1]; $d = <F>;
	for $i (1..150) { $c = $d; $p = int(rand(length $c)); substr($c, $p, 1) ^= chr(1 << int(rand 8));
	open O, ">", sprintf("%s/flip-der-%03d", $ARGV[2], $i); print O $c; close O }' \
    "$F/chain.pem" "$F/leaf.der" "$H"
t ok-hostile-bit-flips 0 "$S; ls hostile/flip-* | sample $k | sweep 'v=ok
	pem-join \$p >\$SW/flip.out 2>/dev/null; rc=\$?; [ \$rc -le 2 ] || v=\"\$v pem-join\";
	[ \$rc -eq 0 ] || [ ! -s \$SW/flip.out ] || v=\"\$v pem-join-half\";
	for c in \"pem-split -c\" cert-info \"chain-order -r --partial\" key-match csr-check pem2der; do
	\$c \$p >/dev/null 2>&1; [ \$? -le 2 ] || v=\"\$v \$c\"; done; echo \"\$p \$v\"' | $tally" \
    "$(((300 + k - 1) / k)) inputs, 0 bad" ''

# 3. a 100 MB line without a newline, bare and inside a block
t trouble-hostile-100mb-line 2 "head -c 100000000 /dev/zero | tr '\\\\0' A | pem-split" '' \
    "pem-split: <stdin>: text without any BEGIN line: not PEM"
t trouble-hostile-100mb-body-line 2 "{ echo '-----BEGIN CERTIFICATE-----'; head -c 100000000 /dev/zero | tr '\\\\0' A; } | pem-split" '' \
    "pem-split: <stdin>:1: block is over the 64 MiB limit (no END line within it)"
# 4. a BEGIN line with a 10 MB label
t trouble-hostile-10mb-label 2 "{ printf -- '-----BEGIN '; head -c 10000000 /dev/zero | tr '\\\\0' X; printf -- '-----\\\\nAAAA\\\\n-----END X-----\\\\n'; } | pem-split" '' \
    "pem-split: <stdin>:1: BEGIN line label is longer than 64 characters or has no closing \"-----\""
# 5. DER nested 10,000 levels deep (indefinite lengths, and definite ones)
perl -e 'print "\x30\x80" x 10000, "\x00\x00" x 10000' >"$H/deep-indef.der"
perl -e '$d = "\x05\x00"; for (1..10000) { $l = length $d;
	$d = "\x30" . ($l < 128 ? chr($l) : $l < 256 ? "\x81" . chr($l) : $l < 65536 ? "\x82" . pack("n", $l) : "\x83" . substr(pack("N", $l), 1)) . $d } print $d' \
    >"$H/deep.der"
for f in deep-indef deep; do
	for c in pem-split der2pem cert-info chain-order key-match; do
		t "trouble-hostile-$f-$c" 2 "$c hostile/$f.der" '' '*'
	done
done
t trouble-hostile-deep-message 2 "pem-split hostile/deep.der" '' \
    "pem-split: hostile/deep.der: byte 0: unknown DER object: not a certificate, CSR, CRL, key, PKCS#7 or PKCS#12"
# 6. a length field claiming 2^63 bytes
printf '\060\210\177\377\377\377\377\377\377\377\002\001\000' >"$H/huge-len.der"
for c in pem-split der2pem cert-info chain-order key-match; do
	t "trouble-hostile-2e63-length-$c" 2 "$c hostile/huge-len.der" '' '*'
done
# 7. NUL bytes inside base64
{ head -n 3 "$F/leaf.pem"; printf 'MIIC\000\000AAAA\n'; tail -n +4 "$F/leaf.pem"; } >"$H/nul.pem"
t trouble-hostile-nul-in-base64 2 "pem-split hostile/nul.pem" '' \
    "pem-split: hostile/nul.pem:4: a NUL byte in the base64 body"
# 8. a directory; 9. an unreadable file (EIO: root reads every mode)
t trouble-hostile-directory 2 "pem-split hostile" '' \
    "pem-split: hostile: is a directory, not a file"
t trouble-hostile-unreadable 2 "cert-info /proc/self/mem" '' '*'
t trouble-hostile-unreadable-message 0 "key-match /proc/self/mem $F/leaf.pem 2>&1 | grep -c '/proc/self/mem'" "1" ''
# 10. a file that shrinks while it is read: whole blocks or an error
i=0; while [ $i -lt 100 ]; do cat "$H/big.pem"; i=$((i + 1)); done >"$H/shrink.pem"
t ok-hostile-shrinking-file 0 "pem-split hostile/shrink.pem >shrink.out 2>shrink.err & p=\$!; sleep 0.05;
	truncate -s 1000000 hostile/shrink.pem; wait \$p; rc=\$?;
	b=\$(grep -c -- '-----BEGIN' shrink.out); e=\$(grep -c -- '-----END' shrink.out);
	[ \$b -eq \$e ] && [ \$rc -le 2 ] && { [ \$rc -eq 0 ] || [ -s shrink.err ]; } && echo whole" \
    "whole" ''
# 11. stdout on /dev/full, 12. a closed stdout, for the newer filters
t trouble-hostile-dev-full-chain-order 2 "chain-order -r $F/chain.pem >/dev/full" '' \
    "chain-order: <stdout>: write error: No space left on device"
t trouble-hostile-dev-full-cert-info 2 "cert-info $F/chain.pem >/dev/full" '' \
    "cert-info: <stdout>: write error: No space left on device"
t trouble-hostile-dev-full-key-match 2 "key-match -f $F/leaf.key $F/chain.pem >/dev/full" '' \
    "key-match: <stdout>: write error: No space left on device"
t trouble-hostile-dev-full-pem2p12 2 "pem2p12 -W pass:x $F/leaf.key $F/chain.pem >/dev/full" '' \
    "pem2p12: <stdout>: write error: No space left on device"
t ok-hostile-closed-pipe-cert-info 0 "cert-info $H/big.pem | head -n 1 | grep -c 'big.pem:1: certificate'" "1" ''
t ok-hostile-closed-pipe-der2pem 0 "der2pem $H/big.pem | head -n 1" "-----BEGIN CERTIFICATE-----" ''

# secrets: -o is atomic under kill -9 (a slow input keeps the writer busy)
# (the input stays open until the kill; pem-split is killed once its
# temporary file exists: tests/lib/wait.sh, no fixed sleeps)
W="sh $TOP/tests/lib/wait.sh"
t ok-hostile-kill9-keeps-old-file 0 "echo old >kept.pem;
	{ cat $F/chain.pem $F/leaf.key; $W sent kill9.sent; cat $F/chain.pem; } | pem-join -k -o kept.pem & p=\$!;
	$W running \$p pem-join; kill -9 \$p; : >kill9.sent; wait \$p 2>/dev/null; cat kept.pem; ls -a | grep -c '^.pemkit.' || true" \
    "old
0" ''
t ok-hostile-kill9-split-o 0 "echo old >kept2.pem;
	{ cat $F/chain.pem; $W sent kill9-split.sent; } | pem-split -o kept2.pem & p=\$!;
	$W temp; kill -9 \$p; : >kill9-split.sent; wait \$p 2>/dev/null; cat kept2.pem" \
    "old" ''
# no filter prompts, even on a terminal, for any encrypted input
for c in cert-info chain-order 'pem2p12 -W pass:x'; do
	t "trouble-hostile-no-prompt-${c%% *}" 0 "timeout 10 script -qec '$c $F/leaf.p12 >/dev/null; echo rc=\$?' /dev/null | grep -o -e 'needs a passphrase: give --passin' -e 'rc=[0-9]'" \
	    "needs a passphrase: give --passin
rc=2" ''
done
