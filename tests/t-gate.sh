# The CI gate (examples/ci-check.sh, pemkit-ci-check) on deployment
# units (issue 22): repositories built here from the deployment PKI
# (tests/fixtures/pki, mk-pki.sh deploy) with cat, cp and ln (command
# ln: t-examples.sh defines a function ln), judged at
# --at 2030-01-01 with the PKI's root given by --ca-file (it is in no
# system store).  Each case: the exit status and the verdict lines.

P="$F/pki"
G="$O/gate"
CI="sh $TOP/examples/ci-check.sh --ca-file $P/root-x2.pem --at 2030-01-01"
chain1="$P/issuing1.pem $P/policy.pem"		# Issuing CA 1's chain, in order
mkdir -p "$G"
# site DIR LEAF KEY CA...: DIR/fullchain.pem (LEAF then CA...) and
# DIR/privkey.pem, nginx's pair
site() {
	d=$G/$1 l=$2 k=$3
	shift 3
	mkdir -p "$d"
	cat "$P/$l" "$@" >"$d/fullchain.pem"
	cp "$P/$k" "$d/privkey.pem"
}

# a good nginx unit, and the same with a README.md beside it (skipped by
# content, counted)
site ok www-rsa.pem www-rsa.key $chain1
t ok-gate-nginx-unit 0 "$CI gate/ok" \
    "ok   pair     gate/ok: privkey.pem is the key of fullchain.pem
ok   chain    gate/ok: fullchain.pem
ok   expiry   gate/ok: until 2039-01-01
1 unit, 3 checks, 0 failed" ''
site readme www-rsa.pem www-rsa.key $chain1
echo "# the web server's certificate" >"$G/readme/README.md"
echo "domain: www.deploy.example" >"$G/readme/vars.yml"
t ok-gate-readme-skipped-and-counted 0 "$CI gate/readme >res; r=\$?; tail -n 2 res; exit \$r" \
    "skipped 2 files without certificate material
1 unit, 3 checks, 0 failed" ''

# the intermediates reversed: leaf, policy CA, issuing CA
site rev www-rsa.pem www-rsa.key "$P/policy.pem" "$P/issuing1.pem"
t no-gate-reversed-intermediates 1 "$CI gate/rev >res; r=\$?; grep -v '^ok' res; exit \$r" \
    "FAIL chain    gate/rev: fullchain.pem: intermediates out of order: gate/rev/fullchain.pem:19 (O=pemkit Deploy,CN=pemkit Deploy Policy CA) should come after gate/rev/fullchain.pem:31 (O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1)
1 unit, 3 checks, 1 failed" ''

# intermediate first (nginx: "key values mismatch")
mkdir -p "$G/first"
cat "$P/issuing1.pem" "$P/www-rsa.pem" "$P/policy.pem" >"$G/first/fullchain.pem"
cp "$P/www-rsa.key" "$G/first/privkey.pem"
t no-gate-intermediate-first 1 "$CI gate/first" \
    "FAIL pair     gate/first: privkey.pem is not the key of the first certificate of fullchain.pem (pemkit Deploy Issuing CA 1), which a server takes for its own: the leaf goes first
FAIL chain    gate/first: fullchain.pem: the input did not start with the leaf: the leaf is at gate/first/fullchain.pem:13
ok   expiry   gate/first: until 2039-01-01
1 unit, 3 checks, 2 failed" ''

# the renewal mistake: the new key beside the old certificate, while the
# right pair (new key, new certificate) is elsewhere in the repository
mkdir -p "$G/renew"
site renew/site www-rsa.pem www-rsa-renewed.key $chain1
site renew/staging www-rsa-renewed.pem www-rsa-renewed.key $chain1
t no-gate-new-key-beside-old-cert 1 "$CI gate/renew >res; r=\$?; grep pair res; exit \$r" \
    "FAIL pair     gate/renew/site: privkey.pem is not the key of fullchain.pem
