# The main job: make demo's lifecycle, each bundle loaded by a real TLS
# server and client, the PFX read back, Kerio's sslca/ as a CApath, the
# Makefile's refusals, ci-check, and the renewal, IceWarp and Kerio
# examples.

D="$O/demo"
# the demo ends with its own CI gate (the test root, the PFX passphrase)
t ok-demo 0 "DEMO_DIR=$D sh $TOP/examples/demo.sh | tail -n 2" \
    "demo: everything is in $D
11 units, 35 checks, 0 failed" '*'
hs() { echo "sh $TOP/tests/handshake.sh $1 $2 $3 ca/root.pem www.example.com"; }
t ok-bundle-nginx-handshake 0 "cd demo && $(hs out/nginx/fullchain.pem out/nginx/privkey.pem out/nginx/fullchain.pem)" \
    "Verification: OK" ''
t ok-bundle-haproxy-handshake 0 "cd demo && $(hs out/haproxy/server.pem out/haproxy/server.pem out/haproxy/server.pem)" \
    "Verification: OK" ''
t ok-bundle-apache-handshake 0 "cd demo && $(hs out/apache/server.crt out/apache/server.key out/apache/chain.crt)" \
    "Verification: OK" ''
t ok-bundle-postfix-handshake 0 "cd demo && $(hs out/postfix/chain.pem out/postfix/chain.pem out/postfix/chain.pem)" \
    "Verification: OK" ''
t ok-bundle-icewarp-handshake 0 "cd demo && $(hs out/icewarp/server.pem out/icewarp/server.pem out/icewarp/server.pem)" \
    "Verification: OK" ''
# the control: the leaf without its intermediate does not verify
t no-bundle-leaf-alone-handshake 1 "cd demo && $(hs out/cert.pem out/privkey.pem out/cert.pem)" \
    "verify error:num=20:unable to get local issuer certificate" ''
t ok-bundle-key-files-0600 0 "cd demo/out && stat -c '%a %n' privkey.pem nginx/privkey.pem haproxy/server.pem postfix/chain.pem icewarp/server.pem kerio/sslcert/server.key acm/private-key.pem pfx/server.pfx apache/server.key dovecot/server.key" \
    "600 privkey.pem
600 nginx/privkey.pem
600 haproxy/server.pem
600 postfix/chain.pem
600 icewarp/server.pem
600 kerio/sslcert/server.key
600 acm/private-key.pem
600 pfx/server.pfx
600 apache/server.key
600 dovecot/server.key" ''
t ok-bundle-layouts 0 "cd demo/out && for f in icewarp/server.pem postfix/chain.pem haproxy/server.pem; do grep -- '-----BEGIN' \$f | tr '\n' ' '; echo; done" \
    "-----BEGIN PRIVATE KEY----- -----BEGIN CERTIFICATE----- -----BEGIN CERTIFICATE----- 
-----BEGIN PRIVATE KEY----- -----BEGIN CERTIFICATE----- -----BEGIN CERTIFICATE----- 
-----BEGIN CERTIFICATE----- -----BEGIN CERTIFICATE----- -----BEGIN PRIVATE KEY----- " ''
t ok-bundle-pfx-info 0 "cd demo && openssl pkcs12 -in out/pfx/server.pfx -info -noout -passin pass:demo 2>&1 | grep -e '^MAC:' -e '^Shrouded'" \
    "MAC: sha256, Iteration 2048
Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256" ''
t ok-bundle-kerio-capath 0 "cd demo && openssl verify -partial_chain -CApath out/kerio/sslca out/kerio/sslcert/server.crt" \
    "out/kerio/sslcert/server.crt: OK" ''
t ok-bundle-kerio-capath-hash 0 "cd demo && ls out/kerio/sslca" \
    "$(openssl x509 -in "$D/ca/inter.pem" -noout -subject_hash 2>/dev/null || echo '(demo failed)').0" ''
t ok-bundle-acm-chain-no-leaf 0 "cd demo && cmp out/acm/certificate-chain.pem ca/inter.pem && cmp out/acm/certificate.pem out/cert.pem" '' ''

# refusals: the check names the cause, the recipe exits 1, nothing is made
M="make -s -f $TOP/examples/Makefile"
ok_nothing() { echo "r=\$?; ls out 2>/dev/null | wc -l; exit \$r"; }
t no-make-key-for-another-cert 2 "cd demo && $M KEY=$F/leaf.key OUT=bad1 nginx >/dev/null 2>err; r=\$?; grep -c 'its public key is not the one of' err; grep -c 'Error 1' err; ls bad1 2>/dev/null | wc -l; exit \$r" \
    "1
