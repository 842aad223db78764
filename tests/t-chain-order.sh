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
# orders give the same bytes (every THIN-th under make valgrind).  Files
# 2 and 6 are the same certificate, so an order and the one with 2 and 6
# swapped are the same input: the 360 distinct inputs are run, JOBS at a
# time (tests/lib/sweep.sh).
i=0
for f in "$ch/leaf.pem" "$ch/i1.pem" "$ch/i2.pem" "$F/root.pem" "$ch/stray.pem" "$ch/i1.pem"; do
	i=$((i + 1))
	cp "$f" "$G/$i.pem"
done
awk 'function p(s, r,   i) { if (r == "") { print s; return }
	for (i = 1; i <= length(r); i++) p(s substr(r, i, 1), substr(r, 1, i - 1) substr(r, i + 1)) }
	BEGIN { p("", "123456") }' | awk 'index($0, "2") < index($0, "6")' |
    awk -v s="$THIN" '(NR - 1) % s == 0' >"$G/perms"
t ok-co-every-permutation 0 ". $TOP/tests/lib/sweep.sh; sweep 'f=\$(echo \$p | sed \"s|.|co/&.pem |g\");
	cat \$f | chain-order 2>/dev/null | cmp -s - co/want.pem && echo ok || echo \"\$p differs\"' <co/perms |
	awk '\$1 != \"ok\" { print; d++ } END { print NR, d + 0 }'" \
    "$(wc -l <"$G/perms" | tr -d ' ') 0" ''
t ok-co-notes 0 "cat $ch/i1.pem $ch/leaf.pem $F/root.pem $ch/stray.pem $ch/i2.pem $ch/i1.pem | chain-order -v" \
    "@$G/want.pem" \
    "chain-order: warning: <stdin>:61: duplicate of <stdin>:1, dropped
chain-order: warning: 1 certificate is not on the chain, dropped: <stdin>:38
chain-order: note: the root <stdin>:26 is left out (-r keeps it)
chain-order: note: the input did not start with the leaf: the leaf is at <stdin>:13
chain-order: note: intermediates out of order: <stdin>:1 (CN=pemkit Chain I1,O=pemkit test) should come after <stdin>:49 (CN=pemkit Chain I2,O=pemkit test)"
t ok-co-root 0 "chain-order -r $F/root.pem $ch/i2.pem $ch/leaf.pem $ch/i1.pem" "@$G/want-root.pem" ''
t no-co-strict-stray 1 "chain-order -s $ch/stray.pem $G/want-root.pem" '' \
    "chain-order: warning: 1 certificate is not on the chain, dropped: $ch/stray.pem:1
chain-order: the root $G/want-root.pem:38 is left out (-r keeps it)
chain-order: the input did not start with the leaf: the leaf is at $G/want-root.pem:1
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
chain-order: note: the input did not start with the leaf: the leaf is at $ch/leaf.pem:1
chain-order: note: intermediates out of order: $ch/i1.pem:1 (CN=pemkit Chain I1,O=pemkit test) should come after $ch/i2.pem:1 (CN=pemkit Chain I2,O=pemkit test)"
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

# the system store is its file and its directories both, as OpenSSL
# loads them (issue 24): the root only in SSL_CERT_DIR, a list, while
# SSL_CERT_FILE exists
mkdir -p "$O/sysdir"
cp "$F/root.pem" "$O/sysdir/root.pem"
t ok-co-system-store-file-and-dir 0 "SSL_CERT_FILE=$ch/stray.pem SSL_CERT_DIR=$O/absent:$O/sysdir \
    chain-order -v $ch/leaf.pem $ch/i2.pem $ch/i1.pem" "@$G/want.pem" \
    "chain-order: note: system trust store: $ch/stray.pem
chain-order: note: system trust store: $O/sysdir"
t no-co-system-store-dir-absent 1 "SSL_CERT_FILE=$ch/stray.pem SSL_CERT_DIR=$O/absent \
    chain-order $ch/leaf.pem $ch/i2.pem $ch/i1.pem" '' '*'
