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
