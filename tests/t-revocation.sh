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
# reason; the issuer from the input, -C, or (for the root) the store.
# Every certificate of the input that is not self-signed is judged: a
# CA certificate in the input needs its issuer's CRL too (-C gives an
# issuer without judging it)
RD=$(date -u -d "$(openssl crl -in "$R/fresh.crl" -noout -text |
    sed -n 's/.*Revocation Date: //p')" +%Y-%m-%dT%H:%M:%SZ)
t no-crl-revoked 1 "cd rev && cert-info -R fresh.crl -R root.crl -C root.pem -f '%{subject.CN}' good.pem revoked.pem inter.pem" \
    "good.example.com
revoked.example.com
Revocation Test Inter" \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on $RD (keyCompromise)"
t no-crl-revoked-issuer-from-C 1 "cd rev && cert-info -o /dev/null -R fresh.crl.der -C inter.pem revoked.pem" '' \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on $RD (keyCompromise)"
t ok-crl-good 0 "cd rev && cert-info -o /dev/null -R fresh.crl -R root.crl -C root.pem good.pem inter.pem" '' ''
t ok-crl-good-issuer-from-C 0 "cd rev && cert-info -o /dev/null -R fresh.crl -C inter.pem good.pem" '' ''
# issue 22: a check that could not be made is exit 2, naming the cause
UNK="cert-info: good.pem:1: CN=good.example.com: revocation status unknown:"
t trouble-crl-issuer-missing 2 "cd rev && cert-info -o /dev/null -R fresh.crl revoked.pem" '' \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter cannot be verified: its issuer is not in the input, -C or the system store (fresh.crl:1)"
t trouble-crl-no-crl-of-issuer 2 "cd rev && cert-info -o /dev/null -R other.crl good.pem" '' \
    "$UNK no CRL of CN=Revocation Test Inter among those given"
t trouble-crl-ca-in-input-needs-its-crl 2 "cd rev && cert-info -o /dev/null -R fresh.crl good.pem inter.pem" '' \
    "cert-info: inter.pem:1: CN=Revocation Test Inter: revocation status unknown: no CRL of CN=Revocation Test Root among those given"
t trouble-crl-stale 2 "cd rev && cert-info -o /dev/null -R stale.crl -C inter.pem good.pem" '' \
    "$UNK the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z (stale.crl:1)"
t trouble-crl-future 2 "cd rev && cert-info -o /dev/null -R future.crl -C inter.pem good.pem" '' \
    "$UNK the CRL of CN=Revocation Test Inter is not yet valid: its thisUpdate is 2040-01-01T00:00:00Z (future.crl:1)"
t trouble-crl-delta 2 "cd rev && cert-info -o /dev/null -R delta.crl -C inter.pem good.pem" '' \
    "$UNK the CRL of CN=Revocation Test Inter is a delta CRL (RFC 5280 5.2.4): give the full CRL (delta.crl:1)"
t trouble-crl-only-ca-for-leaf 2 "cd rev && cert-info -o /dev/null -R onlyca.crl -C inter.pem good.pem" '' \
    "$UNK the CRL of CN=Revocation Test Inter covers only CA certificates (onlyContainsCACerts) (onlyca.crl:1)"
t ok-crl-only-user-for-leaf 0 "cd rev && cert-info -o /dev/null -R onlyuser.crl -C inter.pem good.pem" '' ''
t trouble-crl-only-user-for-ca 2 "cd rev && cert-info -o /dev/null -R root-onlyuser.crl -C root.pem inter.pem" '' \
    "cert-info: inter.pem:1: CN=Revocation Test Inter: revocation status unknown: the CRL of CN=Revocation Test Root covers only end-entity certificates (onlyContainsUserCerts) (root-onlyuser.crl:1)"
t trouble-crl-some-reasons 2 "cd rev && cert-info -o /dev/null -R reasons.crl -C inter.pem good.pem" '' \
    "$UNK the CRL of CN=Revocation Test Inter lists only some reasons (onlySomeReasons, RFC 5280 5.2.5) (reasons.crl:1)"
t trouble-crl-indirect 2 "cd rev && cert-info -o /dev/null -R indirect.crl -C inter.pem good.pem" '' \
    "$UNK the CRL of CN=Revocation Test Inter is an indirect CRL (indirectCRL, RFC 5280 5.2.5), which this check does not read (indirect.crl:1)"
