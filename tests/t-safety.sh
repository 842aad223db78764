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

# RFC 1421 encryption headers on a label that is never encrypted that way
printf '%s\n' '-----BEGIN CERTIFICATE-----' 'Proc-Type: 4,ENCRYPTED' \
    'DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF' '' AAAAAAAA \
    '-----END CERTIFICATE-----' >"$O/proc-cert.pem"
t trouble-proc-type-on-certificate 2 "pem-join -c --strict proc-cert.pem" '' \
    'pem-join: proc-cert.pem:1: "CERTIFICATE" block has RFC 1421 encryption headers (Proc-Type: 4,ENCRYPTED): only RSA, EC and DSA PRIVATE KEY blocks are encrypted that way'
sed 's/CERTIFICATE/PRIVATE KEY/' "$O/proc-cert.pem" >"$O/proc-pkcs8.pem"
t trouble-proc-type-on-pkcs8 2 "pem-split proc-pkcs8.pem" '' \
    'pem-split: proc-pkcs8.pem:1: "PRIVATE KEY" block has RFC 1421 encryption headers (Proc-Type: 4,ENCRYPTED): only RSA, EC and DSA PRIVATE KEY blocks are encrypted that way'
t ok-proc-type-on-rsa-key-kept 0 "pem-split $F/leaf.legacy-enc.key | cmp - $F/leaf.legacy-enc.key && echo same" same ''
# indefinite (BER) lengths where DER is required, with and without -c
t trouble-indefinite-length-certificate 2 "pem2der $S/leaf-ber.pem" '' \
    "pem2der: $S/leaf-ber.pem:1: \"CERTIFICATE\" block has an indefinite length (BER): DER requires definite lengths"
t trouble-indefinite-length-certificate-check 2 "pem-join -c $S/leaf-ber.pem" '' \
    "pem-join: $S/leaf-ber.pem:1: \"CERTIFICATE\" block has an indefinite length (BER): DER requires definite lengths"
# a PKCS#8 key OpenSSL cannot load passes the framing, not -c
printf '\060\026\002\001\000\060\011\006\007\052\206\110\316\075\002\001\004\006\060\004\002\001\001\000' |
    openssl base64 | { echo '-----BEGIN PRIVATE KEY-----'; cat; echo '-----END PRIVATE KEY-----'; } >"$O/badp8.pem"
t trouble-check-pkcs8-not-loadable 2 "pem-split -c badp8.pem" '' \
    'pem-split: badp8.pem:1: "PRIVATE KEY" block: OpenSSL cannot load the private key (unsupported algorithm, or DSA without its parameters)
  openssl: unsupported (No supported data to decode.  Input type: DER, Input structure: PrivateKeyInfo)
  openssl: decode error'
t ok-check-pkcs8-loadable 0 "pem-split -c $F/leaf.key | cmp - $F/leaf.key && echo same" same ''
# BER PKCS#7, as Windows and the macOS keychain write it
t ok-ber-pkcs7-read-with-note 0 "cert-info -v -f '%{subject.CN}' $S/chain-ber.p7b" \
    'www.example.com
pemkit Test Intermediate
pemkit Test Root' \
    "cert-info: $S/chain-ber.p7b: note: PKCS#7 in BER (indefinite lengths) re-encoded as DER"
t ok-ber-pkcs7-written-as-der 0 "der2pem $S/chain-ber.p7b | pem2der | cmp - $F/chain.p7b.der && echo same" same ''
t ok-ber-pkcs7-split-canonical 0 "pem-split -t pkcs7 $S/chain-ber.p7b | cmp - $F/chain.p7b && echo same" same ''
t ok-ber-pkcs7-split-opened 0 "pem-split $S/chain-ber.p7b | cmp - $F/chain.pem && echo same" same ''
# DER after PEM, and PEM after DER, in one stream (cat of .cer files)
t ok-cat-pem-then-der-read 0 "pem-split -v $S/pem-then-der.pem | cmp - $F/chain.pem && echo same" same \
    "pem-split: $S/pem-then-der.pem: note: DER and PEM in one stream"
t ok-cat-pem-der-pem-read 0 "cert-info -v -f '%{subject.CN}' $S/pem-der-pem.pem" \
    'www.example.com
pemkit Test Root
pemkit Test Intermediate' \
    "cert-info: $S/pem-der-pem.pem: note: DER and PEM in one stream
