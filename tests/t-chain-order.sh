# chain-order: every order of the input gives one output; cross-signed
# intermediates, missing links, two leaves, impostors, expiry under
# --verify; the corpus's expected chains.

ch="$F/chains"
G="$O/co"
mkdir -p "$G"
cat "$ch/leaf.pem" "$ch/i2.pem" "$ch/i1.pem" >"$G/want.pem"
cat "$G/want.pem" "$F/root.pem" >"$G/want-root.pem"
key_id() { openssl x509 -in "$1" -noout -ext subjectKeyIdentifier | tail -n 1 | tr -d ' :' | tr A-F a-f; }

# 1. leaf, two intermediates, root, a stray and a duplicate: all 720
# orders give the same bytes (every THIN-th under make valgrind)
i=0
for f in "$ch/leaf.pem" "$ch/i1.pem" "$ch/i2.pem" "$F/root.pem" "$ch/stray.pem" "$ch/i1.pem"; do
	i=$((i + 1))
	cp "$f" "$G/$i.pem"
done
awk 'function p(s, r,   i) { if (r == "") { print s; return }
	for (i = 1; i <= length(r); i++) p(s substr(r, i, 1), substr(r, 1, i - 1) substr(r, i + 1)) }
	BEGIN { p("", "123456") }' | awk -v s="$THIN" '(NR - 1) % s == 0' >"$G/perms"
t ok-co-every-permutation 0 "n=0; d=0; while read -r p; do n=\$((n + 1));
	f=\$(echo \$p | sed 's|.|co/&.pem |g'); cat \$f | chain-order 2>/dev/null |
	cmp -s - co/want.pem || d=\$((d + 1)); done <co/perms; echo \$n \$d" \
    "$(wc -l <"$G/perms" | tr -d ' ') 0" ''
t ok-co-notes 0 "cat $ch/i1.pem $ch/leaf.pem $F/root.pem $ch/stray.pem $ch/i2.pem $ch/i1.pem | chain-order -v" \
    "@$G/want.pem" \
    "chain-order: warning: <stdin>:61: duplicate of <stdin>:1, dropped
chain-order: warning: 1 certificate is not on the chain, dropped: <stdin>:38
chain-order: note: the root <stdin>:26 is left out (-r keeps it)
chain-order: note: the input did not start with the leaf: the leaf is at <stdin>:13"
t ok-co-root 0 "chain-order -r $F/root.pem $ch/i2.pem $ch/leaf.pem $ch/i1.pem" "@$G/want-root.pem" ''
t no-co-strict-stray 1 "chain-order -s $ch/stray.pem $G/want-root.pem" '' \
    "chain-order: warning: 1 certificate is not on the chain, dropped: $ch/stray.pem:1
chain-order: --strict: 3 findings: the input is not exactly the chain to send"
t ok-co-json 0 "chain-order --json $ch/i1.pem $F/root.pem $ch/leaf.pem $ch/i2.pem | jq -c '[.position, .role, .written, .link, .line]'" \
    '[1,"leaf",true,"name+keyid+signature",1]
[2,"intermediate",true,"name+keyid+signature",1]
[3,"intermediate",true,"name+keyid+signature",1]
[4,"root",false,"self-signed",1]' ''
t ok-co-pkcs7-der-input 0 "chain-order -r $F/chain.p7b.der" "@$F/chain.pem" ''

# 2a. cross-signed I2: same name and key, issued by I1 (-> root) and by
# root 2; the one that reaches the given trust anchor wins
cat "$ch/leaf.pem" "$ch/i2-cross.pem" >"$G/want-cross.pem"
t ok-co-cross-anchor-root 0 "chain-order -v -C $F/root.pem $ch/i2-cross.pem $ch/leaf.pem $ch/i1.pem $ch/i2.pem" \
    "@$G/want.pem" \
    "chain-order: warning: 2 certificates can issue the one at $ch/leaf.pem:1; took CN=pemkit Chain I2,O=pemkit test at $ch/i2.pem:1: it reaches a trust anchor
