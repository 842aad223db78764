# --crl-fetch (issue 26, item 3): each certificate's CRL from its CRL
# distribution point, in cert-info and chain-order --verify, against
# tests/aia-server.py on 127.0.0.1: good, revoked, 404, HTML, oversized,
# slow, a redirect loop, stale, delta, partitioned; the cache; the
# OpenMetrics series per source.  The PKI is tests/mk-revocation.sh's;
# the leaves that name the server's URLs are made here, once its port is
# known.

R="$O/crlf"
sh "$TOP/tests/mk-revocation.sh" "$R"
W="$R/www"
mkdir -p "$W"
cp "$R/fresh.crl.der" "$W/inter.crl"
cp "$R/stale.crl" "$W/stale.crl"
cp "$R/delta.crl" "$W/delta.crl"
cp "$R/root.crl" "$W/root.crl"
(exec python3 "$TOP/tests/aia-server.py" "$W" "$R/aia.port" </dev/null \
    >/dev/null 2>&1) &
AIA_PID=$!
i=0
until [ -s "$R/aia.port" ] || [ $i -gt 100 ]; do sleep 0.05; i=$((i + 1)); done
AP=$(cat "$R/aia.port")
U="http://127.0.0.1:$AP"
A="http://127.0.0.1:PORT"
# partitions of inter's CRL: one for /part.crl (served there and, as
# another point's, at /part-other.crl)
cat >>"$R/ca.cnf" <<CNF
[ crl_part ]
issuingDistributionPoint = critical,@idp_part
[ idp_part ]
fullname = URI:$U/part.crl
onlyuser = TRUE
CNF
(cd "$R" && NAME=x openssl ca -batch -config ca.cnf -gencrl -crlexts crl_part \
    -out www/part.crl >/dev/null 2>&1)
cp "$W/part.crl" "$W/part-other.crl"
# cdp NAME SERIAL PATH: a leaf of inter with only a CRL distribution
# point (no OCSP URL, as Let's Encrypt's since 2025)
cdp() {
	printf 'basicConstraints = CA:false\ncrlDistributionPoints = URI:%s/%s\n' \
	    "$U" "$3" >"$R/cdp.ext"
	openssl req -new -key "$R/good.key" -subj "/CN=$1.example.com" 2>/dev/null |
	    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" \
	    -set_serial "$2" -days 30 -extfile "$R/cdp.ext" \
	    -out "$R/$1.pem" 2>/dev/null
}
openssl x509 -in "$R/good.pem" -out "$R/nocdp.pem"
cdp good 0x2000 inter.crl
cdp revoked 0x1001 inter.crl		# revoked.pem's serial: listed
for p in missing html huge slow loop hop-crl; do
	cdp "$p" 0x2001 "$p"
done
cdp stale 0x2001 stale.crl
cdp delta 0x2001 delta.crl
cdp part 0x2001 part.crl
cdp part-other 0x2001 part-other.crl
# the intermediate again, with a distribution point for the root's CRL
printf 'basicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\ncrlDistributionPoints = URI:%s/root.crl\n' \
    "$U" >"$R/icdp.ext"
openssl x509 -in "$R/inter.pem" -x509toreq -signkey "$R/inter.key" 2>/dev/null |
    openssl x509 -req -CA "$R/root.pem" -CAkey "$R/root.key" -set_serial 0x3000 \
    -days 300 -extfile "$R/icdp.ext" -out "$R/inter-cdp.pem" 2>/dev/null
cat "$R/good.pem" "$R/inter-cdp.pem" >"$R/good-chain.pem"
openssl x509 -in "$R/inter-cdp.pem" -outform DER -out "$W/inter-cdp.der"
# a leaf that names its CRL and its issuer's URL, nothing else
printf 'basicConstraints = CA:false\ncrlDistributionPoints = URI:%s/inter.crl\nauthorityInfoAccess = caIssuers;URI:%s/inter-cdp.der\n' \
    "$U" "$U" >"$R/cdp.ext"
openssl req -new -key "$R/good.key" -subj "/CN=cdp-aia.example.com" 2>/dev/null |
    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" \
    -set_serial 0x2002 -days 30 -extfile "$R/cdp.ext" -out "$R/cdp-aia.pem" 2>/dev/null
