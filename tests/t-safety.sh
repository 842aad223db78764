# Safety: no crash on certificates whose public key OpenSSL cannot
# decode, bounded PKCS#12 and PKCS#8 cost (iteration caps), PKCS#12
# without a MAC.  Inputs: tests/fixtures/mk-hostile.sh.
S="$F/hostile"
nokey="certificate: OpenSSL cannot decode its public key (unsupported algorithm, or DSA without its parameters)
  openssl: decode error"

# undecodable public key inside PKCS#7 (was SIGSEGV in key-match and csr-check)
t trouble-badkey-p7b-key-match 2 "key-match $F/leaf.key $S/badkey.p7b" '*' \
    "key-match: $S/badkey.p7b#1: $nokey"
t trouble-badkey-p7b-csr-check-key 2 "csr-check -k $S/badkey.p7b $F/csr-rsa.csr" '*' \
    "csr-check: $S/badkey.p7b#1: $nokey"
t trouble-badkey-p7b-csr-check-not-key 2 "csr-check -K $S/badkey.p7b $F/csr-rsa.csr" '*' \
    "csr-check: $S/badkey.p7b#1: $nokey"
t trouble-badkey-der-key-match 2 "key-match $F/leaf.key $S/badkey.der" '*' \
    "key-match: $S/badkey.der: DER certificate: OpenSSL cannot decode its public key (unsupported algorithm?)
  openssl: decode error"
# ... and inside PKCS#12: no crash, a clear exit 2
t trouble-badkey-p12-key-match 2 "key-match -w pass:x $F/leaf.key $S/badkey.p12" '' \
    "key-match: nothing to match: the input holds 1 object; give a key with its certificate, request or public key"
t ok-badkey-p12-cert-info-shows-it 0 "cert-info -w pass:x -f '%{subject.CN}' $S/badkey.p12" \
    'www.example.com' ''

# iteration caps, refused before the work (10^8 iterations cost ~15 s)
t trouble-p12-mac-1e8-iterations 2 "timeout 5 cert-info -w pass:x $S/mac-1e8.p12" '' \
    "cert-info: $S/mac-1e8.p12: PKCS#12 file: its MAC asks for 100000000 iterations, over the limit of 1000000 (-I/--max-iter N raises it)"
t trouble-p12-mac-2g-iterations 2 "timeout 5 key-match -w pass:x $S/mac-2g.p12" '' \
    "key-match: $S/mac-2g.p12: PKCS#12 file: its MAC asks for 2147483647 iterations, over the limit of 1000000 (-I/--max-iter N raises it)"
t trouble-p12-mac-1e8-without-passin 2 "timeout 5 pem-split -w pass: $S/mac-1e8.p12" '' \
    "pem-split: $S/mac-1e8.p12: PKCS#12 file: its MAC asks for 100000000 iterations, over the limit of 1000000 (-I/--max-iter N raises it)"
t trouble-p12-key-derivation-1e8 2 "timeout 5 pem-split -w pass:x $S/kdf-1e8.p12" '' \
    "pem-split: $S/kdf-1e8.p12: PKCS#12 file: its private key asks for 100000000 iterations, over the limit of 1000000 (-I/--max-iter N raises it)"
t trouble-pkcs8-key-derivation-1e8 2 "timeout 5 key-match -w pass:x $S/pkcs8-1e8.key $F/leaf.pem" '' \
    "key-match: $S/pkcs8-1e8.key:1: encrypted private key asks for 100000000 iterations, over the limit of 1000000 (-I/--max-iter N raises it)"
t trouble-p12-max-iter-lowered 2 "cert-info -I 1000 -w pass:secret $F/leaf.p12" '' \
    "cert-info: $F/leaf.p12: PKCS#12 file: its MAC asks for 2048 iterations, over the limit of 1000 (-I/--max-iter N raises it)"
t ok-p12-max-iter-at-the-count 0 "cert-info -I 2048 -w pass:secret -f '%{subject.CN}' $F/leaf.p12" \
    'www.example.com
pemkit Test Intermediate' ''
t trouble-max-iter-zero 2 "cert-info -I 0 $F/leaf.pem" '' '*'
# a PKCS#12 without a MAC opens, with a note
t ok-p12-without-mac-opens 0 "key-match -v -w pass:x $S/nomac.p12 $F/leaf.pem 2>&1 | head -n 1" \
    "key-match: $S/nomac.p12: note: PKCS#12 file has no MAC: its integrity is not checked" ''
t ok-p12-without-mac-members 0 "pem-split -w pass:x $S/nomac.p12 | grep -e '^-----BEGIN'" \
    '-----BEGIN PRIVATE KEY-----
-----BEGIN CERTIFICATE-----' ''
