# Renewal by 2026's rules (issue 26): expiry gates by a share of the
# lifetime, ACME Renewal Information (RFC 9773) against a server on
# 127.0.0.1, --purpose.  Fixtures: tests/fixtures/mk-renew.sh.
R="$F/renew"
W="CN=www.renew.example"

# lifetime gates: 6, 90 and 398 days from 2030-01-01
t no-renew-6day-third-left 1 "cert-info -a 2030-01-05 -e 1/3 -o x $R/d6.pem" '' \
    "cert-info: $R/d6.pem:1: O=pemkit Renew,$W expires on 2030-01-07T00:00:00Z, in 2 days, 33% of its lifetime left"
t ok-renew-6day-before-third 0 "cert-info -a 2030-01-04T23:00:00Z -e 1/3 -o x $R/d6.pem" '' ''
t ok-renew-90day-35pct-left 0 "cert-info -a 2030-02-28 -e 33% -o x $R/d90.pem" '' ''
t no-renew-90day-32pct-left 1 "cert-info -a 2030-03-03 -e 33% -o x $R/d90.pem" '' \
    "cert-info: $R/d90.pem:1: O=pemkit Renew,$W expires on 2030-04-01T00:00:00Z, in 29 days, 32% of its lifetime left"
t ok-renew-decimal-share 0 "cert-info -a 2030-03-03 -e 32.1% -o x $R/d90.pem" '' ''
# 30d,1/3: only when both hold (whichever leaves less)
t no-renew-398day-30d-third 1 "cert-info -a 2031-01-05 -e 30d,1/3 -o x $R/d398.pem" '' \
    "cert-info: $R/d398.pem:1: O=pemkit Renew,$W expires on 2031-02-03T00:00:00Z, in 29 days, 7% of its lifetime left"
t ok-renew-398day-third-not-30d 0 "cert-info -a 2030-12-01 -e 30d,1/3 -o x $R/d398.pem" '' ''
t ok-renew-6day-30d-not-third 0 "cert-info -a 2030-01-03 -e 1/3,30d -o x $R/d6.pem" '' ''
t ok-renew-200day-30d-third 0 "cert-info -a 2030-06-01 -e 30d,1/3 -o x $R/d200.pem" '' ''
t no-renew-200day-30d-third 1 "cert-info -a 2030-06-21 -e 30d,1/3 -o x $R/d200.pem" '' \
    "cert-info: $R/d200.pem:1: O=pemkit Renew,$W expires on 2030-07-20T00:00:00Z, in 29 days, 14% of its lifetime left"
for bad in 120% 2/1 30d,12h 1/3,33% 3.14159% 1/0 %; do
	t "trouble-renew-bad-share-$(echo "$bad" | tr '/%,.' 'spcd')" 2 \
	    "cert-info -e '$bad' $R/d6.pem 2>&1 | head -n 1; exit 2" \
	    "cert-info: --expires-within: \"$bad\" is not a duration: use 30 (days), 30d, 12h, 2w, 33% (of the lifetime), ..." ''
done
# chain-order -s: a share of each link's own lifetime
t no-renew-chain-order-share 1 "chain-order -s -a 2030-01-05 -E 1/3 -C $R/root.pem $R/d6.pem $R/ca.pem >/dev/null" '' \
    "chain-order: warning: the chain goes through $R/d6.pem:1, which expires in 2 days, 33% of its lifetime left (--expires-within): notAfter 2030-01-07T00:00:00Z
chain-order: --strict: 1 finding: the input is not exactly the chain to send"
t ok-renew-chain-order-share 0 "cat $R/d6.pem $R/ca.pem >fc6.pem; chain-order -s -a 2030-01-03 -E 1/3 -C $R/root.pem fc6.pem | cmp - fc6.pem" '' ''
# pemkit-ci-check's default: 30 days or a third, whichever leaves less
mkdir -p "$O/ci6/site"
cat "$R/d6.pem" "$R/ca.pem" >"$O/ci6/site/fullchain.pem"
cp "$R/d6.key" "$O/ci6/site/privkey.pem"
CI6="sh $TOP/examples/ci-check.sh --ca-file $R/root.pem"
t ok-renew-ci-check-6day-default 0 "$CI6 --at 2030-01-03 ci6 | tail -n 1" \
    "1 unit, 3 checks, 0 failed" ''
