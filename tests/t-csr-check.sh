# csr-check (issue 3): a CSR checked as a CA would, every problem at once.

c() { printf 'csr-check: %s:1: %s' "$F/$1" "$2"; }
for f in csr-rsa.csr csr-ec.csr csr-legacy.csr csr-accent.csr; do
	t "ok-csr-$f" 0 "csr-check -o discard.out $F/$f" '' ''
done
t ok-csr-der 0 "csr-check -o discard.out $F/csr-rsa.csr.der" '' ''
t ok-csr-text 0 "csr-check $F/csr-ec.csr" \
"$F/csr-ec.csr:1: certificate request (block 1)
  subject:           CN=mail.example.com,C=DE
  subject alt name:  DNS:mail.example.com
  public key:        EC P-256 (256 bits)
  tlsa 3 1 1:        3 1 1 $(openssl req -in "$F/csr-ec.csr" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -c1-64)
  extensions:        subjectAltName
  signature:         ecdsa-with-SHA256 (verifies)
  verdict:           acceptable (tls profile)" ''
t ok-csr-bare-base64-pasted 0 "sed '1d;\$d' $F/csr-rsa.csr | csr-check -o discard.out" '' ''
t no-csr-ed25519-tls 1 "csr-check -o discard.out $F/csr-ed25519.csr" '' \
    "$(c csr-ed25519.csr 'ED25519 keys are not accepted for TLS server certificates: use RSA (2048 bits or more) or EC P-256')"
t no-csr-rsa1024 1 "csr-check -o discard.out $F/csr-rsa1024.csr" '' \
    "$(c csr-rsa1024.csr 'RSA key of 1024 bits is too short: make a new key of at least 2048 bits')"
t ok-csr-min-rsa-bits 0 "csr-check -o discard.out -b 1024 $F/csr-rsa1024.csr" '' ''
t no-csr-sha1 1 "csr-check -o discard.out $F/csr-sha1.csr" '' \
    "$(c csr-sha1.csr 'signed with SHA1: make the request with SHA-256 (openssl req -sha256)')"
t no-csr-country-xx 1 "csr-check -o discard.out $F/csr-xx.csr" '' \
    "$(c csr-xx.csr 'C=XX is not an ISO 3166-1 two-letter country code: use one such as HU, DE, GB or US')"
t no-csr-country-hun 1 "csr-check -o discard.out $F/csr-hun.csr" '' \
    "$(c csr-hun.csr 'C=HUN is not an ISO 3166-1 two-letter country code: use one such as HU, DE, GB or US')"
t ok-csr-country-hun-signature-good 0 "openssl req -in $F/csr-hun.csr -verify -noout" '' \
    'Certificate request self-signature verify OK'
# a CN-only request (IceWarp's and Kerio's wizards, openssl req -subj): a
# warning, since NetLock, Certum and TWCA add the CN as the SAN; a
# rejection with --require-san, and under --strict exit 1
t ok-csr-cn-only-warning 0 "csr-check -o discard.out $F/csr-nosan.csr" '' \
    "csr-check: $F/csr-nosan.csr:1: warning: no subjectAltName, only CN=www.example.com: most CAs add the CN as the DNS name (--require-san refuses this)"
t no-csr-cn-only-require-san 1 "csr-check -o discard.out --require-san $F/csr-nosan.csr" '' \
    "$(c csr-nosan.csr "no DNS name in a subjectAltName: add the server's names (openssl req -addext subjectAltName=DNS:...)")"
t no-csr-cn-only-strict 1 "csr-check -o discard.out -s $F/csr-nosan.csr" '' \
    "csr-check: $F/csr-nosan.csr:1: warning: no subjectAltName, only CN=www.example.com: most CAs add the CN as the DNS name (--require-san refuses this)"
t no-csr-cn-not-in-san 1 "csr-check -o discard.out $F/csr-cn-not-in-san.csr" '' \
    "$(c csr-cn-not-in-san.csr 'CN=www.example.com is not among the DNS names: add it to the subjectAltName')"
t no-csr-bad-wildcard 1 "csr-check -o discard.out $F/csr-badwild.csr" '' \
    "$(c csr-badwild.csr 'CN=foo.*.example.com is not a host name (a wildcard may only be the whole leftmost label)')"
