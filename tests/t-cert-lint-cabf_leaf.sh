# cert-lint's CA/B BR subscriber and general rules (common/lint/cabf_leaf.c):
# a positive and a negative case of each rule, beside zlint-expect.tsv's
# rows (tests/t-cert-lint.sh).  Fixtures by tests/fixtures/mk-lint-cabf_leaf.sh
# (with mk-lint.sh's good-tls.pem); corpus files whose breach was read
# against the section (openssl x509 -text).

L=$F/lint
Z=$C/zlint/v3/testdata

# ID POSITIVE NEGATIVE: the positive draws the rule (exit 1 for an error,
# 0 for a warning), the negative does not; every rule in force (--at)
while read -r id pos neg; do
	case $(cert-lint -L | awk -F'\t' -v id="$id" '$1 == id { print $2 }') in
	error) want=1 ;;
	'') want=9 ;;		# not in the table: fails
	*) want=0 ;;
	esac
	t "no-cabf-$id" $want "cert-lint -a 2100-01-01 --only $id $pos >f; s=\$?; cut -d' ' -f3 f | sort -u; exit \$s" "$id:" ''
	t "ok-cabf-$id" 0 "cert-lint -a 2100-01-01 --only $id $neg" '' ''
done <<EOF2
e_server_cert_valid_time_longer_than_200_days $L/vp-201d-2026.pem $L/vp-200d-2026.pem
w_server_cert_valid_time_longer_than_199_days $L/vp-200d-2026.pem $L/vp-200d-before-2026.pem
e_server_cert_valid_time_longer_than_100_days $L/vp-101d-2027.pem $L/vp-100d-2027.pem
w_server_cert_valid_time_longer_than_99_days $L/vp-100d-2027.pem $L/vp-47d-2029.pem
e_server_cert_valid_time_longer_than_47_days $L/vp-48d-2029.pem $L/vp-47d-2029.pem
w_server_cert_valid_time_longer_than_46_days $L/vp-47d-2029.pem $L/vp-6d-2029.pem
e_tls_server_cert_valid_time_longer_than_398_days $L/vp-399d-2025.pem $L/vp-398d-2025.pem
w_tls_server_cert_valid_time_longer_than_397_days $L/vp-398d-2025.pem $L/good-tls.pem
e_sub_cert_valid_time_longer_than_39_months $F/leaf.pem $L/vp-399d-2025.pem
e_sub_cert_valid_time_longer_than_825_days $F/leaf.pem $L/vp-399d-2025.pem
e_client_auth_not_allowed $L/client-auth-2027.pem $L/vp-200d-2027.pem
e_missing_crl_distrib_point $L/ip-8d-2026.pem $L/ip-6d-2026.pem
e_eku_critical $L/eku-critical.pem $L/good-tls.pem
e_sub_cert_aia_does_not_contain_ocsp_url $L/aia-no-ocsp-2023.pem $L/good-tls.pem
e_sub_cert_crl_distribution_points_does_not_contain_url $L/cdp-ldap.pem $L/good-tls.pem
e_crl_distrib_points_not_http $L/cdp-ldap.pem $L/good-tls.pem
e_ocsp_cert_cdp_forbidden $L/ocsp-cdp.pem $L/ocsp-good.pem
e_ocsp_cert_invalid_ku $L/ocsp-ku.pem $L/ocsp-good.pem
e_ocsp_id_pkix_ocsp_nocheck_ext_not_included_server_auth $Z/o1s0ep0a0nc0.pem $L/ocsp-good.pem
e_rsa_mod_less_than_2048_bits $L/rsa-1024.pem $L/rsa-ku-key-agreement.pem
w_rsa_public_exponent_not_in_range $L/rsa-e3.pem $L/rsa-ku-key-agreement.pem
e_rsa_public_exponent_too_small $Z/mpExponent1.pem $L/rsa-e3.pem
e_rsa_public_exponent_not_odd $Z/badRsaExp.pem $L/rsa-e3.pem
w_rsa_mod_not_odd $Z/evenRsaMod.pem $L/rsa-1024.pem
w_rsa_mod_factors_smaller_than_752 $Z/evenRsaMod.pem $L/rsa-1024.pem
e_rsa_fermat_factorization $Z/rsaFermatFactorizationSusceptible.pem $L/rsa-1024.pem
e_old_sub_cert_rsa_mod_less_than_1024_bits $C/certificate-transparency/test/testdata/test-cert-chain.pem $L/rsa-1024.pem
e_br_prohibit_dsa_usage $Z/dsaCert.pem $L/good-tls.pem
e_ec_improper_curves $Z/ekuAnyCrit.pem $L/good-tls.pem
e_public_key_type_not_allowed $Z/unknownpublickey.pem $L/good-tls.pem
e_invalid_certificate_version $Z/subCertOver825DaysBad.pem $L/good-tls.pem
e_sub_cert_aia_missing $F/leaf.pem $L/good-tls.pem
e_sub_cert_certificate_policies_missing $F/leaf.pem $L/good-tls.pem
e_sub_cert_eku_missing $C/certificate-transparency/test/testdata/test-no-ca-cert-chain.pem $L/good-tls.pem
e_sub_cert_eku_server_auth_client_auth_missing $Z/o1s0ep1a1nc0.pem $L/good-tls.pem
w_sub_cert_eku_extra_values $C/certificate-transparency/python/ct/crypto/testdata/ev_chain.pem $L/client-auth-2027.pem
e_sub_cert_crl_distribution_points_marked_critical $Z/subCrlDistCrit.pem $L/cdp-ldap.pem
e_sub_cert_key_usage_cert_sign_bit_set $L/ku-cert-sign-without-ca.pem $L/good-tls.pem
e_sub_cert_key_usage_crl_sign_bit_set $Z/subCertWOcspURL.pem $L/good-tls.pem
e_sub_cert_province_must_appear $F/leaf.pem $L/good-tls.pem
e_sub_cert_basic_constraints_not_critical $Z/basicConstraintsNotCriticalSC62.pem $L/good-tls.pem
w_multiple_issuer_rdn $Z/subjectDNTrailingSpace.pem $L/good-tls.pem
e_crl_number_out_of_range $Z/crl_missing_crl_number_ko.pem $L/crl-good.crl
e_ext_nc_intersects_reserved_ip $Z/NCReservedIPNet.pem $L/ca-nc-public-ip.pem
e_rsa_no_public_key $L/rsa-no-key.pem $L/rsa-good.pem
e_rsa_exp_negative $L/rsa-exp-negative.pem $L/rsa-good.pem
e_dsa_unique_correct_representation $L/dsa-y-p-minus-1.pem $L/dsa-good.pem
e_dsa_correct_order_in_subgroup $L/dsa-y-p-minus-1.pem $L/dsa-good.pem
e_dsa_params_missing $L/dsa-no-params.pem $L/dsa-good.pem
e_dsa_shorter_than_2048_bits $Z/issuerDNLeadingSpace.pem $L/dsa-good.pem
e_signature_algorithm_not_supported $Z/unknownpublickey.pem $L/rsa-good.pem
w_sub_cert_sha1_expiration_too_long $Z/sha1ExpireAfter2017.pem $L/rsa-good.pem
e_sub_cert_aia_marked_critical $L/aia-critical.pem $L/good-tls.pem
e_sub_cert_postal_code_must_not_appear $Z/subCertProvinceMustNotAppear.pem $L/good-tls.pem
e_subj_country_not_uppercase $Z/country_not_upcase_ko3.pem $F/leaf.pem
EOF2