ok   pair     gate/renew/staging: privkey.pem is the key of fullchain.pem" ''

# certbot: live/NAME/ symlinks into archive/NAME/, its history (an
# older certificate and key) not judged on its own; renewal/NAME.conf
# has no certificate material
mkdir -p "$G/certbot/archive/www" "$G/certbot/live/www" "$G/certbot/renewal"
cp "$P/www-rsa.pem" "$G/certbot/archive/www/cert1.pem"
cp "$P/www-rsa.key" "$G/certbot/archive/www/privkey1.pem"
cp "$P/www-rsa-renewed.pem" "$G/certbot/archive/www/cert2.pem"
cat $chain1 >"$G/certbot/archive/www/chain2.pem"
cat "$P/www-rsa-renewed.pem" $chain1 >"$G/certbot/archive/www/fullchain2.pem"
cp "$P/www-rsa-renewed.key" "$G/certbot/archive/www/privkey2.pem"
for f in cert chain fullchain privkey; do
	command ln -s "../../archive/www/${f}2.pem" "$G/certbot/live/www/$f.pem"
done
echo "cert = /etc/letsencrypt/live/www/cert.pem" >"$G/certbot/renewal/www.conf"
t ok-gate-certbot-live-symlinks 0 "$CI gate/certbot" \
    "ok   pair     gate/certbot/live/www: privkey.pem is the key of cert.pem
ok   pair     gate/certbot/live/www: privkey.pem is the key of fullchain.pem
ok   chain    gate/certbot/live/www: cert.pem + chain.pem
ok   chain    gate/certbot/live/www: fullchain.pem
ok   expiry   gate/certbot/live/www: until 2040-01-01
skipped 1 file without certificate material
1 unit, 5 checks, 0 failed" ''
# live/ pointing at the old key after a failed renewal
command ln -sf ../../archive/www/privkey1.pem "$G/certbot/live/www/privkey.pem"
t no-gate-certbot-live-old-key 1 "$CI gate/certbot >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL pair     gate/certbot/live/www: privkey.pem is not the key of cert.pem
FAIL pair     gate/certbot/live/www: privkey.pem is not the key of fullchain.pem" ''
command ln -sf ../../archive/www/privkey2.pem "$G/certbot/live/www/privkey.pem"

# Apache: server.crt (the leaf alone) and chain.crt judged as the pair
mkdir -p "$G/apache" "$G/apache-rev"
cp "$P/mail-ec.pem" "$G/apache/server.crt"
cp "$P/mail-ec.key" "$G/apache/server.key"
cat $chain1 >"$G/apache/chain.crt"
t ok-gate-leaf-and-chain-crt 0 "$CI gate/apache" \
    "ok   pair     gate/apache/server: server.key is the key of server.crt
ok   chain    gate/apache/server: server.crt + chain.crt
ok   expiry   gate/apache/server: until 2039-01-01
1 unit, 3 checks, 0 failed" ''
cp "$G/apache/server.crt" "$G/apache/server.key" "$G/apache-rev/"
cat "$P/policy.pem" "$P/issuing1.pem" >"$G/apache-rev/chain.crt"
t no-gate-leaf-and-chain-crt-reversed 1 "$CI gate/apache-rev >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL chain    gate/apache-rev/server: server.crt + chain.crt: intermediates out of order: gate/apache-rev/chain.crt:1 (O=pemkit Deploy,CN=pemkit Deploy Policy CA) should come after gate/apache-rev/chain.crt:13 (O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1)" ''
# the leaf alone, no chain file: the advice names --ca-file for a root
mkdir -p "$G/alone"
cp "$P/mail-ec.pem" "$G/alone/cert.pem"
cp "$P/mail-ec.key" "$G/alone/privkey.pem"
t no-gate-leaf-alone-chain-incomplete 1 "$CI gate/alone >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL chain    gate/alone: cert.pem: chain incomplete: the issuer of O=pemkit Deploy,CN=mail.deploy.example is missing: give its issuer in the file if it is an intermediate; a root of your own goes in --ca-file FILE, never in the served file" ''

