# pem-join: order kept, duplicates dropped, keys moved on request, and
# nothing written unless every block of every input is good.

head -n 5 "$F/leaf.pem" >"$O/join-noend.pem"

t ok-join-in-argument-order 0 "pem-join $F/leaf.pem $F/inter.pem $F/root.pem" \
    "@$F/chain.pem" ''
t ok-join-duplicates-dropped 0 \
    "pem-join -v $F/leaf.pem $F/chain.pem $F/leaf.der" "@$F/chain.pem" \
    "pem-join: $F/chain.pem:1: note: duplicate of block 1 ($F/leaf.pem:1) dropped
pem-join: $F/leaf.der: note: duplicate of block 1 ($F/leaf.pem:1) dropped"
# -k/-K leave the root out (chain.pem ends with it), with a warning
cat "$F/leaf.key" "$F/leaf.pem" "$F/inter.pem" >"$O/key-first.pem"
cat "$F/leaf.pem" "$F/inter.pem" "$F/leaf.key" >"$O/key-last.pem"
rootleft="pem-join: warning: the root $F/chain.pem:31 (CN=pemkit Test Root,O=pemkit test,C=HU) is left out: a server does not send it"
t ok-join-key-first-icewarp-haproxy 0 "pem-join -k $F/chain.pem $F/leaf.key" \
    "@$O/key-first.pem" "$rootleft"
t ok-join-key-last 0 "pem-join --key-last $F/leaf.key $F/chain.pem" \
    "@$O/key-last.pem" "$rootleft"
t ok-join-key-file-0600 0 "umask 022; pem-join -k -o bundle.pem $F/leaf.pem $F/leaf.key && stat -c %a bundle.pem" \
    "600" ''
t ok-join-cert-file-umask 0 "umask 022; pem-join -o certs.pem $F/leaf.pem && stat -c %a certs.pem" \
    "644" ''
t trouble-join-both-key-options 2 "pem-join -k -K $F/leaf.pem" '' \
    "pem-join: -k and -K exclude each other
usage: pem-join [-AcdhKkNRsVvX] [-a TIME] [-I N] [-O KEY] [-o FILE] [-U KIND]
                [-w SOURCE] [file ...]"
# all or nothing: a bad block anywhere means no output at all
t trouble-join-bad-last-input 2 "pem-join $F/leaf.pem $F/inter.pem join-noend.pem" '' \
    'pem-join: join-noend.pem:1: BEGIN "CERTIFICATE" without END: the input ends first'
t trouble-join-o-keeps-old-file 0 \
    "echo old >joined.pem; pem-join -o joined.pem $F/leaf.pem join-noend.pem 2>/dev/null; echo \$?; cat joined.pem" \
    "2
old" ''
t ok-join-check 0 "pem-join -c $F/chain.pem $F/leaf.key $F/leaf.csr $F/inter.crl | grep -c BEGIN" \
    "6" ''

# issue 22: a server's file (-k/-K) on the deployment PKI: the old
# certificate left in at renewal is refused and named, nothing written;
# a root is left out with a warning; -N keeps the input as it is
P="$F/pki"
cat "$P/www-rsa-renewed.key" "$P/www-rsa-renewed.pem" "$P/issuing1.pem" "$P/policy.pem" >"$O/renewed-icewarp.pem"
t no-join-renewal-old-certificate-left-in 1 "pem-join -k -o renewed.pem $P/www-rsa.pem $P/www-rsa-renewed.pem $P/issuing1.pem $P/policy.pem $P/www-rsa-renewed.key; r=\$?; test -e renewed.pem || echo absent; exit \$r" absent \
    "pem-join: $P/www-rsa.pem:1: a second end-entity certificate (O=pemkit Deploy,CN=www.deploy.example), not of the private key: a server's file holds one leaf: the old certificate left in at renewal?"
t no-join-two-leaves-neither-of-the-key 1 "pem-join -K $P/www-rsa-renewed.pem $P/mail-ec.pem $P/issuing1.pem $P/www-rsa.key" '' \
    "pem-join: $P/mail-ec.pem:1: a second end-entity certificate (O=pemkit Deploy,CN=mail.deploy.example): a server's file holds one leaf: the old certificate left in at renewal?"
t ok-join-renewal-root-left-out 0 "pem-join -k $P/www-rsa-renewed.pem $P/issuing1.pem $P/policy.pem $P/root-x2.pem $P/www-rsa-renewed.key" \
    "@$O/renewed-icewarp.pem" \
    "pem-join: warning: the root $P/root-x2.pem:1 (O=pemkit Deploy,CN=pemkit Deploy Root X2) is left out: a server does not send it"
t ok-join-without-k-keeps-root-and-leaves 0 "pem-join $P/www-rsa.pem $P/www-rsa-renewed.pem $P/root-x2.pem | grep -c BEGIN" 3 ''
t ok-join-no-check-keeps-root 0 "pem-join -N -k $P/www-rsa-renewed.pem $P/root-x2.pem $P/www-rsa-renewed.key | grep -c BEGIN" 3 ''
t ok-join-ed25519-leaf-checked 0 "pem-join -K $P/ed-ed25519.pem $P/issuing2.pem $P/ed-ed25519.key | grep -c BEGIN" 3 ''

