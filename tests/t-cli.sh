# The command-line contract where it surprised a new user (issue 12).
X="$F/cli"
# pem-split and pem2der: PKCS#7 opened, empty selections exit 1, unknown
# types exit 2, ranges
mkdir -p "$O/cli-sslca"
t ok-split-kerio-p7b-recipe 0 "pem-split -t cert -p 'cli-sslca/%h' $F/chain.p7b.der | wc -l" 3 ''
t ok-split-p7b-opened 0 "pem-split $F/chain.p7b | cmp - $F/chain.pem && echo same" same ''
t no-split-empty-selection 1 "pem-split -t crl $F/chain.pem" '' \
    'pem-split: no block of type crl in the input'
t no-pem2der-empty-selection 1 "pem2der -o never.der -t crl $F/chain.pem; r=\$?; test -e never.der || echo absent; exit \$r" absent \
    'pem2der: no block of type crl in the input'
t trouble-split-unknown-type 2 "pem-split -t bogus $F/chain.pem" '' \
    'pem-split: -t: unknown type "bogus": use cert, csr, crl, key, pubkey, pkcs7, pkcs12, other or a PEM label
usage: pem-split [-cDdfhRsVv] [-I N] [-n N] [-o FILE] [-p TEMPLATE] [-t TYPE]
                 [-w SOURCE] [file ...]'
t ok-split-type-label 0 "pem-split -t 'CERTIFICATE' $F/chain.pem | grep -c BEGIN" 3 ''
t ok-split-range-open 0 "pem-split -n 2- $F/chain.pem | cert-info -f '%{subject.CN}'" \
    'pemkit Test Intermediate
pemkit Test Root' ''
t ok-split-range-list 0 "pem-split -n 1,3 $F/chain.pem | cert-info -f '%{subject.CN}'" \
    'www.example.com
pemkit Test Root' ''
t ok-split-range-closed 0 "pem-split -n 2-2 $F/chain.pem | cert-info -f '%{subject.CN}'" \
    'pemkit Test Intermediate' ''
t trouble-split-range-bad 2 "pem-split -n 3-1 $F/chain.pem" '' '*'
t trouble-pem2der-range-several 2 "pem2der -n 1- $F/chain.pem >/dev/null" '' \
    'pem2der: -n 1- selects several blocks; DER holds one: choose one number'
# a .p7b is one block; its first certificate is member 1.1 (pemkit(7))
t ok-pem2der-cert-of-p7b 0 "pem2der -t cert -n 1.1 $F/chain.p7b | cmp - $F/leaf.der && echo same" same ''
t trouble-pem2der-p7b-block-several 2 "pem2der -t cert -n 1 $F/chain.p7b >/dev/null" '' \
    'pem2der: -n 1 selects several blocks; DER holds one: choose one number'
# cert-info: -e in days, -f checked first, the SAN label, invalid
# certificates, malformed times
t no-expiry-bare-number-is-days 1 "cert-info -e 30 --at 2030-01-01 $X/expires-2030-01-11.pem >/dev/null" '' \
    "cert-info: $X/expires-2030-01-11.pem:1: CN=soon.example.com expires on 2030-01-11T00:00:00Z, in 10 days"
t ok-expiry-bare-number-outside 0 "cert-info -e 5 --at 2030-01-01 $X/expires-2030-01-11.pem >/dev/null" '' ''
t trouble-format-checked-before-output 2 "cert-info -o fmt.out -f 'X%{nosuch}Y' $F/chain.pem; r=\$?; test -e fmt.out || echo nothing; exit \$r" nothing '*'
t ok-san-label-email-only 0 "cert-info $X/email-only.pem | grep 'subject alt name'" \
    '  subject alt name:  email:anna@example.hu' ''
meku=$C/certificate-transparency/python/ct/crypto/testdata/multiple_eku.pem
t ok-invalid-certificate-extensions-shown 0 "cert-info $meku | grep 'ext key usage'" \
    '  ext key usage:     serverAuth, clientAuth, nsSGC' \
    "cert-info: $meku:82: warning: OpenSSL marks this certificate invalid (duplicate X509v3 Extended Key Usage extension); its extensions are shown as they are"
bt=$C/pyca-cryptography/x509/badasn1time.pem
t ok-malformed-time-named 0 "cert-info -f '%{serial} %{not_before} %{not_after}' $bt" \
    'cfcdde7cf4bf66fd 2011-03-21T09:25:52Z (malformed)' \
    "cert-info: $bt:1: warning: its notAfter is malformed (RFC 5280 section 4.1.2.5): shown as \"(malformed)\""