1
0" ''
t no-make-missing-intermediate 2 "cd demo && $M CA=root.crt OUT=bad2 nginx >/dev/null 2>err; r=\$?; grep -o 'chain incomplete: the issuer of server.cer' err; grep -c 'Error 1' err; ls bad2 2>/dev/null | wc -l; exit \$r" \
    "chain incomplete: the issuer of server.cer
1
0" ''
t no-make-expiring 2 "cd demo && $M WITHIN=100d OUT=bad3 nginx >/dev/null 2>err; r=\$?; grep -c ', in 8[89] days' err; grep -c 'Error 1' err; ls bad3 2>/dev/null | wc -l; exit \$r" \
    "1
1
0" ''
# WITHIN as a share of the lifetime (issue 26): the demo's leaf has
# just begun its 90 days: a gate of 100% catches it (the default,
# 30d,1/3, lets the other cases pass)
t no-make-expiring-share 2 "cd demo && $M WITHIN=100% OUT=bad3s nginx >/dev/null 2>err; r=\$?; grep -c ', in 8[89] days, 9[89]% of its lifetime left' err; grep -c 'Error 1' err; ls bad3s 2>/dev/null | wc -l; exit \$r" \
    "1
1
0" ''
t no-make-name-not-covered 2 "cd demo && $M NAMES=mail.example.com OUT=bad4 nginx >/dev/null 2>err; r=\$?; grep -o 'does not cover mail.example.com' err; grep -c 'Error 1' err; ls bad4 2>/dev/null | wc -l; exit \$r" \
    "does not cover mail.example.com
1
0" ''
t no-make-pfx-without-passphrase 2 "cd demo && env -u PFX_PASS $M OUT=bad5 pfx >/dev/null 2>err; r=\$?; grep -c 'set PFX_PASS' err; ls bad5/pfx; exit \$r" \
    "1" ''

# the whole chain, not the leaf alone: an expired or not yet valid
# intermediate stops make (chain-order -s --expires-within), cert-info
# names it, nothing is installed (the deployment PKI, valid 2020-2039
# but for these two copies of Issuing CA 1)
DP="$F/pki"
DCA="$DP/policy.pem $DP/root-x2.pem"
t no-make-expired-intermediate 2 "$M KEY=$DP/www-rsa.key CERT=$DP/www-rsa.pem CA='$DP/issuing1-expired.pem $DCA' NAMES=www.deploy.example OUT=bad6 nginx >/dev/null 2>err; r=\$?; grep '^cert-info' err; grep -c 'Error 1' err; ls bad6 | wc -l; exit \$r" \
    "cert-info: bad6/.chain.pem:19: O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1 expired on 2019-01-01T00:00:00Z
1
0" ''
t no-make-not-yet-valid-intermediate 2 "$M KEY=$DP/www-rsa.key CERT=$DP/www-rsa.pem CA='$DP/issuing1-future.pem $DCA' NAMES=www.deploy.example OUT=bad7 all >/dev/null 2>err; r=\$?; grep '^cert-info' err; ls bad7 | wc -l; exit \$r" \
    "cert-info: bad7/.chain.pem:19: O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1 is not valid before 2031-01-01T00:00:00Z
0" ''
t ok-make-valid-chain-deploy-pki 0 "$M KEY=$DP/www-rsa.key CERT=$DP/www-rsa.pem CA='$DP/issuing1.pem $DCA' NAMES=www.deploy.example OUT=good6 nginx >/dev/null && grep -c BEGIN good6/nginx/fullchain.pem" 3 ''
mkdir -p "$O/ice-expired" "$O/kerio-expired"
t no-icewarp-expired-intermediate 2 "cd ice-expired && sh $TOP/examples/icewarp.sh -H www.deploy.example $DP/www-rsa.key $DP/www-rsa.pem $DP/issuing1-expired.pem $DCA >/dev/null 2>err; r=\$?; grep '^cert-info' err; ls icewarp-build | wc -l; exit \$r" \
    "cert-info: icewarp-build/.chain.pem:19: O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1 expired on 2019-01-01T00:00:00Z
0" ''
t no-kerio-not-yet-valid-intermediate 2 "cd kerio-expired && sh $TOP/examples/kerio.sh -H www.deploy.example $DP/www-rsa.key $DP/www-rsa.pem $DP/issuing1-future.pem $DCA >/dev/null 2>err; r=\$?; grep '^cert-info' err; ls kerio-build | wc -l; exit \$r" \
    "cert-info: kerio-build/.chain.pem:19: O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1 is not valid before 2031-01-01T00:00:00Z
0" ''