# issue 27: trust-bundle hygiene.  A CA bundle as it grows: a leaf in it,
# an expired root, an expired and a not-yet-valid copy of an
# intermediate (same subject and key), a cross-signed copy of a root.
# --at 2030-01-01 (1893456000) fixes the clock.
TB="$F/root.pem $F/leaf.pem $F/inter.pem $P/root.pem $P/root-cross.pem $P/oldroot.pem $P/ca1.pem $P/ca1-expired.pem $P/ca1-future.pem $P/root-x2.pem"
TBR="$P/root-x2.pem $P/ca1-future.pem $P/ca1-expired.pem $P/ca1.pem $P/oldroot.pem $P/root-cross.pem $P/root.pem $F/inter.pem $F/leaf.pem $F/root.pem"
cat "$F/inter.pem" "$F/root.pem" "$P/root-x2.pem" "$P/ca1.pem" "$P/root.pem" >"$O/tb-clean.pem"
TBC="-X -A -U key -O subject --at 2030-01-01"
t ok-join-trust-bundle-clean 0 "pem-join -v $TBC $TB" "@$O/tb-clean.pem" \
    "pem-join: $F/leaf.pem:1: note: CN=www.example.com,O=pemkit test,C=HU dropped: not a CA certificate
pem-join: $P/oldroot.pem:1: note: O=pemkit PKI,CN=pemkit PKI Old Root dropped: expired on 2025-01-01T00:00:00Z
pem-join: $P/ca1-expired.pem:1: note: O=pemkit PKI,CN=pemkit PKI CA 1 dropped: expired on 2019-01-01T00:00:00Z
pem-join: $P/root-cross.pem:1: note: O=pemkit PKI,CN=pemkit PKI Root X1 dropped: the same subject and key as $P/root.pem:1
pem-join: $P/ca1-future.pem:1: note: O=pemkit PKI,CN=pemkit PKI CA 1 dropped: the same subject and key as $P/ca1.pem:1"
t ok-join-trust-bundle-quiet-without-v 0 "pem-join $TBC $TB" "@$O/tb-clean.pem" ''
t ok-join-trust-bundle-order-independent 0 "pem-join $TBC $TBR" "@$O/tb-clean.pem" ''
# the result as a CA file: both leaves verify at the time judged
t ok-join-trust-bundle-verifies 0 "pem-join $TBC -o tb.pem $TB && openssl verify -attime 1893456000 -CAfile tb.pem $P/rsa.pem $F/leaf.pem" \
    "$P/rsa.pem: OK
$F/leaf.pem: OK" ''
# --sort notafter: by notAfter, a tie by the subject (2040: C=HU before
# O=pemkit PKI; 2045: O=pemkit Deploy before O=pemkit PKI)
t ok-join-trust-bundle-notafter-order 0 "pem-join -X -A -O notafter --at 2030-01-01 $TB | openssl crl2pkcs7 -nocrl -certfile /dev/stdin | openssl pkcs7 -print_certs -noout | sed -n 's/^subject=.*CN = //p' | cut -d, -f1" \
    "pemkit Test Intermediate
pemkit Test Root
pemkit PKI CA 1
pemkit Deploy Root X2
pemkit PKI Root X1
pemkit PKI Root X1
pemkit PKI CA 1" ''
# the control: the not-yet-valid copy alone does not verify
t no-join-trust-bundle-without-ca1-does-not-verify 2 "pem-join -A $P/root.pem $P/ca1-future.pem -o tb2.pem && openssl verify -attime 1893456000 -CAfile tb2.pem $P/rsa.pem >v.out 2>&1; r=\$?; grep -o 'certificate is not yet valid' v.out; exit \$r" \
    "certificate is not yet valid" ''
t ok-join-drop-expired-now 0 "pem-join -X $P/oldroot.pem $P/root.pem | grep -c BEGIN" "1" ''
t ok-join-ca-only-keeps-v1-root 0 "pem-join -A $F/leaf.pem $F/root.pem | cmp - $F/root.pem" '' ''
t ok-join-dedupe-cert-is-default 0 "pem-join -U cert $P/ca1.pem $P/ca1-future.pem $P/ca1.pem | grep -c BEGIN" "2" ''
t trouble-join-sort-unknown 2 "pem-join -O issuer $F/root.pem" '' \
    "pem-join: --sort takes subject or notafter, not \"issuer\"
usage: pem-join [-AcdhKkNRsVvX] [-a TIME] [-I N] [-O KEY] [-o FILE] [-U KIND]
                [-w SOURCE] [file ...]"
t trouble-join-dedupe-unknown 2 "pem-join -U name $F/root.pem" '*' \
    "pem-join: --dedupe takes cert or key, not \"name\"
usage: pem-join [-AcdhKkNRsVvX] [-a TIME] [-I N] [-O KEY] [-o FILE] [-U KIND]
                [-w SOURCE] [file ...]"
