# cert-lint's further RFC 5280 rules (common/lint/rfc5280b.c): the syntax
# of SAN and IAN names, the subject's attribute bounds and string types,
# explicitText, KU against EKU, URI name constraints, AIA, DER.
# zlint-expect.tsv's rows for them run in t-cert-lint.sh; here the own
# cases of the rules those rows leave without a positive or a negative
# one: fixtures of tests/fixtures/mk-lint-rfc5280b.sh, and corpus files
# whose breach was read against the section (openssl x509 -text,
# asn1parse).

B=$F/lint-5280b
Z=$C/zlint/v3/testdata

# the positive cases: each rule draws its finding on its file, and only
# it (--only); an error is exit 1, a warning exit 0
lint_own no-5280b -a 2100-01-01 <<EOF2
e_basic_constr_invalid_der $B/bad-der.pem
e_key_usage_incorrect_length $B/bad-der.pem
e_ext_ian_space_dns_name $B/bad-der.pem
e_ext_san_dns_name_too_long $B/bad-der.pem
e_ext_cert_policy_explicit_text_ia5_string $B/bad-der.pem
w_ext_cert_policy_explicit_text_not_utf8 $B/bad-der.pem
w_subject_surname_recommended_max_length $B/bad-der.pem
e_cert_ext_invalid_der $Z/SANDNSNameNotFQDN.pem
e_crl_revoked_certificates_field_must_be_empty $Z/crl_empty_revoked_certificates_ko.pem
e_ext_ian_uri_format_invalid $Z/IANBareSuffix.pem
e_ext_san_space_dns_name $Z/SANWithSpaceDNSBeginning.pem
e_ext_san_dns_not_ia5_string $Z/SANDNSNotIA5String.pem
e_international_dns_name_not_unicode $Z/idnMalformedUnicode.pem
e_rfc_dnsname_label_too_long $Z/dnsNameLabelTooLong.pem
e_subject_common_name_max_length $Z/subjectCommonNameLong.pem
e_subject_dn_country_not_printable_string $Z/SubjectDNCountryNotPrintableString.pem
e_subject_dn_not_printable_characters $Z/subjectDNNotPrintableCharacters.pem
e_subject_dn_serial_number_not_printable_string $Z/SubjectDNSerialNumberNotPrintableString.pem
e_subject_printable_string_badalpha $Z/subjectCommonNamePrintableStringBadAlpha.pem
w_ext_cert_policy_contains_noticeref $Z/withValidPoliciesRegardingAnyPolicy.pem
EOF2

# the negative cases: every rule of the group quiet on well-made
# certificates (a leaf with SAN and IAN names of each kind, every bounded
# subject attribute, a UTF8String explicitText; a CA with URI name
# constraints) and on a CRL with no revoked certificates
ids=$(sed -n 's/^	{ *"\([a-z0-9_]*\)".*/\1/p; s/^	    *"\([a-z0-9_]*\)",$/\1/p' \
    "$TOP/common/lint/rfc5280b.c" | paste -sd, -)
t ok-5280b-clean 0 "cert-lint -a 2100-01-01 --only $ids $B/ok-leaf.pem $B/ok-ca.pem $F/lint/crl-good.crl" '' ''
# ... and the list is the group, not a few of its rules
ok ok-5280b-clean-list-whole "echo '$ids' | tr , '\n' | wc -l | awk '\$1 < 52 { exit 1 }'"

# the words of a finding and its section
t no-5280b-ku-eku-text 1 "cert-lint -a 2100-01-01 --only e_key_usage_and_extended_key_usage_inconsistent $Z/kuEkuInconsistentMp.pem" \
    "$Z/kuEkuInconsistentMp.pem:1: error: e_key_usage_and_extended_key_usage_inconsistent: the key usage has a bit (0x10) that no purpose of the extended key usage is consistent with (RFC 5280 4.2.1.12)" ''
# a CA's keyCertSign is for its own role: KU against EKU judges leaves
t ok-5280b-ku-eku-ca 0 "cert-lint -a 2100-01-01 -p intermediate --only e_key_usage_and_extended_key_usage_inconsistent $Z/kuEkuInconsistentMp.pem" '' ''
# a URI without a scheme: relative, so no authority and no host to judge
t no-5280b-uri-relative-not-host 0 "cert-lint -a 2100-01-01 --only e_ext_san_uri_relative,e_ext_san_uri_host_not_fqdn_or_ip $Z/SANURIHostAsterisk.pem | cut -d' ' -f3" \
    "e_ext_san_uri_relative:" ''
# explicitText is read in the DER: a malformed noticeRef (OpenSSL refuses
# the extension) leaves the text to judge; two policies, a notice each
t no-5280b-explicit-text-long 1 "cert-lint -a 2100-01-01 --only e_ext_cert_policy_explicit_text_too_long $Z/explicitText200Char.pem" \
    "$Z/explicitText200Char.pem:1: error: e_ext_cert_policy_explicit_text_too_long: a user notice's explicitText is 227 characters long, more than 200 (RFC 6818 3)
$Z/explicitText200Char.pem:1: error: e_ext_cert_policy_explicit_text_too_long: a user notice's explicitText is 227 characters long, more than 200 (RFC 6818 3)" ''