# the whole output of one case: the words of the finding and the section
t no-cabf-200-days-text 1 "cert-lint -a 2100-01-01 $L/vp-201d-2026.pem" \
    "$L/vp-201d-2026.pem:1: error: e_server_cert_valid_time_longer_than_200_days: the validity period is 17366401 seconds, more than 200 days (CA/B BR 6.3.2)
$L/vp-201d-2026.pem:1: warning: w_server_cert_valid_time_longer_than_199_days: the validity period is 17366401 seconds, more than 199 days (CA/B BR 6.3.2)" ''
# a rule of 2027-03-15 is left out as of an earlier --at, though the
# certificate's notBefore is after it
t ok-cabf-client-auth-at-2026 0 "cert-lint -a 2026-12-01 $L/client-auth-2027.pem" '' ''
# a clientAuth leaf issued before the Chrome rule: clean (the BR allow
# serverAuth and clientAuth, 7.1.2.3 f)
t ok-cabf-client-auth-before-2027 0 "cert-lint -a 2100-01-01 $L/client-auth-2026.pem" '' ''
# an IPv6 range inside a reserved block (2001:db8::/32, RFC 3849)
t no-cabf-nc-reserved-ip6 1 "cert-lint $L/ca-nc-reserved-ip6.pem" \
    "$L/ca-nc-reserved-ip6.pem:1: error: e_ext_nc_intersects_reserved_ip: a permitted iPAddress range meets the reserved block 2001:db8::/32 (CA/B BR 7.1.5)" ''
