# cert-lint's CA, root, policy, root-store and CT rules (issue 25,
# common/lint/cabf_ca.c); fixtures by tests/fixtures/mk-lint-cabf_ca.sh.
# zlint-expect.tsv's rows for these rules run in tests/t-cert-lint.sh;
# here the positive case of each rule it gives no Error row for, and
# the negative case of each it gives no Pass row for.

L=$F/lint-ca
# the group's rules, as cabf_ca.c's table has them
IDS=$(tr '\n' , <<'EOF2' | sed 's/,$//'
e_ca_key_usage_missing
e_ca_key_usage_not_critical
e_ca_key_cert_sign_not_set
e_ca_crl_sign_not_set
n_ca_digital_signature_not_set
e_ca_is_ca
e_sub_cert_not_is_ca
e_ca_invalid_eku
n_sub_ca_eku_missing
n_sub_ca_eku_not_technically_constrained
w_sub_ca_eku_critical
n_mp_allowed_eku
e_root_ca_extended_key_usage_present
e_root_ca_key_usage_present
e_root_ca_key_usage_must_be_critical
w_root_ca_basic_constraints_path_len_constraint_field_present
w_root_ca_contains_cert_policy
e_old_root_ca_rsa_mod_less_than_2048_bits
e_old_sub_ca_rsa_mod_less_than_1024_bits
e_sub_ca_aia_missing
w_sub_ca_aia_missing
e_sub_ca_aia_marked_critical
w_sub_ca_aia_does_not_contain_issuing_ca_url
w_sub_cert_aia_does_not_contain_issuing_ca_url
e_aia_ca_issuers_must_have_http_only
e_ca_aia_non_http_url
e_sub_ca_crl_distribution_points_missing
e_sub_ca_crl_distribution_points_marked_critical
e_sub_ca_crl_distribution_points_does_not_contain_url
e_sub_ca_certificate_policies_missing
w_sub_ca_certificate_policies_marked_critical
e_invalid_ca_certificate_policies
e_subj_orgunit_in_ca_cert
e_sub_cert_cert_policy_empty
e_policy_qualifiers_other_than_cps_not_permitted
e_cab_dv_conflicts_with_locality
e_cab_dv_conflicts_with_org
e_cab_dv_conflicts_with_postal
e_cab_dv_conflicts_with_province
e_cab_dv_conflicts_with_street
e_cab_ov_requires_org
e_cert_policy_ov_requires_country
e_cert_policy_ov_requires_province_or_locality
e_cert_policy_iv_requires_country
e_cert_policy_iv_requires_province_or_locality
e_ocsp_cert_cp_forbidden
e_cabf_ecc_allowed_key_usages
w_cabf_ecc_ku_keyagreement_present
e_sub_cert_or_sub_ca_using_sha1
e_mp_authority_key_identifier_correct
e_mp_ecdsa_pub_key_encoding_correct
e_mp_ecdsa_signature_encoding_correct
e_mp_rsassa-pss_parameters_encoding_in_signature_algorithm_correct
e_mp_rsassa-pss_in_spki
e_mp_modulus_must_be_2048_bits_or_more
e_mp_modulus_must_be_divisible_by_8
e_mp_exponent_cannot_be_one
e_empty_sct_list
e_precert_with_sct_list
w_ct_sct_policy_count_unsatisfied
e_cab_crl_has_valid_reason_code
e_cab_crl_reason_code_not_critical
EOF2
)

# every rule of the group is in the table (and only those: -L's count)
t ok-lint-ca-rules-listed 0 "cert-lint -L | cut -f1 | grep -c -x -F '$(echo "$IDS" | tr , '\n')'" '62' ''

