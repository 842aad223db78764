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
	# a row that tests/lint-expect.except lists must differ from zlint,
	# for the reason given there
	while IFS='	' read -r how want id file; do
		case $how in
		except) how=ok
		    echo "deviation lint-expect: $id on $file: zlint wants $want" ;;
		agrees) how=FAIL
		    want="a deviation (lint-expect.except), but agrees with $want" ;;
		stale) how=FAIL
		    want="a row of lint-expect.except ($want), but zlint-expect.tsv has none" ;;
		esac
		case $how in
		ok) pass=$((pass + 1)) ;;
		FAIL) fail=$((fail + 1))
		    echo "FAIL lint-expect: $id on $file: want $want" ;;
		'#'*) echo "cert-lint vs zlint-expect:${how#\#}" ;;
		esac
	done <"$O/lint-expect.txt"
	# a harness that compares nothing cannot fail
	t ok-lint-expect-has-rows 0 "grep -c '^ok' lint-expect.txt | awk '\$1 < 2 { exit 1 }'" '' ''
	# the harness on a list of its own: a listed row where cert-lint
	# agrees with zlint, one where it differs, one zlint-expect.tsv lacks
	{ sed -n 1,2p "$LX"; grep '^zlint/v3/testdata/subCertNoSKI.pem	' "$LX"
	  grep '^zlint/v3/testdata/sha256WithRSAPSSSignatureAlgorithm.pem	e_signature_algorithm_not_supported	' "$LX"
	} >"$O/lx.tsv"
	printf '%s\t%s\t%s\t%s\n' \
	    zlint/v3/testdata/subCertNoSKI.pem w_ext_subject_key_identifier_missing_sub_cert Warn why \
	    zlint/v3/testdata/sha256WithRSAPSSSignatureAlgorithm.pem e_signature_algorithm_not_supported Warn why \
	    zlint/v3/testdata/none.pem e_serial_number_not_positive Error why >"$O/lx.except"
	mkdir -p "$O/lx"
	t no-lint-expect-except-agrees-or-stale 0 "LINT_EXCEPT=$O/lx.except sh $TOP/tests/lint-expect.sh $O/lx.tsv $C $O/lx | grep -v '^#'" \
	    "agrees	Warn	w_ext_subject_key_identifier_missing_sub_cert	zlint/v3/testdata/subCertNoSKI.pem
except	Warn	e_signature_algorithm_not_supported	zlint/v3/testdata/sha256WithRSAPSSSignatureAlgorithm.pem
stale	Error	e_serial_number_not_positive	zlint/v3/testdata/none.pem" ''
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
    "{\"schema\":\"pemkit/1\",\"source\":\"$L/serial-zero.pem\",\"index\":1,\"line\":1,\"type\":\"cert\",\"member\":null,\"profile\":\"tls\",\"findings\":[{\"id\":\"e_serial_number_not_positive\",\"severity\":\"error\",\"message\":\"the serial number is zero\",\"citation\":\"RFC 5280 4.1.2.2\"}]}" ''
t ok-lint-json-profile-forced 0 "cert-lint -j -p root --only e_serial_number_not_positive $L/good-tls.pem" \
    "{\"schema\":\"pemkit/1\",\"source\":\"$L/good-tls.pem\",\"index\":1,\"line\":1,\"type\":\"cert\",\"member\":null,\"profile\":\"root\",\"findings\":[]}" ''
# a PKCS#7 is one block: its members share its index (pemkit(7))
t ok-lint-pkcs7-members-and-crl 0 "cert-lint -j --only e_serial_number_not_positive $F/chain.p7b $F/inter.crl | jq -r '[.index, .member, .type, .profile] | @tsv'" \
    "1	1	cert	tls
1	2	cert	intermediate
1	3	cert	root
2		crl	crl" ''
# the text names each member N.M: member M of block N (pemkit(7))
t no-lint-pkcs7-members-numbered 1 "cert-lint --only e_sub_cert_cert_policy_empty,e_sub_ca_aia_missing $F/chain.p7b $F/leaf.pem >lint-p7.out; s=\$?; cut -d: -f1-3 lint-p7.out; exit \$s" \
    "$F/chain.p7b:1.1: error