t no-csr-duplicate-san 1 "csr-check -o discard.out $F/csr-dupsan.csr" '' \
    "$(c csr-dupsan.csr 'duplicate subjectAltName DNS:WWW.example.com: list each name once')"
t no-csr-tampered-signature 1 "csr-check -o discard.out $F/csr-tampered.csr.der" '' \
    "csr-check: $F/csr-tampered.csr.der: the signature does not verify: the request was altered, or not signed by its key; make it again"
t no-csr-ascii 1 "csr-check -o discard.out --ascii $F/csr-accent.csr" '' \
    "$(c csr-accent.csr 'L holds characters outside printable ASCII: write it in English letters')"
t no-csr-require 1 "csr-check -o discard.out -r C,ST,L,O,CN $F/csr-rsa.csr" '' \
    "$(c csr-rsa.csr 'the subject has no ST: add it')
$(c csr-rsa.csr 'the subject has no L: add it')"
t ok-csr-host 0 "csr-check -o discard.out -H www.example.com -H EXAMPLE.com $F/csr-rsa.csr" '' ''
t no-csr-host 1 "csr-check -o discard.out -H mail.example.com $F/csr-rsa.csr" '' \
    "$(c csr-rsa.csr 'does not cover mail.example.com: add it to the subjectAltName')"
t ok-csr-key-matches 0 "csr-check -o discard.out -k $F/leaf.key $F/csr-rsa.csr" '' ''
t no-csr-key-differs 1 "csr-check -o discard.out -k $F/wild.key $F/csr-rsa.csr" '' \
    "$(c csr-rsa.csr "its key is not the key of $F/wild.key")"
t no-csr-reused-key-at-renewal 1 "csr-check -o discard.out --not-key $F/leaf.pem $F/csr-rsa.csr" '' \
    "$(c csr-rsa.csr "it reuses the key of $F/leaf.pem: make a new key for the new certificate")"
t ok-csr-new-key-at-renewal 0 "csr-check -o discard.out -K $F/leaf.pem $F/csr-ec.csr" '' ''
t ok-csr-smime 0 "csr-check -o discard.out -P smime $F/csr-smime.csr" '' ''
t ok-csr-smime-ed25519 0 "csr-check -o discard.out --profile smime $F/csr-smime-ed25519.csr" '' ''
t no-csr-smime-without-email 1 "csr-check -o discard.out -P smime $F/csr-rsa.csr" '' \
    "$(c csr-rsa.csr 'no e-mail address in a subjectAltName: add it (openssl req -addext subjectAltName=email:...)')"
t no-csr-all-problems-at-once 1 "csr-check -o discard.out -P tls $F/csr-smime-ed25519.csr" '' \
    "$(c csr-smime-ed25519.csr 'ED25519 keys are not accepted for TLS server certificates: use RSA (2048 bits or more) or EC P-256')
$(c csr-smime-ed25519.csr 'CN=Alice Example is not a host name')
$(c csr-smime-ed25519.csr "no DNS name in a subjectAltName: add the server's names (openssl req -addext subjectAltName=DNS:...)")
$(c csr-smime-ed25519.csr 'the subjectAltName has an rfc822Name (e_ext_san_rfc822_name_present, CA/B BR 7.1.4.2.1)')"
t ok-csr-json 0 "csr-check --json $F/csr-xx.csr 2>/dev/null | jq -c '[.type, .profile, .signature_valid, .key, .problems]'" \
    '["csr","tls",true,{"type":"RSA","bits":2048,"curve":null},[{"severity":"rejection","message":"C=XX is not an ISO 3166-1 two-letter country code: use one such as HU, DE, GB or US"}]]' ''
t trouble-csr-none 2 "csr-check $F/leaf.pem" '' \
    "csr-check: no certificate request in the input"
t trouble-csr-bad-profile 2 "csr-check -P ev $F/csr-rsa.csr" '' '*'
# the corpus's CSRs: the signature verdict agrees with OpenSSL's in
# MANIFEST.tsv, for every CSR it judged (the counts prove none was missed)
t ok-csr-corpus-signatures-ok 0 \
    "awk -F'\t' '\$2 == \"csr\" && \$4 ~ /signature ok/ { print \"$C/\" \$1 }' $C/MANIFEST.tsv | while read -r f; do csr-check --json \"\$f\" 2>/dev/null | jq -r .signature_valid; done | sort | uniq -c | sed 's/^ *//'" \
    "$(awk -F'\t' '$2 == "csr" && $4 ~ /signature ok/' "$C/MANIFEST.tsv" 2>/dev/null | wc -l) true" ''
