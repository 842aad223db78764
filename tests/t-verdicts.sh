# Verdicts on the files administrators really have (issue 10): each
# scenario built exactly as users meet it, good case and bad.
V="$O/verdicts"
mkdir -p "$V"
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
