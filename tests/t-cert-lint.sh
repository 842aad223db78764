# cert-lint (issue 25): rules of RFC 5280, the CA/B Forum and the root
# programs over certificates and CRLs; exit 1 on an error finding.

# zlint's expected results (../shared/lint/zlint-expect.tsv) for the rules
# cert-lint implements under a zlint name: each row a case, one cert-lint
# run for all (tests/lint-expect.sh); an Error/Warn/Notice row must draw
# the finding, a Pass/NA/NE row must not
LX="${LINT_EXPECT:-$C/../lint/zlint-expect.tsv}"
if [ -d "$C" ] && [ -f "$LX" ]; then
	mkdir -p "$O/lint-expect"
	sh "$TOP/tests/lint-expect.sh" "$LX" "$C" "$O/lint-expect" \
	    >"$O/lint-expect.txt"
	while IFS='	' read -r how want id file; do
		case $how in
		ok) pass=$((pass + 1)) ;;
		FAIL) fail=$((fail + 1))
		    echo "FAIL lint-expect: $id on $file: want $want" ;;
		'#'*) echo "cert-lint vs zlint-expect:${how#\#}" ;;
		esac
	done <"$O/lint-expect.txt"
	# a harness that compares nothing cannot fail
	t ok-lint-expect-has-rows 0 "grep -c '^ok' lint-expect.txt | awk '\$1 < 2 { exit 1 }'" '' ''
else
	skip=$((skip + 1))
fi

L=$F/lint
# the shapes of input every filter reads: PKCS#7, PKCS#12, a CRL, a bundle
t ok-lint-good-tls 0 "cert-lint $L/good-tls.pem" '' ''
t no-lint-serial-negative 1 "cert-lint $L/serial-negative.pem" \
    "$L/serial-negative.pem:1: error: e_serial_number_not_positive: the serial number is negative (RFC 5280 4.1.2.2)" ''
t no-lint-serial-zero-in-bundle 1 "cat $L/good-tls.pem $L/serial-zero.pem | cert-lint" \
    "<stdin>:2: error: e_serial_number_not_positive: the serial number is zero (RFC 5280 4.1.2.2)" ''
t ok-lint-skip-rule 0 "cert-lint --skip e_serial_number_not_positive $L/serial-negative.pem" '' ''
t ok-lint-only-other-rule 0 "cert-lint --only e_serial_number_not_positive $L/good-tls.pem" '' ''
t no-lint-json 1 "cert-lint --json $L/serial-zero.pem" \
    "{\"schema\":\"pemkit/1\",\"source\":\"$L/serial-zero.pem\",\"index\":1,\"line\":1,\"type\":\"cert\",\"profile\":\"tls\",\"findings\":[{\"id\":\"e_serial_number_not_positive\",\"severity\":\"error\",\"message\":\"the serial number is zero\",\"citation\":\"RFC 5280 4.1.2.2\"}]}" ''
t ok-lint-json-profile-forced 0 "cert-lint -j -p root --only e_serial_number_not_positive $L/good-tls.pem" \
    "{\"schema\":\"pemkit/1\",\"source\":\"$L/good-tls.pem\",\"index\":1,\"line\":1,\"type\":\"cert\",\"profile\":\"root\",\"findings\":[]}" ''
t ok-lint-pkcs7-members-and-crl 0 "cert-lint -j --only e_serial_number_not_positive $F/chain.p7b $F/inter.crl | jq -r '[.index, .type, .profile] | @tsv'" \
    "1	cert	tls
2	cert	intermediate
3	cert	root
4	crl	crl" ''
t ok-lint-pkcs12 0 "cert-lint --only e_serial_number_not_positive -w pass:secret $F/leaf.p12" '' ''
t ok-lint-list-row 0 "cert-lint -L | grep '^e_serial_number_not_positive	'" \
    "e_serial_number_not_positive	error	RFC 5280	4.1.2.2	2002-04-01" ''
t trouble-lint-unknown-rule 2 "cert-lint --only e_no_such_rule $L/good-tls.pem 2>e; s=\$?; head -n 1 e; exit \$s" \
    'cert-lint: no rule "e_no_such_rule" (cert-lint -L lists them)' ''
t trouble-lint-unknown-profile 2 "cert-lint -p ev $L/good-tls.pem 2>e; s=\$?; head -n 1 e; exit \$s" \
    'cert-lint: --profile: "ev" is not a profile: use tls, smime, intermediate, root or private' ''
t trouble-lint-no-certificate 2 "cert-lint $F/leaf.key" '' \
    'cert-lint: no certificate or CRL in the input'
t trouble-lint-garbage 2 "printf 'not a certificate\n' | cert-lint" '' '*'