# the CI gate judges the units a server loads (tests/t-gate.sh has the
# scenarios): the bundles pass with the test CA's root known
# (--ca-file); names, expiry windows
srv="out/nginx out/haproxy out/icewarp out/postfix out/dovecot out/kerio"
mkdir -p "$O/demo/ci-servers"
for d in $srv; do cp -r "$O/demo/$d" "$O/demo/ci-servers/"; done
t ok-ci-check 0 "cd demo && sh $TOP/examples/ci-check.sh --ca-file root.crt --name www.example.com --name example.com ci-servers | tail -n 1" \
    "7 units, 21 checks, 0 failed" ''
t no-ci-check-name 1 "cd demo && sh $TOP/examples/ci-check.sh --ca-file root.crt --name mail.example.com ci-servers >res; r=\$?; grep -e FAIL res; exit \$r" \
    "FAIL name     mail.example.com: no leaf covers it" ''
t no-ci-check-days 1 "cd demo && sh $TOP/examples/ci-check.sh --days 100 --json out/nginx >res; r=\$?; jq -r 'select(.ok == false) | .check' res | sort | uniq -c | tr -s ' '; exit \$r" \
    " 1 chain
 1 expiry" ''
# Apache's server.crt (the leaf alone) is judged with chain.crt beside it
t ok-ci-check-apache-leaf-and-chain-crt 0 "cd demo && sh $TOP/examples/ci-check.sh --ca-file root.crt out/apache" \
    "ok   pair     out/apache/server: server.key is the key of server.crt
ok   chain    out/apache/server: server.crt + chain.crt
ok   expiry   out/apache/server: until $(cert-info -f '%{notAfter}' "$D/out/apache/server.crt" 2>/dev/null | cut -c1-10)
1 unit, 3 checks, 0 failed" ''
mkdir -p "$O/ci-bad"
cp "$F/leaf.key" "$O/ci-bad/orphan.key"
head -n 3 "$F/leaf.pem" >"$O/ci-bad/broken.pem"
t trouble-ci-check-unreadable 2 "sh $TOP/examples/ci-check.sh ci-bad" \
    "FAIL readable ci-bad: broken.pem: cannot be read (pem-split exit 2)
FAIL pair     ci-bad: orphan.key: no leaf certificate beside it carries this key
1 unit, 2 checks, 2 failed" \
    'pem-split: ci-bad/broken.pem:1: BEGIN "CERTIFICATE" without END: the input ends first'

# the other examples
t ok-renewal 0 "DEMO_DIR=$D sh $TOP/examples/renewal.sh 2>/dev/null | grep -e refused -e '^new.key belongs' -e refuses -e 'renewal:' -e '^drop-in:'" \
    "refused, as it should be
new.key belongs to new.cer
drop-in:       yes
the Makefile refuses the old key with the new certificate
renewal: done; the new bundles are in $D/renewed" ''
t ok-icewarp-example 0 "cd demo && sh $TOP/examples/icewarp.sh -H www.example.com server.key server.cer root.crt intermediate.p7b >/dev/null && grep -- '-----BEGIN' icewarp-build/icewarp/server.pem | head -n 1" \
    "-----BEGIN PRIVATE KEY-----" ''
t ok-kerio-example 0 "cd demo && sh $TOP/examples/kerio.sh -H www.example.com -H example.com server.key server.cer intermediate.p7b root.crt >/dev/null && ls kerio-build/kerio kerio-build/kerio/sslcert" \
    "kerio-build/kerio:
sslca
sslcert

kerio-build/kerio/sslcert:
server.crt
server.key" ''
# Kerio's server.key in the PKCS#1 "RSA format" (pem-join -R)
t ok-make-kerio-key-pkcs1 0 "cd demo && head -n 1 out/kerio/sslcert/server.key kerio-build/kerio/sslcert/server.key" \
    "==> out/kerio/sslcert/server.key <==
-----BEGIN RSA PRIVATE KEY-----

==> kerio-build/kerio/sslcert/server.key <==
-----BEGIN RSA PRIVATE KEY-----" ''

# a renewal whose files came out of the CA's archive with old times:
# rebuilt by content (the old certificate never stays in the bundle)
t ok-make-renewal-old-times-rebuilds 0 "cd demo && rm -rf rb && mkdir -p rb/in && cp server.key server.cer intermediate.p7b root.crt rb/in/ &&
	$M KEY=rb/in/server.key CERT=rb/in/server.cer CA='rb/in/intermediate.p7b rb/in/root.crt' OUT=rb/out haproxy >/dev/null &&
	cp new.key rb/in/server.key && cp new.cer rb/in/server.cer && touch -d 2020-01-01 rb/in/server.key rb/in/server.cer &&
	$M KEY=rb/in/server.key CERT=rb/in/server.cer CA='rb/in/intermediate.p7b rb/in/root.crt' OUT=rb/out haproxy >/dev/null &&
	key-match new.key rb/out/haproxy/server.pem && pem-split -n 1 rb/out/haproxy/server.pem | cmp - new.cer && echo rebuilt" rebuilt ''