t no-renew-ci-check-6day-default 1 "$CI6 --at 2030-01-05 ci6 >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL expiry   ci6/site: fullchain.pem: www.renew.example expires on 2030-01-07T00:00:00Z, in 2 days, 33% of its lifetime left" ''
t no-renew-ci-check-days-30 1 "$CI6 --days 30 --at 2030-01-03 ci6 >res; r=\$?; grep FAIL res; exit \$r" \
    "FAIL expiry   ci6/site: fullchain.pem: www.renew.example expires on 2030-01-07T00:00:00Z, within 30 days" ''
t ok-renew-ci-check-days-share 0 "$CI6 --days 40% --at 2030-01-03T12:00:00Z ci6 | tail -n 1" \
    "1 unit, 3 checks, 0 failed" ''
t trouble-renew-ci-check-days-bad 2 "$CI6 --days 200% ci6" '' \
    'ci-check.sh: --days takes days (30, 30d), 12h, a share of the lifetime (33%, 1/3) or both (30d,1/3), not "200%"'

# --purpose: the renewal lost clientAuth; a CA's EKU restricts its leaves
t ok-renew-purpose-client-old 0 "cert-info -P client -o x $R/old.pem $R/ca.pem" '' ''
t no-renew-purpose-client-lost 1 "cert-info -P client -o x $R/new.pem $R/ca.pem" '' \
    "cert-info: $R/new.pem:1: O=pemkit Renew,$W does not allow clientAuth: its extended key usage is serverAuth"
t no-renew-purpose-ca-restricts 1 "chain-order -P client -a 2030-01-05 -C $R/root.pem $R/tls-both.pem $R/ca-tls.pem >/dev/null" '' \
    "chain-order: $R/ca-tls.pem:1 does not allow clientAuth: its extended key usage is serverAuth (a CA's EKU restricts every certificate under it)"
t ok-renew-purpose-server-verify 0 "chain-order -y -P server -a 2030-01-05 -C $R/root.pem $R/tls-both.pem $R/ca-tls.pem >/dev/null" '' ''
t no-renew-purpose-verify-openssl 1 "chain-order -y -P email -a 2030-01-05 -C $R/root.pem $R/d90.pem $R/ca.pem >/dev/null 2>e; r=\$?; head -n 1 e >&2; exit \$r" '' \
    "chain-order: verification failed at depth 0, O=pemkit Renew,$W: unsuitable certificate purpose"
t ok-renew-purpose-email 0 "cert-info -P email -o x $R/smime.pem" '' ''
t ok-renew-purpose-code 0 "chain-order -P code -a 2030-01-05 -C $R/root.pem $R/code.pem $R/ca.pem >/dev/null" '' ''
t no-renew-purpose-code 1 "cert-info -P code -o x $R/d90.pem" '' \
    "cert-info: $R/d90.pem:1: O=pemkit Renew,$W does not allow codeSigning: its extended key usage is serverAuth"
t no-renew-purpose-no-leaf 1 "cert-info -P server -o x $R/ca.pem" '' \
    "cert-info: no end-entity certificate to check a purpose against"
t trouble-renew-purpose-unknown 2 "cert-info -P web $R/d90.pem 2>&1 | head -n 1; exit 2" \
    'cert-info: --purpose: "web" is not server, client, email or code' ''

# ARI (RFC 9773): the identifier of appendix A, then the window
ID=aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE
t ok-renew-ari-id-rfc9773 0 "cert-info -f '%{ari.id}' $R/d90.pem $R/d6.pem $R/root.pem" \
    "$ID
aYhba4dGQEHhs3uEe6CuLN4ByNQ.IAY
" ''
A="$O/ari"
mkdir -p "$A"
printf '{"suggestedWindow": {"start": "2030-02-28T00:00:00Z",\n "end": "2030-03-02T00:00:00Z"},\n "explanationURL": "https://ca.example/why"}\n' >"$A/$ID.json"
# an offset and fractions, members unknown to RFC 9773 of every type
printf '{"x": [1, -2.5e3, {"y": null}], "suggestedWindow": {"end": "2030-01-06T02:00:00.5+02:00", "start": "2030-01-04t12:00:00z", "z": true}}' \
    >"$A/aYhba4dGQEHhs3uEe6CuLN4ByNQ.IAY.json"
