# Revocation and missing links (issue 14): CRLs in cert-info and
# chain-order --verify, cert-info --ocsp against openssl ocsp, chain-order
# --fetch against tests/aia-server.py, -f openmetrics (promtool), the
# TLSA fields (danetool).  Everything on 127.0.0.1; the PKI is made at
# run time (tests/mk-revocation.sh) and the expected dates are OpenSSL's.

R="$O/rev"
sh "$TOP/tests/mk-revocation.sh" "$R"
# iso FILE FIELD: a CRL's lastUpdate or nextUpdate as cert-info writes it
iso() {
	date -u -d "$(openssl crl -in "$R/$1" -noout "-$2" | cut -d= -f2)" \
	    +%Y-%m-%dT%H:%M:%SZ
}
crlsha() { openssl crl -in "$R/$1" -outform DER | sha256sum | cut -c1-64; }
TU=$(iso fresh.crl lastupdate) NU=$(iso fresh.crl nextupdate)
DAYS=$(( ($(date -u -d "$NU" +%s) - $(date -u +%s)) / 86400 ))

# CRLs in cert-info: text, JSON, -f
t ok-crl-text 0 "cd rev && cert-info fresh.crl" \
    "fresh.crl:1: CRL (block 1)
  issuer:            CN=Revocation Test Inter
  CRL number:        1
  this update:       $TU
  next update:       $NU ($DAYS days left)
  revoked:           1 certificate
  signature:         ecdsa-with-SHA256
  sha256:            $(crlsha fresh.crl)" ''