# name pairs in one directory: each key only with its own certificate
mkdir -p "$G/pairs"
cat "$P/www-rsa.pem" $chain1 >"$G/pairs/www.crt"
cp "$P/www-rsa.key" "$G/pairs/www.key"
cat "$P/ed-ed25519.pem" "$P/issuing2.pem" "$P/policy.pem" >"$G/pairs/ed.pem"
cp "$P/mail-ec.key" "$G/pairs/ed.key"
t no-gate-name-pair-wrong-key 1 "$CI gate/pairs >res; r=\$?; grep ' pair  ' res; exit \$r" \
    "FAIL pair     gate/pairs/ed: ed.key is not the key of ed.pem
ok   pair     gate/pairs/www: www.key is the key of www.crt" ''

# merged files: HAProxy (chain then key) and IceWarp (key first)
mkdir -p "$G/merged"
cat "$P/www-rsa.pem" $chain1 "$P/www-rsa.key" >"$G/merged/haproxy.pem"
cat "$P/mail-ec.key" "$P/www-rsa.pem" $chain1 >"$G/merged/icewarp.pem"
t no-gate-merged-files 1 "$CI gate/merged" \
    "ok   pair     gate/merged/haproxy.pem: haproxy.pem is the key of haproxy.pem
ok   chain    gate/merged/haproxy.pem: haproxy.pem
ok   expiry   gate/merged/haproxy.pem: until 2039-01-01
FAIL pair     gate/merged/icewarp.pem: icewarp.pem is not the key of icewarp.pem
ok   chain    gate/merged/icewarp.pem: icewarp.pem
ok   expiry   gate/merged/icewarp.pem: until 2039-01-01
2 units, 6 checks, 1 failed" ''

# an encrypted key among others: that key fails (exit 2: not checked),
# the others are still judged; with --passin all pass
site enc/a www-rsa.pem www-rsa.key $chain1
site enc/b mail-ec.pem mail-ec.key $chain1
openssl pkey -in "$P/www-rsa.key" -aes256 -passout pass:s3cret \
    -out "$G/enc/a/privkey.pem" 2>/dev/null
t trouble-gate-encrypted-key-alone 2 "$CI gate/enc 2>/dev/null" \
    "FAIL key      gate/enc/a: privkey.pem: cannot be opened (key-match exit 2): encrypted: give --passin
ok   chain    gate/enc/a: fullchain.pem
ok   expiry   gate/enc/a: until 2039-01-01
ok   pair     gate/enc/b: privkey.pem is the key of fullchain.pem
ok   chain    gate/enc/b: fullchain.pem
ok   expiry   gate/enc/b: until 2039-01-01
2 units, 6 checks, 1 failed" ''
t ok-gate-encrypted-key-with-passin 0 "$CI --passin pass:s3cret gate/enc >res; r=\$?; tail -n 1 res; exit \$r" \
    "2 units, 6 checks, 0 failed" ''

# two leaves in one file: the old certificate left in at renewal
site two www-rsa-renewed.pem www-rsa-renewed.key "$P/www-rsa.pem" $chain1
t no-gate-two-leaves 1 "$CI gate/two >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL leaves   gate/two: fullchain.pem: 2 leaves: the old certificate left in?" ''