# real chains: a system store from the corpus's CA bundle completes one
t ok-co-system-store 0 "SSL_CERT_FILE=$C/debian-ca-certificates/ca-certificates.crt chain-order -S $C/cert-chain-resolver/tests/godaddy.bundle.crt | grep -c BEGIN" 2 \
    "chain-order: warning: the chain goes through $C/cert-chain-resolver/tests/godaddy.bundle.crt:1, which has expired at the time checked"
tc ok-co-corpus-chains 0 "CO=chain-order PS=pem-split sh $TOP/tests/chains-check.sh" \
    "$(((13 + CORPUS_SAMPLE - 1) / CORPUS_SAMPLE + 2 * ((95 + CORPUS_SAMPLE - 1) / CORPUS_SAMPLE))) chains, 0 unexpected" ''

# issue 22: -s answers "is this file exactly what a server should send?"
# on the deployment PKI (mk-pki.sh deploy): exit 0 only when the bytes
# out are the bytes in and every link is valid at --at
P="$F/pki"
S="$O/co-send"
mkdir -p "$S"
cat "$P/www-rsa.pem" "$P/issuing1.pem" "$P/policy.pem" >"$S/fullchain.pem"
cat "$P/www-rsa.pem" "$P/policy.pem" "$P/issuing1.pem" >"$S/reversed.pem"
cat "$P/issuing1.pem" "$P/www-rsa.pem" "$P/policy.pem" >"$S/inter-first.pem"
cat "$P/www-rsa.pem" "$P/issuing1-expired.pem" "$P/policy.pem" >"$S/expired.pem"
cat "$P/www-rsa.pem" "$P/issuing1-future.pem" "$P/policy.pem" >"$S/future.pem"
cat "$P/www-rsa.pem" "$P/issuing1-critskid.pem" "$P/policy.pem" >"$S/critskid.pem"
cat "$P/www-rsa.key" "$S/fullchain.pem" >"$S/merged.pem"
openssl x509 -in "$P/www-rsa.pem" -outform DER >"$S/leaf.der"
cs="chain-order -s --at 2030-01-01 -C $P/root-x2.pem"
l2=$(($(wc -l <"$P/www-rsa.pem") + 1))		# the second block's line
l3=$((l2 + $(wc -l <"$P/policy.pem")))		# the third's in reversed.pem
sum1='chain-order: --strict: 1 finding: the input is not exactly the chain to send'
t ok-co-send-exact-fullchain 0 "$cs $S/fullchain.pem" "@$S/fullchain.pem" ''
t ok-co-send-ec-leaf 0 "cat $P/mail-ec.pem $P/issuing1.pem $P/policy.pem >m.pem; $cs m.pem | cmp - m.pem" '' ''
t ok-co-send-ed25519-leaf 0 "cat $P/ed-ed25519.pem $P/issuing2.pem $P/policy.pem >e.pem; $cs e.pem | cmp - e.pem" '' ''
t no-co-send-reversed-intermediates 1 "$cs $S/reversed.pem" '' \
    "chain-order: intermediates out of order: $S/reversed.pem:$l2 (O=pemkit Deploy,CN=pemkit Deploy Policy CA) should come after $S/reversed.pem:$l3 (O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1)
$sum1"
t ok-co-reversed-repaired-without-s 0 "chain-order --at 2030-01-01 -C $P/root-x2.pem $S/reversed.pem" "@$S/fullchain.pem" ''
t ok-co-json-finding-reversed 0 "chain-order -j --at 2030-01-01 -C $P/root-x2.pem $S/reversed.pem | jq -r 'select(.position == 1) | .findings[]'" \
    "intermediates out of order: $S/reversed.pem:$l2 (O=pemkit Deploy,CN=pemkit Deploy Policy CA) should come after $S/reversed.pem:$l3 (O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1)" ''
