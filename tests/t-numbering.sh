# One numbering (issue 23 item 2): a mixed input, a PFX, a .p7b, a PEM
# bundle and a DER file, read as one stream.  pemkit(7): "index" is the
# block's number in the whole stream, a container one block whose
# certificates share its index.  cert-info and key-match name each
# certificate by the same (source, index); chain-order names the ones it
# keeps the same way.
mkdir -p "$O/num"
cp "$F/leaf.p12" "$F/chain.p7b" "$F/chain.pem" "$F/root.der" "$O/num/"
mix="-w pass:secret leaf.p12 chain.p7b chain.pem root.der"
# (source, index) of each certificate object of --json, once each
idx='sed -n "s/.*\"source\":\"\([^\"]*\)\",\"index\":\([0-9]*\),.*\"type\":\"cert\".*/\1 \2/p" | sort -u'
want='chain.p7b 2
chain.pem 3
chain.pem 4
chain.pem 5
leaf.p12 1
root.der 6'
t ok-numbering-cert-info 0 "cd num && cert-info --json $mix | $idx" "$want" ''
t ok-numbering-key-match 0 "cd num && key-match --json $mix | $idx" "$want" ''
# chain-order keeps the first of each certificate: the PFX's two, the
# .p7b's root
t ok-numbering-chain-order 0 \
    "cd num && chain-order -N --json $mix 2>/dev/null | $idx" \
    'chain.p7b 2
leaf.p12 1' ''

# pem-split -n, its %n and pem2der -n name the same objects as cert-info
# --json's (index, member): "N" for a block of the stream, "N.M" for
# member M of the container that is block N.  Each line: the number, the
# certificate's SHA-256.
num='sed -n "s/.*\"index\":\([0-9]*\),.*\"member\":\([0-9a-z]*\),.*\"sha256\":\"\([0-9a-f]*\)\".*/\1.\2 \3/p" | sed "s/\.null / /"'
sh -c "cd $O/num && cert-info --json $mix | $num" >"$O/num/want"
# the certificates of the whole stream, in order, each named once
t ok-numbering-cert-info-members 0 "cut -d' ' -f1 num/want | paste -sd' ' -" \
    '1.2 1.3 2.1 2.2 2.3 3 4 5 6' ''
t ok-numbering-pem-split-n 0 "cd num && while read -r n sha; do
	printf '%s ' \$n; pem-split -n \$n $mix | cert-info --json | $num |
	    cut -d' ' -f2; done <want | cmp - want && echo same" same ''
t ok-numbering-pem2der-n 0 "cd num && while read -r n sha; do
	printf '%s ' \$n; pem2der -n \$n $mix | cert-info --json | $num |
	    cut -d' ' -f2; done <want | cmp - want && echo same" same ''
# %n: one file per object, named by its number, never two alike
t ok-numbering-pem-split-template 0 "cd num && mkdir -p p &&
	pem-split -p 'p/%n.pem' $mix" 'p/1.1.pem
p/1.2.pem
p/1.3.pem
p/2.1.pem
p/2.2.pem
p/2.3.pem
p/3.pem
p/4.pem
p/5.pem
p/6.pem' ''
t ok-numbering-pem-split-template-content 0 "cd num && for n in \$(cut -d' ' -f1 want); do
	printf '%s ' \$n; cert-info --json p/\$n.pem | $num | cut -d' ' -f2
	done | cmp - want && echo same" same ''
# the PFX's private key is member 1, as key-match numbers it
spki='sed -n "s/.*\"type\":\"key\",\"member\":\([a-z0-9]*\),.*\"spki_sha256\":\"\([0-9a-f]*\)\".*/\1 \2/p"'
t ok-numbering-key-match-key-member 0 "cd num && key-match --json $mix | $spki | cut -d' ' -f1" '1' ''
t ok-numbering-pem-split-key-member 0 "cd num && pem-split -n 1.1 $mix >k.pem &&
	key-match --json k.pem $F/leaf.pem | $spki | cut -d' ' -f2 >k.spki &&
	key-match --json $mix | $spki | cut -d' ' -f2 | cmp - k.spki && echo same" same ''
# -n's ranges and lists take members: a container whole, or from a member
t ok-numbering-pem-split-ranges 0 "cd num && pem-split -n 1.3-2.2,6 $mix | cert-info --json | $num | cut -d' ' -f2" \
    "$(sed -n '2,4p;9p' "$O/num/want" | cut -d' ' -f2)" ''
t ok-numbering-pem-split-container-whole 0 "cd num && pem-split -n 2 $mix | cert-info --json | $num | cut -d' ' -f2" \
    "$(sed -n '3,5p' "$O/num/want" | cut -d' ' -f2)" ''
t no-numbering-member-of-plain-block 1 "cd num && pem-split -n 3.1 $mix" '' \
    'pem-split: no block numbered 3.1 in the input'

# A PFX of a key and three certificates: key-match and cert-info give its
# certificates the same member numbers, the key being member 1 (the
# order PKCS12_parse gives: the key, its certificate, the others).
cp "$F/leaf-chain.p12" "$O/num/"
mem='sed -n "s/.*\"type\":\"\([a-z]*\)\",\"member\":\([a-z0-9]*\),\"subject\":\"CN=\([^,]*\),.*/\1 \2 \3/p"'
t ok-numbering-pfx-cert-info-members 0 \
    "cd num && cert-info --json -w pass:secret leaf-chain.p12 | $mem" \
    'cert 2 www.example.com
cert 3 pemkit Test Intermediate
cert 4 pemkit Test Root' ''
t ok-numbering-pfx-key-match-members 0 \
    "cd num && key-match --json -w pass:secret leaf-chain.p12 | sed -n 's/.*\"type\":\"\([a-z]*\)\",\"member\":\([0-9]*\),\"subject\":\([^,]*\),.*/\1 \2 \3/p'" \
    'key 1 null
cert 2 "CN=www.example.com' ''
t ok-numbering-pfx-pem-split-members 0 \
    "cd num && pem-split -n 1.4 -w pass:secret leaf-chain.p12 | cert-info --json | $mem" \
    'cert null pemkit Test Root' ''
