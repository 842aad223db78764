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
