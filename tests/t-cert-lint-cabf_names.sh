# cert-lint's name rules (common/lint/cabf_names.c): the CA/B BRs and
# certlint on DNS names, subjectAltName, commonName, IP addresses and
# subject fields.  zlint-expect.tsv's rows for them run in t-cert-lint.sh;
# here the own cases of the rules those rows leave without a positive or
# a negative one, on the fixtures of tests/fixtures/mk-lint-cabf_names.sh.

N=$F/lint-names
Z=$C/zlint/v3/testdata

# the positive cases: each rule draws its finding on its fixture, and
# only it (--only); an error is exit 1, a warning or notice exit 0
lint_own no-names <<EOF2
e_dnsname_bad_character_in_label $N/bad-dns.pem
e_dnsname_empty_label $N/bad-dns.pem
e_dnsname_label_too_long $N/bad-dns.pem
e_dnsname_left_label_wildcard_correct $N/bad-dns.pem
e_dnsname_wildcard_only_in_left_label $N/bad-dns.pem
e_dnsname_underscore_in_sld $N/bad-dns.pem
w_dnsname_underscore_in_trd $N/bad-dns.pem
e_underscore_not_permissible_in_dnsname $N/bad-dns.pem
e_dnsname_contains_prohibited_reserved_label $N/bad-dns.pem
e_san_dns_name_onion_invalid $N/bad-dns.pem
n_contains_redacted_dnsname $N/bad-dns.pem
n_san_dns_name_duplicate $N/bad-dns.pem
e_san_dns_name_starts_with_period $N/bad-dns.pem
e_san_bare_wildcard $N/bad-dns.pem
e_san_wildcard_not_first $N/bad-dns.pem
e_no_underscores_before_1_6_2 $N/us-2018.pem
e_underscore_present_with_too_long_validity $N/us-window-long.pem
e_underscore_permissible_in_dnsname_if_valid_when_replaced $N/us-window-bad-label.pem
e_international_dns_name_not_nfc $N/bad-idn-aia.pem
w_sub_cert_aia_contains_internal_names $N/bad-idn-aia.pem
e_san_dns_name_includes_null_char $N/bad-der-names.pem
e_ian_dns_name_includes_null_char $N/bad-der-names.pem
e_ian_wildcard_not_first $N/bad-der-names.pem
e_ext_san_edi_party_name_present $N/bad-der-names.pem
e_ext_san_directory_name_present $N/bad-san-subject.pem
e_ext_san_other_name_present $N/bad-san-subject.pem
e_ext_san_registered_id_present $N/bad-san-subject.pem
e_ext_san_rfc822_name_present $N/bad-san-subject.pem
e_ext_san_uniform_resource_identifier_present $N/bad-san-subject.pem
e_ext_san_contains_reserved_ip $N/bad-san-subject.pem
e_subject_common_name_not_from_san $N/bad-san-subject.pem
w_extra_subject_common_names $N/bad-san-subject.pem
e_subject_contains_reserved_ip $N/bad-san-subject.pem
e_subject_country_not_iso $N/bad-san-subject.pem
e_organizational_unit_name_prohibited $N/bad-san-subject.pem
e_subject_contains_noninformational_value $N/bad-san-subject.pem
e_duplicate_subject_attribs $N/bad-san-subject.pem
e_ext_san_missing $N/no-san.pem
e_sub_cert_country_name_must_appear $N/person-no-c-l.pem
e_sub_cert_locality_name_must_appear $N/person-no-c-l.pem
e_sub_cert_given_name_surname_contains_correct_policy $N/person-no-c-l.pem
e_subject_contains_organizational_unit_name_and_no_organization_name $N/ou-no-o.pem
e_sub_cert_locality_name_must_not_appear $N/ou-no-o.pem
n_subject_common_name_included $N/cn-2022.pem
w_subject_common_name_included $N/no-san.pem
e_ca_common_name_missing $N/ca-no-cn-c.pem
e_ca_country_name_missing $N/ca-no-cn-c.pem
EOF2

# the negative cases: every rule of the group quiet on well-made
# certificates (an OV leaf with a wildcard and an IP address, one of 2022
# without commonName, an intermediate), but for BR 2.0's two NOT
# RECOMMENDED, which the 2024 leaf has (a commonName, a
# subjectKeyIdentifier: openssl ca adds one)
ids=$(sed -n 's/^	{ *"\([a-z0-9_]*\)".*/\1/p; s/^	    *"\([a-z0-9_]*\)",$/\1/p' \
    "$TOP/common/lint/cabf_names.c" | grep -v \
    -e '^w_subject_common_name_included$' \
    -e '^w_ext_subject_key_identifier_not_recommended_subscriber$' |
    paste -sd, -)