cat "$R/revoked.pem" "$R/inter-cdp.pem" >"$R/revoked-chain.pem"
TM="sed -E 's/[0-9]{4}-[0-9-]{5}T[0-9:]{8}Z/TIME/g'"
# ci NAME STATUS ARGS STDOUT STDERR: cert-info in $R, the port as PORT
ci() {
	t "$1" "$2" "cd crlf && cert-info -t 2 $3 2>e; r=\$?; sed 's/$AP/PORT/g' e | $TM >&2; exit \$r" "$4" "$5"
}
# rev NAME STATUS FILE STDERR: the revocation line of cert-info's text
rev() {
	t "$1" "$2" "cd crlf && cert-info -t 2 -L -C inter.pem $3.pem >o 2>e; r=\$?;
	    sed -n 's/^  revocation: *//p' o | sed 's/$AP/PORT/g' | $TM; sed 's/$AP/PORT/g' e | $TM >&2; exit \$r" "$4" "$5"
}

rev ok-crlfetch-good 0 good "good, says $A/inter.crl" ''
rev no-crlfetch-revoked 1 revoked "revoked on TIME (keyCompromise), says $A/inter.crl" \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on TIME (keyCompromise)"
rev trouble-crlfetch-404 2 missing \
    "unknown: cannot fetch: the server answered code=404, reason=Not Found" \
    "cert-info: $A/missing: cannot fetch: the server answered code=404, reason=Not Found
cert-info: missing.pem:1: CN=missing.example.com: revocation status unknown: cannot fetch: the server answered code=404, reason=Not Found ($A/missing)"
rev trouble-crlfetch-html 2 html \
    "unknown: the answer is HTML, not a CRL (an error page or a captive portal?)" \
    "cert-info: $A/html: the answer is HTML, not a CRL (an error page or a captive portal?)
cert-info: html.pem:1: CN=html.example.com: revocation status unknown: the answer is HTML, not a CRL (an error page or a captive portal?) ($A/html)"
rev trouble-crlfetch-oversized 2 huge \
    "unknown: the answer is more than 8388608 bytes" \
    "cert-info: $A/huge: the answer is more than 8388608 bytes
cert-info: huge.pem:1: CN=huge.example.com: revocation status unknown: the answer is more than 8388608 bytes ($A/huge)"
rev trouble-crlfetch-slow 2 slow \
    "unknown: timed out after 2 s" \
    "cert-info: $A/slow: timed out after 2 s
cert-info: slow.pem:1: CN=slow.example.com: revocation status unknown: timed out after 2 s ($A/slow)"
rev trouble-crlfetch-redirect-loop 2 loop \
    "unknown: more than 3 redirections" \
    "cert-info: $A/loop: more than 3 redirections
cert-info: loop.pem:1: CN=loop.example.com: revocation status unknown: more than 3 redirections ($A/loop)"
rev trouble-crlfetch-stale 2 stale \
    "unknown: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was TIME" \
    "cert-info: stale.pem:1: CN=stale.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was TIME ($A/stale.crl)"
rev trouble-crlfetch-delta 2 delta \
    "unknown: the CRL of CN=Revocation Test Inter is a delta CRL (RFC 5280 5.2.4): give the full CRL" \
    "cert-info: delta.pem:1: CN=delta.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter is a delta CRL (RFC 5280 5.2.4): give the full CRL ($A/delta.crl)"
t ok-crlfetch-redirect-followed 0 "cd crlf && cert-info -v -L -C inter.pem hop-crl.pem >o 2>e; r=\$?; sed -n 's/^  revocation: *//p' o | sed 's/$AP/PORT/g'; grep -e fetching -e redirected e | sed 's/$AP/PORT/g'; exit \$r" \
    "good, says $A/hop-crl
cert-info: $A/hop-crl: note: fetching the CRL
cert-info: note: $A/hop-crl: redirected to $A/inter.crl" ''
rev ok-crlfetch-partition 0 part "good, says $A/part.crl" ''
rev trouble-crlfetch-other-partition 2 part-other \
    "unknown: the CRL is a partition for another distribution point (its issuingDistributionPoint names $A/part.crl; RFC 5280 6.3.3)" \
    "cert-info: $A/part-other.crl: the CRL is a partition for another distribution point (its issuingDistributionPoint names $A/part.crl; RFC 5280 6.3.3)
