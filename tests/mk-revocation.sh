#!/bin/sh
# tests/mk-revocation.sh DIR: a small PKI for the revocation cases, made
# at test time with the openssl CLI (openssl ca keeps the CRL's dates
# relative to now):
#   root.pem, inter.pem (+ .key)   the CA; inter issues the leaves
#   good.pem, revoked.pem (+ .key) two leaves; revoked.pem is revoked
#                                  with reason keyCompromise
#   fresh.crl        inter's CRL listing revoked.pem, next update in 30.5
#                    days (half a day from a day boundary: stable days left)
#   fresh.crl.der    the same, DER
#   stale.crl        inter's CRL of 2020-01-01, next update 2020-02-01
#   other.crl        a CRL of another CA (its issuer is nowhere)
#   forged.crl       inter's name, signed by another key (fake-inter.pem)
#   root.crl         root's CRL, empty
#   delta.crl        inter's delta CRL (deltaCRLIndicator)
#   onlyca.crl, onlyuser.crl, reasons.crl, indirect.crl
#                    inter's CRLs whose issuingDistributionPoint says
#                    onlyContainsCACerts, onlyContainsUserCerts,
#                    onlySomeReasons, indirectCRL
#   crit.crl         inter's CRL with an unknown critical extension
#   future.crl       inter's CRL of 2040-01-01 (thisUpdate in the future)
#   root-onlyuser.crl  root's CRL for end-entity certificates only
#   index.txt        openssl ocsp's index of inter's certificates
set -eu
. "$(dirname "$0")/lib/ca.sh"
d=$1
NAME=x
export NAME
mkdir -p "$d"
cd "$d"
# ca ISSUER DIR: the configuration of CA ISSUER (ISSUER.pem, ISSUER.key)
# whose database is in DIR
ca() {
	ca_config "$2" 'commonName = supplied' "certificate = ./$1.pem
private_key = ./$1.key
default_days = 365
default_crl_days = 30"
	cat ext.cnf
}
cat >ext.cnf <<'EOF'
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:$ENV::NAME
[ crl_delta ]
2.5.29.27 = critical,DER:02:01:01
[ crl_onlyca ]
issuingDistributionPoint = critical,@idp_ca
[ idp_ca ]
onlyCA = TRUE
[ crl_onlyuser ]
issuingDistributionPoint = critical,@idp_user
[ idp_user ]
onlyuser = TRUE
[ crl_reasons ]
issuingDistributionPoint = critical,@idp_reasons
[ idp_reasons ]
onlysomereasons = keyCompromise
[ crl_indirect ]
issuingDistributionPoint = critical,@idp_indirect
[ idp_indirect ]
indirectCRL = TRUE
[ crl_crit ]
1.3.6.1.4.1.99999.1 = critical,ASN1:NULL
[ ocsp ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
EOF
ca inter . >ca.cnf
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
key root.key
openssl req -new -x509 -key root.key -days 3650 -subj "/CN=Revocation Test Root" \
    -config ca.cnf -extensions v3_ca -out root.pem 2>/dev/null
key inter.key
openssl req -new -key inter.key -subj "/CN=Revocation Test Inter" 2>/dev/null |
    openssl x509 -req -CA root.pem -CAkey root.key -CAcreateserial -days 3000 \
    -extfile ca.cnf -extensions v3_ca -out inter.pem 2>/dev/null
ca_init . 1000
for n in good revoked ocsp; do
	key $n.key
	ext=leaf
	[ $n = ocsp ] && ext=ocsp
	NAME=$n.example.com openssl req -new -key $n.key -subj "/CN=$n.example.com" \
	    -out $n.csr 2>/dev/null
	NAME=$n.example.com openssl ca -batch -config ca.cnf -extensions $ext \
	    -in $n.csr -out $n.tmp >/dev/null 2>&1
	openssl x509 -in $n.tmp -out $n.pem
	rm -f $n.tmp $n.csr
done
NAME=x openssl ca -batch -config ca.cnf -revoke revoked.pem \
    -crl_reason keyCompromise >/dev/null 2>&1
NAME=x openssl ca -batch -config ca.cnf -gencrl -crldays 30 -crlhours 12 \
    -out fresh.crl >/dev/null 2>&1
openssl crl -in fresh.crl -outform DER -out fresh.crl.der
NAME=x openssl ca -batch -config ca.cnf -gencrl \
    -crl_lastupdate 20200101000000Z -crl_nextupdate 20200201000000Z \
    -out stale.crl >/dev/null 2>&1
for e in delta onlyca onlyuser reasons indirect crit; do
	NAME=x openssl ca -batch -config ca.cnf -gencrl -crlexts crl_$e \
	    -out $e.crl >/dev/null 2>&1
done
NAME=x openssl ca -batch -config ca.cnf -gencrl \
    -crl_lastupdate 20400101000000Z -crl_nextupdate 20400201000000Z \
    -out future.crl >/dev/null 2>&1
# another CA's CRL: its issuer is in no input
key other.key
openssl req -new -x509 -key other.key -days 30 -subj "/CN=Some Other CA" \
    -out other.pem 2>/dev/null
mkdir -p other
ca_init ./other 01
ca other ./other >other.cnf
NAME=x openssl ca -batch -config other.cnf -gencrl -out other.crl >/dev/null 2>&1
# inter's name, another key's signature
key fake.key
openssl req -new -x509 -key fake.key -days 30 -subj "/CN=Revocation Test Inter" \
    -out fake-inter.pem 2>/dev/null
ca fake-inter . | sed 's#./fake-inter.key#./fake.key#' >forged.cnf
NAME=x openssl ca -batch -config forged.cnf -gencrl -out forged.crl >/dev/null 2>&1
# root's own CRL, empty
mkdir -p rootca
: >rootca/index.txt
echo 01 >rootca/crlnumber
sed -e 's#./index.txt#./rootca/index.txt#; s#./crlnumber#./rootca/crlnumber#' \
    -e 's#./inter.pem#./root.pem#; s#./inter.key#./root.key#' ca.cnf >root.cnf
NAME=x openssl ca -batch -config root.cnf -gencrl -out root.crl >/dev/null 2>&1
NAME=x openssl ca -batch -config root.cnf -gencrl -crlexts crl_onlyuser \
    -out root-onlyuser.crl >/dev/null 2>&1
