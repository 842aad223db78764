# pem-split: normaliser to stdout, selection, and one file per block.

t ok-split-canonical-is-identity 0 "pem-split $F/chain.pem" "@$F/chain.pem" ''
t ok-split-join-roundtrip 0 "pem-split $F/chain.pem | pem-join" \
    "@$F/chain.pem" ''
t ok-split-select-type 0 "pem-split -t key $F/leaf.pem $F/leaf.key" \
    "@$F/leaf.key" ''
t ok-split-select-label 0 "pem-split -t 'rsa private key' $F/leaf.rsa.key $F/leaf.pem" \
    "@$F/leaf.rsa.key" ''
t ok-split-select-number 0 "pem-split -n 2 $F/chain.pem" "@$F/inter.pem" ''
# -n is the block's index in the whole stream (pemkit(7)), -t narrows it
t ok-split-select-type-and-number 0 \
    "pem-split -t cert -n 4 $F/leaf.key $F/chain.pem" "@$F/root.pem" ''
t no-split-type-and-number-disagree 1 \
    "pem-split -t cert -n 1 $F/leaf.key $F/chain.pem" '' \
    "pem-split: no block of type cert numbered 1 in the input"
t no-split-number-past-end 1 "pem-split -n 4 $F/chain.pem" '' \
    "pem-split: no block numbered 4 in the input"
t ok-split-output-file 0 "pem-split -o split-o.pem $F/chain.pem && cat split-o.pem" \
    "@$F/chain.pem" ''
t ok-split-der-to-stdout 0 "pem-split -D $F/leaf.pem" "@$F/leaf.der" ''

# one file per block
mkdir -p "$O/split" "$O/hash"
t ok-split-template-names 0 "pem-split -p 'split/%n-%t.pem' $F/chain.pem $F/leaf.key" \
    "split/1-cert.pem
split/2-cert.pem
split/3-cert.pem
split/4-key.pem" ''
t ok-split-template-content 0 "cat split/2-cert.pem" "@$F/inter.pem" ''
t ok-split-key-file-mode-0600 0 "stat -c %a split/4-key.pem" "600" ''
t ok-split-cert-file-mode-umask 0 "umask 022; pem-split -p 'split/u-%n.pem' $F/leaf.pem >/dev/null; stat -c %a split/u-1.pem" \
    "644" ''
t ok-split-key-0600-despite-umask 0 "umask 000; pem-split -p 'split/k-%n.pem' $F/leaf.key >/dev/null; stat -c %a split/k-1.pem" \
    "600" ''
t no-split-never-overwrites 2 "pem-split -p 'split/%n-%t.pem' $F/leaf.pem" '' \
    "pem-split: split/1-cert.pem: file exists; use -f to replace it"
t ok-split-force-overwrites 0 "pem-split -f -p 'split/%n-%t.pem' $F/root.pem && cat split/1-cert.pem" \
    "split/1-cert.pem
$(cat "$F/root.pem")" ''
t ok-split-template-cn 0 "pem-split -p 'split/%c.crt' $F/chain.pem" \
    "split/www.example.com.crt
split/pemkit_Test_Intermediate.crt
split/pemkit_Test_Root.crt" ''
t ok-split-template-cn-of-key-is-type 0 "pem-split -p 'split/%c' $F/leaf.key" \
    "split/key" ''
t ok-split-template-padded-index 0 "pem-split -p 'split/p%3n' $F/leaf.pem" \
    "split/p001" ''
t ok-split-template-fingerprint 0 "pem-split -p 'split/%8f.der' -D $F/leaf.pem" \
    "split/$(openssl x509 -in "$F/leaf.pem" -outform DER | sha256sum | cut -c1-8).der" ''
# a .p7b is one block: %n names its members N.M, never alike
mkdir -p "$O/p7n"
t ok-split-template-p7b-members 0 "pem-split -p 'p7n/%n.pem' $F/chain.p7b" \
    "p7n/1.1.pem
p7n/1.2.pem
p7n/1.3.pem" ''
t ok-split-template-p7b-member-content 0 "cat p7n/1.2.pem" "@$F/inter.pem" ''
t ok-split-template-p7b-padded 0 "pem-split -n 2.3 -p 'p7n/%3n' $F/leaf.key $F/chain.p7b" \
    "p7n/002.3" ''
t no-split-template-p7b-members-collide 2 "pem-split -p 'p7n/same-%t.pem' $F/chain.p7b" \
    'p7n/same-cert.pem' \
    "pem-split: $F/chain.p7b:1: block 1.2 would replace p7n/same-cert.pem, written for block 1.1 in this run: make the template tell them apart (%n)
pem-split: $F/chain.p7b:1: block 1.3 would replace p7n/same-cert.pem, written for block 1.1 in this run: make the template tell them apart (%n)"
t ok-split-number-member 0 "pem-split -n 1.3 $F/chain.p7b" "@$F/root.pem" ''
t ok-split-number-container 0 "pem-split -n 2 $F/leaf.key $F/chain.p7b" "@$F/chain.pem" ''
t no-split-number-member-past-end 1 "pem-split -n 1.4 $F/chain.p7b" '' \
    "pem-split: no block numbered 1.4 in the input"
t trouble-split-number-member-zero 2 "pem-split -n 1.0 $F/chain.p7b" '' \
    "pem-split: -n takes block numbers from 1: 2, 2-, 2-4, 1,3 or 2.1 (member 1 of block 2), not \"1.0\"
usage: pem-split [-cDdfhRsVv] [-I N] [-n N] [-o FILE] [-p TEMPLATE] [-t TYPE]
                 [-w SOURCE] [file ...]"
