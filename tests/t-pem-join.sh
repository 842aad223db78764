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
usage: pem-join [-cdhKkNRsVv] [-I N] [-o FILE] [-w SOURCE] [file ...]"
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