# a chain through an expired intermediate, and one not yet valid
site expired www-rsa.pem www-rsa.key "$P/issuing1-expired.pem" "$P/policy.pem"
t no-gate-expired-intermediate 1 "$CI gate/expired >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL chain    gate/expired: fullchain.pem: the chain goes through gate/expired/fullchain.pem:19, which has expired at the time checked
FAIL expiry   gate/expired: fullchain.pem: pemkit Deploy Issuing CA 1 expired on 2019-01-01T00:00:00Z" ''
site future www-rsa.pem www-rsa.key "$P/issuing1-future.pem" "$P/policy.pem"
t no-gate-future-intermediate 1 "$CI gate/future >res; r=\$?; grep -c FAIL res; exit \$r" 2 ''
# the expiry window (--days) at the time judged
t no-gate-days-window 1 "$CI --at 2038-12-15 gate/ok >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL expiry   gate/ok: fullchain.pem: www.deploy.example expires on 2039-01-01T00:00:00Z, in 17 days, 0% of its lifetime left" ''

# an orphan key, and a file that cannot be read: its own verdict
mkdir -p "$G/bad"
cp "$P/www-rsa.key" "$G/bad/orphan.key"
head -n 3 "$P/www-rsa.pem" >"$G/bad/broken.pem"
t trouble-gate-unreadable-and-orphan 2 "$CI gate/bad 2>/dev/null" \
    "FAIL readable gate/bad: broken.pem: cannot be read (pem-split exit 2)
FAIL pair     gate/bad: orphan.key: no leaf certificate beside it carries this key
1 unit, 2 checks, 2 failed" ''
t ok-gate-exclude 1 "$CI --exclude broken.pem gate/bad" \
    "FAIL pair     gate/bad: orphan.key: no leaf certificate beside it carries this key
1 unit, 1 checks, 1 failed" ''

# nothing to check; usage; -h
mkdir -p "$G/empty"
echo "nothing here" >"$G/empty/README.md"
t trouble-gate-no-certificate-files 2 "$CI gate/empty" '' \
    "ci-check.sh: no certificate files under gate/empty"
t ok-gate-help 0 "sh $TOP/examples/ci-check.sh -h | head -n 4" \
    "usage: ci-check.sh [-h] [--json] [--at TIME] [--ca-file FILE] [--days N]
       [--exclude GLOB ...] [--lint] [--name NAME ...] [--no-system]
       [--passin SOURCE] DIR
options:" ''
t trouble-gate-usage 2 "sh $TOP/examples/ci-check.sh" '' \
    "usage: ci-check.sh [-h] [--json] [--at TIME] [--ca-file FILE] [--days N]
       [--exclude GLOB ...] [--lint] [--name NAME ...] [--no-system]
       [--passin SOURCE] DIR"

# --name; --json (NDJSON, a summary last)
t ok-gate-name 0 "$CI --name www.deploy.example gate/ok >res; r=\$?; grep name res; exit \$r" \
    "ok   name     www.deploy.example: covered by gate/ok/fullchain.pem" ''
t no-gate-name 1 "$CI --name shop.deploy.example gate/ok >res; r=\$?; grep name res; exit \$r" \
    "FAIL name     shop.deploy.example: no leaf covers it" ''
t no-gate-json 1 "$CI --json gate/rev >res; r=\$?; jq -c '[.check, .unit, .ok, .failed]' res; exit \$r" \
    '["pair","gate/rev",true,null]
["chain","gate/rev",false,null]
["expiry","gate/rev",true,null]
["summary",null,null,1]' ''

# the README's example, on the repository it describes: shop's
# intermediates reversed, www's renewed key beside the old certificate;
# the output is the README's comment lines
mkdir -p "$G/readme-example/repo/www" "$G/readme-example/repo/shop"
R="$G/readme-example/repo"
cat "$P/www-rsa.pem" $chain1 >"$R/www/fullchain.pem"
cp "$P/www-rsa-renewed.key" "$R/www/privkey.pem"
cat "$P/mail-ec.pem" "$P/policy.pem" "$P/issuing1.pem" >"$R/shop/fullchain.pem"
cp "$P/mail-ec.key" "$R/shop/privkey.pem"
cp "$P/root-x2.pem" "$G/readme-example/company-root.pem"
sed -n '/^pemkit-ci-check --ca-file company-root.pem repo/,/^```/p' "$TOP/README.md" |
    sed -n 's/^# //p' >"$G/readme-example/want"
