# Verdicts on the files administrators really have (issue 10): each
# scenario built exactly as users meet it, good case and bad.
V="$O/verdicts"
mkdir -p "$V"
key_id() { openssl x509 -in "$1" -noout -ext subjectKeyIdentifier | tail -n 1 | tr -d ' :' | tr A-F a-f; }
cat "$F/leaf.pem" "$F/inter.pem" >"$V/fullchain.pem"
cat "$F/leaf.key" "$F/leaf.pem" "$F/inter.pem" >"$V/icewarp.pem"
cat "$F/leaf.pem" "$F/inter.pem" "$F/leaf.key" >"$V/haproxy.pem"
cat "$F/leaf.pem" "$F/inter.pem" "$F/root.pem" >"$V/postfix-chain.pem"
openssl pkcs12 -in "$F/leaf.p12" -nodes -passin pass:secret -out "$V/p12-nodes.pem" 2>/dev/null
cp "$F/wild.key" "$V/old.key"		# another key: the one before a renewal
cat "$V/old.key" "$F/leaf.pem" "$F/inter.pem" >"$V/icewarp-oldkey.pem"
cat "$F/leaf.pem" "$F/inter.pem" "$V/old.key" >"$V/haproxy-oldkey.pem"
cat "$F/leaf.key" "$V/old.key" "$F/leaf.pem" "$F/inter.pem" >"$V/two-keys.pem"
leafsub='CN=www.example.com,O=pemkit test,C=HU'

# key-match: a bundle's CA certificates are issuers, not candidates
t ok-km-key-vs-fullchain 0 "key-match $F/leaf.key $V/fullchain.pem" '' ''
t no-km-old-key-vs-fullchain 1 "key-match $V/old.key $V/fullchain.pem" '*' \
    "key-match: $V/fullchain.pem:1: cert $leafsub: its public key is not the one of $V/old.key:1 (key)"
t ok-km-icewarp-key-first 0 "key-match $V/icewarp.pem" '' ''
t ok-km-haproxy-key-last 0 "key-match $V/haproxy.pem" '' ''
t ok-km-postfix-chain-with-root 0 "key-match $F/leaf.key $V/postfix-chain.pem" '' ''
t ok-km-pkcs12-nodes-output 0 "key-match $V/p12-nodes.pem" '' ''
t no-km-icewarp-old-key 1 "key-match $V/icewarp-oldkey.pem" '*' \
    "key-match: $V/icewarp-oldkey.pem:6: cert $leafsub: its public key is not the one of $V/icewarp-oldkey.pem:1 (key)"
t no-km-haproxy-old-key 1 "key-match $V/haproxy-oldkey.pem" '*' \
    "key-match: $V/haproxy-oldkey.pem:1: cert $leafsub: its public key is not the one of $V/haproxy-oldkey.pem:31 (key)"
t no-km-two-keys-one-leaf-names-stray 1 "key-match $V/two-keys.pem" '*' \
    "key-match: $V/two-keys.pem:29: key: its public key is not the one of $V/two-keys.pem:34 (cert $leafsub)"
t ok-km-table-marks-issuers 0 "key-match $V/old.key $V/fullchain.pem 2>/dev/null | cut -c1-9 | sed 's/ *\$//'" \
    'match
differs
issuer' ''
t ok-km-json-role 0 "key-match --json $V/old.key $V/fullchain.pem 2>/dev/null | jq -c '[.role, .match]'" \
    '["compared",true]
["compared",false]
["issuer",null]' ''
t no-km-all-compares-issuers 1 "key-match --all $V/icewarp.pem >/dev/null" '' \
    "key-match: $V/icewarp.pem:47: cert CN=pemkit Test Intermediate,O=pemkit test,C=HU: its public key is not the one of $V/icewarp.pem:29 (cert $leafsub)"
t ok-km-ca-key-and-its-certificate 0 "key-match $F/root.key $F/root.pem" '' ''
# --find takes its needle wherever it is
t ok-km-find-haproxy-key-last 0 "key-match --find $V/haproxy.pem" "@$F/leaf.pem" ''
t ok-km-find-pkcs12-nodes 0 "key-match --find $V/p12-nodes.pem" "@$F/leaf.pem" ''
t no-km-find-old-key-last 1 "key-match --find $V/haproxy-oldkey.pem" '' \
    "key-match: no certificate carries the key of $V/haproxy-oldkey.pem:31 (key)"