t no-co-send-intermediate-first 1 "$cs $S/inter-first.pem" '' \
    "chain-order: the input did not start with the leaf: the leaf is at $S/inter-first.pem:$(($(wc -l <"$P/issuing1.pem") + 1))
$sum1"
t no-co-send-expired-intermediate 1 "$cs $S/expired.pem" '' \
    "chain-order: warning: the chain goes through $S/expired.pem:$l2, which has expired at the time checked
$sum1"
t no-co-send-future-intermediate 1 "$cs $S/future.pem" '' \
    "chain-order: warning: the chain goes through $S/future.pem:$l2, which is not yet valid at the time checked
$sum1"
t no-co-send-expires-within 1 "$cs --expires-within 3652d $S/fullchain.pem" '' \
    "chain-order: warning: the chain goes through $S/fullchain.pem:1, which expires within 3652 days (--expires-within): notAfter 2039-01-01T00:00:00Z
chain-order: warning: the chain goes through $S/fullchain.pem:$l2, which expires within 3652 days (--expires-within): notAfter 2040-01-01T00:00:00Z
chain-order: --strict: 2 findings: the input is not exactly the chain to send"
t ok-co-send-expires-after-within 0 "$cs -E 3000 $S/fullchain.pem | cmp - $S/fullchain.pem" '' ''
t ok-co-expires-within-warns-without-s 0 "chain-order --at 2038-12-01 -E 12h -C $P/root-x2.pem $S/fullchain.pem >/dev/null" '' ''
t no-co-send-expires-within-hours 1 "$cs --at 2038-12-31T13:00:00Z -E 12h $S/fullchain.pem" '' \
    "chain-order: warning: the chain goes through $S/fullchain.pem:1, which expires within 12 hours (--expires-within): notAfter 2039-01-01T00:00:00Z
$sum1"
t trouble-co-expires-within-not-a-duration 2 "chain-order -E soon $S/fullchain.pem 2>&1 | head -n 1; exit 2" \
    'chain-order: --expires-within: "soon" is not a duration: use 30 (days), 30d, 12h, 2w, 33% (of the lifetime), ...' ''
t no-co-send-key-in-file 2 "$cs $S/merged.pem" '' \
    "chain-order: $S/merged.pem:1: --strict: PKCS#8 private key skipped: it is not written"
t no-co-send-der-input 1 "$cs $S/leaf.der $P/issuing1.pem $P/policy.pem" '' \
    "chain-order: $S/leaf.der was read as DER: written as PEM
$sum1"
t no-co-send-trust-file-intermediate 1 "$cs -C $P/policy.pem $P/www-rsa.pem $P/issuing1.pem" '' \
    "chain-order: $P/policy.pem:1 is not in the input: added from a trust file
$sum1"
t no-co-send-issuers-only 1 "$cs -i $S/fullchain.pem" '' \
    "chain-order: the leaf $S/fullchain.pem:1 is not written (-i)
$sum1"

# a critical subjectKeyIdentifier (RFC 5280 4.2.1.2 forbids it): linked
# by name, key identifiers and signature, with the defect named
t ok-co-critical-ski-linked 0 "chain-order --at 2030-01-01 -C $P/root-x2.pem $S/critskid.pem | cmp - $S/critskid.pem" '' \
    "chain-order: warning: $S/critskid.pem:$l2 marks its subjectKeyIdentifier critical (RFC 5280 section 4.2.1.2: must not be): linked by name, key identifiers and signature all the same; OpenSSL's verification refuses it"
t ok-co-critical-ski-linked-out-of-order 0 "chain-order --at 2030-01-01 -C $P/root-x2.pem $P/policy.pem $P/issuing1-critskid.pem $P/www-rsa.pem 2>/dev/null | cmp - $S/critskid.pem" '' ''
t no-co-send-critical-ski 1 "$cs $S/critskid.pem" '' \
    "chain-order: warning: $S/critskid.pem:$l2 marks its subjectKeyIdentifier critical (RFC 5280 section 4.2.1.2: must not be): linked by name, key identifiers and signature all the same; OpenSSL's verification refuses it
