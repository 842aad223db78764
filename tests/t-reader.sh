# The tolerant reader (issue 2): every messy form gives the canonical
# output, each repair is a note under -v and an error under --strict, and
# every bad input exits 2 with file:line and no partial block.

messy "$F/chain.pem" "$O/messy"
# where the blocks of chain.pem begin (the fixtures are remade at times)
L2=$(grep -n BEGIN "$F/chain.pem" | sed -n 2p | cut -d: -f1)
L3=$(grep -n BEGIN "$F/chain.pem" | sed -n 3p | cut -d: -f1)
N=$(wc -l <"$F/chain.pem")
NL=$(wc -l <"$F/leaf.pem")
sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/' "$F/leaf.csr" \
    >"$O/legacy.csr"
for form in crlf cr bom text indent tabs longline oneline spaces glued \
    legacy json escaped nofinalnl; do
	t "ok-$form-pem-split" 0 "pem-split messy/$form.pem" "@$F/chain.pem" ''
	t "ok-$form-pem-join" 0 "pem-join messy/$form.pem" "@$F/chain.pem" ''
done
# several forms in one stream, as one command line
t ok-all-forms-joined-deduplicated 0 \
    "pem-join messy/crlf.pem messy/glued.pem messy/json.pem" "@$F/chain.pem" ''

# each repair is reported under -v, at the line it concerns
t ok-note-crlf 0 "pem-split -v messy/crlf.pem" '*' \
    "pem-split: messy/crlf.pem:1: note: CRLF line ends
pem-split: messy/crlf.pem:$L2: note: CRLF line ends
pem-split: messy/crlf.pem:$L3: note: CRLF line ends"
t ok-note-cr-lines-counted 0 "pem-split -v -t cert -n 3 messy/cr.pem" '*' \
    "pem-split: messy/cr.pem:1: note: CR line ends
pem-split: messy/cr.pem:$L2: note: CR line ends
pem-split: messy/cr.pem:$L3: note: CR line ends"
t ok-note-bom 0 "pem-split -v messy/bom.pem" '*' \
    "pem-split: messy/bom.pem:1: note: UTF-8 byte order mark skipped"
t ok-note-text-at-its-line 0 "pem-split -v messy/text.pem" '*' \
    "pem-split: messy/text.pem:1: note: text before the block skipped
pem-split: messy/text.pem:$((L2 + 2)): note: text before the block skipped
pem-split: messy/text.pem:$((L3 + 4)): note: text before the block skipped
pem-split: messy/text.pem:$((N + 7)): note: text after the last block skipped"
t ok-note-glued 0 "pem-split -v messy/glued.pem" '*' \
    "pem-split: messy/glued.pem:$((L2 - 1)): note: blocks glued without newline
pem-split: messy/glued.pem:$((L3 - 2)): note: blocks glued without newline"
head -n 1 "$O/messy/oneline.pem" >"$O/oneline1.pem"
t ok-note-oneline 0 "pem-split -v oneline1.pem" "@$F/leaf.pem" \
    "pem-split: oneline1.pem:1: note: spaces or tabs inside base64 lines
pem-split: oneline1.pem:1: note: base64 lines are not 64 columns
pem-split: oneline1.pem:1: note: whole block on one line"
t ok-note-indent 0 "pem-split -v messy/indent.pem" '*' \
    "pem-split: messy/indent.pem:1: note: indented lines
pem-split: messy/indent.pem:$L2: note: indented lines
pem-split: messy/indent.pem:$L3: note: indented lines"
t ok-note-legacy-label 0 "pem-split -v legacy.csr" "@$F/leaf.csr" \
    "pem-split: legacy.csr:1: note: legacy label \"NEW CERTIFICATE REQUEST\" written as \"CERTIFICATE REQUEST\""
awk '{ printf "%s\\n", $0 }' "$F/leaf.pem" >"$O/escaped1.pem"
t ok-note-escaped-newlines 0 "pem-split -v escaped1.pem" "@$F/leaf.pem" \
    'pem-split: escaped1.pem:1: note: the two characters \n used as line breaks' 
t ok-canonical-input-has-no-notes 0 "pem-split -v $F/chain.pem" \
    "@$F/chain.pem" ''

# --strict: a repair is an error, and nothing of that input is written
t no-strict-crlf 2 "pem-split --strict messy/crlf.pem" '' \
    "pem-split: messy/crlf.pem:1: --strict: CRLF line ends"
t no-strict-legacy 2 "pem-split -s messy/legacy.pem" '' \
    "pem-split: messy/legacy.pem:1: --strict: legacy label \"X509 CERTIFICATE\""
t no-strict-text-first-input-kept 2 "pem-split -s $F/leaf.pem messy/text.pem" \
    "@$F/leaf.pem" "pem-split: messy/text.pem:1: --strict: text before the block skipped"
t ok-strict-canonical 0 "pem-split -s $F/chain.pem" "@$F/chain.pem" ''