t ok-csr-corpus-signatures-invalid 0 \
    "awk -F'\t' '\$2 == \"csr\" && \$4 ~ /signature INVALID/ { print \"$C/\" \$1 }' $C/MANIFEST.tsv | while read -r f; do csr-check --json \"\$f\" 2>/dev/null | jq -r .signature_valid; done | sort | uniq -c | sed 's/^ *//'" \
    "$(awk -F'\t' '$2 == "csr" && $4 ~ /signature INVALID/' "$C/MANIFEST.tsv" 2>/dev/null | wc -l) false" ''

# issue 22's rough edges, on requests made here with openssl req: an IP
# address as the CN when the SAN lists it (BR 7.1.4.3), a trailing dot
# refused with the reason, an internationalised name's A-label, the
# wildcard hint only for a '*', a subject written backwards, an unknown
# attribute by its OID
mkdir -p "$O/csr22"
rq() {
	_n=$1 _s=$2
	shift 2
	openssl req -new -key "$F/leaf.key" -utf8 -subj "$_s" \
	    -out "$O/csr22/$_n.csr" "$@" 2>/dev/null
}
# public addresses: a documentation one (RFC 5737, 3849) is reserved,
# which a public CA refuses (BR 7.1.4.2.1; the case after these)
rq ip4 "/C=HU/CN=8.8.8.8" -addext "subjectAltName=IP:8.8.8.8"
rq ip6 "/C=HU/CN=2001:4860:4860::8888" \
    -addext "subjectAltName=IP:2001:4860:4860::8888"
rq ip-other "/C=HU/CN=8.8.8.8" -addext "subjectAltName=IP:8.8.4.4"
rq ip-reserved "/C=HU/CN=192.0.2.1" -addext "subjectAltName=IP:192.0.2.1"
rq ip-nosan "/C=HU/CN=192.0.2.1"
rq dot-cn "/C=HU/CN=www.example.com." -addext "subjectAltName=DNS:www.example.com."
rq dot-san "/C=HU/CN=www.example.com" \
    -addext "subjectAltName=DNS:www.example.com,DNS:mail.example.com."
rq idn "/C=HU/CN=példa.hu" -addext "subjectAltName=DNS:xn--plda-bpa.hu"
rq idn-san "/C=HU/CN=xn--plda-bpa.hu" \
    -addext "subjectAltName=DNS:xn--plda-bpa.hu,DNS:www.példa.hu"
rq idn-wild "/C=HU/CN=*.példa.hu" -addext "subjectAltName=DNS:xn--plda-bpa.hu"
rq space "/C=HU/CN=www example.com" -addext "subjectAltName=DNS:www.example.com"
rq reversed "/CN=www.example.com/O=pemkit test/L=Győr/C=HU" \
    -addext "subjectAltName=DNS:www.example.com"
printf '%s\n' 'oid_section = o' '[o]' 'myattr = 1.2.3.4' 'myreq = 1.2.3.5' \
    '[req]' 'distinguished_name = dn' 'attributes = att' 'prompt = no' \
    '[dn]' 'C = HU' 'myattr = foo' 'CN = www.example.com' '[att]' \
    'myreq = hello' >"$O/csr22/unknown.cnf"
openssl req -new -key "$F/leaf.key" -config "$O/csr22/unknown.cnf" \
    -addext "subjectAltName=DNS:www.example.com" -out "$O/csr22/unknown.csr"
c22() { printf 'csr-check: csr22/%s.csr:1: %s' "$1" "$2"; }
t ok-csr-cn-ipv4-in-san 0 "csr-check -o discard.out csr22/ip4.csr" '' ''
t ok-csr-cn-ipv6-in-san 0 "csr-check -o discard.out csr22/ip6.csr" '' ''
t no-csr-cn-ip-not-in-san 1 "csr-check -o discard.out csr22/ip-other.csr" '' \
    "$(c22 ip-other 'CN=8.8.8.8 is not among the IP addresses: add it to the subjectAltName (IP:8.8.8.8)')"