t trouble-crl-unknown-critical 2 "cd rev && cert-info -o /dev/null -R crit.crl -C inter.pem good.pem" '' \
    "$UNK the CRL of CN=Revocation Test Inter has an unknown critical extension 1.3.6.1.4.1.99999.1 (RFC 5280 5.2) (crit.crl:1)"
# an unknown critical extension: its revocations are not believed either
t trouble-crl-unknown-critical-lists 2 "cd rev && cert-info -o /dev/null -R crit.crl -C inter.pem revoked.pem 2>e; r=\$?; cut -d: -f5- e; exit \$r" \
    " revocation status unknown: the CRL of CN=Revocation Test Inter has an unknown critical extension 1.3.6.1.4.1.99999.1 (RFC 5280 5.2) (crit.crl:1)" ''
t trouble-crl-wrong-signature 2 "cd rev && cert-info -o /dev/null -R forged.crl -C inter.pem revoked.pem" '' \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter does not verify with its issuer's key (forged.crl:1)"
# one usable CRL of the issuer is enough; a stale one still revokes
t ok-crl-one-usable-enough 0 "cd rev && cert-info -o /dev/null -R stale.crl -R delta.crl -R fresh.crl -C inter.pem good.pem" '' ''
t no-crl-stale-still-revokes 1 "cd rev && cert-info -o /dev/null -R stale.crl -C inter.pem revoked.pem" '' \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on $RD (keyCompromise)"
# --crl-soft: an unknown status is a warning, exit 0 (1 with -s)
t ok-crl-soft 0 "cd rev && cert-info -o /dev/null -u -R stale.crl -C inter.pem good.pem" '' \
    "cert-info: good.pem:1: warning: CN=good.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z (stale.crl:1)"
t no-crl-soft-strict 1 "cd rev && cert-info -s -o /dev/null --crl-soft -R other.crl good.pem" '' \
    "cert-info: good.pem:1: warning: CN=good.example.com: revocation status unknown: no CRL of CN=Revocation Test Inter among those given"
t no-crl-soft-still-revokes 1 "cd rev && cert-info -o /dev/null -u -R fresh.crl -C inter.pem revoked.pem" '' \
    "cert-info: revoked.pem:1: CN=revoked.example.com: revoked on $RD (keyCompromise)"
# the verdict in the text block and in --json's "revocation" member
t no-crl-verdict-text 1 "cd rev && cert-info -R fresh.crl -R root.crl -C root.pem revoked.pem inter.pem root.pem 2>/dev/null >t3; r=\$?; grep -e '^[a-z]' -e revocation: t3; exit \$r" \
    "revoked.pem:1: certificate (block 1)
  revocation:        revoked on $RD (keyCompromise), says fresh.crl:1
inter.pem:1: certificate (block 2)
  revocation:        good, says root.crl:1
root.pem:1: certificate (block 3)
  revocation:        not checked" '*'
t trouble-crl-verdict-json 2 "cd rev && cert-info -j -R fresh.crl -R stale.crl -C inter.pem revoked.pem good.pem inter.pem >j3; r=\$?; jq -c '[.index, .revocation]' j3; exit \$r" \
    "[1,{\"status\":\"revoked\",\"reason\":\"keyCompromise\",\"date\":\"$RD\",\"source\":\"fresh.crl:1\",\"why\":null}]