t ok-crl-json-der 0 "cd rev && cert-info -j fresh.crl.der stale.crl |
    jq -c '[.type, .source, .line, .issuer, .crl_number, .next_update, .revoked, .signature]'" \
    "[\"crl\",\"fresh.crl.der\",null,\"CN=Revocation Test Inter\",\"1\",\"$NU\",1,\"ecdsa-with-SHA256\"]
[\"crl\",\"stale.crl\",1,\"CN=Revocation Test Inter\",\"2\",\"2020-02-01T00:00:00Z\",1,\"ecdsa-with-SHA256\"]" ''
t ok-crl-format 0 "cd rev && cert-info -f '%{type} %{issuer.CN} #%{crl_number} %{this_update} %{next_update} %{revoked} %{subject}' stale.crl good.pem" \
    "crl Revocation Test Inter #2 2020-01-01T00:00:00Z 2020-02-01T00:00:00Z 1 
cert Revocation Test Inter #    CN=good.example.com" ''
t ok-crl-several-in-one-file 0 "cd rev && cat fresh.crl root.crl >two.crl &&
    cert-info -f '%{index} %{issuer}' two.crl" \
    "1 CN=Revocation Test Inter
2 CN=Revocation Test Root" ''
# -e applies to nextUpdate
t no-crl-expires-within 1 "cd rev && cert-info -o /dev/null -e $((DAYS + 2))d fresh.crl" '' \
    "cert-info: fresh.crl:1: the CRL of CN=Revocation Test Inter goes stale on $NU, within $DAYS days"
t ok-crl-expires-within 0 "cd rev && cert-info -o /dev/null -e 1d fresh.crl" '' ''
t no-crl-stale 1 "cd rev && cert-info -o /dev/null -e 1d stale.crl" '' \
    "cert-info: stale.crl:1: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z"

# --crl in cert-info: the revoked certificate exits 1 with date and
# reason; the issuer from the input, -C, or (for the root) the store
RD=$(date -u -d "$(openssl crl -in "$R/fresh.crl" -noout -text |
    sed -n 's/.*Revocation Date: //p')" +%Y-%m-%dT%H:%M:%SZ)
t no-crl-revoked 1 "cd rev && cert-info -R fresh.crl -f '%{subject.CN}' good.pem revoked.pem inter.pem" \
    "good.example.com
revoked.example.com
Revocation Test Inter" \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on $RD (keyCompromise)"
t no-crl-revoked-issuer-from-C 1 "cd rev && cert-info -o /dev/null -R fresh.crl.der -C inter.pem revoked.pem" '' \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on $RD (keyCompromise)"
t ok-crl-good 0 "cd rev && cert-info -o /dev/null -R fresh.crl -R root.crl -C root.pem good.pem inter.pem" '' ''
t ok-crl-unknown-issuer-warns 0 "cd rev && cert-info -o /dev/null -R other.crl good.pem" '' \
    "cert-info: other.crl:1: warning: the CRL of CN=Some Other CA cannot be verified: its issuer is not in the input, -C or the system store: not used"
t no-crl-unknown-issuer-strict 1 "cd rev && cert-info -s -o /dev/null -R other.crl good.pem" '' \
    "cert-info: other.crl:1: warning: the CRL of CN=Some Other CA cannot be verified: its issuer is not in the input, -C or the system store: not used"
t ok-crl-stale-warns 0 "cd rev && cert-info -o /dev/null -R stale.crl good.pem inter.pem" '' \
    "cert-info: stale.crl:1: warning: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z; it may not list recent revocations"
t no-crl-stale-strict 1 "cd rev && cert-info -s -o /dev/null -R stale.crl good.pem inter.pem" '' \
    "cert-info: stale.crl:1: warning: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z; it may not list recent revocations"
t no-crl-wrong-signature 1 "cd rev && cert-info -o /dev/null -R forged.crl revoked.pem inter.pem" '' \
    "cert-info: forged.crl:1: the CRL of CN=Revocation Test Inter does not verify with its issuer's key: not used"
t trouble-crl-file-without-crl 2 "cd rev && cert-info -o /dev/null -R good.pem good.pem" '' \
    "cert-info: good.pem: no CRL in it"

# --crl in chain-order --verify: OpenSSL's CRL checking
cat "$R/revoked.pem" "$R/inter.pem" >"$R/rchain.pem"
cat "$R/good.pem" "$R/inter.pem" >"$R/gchain.pem"
t no-chain-crl-revoked 1 "cd rev && chain-order -y -C root.pem -R fresh.crl rchain.pem" '' \
    "chain-order: verification failed at depth 0, CN=revoked.example.com: revoked on $RD (keyCompromise)"
t ok-chain-crl-good 0 "cd rev && chain-order -y -C root.pem -R fresh.crl -R root.crl gchain.pem" \
    "$(cat "$R/good.pem" "$R/inter.pem")" ''
t ok-chain-crl-stale-warns 0 "cd rev && chain-order -y -C root.pem -R stale.crl gchain.pem >/dev/null" '' \
    "chain-order: stale.crl:1: warning: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z; it may not list recent revocations"
t no-chain-crl-stale-still-revokes 1 "cd rev && chain-order -y -C root.pem -R stale.crl rchain.pem" '' \
    "chain-order: stale.crl:1: warning: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z; it may not list recent revocations
chain-order: verification failed at depth 0, CN=revoked.example.com: revoked on $RD (keyCompromise)"
t no-chain-crl-unknown-strict 1 "cd rev && chain-order -s -y -C root.pem -R other.crl gchain.pem >/dev/null" '' \
    "chain-order: other.crl:1: warning: the CRL of CN=Some Other CA cannot be verified: its issuer is not in the input, -C or the system store: not used"
t no-chain-crl-forged 1 "cd rev && chain-order -y -C root.pem -R forged.crl gchain.pem" '' \
    "chain-order: forged.crl:1: the CRL of CN=Revocation Test Inter does not verify with its issuer's key: not used"
t trouble-chain-crl-needs-verify 2 "cd rev && chain-order -R fresh.crl gchain.pem 2>e; r=\$?; head -n 1 e; exit \$r" \
    "chain-order: --crl is checked by --verify: give -y" ''

# OCSP: openssl ocsp on a free loopback port, started here and stopped
# at the end of this file
requires python3	# freeport, tests/aia-server.py (until `requires` below)
freeport() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
responder() {	# PORT SIGNER KEY: openssl ocsp in the background
	(cd "$R" && exec openssl ocsp -index index.txt -port "$1" \
	    -rsigner "$2" -rkey "$3" -CA inter.pem -nmin 5 \
	    >"$R/ocsp-$1.log" 2>&1) &
	echo $! >>"$R/responders"
	i=0
	until grep -q ACCEPT "$R/ocsp-$1.log" 2>/dev/null || [ $i -gt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
: >"$R/responders"
P1=$(freeport)
responder "$P1" inter.pem inter.key
P2=$(freeport)
responder "$P2" root.pem root.key
U1="http://127.0.0.1:$P1/"
# a leaf of inter that openssl ca never issued: not in the index
openssl req -new -key "$R/good.key" -subj /CN=unknown.example.com 2>/dev/null |
    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" \
    -set_serial 77 -days 30 -out "$R/unknown.pem" 2>/dev/null
t ok-ocsp-good 0 "cd rev && cert-info -Q -U $U1 good.pem inter.pem |
    sed -n '/OCSP answer/,\$p' | sed 's/[0-9T:-]*Z\$/TIME/'" \
    "good.pem:1: OCSP answer (block 1)
  subject:           CN=good.example.com
  responder:         $U1
  status:            good
  this update:       TIME
  next update:       TIME" ''
t no-ocsp-revoked 1 "cd rev && cert-info -j -Q -U $U1 revoked.pem inter.pem >j; r=\$?;
    jq -c 'select(.type == \"ocsp\") | [.source, .index, .status, .revoked_at, .reason, .responder]' j; exit \$r" \
    "[\"revoked.pem\",1,\"revoked\",\"$RD\",\"keyCompromise\",\"$U1\"]" \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on $RD (keyCompromise), says $U1"
t no-ocsp-unknown 1 "cd rev && cert-info -f '%{subject.CN}' -Q -U $U1 -C inter.pem unknown.pem" \
    "unknown.example.com" \
    "cert-info: unknown.pem:1: CN=unknown.example.com: the responder $U1 does not know it"
t trouble-ocsp-wrong-signer 2 "cd rev && cert-info -o /dev/null -Q -U http://127.0.0.1:$P2/ good.pem inter.pem" '' \
    "cert-info: good.pem:1: http://127.0.0.1:$P2/: the response does not verify against the issuer: certificate verify error"
t ok-ocsp-out 0 "cd rev && cert-info -o /dev/null -Q -U $U1 -O staple.der good.pem inter.pem &&
    openssl ocsp -respin staple.der -resp_text -noverify 2>/dev/null | grep -c 'Cert Status: good'" '1' ''
t trouble-ocsp-out-two-leaves 2 "cd rev && cert-info -o /dev/null -Q -U $U1 -O two.der good.pem revoked.pem inter.pem 2>e; r=\$?; tail -n 1 e; exit \$r" \
    "cert-info: revoked.pem:1: --ocsp-out takes the response for one certificate: this is the second" ''
t trouble-ocsp-no-url 2 "cd rev && cert-info -o /dev/null -Q good.pem inter.pem" '' \
    "cert-info: good.pem:1: CN=good.example.com names no OCSP responder: give --ocsp-url"
t trouble-ocsp-issuer-unknown 2 "cd rev && cert-info -o /dev/null -Q -U $U1 good.pem" '' \
    "cert-info: good.pem:1: warning: CN=good.example.com: its issuer is not in the input, -C or the system store: OCSP not asked
cert-info: --ocsp: no end-entity certificate whose issuer is known"
t trouble-ocsp-timeout 2 "cd rev && p=\$(sh $TOP/tests/fake.sh silent) &&
    cert-info -o /dev/null -t 1 -Q -U http://127.0.0.1:\$p/ good.pem inter.pem 2>e;
    r=\$?; sed \"s/\$p/PORT/\" e >&2; exit \$r" '' \
    "cert-info: http://127.0.0.1:PORT/: timed out after 1 s"
# OpenSSL's HTTP client retries a refused connection until the timeout
t trouble-ocsp-refused 2 "cd rev && cert-info -o /dev/null -t 1 -Q -U http://127.0.0.1:1/ good.pem inter.pem" '' \
    "cert-info: http://127.0.0.1:1/: timed out after 1 s"
# the AIA's OCSP URL, when no --ocsp-url is given
printf 'authorityInfoAccess = OCSP;URI:%s\nbasicConstraints = CA:false\n' "$U1" >"$R/ocspaia.ext"
openssl req -new -key "$R/good.key" -subj /CN=aia-ocsp.example.com 2>/dev/null |
    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" -set_serial 78 \
    -days 30 -extfile "$R/ocspaia.ext" -out "$R/aia-ocsp.pem" 2>/dev/null
t no-ocsp-aia-url 1 "cd rev && cert-info -j -Q aia-ocsp.pem inter.pem >j2; r=\$?;
    jq -r 'select(.type == \"ocsp\") | .responder + \" \" + .status' j2; exit \$r" \
    "$U1 unknown" \
    "cert-info: aia-ocsp.pem:1: CN=aia-ocsp.example.com: the responder $U1 does not know it"
while read -r pid; do kill "$pid" 2>/dev/null; done <"$R/responders"

# AIA fetching: tests/aia-server.py serves the answers; each leaf's
# caIssuers URL names one path
W="$R/www"
mkdir -p "$W"
openssl x509 -in "$R/inter.pem" -outform DER -out "$W/inter.der"
cp "$R/inter.pem" "$W/inter.pem"
openssl crl2pkcs7 -nocrl -certfile "$R/inter.pem" -outform DER -out "$W/inter.p7c"
openssl x509 -in "$R/other.pem" -outform DER -out "$W/wrong.der"
(exec python3 "$TOP/tests/aia-server.py" "$W" "$R/aia.port" </dev/null \
    >/dev/null 2>&1) &
AIA_PID=$!
i=0
until [ -s "$R/aia.port" ] || [ $i -gt 100 ]; do sleep 0.05; i=$((i + 1)); done
AP=$(cat "$R/aia.port")
for path in inter.der inter.pem inter.p7c hop big slow loop wrong.der missing; do
	printf 'authorityInfoAccess = caIssuers;URI:http://127.0.0.1:%s/%s\nbasicConstraints = CA:false\n' \
	    "$AP" "$path" >"$R/aia.ext"
	openssl req -new -key "$R/good.key" -subj "/CN=aia-$path" 2>/dev/null |
	    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" \
	    -CAcreateserial -days 30 -extfile "$R/aia.ext" \
	    -out "$R/aia-$path.pem" 2>/dev/null
done
A="http://127.0.0.1:PORT"
# fetch NAME STATUS PATH ARGS STDOUT STDERR, the port PORT in stderr
aia() {
	t "$1" "$2" "cd rev && chain-order -N -t 2 -F -C root.pem $4 aia-$3.pem 2>e;
	    r=\$?; sed 's/$AP/PORT/g' e >&2; exit \$r" "$5" "$6"
}
for path in inter.der inter.pem inter.p7c; do
	aia "ok-aia-fetch-$path" 0 "$path" -v "$(cat "$R/aia-$path.pem" "$R/inter.pem")" \
	    "chain-order: $A/$path: note: fetching the missing issuer"
done
aia ok-aia-fetch-one-redirect 0 hop -v "$(cat "$R/aia-hop.pem" "$R/inter.pem")" \
    "chain-order: $A/hop: note: fetching the missing issuer
chain-order: note: $A/hop: redirected to $A/inter.der"
aia trouble-aia-too-big 2 big '' '' "chain-order: $A/big: the answer is more than 1048576 bytes"
aia trouble-aia-slow 2 slow '' '' "chain-order: $A/slow: timed out after 2 s"
aia trouble-aia-redirect-loop 2 loop '' '' "chain-order: $A/loop: more than 3 redirections"
aia trouble-aia-404 2 missing '' '' "chain-order: $A/missing: cannot fetch: the server answered code=404, reason=Not Found"
aia no-aia-wrong-certificate 1 wrong.der '' '' \
    "chain-order: $A/wrong.der: warning: what it sent does not issue CN=aia-wrong.der
chain-order: warning: 1 certificate is not on the chain, dropped: $A/wrong.der
chain-order: chain incomplete: the issuer of aia-wrong.der.pem:1 (CN=aia-wrong.der) is not in the input or the trust files: CN=Revocation Test Inter, key identifier $(openssl x509 -in "$R/inter.pem" -noout -ext subjectKeyIdentifier | sed -n '2s/[ :]//gp' | tr A-F a-f)
  the certificate says its issuer is at $A/wrong.der
  to complete it, give the issuer (or its root) with -C FILE; -p writes the partial chain"
# offline unless asked: without -F the issuer stays missing
t no-aia-off-by-default 1 "cd rev && chain-order -N -C root.pem aia-inter.der.pem >/dev/null 2>&1" '' ''
# --cache: the second run asks the server nothing
t ok-aia-cache 0 "cd rev && rm -rf cache && chain-order -N -F -D cache -C root.pem aia-inter.der.pem >/dev/null &&
    n=\$(wc -l <www/requests.log) &&
    chain-order -N -F -D cache -C root.pem aia-inter.der.pem | grep -c BEGIN &&
    [ \$(wc -l <www/requests.log) -eq \$n ] && ls cache | wc -l" "2
1" ''
kill "$AIA_PID" 2>/dev/null
requires

# OpenMetrics: promtool accepts it; the samples are the certificates'
t ok-openmetrics-promtool 0 "cd rev && cert-info -f openmetrics -o m.prom good.pem inter.pem fresh.crl &&
    promtool check metrics <m.prom && grep -c '^pemkit_' m.prom && tail -n 1 m.prom" "5
# EOF" ''
t ok-openmetrics-values 0 "cd rev && cert-info -f openmetrics good.pem | grep '^pemkit_certificate_not_after' | sed 's/.*} //'" \
    "$(date -u -d "$(openssl x509 -in "$R/good.pem" -noout -enddate | cut -d= -f2)" +%s)" ''
# label values escaped: a backslash, a quote and a newline in a file name
t ok-openmetrics-escaped 0 "cd rev && cp good.pem 'a\\b\"c' && cert-info -f openmetrics 'a\\b\"c' |
    grep -o 'file=\"[^,]*' | head -n 1" 'file="a\\b\"c"' ''

# TLSA: the records danetool computes
tl() { danetool --tlsa-rr --host=x --load-certificate="$R/$1" $2 2>/dev/null |
    sed -n 's/.*( 0*\([0-3]\) 0*\([01]\) 0*\([0-2]\) \([0-9a-f]*\) ).*/\1 \2 \3 \4/p'; }
needs danetool &&
t ok-tlsa-fields 0 "cd rev && cert-info -f '%{tlsa.3.1.1}\n%{tlsa.3.0.1}' good.pem &&
    cert-info -f '%{tlsa.2.1.1}' inter.pem" \
    "$(tl good.pem)
$(tl good.pem --x509)
$(tl inter.pem --ca)" ''
t ok-spki-base64 0 "cd rev && cert-info -f '%{spki.sha256.base64}' good.pem" \
    "$(openssl x509 -in "$R/good.pem" -noout -pubkey | openssl pkey -pubin -outform DER |
    openssl dgst -sha256 -binary | base64)" ''
needs danetool &&
t ok-tlsa-csr 0 "cd rev && openssl req -new -key good.key -subj /CN=good.example.com \
    -addext subjectAltName=DNS:good.example.com 2>/dev/null | csr-check | sed -n 's/  tlsa 3 1 1: *//p'" \
    "$(tl good.pem)" ''