# cert-lint's rules that judge a request (its table's LR_REQ rows), in
# csr-check's form: a reserved address, an RSA exponent of 3
t no-csr-lint-reserved-ip 1 "csr-check -o discard.out csr22/ip-reserved.csr" '' \
    "$(c22 ip-reserved 'the subjectAltName has the reserved IP address 192.0.2.1 (e_ext_san_contains_reserved_ip, CA/B BR 7.1.4.2.1)')"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
    -pkeyopt rsa_keygen_pubexp:3 -out "$O/csr22/e3.key" 2>/dev/null
openssl req -new -key "$O/csr22/e3.key" -subj /C=HU/CN=www.example.com \
    -addext "subjectAltName=DNS:www.example.com" -out "$O/csr22/e3.csr"
# (BR 6.1.6: an odd exponent of at least 3, SHOULD be from 2^16+1: a
# warning, exit 0 unless --strict)
t ok-csr-lint-rsa-exponent-3-warning 0 "csr-check -o discard.out csr22/e3.csr" '' \
    "$(c22 e3 'warning: the RSA public exponent is not between 2^16+1 and 2^256-1 (w_rsa_public_exponent_not_in_range, CA/B BR 6.1.6)')"
t no-csr-lint-rsa-exponent-3-strict 1 "csr-check -s -o discard.out csr22/e3.csr" '' \
    "$(c22 e3 'warning: the RSA public exponent is not between 2^16+1 and 2^256-1 (w_rsa_public_exponent_not_in_range, CA/B BR 6.1.6)')"
# ... and not twice what csr-check says in its own words (the key size)
t ok-csr-lint-own-words-once 0 "csr-check -o discard.out $F/csr-rsa1024.csr 2>&1 | grep -c 'too short\\|2048_bits'" '1' ''
t no-csr-cn-ip-without-san 1 "csr-check -o discard.out csr22/ip-nosan.csr" '' \
    "$(c22 ip-nosan 'no subjectAltName: the address CN=192.0.2.1 goes into it as an iPAddress (openssl req -addext subjectAltName=IP:192.0.2.1)')"
t no-csr-cn-trailing-dot 1 "csr-check -o discard.out csr22/dot-cn.csr" '' \
    "$(c22 dot-cn 'CN=www.example.com. ends with a dot: write it without, www.example.com (RFC 5280 section 4.2.1.6)')"
t no-csr-san-trailing-dot 1 "csr-check -o discard.out csr22/dot-san.csr" '' \
    "$(c22 dot-san 'DNS:mail.example.com. ends with a dot: write it without, mail.example.com (RFC 5280 section 4.2.1.6)')"
t no-csr-cn-idn-a-label 1 "csr-check -o discard.out csr22/idn.csr" '' \
    "$(c22 idn 'CN=példa.hu is an internationalised name: use its A-label, xn--plda-bpa.hu (RFC 5890)')"
t no-csr-san-idn-a-label 1 "csr-check -o discard.out csr22/idn-san.csr" '' \
    "$(c22 idn-san 'DNS:www.példa.hu is an internationalised name: use its A-label, www.xn--plda-bpa.hu (RFC 5890)')"
t no-csr-cn-idn-wildcard-a-label 1 "csr-check -o discard.out csr22/idn-wild.csr" '' \
    "$(c22 idn-wild 'CN=*.példa.hu is an internationalised name: use its A-label, *.xn--plda-bpa.hu (RFC 5890)')"
t no-csr-cn-no-wildcard-hint-without-star 1 "csr-check -o discard.out csr22/space.csr" '' \
    "$(c22 space 'CN=www example.com is not a host name')"
t ok-csr-subject-reversed-warning 0 "csr-check -o discard.out csr22/reversed.csr" '' \
    "csr-check: csr22/reversed.csr:1: warning: the subject is in reversed order, CN first and C last: did you mean /C=HU/L=Győr/O=pemkit test/CN=www.example.com?"
t ok-csr-unknown-attributes-by-oid 0 "csr-check -o discard.out csr22/unknown.csr" '' \
    "csr-check: csr22/unknown.csr:1: warning: the subject's attribute 1.2.3.4 is one the CA will not know: it will drop it or refuse the request
csr-check: csr22/unknown.csr:1: warning: a 1.2.3.5 attribute: CAs ignore it"
