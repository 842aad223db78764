# key-match: every key form against its certificate and request, the
# odd object named, --find, passphrases that never prompt, the corpus.

K="$O/km"
mkdir -p "$K"
ch="$F/chains"
# EC (i1) and Ed25519 keys in every form, with a certificate or request
openssl pkey -in "$ch/i1.key" -traditional -out "$K/ec.sec1"
openssl pkey -in "$ch/i1.key" -outform DER -out "$K/ec.p8.der"
openssl pkey -in "$ch/i1.key" -aes256 -passout pass:secret -out "$K/ec.enc"
openssl ec -in "$ch/i1.key" -aes256 -passout pass:secret -out "$K/ec.legacy" 2>/dev/null
openssl req -new -key "$ch/i1.key" -subj /CN=ec -out "$K/ec.csr"
openssl pkey -in "$F/ed25519.key" -aes256 -passout pass:secret -out "$K/ed.enc"
openssl pkey -in "$F/ed25519.key" -pubout -out "$K/ed.pub"
openssl req -new -key "$F/ed25519.key" -subj /CN=ed -out "$K/ed.csr"
openssl x509 -req -in "$K/ed.csr" -key "$F/ed25519.key" -days 1 -out "$K/ed.crt" 2>/dev/null
openssl rsa -in "$F/leaf.key" -aes256 -passout pass:secret -out "$K/rsa.legacy" 2>/dev/null

for pair in "leaf.key leaf.pem" "leaf.key.der leaf.der" "leaf.rsa.key leaf.pem" \
    "leaf.rsa.key.der leaf.csr" "leaf.pub leaf.pem" "leaf.rsapub leaf.csr.der" \
    "leaf.rsapub.der leaf.pem" "leaf.key leaf.csr" "chains/i1.key chains/i1.pem" \
    "ed25519.key csr-ed25519.csr"; do
	set -- $pair
	t "ok-km-$(echo $1-$2 | tr / _)" 0 "key-match $F/$1 $F/$2" '' ''
done
for pair in "ec.sec1 $ch/i1.pem" "ec.p8.der $ch/i1.pem" "ec.sec1 km/ec.csr" \
    "ed.pub km/ed.csr" "ed.csr km/ed.crt"; do
	set -- $pair
	t "ok-km-$1-$(basename $2)" 0 "key-match km/$1 $2" '' ''
done
for pair in "ec.enc $ch/i1.pem" "ec.legacy km/ec.csr" "ed.enc km/ed.crt" \
    "rsa.legacy $F/leaf.pem"; do
	set -- $pair
	t "ok-km-enc-$1" 0 "key-match -w pass:secret km/$1 $2" '' ''
done
t ok-km-enc-pkcs8-env 0 "KP=secret key-match --passin env:KP $F/leaf.enc.key $F/leaf.pem" '' ''
t ok-km-enc-der-file 0 "printf 'secret\n' >pw; key-match -w file:pw $F/leaf.enc.key.der $F/leaf.csr" '' ''
t ok-km-enc-legacy-fd 0 "echo secret | key-match -w fd:0 $F/leaf.legacy-enc.key $F/leaf.pem" '' ''
t ok-km-p12 0 "key-match -w pass:secret $F/leaf.p12 $F/leaf.key" '' ''
t ok-km-p12-legacy 0 "key-match -v -w pass:secret $F/leaf-legacy.p12" '' \
    "key-match: $F/leaf-legacy.p12: note: PKCS#12 file opened with OpenSSL's legacy provider (RC2 or 3DES)
key-match: note: 2 objects carry one public key, SPKI SHA-256 $(openssl pkey -in $F/leaf.key -pubout -outform DER | sha256sum | cut -c1-64)"
t ok-km-one-stream 0 "cat $F/leaf.key $F/leaf.pem $F/leaf.csr | key-match" '' ''

# mismatches: exit 1, the odd object named, the table on stdout
t no-km-key-other-cert 1 "key-match $F/leaf.key $F/inter.pem >tab; r=\$?; awk '{ print \$1, \$2, \$3 }' tab; exit \$r" \
    "match $F/leaf.key:1 key
differs $F/inter.pem:1 cert" \
    "key-match: $F/inter.pem:1: cert CN=pemkit Test Intermediate,O=pemkit test,C=HU: its public key is not the one of $F/leaf.key:1 (key)"
