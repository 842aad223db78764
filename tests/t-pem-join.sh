# pem-join: order kept, duplicates dropped, keys moved on request, and
# nothing written unless every block of every input is good.

head -n 5 "$F/leaf.pem" >"$O/join-noend.pem"

t ok-join-in-argument-order 0 "pem-join $F/leaf.pem $F/inter.pem $F/root.pem" \
    "@$F/chain.pem" ''
t ok-join-duplicates-dropped 0 \
    "pem-join -v $F/leaf.pem $F/chain.pem $F/leaf.der" "@$F/chain.pem" \
    "pem-join: $F/chain.pem:1: note: duplicate of block 1 ($F/leaf.pem:1) dropped
pem-join: $F/leaf.der: note: duplicate of block 1 ($F/leaf.pem:1) dropped"
cat "$F/leaf.key" "$F/chain.pem" >"$O/key-first.pem"
cat "$F/chain.pem" "$F/leaf.key" >"$O/key-last.pem"
t ok-join-key-first-icewarp-haproxy 0 "pem-join -k $F/chain.pem $F/leaf.key" \
    "@$O/key-first.pem" ''
t ok-join-key-last 0 "pem-join --key-last $F/leaf.key $F/chain.pem" \
    "@$O/key-last.pem" ''
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
