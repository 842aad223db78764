# Issue 15: cert-info's output is byte-identical to the release before
# the DER fast path (tag speed2-base), over every file of the corpus, in
# text, --json and a wide -f, and so is key-match --find's: stdout, messages and exit status per file
# (tests/golden.sh; the expected records in tests/golden/*.gz).  The set
# of files refused (exit 2) is part of each record, so it is equal too.
# A fixed sample, every CORPUS_SAMPLE-th file of the sorted list
# (tests/lib/sweep.sh; make check-full: every file, in every mode).  In a
# sample, the modes take turns: text and json read every other sampled
# file, format and find the ones between, so that each sampled file is
# read in two modes and the suite stays within its budget.
g=$CORPUS_SAMPLE k=0
[ "$g" -gt 1 ] && g=$((CORPUS_SAMPLE * 2))
for m in text json format find; do
	[ "$g" -gt 1 ] && case $m in format|find) k=$CORPUS_SAMPLE ;; esac
	[ -d "$C" ] && gunzip -c "$TOP/tests/golden/$m.gz" |
	    awk -v s="$g" -v k="$k" '/^== / { n++ } n > k && (n - 1 - k) % s == 0' \
	    >"$O/golden-$m.want"
	tc "ok-golden-$m" 0 "C=$C sh $TOP/tests/golden.sh $m $g $k" \
	    "@$O/golden-$m.want" ''
done
# the fast path agrees with the full decode: for our fixtures,
# the same fields come out as with --crl, which decodes each certificate
# with d2i_X509 (inter.crl revokes none of them), but for the verdict's
# own member, "revocation"
for f in leaf.pem inter.pem root.pem chains/i1.pem chains/leaf.pem; do
	t "ok-golden-fast-equals-full-$(echo $f | tr / -)" 0 \
	    "cert-info -a 2026-06-01 --json $F/$f >fast.json && jq -c . fast.json >fast.c && cert-info -a 2026-06-01 --json -u -R $F/inter.crl $F/$f 2>/dev/null | jq -c 'del(.revocation)' | cmp - fast.c" '' ''
done