chain-order: warning: 1 certificate is not on the chain, dropped: $ch/i2-cross.pem:1
chain-order: note: the input did not start with the leaf: the leaf is at $ch/leaf.pem:1"
t ok-co-cross-anchor-root2 0 "chain-order -C $ch/root2.pem $ch/i2.pem $ch/leaf.pem $ch/i1.pem $ch/i2-cross.pem" \
    "@$G/want-cross.pem" \
    "chain-order: warning: 2 certificates can issue the one at $ch/leaf.pem:1; took CN=pemkit Chain I2,O=pemkit test at $ch/i2-cross.pem:1: it reaches a trust anchor
chain-order: warning: 2 certificates are not on the chain, dropped: $ch/i2.pem:1, $ch/i1.pem:1"
t ok-co-cross-later-notafter 0 "chain-order -v $ch/leaf.pem $ch/i2.pem $ch/i2-cross.pem $ch/i1.pem $F/root.pem $ch/root2.pem 2>&1 >out.pem | grep 'can issue'; cmp out.pem co/want-cross.pem" \
    "chain-order: warning: 2 certificates can issue the one at $ch/leaf.pem:1; took CN=pemkit Chain I2,O=pemkit test at $ch/i2-cross.pem:1: it has the later notAfter" ''

# 2b. the middle intermediate missing: exit 1, nothing written, the
# missing issuer named with its key identifier
t no-co-missing-middle 1 "chain-order $ch/leaf.pem $ch/i1.pem $F/root.pem" '' \
    "chain-order: warning: 2 certificates are not on the chain, dropped: $ch/i1.pem:1, $F/root.pem:1
chain-order: chain incomplete: the issuer of $ch/leaf.pem:1 (CN=www.example.com,O=pemkit test) is not in the input or the system store: CN=pemkit Chain I2,O=pemkit test, key identifier $(key_id "$ch/i2.pem")
  to complete it, give the issuer (or its root) with -C FILE; -p writes the partial chain"
t no-co-missing-middle-no-system 0 "chain-order -N $ch/leaf.pem $ch/i1.pem $F/root.pem 2>&1 >/dev/null | sed -n 2p" \
    "chain-order: chain incomplete: the issuer of $ch/leaf.pem:1 (CN=www.example.com,O=pemkit test) is not in the input: CN=pemkit Chain I2,O=pemkit test, key identifier $(key_id "$ch/i2.pem")" ''
t no-co-partial 1 "chain-order --partial $ch/leaf.pem $ch/i1.pem $F/root.pem 2>/dev/null" "@$ch/leaf.pem" ''
t no-co-o-keeps-old-file 0 "echo old >fc.pem; chain-order -o fc.pem $ch/leaf.pem $F/root.pem 2>/dev/null; echo \$?; cat fc.pem" \
    "1
old" ''
t no-co-no-root-is-incomplete 1 "chain-order $ch/leaf.pem $ch/i2.pem $ch/i1.pem 2>/dev/null" '' ''
t ok-co-ca-file-completes 0 "chain-order -C $F/root.pem $ch/leaf.pem $ch/i2.pem $ch/i1.pem" "@$G/want.pem" ''
mkdir -p "$G/capath"
cp "$F/root.pem" "$G/capath/root.pem"
t ok-co-ca-path-completes 0 "chain-order -d co/capath $ch/i1.pem $ch/leaf.pem $ch/i2.pem" "@$G/want.pem" ''
t ok-co-ca-file-root-with-r 0 "chain-order -r -C $F/root.pem $ch/leaf.pem $ch/i2.pem $ch/i1.pem" "@$G/want-root.pem" ''
# the caIssuers address of a real leaf whose issuer is absent
t no-co-missing-aia 1 "chain-order $C/x509-limbo/limbo/_assets/cryptography.io_mismatched.pem 2>err; r=\$?; grep 'issuer is at' err; exit \$r" \
    "  the certificate says its issuer is at http://r3.i.lencr.org/" ''

# 2c. two leaves: exit 2 listing both; --host picks one
t trouble-co-two-leaves 2 "chain-order $ch/leaf.pem $ch/mail.pem $ch/i2.pem $ch/i1.pem $F/root.pem" '' \
    "chain-order: 2 certificates could be the leaf; choose one with --host NAME:
  $ch/leaf.pem:1: CN=www.example.com,O=pemkit test
  $ch/mail.pem:1: CN=mail.example.com,O=pemkit test"