$F/chain.p7b:1.2: error
$F/leaf.pem:2: error" ''
t ok-lint-pkcs12 0 "cert-lint --only e_serial_number_not_positive -w pass:secret $F/leaf.p12" '' ''
t ok-lint-list-row 0 "cert-lint -L | grep '^e_serial_number_not_positive	'" \
    "e_serial_number_not_positive	error	RFC 5280	4.1.2.2	2002-04-01" ''
# -L: every id once, and each one zlint's (zlint-lints.tsv) or one of
# the ids cert-lint(1) lists as pemkit's own, which are not zlint's
t ok-lint-list-ids-unique 0 "cert-lint -L | cut -f1 | sort | uniq -d" '' ''
LZ="${LINT_LINTS:-$C/../lint/zlint-lints.tsv}"
if [ -f "$LZ" ]; then
	sed -n '/^\.Ss Ids of pemkit.s own/,/^\.El/s/^\.It Cm //p' \
	    "$TOP/man/cert-lint.1" | sort >"$O/own-ids"
	t ok-lint-list-ids-zlint-or-own 0 "cert-lint -L | cut -f1 | sort >ids; tail -n +3 $LZ | cut -f1 | sort >z; comm -23 ids z | diff - own-ids && comm -12 own-ids z && [ -s own-ids ]" '' ''
else
	skip=$((skip + 1))
fi
t trouble-lint-unknown-rule 2 "cert-lint --only e_no_such_rule $L/good-tls.pem 2>e; s=\$?; head -n 1 e; exit \$s" \
    'cert-lint: no rule "e_no_such_rule" (cert-lint -L lists them)' ''
t trouble-lint-unknown-profile 2 "cert-lint -p ev $L/good-tls.pem 2>e; s=\$?; head -n 1 e; exit \$s" \
    'cert-lint: --profile: "ev" is not a profile: use tls, smime, intermediate, root or private' ''
t trouble-lint-no-certificate 2 "cert-lint $F/leaf.key" '' \
    'cert-lint: no certificate or CRL in the input'
t trouble-lint-garbage 2 "printf 'not a certificate\n' | cert-lint" '' '*'

# every rule quiet on well-made files: each CA, leaf and CRL kind of the
# fixtures (the negative case of every rule that applies to them); the
# CAs are mk-lint-cabf_ca.sh's, made as the CA/B BR want a public one
t ok-lint-clean-fixtures 0 "cert-lint $F/lint-ca/good-sub-ca.pem $F/lint-ca/good-root.pem $L/good-tls.pem $L/crl-good.crl $L/san-only-critical-ok.pem" '' ''
# mk.sh's CAs are a private PKI's: judged as public ones, the
# intermediate lacks what BR 7.1.2.10 asks of a TLS CA
t no-lint-private-cas-as-public 1 "cert-lint $F/inter.pem $F/root.pem" \
    "$F/inter.pem:1: notice: n_ca_digital_signature_not_set: a CA certificate's keyUsage lacks digitalSignature (needed to sign OCSP responses) (CA/B BR 7.1.2.10.7)
$F/inter.pem:1: notice: n_sub_ca_eku_missing: the intermediate has no extKeyUsage (it is not technically constrained) (CA/B BR 7.1.5)
$F/inter.pem:1: notice: n_mp_allowed_eku: the intermediate has no extKeyUsage (Mozilla 5.3)
$F/inter.pem:1: error: e_sub_ca_aia_missing: the intermediate has no authorityInformationAccess (CA/B BR 7.1.2.2)
$F/inter.pem:1: error: e_sub_ca_crl_distribution_points_missing: the intermediate has no cRLDistributionPoints (CA/B BR 7.1.2.2)
$F/inter.pem:1: error: e_sub_ca_certificate_policies_missing: the intermediate has no certificatePolicies (CA/B BR 7.1.2.2)
$F/root.pem:2: notice: n_ca_digital_signature_not_set: a CA certificate's keyUsage lacks digitalSignature (needed to sign OCSP responses) (CA/B BR 7.1.2.10.7)" ''
# mk.sh's leaves are a private PKI's: 18 years, no policies, no AIA.  As
# private certificates they are clean; judged as TLS subscriber ones (the
# kind worked out from serverAuth) they break the CA/B BR
t ok-lint-clean-private-leaves 0 "cert-lint -p private $F/leaf.pem $F/wild.pem" '' ''
t no-lint-private-leaf-as-tls 1 "cert-lint $F/leaf.pem" \
    "$F/leaf.pem:1: error: e_sub_cert_cert_policy_empty: the subscriber certificate has no certificatePolicies (CA/B BR 7.1.2.3)