cert-info: part-other.pem:1: CN=part-other.example.com: revocation status unknown: the CRL is a partition for another distribution point (its issuingDistributionPoint names $A/part.crl; RFC 5280 6.3.3) ($A/part-other.crl)"
# a certificate without a distribution point cannot be checked so
ci trouble-crlfetch-no-cdp 2 "-o /dev/null -L -C inter.pem nocdp.pem" '' \
    "cert-info: nocdp.pem:1: CN=good.example.com: revocation status unknown: --crl-fetch: it has no CRL distribution point"
# --crl-soft: an unknown status warns, exit 0
ci ok-crlfetch-soft 0 "-o /dev/null -L -u -C inter.pem missing.pem" '' \
    "cert-info: $A/missing: cannot fetch: the server answered code=404, reason=Not Found
cert-info: missing.pem:1: warning: CN=missing.example.com: revocation status unknown: cannot fetch: the server answered code=404, reason=Not Found ($A/missing)"
# the issuer comes from -C, the input or the system store; else unknown
ci trouble-crlfetch-issuer-missing 2 "-o /dev/null -L good.pem" '' \
    "cert-info: good.pem:1: CN=good.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter cannot be verified: its issuer is not in the input, -C or the system store ($A/inter.crl)"
# a leaf with only a CDP: --ocsp names it and cannot answer; --crl-fetch can
ci trouble-ocsp-cdp-only 2 "-o /dev/null -Q good.pem inter.pem" '' \
    "cert-info: good.pem:1: CN=good.example.com names no OCSP responder; its CRL is at $A/inter.crl: check it with --crl-fetch or --crl, or give --ocsp-url"
ci ok-crlfetch-cdp-only 0 "-o /dev/null -L good.pem -C inter.pem" '' ''

# one URL is fetched once for all the certificates that name it
t ok-crlfetch-once-per-url 0 "cd crlf && : >www/requests.log && cert-info -o /dev/null -L -C inter.pem good.pem part.pem good.pem && cat www/requests.log" \
    "/inter.crl
/part.crl" ''
# the cache: a CRL is kept until its nextUpdate
t ok-crlfetch-cache 0 "cd crlf && rm -rf cache && : >www/requests.log &&
    cert-info -o /dev/null -L -D cache -C inter.pem good.pem &&
    cert-info -o /dev/null -v -L -D cache -C inter.pem good.pem 2>&1 | grep cache | sed 's/$AP/PORT/g' &&
    cat www/requests.log && ls cache | wc -l" \
    "cert-info: $A/inter.crl: note: the CRL, from the cache cache
/inter.crl
1" ''
t ok-crlfetch-cache-stale-fetched-again 2 "cd crlf && : >www/requests.log &&
    cert-info -o /dev/null -a @\$((\$(date +%s) + 40 * 86400)) -L -D cache -C inter.pem good.pem 2>/dev/null; r=\$?;
    cat www/requests.log; exit \$r" \
    "/inter.crl" ''
t trouble-crlfetch-cache-symlink 2 "cd crlf && rm -rf c2 && mkdir c2 &&
    ln -s /dev/zero c2/\$(printf %s '$U/inter.crl' | sha256sum | cut -c1-64).crl &&
    cert-info -o /dev/null -L -D c2 -C inter.pem good.pem 2>&1 | head -n 1 | sed 's/[0-9a-f]\{64\}/HASH/'; exit 2" \
    "cert-info: c2/HASH.crl: the cache entry is a symbolic link: refused" ''
ci trouble-crlfetch-cache-without-fetch 2 "-D cache good.pem" '' '*'