t no-km-csr-other-key 1 "key-match $ch/leaf.key $F/leaf.csr >/dev/null" '' \
    "key-match: $F/leaf.csr:1: csr CN=www.example.com,O=pemkit test,C=HU: its public key is not the one of $ch/leaf.key:1 (key)"
t no-km-ec-key-rsa-cert 1 "key-match km/ec.sec1 $F/leaf.der >/dev/null" '' \
    "key-match: $F/leaf.der: cert CN=www.example.com,O=pemkit test,C=HU: its public key is not the one of km/ec.sec1:1 (key)"
t no-km-ed-pub-ec-csr 1 "key-match km/ed.pub km/ec.csr km/ed.csr >/dev/null" '' \
    "key-match: km/ec.csr:1: csr CN=ec: its public key is not the one of km/ed.pub:1 (pubkey)"
t no-km-spki-column-is-openssl-recipe 1 \
    "key-match $F/leaf.key $F/inter.pem >tab; r=\$?; awk '{ print \$(NF-1) }' tab | head -n 1; exit \$r" \
    "$(openssl pkey -in $F/leaf.key -pubout -outform DER | sha256sum | cut -c1-64)" '*'
t no-km-json-rows 1 "key-match --json $F/leaf.key $F/inter.pem 2>/dev/null >rows; r=\$?; jq -c '[.type, .group, .match, .pairwise]' rows; exit \$r" \
    '["key",1,true,true]
["cert",2,false,null]' ''
# a SEC1 key whose public half is another key's: the pairwise check
openssl ec -in "$ch/i1.key" -outform DER -out "$K/a.der" 2>/dev/null
openssl ec -in "$ch/i2.key" -outform DER -out "$K/b.der" 2>/dev/null
{ head -c $(($(wc -c <"$K/a.der") - 65)) "$K/a.der"; tail -c 65 "$K/b.der"; } >"$K/torn.der"
t no-km-pairwise 1 "key-match km/torn.der km/b.der" '' \
    "key-match: km/torn.der: private key fails OpenSSL's pairwise check: its public half does not belong to its private half"

# passphrases: never prompted for, wrong ones said in words
t trouble-km-enc-no-passin 2 "key-match $F/leaf.enc.key $F/leaf.pem" '' \
    "key-match: $F/leaf.enc.key:1: encrypted private key: give its passphrase with --passin (env:VAR or file:PATH)"
t trouble-km-enc-no-passin-on-terminal 0 \
    "timeout 10 script -qec 'key-match $F/leaf.legacy-enc.key $F/leaf.pem; echo rc=\$?' /dev/null | grep -o -e 'give its passphrase' -e 'rc=[0-9]'" \
    "give its passphrase
rc=2" ''
t trouble-km-wrong-passphrase 2 "key-match -w pass:nope $F/leaf.enc.key $F/leaf.pem 2>&1 | head -n 1; exit 2" \
    "key-match: $F/leaf.enc.key:1: wrong passphrase for the encrypted private key" ''
t trouble-km-wrong-passphrase-legacy 2 "key-match -w pass:nope $F/leaf.legacy-enc.key 2>&1 | head -n 1; exit 2" \
    "key-match: $F/leaf.legacy-enc.key:1: wrong passphrase for the encrypted private key" ''
t trouble-km-p12-needs-passin 2 "key-match $F/leaf.p12" '' \
    "key-match: $F/leaf.p12: PKCS#12 file needs a passphrase: give --passin"
t trouble-km-passin-form 2 "key-match -w secret $F/leaf.key" '' \
    'key-match: --passin takes pass:TEXT, env:VAR, file:PATH or fd:N; the value given has none of these prefixes (not shown: it may be the passphrase itself)'
t trouble-km-passin-unset-env 2 "unset NOPE; key-match -w env:NOPE $F/leaf.key" '' \
    'key-match: --passin: environment variable NOPE is not set'
t trouble-km-one-object 2 "key-match $F/leaf.key" '' \
    "key-match: nothing to match: the input holds 1 object; give a key with its certificate, request or public key"
t trouble-km-secret-not-in-messages 0 "for p in Sup3rS3cret secret; do key-match -v -w pass:\$p $F/leaf.enc.key $F/leaf.pem; done 2>&1 | grep -c -e Sup3rS3cret -e secret; true" \
    "0" ''