t ok-names-clean 0 "cert-lint --only $ids $N/ok-ov.pem $N/ok-ov-no-cn-2022.pem $N/ok-ca.pem" '' ''
# ... and the list is the group, not a few of its rules
ok ok-names-clean-list-whole "echo '$ids' | tr , '\n' | wc -l | awk '\$1 < 60 { exit 1 }'"
t ok-names-2024-leaf-warnings 0 "cert-lint --only $ids,w_subject_common_name_included,w_ext_subject_key_identifier_not_recommended_subscriber $N/ok-ov.pem | cut -d' ' -f3" \
    'w_subject_common_name_included:
w_ext_subject_key_identifier_not_recommended_subscriber:' ''
# rules by the date: underscores of 2024 are not the pre-1.6.2 rule's, a
# 19-day certificate in SC12's window is short enough, an underscore
# that is a valid label as a hyphen is allowed then; no commonName in
# 2024, the notice of a commonName is BR 2.0's warning from 2023-09-15
t ok-names-underscore-2024 0 "cert-lint --only e_no_underscores_before_1_6_2,e_underscore_present_with_too_long_validity,e_underscore_permissible_in_dnsname_if_valid_when_replaced $N/bad-dns.pem" '' ''
t ok-names-underscore-short 0 "cert-lint --only e_underscore_present_with_too_long_validity $N/us-window-bad-label.pem" '' ''
t ok-names-underscore-replaceable 0 "cert-lint --only e_underscore_permissible_in_dnsname_if_valid_when_replaced $N/us-window-long.pem" '' ''
t ok-names-no-cn-2024 0 "cert-lint --only w_subject_common_name_included,n_subject_common_name_included $N/bad-dns.pem $N/ok-ov.pem | cut -d' ' -f1,3" \
    "$N/ok-ov.pem:2: w_subject_common_name_included:" ''
t no-names-aia-internal-words 0 "cert-lint --only w_sub_cert_aia_contains_internal_names $N/bad-idn-aia.pem | cut -d' ' -f3-" \
    'w_sub_cert_aia_contains_internal_names: the authorityInfoAccess URL "http://ca/ca.crt" names an internal host (CA/B BR 7.1.2.7.7)
w_sub_cert_aia_contains_internal_names: the authorityInfoAccess URL "http://user@ocsp.corp.internal:8080/" names an internal host (CA/B BR 7.1.2.7.7)' ''
# --at before SC47 (2022-09-01): the OU rule is not yet in force
t ok-names-ou-at-2022 0 "cert-lint --at 2022-01-01 --only e_organizational_unit_name_prohibited $N/ou-no-o.pem" '' ''

# the words of the findings
t no-names-reserved-ip-words 1 "cert-lint --only e_ext_san_contains_reserved_ip,e_subject_contains_reserved_ip $N/bad-san-subject.pem" \
    "$N/bad-san-subject.pem:1: error: e_ext_san_contains_reserved_ip: the subjectAltName has the reserved IP address 10.0.0.1 (CA/B BR 7.1.4.2.1)
$N/bad-san-subject.pem:1: error: e_subject_contains_reserved_ip: the commonName has the reserved IP address 10.0.0.2 (CA/B BR 7.1.4.2.1)" ''
t no-names-nul-shown-escaped 1 "cert-lint --only e_san_dns_name_includes_null_char $N/bad-der-names.pem" \
    "$N/bad-der-names.pem:1: error: e_san_dns_name_includes_null_char: the DNS name \"a\\x00b.example.com\" has a NUL character (community certlint)" ''
t ok-names-list-row 0 "cert-lint -L | grep '^e_ext_san_missing	'" \
    "e_ext_san_missing	error	CA/B BR	7.1.4.2.1	2012-07-01" ''
# an IPv6 commonName as RFC 5952 writes it is exactly the SAN's address;
# zlint's case in another form is not (BR 7.1.4.3)
t no-names-cn-ipv6-form 1 "cert-lint --only e_subject_common_name_not_exactly_from_san,e_subject_common_name_not_from_san $Z/SANIPv6AddressChoiceInAbbreviationInvalid.pem >f; s=\$?; cut -d' ' -f3- f; exit \$s" \
    'e_subject_common_name_not_exactly_from_san: the commonName "2001:db8:0:0:1:0:0:1" is not exactly one of the subjectAltName'"'"'s values (CA/B BR 7.1.4.2.2)' ''