# JSON: the revocation member names the URL
t ok-crlfetch-json 1 "cd crlf && cert-info -j -L -C inter.pem good.pem revoked.pem 2>/dev/null >j; r=\$?;
    jq -c '[.revocation.status, .revocation.reason, .revocation.source]' j | sed 's/$AP/PORT/g'; exit \$r" \
    "[\"good\",null,\"$A/inter.crl\"]
[\"revoked\",\"keyCompromise\",\"$A/inter.crl\"]" ''
t trouble-crlfetch-json-cause 2 "cd crlf && cert-info -j -L -C inter.pem missing.pem nocdp.pem 2>/dev/null >j; r=\$?;
    jq -c '[.revocation.status, .revocation.why, .revocation.source]' j | sed 's/$AP/PORT/g'; exit \$r" \
    "[\"unknown\",\"cannot fetch: the server answered code=404, reason=Not Found\",\"$A/missing\"]
[\"unknown\",\"--crl-fetch: it has no CRL distribution point\",null]" ''
# OpenMetrics: the nextUpdate and the error of each source
t ok-crlfetch-openmetrics 2 "cd crlf && cert-info -f openmetrics -L -C inter.pem good.pem missing.pem 2>/dev/null >m; r=\$?;
    grep '^pemkit_crl_source' m | sed -e 's/$AP/PORT/g' -e 's/} [0-9]\{10\}\$/} EPOCH/'; exit \$r" \
    "pemkit_crl_source_next_update_seconds{source=\"$A/inter.crl\",issuer_cn=\"Revocation Test Inter\",crl_number=\"1\"} EPOCH
pemkit_crl_source_error{source=\"$A/inter.crl\"} 0
pemkit_crl_source_error{source=\"$A/missing\"} 1" ''
t ok-crlfetch-openmetrics-promtool 0 "cd crlf && cert-info -f openmetrics -o m.prom -L -u -C inter.pem good.pem missing.pem 2>/dev/null &&
    promtool check metrics <m.prom && grep -c '^pemkit_crl_source' m.prom" "3" ''
t ok-crlfetch-openmetrics-value 0 "cd crlf && cert-info -f openmetrics -L -C inter.pem good.pem |
    sed -n 's/^pemkit_crl_source_next_update_seconds.* //p'" \
    "$(date -u -d "$(openssl crl -in "$R/fresh.crl" -noout -nextupdate | cut -d= -f2)" +%s)" ''

# chain-order --verify: every certificate of the chain, the
# intermediate's CRL from the root
t ok-crlfetch-chain 0 "cd crlf && chain-order -t 2 -y -L -C root.pem good-chain.pem | grep -c BEGIN" "2" ''
t no-crlfetch-chain-revoked 1 "cd crlf && chain-order -t 2 -y -L -C root.pem revoked-chain.pem 2>e; r=\$?; $TM e >&2; exit \$r" '' \
    "chain-order: verification failed at depth 0, CN=revoked.example.com: revoked on TIME (keyCompromise)"
t trouble-crlfetch-chain-404 2 "cd crlf && cat missing.pem inter-cdp.pem >mc.pem && chain-order -t 2 -y -L -C root.pem mc.pem 2>e; r=\$?; sed 's/$AP/PORT/g' e >&2; exit \$r" '' \
    "chain-order: $A/missing: cannot fetch: the server answered code=404, reason=Not Found
chain-order: mc.pem:1: CN=missing.example.com: revocation status unknown: cannot fetch: the server answered code=404, reason=Not Found ($A/missing)"
# the issuer fetched by --fetch verifies the CRL, and its own CRL is the
# root's
t ok-crlfetch-chain-issuer-fetched 0 "cd crlf && chain-order -t 2 -y -F -L -C root.pem cdp-aia.pem >o 2>e; r=\$?; grep -c BEGIN o; sed 's/$AP/PORT/g' e >&2; exit \$r" \
    "2" ''
t trouble-crlfetch-chain-needs-verify 2 "cd crlf && chain-order -L good-chain.pem" '' \
    "chain-order: --crl-fetch is checked by --verify: give -y
$(chain-order -h | sed -n 1,3p)"
t ok-crlfetch-chain-cache 0 "cd crlf && rm -rf c3 && chain-order -y -L -D c3 -C root.pem good-chain.pem >/dev/null &&
    : >www/requests.log && chain-order -y -L -D c3 -C root.pem good-chain.pem >/dev/null && cat www/requests.log && ls c3 | wc -l" \
    "2" ''

# the README's lines, on files of those names
t ok-readme-crl-fetch-example 0 "cd crlf && cp inter.pem intermediate.pem && cp good.pem server.cer &&
    $(sed -n 's/^\(cert-info -C intermediate.pem --crl-fetch server.cer\) .*/\1/p' "$TOP/README.md") >/dev/null" '' ''
t ok-readme-chain-crl-fetch-example 0 "cd crlf && cp good-chain.pem fullchain.pem && HOME=\$PWD/home &&
    $(sed -n 's/^\(chain-order --verify --crl-fetch --cache ~\/.cache\/pemkit fullchain.pem\) .*/\1/p' "$TOP/README.md") -C root.pem >/dev/null &&
    ls home/.cache/pemkit | wc -l" "2" ''

kill "$AIA_PID" 2>/dev/null