$F/leaf.pem:1: notice: w_ct_sct_policy_count_unsatisfied: the certificate embeds SCTs from 0 logs; Apple's policy asks for 5 for its lifetime (Apple CT policy (HT205280))
$F/leaf.pem:1: notice: n_subject_common_name_included: the subject has a commonName (deprecated) (CA/B BR 7.1.4.2.2)
$F/leaf.pem:1: error: e_sub_cert_locality_name_must_appear: the subject has an organization or a person's name and neither localityName nor stateOrProvinceName (CA/B BR 7.1.4.2.2)
$F/leaf.pem:1: error: e_sub_cert_valid_time_longer_than_39_months: the validity period is longer than 39 months (CA/B BR 6.3.2)
$F/leaf.pem:1: error: e_sub_cert_valid_time_longer_than_825_days: the validity period is more than 825 days (CA/B BR 6.3.2)
$F/leaf.pem:1: error: e_sub_cert_certificate_policies_missing: the subscriber certificate has no certificatePolicies (CA/B BR 7.1.2.3)
$F/leaf.pem:1: error: e_sub_cert_aia_missing: the subscriber certificate has no authorityInfoAccess (CA/B BR 7.1.2.3)
$F/leaf.pem:1: error: e_sub_cert_province_must_appear: the subject has neither stateOrProvinceName nor localityName (CA/B BR 7.1.4.2.2)" ''
t no-lint-private-leaves-in-chain-as-tls 1 "cert-lint $F/wild.pem $F/chain.p7b >f; s=\$?; cut -d' ' -f1,3 f | sort -u; exit \$s" \
    "$F/chain.p7b:2.1: e_sub_cert_aia_missing:
$F/chain.p7b:2.1: e_sub_cert_cert_policy_empty:
$F/chain.p7b:2.1: e_sub_cert_certificate_policies_missing:
$F/chain.p7b:2.1: e_sub_cert_locality_name_must_appear:
$F/chain.p7b:2.1: e_sub_cert_province_must_appear:
$F/chain.p7b:2.1: e_sub_cert_valid_time_longer_than_39_months:
$F/chain.p7b:2.1: e_sub_cert_valid_time_longer_than_825_days:
$F/chain.p7b:2.1: n_subject_common_name_included:
$F/chain.p7b:2.1: w_ct_sct_policy_count_unsatisfied:
$F/chain.p7b:2.2: e_sub_ca_aia_missing:
$F/chain.p7b:2.2: e_sub_ca_certificate_policies_missing:
$F/chain.p7b:2.2: e_sub_ca_crl_distribution_points_missing:
$F/chain.p7b:2.2: n_ca_digital_signature_not_set:
$F/chain.p7b:2.2: n_mp_allowed_eku:
$F/chain.p7b:2.2: n_sub_ca_eku_missing:
$F/chain.p7b:2.3: n_ca_digital_signature_not_set:
$F/wild.pem:1: e_ext_san_contains_reserved_ip:
$F/wild.pem:1: e_ext_san_rfc822_name_present:
$F/wild.pem:1: e_sub_cert_aia_missing:
$F/wild.pem:1: e_sub_cert_cert_policy_empty:
$F/wild.pem:1: e_sub_cert_certificate_policies_missing:
$F/wild.pem:1: e_sub_cert_valid_time_longer_than_39_months:
$F/wild.pem:1: e_sub_cert_valid_time_longer_than_825_days:
$F/wild.pem:1: n_subject_common_name_included:
$F/wild.pem:1: w_ct_sct_policy_count_unsatisfied:" ''
# the intermediate's CRL: no AKI, and a month to nextUpdate where the
# CA/B BR allow 10 days for a CRL of subscriber certificates
t no-lint-crl-without-aki 1 "cert-lint $F/inter.crl" \
    "$F/inter.crl:1: error: e_crl_has_authority_key_identifier: the CRL has no authorityKeyIdentifier (RFC 5280 5.2.1)