$sum1"
t no-co-verify-critical-ski 1 "chain-order -y --at 2030-01-01 -C $P/root-x2.pem $S/critskid.pem 2>&1 >/dev/null | tail -n 1; exit 1" \
    'chain-order: verification failed at depth 1, O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1: unhandled critical extension' ''
# what the reader takes for nothing is compared too: -s reads the input a
# second time (standard input kept in a temporary file)
{ cat "$P/www-rsa.pem"; echo; cat "$P/issuing1.pem" "$P/policy.pem"; } >"$S/blank-between.pem"
head -c -1 "$S/fullchain.pem" >"$S/no-final-newline.pem"
t ok-co-send-exact-stdin 0 "$cs <$S/fullchain.pem | cmp - $S/fullchain.pem" '' ''
t ok-co-send-exact-pipe 0 "cat $S/fullchain.pem | $cs | cmp - $S/fullchain.pem" '' ''
t ok-co-send-exact-three-files 0 "$cs $P/www-rsa.pem - $P/policy.pem <$P/issuing1.pem | cmp - $S/fullchain.pem" '' ''
t no-co-send-blank-line-between 2 "$cs $S/blank-between.pem" '' \
    "chain-order: $S/blank-between.pem:$l2: --strict: the input is not the chain written byte for byte here: white space between or after the blocks?"
t no-co-send-blank-line-between-pipe 2 "cat $S/blank-between.pem | $cs" '' \
    "chain-order: <stdin>:$l2: --strict: the input is not the chain written byte for byte here: white space between or after the blocks?"
t no-co-send-no-final-newline 2 "$cs $S/no-final-newline.pem" '' \
    "chain-order: $S/no-final-newline.pem:$(wc -l <"$S/fullchain.pem"): --strict: the input ends before the chain written: no newline at the end?"
t ok-co-blank-line-repaired-without-s 0 "chain-order --at 2030-01-01 -C $P/root-x2.pem $S/blank-between.pem" "@$S/fullchain.pem" ''

# issue 24 item 6: an issuer whose name equals the one its child gives
# only as OpenSSL compares names (case) is found by the canonical index;
# at most 32 certificates are tried as the issuers of one
# (CHAIN_MAX_ISSUERS): 33 of one name and one key are exit 2, not a
# chain chosen among some of them
t ok-co-issuer-name-equal-as-openssl-compares 0 "chain-order -r -N $P/canon-leaf.pem $P/canon-root.pem" \
    "$(cat "$P/canon-leaf.pem" "$P/canon-root.pem")" ''
awk '/-----BEGIN/ { n++ } n <= 32' "$P/crowd.pem" >"$G/crowd-32.pem"
t ok-co-32-issuers-tried 0 "chain-order -a 2030-01-01 -C $P/crowd-root.pem $P/crowd-leaf.pem co/crowd-32.pem >co/crowd-32.out 2>/dev/null;
    r=\$?; grep -c BEGIN co/crowd-32.out; exit \$r" 2 ''
t trouble-co-33-issuers-not-tried 2 "chain-order -a 2030-01-01 -C $P/crowd-root.pem $P/crowd-leaf.pem $P/crowd.pem" '' \
    "chain-order: more than 32 certificates named O=pemkit Crowd,CN=pemkit Crowd CA could issue the one at $P/crowd-leaf.pem:1 (key identifiers agree or are absent): stopped there, no chain chosen"
t trouble-co-33-issuers-no-fetch 2 "chain-order -F -a 2030-01-01 -N $P/crowd-leaf.pem $P/crowd.pem 2>co/crowd.err;
    r=\$?; tail -n 1 co/crowd.err; exit \$r" \
    "chain-order: more than 32 certificates named O=pemkit Crowd,CN=pemkit Crowd CA could issue the one at $P/crowd-leaf.pem:1 (key identifiers agree or are absent): stopped there, no chain chosen" ''