cert-info: $S/pem-der-pem.pem:19: note: DER and PEM in one stream"
t no-cat-pem-then-der-expiry-checks-all 1 "cert-info -e 30d --at 2039-12-20 $S/pem-then-der.pem" '*' \
    "cert-info: $S/pem-then-der.pem:1: CN=www.example.com,O=pemkit test,C=HU expired on 2038-01-01T00:00:00Z
cert-info: $S/pem-then-der.pem:19: CN=pemkit Test Intermediate,O=pemkit test,C=HU expired on 2039-01-01T00:00:00Z
cert-info: $S/pem-then-der.pem: CN=pemkit Test Root,O=pemkit test,C=HU expires on 2040-01-01T00:00:00Z, in 12 days"
t trouble-cat-pem-then-der-strict 2 "pem-split --strict $S/pem-then-der.pem >/dev/null" '' \
    "pem-split: $S/pem-then-der.pem: --strict: DER and PEM in one stream"
# UTF-16 (PowerShell's > redirect), either byte order
t ok-utf16le-read 0 "pem-split $S/chain-utf16le.pem | cmp - $F/chain.pem && echo same" same ''
t ok-utf16be-read-with-note 0 "pem-split -v $S/chain-utf16be.pem | cmp - $F/chain.pem && echo same" same \
    "pem-split: $S/chain-utf16be.pem:1: note: UTF-16 text read"

# control bytes and NUL in names
t no-csr-nul-in-cn 1 "csr-check $S/csr-nul-cn.csr" '*' \
    "csr-check: $S/csr-nul-cn.csr:1: CN=www.example.com\\x00.evil.com is not a host name
csr-check: $S/csr-nul-cn.csr:1: an attribute of the subject has a control character (e_subject_dn_not_printable_characters, RFC 5280 A.1)"
t no-csr-nul-in-cn-with-host 1 "csr-check -H www.example.com $S/csr-nul-cn.csr >/dev/null" '' \
    "csr-check: $S/csr-nul-cn.csr:1: CN=www.example.com\\x00.evil.com is not a host name
csr-check: $S/csr-nul-cn.csr:1: an attribute of the subject has a control character (e_subject_dn_not_printable_characters, RFC 5280 A.1)"
t ok-cn-control-bytes-escaped-in-format 0 "cert-info -f '%{subject.CN}|%{issuer.CN}' $S/ctl-cn.pem" \
    'evil\x0a\x1b[31m\x07forged line|evil\x0a\x1b[31m\x07forged line' ''
t ok-cn-control-bytes-escaped-in-json 0 "cert-info --json $S/ctl-cn.pem | jq -r .subject" \
    'CN=evil\0A\1B[31m\07forged line,O=pemkit test' ''
# JSON stays valid UTF-8; four-digit years
t ok-json-invalid-utf8-escaped 0 "cert-info --json $S/bad-utf8-san.pem | iconv -f UTF-8 -t UTF-8 | jq -c .san.dns" \
    '["a\\xc0\\xa8b"]' ''
t ok-json-year-0001 0 "cert-info --json $S/year-0001.pem | jq -r '.not_before, .not_after'" \
    '0001-01-01T00:00:00Z
9999-12-31T23:59:59Z' ''
# pem-split: two blocks, one file name
t trouble-split-names-collide 2 "mkdir -p split-cc && pem-split -p 'split-cc/%c.pem' $S/cn-collide.pem" \
    'split-cc/a_b.pem
split-cc/Ügyfél.pem
split-cc/Öntés.pem' \
    "pem-split: $S/cn-collide.pem:20: block 2 would replace split-cc/a_b.pem, written for block 1 in this run: make the template tell them apart (%n)"
t trouble-split-names-collide-force 2 "mkdir -p split-cf && pem-split -f -p 'split-cf/%c.pem' $S/cn-collide.pem >/dev/null" '' \
    "pem-split: $S/cn-collide.pem:20: block 2 would replace split-cf/a_b.pem, written for block 1 in this run: make the template tell them apart (%n)"
# a --passin without its prefix is never echoed
t trouble-passin-without-prefix-not-echoed 2 "key-match --passin MySecret $F/leaf.enc.key $F/leaf.pem" '' \
    'key-match: --passin takes pass:TEXT, env:VAR, file:PATH or fd:N; the value given has none of these prefixes (not shown: it may be the passphrase itself)'
t trouble-passin-colon-not-echoed 2 "pem-split -w 'My:Secret' $F/leaf.p12" '' \
    'pem-split: --passin takes pass:TEXT, env:VAR, file:PATH or fd:N; the value given has none of these prefixes (not shown: it may be the passphrase itself)'