$F/inter.crl:1: error: e_crl_next_update_invalid: nextUpdate is more than 10 days after thisUpdate (CA/B BR 7.2)" ''
# -s: a warning fails too
t ok-lint-warning-exit-0 0 "cert-lint $L/ku-not-critical.pem" \
    "$L/ku-not-critical.pem:1: warning: w_ext_key_usage_not_critical: the keyUsage extension is not critical (RFC 5280 4.2.1.3)" ''
t no-lint-warning-strict 1 "cert-lint -s $L/ku-not-critical.pem" \
    "$L/ku-not-critical.pem:1: warning: w_ext_key_usage_not_critical: the keyUsage extension is not critical (RFC 5280 4.2.1.3)" ''
# --at: a rule not yet in force then is left out (RFC 8813 is of 2020-08)
t ok-lint-at-before-rule 0 "cert-lint --at 2020-01-01 --only e_ecdsa_allowed_ku $L/ec-ku-key-encipherment.pem" '' ''
t no-lint-at-after-rule 1 "cert-lint --at 2021-01-01 --only e_ecdsa_allowed_ku $L/ec-ku-key-encipherment.pem" \
    "$L/ec-ku-key-encipherment.pem:1: error: e_ecdsa_allowed_ku: the EC key has keyUsage keyEncipherment (RFC 8813 3)" ''

# the positive case of each rule that zlint-expect.tsv gives no Error row
# for: a fixture of mk-lint.sh, or a corpus file whose breach was read
# against the section (openssl x509 -text, asn1parse)
Z=$C/zlint/v3/testdata
lint_own no-lint <<EOF2
e_basic_constraints_not_critical $L/ca-bc-not-critical.pem
e_ca_subject_field_empty $L/ca-no-subject.pem
e_subject_empty_without_san $L/no-subject-no-san.pem
e_ext_san_not_critical_without_subject $L/san-only-not-critical.pem
e_ext_name_constraints_not_critical $L/ca-nc-not-critical.pem
e_ext_authority_key_identifier_critical $L/aki-critical.pem
e_ext_subject_key_identifier_critical $L/ski-critical.pem
e_ext_aia_marked_critical $L/aia-critical.pem
w_ext_key_usage_not_critical $L/ku-not-critical.pem
w_ext_ian_critical $L/ian-critical.pem
w_ext_crl_distribution_marked_critical $L/cdp-critical.pem
w_ext_subject_key_identifier_missing_sub_cert $L/ski-missing.pem
e_ext_authority_key_identifier_missing $L/aki-missing.pem
e_ext_authority_key_identifier_no_key_identifier $L/aki-no-keyid.pem
e_ext_key_usage_cert_sign_without_ca $L/ku-cert-sign-without-ca.pem
e_rsa_allowed_ku_ee $L/rsa-ku-key-agreement.pem
e_ecdsa_allowed_ku $L/ec-ku-key-encipherment.pem
n_ecdsa_ee_invalid_ku $L/ec-ku-key-encipherment.pem
w_eku_critical_improperly $L/eku-any-critical.pem
e_ext_policy_constraints_not_critical $L/ca-pc-not-critical.pem
e_inhibit_any_policy_not_critical $L/ca-iap-not-critical.pem
e_serial_number_not_positive $L/serial-zero.pem
e_crl_has_valid_reason_code $L/crl-reason-unspecified.crl
e_crl_next_update_before_this_update $L/crl-next-before-this.crl
e_crl_has_authority_key_identifier $L/crl-no-aki.crl
e_crl_revocation_time_after_this_update $L/crl-revoked-after-this.crl
e_cert_extensions_version_not_3 $Z/certVersion2WithExtension.pem
e_cert_unique_identifier_version_not_2_or_3 $Z/uniqueIdVersion1.pem
e_utc_time_does_not_include_seconds $Z/utcNoSeconds.pem
e_utc_time_not_in_zulu $Z/utcNotZulu.pem
e_generalized_time_does_not_include_seconds $Z/generalizedNoSeconds.pem
e_generalized_time_includes_fraction_seconds $Z/generalizedNoFraction.pem
e_wrong_time_format_pre2050 $Z/generalizedPrior2050.pem
e_validity_time_not_positive $Z/validityNegative.pem
e_issuer_field_empty $Z/CNPresentButEmpty.pem
e_ext_san_no_entries $Z/SANNoEntries.pem
e_ext_san_empty_name $Z/SANEmptyName.pem
e_name_constraint_empty $Z/ncEmptyValue.pem
e_ext_key_usage_without_bits $Z/keyUsageNoBits.pem
e_superfluous_ku_encoding $Z/keyUsageNoBits.pem
e_incorrect_ku_encoding $Z/keyUsageWithoutTrailingZeroes.pem
e_ext_subject_key_identifier_missing_ca $Z/certVersion2WithExtension.pem
e_ext_name_constraints_not_in_ca $C/pyca-cryptography/x509/custom/nc_permitted_2.pem
e_crl_has_next_update $Z/crlEmpty.pem
e_crl_reason_code_invalid $C/pyca-cryptography/x509/custom/crl_unsupported_reason.pem
EOF2