[2,{\"status\":\"good\",\"reason\":null,\"date\":null,\"source\":\"fresh.crl:1\",\"why\":null}]
[3,{\"status\":\"unknown\",\"reason\":null,\"date\":null,\"source\":null,\"why\":\"no CRL of CN=Revocation Test Root among those given\"}]" '*'
t ok-crl-verdict-text-unknown-soft 0 "cd rev && cert-info -u -R stale.crl -C inter.pem good.pem 2>/dev/null | grep revocation:" \
    "  revocation:        unknown: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z" ''
t trouble-crl-file-without-crl 2 "cd rev && cert-info -o /dev/null -R good.pem good.pem" '' \
    "cert-info: good.pem: no CRL in it"
# the README's example: the issuer given with -C; without it, exit 2
cp "$R/fresh.crl" "$R/intermediate.crl"
cp "$R/inter.pem" "$R/intermediate.pem"
cp "$R/revoked.pem" "$R/server.cer"
t no-readme-crl-example 1 "cd rev && $(sed -n 's/^\(cert-info -C intermediate.pem --crl intermediate.crl server.cer\) .*/\1/p' "$TOP/README.md") >/dev/null" '' \
    "cert-info: server.cer:1: CN=revoked.example.com: revoked on $RD (keyCompromise)"
t trouble-readme-crl-example-without-issuer 2 "cd rev && cert-info --crl intermediate.crl server.cer >/dev/null" '' \
    "cert-info: server.cer:1: CN=revoked.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter cannot be verified: its issuer is not in the input, -C or the system store (intermediate.crl:1)"

# --crl in chain-order --verify: OpenSSL's CRL checking, then every
# certificate of the chain below the anchor must have a usable CRL
cat "$R/revoked.pem" "$R/inter.pem" >"$R/rchain.pem"
cat "$R/good.pem" "$R/inter.pem" >"$R/gchain.pem"
t no-chain-crl-revoked 1 "cd rev && chain-order -y -C root.pem -R fresh.crl rchain.pem" '' \
    "chain-order: verification failed at depth 0, CN=revoked.example.com: revoked on $RD (keyCompromise)"
t ok-chain-crl-good 0 "cd rev && chain-order -y -C root.pem -R fresh.crl -R root.crl gchain.pem" \
    "$(cat "$R/good.pem" "$R/inter.pem")" ''
t trouble-chain-crl-stale 2 "cd rev && chain-order -y -C root.pem -R stale.crl -R root.crl gchain.pem" '' \
    "chain-order: gchain.pem:1: CN=good.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter is stale: its nextUpdate was 2020-02-01T00:00:00Z (stale.crl:1)"
t no-chain-crl-stale-still-revokes 1 "cd rev && chain-order -y -C root.pem -R stale.crl rchain.pem" '' \
    "chain-order: verification failed at depth 0, CN=revoked.example.com: revoked on $RD (keyCompromise)"
t trouble-chain-crl-no-crl-of-issuer 2 "cd rev && chain-order -s -y -C root.pem -R other.crl -R root.crl gchain.pem" '' \
    "chain-order: gchain.pem:1: CN=good.example.com: revocation status unknown: no CRL of CN=Revocation Test Inter among those given"
t trouble-chain-crl-intermediate-uncovered 2 "cd rev && chain-order -y -C root.pem -R fresh.crl gchain.pem" '' \
    "chain-order: gchain.pem:13: CN=Revocation Test Inter: revocation status unknown: no CRL of CN=Revocation Test Root among those given"
t trouble-chain-crl-forged 2 "cd rev && chain-order -y -C root.pem -R forged.crl -R root.crl gchain.pem" '' \
    "chain-order: gchain.pem:1: CN=good.example.com: revocation status unknown: the CRL of CN=Revocation Test Inter does not verify with its issuer's key (forged.crl:1)"
for f in future delta onlyca reasons indirect crit; do
	t trouble-chain-crl-$f 2 "cd rev && chain-order -s -y -C root.pem -R $f.crl -R root.crl gchain.pem 2>e; r=\$?; sed 's/.*unknown: //' e; exit \$r" \
	    "$(cd "$R" && cert-info -o /dev/null -R $f.crl -C inter.pem good.pem 2>&1 | sed 's/.*unknown: //')" ''
done
t trouble-chain-crl-only-user-for-ca 2 "cd rev && chain-order -y -C root.pem -R fresh.crl -R root-onlyuser.crl gchain.pem" '' \
    "chain-order: gchain.pem:13: CN=Revocation Test Inter: revocation status unknown: the CRL of CN=Revocation Test Root covers only end-entity certificates (onlyContainsUserCerts) (root-onlyuser.crl:1)"
t ok-chain-crl-soft 0 "cd rev && chain-order -y -u -C root.pem -R fresh.crl gchain.pem >/dev/null" '' \
    "chain-order: gchain.pem:13: warning: CN=Revocation Test Inter: revocation status unknown: no CRL of CN=Revocation Test Root among those given"
t no-chain-crl-soft-strict 1 "cd rev && chain-order -s -y --crl-soft -C root.pem -R fresh.crl gchain.pem" '' \
    "chain-order: gchain.pem:13: warning: CN=Revocation Test Inter: revocation status unknown: no CRL of CN=Revocation Test Root among those given"
# the README's chain-order line: every CA's CRL
t ok-readme-chain-crl-example 0 "cd rev && cp gchain.pem fullchain.pem &&
    $(sed -n 's/^\(chain-order --verify --crl intermediate.crl --crl root.crl fullchain.pem\) .*/\1/p' "$TOP/README.md") -C root.pem >/dev/null" '' ''
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
t ok-ocsp-verdict-json 0 "cd rev && cert-info -j -Q -U $U1 good.pem inter.pem | jq -c 'select(.type == \"cert\") | .revocation'" \
    "{\"status\":\"good\",\"reason\":null,\"date\":null,\"source\":\"$U1\",\"why\":null}
null" ''
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
    "cert-info: good.pem:1: CN=good.example.com names no OCSP responder and no CRL distribution point: give --ocsp-url"
# Let's Encrypt's leaves since 2025: a CRL distribution point, no OCSP
printf 'crlDistributionPoints = URI:http://crl.example.com/inter.crl\nbasicConstraints = CA:false\n' >"$R/crldp.ext"
openssl req -new -key "$R/good.key" -subj /CN=crl-only.example.com 2>/dev/null |
    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" -set_serial 79 \
    -days 30 -extfile "$R/crldp.ext" -out "$R/crl-only.pem" 2>/dev/null
t trouble-ocsp-no-url-names-crl 2 "cd rev && cert-info -o /dev/null -Q -C inter.pem crl-only.pem" '' \
    "cert-info: crl-only.pem:1: CN=crl-only.example.com names no OCSP responder; its CRL is at http://crl.example.com/inter.crl: check it with --crl-fetch or --crl, or give --ocsp-url"
# an answer outside thisUpdate..nextUpdate (5 minutes' skew) is none:
# the responder's answers are valid 5 minutes (-nmin 5); --at moves the
# judging time past nextUpdate, or before thisUpdate
NOW=$(date +%s)
TM="sed -E 's/[0-9]{4}-[0-9-]{5}T[0-9:]{8}Z/TIME/g'"
t trouble-ocsp-stale 2 "cd rev && cert-info -o /dev/null -a @$((NOW + 86400)) -Q -U $U1 good.pem inter.pem 2>e; r=\$?; $TM e; exit \$r" \
    "cert-info: good.pem:1: $U1: the response is stale: valid from TIME to TIME" ''
t trouble-ocsp-future 2 "cd rev && cert-info -o /dev/null -a @$((NOW - 3600)) -Q -U $U1 good.pem inter.pem 2>e; r=\$?; $TM e; exit \$r" \
    "cert-info: good.pem:1: $U1: the response is dated in the future: its thisUpdate is TIME" ''
t trouble-ocsp-stale-verdict 2 "cd rev && cert-info -j -a @$((NOW + 86400)) -Q -U $U1 good.pem inter.pem 2>/dev/null >j4; r=\$?; jq -r '.revocation | if . then .status + \": \" + .why else \"null\" end' j4; exit \$r" \
    "unknown: $U1 gave no usable answer
null" ''
t ok-ocsp-within-skew 0 "cd rev && cert-info -o /dev/null -a @$((NOW + 500)) -Q -U $U1 good.pem inter.pem" '' ''
# a "good" signed before the revocation, replayed without our nonce: a
# fixed response served for every request (tests/aia-server.py POST)
awk -F'\t' 'BEGIN { OFS = "\t" } $1 == "R" { $1 = "V"; $3 = "" } { print }' \
    "$R/index.txt" >"$R/before.txt"
openssl ocsp -issuer "$R/inter.pem" -cert "$R/revoked.pem" -no_nonce -reqout "$R/replay.req" >/dev/null 2>&1
(cd "$R" && openssl ocsp -index before.txt -rsigner inter.pem -rkey inter.key -CA inter.pem \
    -reqin replay.req -respout replay.der -ndays 1 >/dev/null 2>&1 &&
    openssl ocsp -index before.txt -rsigner inter.pem -rkey inter.key -CA inter.pem \
    -reqin replay.req -respout replay-nonext.der >/dev/null 2>&1)

t trouble-ocsp-issuer-unknown 2 "cd rev && cert-info -o /dev/null -Q -U $U1 good.pem" '' \
    "cert-info: good.pem:1: CN=good.example.com: its issuer is not in the input, -C or the system store: OCSP not asked"
# one leaf's issuer known, the other's not: the other is not a pass
openssl req -new -key "$R/good.key" -subj /CN=orphan.example.com 2>/dev/null |
    openssl x509 -req -CA "$R/other.pem" -CAkey "$R/other.key" -set_serial 80 \
    -days 30 -out "$R/orphan.pem" 2>/dev/null
t trouble-ocsp-one-issuer-unknown 2 "cd rev && cert-info -o /dev/null -Q -U $U1 good.pem inter.pem orphan.pem" '' \
    "cert-info: orphan.pem:1: CN=orphan.example.com: its issuer is not in the input, -C or the system store: OCSP not asked"

t trouble-ocsp-timeout 2 "cd rev && p=\$(sh $TOP/tests/fake.sh silent) &&
    cert-info -o /dev/null -t 1 -Q -U http://127.0.0.1:\$p/ good.pem inter.pem 2>e;
    r=\$?; sed \"s/\$p/PORT/\" e >&2; exit \$r" '' \
    "cert-info: http://127.0.0.1:PORT/: timed out after 1 s"
# a refused connection is said at once, not retried until the timeout as
# OpenSSL's HTTP client does (issue 24): -t 20 under a 5 s limit
t trouble-ocsp-refused 2 "cd rev && timeout 5 cert-info -o /dev/null -t 20 -Q -U http://127.0.0.1:1/ good.pem inter.pem" '' \
    "cert-info: http://127.0.0.1:1/: cannot fetch: connection refused"
# the AIA's OCSP URL, when no --ocsp-url is given
printf 'authorityInfoAccess = OCSP;URI:%s\nbasicConstraints = CA:false\n' "$U1" >"$R/ocspaia.ext"
openssl req -new -key "$R/good.key" -subj /CN=aia-ocsp.example.com 2>/dev/null |
    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" -set_serial 78 \
    -days 30 -extfile "$R/ocspaia.ext" -out "$R/aia-ocsp.pem" 2>/dev/null
t no-ocsp-aia-url 1 "cd rev && cert-info -j -Q aia-ocsp.pem inter.pem >j2; r=\$?;
    jq -r 'select(.type == \"ocsp\") | .responder + \" \" + .status' j2; exit \$r" \
    "$U1 unknown" \
    "cert-info: aia-ocsp.pem:1: CN=aia-ocsp.example.com: the responder $U1 does not know it"

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
# the replayed "good": within its day it is what any client takes (no
# nonce: a pre-signed answer); a day later it is stale; one without
# nextUpdate is refused after 10 days
cp "$R/replay.der" "$R/replay-nonext.der" "$W/"
t ok-ocsp-replay-within-validity 0 "cd rev && cert-info -o /dev/null -v -Q -U http://127.0.0.1:$AP/replay.der -C inter.pem revoked.pem 2>e; r=\$?; sed 's/$AP/PORT/g' e >&2; exit \$r" '' \
    "cert-info: revoked.pem:1: note: $A/replay.der: the response has no nonce"
t trouble-ocsp-replay-stale 2 "cd rev && cert-info -o /dev/null -a @$((NOW + 2 * 86400)) -Q -U http://127.0.0.1:$AP/replay.der -C inter.pem revoked.pem 2>e; r=\$?; sed 's/$AP/PORT/g' e | $TM >&2; exit \$r" '' \
    "cert-info: revoked.pem:1: http://127.0.0.1:PORT/replay.der: the response is stale: valid from TIME to TIME"
t trouble-ocsp-replay-too-old 2 "cd rev && cert-info -o /dev/null -a @$((NOW + 11 * 86400)) -Q -U http://127.0.0.1:$AP/replay-nonext.der -C inter.pem revoked.pem 2>e; r=\$?; sed 's/$AP/PORT/g' e | $TM >&2; exit \$r" '' \
    "cert-info: revoked.pem:1: http://127.0.0.1:PORT/replay-nonext.der: the response is too old to trust without a nonce or nextUpdate: its thisUpdate is TIME"
t ok-ocsp-replay-nonext-recent 0 "cd rev && cert-info -o /dev/null -a @$((NOW + 9 * 86400)) -Q -U http://127.0.0.1:$AP/replay-nonext.der -C inter.pem revoked.pem" '' ''
for path in inter.der inter.pem inter.p7c; do
	aia "ok-aia-fetch-$path" 0 "$path" -v "$(cat "$R/aia-$path.pem" "$R/inter.pem")" \
	    "chain-order: $A/$path: note: fetching the missing issuer
chain-order: note: $A/$path is not in the input: fetched by --fetch"
done
aia ok-aia-fetch-one-redirect 0 hop -v "$(cat "$R/aia-hop.pem" "$R/inter.pem")" \
    "chain-order: $A/hop: note: fetching the missing issuer
chain-order: note: $A/hop: redirected to $A/inter.der
chain-order: note: $A/hop is not in the input: fetched by --fetch"
# -s: a fetched issuer means the file is not the chain to send (issue 22)
aia no-aia-fetch-strict 1 inter.der -s '' \
    "chain-order: $A/inter.der is not in the input: fetched by --fetch
chain-order: --strict: 1 finding: the input is not exactly the chain to send"
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
# issue 24: a stalled body after a whole answer is a timeout, exit 2,
# nothing written or cached; a reset is not the end of a body; a
# relative redirect is resolved against the URL; http_proxy is not used
for path in stall reset rel-abs rel-path sub/rel-dot rel-net; do
	printf 'authorityInfoAccess = caIssuers;URI:http://127.0.0.1:%s/%s\nbasicConstraints = CA:false\n' \
	    "$AP" "$path" >"$R/aia.ext"
	n=$(echo "$path" | tr / -)
	openssl req -new -key "$R/good.key" -subj "/CN=aia-$n" 2>/dev/null |
	    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" \
	    -CAcreateserial -days 30 -extfile "$R/aia.ext" \
	    -out "$R/aia-$n.pem" 2>/dev/null
done
t trouble-aia-stalled-after-whole-answer 2 "cd rev && rm -rf stc && chain-order -N -t 2 -F -D stc \
    -C root.pem -o stalled.pem aia-stall.pem 2>e; r=\$?; sed 's/$AP/PORT/g' e >&2;
    test -e stalled.pem || echo no output; ls stc 2>/dev/null | wc -l; exit \$r" 'no output
0' "chain-order: $A/stall: timed out after 2 s"
t trouble-aia-reset-mid-body 2 "cd rev && chain-order -N -t 5 -F -C root.pem aia-reset.pem 2>e;
    r=\$?; sed 's/$AP/PORT/g' e >&2; exit \$r" '' \
    "chain-order: $A/reset: cannot fetch: Connection reset by peer"
for path in rel-abs rel-path sub-rel-dot rel-net; do
	aia "ok-aia-relative-redirect-$path" 0 "$path" -v "$(cat "$R/aia-$path.pem" "$R/inter.pem")" \
	    "chain-order: $A/$(echo $path | sed 's/^sub-/sub\//'): note: fetching the missing issuer
chain-order: note: $A/$(echo $path | sed 's/^sub-/sub\//'): redirected to $A/inter.der
chain-order: note: $A/$(echo $path | sed 's/^sub-/sub\//') is not in the input: fetched by --fetch"
done
# issue 24: the fetches of one run share one deadline, -t: a leaf and
# its CA, each with a caIssuers URL answered after 2 s, within -t 3 each
# but not together
printf 'basicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\nauthorityInfoAccess = caIssuers;URI:http://127.0.0.1:%s/delay/inter.der\n' \
    "$AP" >"$R/sub.ext"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$R/sub.key" 2>/dev/null
openssl req -new -key "$R/sub.key" -subj "/CN=Revocation Test Sub" 2>/dev/null |
    openssl x509 -req -CA "$R/inter.pem" -CAkey "$R/inter.key" -CAcreateserial \
    -days 30 -extfile "$R/sub.ext" -out "$R/sub.pem" 2>/dev/null
openssl x509 -in "$R/sub.pem" -outform DER -out "$W/sub.der"
printf 'authorityInfoAccess = caIssuers;URI:http://127.0.0.1:%s/delay/sub.der\nbasicConstraints = CA:false\n' \
    "$AP" >"$R/aia.ext"
openssl req -new -key "$R/good.key" -subj "/CN=aia-two-slow" 2>/dev/null |
    openssl x509 -req -CA "$R/sub.pem" -CAkey "$R/sub.key" -CAcreateserial \
    -days 30 -extfile "$R/aia.ext" -out "$R/aia-two-slow.pem" 2>/dev/null
t trouble-aia-deadline-for-all-fetches 2 "cd rev && chain-order -N -t 3 -F -C root.pem aia-two-slow.pem 2>e;
    r=\$?; sed 's/$AP/PORT/g' e >&2; exit \$r" '' \
    "chain-order: $A/delay/inter.der: timed out after 1 s
chain-order: $A/delay/inter.der: --fetch: over -t 3 s for all fetches together"
t ok-aia-two-fetches-within-deadline 0 "cd rev && chain-order -N -t 9 -F -C root.pem aia-two-slow.pem | grep -c BEGIN" 3 ''
t ok-aia-http-proxy-not-used 0 "cd rev && http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:1 \
    chain-order -N -t 5 -F -C root.pem aia-inter.der.pem | grep -c BEGIN" 2 ''
# OCSP: the responder's whole answer, then a stall: exit 2, no -O file
t trouble-ocsp-stalled-after-whole-answer 2 "cd rev && rm -f stalled.der &&
    cert-info -o /dev/null -t 2 -Q -U http://127.0.0.1:$AP/ocsp-stall/$P1 -O stalled.der good.pem inter.pem 2>e;
    r=\$?; sed 's/$AP/PORT/g' e >&2; test -e stalled.der || echo no staple; exit \$r" 'no staple' \
    "cert-info: http://127.0.0.1:PORT/ocsp-stall/$P1: timed out after 2 s"
# the cache (-D): a planted FIFO or symlink is refused (without waiting),
# entries are 0644 at most under umask 000, a directory others may write
# is used only when sticky, and only when it is ours or root's
H=$(printf %s "http://127.0.0.1:$AP/inter.der" | openssl dgst -sha256 -r | cut -c1-64)
t trouble-aia-cache-fifo-refused 2 "cd rev && rm -rf cf && mkdir cf && mkfifo cf/$H.der &&
    timeout 10 chain-order -N -t 5 -F -D cf -C root.pem aia-inter.der.pem" '' \
    "chain-order: cf/$H.der: the cache entry is not a regular file: refused"
t trouble-aia-cache-symlink-refused 2 "cd rev && rm -rf cl && mkdir cl && echo victim >victim.txt &&
    ln -s ../www/inter.der cl/$H.der && chain-order -N -t 5 -F -D cl -C root.pem aia-inter.der.pem;
    r=\$?; cat victim.txt; exit \$r" victim \
    "chain-order: cl/$H.der: the cache entry is a symbolic link: refused"
t ok-aia-cache-entry-0644-under-umask-000 0 "cd rev && rm -rf cm && umask 000 &&
    chain-order -N -t 5 -F -D cm -C root.pem aia-inter.der.pem >/dev/null && stat -c %a cm/$H.der" 644 ''
t trouble-aia-cache-dir-writable-by-others 2 "cd rev && rm -rf cw && mkdir cw && chmod 777 cw &&
    chain-order -N -t 5 -F -D cw -C root.pem aia-inter.der.pem; r=\$?; ls cw | wc -l; exit \$r" 0 \
    "chain-order: cw: the cache directory is writable by others and not sticky: refused"
t ok-aia-cache-dir-sticky 0 "cd rev && rm -rf cs && mkdir cs && chmod 1777 cs &&
    chain-order -N -t 5 -F -D cs -C root.pem aia-inter.der.pem | grep -c BEGIN" 2 ''
if [ "$(id -u)" = 0 ]; then
	t trouble-aia-cache-dir-not-ours 2 "cd rev && rm -rf co && mkdir co && chown 65534 co &&
	    chain-order -N -t 5 -F -D co -C root.pem aia-inter.der.pem" '' \
	    "chain-order: co: the cache directory belongs to uid 65534, not to you or root: refused"
fi
kill "$AIA_PID" 2>/dev/null
while read -r pid; do kill "$pid" 2>/dev/null; done <"$R/responders"
requires

# OpenMetrics: promtool accepts it; the samples are the certificates'
t ok-openmetrics-promtool 0 "cd rev && cert-info -f openmetrics -o m.prom good.pem inter.pem fresh.crl &&
    promtool check metrics <m.prom && grep -c '^pemkit_' m.prom && tail -n 1 m.prom" "9
# EOF" ''
t ok-openmetrics-values 0 "cd rev && cert-info -f openmetrics good.pem | grep '^pemkit_certificate_not_after' | sed 's/.*} //'" \
    "$(date -u -d "$(openssl x509 -in "$R/good.pem" -noout -enddate | cut -d= -f2)" +%s)" ''
# label values escaped: a backslash, a quote and a newline in a file name
t ok-openmetrics-escaped 0 "cd rev && cp good.pem 'a\\b\"c' && cert-info -f openmetrics 'a\\b\"c' |
    grep -o 'file=\"[^,]*' | head -n 1" 'file="a\\b\"c"' ''

# issue 22: each sample is numbered within its file, so that adding or
# removing a file renames no other file's series
t ok-openmetrics-index-per-file 0 "cd rev && cat good.pem inter.pem >pair.pem &&
    cert-info -f openmetrics good.pem pair.pem fresh.crl | grep -o '^pemkit_[a-z_]*{file=\"[^\"]*\",index=\"[^\"]*\"' | sort -u" \
    'pemkit_certificate_not_after_seconds{file="good.pem",index="1"
pemkit_certificate_not_after_seconds{file="pair.pem",index="1"
pemkit_certificate_not_after_seconds{file="pair.pem",index="2"
pemkit_certificate_not_before_seconds{file="good.pem",index="1"
pemkit_certificate_not_before_seconds{file="pair.pem",index="1"
pemkit_certificate_not_before_seconds{file="pair.pem",index="2"
pemkit_crl_next_update_seconds{file="fresh.crl",index="1"' ''
# a file that cannot be read: the others are written all the same (-o
# too), with a per-file error series and the run's time; exit 2
t trouble-openmetrics-unreadable-file 2 "cd rev && printf 'junk\n-----BEGIN CERTIFICATE-----\nAAAA\n' >broken.pem &&
    b=\$(date +%s) && cert-info -f openmetrics -o m2.prom good.pem missing.pem broken.pem pair.pem; r=\$?;
    grep -c '^pemkit_certificate_not_after_seconds{' m2.prom; grep '^pemkit_file_error' m2.prom;
    t=\$(sed -n 's/^pemkit_last_run_timestamp_seconds //p' m2.prom);
    [ \$t -ge \$b ] && [ \$t -le \$(date +%s) ] && tail -n 1 m2.prom; exit \$r" \
    '3
pemkit_file_error{file="good.pem"} 0
pemkit_file_error{file="missing.pem"} 1
pemkit_file_error{file="broken.pem"} 1
pemkit_file_error{file="pair.pem"} 0
# EOF' 'cert-info: missing.pem: cannot open: No such file or directory
cert-info: broken.pem:2: BEGIN "CERTIFICATE" without END: the input ends first'
# issue 24 item 8: a file name that is not UTF-8 is escaped as in JSON
t ok-openmetrics-utf8-label 0 "cd rev && f=\$(printf 'bad\\377\\303\\251.pem') && cp good.pem \"\$f\" &&
    cert-info -f openmetrics \"\$f\" | grep -o 'file=\"[^\"]*\"' | sort -u &&
    cert-info -j \"\$f\" | jq -r .source" 'file="bad\\xffé.pem"
bad\xffé.pem' ''
if command -v promtool >/dev/null 2>&1; then
	t ok-openmetrics-promtool-errors 0 "cd rev && cat m2.prom | promtool check metrics" '' ''
	t ok-openmetrics-promtool-utf8 0 "cd rev && cert-info -f openmetrics \"\$(printf 'bad\\377\\303\\251.pem')\" pair.pem |
	    promtool check metrics" '' ''
else
	skip=$((skip + 1))
fi

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
