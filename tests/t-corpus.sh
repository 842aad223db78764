# The third-party corpus (issue 2, acceptance 4): every file is read
# without a crash, block counts per label agree with MANIFEST.tsv, and
# malformed files exit 2 with a message.

tc ok-corpus-agrees-with-manifest 0 "sh $TOP/tests/corpus-check.sh" '' ''
z=$C/zlint/v3/testdata/subCertLocalityNameDoesNotNeedToAppear.pem
t ok-corpus-blank-line-before-end 0 "pem-split -c -v $z | grep -c BEGIN" "1" \
    "pem-split: $z:1: note: text before the block skipped
pem-split: $z:4: note: base64 lines are not 64 columns"
# real chains round-trip: split then join is the identity on canonical
# input, and the corpus bundle of 144 roots survives byte for byte
b=$C/debian-ca-certificates/ca-certificates.crt
t ok-corpus-ca-bundle-roundtrip 0 "pem-split $b | pem-join | cmp - $b" '' ''
t ok-corpus-ca-bundle-count 0 "pem-split -p 'ca-%n.pem' $b | wc -l" "144" ''
for c in godaddy self-issued; do
	t "ok-corpus-$c-bundle-join" 0 \
	    "pem-join $C/cert-chain-resolver/tests/$c.bundle.crt | openssl crl2pkcs7 -nocrl -certfile /dev/stdin | openssl pkcs7 -print_certs -noout | grep -c subject" \
	    "2" ''
done
t ok-corpus-p7c-der-to-pem 0 "der2pem $C/cert-chain-resolver/tests/dstrootcax3.p7c | pem2der | cmp - $C/cert-chain-resolver/tests/dstrootcax3.p7c" '' ''
# x509-limbo: joining peer, intermediates and anchors keeps argument
# order (the cases' files are canonical and hold no duplicates)
n=0
for d in "$C"/x509-limbo/cases/*/; do
	[ -f "$d/untrusted.pem" ] || continue
	n=$((n + 1))
	[ $n -gt 20 ] && break
	c=$(basename "$d")
	cat "$d/peer.pem" "$d/untrusted.pem" "$d/trusted.pem" >"$O/limbo-$c.pem"
	t "ok-corpus-limbo-join-$c" 0 \
	    "pem-join $d/peer.pem $d/untrusted.pem $d/trusted.pem" \
	    "@$O/limbo-$c.pem" ''
done

# a known difference (tests/corpus-check.sh): BER inside a CERTIFICATE
ind=$C/certificate-transparency/python/ct/crypto/testdata/asn1_indefinite_length_encoding.pem
t trouble-corpus-indefinite-length-certificate 2 "pem-split $ind" '' \
    "pem-split: $ind:35: \"CERTIFICATE\" block has an indefinite length (BER): DER requires definite lengths"