printf '{"suggestedWindow": {"start": "2030-06-01T00:00:00Z", "end": "2030-05-01T00:00:00Z"}}' \
    >"$A/aYhba4dGQEHhs3uEe6CuLN4ByNQ.IgA.json"
printf '{"suggestedWindow": {"start": "2030-06-01T00:00:00Z"}' \
    >"$A/aYhba4dGQEHhs3uEe6CuLN4ByNQ.I5g.json"
(exec python3 "$TOP/tests/ari-server.py" "$A" "$A/port" </dev/null \
    >/dev/null 2>&1) &
ARI_PID=$!
i=0
until [ -s "$A/port" ] || [ $i -gt 100 ]; do sleep 0.05; i=$((i + 1)); done
AU="http://127.0.0.1:$(cat "$A/port")"
# ari NAME STATUS KIND FILE ARGS STDOUT STDERR, the port as PORT
ari() {
	t "$1" "$2" "cert-info -t 2 --ari $AU/$3 $R/$4.pem $5 2>e; r=\$?;
	    sed 's/$(cat "$A/port")/PORT/g; s|$R/||g' e >&2; exit \$r" "$6" "$7"
}
ari ok-renew-ari-before-window 0 ari d90 "-a 2030-02-01 -f '%{ari.start} %{ari.end} %{ari.explanation_url}'" \
    "2030-02-28T00:00:00Z 2030-03-02T00:00:00Z https://ca.example/why" ''
ari no-renew-ari-window-open 1 ari d90 "-a 2030-03-01 -f '%{ari.id}'" "$ID" \
    "cert-info: d90.pem:1: O=pemkit Renew,$W: the CA suggests renewing now: its renewal window opened on 2030-02-28T00:00:00Z (to 2030-03-02T00:00:00Z), see https://ca.example/why"
ari no-renew-ari-window-closed 1 ari d90 "-a 2030-03-05 -o x" '' \
    "cert-info: d90.pem:1: O=pemkit Renew,$W: the CA suggests renewing now: its renewal window closed on 2030-03-02T00:00:00Z, see https://ca.example/why"
ari ok-renew-ari-text 0 ari d90 "-a 2030-02-01 | grep window" \
    "  renewal window:    2030-02-28T00:00:00Z to 2030-03-02T00:00:00Z, see https://ca.example/why (ARI)" ''
ari ok-renew-ari-json 0 ari d90 "-a 2030-02-01 --json | jq -c .ari | sed 's/$(cat "$A/port")/PORT/'" \
    "{\"id\":\"$ID\",\"url\":\"http://127.0.0.1:PORT/ari/$ID\",\"start\":\"2030-02-28T00:00:00Z\",\"end\":\"2030-03-02T00:00:00Z\",\"explanation_url\":\"https://ca.example/why\"}" ''
ari ok-renew-ari-offset-and-extras 0 ari d6 "-a 2030-01-04 -f '%{ari.start} %{ari.end}%{ari.explanation_url}'" \
    "2030-01-04T12:00:00Z 2030-01-06T00:00:00Z" ''
ari no-renew-ari-offset-window-open 1 ari d6 "-a 2030-01-04T12:00:00Z -o x" '' \
    "cert-info: d6.pem:1: O=pemkit Renew,$W: the CA suggests renewing now: its renewal window opened on 2030-01-04T12:00:00Z (to 2030-01-06T00:00:00Z)"
ari ok-renew-ari-ca-not-asked 0 ari d90 "-a 2030-02-01 -o x $R/ca.pem" '' ''
ari trouble-renew-ari-end-before-start 2 ari d200 "-o x" '' \
    "cert-info: d200.pem:1: --ari: http://127.0.0.1:PORT/ari/aYhba4dGQEHhs3uEe6CuLN4ByNQ.IgA: the suggestedWindow ends before it starts"
ari trouble-renew-ari-truncated-json 2 ari d398 "-o x" '' \
    "cert-info: d398.pem:1: --ari: http://127.0.0.1:PORT/ari/aYhba4dGQEHhs3uEe6CuLN4ByNQ.I5g: the answer is not valid JSON"
ari trouble-renew-ari-html 2 html d90 "-o x" '' \
    "cert-info: d90.pem:1: --ari: http://127.0.0.1:PORT/html/$ID: the answer is not a JSON object (an HTML page?)"