# --find: the certificate of a key in a 1,000-certificate bundle
awk '/-----BEGIN/ { n++ } n <= 999' "$C/debian-ca-certificates/ca-certificates.crt" \
    "$C/debian-ca-certificates/ca-certificates.crt" "$C/debian-ca-certificates/ca-certificates.crt" \
    "$C/debian-ca-certificates/ca-certificates.crt" "$C/debian-ca-certificates/ca-certificates.crt" \
    "$C/debian-ca-certificates/ca-certificates.crt" "$C/debian-ca-certificates/ca-certificates.crt" \
    >"$K/pool.pem" 2>/dev/null	# no corpus: the cases below are skipped
awk -v leaf="$F/leaf.pem" '{ print } /-----END/ && ++n == 500 { while ((getline l <leaf) > 0) print l }' \
    "$K/pool.pem" >"$K/bundle.pem"
tc ok-km-find-bundle-count 0 "grep -c BEGIN km/bundle.pem" 1000 ''
tc ok-km-find-in-1000 0 "key-match --find $F/leaf.key km/bundle.pem" "@$F/leaf.pem" ''
t ok-km-find-by-csr 0 "key-match -f $F/leaf.csr $F/chain.p7b" "@$F/leaf.pem" ''
tc no-km-find-none 1 "key-match --find $ch/leaf.key km/pool.pem" '' \
    "key-match: no certificate carries the key of $ch/leaf.key:1 (key)"
t ok-km-find-key-after-certificate 0 "key-match --find $F/leaf.pem $F/leaf.key" "@$F/leaf.pem" ''
# --find compares keys, not their encodings (issue 15 finds candidates by
# the key's bytes without decoding): a certificate whose EC point is
# compressed (SEC 1 2.3.3) carries the key written uncompressed, and the
# reverse; the same bytes under another curve or key are not it
openssl ecparam -name prime256v1 -genkey -noout -out "$K/u.key"
openssl ec -in "$K/u.key" -conv_form compressed -out "$K/c.key" 2>/dev/null
for f in u c; do
	openssl req -x509 -new -key "$K/$f.key" -subj "/CN=$f" -days 1 \
	    -out "$K/$f.pem"
	cat $F/chain.pem "$K/$f.pem" $F/root.pem >"$K/hay-$f.pem"
done
t ok-km-find-compressed-point 0 "key-match --find km/u.key km/hay-c.pem" "@$K/c.pem" ''
t ok-km-find-uncompressed-point 0 "key-match --find km/c.key km/hay-u.pem" "@$K/u.pem" ''
t ok-km-find-both-encodings 0 "cat km/u.pem km/c.pem | key-match --find km/u.key - | grep -c BEGIN" 2 ''
t no-km-find-other-ec-key 1 "key-match --find $ch/i1.key km/hay-u.pem" '' \
    "key-match: no certificate carries the key of $ch/i1.key:1 (key)"
# a certificate that does not decode is refused as before, found or not
# (its serial's INTEGER tag, byte 13, made an OCTET STRING's: framed, not
# a certificate)
{ head -c 13 $F/leaf.der; printf '\004'; tail -c +15 $F/leaf.der; } >"$K/bad.der"
{ echo '-----BEGIN CERTIFICATE-----'; openssl base64 <"$K/bad.der"
  echo '-----END CERTIFICATE-----'; } >"$K/bad.pem"
for c in '' -c; do
	t "trouble-km-find-broken-certificate$c" 2 \
	    "key-match $c --find $F/leaf.key km/bad.pem $F/leaf.pem" "@$F/leaf.pem" '*'
done
t trouble-km-find-broken-certificate-says 0 \
    "key-match --find $F/leaf.key km/bad.pem 2>&1 | head -n 2" \
    "key-match: km/bad.pem:1: certificate does not decode
  openssl: wrong tag" ''
t trouble-km-find-broken-certificate-says-c 0 \
    "key-match -c --find $F/leaf.key km/bad.pem 2>&1 | head -n 1" \
    "key-match: km/bad.pem:1: \"CERTIFICATE\" block does not decode as a certificate" 

# the corpus: every pair of KEYPAIRS.tsv
tc ok-km-corpus-keypairs 0 "KM=key-match sh $TOP/tests/keypairs-check.sh" \
    "$(((397 + CORPUS_SAMPLE - 1) / CORPUS_SAMPLE)) rows, 0 wrong" ''