# RFC 5280 4.2.1.2's SHOULD (an SKI in a leaf) against BR 7.1.2.7.6 (NOT
# RECOMMENDED in a TLS subscriber certificate from 2023-09-15): from
# then the BR decide, so that a well-made TLS leaf passes -s; a private
# leaf keeps the RFC's warning, and an SKI in a TLS leaf draws the BR's
t ok-lint-ski-missing-tls-after-br2 0 "cert-lint --only w_ext_subject_key_identifier_missing_sub_cert $L/good-tls.pem" '' ''
t no-lint-ski-missing-private-after-br2 0 "cert-lint -p private --only w_ext_subject_key_identifier_missing_sub_cert $L/good-tls.pem" \
    "$L/good-tls.pem:1: warning: w_ext_subject_key_identifier_missing_sub_cert: the certificate has no subjectKeyIdentifier (RFC 5280 4.2.1.2)" ''
t no-lint-ski-present-tls-after-br2 0 "cert-lint --only w_ext_subject_key_identifier_missing_sub_cert,w_ext_subject_key_identifier_not_recommended_subscriber $L/aki-critical.pem" \
    "$L/aki-critical.pem:1: warning: w_ext_subject_key_identifier_not_recommended_subscriber: a subscriber certificate has a subjectKeyIdentifier (not recommended) (CA/B BR 7.1.2.7.6)" ''
t ok-lint-strict-tls-leaf 0 "cert-lint -s $L/good-tls.pem" '' ''

# the README's CI gate on a repository's certs/, clean, then with a
# certificate whose keyUsage is not critical (a warning: -s fails it)
mkdir -p "$O/lint-ci/certs"
# (a public CA's root, intermediate and a leaf, each BR-clean: mk.sh's
# are a private PKI's, see above)
cp "$F/lint-ca/good-root.pem" "$F/lint-ca/good-sub-ca.pem" "$O/lint-ci/certs/"
cp "$L/good-tls.pem" "$O/lint-ci/certs/leaf.pem"
ci=$(sed -n 's/^\(cert-lint -s certs\/\*\.pem\)  *#.*/\1/p' "$TOP/README.md")
t ok-lint-readme-ci-gate 0 "cd lint-ci && $ci" '' ''
cp "$L/ku-not-critical.pem" "$O/lint-ci/certs/"
t no-lint-readme-ci-gate-warning 1 "cd lint-ci && $ci" \
    'certs/ku-not-critical.pem:3: warning: w_ext_key_usage_not_critical: the keyUsage extension is not critical (RFC 5280 4.2.1.3)' ''
# the members pemkit(7) names, in its order
t ok-lint-json-schema 0 "cert-lint -j $L/ku-not-critical.pem | jq -c 'keys_unsorted, (.findings[0] | keys_unsorted)'" \
    '["schema","source","index","line","type","member","profile","findings"]
["id","severity","message","citation"]' ''