cat "$ch/mail.pem" "$ch/i2.pem" "$ch/i1.pem" >"$G/want-mail.pem"
t ok-co-two-leaves-host 0 "chain-order -H mail.example.com $ch/leaf.pem $ch/mail.pem $ch/i2.pem $ch/i1.pem $F/root.pem" \
    "@$G/want-mail.pem" "chain-order: warning: 1 certificate is not on the chain, dropped: $ch/leaf.pem:1"
t trouble-co-host-none 2 "chain-order -H nope.example.org $ch/leaf.pem $ch/mail.pem $F/root.pem" '' \
    "chain-order: no leaf covers nope.example.org"

# 2d. the impostor: I2's name and key identifier, another key: not linked
t no-co-impostor 1 "chain-order $ch/i2-fake.pem $ch/leaf.pem $ch/i1.pem $F/root.pem" '' \
    "chain-order: warning: 3 certificates are not on the chain, dropped: $ch/i2-fake.pem:1, $ch/i1.pem:1, $F/root.pem:1
chain-order: chain incomplete: no certificate links as the issuer of $ch/leaf.pem:1 (CN=www.example.com,O=pemkit test)
  $ch/i2-fake.pem:1 has its issuer's name but its key does not verify the signature
  to complete it, give the issuer (or its root) with -C FILE; -p writes the partial chain"
t ok-co-impostor-beside-real 0 "chain-order $ch/i2-fake.pem $ch/leaf.pem $ch/i2.pem $ch/i1.pem $F/root.pem" "@$G/want.pem" \
    "chain-order: warning: 1 certificate is not on the chain, dropped: $ch/i2-fake.pem:1"

# 2e. --verify: OpenSSL's verification, at a time, for a name
t ok-co-verify 0 "chain-order -y -C $F/root.pem -H www.example.com -a 2030-01-01 $ch/leaf.pem $ch/i2.pem $ch/i1.pem" \
    "@$G/want.pem" ''
t no-co-verify-expired-intermediate 1 "chain-order --verify -C $F/root.pem --at 2030-01-01 $ch/leaf.pem $ch/i2-expired.pem $ch/i1.pem" '' \
    "chain-order: warning: the chain goes through $ch/i2-expired.pem:1, which has expired at the time checked
chain-order: verification failed at depth 1, CN=pemkit Chain I2,O=pemkit test: certificate has expired"
t no-co-verify-wrong-host 1 "chain-order -y -C $F/root.pem -H mail.example.com -a 2030-01-01 $G/want.pem" '' \
    "chain-order: verification failed at depth 0, CN=www.example.com,O=pemkit test: hostname mismatch"
t no-co-verify-untrusted-root 1 "SSL_CERT_FILE=$ch/stray.pem chain-order -y -a 2030-01-01 $G/want-root.pem" '' \
    "chain-order: verification failed at depth 3, CN=pemkit Test Root,O=pemkit test,C=HU: self-signed certificate in certificate chain"
t trouble-co-no-cert 2 "chain-order $F/leaf.key" '' "chain-order: no certificate in the input"
t trouble-co-bad-time 2 "chain-order -a tomorrow $F/leaf.pem 2>&1 | head -n 1; exit 2" \
    'chain-order: --at: "tomorrow" is not a time: use 2030-01-31, 2030-01-31T12:00:00Z or @EPOCH' ''

# real chains: a system store from the corpus's CA bundle completes one
t ok-co-system-store 0 "SSL_CERT_FILE=$C/debian-ca-certificates/ca-certificates.crt chain-order -S $C/cert-chain-resolver/tests/godaddy.bundle.crt | grep -c BEGIN" 2 \
    "chain-order: warning: the chain goes through $C/cert-chain-resolver/tests/godaddy.bundle.crt:1, which has expired at the time checked"
tc ok-co-corpus-chains 0 "CO=chain-order PS=pem-split sh $TOP/tests/chains-check.sh" \
    "$(((13 + CORPUS_SAMPLE - 1) / CORPUS_SAMPLE + 2 * ((95 + CORPUS_SAMPLE - 1) / CORPUS_SAMPLE))) chains, 0 unexpected" ''
