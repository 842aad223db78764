#!/bin/sh
# examples/testca/testca.sh: a small test CA that plays the CA's role in
# the examples, the demo and the tests.  Never use it for anything real.
#
#   testca.sh init DIR               root and intermediate (EC P-256) in DIR
#   testca.sh issue DIR CSR DAYS     a server certificate for CSR, valid
#                                    DAYS days from now, PEM on stdout;
#                                    the names come from the CSR
#   testca.sh ship DIR OUTDIR        what a CA sends besides the
#                                    certificate: intermediate.p7b (DER
#                                    PKCS#7) and root.crt (PEM)
set -eu
cmd=${1-}
dir=${2-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '3,13p' "$0" >&2; exit 2; }
ext() {
	cat <<CNF
[ root ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ inter ]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = caIssuers;URI:http://testca.invalid/intermediate.cer
[ server_rsa ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = caIssuers;URI:http://testca.invalid/intermediate.cer
CNF
}
case $cmd in
init)
	mkdir -p "$dir"
	ext >"$dir/ext.cnf"
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	    -out "$dir/root.key" 2>/dev/null
	openssl req -new -x509 -key "$dir/root.key" -days 3650 \
	    -subj "/C=HU/O=pemkit Test CA/CN=pemkit Test CA Root" \
	    -config "$dir/ext.cnf" -extensions root -out "$dir/root.pem" \
	    2>/dev/null
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	    -out "$dir/inter.key" 2>/dev/null
	openssl req -new -key "$dir/inter.key" \
	    -subj "/C=HU/O=pemkit Test CA/CN=pemkit Test CA Issuing 1" |
	openssl x509 -req -CA "$dir/root.pem" -CAkey "$dir/root.key" \
	    -CAcreateserial -days 1825 -extfile "$dir/ext.cnf" \
	    -extensions inter -out "$dir/inter.pem" 2>/dev/null
	chmod 600 "$dir/root.key" "$dir/inter.key"
	;;
issue)
	csr=$3
	days=$4
	# keyEncipherment for an RSA key only: an EC or EdDSA key cannot
	# encipher (RFC 8813 section 3, RFC 8410 section 5)
	prof=server
	openssl req -in "$csr" -noout -text 2>/dev/null |
	    grep -q 'Public Key Algorithm: rsaEncryption' && prof=server_rsa
	ext >"$dir/ext.cnf"
	openssl x509 -req -in "$csr" -CA "$dir/inter.pem" \
	    -CAkey "$dir/inter.key" -CAserial "$dir/inter.srl" \
	    -CAcreateserial -days "$days" -copy_extensions copyall \
	    -extfile "$dir/ext.cnf" -extensions "$prof" 2>/dev/null
	;;
ship)
	out=$3
	mkdir -p "$out"
	openssl crl2pkcs7 -nocrl -certfile "$dir/inter.pem" -outform DER \
	    -out "$out/intermediate.p7b"
	cp "$dir/root.pem" "$out/root.crt"
	;;
*)
	sed -n '3,13p' "$0" >&2
	exit 2
	;;
esac