ari trouble-renew-ari-404 2 ari old "-o x" '' \
    "cert-info: http://127.0.0.1:PORT/ari/aYhba4dGQEHhs3uEe6CuLN4ByNQ.MAE: cannot fetch: the server answered code=404, reason=Not Found
cert-info: old.pem:1: --ari: cannot fetch the renewal window from http://127.0.0.1:PORT/ari/aYhba4dGQEHhs3uEe6CuLN4ByNQ.MAE"
ari trouble-renew-ari-big 2 big d90 "-o x" '' \
    "cert-info: http://127.0.0.1:PORT/big/$ID: the answer is more than 65536 bytes
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from http://127.0.0.1:PORT/big/$ID"
ari trouble-renew-ari-slow 2 slow d90 "-o x" '' \
    "cert-info: http://127.0.0.1:PORT/slow/$ID: timed out after 2 s
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from http://127.0.0.1:PORT/slow/$ID"
ari trouble-renew-ari-loop 2 loop d90 "-o x" '' \
    "cert-info: http://127.0.0.1:PORT/loop/$ID: more than 3 redirections
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from http://127.0.0.1:PORT/loop/$ID"
# text and JSON name the window as unknown; the exit status is 2
t trouble-renew-ari-text-unknown 2 "cert-info -t 2 --ari $AU/html $R/d90.pem >t 2>/dev/null; r=\$?; grep window t; exit \$r" \
    "  renewal window:    unknown: could not be read (ARI)" ''
t trouble-renew-ari-json-unknown 2 "cert-info -t 2 --ari $AU/html -j $R/d90.pem 2>/dev/null | jq -c '.ari | [.start, .end]'; exit 2" \
    "[null,null]" ''
# the README's renewal lines, run as written (judged in 2030 with -a;
# the ARI base URL is the local server's)
mkdir -p "$O/readme-renew"
cp "$R/new.pem" "$O/readme-renew/new.pem"
cp "$R/ca.pem" "$O/readme-renew/intermediate.pem"
cp "$R/d90.pem" "$O/readme-renew/cert.pem"
cp "$R/csr-both.csr" "$O/readme-renew/new.csr"
rl() { sed -n "s/^\($1.*\)  *#.*/\1/p; /#/!s/^\($1.*\)/\1/p" "$TOP/README.md" | head -n 1; }
t no-readme-renew-purpose 1 "cd readme-renew && $(rl 'cert-info -e 30d,1\/3 --purpose client') -a 2030-03-03" '' \
    "cert-info: new.pem:1: O=pemkit Renew,$W does not allow clientAuth: its extended key usage is serverAuth"
t ok-readme-renew-ari-id 0 "cd readme-renew && $(rl "cert-info -f '%{ari.id}'")" \
    "$(sed -n "s/^cert-info -f '%{ari.id}' cert.pem  *# the ARI identifier: //p" "$TOP/README.md")" ''
t no-readme-renew-ari 1 "cd readme-renew && $(rl 'cert-info --ari' | sed "s|https://acme.internal/renewal-info|$AU/ari|") -a 2030-03-01 >/dev/null 2>e; r=\$?; grep -c 'the CA suggests renewing now' e; exit \$r" \
    "1" ''
t ok-readme-renew-csr-check 0 "cd readme-renew && $(rl 'csr-check new.csr') >/dev/null 2>e; r=\$?; grep -c 'requests clientAuth' e; exit \$r" \
    "1" ''
