# der2pem and pem2der: labels chosen from content, byte-exact round trips.

[ -d "$O/messy" ] || messy "$F/chain.pem" "$O/messy"

# each DER kind gets its label; the PEM is what openssl itself writes
for pair in leaf.der:leaf.pem root.der:root.pem leaf.csr.der:leaf.csr \
    leaf.key.der:leaf.key leaf.rsa.key.der:leaf.rsa.key \
    inter.ec.key.der:inter.ec.key leaf.pub.der:leaf.pub \
    leaf.rsapub.der:leaf.rsapub leaf.enc.key.der:leaf.enc.key \
    chain.p7b.der:chain.p7b inter.crl.der:inter.crl; do
	d=${pair%%:*} p=${pair#*:}
	t "ok-der2pem-label-$d" 0 "der2pem $F/$d" "@$F/$p" ''
	t "ok-der2pem-pem2der-roundtrip-$d" 0 "der2pem $F/$d | pem2der" \
	    "@$F/$d" ''
done
t ok-der2pem-pkcs12-label 0 "der2pem $F/leaf.p12 | sed -n '1p;\$p'" \
    "-----BEGIN PKCS12-----
-----END PKCS12-----" ''
t ok-der2pem-pkcs12-roundtrip 0 "der2pem $F/leaf.p12 | pem2der | cmp - $F/leaf.p12" '' ''
t ok-der2pem-concatenated 0 "cat $F/leaf.der $F/root.der | der2pem" \
    "$(cat "$F/leaf.pem" "$F/root.pem")" ''
t ok-der2pem-normalises-pem 0 "der2pem messy/crlf.pem" "@$F/chain.pem" ''
t ok-der2pem-forced-label 0 "der2pem -t 'TRUSTED THING' $F/root.der | sed -n '1p;\$p'" \
    "-----BEGIN TRUSTED THING-----
-----END TRUSTED THING-----" ''
t trouble-der2pem-bad-label 2 "der2pem -t 'A--B' $F/root.der" '' \
    "der2pem: -t: \"A--B\" is not a PEM label
usage: der2pem [-chsVv] [-o FILE] [-t LABEL] [file ...]"
# unknown DER: a SEQUENCE of two booleans
printf '\060\006\001\001\377\001\001\000' >"$O/unknown.der"
t trouble-der2pem-unknown-der 2 "der2pem unknown.der" '' \
    "der2pem: unknown.der: byte 0: unknown DER object: not a certificate, CSR, CRL, key, PKCS#7 or PKCS#12"
t ok-der2pem-unknown-der-forced 0 "der2pem -t DATA unknown.der" \
    "-----BEGIN DATA-----
MAYBAf8BAQA=
-----END DATA-----" ''
cat "$F/leaf.der" "$O/unknown.der" >"$O/cert-then-unknown.der"
n=$(wc -c <"$F/leaf.der")
t trouble-der2pem-second-object-unknown 2 "der2pem cert-then-unknown.der" \
    "@$F/leaf.pem" \
    "der2pem: cert-then-unknown.der: byte $n: unknown DER object: not a certificate, CSR, CRL, key, PKCS#7 or PKCS#12"
{ cat "$F/leaf.der"; printf 'junk'; } >"$O/cert-then-junk.der"
t trouble-der2pem-trailing-junk 2 "der2pem cert-then-junk.der" \
    "@$F/leaf.pem" \
    "der2pem: cert-then-junk.der: byte $n: data after the last DER object is not DER"
printf '\060\211\177\377\377\377\377\377\377\377\001' >"$O/hugelen.der"
t trouble-der2pem-length-2-to-63 2 "der2pem hugelen.der" '' \
    "der2pem: hugelen.der: byte 0: broken DER length
  openssl: header too long"
t trouble-der2pem-o-is-all-or-nothing 0 \
    "echo old >keep.pem; der2pem -o keep.pem cert-then-junk.der; echo \$?; cat keep.pem; echo leftover \$(ls -a | grep -c '^.pemkit')" \
    "2
old
leftover 0" '*'
t ok-der2pem-o-replaces 0 "der2pem -o keep.pem $F/leaf.der && cat keep.pem" \
    "@$F/leaf.pem" ''

# pem2der: one block; several need -n or -t
t ok-pem2der-one-block 0 "pem2der $F/leaf.pem" "@$F/leaf.der" ''
t ok-pem2der-number 0 "pem2der -n 3 $F/chain.pem" "@$F/root.der" ''
t ok-pem2der-type 0 "pem2der -t csr $F/leaf.pem $F/leaf.csr" "@$F/leaf.csr.der" ''
t ok-pem2der-der-input 0 "pem2der $F/leaf.der" "@$F/leaf.der" ''
t trouble-pem2der-several 2 "pem2der $F/chain.pem" '' \
    "pem2der: the input holds 3 blocks; choose one with -n N or -t TYPE"
t trouble-pem2der-several-of-type 2 "pem2der -t cert $F/chain.pem" '' \
    "pem2der: the input holds 3 cert blocks; choose one with -n N or -t TYPE"
t no-pem2der-no-such-type 1 "pem2der -t crl $F/chain.pem" '' \
    "pem2der: no block of type crl in the input"
t trouble-pem2der-headers 2 "pem2der $F/leaf.legacy-enc.key" '' \
    "pem2der: $F/leaf.legacy-enc.key:1: RFC 1421 headers (an old-style encrypted key) cannot be kept in DER"
t ok-pem2der-key-file-0600 0 "umask 022; pem2der -o k.der $F/leaf.key && stat -c %a k.der && cmp k.der $F/leaf.key.der" \
    "600" ''
if command -v script >/dev/null 2>&1; then
	t trouble-pem2der-refuses-terminal 0 \
	    "script -qec 'pem2der $F/leaf.pem; echo status \$?' /dev/null | tr -d '\r'" \
	    "pem2der: refusing to write DER to a terminal; use -o FILE or redirect stdout
status 2" ''
fi