# negative: well-made certificates draw none of the group's rules: an OV
# and an IV leaf (two SCTs, CPS qualifier, AIA), an intermediate (KU,
# EKU serverAuth, AIA, CDP, DV policy), a root (critical KU, no EKU, no
# policies, no pathLenConstraint)
t ok-lint-ca-good 0 "cert-lint --only '$IDS' $L/good-leaf.pem $L/good-iv.pem $L/good-sub-ca.pem $L/good-root.pem" '' ''
# ... under every rule of the tree, not only the group's
t ok-lint-ca-good-all-rules 0 "cert-lint $L/good-leaf.pem $L/good-iv.pem $L/good-sub-ca.pem $L/good-root.pem" '' ''
# the TLS BRs bind a CA that can issue TLS certificates (no EKU, or
# serverAuth or anyExtendedKeyUsage in it): not an S/MIME intermediate
# without policies, AIA, CDP and cRLSign
t ok-lint-ca-smime-intermediate 0 "cert-lint --only '$IDS' $L/smime-sub-ca.pem" '' ''
# BR 7.1.6.4's DV subject rule ends with BR 2.0 (2023-09-15)
t ok-lint-ca-dv-province-after-br2 0 "cert-lint --only e_cab_dv_conflicts_with_province $L/dv-province-2024.pem" '' ''
# Apple's policy from 2022-04-21: three distinct logs for 181+ days
t ok-lint-ca-sct-three-logs 0 "cert-lint --only w_ct_sct_policy_count_unsatisfied $L/sct-200d-3logs.pem" '' ''
t no-lint-ca-sct-two-logs 0 "cert-lint --only w_ct_sct_policy_count_unsatisfied $L/sct-200d-2logs.pem" \
    "$L/sct-200d-2logs.pem:1: notice: w_ct_sct_policy_count_unsatisfied: the certificate embeds SCTs from 2 logs; Apple's policy asks for 3 for its lifetime (Apple CT policy (HT205280))" ''
# the Mozilla ECDSA encodings are in force from 2025-03-15 (--at)
t ok-lint-ca-mp-ecdsa-before 0 "cert-lint --at 2025-01-01 --only e_mp_ecdsa_signature_encoding_correct $L/sig-p256-sha384.pem" '' ''
t no-lint-ca-mp-ecdsa-sig 1 "cert-lint --only e_mp_ecdsa_signature_encoding_correct $L/sig-p256-sha384.pem" \
    "$L/sig-p256-sha384.pem:1: error: e_mp_ecdsa_signature_encoding_correct: the signature algorithm is not the encoding of ecdsa-with-SHA256 the policy gives for a P-256 key (Mozilla 5.1.2)" ''
# a root with an extKeyUsage (BR 7.1.2.1), the exact words
t no-lint-ca-root-eku 1 "cert-lint --only e_root_ca_extended_key_usage_present $L/root-eku.pem" \
    "$L/root-eku.pem:1: error: e_root_ca_extended_key_usage_present: a root certificate has an extKeyUsage (CA/B BR 7.1.2.1)" ''

# the positive case of each rule zlint-expect.tsv gives no Error row for
lint_own no-lint-ca <<EOF2
e_ca_key_usage_missing $L/ca-ku-missing.pem
e_ca_key_usage_not_critical $L/ca-ku-not-critical.pem
e_ca_key_cert_sign_not_set $L/ca-ku-no-cert-sign.pem
e_sub_cert_not_is_ca $L/ca-ku-no-cert-sign.pem
e_ca_crl_sign_not_set $L/ca-ku-no-crl-sign.pem
e_root_ca_extended_key_usage_present $L/root-eku.pem
e_root_ca_key_usage_present $L/root-no-ku.pem
e_root_ca_key_usage_must_be_critical $L/root-ku-not-critical.pem
e_sub_ca_crl_distribution_points_does_not_contain_url $L/sub-ca-cdp-ldap.pem
e_ca_aia_non_http_url $L/sub-ca-aia-ldap.pem
n_sub_ca_eku_missing $L/sub-ca-no-eku.pem
e_sub_cert_or_sub_ca_using_sha1 $L/sub-ca-sha1.pem
e_cab_ov_requires_org $L/ov-no-org.pem
e_cert_policy_ov_requires_country $L/ov-no-country.pem
e_cert_policy_ov_requires_province_or_locality $L/ov-no-place.pem
e_cert_policy_iv_requires_country $L/iv-no-country.pem
e_cert_policy_iv_requires_province_or_locality $L/iv-no-place.pem
e_cab_dv_conflicts_with_province $L/dv-province.pem
e_mp_ecdsa_pub_key_encoding_correct $L/ec-explicit.pem
e_mp_ecdsa_signature_encoding_correct $L/sig-p256-sha384.pem
e_mp_rsassa-pss_in_spki $L/rsa-pss-spki.pem
e_precert_with_sct_list $L/precert-scts.pem
w_ct_sct_policy_count_unsatisfied $L/sct-200d-2logs.pem
EOF2
