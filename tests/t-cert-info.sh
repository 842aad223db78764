# cert-info (issue 3): fields agree with openssl x509, NDJSON is valid,
# checks report every failure and exit 1.

# exact text for the leaf, its values taken from openssl
x() { openssl x509 -in "$F/leaf.pem" -noout "$@"; }
fp() { x -fingerprint "-$1" | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'; }
# (in pipes: a shell variable would drop a NUL byte of the digest)
spkid() { x -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 "$@"; }
t ok-cert-info-text 0 "cert-info --at 2030-01-01 $F/leaf.pem" \
"$F/leaf.pem:1: certificate (block 1)
  subject:           CN=www.example.com,O=pemkit test,C=HU
  issuer:            CN=pemkit Test Intermediate,O=pemkit test,C=HU
  serial:            1002
  not before:        2020-01-01T00:00:00Z
  not after:         2038-01-01T00:00:00Z (2922 days left)
  role:              leaf
  subject alt name:  DNS:www.example.com, DNS:example.com
  public key:        RSA 2048 bits
  signature:         ecdsa-with-SHA256
  sha256:            $(fp sha256)
  sha1:              $(fp sha1)
  spki sha256:       $(spkid | sed 's/.*= //')
  pin-sha256:        $(spkid -binary | openssl base64)
  subject key id:    $(x -ext subjectKeyIdentifier | tail -n 1 | tr -d ' :' | tr 'A-F' 'a-f')
  authority key id:  $(x -ext authorityKeyIdentifier | tail -n 1 | tr -d ' :' | tr 'A-F' 'a-f')
  basic constraints: CA:FALSE
  key usage:         digitalSignature, keyEncipherment
  ext key usage:     serverAuth" ''

# the field template of the issue, and attributes by name
t ok-cert-info-format 0 "cert-info -f '%{subject.CN} %{notAfter}' $F/chain.pem" \
    "www.example.com 2038-01-01T00:00:00Z
pemkit Test Intermediate 2039-01-01T00:00:00Z
pemkit Test Root 2040-01-01T00:00:00Z" ''
t ok-cert-info-format-fields 0 \
    "cert-info -f '%{index} %{line} %{role} %{subject.O} %{dns} %{ip} %{email} %%' --at 2030-01-01 $F/wild.pem $F/root.pem" \
    "1 1 leaf  *.example.com,xn--bcher-kva.example 192.0.2.1,2001:db8::1 admin@example.com %
2 1 root pemkit test    %" ''
# issue 28: a template without %{role} skips the self-signature check;
# with it, a root whose signature is broken is no root (a byte of its
# signature flipped), in text, JSON and either template
openssl x509 -in "$F/root.pem" -outform DER |
    perl -0777 -pe 'substr($_, -1) = chr(ord(substr($_, -1)) ^ 1)' \
    >"$O/root-badsig.der"
t ok-cert-info-format-role-badsig 0 \
    "cert-info -f '%{role} %{subject.CN}' $F/root.pem $O/root-badsig.der; cert-info -f '%{subject.CN}' $O/root-badsig.der; cert-info --json $O/root-badsig.der | jq -c '[.self_signed, .role]'" \
    "root pemkit Test Root
intermediate pemkit Test Root
pemkit Test Root
[false,\"intermediate\"]" ''
t trouble-cert-info-format-unknown 2 "cert-info -f 'X%{nope}Y' $F/leaf.pem $F/chain.pem" '' \
    'cert-info: -f: unknown field "%{nope}"
usage: cert-info [-chjLQsuVv] [-A URL] [-a TIME] [-C FILE] [-D DIR]
                 [-e DURATION] [-f FORMAT] [-H NAME] [-I N] [-J N] [-m ADDR]
                 [-O FILE] [-o FILE] [-P USE] [-R FILE] [-t SECONDS] [-U URL]
                 [-w SOURCE] [file ...]'
t trouble-cert-info-format-unclosed 2 "cert-info -f 'X%{subject' $F/leaf.pem" '' \
    'cert-info: -f: expected %{field} at "%{subject"
usage: cert-info [-chjLQsuVv] [-A URL] [-a TIME] [-C FILE] [-D DIR]
                 [-e DURATION] [-f FORMAT] [-H NAME] [-I N] [-J N] [-m ADDR]
                 [-O FILE] [-o FILE] [-P USE] [-R FILE] [-t SECONDS] [-U URL]
                 [-w SOURCE] [file ...]'

# every certificate of the input: PEM, DER, PKCS#7 (PEM and DER)
t ok-cert-info-all-of-chain 0 "cert-info -f '%{subject.CN}' $F/chain.pem" \
    "www.example.com
pemkit Test Intermediate
pemkit Test Root" ''
t ok-cert-info-der 0 "cert-info -f '%{sha256}' $F/leaf.der" "$(fp sha256)" ''
t ok-cert-info-pkcs7 0 "cert-info --json $F/chain.p7b | jq -r '[.member, .line, .subject] | @tsv'" \
    "1	1	CN=www.example.com,O=pemkit test,C=HU
2	1	CN=pemkit Test Intermediate,O=pemkit test,C=HU
3	1	CN=pemkit Test Root,O=pemkit test,C=HU" ''
t ok-cert-info-pkcs7-der 0 "cert-info -f '%{subject.CN}' $F/chain.p7b.der | wc -l" "3" ''
t ok-cert-info-skips-key 0 "cert-info -v -f '%{subject.CN}' $F/leaf.key $F/leaf.pem" \
    "www.example.com" \
    "cert-info: $F/leaf.key:1: note: PKCS#8 private key skipped: not a certificate"
t trouble-cert-info-no-certificate 2 "cert-info $F/leaf.key" '' \
    "cert-info: no certificate or CRL in the input"

# NDJSON: one object per certificate, the shared keys first
t ok-cert-info-json-keys 0 "cert-info --json $F/leaf.pem | jq -c 'keys_unsorted[:6]'" \
    '["schema","source","index","line","type","member"]' ''
t ok-cert-info-json-values 0 \
    "cert-info --json --at 2030-01-01 $F/chain.pem | jq -c '[.schema, .index, .line, .role, .days_left, .basic_constraints, .key]'" \
    "[\"pemkit/1\",1,1,\"leaf\",2922,{\"ca\":false,\"path_len\":null},{\"type\":\"RSA\",\"bits\":2048,\"curve\":null}]
[\"pemkit/1\",2,$(grep -n BEGIN "$F/chain.pem" | sed -n 2p | cut -d: -f1),\"intermediate\",3287,{\"ca\":true,\"path_len\":0},{\"type\":\"EC\",\"bits\":256,\"curve\":\"P-256\"}]
[\"pemkit/1\",3,$(grep -n BEGIN "$F/chain.pem" | sed -n 3p | cut -d: -f1),\"root\",3652,{\"ca\":true,\"path_len\":null},{\"type\":\"EC\",\"bits\":256,\"curve\":\"P-256\"}]" ''

# --expires-within and --at: the intermediate expires (2025) before its
# leaf (2030); every failing certificate is named
si="$F/short-chain.pem"
L2=$(grep -n BEGIN "$si" | sed -n 2p | cut -d: -f1)
t ok-expiry-all-valid 0 "cert-info -e 30d --at 2024-06-01 -f '%{subject.CN}' $si" \
    "short.example.com
pemkit Short Intermediate
pemkit Test Root" ''
t no-expiry-intermediate-within-window 1 \
    "cert-info --expires-within 30d --at 2024-12-15 -f '%{subject.CN}' $si" \
    "short.example.com
pemkit Short Intermediate
pemkit Test Root" \
    "cert-info: $si:$L2: CN=pemkit Short Intermediate expires on 2025-01-01T00:00:00Z, in 17 days"
# the wording is true: 9 days and 12 hours left is "in 9 days", never
# "within 9 days"; under two days, hours; under two hours, minutes
t no-expiry-in-9-days-not-within 1 \
    "cert-info -e 30d --at 2024-12-22T12:00:00Z -o discard.out $si" '' \
    "cert-info: $si:$L2: CN=pemkit Short Intermediate expires on 2025-01-01T00:00:00Z, in 9 days"
t no-expiry-in-36-hours 1 \
    "cert-info -e 30d --at 2024-12-30T12:00:00Z -o discard.out $si" '' \
    "cert-info: $si:$L2: CN=pemkit Short Intermediate expires on 2025-01-01T00:00:00Z, in 36 hours"
t no-expiry-in-90-minutes 1 \
    "cert-info -e 1d --at 2024-12-31T22:30:00Z -o discard.out $si" '' \
    "cert-info: $si:$L2: CN=pemkit Short Intermediate expires on 2025-01-01T00:00:00Z, in 90 minutes"
t no-expiry-intermediate-expired 1 "cert-info -e 12h --at 2026-01-01 -o discard.out $si" '' \
    "cert-info: $si:$L2: CN=pemkit Short Intermediate expired on 2025-01-01T00:00:00Z"
t no-expiry-all-reported 1 "cert-info -e 1w --at 2031-01-01 -o discard.out $si" '' \
    "cert-info: $si:1: CN=short.example.com expired on 2030-01-01T00:00:00Z
cert-info: $si:$L2: CN=pemkit Short Intermediate expired on 2025-01-01T00:00:00Z"
t no-expiry-not-yet-valid 1 "cert-info -e 1d --at @1500000000 -o discard.out $F/leaf.pem" '' \
    "cert-info: $F/leaf.pem:1: CN=www.example.com,O=pemkit test,C=HU is not valid before 2020-01-01T00:00:00Z"
t trouble-expiry-bad-duration 2 "cert-info -e 30x $F/leaf.pem" '' \
    "cert-info: --expires-within: \"30x\" is not a duration: use 30 (days), 30d, 12h, 2w, 33% (of the lifetime), ...
usage: cert-info [-chjLQsuVv] [-A URL] [-a TIME] [-C FILE] [-D DIR]
                 [-e DURATION] [-f FORMAT] [-H NAME] [-I N] [-J N] [-m ADDR]
                 [-O FILE] [-o FILE] [-P USE] [-R FILE] [-t SECONDS] [-U URL]
                 [-w SOURCE] [file ...]"
t trouble-bad-at 2 "cert-info --at 2030-13 $F/leaf.pem" '' '*'

# host names: RFC 6125 by OpenSSL's X509_check_host; the answer must be
# the one `openssl x509 -checkhost` gives
for case in wild.pem:a.example.com:0 wild.pem:example.com:1 \
    wild.pem:a.b.example.com:1 wild.pem:A.EXAMPLE.COM:0 \
    wild.pem:xn--bcher-kva.example:0 wild.pem:192.0.2.1:0 \
    wild.pem:192.0.2.2:1 wild.pem:2001:db8::1:0 wild.pem:2001:DB8:0::1:0 \
    leaf.pem:www.example.com:0 leaf.pem:example.com:0 \
    leaf.pem:foo.example.com:1 leaf.pem:WWW.Example.COM:0; do
	f=${case%%:*} rest=${case#*:} want=${case##*:} n=${rest%:*}
	t "host-$f-$n" "$want" "cert-info -o discard.out -H '$n' $F/$f" '*' '*'
	case $n in
	*:*|[0-9]*) ossl="-checkip $n" ;;
	*) ossl="-checkhost $n" ;;
	esac
	t "host-agrees-with-openssl-$f-$n" 0 \
	    "openssl x509 -noout $ossl -in $F/$f | grep -c 'does NOT match' || :" \
	    "$want" ''
done
t no-host-names-uncovered 1 \
    "cert-info -o discard.out -H www.example.com -H mail.example.com -H 10.0.0.1 $F/chain.pem" '' \
    "cert-info: $F/chain.pem:1: CN=www.example.com,O=pemkit test,C=HU does not cover mail.example.com, 10.0.0.1"
t no-host-without-leaf 1 "cert-info -o discard.out -H a.example.com $F/root.pem" '' \
    "cert-info: no end-entity certificate to check names against"
t ok-email 0 "cert-info -o discard.out -m admin@example.com $F/wild.pem" '' ''
t no-email 1 "cert-info -o discard.out --email root@example.com $F/wild.pem" '' \
    "cert-info: $F/wild.pem:1: CN=*.example.com does not cover root@example.com"

# the corpus: fields agree with openssl x509 on a sample of its
# certificates (every 10th PEM one, about 140 files)
t ok-cert-info-agrees-with-openssl-fixtures 0 \
    "sh $TOP/tests/cert-info-vs-openssl.sh $F/*.pem" '' ''
# (CORPUS_SAMPLE thins it further: tests/lib/sweep.sh)
s=$((10 * CORPUS_SAMPLE))
t ok-cert-info-agrees-with-openssl-corpus 0 \
    "sh $TOP/tests/cert-info-vs-openssl.sh \$(awk -F'\t' '\$2 == \"cert\" && \$3 == \"pem\" && NR % $s == 0 { print \"$C/\" \$1 }' $C/MANIFEST.tsv)" '' ''
# every certificate of the corpus: no crash, one valid NDJSON object per
# certificate that pem-split finds in the same files (pyca's
# badasn1time.pem is left out: cert-info refuses its malformed notAfter)
awk -F'\t' -v s="$CORPUS_SAMPLE" -v c="$C" '($2 == "cert" || $2 == "chain") &&
    NR % s == 0 && $1 !~ /badasn1time/ { print c "/" $1 }' "$C/MANIFEST.tsv" \
    >"$O/corpus-certs.list" 2>/dev/null	# no corpus: skipped below
# (many files per call, as each object names its source; a call that
# exits 128 or more, a crash or a sanitizer's 134, is reported)
tc ok-cert-info-corpus-json-valid 0 \
    "xargs sh -c 'cert-info --json \"\$@\" 2>/dev/null; [ \$? -lt 128 ] || echo crash \$1 >&2' sh <corpus-certs.list >corpus-certs.json; jq -s '[.[] | select(.schema == \"pemkit/1\")] | length' corpus-certs.json" \
    "$(xargs pem-split -t cert <"$O/corpus-certs.list" 2>/dev/null | grep -c -- '-----BEGIN CERTIFICATE-----')" ''

# found by comparing with openssl on the whole corpus: a NUL inside a
# SAN (the null-prefix attack) is shown, not cut; serial 0 is "00"
nc=$C/certificate-transparency/python/ct/crypto/testdata/null_chars.pem
t ok-cert-info-san-nul-shown 0 "cert-info -f '%{dns} %{email}' $nc" \
    'altnull.python.org\x00example.com null@python.org\x00user@example.org' ''
t ok-cert-info-serial-zero 0 \
    "cert-info -f '%{serial}' $C/certigo/test-certs/example-bad-serial.crt" \
    "$(openssl x509 -noout -serial -in "$C/certigo/test-certs/example-bad-serial.crt" 2>/dev/null | sed 's/serial=//')" ''
