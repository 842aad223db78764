# Scale-out under GNU parallel (pemkit(7) "Scale-out"): a stream cut at
# BEGIN lines and filtered in pieces gives the single process's output.

P="$O/par"
mkdir -p "$P"
i=0
while [ $i -lt 200 ]; do
	cat "$F/chain.pem" "$F/chains/leaf.pem"
	sed 's/$/\r/' "$F/wild.pem"
	echo "subject=text between blocks"
	i=$((i + 1))
done >"$P/huge.pem"
par="parallel --will-cite -k --pipe --recstart '-----BEGIN' --block 64k"
t ok-parallel-pem-split 0 "pem-split par/huge.pem >par/one.pem && $par pem-split <par/huge.pem >par/many.pem && cmp par/one.pem par/many.pem && grep -c BEGIN par/many.pem" \
    "1000" ''
t ok-parallel-cert-info 0 "cert-info -f '%{sha256} %{subject.CN}' par/huge.pem >par/one.txt && $par cert-info -f \"'%{sha256} %{subject.CN}'\" <par/huge.pem >par/many.txt && cmp par/one.txt par/many.txt && wc -l <par/many.txt" \
    "1000" ''
t ok-parallel-pieces 0 "$par wc -l <par/huge.pem | wc -l | awk '{ print (\$1 > 1) }'" "1" ''

# cert-info -J N (issue 28): the input cut into N byte ranges, one
# process each, the output byte for byte one process's: text (its blank
# lines between certificates), JSON and a template with the block and line
# numbers, over a stream with repairs and text between blocks (a fifth of
# huge.pem: the cases run under valgrind too)
head -n "$(($(wc -l <"$P/huge.pem") / 5))" "$P/huge.pem" >"$P/mid.pem"
for j in 2 3 7; do
	t ok-jobs-$j-text 0 "cert-info par/mid.pem >par/j1.txt && cert-info -J $j par/mid.pem >par/jn.txt && cmp par/j1.txt par/jn.txt && grep -c '^par/mid.pem:' par/jn.txt" \
	    "200" ''
	t ok-jobs-$j-json 0 "cert-info --json par/mid.pem >par/j1.json && cert-info --jobs=$j --json par/mid.pem >par/jn.json && cmp par/j1.json par/jn.json && wc -l <par/jn.json" \
	    "200" ''
done
# several files, PKCS#7 and PKCS#12 members, a CRL, DER: the numbering
# runs across the files as in one process
jf="$F/chain.pem $F/chain.p7b.der par/mid.pem $F/inter.crl $F/leaf.der $F/leaf-chain.p12 $F/root.pem"
t ok-jobs-files 0 "cert-info -w pass:secret -f '%{index} %{line} %{subject.CN}' $jf >par/f1 && cert-info -w pass:secret -J 5 -f '%{index} %{line} %{subject.CN}' $jf >par/fn && cmp par/f1 par/fn && sed -n '1p;4,6p;\$p' par/fn" \
    "1 1 www.example.com
4 0 www.example.com
4 0 pemkit Test Intermediate
4 0 pemkit Test Root
208 1 pemkit Test Root" ''
# text whose first range holds no certificate: the first shown has no
# blank line before it, as in one process
i=0
while [ $i -lt 40 ]; do cat "$F/leaf.key"; i=$((i + 1)); done >"$P/keys.pem"
t ok-jobs-text-first-later 0 "cert-info par/keys.pem $F/leaf.pem $F/inter.crl >par/k1 && cert-info -J 2 par/keys.pem $F/leaf.pem $F/inter.crl >par/kn && cmp par/k1 par/kn && head -n 1 par/kn" \
    "$F/leaf.pem:1: certificate (block 41)" ''
# the verdicts: a leaf in a later range that does not cover -H is exit
# 1 with one message; no certificate in any range is exit 2
t no-jobs-host 1 "cert-info -J 3 -H www.example.org -f '%{index}' par/keys.pem $F/leaf.pem >par/h; st=\$?; tail -n 1 par/h; exit \$st" \
    "41" "cert-info: $F/leaf.pem:1: CN=www.example.com,O=pemkit test,C=HU does not cover www.example.org"
t trouble-jobs-no-cert 2 "cert-info -J 2 par/keys.pem" '' \
    "cert-info: no certificate or CRL in the input"
# a bad block in a later range: its message once (the first process
# reads the whole input), exit 2, the blocks before it shown as by one
# process
{ cat "$P/mid.pem"; printf -- '-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n'; cat "$F/leaf.pem"; } >"$P/bad.pem"
t trouble-jobs-bad-block 2 "cert-info -f '%{index}' par/bad.pem >par/b1 2>par/b1.err; echo \$?; cert-info -J 4 -f '%{index}' par/bad.pem >par/bn; st=\$?; cmp par/b1 par/bn && tail -n 1 par/bn; exit \$st" \
    "2
200" "$(cd "$O" && cert-info par/bad.pem 2>&1 >/dev/null)"
# standard input and -o: one process, the same bytes; -o written whole
t ok-jobs-stdin 0 "cert-info --json <par/mid.pem >par/s1 && cert-info -J 2 --json <par/mid.pem | cmp - par/s1" '' ''
t ok-jobs-output 0 "cert-info -J 2 -o par/jo.json --json par/mid.pem && cmp par/jo.json par/j1.json" '' ''
t trouble-jobs-zero 2 "cert-info -J 0 par/mid.pem" '' \
    "cert-info: --jobs: a number of processes, 1 to 64
$(cert-info -h 2>&1 | sed -n '/^usage/,/file \.\.\.\]/p')"
# no room for the later processes' output: one process does the work
# (not under valgrind, which needs TMPDIR itself)
[ -n "${PEMKIT_WRAP-}" ] ||
t ok-jobs-no-tmpdir 0 "TMPDIR=$O/none cert-info -J 3 --json par/mid.pem | cmp - par/j1.json" '' \
    "cert-info: warning: -J: cannot create a temporary file in $O/none (No such file or directory): one process does the work"