# pem-join -k/-K checks what it builds; nothing is written on exit 1
t ok-join-icewarp-checked 0 "pem-join -k $V/fullchain.pem $F/leaf.key | cmp - $V/icewarp.pem && echo same" same ''
t ok-join-haproxy-checked 0 "pem-join -K $V/fullchain.pem $F/leaf.key | cmp - $V/haproxy.pem && echo same" same ''
t no-join-old-key-with-renewed-certificate 1 "pem-join -k -o j-old.pem $V/fullchain.pem $V/old.key; rc=\$?; test -e j-old.pem || echo absent; exit \$rc" absent \
    "pem-join: $V/old.key:1: the private key is not the key of the first certificate ($V/fullchain.pem:1, CN=www.example.com): a renewal's new certificate with the old key?"
t no-join-two-keys 1 "pem-join -K $V/fullchain.pem $F/leaf.key $V/old.key" '' \
    "pem-join: $V/old.key:1: a second private key (the first at $F/leaf.key:1): a server's file holds exactly one"
t no-join-encrypted-key 1 "pem-join -k $V/fullchain.pem $F/leaf.enc.key" '' \
    "pem-join: $F/leaf.enc.key:1: the private key is encrypted, and IceWarp, HAProxy, Kerio and Postfix cannot load an encrypted key: give --decrypt with --passin, or --no-check"
t no-join-legacy-encrypted-key 1 "pem-join -k $V/fullchain.pem $F/leaf.legacy-enc.key" '' \
    "pem-join: $F/leaf.legacy-enc.key:1: the private key is encrypted, and IceWarp, HAProxy, Kerio and Postfix cannot load an encrypted key: give --decrypt with --passin, or --no-check"
t no-join-no-key 1 "pem-join -k $V/fullchain.pem" '' \
    'pem-join: no private key in the input: -k and -K build a file of a key and its certificates'
t no-join-key-without-certificate 1 "pem-join -K $F/leaf.key" '' \
    "pem-join: no certificate in the input to go with the private key ($F/leaf.key:1)"
t ok-join-no-check-keeps-old-behaviour 0 "pem-join -N -k $V/fullchain.pem $V/old.key | grep -c BEGIN" 3 ''
t ok-join-decrypt 0 "pem-join -k --decrypt --passin pass:secret $V/fullchain.pem $F/leaf.enc.key | cmp - $V/icewarp.pem && echo same" same ''
t trouble-join-decrypt-without-passin 2 "pem-join -k --decrypt $V/fullchain.pem $F/leaf.enc.key" '' '*'
t ok-join-pkcs1-for-kerio 0 "pem-join -K -R $V/fullchain.pem $F/leaf.key | pem-split -t key | cmp - $F/leaf.rsa.key && echo same" same ''
t ok-split-decrypt 0 "pem-split -d -w pass:secret $F/leaf.enc.key | cmp - $F/leaf.key && echo same" same ''
t ok-split-decrypt-legacy 0 "pem-split -d -w pass:secret $F/leaf.legacy-enc.key | cmp - $F/leaf.key && echo same" same ''
t ok-split-pkcs1 0 "pem-split --pkcs1 $F/leaf.key | cmp - $F/leaf.rsa.key && echo same" same ''
t trouble-split-pkcs1-ed25519 2 "pem-split -R $F/ed25519.key" '' \
    "pem-split: $F/ed25519.key:1: the key is ED25519, which has no traditional (PKCS#1-style) form; only RSA, EC and DSA keys do"

# chain-order on a CA-style PKI (tests/fixtures/mk-pki.sh), at 2030-01-01
P="$F/pki"
cat "$P/rsa.pem" "$P/ca1.pem" >"$V/pki-fullchain.pem"
cat "$P/ca1.pem" "$P/root.pem" >"$V/ca-bundle.crt"
mkdir -p "$V/sslca"
pem-split -f -p "$V/sslca/%h" "$P/ca1.pem" >/dev/null
cat "$P/rsa.pem" >"$V/pki-leaf.pem"
at='--at 2030-01-01'
# 1. a trust file's intermediate is an intermediate: written
t ok-co-ca-bundle-intermediate-written 0 "chain-order $at -C $V/ca-bundle.crt $P/rsa.pem" "@$V/pki-fullchain.pem" ''
t ok-co-ca-path-intermediates-kerio 0 "SSL_CERT_FILE=$P/root.pem chain-order $at -d $V/sslca $P/rsa.pem" "@$V/pki-fullchain.pem" ''
t ok-co-ca-path-intermediate-ends-with-warning 0 "chain-order $at -d $V/sslca $P/rsa.pem" "@$V/pki-fullchain.pem" \
    "chain-order: warning: the chain ends at $V/sslca/b0821387.0:1, a trusted certificate that is not self-signed: its issuer is in no input or trust store"