# over https (RFC 9773's renewalInfo is an ACME server's https URL): the
# same server with the test CA's certificates (tests/fixtures/mk-ari-tls.sh),
# one for 127.0.0.1 and localhost, one for wrong.example only
T="$F/ari-tls"
for n in server wrong; do
	(exec python3 "$TOP/tests/ari-server.py" "$A" "$A/port-$n" \
	    "$T/$n.pem" "$T/$n.key" </dev/null >/dev/null 2>&1) &
	eval "ARI_PID_$n=\$!"
	i=0
	until [ -s "$A/port-$n" ] || [ $i -gt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
done
TP=$(cat "$A/port-server")
WP=$(cat "$A/port-wrong")
# aris NAME STATUS CA URL FILE ARGS STDOUT STDERR: URL's ports as PORT,
# the trust store CA alone (SSL_CERT_DIR an empty directory)
mkdir -p "$A/nodir"
aris() {
	t "$1" "$2" "SSL_CERT_FILE=$3 SSL_CERT_DIR=$A/nodir cert-info -t 2 \
	    --ari $4 $R/$5.pem $6 2>e; r=\$?;
	    sed 's/$TP/PORT/g; s/$WP/PORT/g; s|$R/||g' e >&2; exit \$r" "$7" "$8"
}
aris ok-renew-ari-https-before-window 0 "$T/ca.pem" "https://127.0.0.1:$TP/ari" d90 \
    "-a 2030-02-01 -f '%{ari.start} %{ari.end}'" \
    "2030-02-28T00:00:00Z 2030-03-02T00:00:00Z" ''
aris no-renew-ari-https-window-open 1 "$T/ca.pem" "https://localhost:$TP/ari" d90 \
    "-a 2030-03-01 -o x" '' \
    "cert-info: d90.pem:1: O=pemkit Renew,$W: the CA suggests renewing now: its renewal window opened on 2030-02-28T00:00:00Z (to 2030-03-02T00:00:00Z), see https://ca.example/why"
aris ok-renew-ari-https-json 0 "$T/ca.pem" "https://localhost:$TP/ari/" d90 \
    "-a 2030-02-01 -j | jq -r .ari.url | sed 's/$TP/PORT/'" \
    "https://localhost:PORT/ari/$ID" ''
aris trouble-renew-ari-https-untrusted 2 "$R/root.pem" "https://127.0.0.1:$TP/ari" d90 \
    "-o x" '' \
    "cert-info: https://127.0.0.1:PORT/ari/$ID: cannot fetch: the server's certificate does not verify: unable to get local issuer certificate
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from https://127.0.0.1:PORT/ari/$ID"
aris trouble-renew-ari-https-ip-mismatch 2 "$T/ca.pem" "https://127.0.0.1:$WP/ari" d90 \
    "-o x" '' \
    "cert-info: https://127.0.0.1:PORT/ari/$ID: cannot fetch: the server's certificate does not verify: IP address mismatch
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from https://127.0.0.1:PORT/ari/$ID"
aris trouble-renew-ari-https-name-mismatch 2 "$T/ca.pem" "https://localhost:$WP/ari" d90 \
    "-o x" '' \
    "cert-info: https://localhost:PORT/ari/$ID: cannot fetch: the server's certificate does not verify: hostname mismatch
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from https://localhost:PORT/ari/$ID"
aris trouble-renew-ari-https-to-http 2 "$T/ca.pem" "https://127.0.0.1:$TP/down" d90 \
    "-o x" '' \
    "cert-info: http://127.0.0.1:PORT/ari/$ID: redirected from https to http: refused
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from https://127.0.0.1:PORT/down/$ID"
aris trouble-renew-ari-https-big 2 "$T/ca.pem" "https://127.0.0.1:$TP/big" d90 \
    "-o x" '' \
    "cert-info: https://127.0.0.1:PORT/big/$ID: the answer is more than 65536 bytes
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from https://127.0.0.1:PORT/big/$ID"
aris trouble-renew-ari-https-slow 2 "$T/ca.pem" "https://127.0.0.1:$TP/slow" d90 \
    "-o x" '' \
    "cert-info: https://127.0.0.1:PORT/slow/$ID: timed out after 2 s
cert-info: d90.pem:1: --ari: cannot fetch the renewal window from https://127.0.0.1:PORT/slow/$ID"
# a plain http client at the TLS port gets no window either
aris trouble-renew-ari-http-at-https 2 "$T/ca.pem" "http://127.0.0.1:$TP/ari" d90 \
    "-o x" '' '*'
kill "$ARI_PID" "$ARI_PID_server" "$ARI_PID_wrong" 2>/dev/null

# csr-check: a TLS request for a public CA that asks for clientAuth
t ok-renew-csr-clientauth-warns 0 "csr-check -o x $R/csr-both.csr" '' \
    "csr-check: $R/csr-both.csr:1: warning: it requests clientAuth: public TLS CAs no longer issue it (Chrome root program, 2026); a TLS client certificate needs a private CA"
t ok-renew-csr-serverauth-quiet 0 "csr-check -o x $R/csr-server.csr" '' ''
