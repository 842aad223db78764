# Every command in a man page's EXAMPLES section runs, on files made from
# the fixtures under the names the examples use (CONVENTIONS.md 8).

E="$O/examples"
mkdir -p "$E/certs" "$E/sslca"
{ echo "Here is your certificate:"; tr '\n' ' ' <"$F/leaf.pem"; echo;
  echo "and the chain:"; sed 's/$/\r/' "$F/inter.pem"; } >"$E/pasted.txt"
cat "$F/leaf.pem" "$F/leaf.key" >"$E/combined.pem"
cp "$F/chain.pem" "$E/bundle.pem"
cp "$F/chain.pem" "$E/chain.pem"
cp "$F/chain.pem" "$E/fullchain.pem"
cp "$F/leaf.pem" "$E/server.crt"
cp "$F/leaf.der" "$E/server.cer"
cp "$F/leaf.der" "$E/server.der"
cp "$F/leaf.key" "$E/server.key"
cp "$F/inter.pem" "$E/intermediate.pem"
cp "$F/chain.p7b.der" "$E/intermediates.p7b"
cp "$F/csr-rsa.csr" "$E/request.csr"
cp "$F/root.pem" "$E/old.crt"
cp "$F/root.pem" "$E/root.pem"
cp "$F/leaf.pem" "$E/server.pem"
cp "$F/inter.pem" "$E/inter.pem"
# cert-lint(1): a publicly trusted leaf and intermediate, each BR-clean
# (mk.sh's are a private PKI's)
cp "$F/lint/good-tls.pem" "$E/www.pem"
cp "$F/lint-ca/good-sub-ca.pem" "$E/issuing-ca.pem"
# cert-diff(1): a renewal that is a drop-in replacement
cp "$F/diff/old.pem" "$E/old.pem"
cp "$F/diff/same.pem" "$E/new.pem"
cp "$F/diff/old-fullchain.pem" "$E/old-fullchain.pem"
cp "$F/diff/same-fullchain.pem" "$E/new-fullchain.pem"
# the CRLs of the intermediate and the root, made now: a CRL past its
# nextUpdate cannot say a certificate is good (exit 2)
mkdir -p "$E/ca"
printf '[ ca ]\ndefault_ca = d\n[ d ]\ndatabase = %s/ca/index\ndefault_md = sha256\ncrlnumber = %s/ca/crlnumber\n' \
    "$E" "$E" >"$E/ca/crl.cnf"
for c in inter root; do
	: >"$E/ca/index"
	echo 01 >"$E/ca/crlnumber"
	openssl ca -gencrl -config "$E/ca/crl.cnf" -keyfile "$F/$c.key" \
	    -cert "$F/$c.pem" -crldays 30 -out "$E/$c.crl" 2>/dev/null
done
cp "$F/leaf.enc.key" "$E/server.enc.key"
cat "$F/inter.pem" "$F/root.pem" "$F/leaf.pem" >"$E/shuffled.pem"
# pemkit-ci-check(1): the installed name of examples/ci-check.sh
mkdir -p "$E/repo" "$O/wrap"
cat "$F/leaf.pem" "$F/inter.pem" >"$E/repo/fullchain.pem"
cp "$F/leaf.key" "$E/repo/privkey.pem"
cp "$F/root.pem" "$E/company-root.pem"
printf '#!/bin/sh\nexec sh %s/examples/ci-check.sh "$@"\n' "$TOP" >"$O/wrap/pemkit-ci-check"
chmod +x "$O/wrap/pemkit-ci-check"
# pemkit-deploy(1): each ACME client's files, one nginx target
printf '#!/bin/sh\nexec sh %s/examples/pemkit-deploy.sh "$@"\n' "$TOP" >"$O/wrap/pemkit-deploy"
chmod +x "$O/wrap/pemkit-deploy"
mkdir -p "$E/live/www.example.com" "$E/acme" "$E/dehydrated" "$E/lego" \
    "$E/deploy-nginx"
cat "$F/leaf.pem" "$F/inter.pem" >"$E/live/www.example.com/fullchain.pem"
cp "$F/leaf.pem" "$E/live/www.example.com/cert.pem"
cp "$F/inter.pem" "$E/live/www.example.com/chain.pem"
cp "$F/leaf.key" "$E/live/www.example.com/privkey.pem"
for f in fullchain cert chain privkey; do
	cp "$E/live/www.example.com/$f.pem" "$E/dehydrated/$f.pem"