t no-gate-readme-example 1 "cd gate/readme-example && sh $TOP/examples/ci-check.sh --ca-file company-root.pem repo/ >res; r=\$?; grep -v '^ok' res; exit \$r" \
    "@$G/readme-example/want" ''

# certbot's live/ link to a file that is gone: nginx cannot load it
mkdir -p "$G/dangling/live/www"
cp "$G/ok/fullchain.pem" "$G/dangling/live/www/fullchain.pem"
command ln -s ../../archive/www/privkey9.pem "$G/dangling/live/www/privkey.pem"
t no-gate-dangling-symlink 1 "$CI gate/dangling" \
    "FAIL readable gate/dangling/live/www: privkey.pem: a symbolic link to nothing
ok   chain    gate/dangling/live/www: fullchain.pem
ok   expiry   gate/dangling/live/www: until 2039-01-01
1 unit, 3 checks, 1 failed" ''

# --lint: cert-lint on each leaf, a verdict each with its first error
# finding.  Under --ca-file (a private PKI) the leaf is judged as a
# private certificate (RFC 5280's rules): the deployment PKI's leaf is
# clean there, and breaks the CA/B BR judged as a public one
t ok-gate-lint-private-pki 0 "$CI --lint gate/ok" \
    "ok   pair     gate/ok: privkey.pem is the key of fullchain.pem
ok   chain    gate/ok: fullchain.pem
ok   expiry   gate/ok: until 2039-01-01
ok   lint     gate/ok: fullchain.pem: no error finding
1 unit, 4 checks, 0 failed" ''
t no-gate-lint-public-profile 1 "sh $TOP/examples/ci-check.sh --at 2030-01-01 --lint gate/ok >res; r=\$?; grep ' lint ' res; exit \$r" \
    "FAIL lint     gate/ok: fullchain.pem: e_sub_cert_cert_policy_empty: the subscriber certificate has no certificatePolicies (CA/B BR 7.1.2.3)" ''
# a BR-clean public leaf (mk-lint.sh) with its intermediate, and the
# same unit with a second leaf left in whose serial number is zero: a
# verdict per leaf
L=$F/lint
mkdir -p "$G/lint-pub" "$G/lint-two"
cat "$L/good-tls.pem" "$F/inter.pem" >"$G/lint-pub/fullchain.pem"
cat "$L/good-tls.pem" "$L/serial-zero.pem" "$F/inter.pem" >"$G/lint-two/fullchain.pem"
# (its chain ends at the fixtures' root, in no store and not given:
# --ca-file would make it a private PKI's; the chain verdict fails)
t no-gate-lint-public-leaf-clean-chain-untrusted 1 "sh $TOP/examples/ci-check.sh --at 2024-06-01 --lint gate/lint-pub >res; r=\$?; grep -e ' lint ' -e ' chain ' res | cut -d: -f1,2; exit \$r" \
    "FAIL chain    gate/lint-pub: fullchain.pem
ok   lint     gate/lint-pub: fullchain.pem" ''
t no-gate-lint-each-leaf 1 "sh $TOP/examples/ci-check.sh --at 2024-06-01 --lint gate/lint-two >res; r=\$?; grep ' lint ' res; exit \$r" \
    "ok   lint     gate/lint-two: fullchain.pem (leaf 1): no error finding
FAIL lint     gate/lint-two: fullchain.pem (leaf 2): e_serial_number_not_positive: the serial number is zero (RFC 5280 4.1.2.2)" ''
# without --lint, no cert-lint verdict (the cases above: 3 checks)
t ok-gate-lint-opt-in 0 "$CI --json gate/ok | jq -r .check | sort -u" \
    "chain
expiry
pair
summary" ''