t ok-make-unchanged-inputs-not-rebuilt 0 "cd demo && $M KEY=rb/in/server.key CERT=rb/in/server.cer CA='rb/in/intermediate.p7b rb/in/root.crt' OUT=rb/out haproxy" '' ''
t trouble-icewarp-without-names 2 "cd demo && sh $TOP/examples/icewarp.sh server.key server.cer root.crt" '' \
    'usage: icewarp.sh -H NAME [-H NAME ...] KEY CERT CAFILE ...'
t trouble-kerio-without-names 2 "cd demo && sh $TOP/examples/kerio.sh server.key server.cer root.crt" '' \
    'usage: kerio.sh -H NAME [-H NAME ...] KEY CERT CAFILE ...'
t ok-kerio-sslcert-has-intermediates 0 "cd demo && grep -c BEGIN kerio-build/kerio/sslcert/server.crt" 2 ''
t ok-make-chain-pem-issuers 0 "cd demo && chain-order --issuers out/fullchain.pem root.crt | cmp - out/chain.pem && echo same" same ''

# ci-check scenarios: a leaf-only repository fails; a correct fullchain
# and no root file passes when the root is in the system store; --days
# is checked; --passin opens PKCS#12 and encrypted keys
mkdir -p "$O/ci-leaf" "$O/ci-full" "$O/ci-p12"
cp "$F/pki/rsa.pem" "$O/ci-leaf/cert.pem"
cp "$F/pki/rsa.key" "$O/ci-leaf/privkey.pem"
cat "$F/pki/rsa.pem" "$F/pki/ca1.pem" >"$O/ci-full/fullchain.pem"
cp "$F/pki/rsa.key" "$O/ci-full/privkey.pem"
cp "$F/leaf.p12" "$O/ci-p12/server.pfx"
cp "$F/leaf.enc.key" "$O/ci-p12/server.key"
cat "$F/leaf.pem" "$F/inter.pem" >"$O/ci-p12/fullchain.pem"
t no-ci-check-leaf-only-repository 1 "SSL_CERT_FILE=$F/pki/root.pem sh $TOP/examples/ci-check.sh ci-leaf >res; r=\$?; grep -e FAIL -e checks res; exit \$r" \
    "FAIL chain    ci-leaf: cert.pem: chain incomplete: the issuer of O=pemkit PKI,CN=www.pki.example is missing: give its issuer in the file if it is an intermediate; a root of your own goes in --ca-file FILE, never in the served file
1 unit, 3 checks, 1 failed" ''
t ok-ci-check-fullchain-root-in-system-store 0 "SSL_CERT_FILE=$F/pki/root.pem sh $TOP/examples/ci-check.sh ci-full | tail -n 1" \
    "1 unit, 3 checks, 0 failed" ''
t no-ci-check-fullchain-root-unknown 1 "sh $TOP/examples/ci-check.sh ci-full >res; r=\$?; grep -c 'FAIL chain' res; exit \$r" 1 ''
t ok-ci-check-days-with-unit 0 "SSL_CERT_FILE=$F/pki/root.pem sh $TOP/examples/ci-check.sh --days 30d ci-full | tail -n 1" "1 unit, 3 checks, 0 failed" ''
t trouble-ci-check-days-bad 2 "sh $TOP/examples/ci-check.sh --days 30x ci-full" '' \
    'ci-check.sh: --days takes days (30, 30d), 12h, a share of the lifetime (33%, 1/3) or both (30d,1/3), not "30x"'
t trouble-ci-check-p12-and-encrypted-key-without-passin 2 "SSL_CERT_FILE=$F/root.pem sh $TOP/examples/ci-check.sh ci-p12" \
    "FAIL readable ci-p12: server.pfx: cannot be opened (cert-info exit 2): give --passin
FAIL key      ci-p12: server.key: cannot be opened (key-match exit 2): encrypted: give --passin
ok   chain    ci-p12: fullchain.pem
ok   expiry   ci-p12: until 2038-01-01
1 unit, 4 checks, 2 failed" \
    "cert-info: ci-p12/server.pfx: PKCS#12 file needs a passphrase: give --passin
key-match: ci-p12/server.pfx: PKCS#12 file needs a passphrase: give --passin
key-match: ci-p12/server.key:1: encrypted private key: give its passphrase with --passin (env:VAR or file:PATH)"
t ok-ci-check-p12-with-passin 0 "SSL_CERT_FILE=$F/root.pem sh $TOP/examples/ci-check.sh --passin pass:secret ci-p12 | grep -e FAIL -e checks" \
    "2 units, 6 checks, 0 failed" ''