done
cp "$F/leaf.key" "$E/acme/www.example.com.key"
cp "$F/leaf.pem" "$E/acme/www.example.com.cer"
cp "$F/inter.pem" "$E/acme/ca.cer"
cp "$E/live/www.example.com/fullchain.pem" "$E/acme/fullchain.cer"
cp "$E/live/www.example.com/fullchain.pem" "$E/lego/www.example.com.crt"
cp "$F/leaf.key" "$E/lego/www.example.com.key"
echo "nginx $E/deploy-nginx - - 0600 true" >"$E/deploy.conf"
PATH="$PATH:$O/wrap"
# tls-fetch(1)'s examples name real hosts, which the tests never reach:
# this tls-fetch runs the real one once per target against a fake server
# on 127.0.0.1 (tests/fake-server.py) serving the leaf and intermediate,
# in the protocol of the target's port, and keeps the worst status
mkdir -p "$O/fetchwrap"
cat "$F/leaf.pem" "$F/inter.pem" >"$O/fetchwrap/served.pem"
cat >"$O/fetchwrap/tls-fetch" <<EOF
#!/bin/sh
real=$(command -v tls-fetch)
opts=
while [ \$# -gt 0 ]; do
	case \$1 in
	-[NOSot]) opts="\$opts \$1 \$2"; shift ;;
	-*) opts="\$opts \$1" ;;
	*) break ;;
	esac
	shift
done
rc=0
for a in "\$@"; do
	case \$a in
	*:25|*:587) m=smtp ;;
	*:143) m=imap ;;
	*:110) m=pop3 ;;
	*) m=tls ;;
	esac
	p=\$(sh $TOP/tests/fake.sh \$m $O/fetchwrap/served.pem $F/leaf.key) || exit 2
	s=none
	[ \$m = tls ] || s=\$m
	"\$real" \$opts -S \$s 127.0.0.1:\$p
	r=\$?
	[ \$r -gt \$rc ] && rc=\$r
done
exit \$rc
EOF
chmod +x "$O/fetchwrap/tls-fetch"
for page in man/*.1; do
	awk '/^\.Sh/ { on = ($2 == "EXAMPLES") } on && /^\$ / { sub(/^\$ /, ""); print }' \
	    "$page" >"$O/examples.list"
	n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		cmd=$(printf '%s' "$cmd" | sed 's/\\e/\\/g')
		pre=
		[ "$page" = man/tls-fetch.1 ] && pre="PATH=$O/fetchwrap:\$PATH; "
		t "ok-example-$(basename "$page" .1)-$n" 0 "cd examples && $pre$cmd" '*' '*'
	done <"$O/examples.list"
done
# what the examples made (bundle.pem is the normalised pasted.txt: the
# leaf and the intermediate)
t ok-example-results 0 "cd examples && grep -c BEGIN bundle.pem && cmp server.key $F/leaf.key && ls certs && ls sslca | wc -l && grep -c BEGIN server-bundle.pem && head -n 1 server-bundle.pem" \
    "2
1-www.example.com.pem
2-pemkit_Test_Intermediate.pem
3
3
-----BEGIN PRIVATE KEY-----" ''

# the README's quick start: the messy bundle becomes the clean chain, and
# every repair is named at its line
m=examples/messy-bundle.txt
ln() { grep -n -- "$1" "$TOP/$m" | sed -n "${2:-1}p" | cut -d: -f1; }
t ok-readme-quick-start 0 "cd $TOP && bin/pem-split -v $m" "@$F/chain.pem" \
    "pem-split: $m:1: note: text before the block skipped
pem-split: $m:$(ln 'BEGIN CERT'): note: spaces or tabs inside base64 lines
pem-split: $m:$(ln 'BEGIN CERT'): note: base64 lines are not 64 columns
pem-split: $m:$(ln 'BEGIN CERT'): note: whole block on one line
pem-split: $m:$(ln 'Intermediate and'): note: text before the block skipped
pem-split: $m:$(ln 'END CERTIFICATE-----.*BEGIN' 1): note: CRLF line ends
pem-split: $m:$(ln 'END CERTIFICATE-----.*BEGIN' 1): note: blocks glued without newline
pem-split: $m:$(ln '^--$'): note: text after the last block skipped"