t trouble-split-number-member-range-backwards 2 "pem-split -n 1.3-1.2 $F/chain.p7b" '' '*'
h_root=$(openssl x509 -in "$F/root.pem" -noout -hash)
h_inter=$(openssl x509 -in "$F/inter.pem" -noout -hash)
h_crl=$(openssl crl -in "$F/inter.crl" -noout -hash)
t ok-split-template-subject-hash 0 "pem-split -p 'hash/%h' $F/inter.pem $F/root.pem $F/inter.crl" \
    "hash/$h_inter.0
hash/$h_root.0
hash/$h_crl.r0" ''
t ok-split-hash-collision-suffix 0 "pem-split -p 'hash/x%h' $F/root.pem $F/root.pem" \
    "hash/x$h_root.0
hash/x$h_root.1" ''
t ok-split-hash-dir-works-as-capath 0 \
    "openssl verify -CApath hash -untrusted $F/inter.pem $F/leaf.pem" \
    "$F/leaf.pem: OK" ''
t no-split-hash-of-key 2 "pem-split -p 'split/%h' $F/leaf.key" '' \
    "pem-split: $F/leaf.key:1: %h needs a certificate or CRL, not a PKCS#8 private key"
t trouble-split-bad-template 2 "pem-split -p 'x%q' $F/leaf.pem" '' \
    "pem-split: template \"x%q\": unknown field: use %n, %t, %c, %h, %f or %%
usage: pem-split [-cDdfhRsVv] [-I N] [-n N] [-o FILE] [-p TEMPLATE] [-t TYPE]
                 [-w SOURCE] [file ...]"
t trouble-split-template-no-dir 2 "pem-split -p 'nodir/%n' $F/leaf.pem" '' \
    "pem-split: nodir/1: cannot create: No such file or directory"

# --check decodes every block fully
t no-split-check-undecodable 2 "pem-split -c $C/cfssl/testdata/garbage.crt" '' '*'
u=$C/pyca-cryptography/x509/custom/unsupported_subject_public_key_info.pem
[ -f "$u" ] && sed -n '/-----BEGIN/,/-----END/p' "$u" >"$O/unsupported.pem"
t ok-split-without-check-moves-only 0 "pem-split $u" "@$O/unsupported.pem" ''
t no-split-check-unsupported-key 2 "pem-split -c $u" '' \
    "pem-split: $u:1: \"CERTIFICATE\" block: OpenSSL cannot decode its public key (unsupported algorithm?)
  openssl: decode error"

# a PKCS#7 that is not SignedData (an S/MIME .p7m encrypted to its
# recipient, from openssl smime or cms -encrypt) holds no certificates:
# named, and exit 1, never a silent empty success; so is a signature
# that carries no certificate
echo hello >"$O/p7m-msg.txt"
openssl smime -encrypt -aes256 -in "$O/p7m-msg.txt" -outform PEM \
    -out "$O/smime-env.p7m" "$F/leaf.pem"
openssl smime -encrypt -aes256 -in "$O/p7m-msg.txt" -outform DER \
    -out "$O/smime-env-der.p7m" "$F/leaf.pem"
openssl cms -encrypt -aes256 -in "$O/p7m-msg.txt" -outform PEM \
    -out "$O/cms-env.p7m" "$F/leaf.pem"
openssl smime -sign -nocerts -in "$O/p7m-msg.txt" -signer "$F/leaf.pem" \
    -inkey "$F/leaf.key" -outform PEM -out "$O/smime-nocerts.p7s"
envmsg='warning: the PKCS#7 is EnvelopedData (content encrypted for its recipients, an S/MIME .p7m), not SignedData: it holds no certificates'
t no-split-p7m-enveloped-pem 1 "pem-split smime-env.p7m" '' \
    "pem-split: smime-env.p7m:1: $envmsg
pem-split: nothing to split: no certificate, key or other block in the input"
t no-split-p7m-enveloped-der 1 "pem-split -o none.pem smime-env-der.p7m; s=\$?; test ! -e none.pem && exit \$s" '' \
    "pem-split: smime-env-der.p7m: $envmsg
pem-split: nothing to split: no certificate, key or other block in the input"
t no-split-cms-enveloped 1 "pem-split cms-env.p7m" '' \
    "pem-split: cms-env.p7m:1: $envmsg
pem-split: nothing to split: no certificate, key or other block in the input"
t no-split-p7s-without-certificates 1 "pem-split smime-nocerts.p7s" '' \
    "pem-split: nothing to split: no certificate, key or other block in the input"
t ok-split-p7m-whole-with-type-pkcs7 0 "pem-split -t pkcs7 smime-env.p7m" \
    "@$O/smime-env.p7m" ''
t trouble-cert-info-p7m-enveloped 2 "cert-info smime-env.p7m" '' \
    "cert-info: smime-env.p7m:1: $envmsg
cert-info: no certificate or CRL in the input"

# pem-split(1) and pem-join(1) list every exit status they return: 1 is
# returned (-n past the end, nothing to split; pem-join -k's checks)
t ok-man-pem-split-exit-status-0-1-2 0 \
    "awk '/^.Sh EXIT STATUS/,/^.Sh EXAMPLES/' $TOP/man/pem-split.1 | grep '^.It [0-9]'" \
    ".It 0
.It 1
.It 2" ''
t ok-man-pem-join-exit-status-0-1-2 0 \
    "awk '/^.Sh EXIT STATUS/,/^.Sh EXAMPLES/' $TOP/man/pem-join.1 | grep '^.It [0-9]'" \
    ".It 0
.It 1
.It 2" ''