t ok-co-ca-bundle-root-only-with-r 0 "chain-order $at -r -C $V/ca-bundle.crt $P/rsa.pem | grep -c BEGIN" 3 ''
# 2. a public chain needs no root file: the system store
t ok-co-fullchain-root-in-system-store 0 "SSL_CERT_FILE=$P/root.pem chain-order $at $V/pki-fullchain.pem" "@$V/pki-fullchain.pem" ''
t no-co-fullchain-root-unknown 1 "chain-order $at $V/pki-fullchain.pem" '' \
    "chain-order: chain incomplete: the issuer of $V/pki-fullchain.pem:18 (O=pemkit PKI,CN=pemkit PKI CA 1) is not in the input or the system store: O=pemkit PKI,CN=pemkit PKI Root X1, key identifier $(key_id "$P/root.pem")
  to complete it, give the issuer (or its root) with -C FILE; -p writes the partial chain"
t no-co-fullchain-no-system 0 "SSL_CERT_FILE=$P/root.pem chain-order -N $at $V/pki-fullchain.pem 2>&1 | head -n 1" \
    "chain-order: chain incomplete: the issuer of $V/pki-fullchain.pem:18 (O=pemkit PKI,CN=pemkit PKI CA 1) is not in the input: O=pemkit PKI,CN=pemkit PKI Root X1, key identifier $(key_id "$P/root.pem")" ''
t ok-co-leaf-only-completed-nowhere 1 "SSL_CERT_FILE=$P/root.pem chain-order $at $P/rsa.pem" '' '*'
# 3. validity decides between copies of one intermediate
t ok-co-valid-copy-beats-expired-and-future 0 "chain-order $at $P/rsa.pem $P/ca1-expired.pem $P/ca1-future.pem $P/ca1.pem $P/root.pem" \
    "@$V/pki-fullchain.pem" \
    "chain-order: warning: 3 certificates can issue the one at $P/rsa.pem:1; took O=pemkit PKI,CN=pemkit PKI CA 1 at $P/ca1.pem:1: it is valid at the time
chain-order: warning: 2 certificates are not on the chain, dropped: $P/ca1-expired.pem:1, $P/ca1-future.pem:1"
t ok-co-expired-only-written-with-warning 0 "chain-order $at $P/rsa.pem $P/ca1-expired.pem $P/root.pem | grep -c BEGIN" 2 \
    "chain-order: warning: the chain goes through $P/ca1-expired.pem:1, which has expired at the time checked"
t ok-co-not-yet-valid-written-with-warning 0 "chain-order $at $P/rsa.pem $P/ca1-future.pem $P/root.pem | grep -c BEGIN" 2 \
    "chain-order: warning: the chain goes through $P/ca1-future.pem:1, which is not yet valid at the time checked"
t no-co-expired-only-verify 1 "chain-order -y $at -C $P/root.pem $P/rsa.pem $P/ca1-expired.pem" '' \
    "chain-order: warning: the chain goes through $P/ca1-expired.pem:1, which has expired at the time checked
chain-order: verification failed at depth 1, O=pemkit PKI,CN=pemkit PKI CA 1: certificate has expired"
# 4. findings: silent on an exact fullchain, every finding exit 1 under -s
t ok-co-strict-exact-fullchain 0 "SSL_CERT_FILE=$P/root.pem chain-order -s $at $V/pki-fullchain.pem" "@$V/pki-fullchain.pem" ''
t no-co-strict-root-in-file 1 "chain-order -s $at $V/pki-fullchain.pem $P/root.pem" '' \
    "chain-order: the root $P/root.pem:1 is left out (-r keeps it)
chain-order: --strict: 1 finding: the input is not exactly the chain to send"
t no-co-strict-leaf-not-first 1 "SSL_CERT_FILE=$P/root.pem chain-order -s $at $P/ca1.pem $P/rsa.pem" '' \
    "chain-order: the input did not start with the leaf: the leaf is at $P/rsa.pem:1
chain-order: --strict: 1 finding: the input is not exactly the chain to send"
t ok-co-json-findings 0 "chain-order --json $at $P/rsa.pem $P/ca1-expired.pem $P/ca1.pem $P/root.pem 2>/dev/null | jq -c 'select(.position == 1) | .findings | length'" \
    3 ''
# 5. a root store is not a chain
t trouble-co-root-store-corpus 2 "chain-order $C/debian-ca-certificates/ca-certificates.crt" '' \
    'chain-order: no single chain: every certificate of the input issued another one, or is a self-signed CA (a root store?); give the leaf'