# legacy CSR label, TRUSTED CERTIFICATE, RFC 1421 headers
t ok-new-certificate-request 0 "pem-split legacy.csr" "@$F/leaf.csr" ''
openssl x509 -in "$F/leaf.pem" -addtrust serverAuth -out "$O/trusted.pem" \
    2>/dev/null
t ok-trusted-certificate-plain 0 "pem-split -v trusted.pem" "@$F/leaf.pem" \
    "pem-split: trusted.pem:1: note: legacy label \"TRUSTED CERTIFICATE\" written as \"CERTIFICATE\"
pem-split: trusted.pem:1: note: OpenSSL trust settings after the certificate dropped"
t ok-rfc1421-headers-kept 0 "pem-split $F/leaf.legacy-enc.key" \
    "@$F/leaf.legacy-enc.key" ''
sed 's/$/\r/' "$F/leaf.legacy-enc.key" >"$O/legacy-enc-crlf.key"
t ok-rfc1421-headers-crlf 0 "pem-join legacy-enc-crlf.key" \
    "@$F/leaf.legacy-enc.key" ''
t ok-rfc1421-key-still-decrypts 0 \
    "pem-join $F/leaf.legacy-enc.key | openssl pkey -passin pass:secret -pubout" \
    "@$F/leaf.pub" ''

# raw DER, one or several objects, detected by content
cat "$F/leaf.der" "$F/root.der" >"$O/two.der"
cat "$F/leaf.pem" "$F/root.pem" >"$O/two.pem"
t ok-der-concatenated 0 "pem-split two.der" "@$O/two.pem" ''
cp "$F/leaf.der" "$O/leaf.pem"
t ok-der-named-pem 0 "pem-split leaf.pem" "@$F/leaf.pem" ''
t ok-der-on-stdin 0 "pem-split < $F/leaf.csr.der" "@$F/leaf.csr" ''

# bare base64: a CSR pasted without its BEGIN and END lines
sed '1d;$d' "$F/leaf.csr" >"$O/bare.txt"
t ok-bare-base64-csr 0 "pem-split -v bare.txt" "@$F/leaf.csr" \
    "pem-split: bare.txt:1: note: base64 without BEGIN/END lines"
t no-strict-bare-base64 2 "pem-split -s bare.txt" '' \
    "pem-split: bare.txt:1: --strict: base64 without BEGIN/END lines"

# trouble: exit 2, file:line and the cause, no partial block
printf '' >"$O/empty.pem"
printf '  \n\n' >"$O/white.pem"
printf 'hello\nworld\n' >"$O/text.txt"
printf '\001\002\003\000binary' >"$O/junk.bin"
head -n 5 "$F/leaf.pem" >"$O/noend.pem"
sed '$s/CERTIFICATE/X509 CRL/' "$F/leaf.pem" >"$O/mismatch.pem"
sed '3s/^./*/' "$F/leaf.pem" >"$O/badchar.pem"
sed '3s/^./\x00/' "$F/leaf.pem" >"$O/nul.pem"
printf -- '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n' \
    >"$O/emptybody.pem"
{ echo '-----BEGIN CERTIFICATE-----'; sed '1d;$d' "$F/leaf.key"
  echo '-----END CERTIFICATE-----'; } >"$O/keyincert.pem"
{ echo '-----BEGIN CERTIFICATE-----'; echo 'MIIBAA=='; echo 'AAAA'
  echo '-----END CERTIFICATE-----'; } >"$O/padding.pem"
{ echo '-----BEGIN CERTIFICATE-----'; echo 'MIIB='
  echo '-----END CERTIFICATE-----'; } >"$O/padding2.pem"
{ echo '-----BEGIN CERTIFICATE-----'; echo 'MIIBAA'
  echo '-----END CERTIFICATE-----'; } >"$O/nopad.pem"
head -c 500 "$F/leaf.der" >"$O/trunc.der"
{ head -n 5 "$F/leaf.pem"; cat "$F/root.pem"; } >"$O/twobegin.pem"
{ printf -- '-----BEGIN '; head -c 200 /dev/zero | tr '\0' A
  printf -- '-----\nAAAA\n'; } >"$O/longlabel.pem"
sed '1s/^/    x /' "$F/leaf.pem" >"$O/textbefore.pem"
t trouble-empty-input 2 "pem-split empty.pem" '' \
    "pem-split: empty.pem: the input is empty"
t trouble-empty-stdin 2 "pem-split < empty.pem" '' \
    "pem-split: <stdin>: the input is empty"
t trouble-only-white-space 2 "pem-split white.pem" '' \
    "pem-split: white.pem: the input holds only white space: no PEM block"
t trouble-text-without-begin 2 "pem-split text.txt" '' \
    "pem-split: text.txt: text without any BEGIN line: not PEM"
t trouble-binary-junk 2 "pem-split junk.bin" '' \
    "pem-split: junk.bin: binary data that is neither PEM nor DER"