t ok-malformed-time-json-null 0 "cert-info --json $bt 2>/dev/null | jq -c '[.not_after, .days_left]'" '[null,null]' ''
t trouble-malformed-time-expiry 2 "cert-info -e 30 $bt" '*' \
    "cert-info: $bt:1: warning: its notAfter is malformed (RFC 5280 section 4.1.2.5): shown as \"(malformed)\"
cert-info: $bt:1: cannot check the expiry: its notAfter is malformed"

# csr-check: repeatable -k/-K, --email, CN-only, the Baseline
# Requirements' subject rules, attributes, extensions, severity
t no-csr-not-key-repeated 1 "csr-check -o discard.out -K $F/wild.pem -K $F/leaf.pem $F/csr-rsa.csr" '' \
    "csr-check: $F/csr-rsa.csr:1: it reuses the key of $F/leaf.pem: make a new key for the new certificate"
t ok-csr-not-key-repeated-new-key 0 "csr-check -o discard.out -K $F/root.pem -K $F/leaf.pem $F/csr-ec.csr" '' ''
t no-csr-key-repeated-every-value 1 "csr-check -o discard.out -k $F/leaf.key -k $F/wild.key $F/csr-rsa.csr" '' \
    "csr-check: $F/csr-rsa.csr:1: its key is not the key of $F/wild.key"
t ok-csr-email 0 "csr-check -o discard.out -P smime --email alice@example.com $F/csr-smime.csr" '' ''
t no-csr-email-missing 1 "csr-check -o discard.out -P smime --email boss@example.com $F/csr-smime.csr" '' \
    "csr-check: $F/csr-smime.csr:1: does not carry the address boss@example.com: add it to the subjectAltName (email:boss@example.com)"
t trouble-csr-host-given-address 2 "csr-check -H alice@example.com $F/csr-smime.csr" '' \
    'csr-check: -H alice@example.com: -H takes a host name; for an e-mail address use --email
usage: csr-check [-achjSsVv] [-b BITS] [-H NAME] [-I N] [-K FILE] [-k FILE]
                 [-m ADDR] [-o FILE] [-P PROFILE] [-r FIELDS] [-w SOURCE]
                 [file ...]'
t ok-csr-ou-warning 0 "csr-check $X/ou.csr | grep -e verdict -e warning:" \
    '  verdict:           acceptable, with warnings (tls profile)
  warning:           OU=IT: the organizationalUnitName is prohibited in TLS certificates since 2022-09-01 (Baseline Requirements 7.1.4.2): the CA will drop it or refuse the request' \
    "csr-check: $X/ou.csr:1: warning: OU=IT: the organizationalUnitName is prohibited in TLS certificates since 2022-09-01 (Baseline Requirements 7.1.4.2): the CA will drop it or refuse the request"
t no-csr-ou-strict 1 "csr-check -s -o discard.out $X/ou.csr 2>/dev/null" '' ''
t ok-csr-challenge-password-shown-warned 0 "csr-check $X/challenge.csr 2>/dev/null | grep -e attributes -e warning:" \
    '  attributes:        challengePassword
  warning:           a challengePassword attribute: CAs ignore it, and it travels in clear; leave it out' ''
t no-csr-ca-true 0 "csr-check $X/ca-true.csr 2>/dev/null | grep -e extensions -e rejection: -e verdict" \
    '  extensions:        subjectAltName, basicConstraints
  verdict:           REJECTED (tls profile)
  rejection:         it requests basicConstraints cA TRUE: a TLS server certificate is never a CA (Baseline Requirements 7.1.2.7)' ''
t ok-csr-json-severity 0 "csr-check --json $X/ou.csr 2>/dev/null | jq -c '[.problems[].severity, .attributes, .extensions]'" \
    '["warning",[],["subjectAltName"]]' ''
t no-csr-smime-email-mismatch 1 "csr-check -o discard.out -P smime $X/smime-mismatch.csr" '' \
    "csr-check: $X/smime-mismatch.csr:1: emailAddress=anna@example.hu in the subject is not the subjectAltName's address: make them one"
t ok-csr-smime-email-match 0 "csr-check -o discard.out -P smime $X/smime-match.csr" '' ''
t no-csr-md4-unsupported 1 "csr-check -o discard.out $X/md4.csr" '' \
    "csr-check: $X/md4.csr:1: signed with md4WithRSAEncryption, which OpenSSL's default provider cannot check: make the request again with SHA-256
csr-check: $X/md4.csr:1: signed with MD4: make the request with SHA-256 (openssl req -sha256)"
t no-csr-ca-true-exit 1 "csr-check -o discard.out $X/ca-true.csr" '' \
    "csr-check: $X/ca-true.csr:1: it requests basicConstraints cA TRUE: a TLS server certificate is never a CA (Baseline Requirements 7.1.2.7)"