t trouble-co-root-store-with-one-intermediate 2 "cat $P/root.pem $P/oldroot.pem $F/chains/root2.pem $P/ca1.pem | chain-order" '' \
    'chain-order: no single chain: the input holds no end-entity certificate and 2 self-signed certificates off any chain (a root store?); give the leaf'
# 6. certificates OpenSSL marks invalid still link, with the defect named
ice=$C/x509-limbo/cases/rfc5280__root-inconsistent-ca-extensions
t ok-co-invalid-root-links 0 "chain-order -r -C $ice/trusted.pem $ice/peer.pem | cmp - $ice/chain.pem && echo same" same \
    "chain-order: warning: $ice/trusted.pem:1: linked by name, key identifiers and signature although OpenSSL marks it invalid: basicConstraints cA without keyCertSign in keyUsage (RFC 5280 section 4.2.1.3)"
# 7. --end-at prefers the path to that root over a later cross-sign
t ok-co-cross-sign-default-later-notafter 0 "chain-order -r $at $P/rsa.pem $P/ca1.pem $P/root-cross.pem $P/root.pem $P/oldroot.pem 2>/dev/null | grep -c BEGIN" 4 ''
t ok-co-end-at-name 0 "chain-order -r $at --end-at 'pemkit PKI Root X1' $P/rsa.pem $P/ca1.pem $P/root-cross.pem $P/root.pem $P/oldroot.pem 2>/dev/null | grep -c BEGIN" 3 ''
t ok-co-end-at-file 0 "chain-order $at -e $P/root.pem $P/rsa.pem $P/ca1.pem $P/root-cross.pem $P/oldroot.pem" "@$V/pki-fullchain.pem" \
    "chain-order: warning: 2 certificates can issue the one at $P/ca1.pem:1; took O=pemkit PKI,CN=pemkit PKI Root X1 at $P/root.pem:1: its path ends at the --end-at root
chain-order: warning: 2 certificates are not on the chain, dropped: $P/root-cross.pem:1, $P/oldroot.pem:1"
t trouble-co-end-at-unknown 2 "chain-order $at --end-at 'No Such Root' $V/pki-fullchain.pem $P/root.pem" '' \
    'chain-order: --end-at: no root "No Such Root" in the input or the trust files'
# 8. --issuers: the chain without its leaf (Apache, ACM, Kerio sslca/)
t ok-co-issuers 0 "chain-order $at -i -C $P/root.pem $P/ca1.pem $P/rsa.pem" "@$P/ca1.pem" ''
# 9. no input makes it slow or crash: results only (timings in bench/)
t trouble-co-deep-chain-capped 2 "chain-order $at -C $P/root.pem $P/deep.pem" '' \
    'chain-order: the chain is longer than 64 certificates: stopped there'
cat "$P/samename-leaf.pem" "$P/samename-17.pem" >"$V/samename-want.pem"
t ok-co-same-subject-pool 0 "chain-order $at -C $P/root.pem $P/samename-leaf.pem $P/samename.pem 2>/dev/null" "@$V/samename-want.pem" ''
# a message lists at most DIAG_LIST_MAX (10) certificates under it, then
# how many more: 39 of the issuer's name without the one that links, and
# 33 CAs that could each be the leaf
awk -v skip="$(sed -n 2p "$P/samename-17.pem")" '/-----BEGIN/ { blk = ""; keep = 1 }
    { blk = blk $0 "\n"; if ($0 == skip) keep = 0 } /-----END/ { if (keep) printf "%s", blk }' \
    "$P/samename.pem" >"$V/samename-39.pem"
t no-co-same-name-list-capped 1 "chain-order $at -C $P/root.pem $P/samename-leaf.pem $V/samename-39.pem 2>$V/sn.err >/dev/null; r=\$?; sed -n '2,3p;12,14p' $V/sn.err; exit \$r" \
    "chain-order: chain incomplete: no certificate links as the issuer of $P/samename-leaf.pem:1 (O=pemkit PKI,CN=same.pki.example)
  $V/samename-39.pem:1 has its issuer's name but another key identifier
  $V/samename-39.pem:109 has its issuer's name but another key identifier
  ... and 29 more
  to complete it, give the issuer (or its root) with -C FILE; -p writes the partial chain" ''
t trouble-co-leaf-candidates-list-capped 2 "chain-order $at $P/crowd.pem 2>$V/crowd.err >/dev/null; r=\$?; sed -n '1,2p;11,\$p' $V/crowd.err; exit \$r" \
    "chain-order: 33 certificates could be the leaf; choose one with --host NAME:
  $P/crowd.pem:1: O=pemkit Crowd,CN=pemkit Crowd CA
  $P/crowd.pem:109: O=pemkit Crowd,CN=pemkit Crowd CA
  ... and 23 more" ''