t trouble-begin-without-end 2 "pem-split noend.pem" '' \
    'pem-split: noend.pem:1: BEGIN "CERTIFICATE" without END: the input ends first'
t trouble-begin-then-begin 2 "pem-split twobegin.pem" '' \
    'pem-split: twobegin.pem:1: BEGIN "CERTIFICATE" without END: another BEGIN follows at line 6'
t trouble-end-label-differs 2 "pem-split mismatch.pem" '' \
    "pem-split: mismatch.pem:1: END label \"X509 CRL\" (line $NL) does not match BEGIN label \"CERTIFICATE\""
t trouble-bad-base64-char 2 "pem-split badchar.pem" '' \
    "pem-split: badchar.pem:3: '*' in the base64 body"
t trouble-nul-in-base64 2 "pem-split nul.pem" '' \
    "pem-split: nul.pem:3: a NUL byte in the base64 body"
t trouble-misplaced-padding 2 "pem-split padding.pem" '' \
    "pem-split: padding.pem:3: base64 data after '=' padding"
t trouble-misplaced-padding-2 2 "pem-split padding2.pem" '' \
    "pem-split: padding2.pem:2: misplaced '=' padding"
t trouble-missing-padding 2 "pem-split nopad.pem" '' \
    "pem-split: nopad.pem:3: truncated base64 (missing '=' padding)"
t trouble-empty-body 2 "pem-split emptybody.pem" '' \
    'pem-split: emptybody.pem:1: empty body in "CERTIFICATE" block'
t trouble-key-in-certificate-block 2 "pem-split keyincert.pem" '' \
    "pem-split: keyincert.pem:1: CERTIFICATE block holds a PKCS#8 private key, not a certificate"
t trouble-truncated-der 2 "pem-split trunc.der" '' \
    "pem-split: trunc.der: byte 0: truncated DER: the object claims $(wc -c <"$F/leaf.der") bytes, the input ends after 500"
t trouble-label-too-long 2 "pem-split longlabel.pem" '' \
    'pem-split: longlabel.pem:1: BEGIN line label is longer than 64 characters or has no closing "-----"'
t trouble-no-such-file 2 "pem-split nonexistent.pem" '' \
    "pem-split: nonexistent.pem: cannot open: No such file or directory"
t trouble-directory 2 "pem-split ." '' \
    "pem-split: .: is a directory, not a file"
t ok-text-before-begin-on-line 0 "pem-split -v textbefore.pem" \
    "@$F/leaf.pem" \
    "pem-split: textbefore.pem:1: note: text before the block skipped"
# the worst class wins, and good inputs are still written
t trouble-then-good-input 2 "pem-split noend.pem $F/root.pem" \
    "@$F/root.pem" '*'
# no partial block: the good first block is written, the bad second not
cat "$F/leaf.pem" "$O/badchar.pem" >"$O/good-then-bad.pem"
t trouble-second-block-bad 2 "pem-split good-then-bad.pem" "@$F/leaf.pem" \
    "pem-split: good-then-bad.pem:$((NL + 3)): '*' in the base64 body"

# base64 lines of other widths (76: MIME, RFC 2045 6.8) take the reader's
# whole-line path when they are 4 to 128 columns and a multiple of 4, the
# careful loop otherwise: the same DER either way, each width noted once
# per block, a bad character named at its line
wrap() {	# wrap WIDTH FILE: the PEM's base64 re-wrapped at WIDTH
	awk -v w="$1" '/^-----BEGIN/ { print; b = ""; next }
	    /^-----END/ { while (length(b) > w) { print substr(b, 1, w); b = substr(b, w + 1) }
	        if (b != "") print b; print; next } { b = b $0 }' "$2"
}
for w in 4 16 60 72 76 80 128 130 132; do
	wrap $w "$F/chain.pem" >"$O/wrap-$w.pem"
	t "ok-width-$w-pem-split" 0 "pem-split -v wrap-$w.pem" "@$F/chain.pem" \
	    "pem-split: wrap-$w.pem:1: note: base64 lines are not 64 columns
pem-split: wrap-$w.pem:$(grep -n BEGIN "$O/wrap-$w.pem" | sed -n 2p | cut -d: -f1): note: base64 lines are not 64 columns
pem-split: wrap-$w.pem:$(grep -n BEGIN "$O/wrap-$w.pem" | sed -n 3p | cut -d: -f1): note: base64 lines are not 64 columns"
done
# a character outside the alphabet in the fifth 76-column line
awk 'NR == 6 { $0 = substr($0, 1, 40) "*" substr($0, 42) } { print }' \
    "$O/wrap-76.pem" >"$O/wrap-76-bad.pem"
t trouble-width-76-bad-char 2 "pem-split wrap-76-bad.pem" '' \
    "pem-split: wrap-76-bad.pem:6: '*' in the base64 body"
