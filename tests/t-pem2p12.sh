# pem2p12 and PKCS#12 input: made in both forms, read back by OpenSSL,
# cert-info and key-match; a round trip; refusals.

P="$O/p12"
mkdir -p "$P"
t ok-p12-modern 0 "umask 022; pem2p12 -W pass:pw -o p12/m.p12 $F/root.pem $F/chain.pem $F/leaf.key && stat -c %a p12/m.p12 &&
	openssl pkcs12 -in p12/m.p12 -info -noout -passin pass:pw 2>&1 | grep -e MAC: -e Shrouded -e 'Encrypted data'" \
    "600
MAC: sha256, Iteration 2048
PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256
Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256" ''
t ok-p12-modern-contents 0 "openssl pkcs12 -in p12/m.p12 -passin pass:pw -nokeys | grep -e '^subject' -e friendlyName" \
    "    friendlyName: www.example.com
subject=C = HU, O = pemkit test, CN = www.example.com
    friendlyName: pemkit Test Intermediate
subject=C = HU, O = pemkit test, CN = pemkit Test Intermediate" ''
t ok-p12-legacy 0 "pem2p12 --legacy -N 'www 2026' --passout pass:pw $F/leaf.key $F/chain.pem >p12/l.p12 &&
	openssl pkcs12 -legacy -in p12/l.p12 -info -noout -passin pass:pw 2>&1 | grep -e MAC: -e 'Encrypted data' -e Shrouded" \
    "MAC: sha1, Iteration 2048
PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC, Iteration 2048
Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048" ''
t ok-p12-legacy-name 0 "openssl pkcs12 -legacy -in p12/l.p12 -passin pass:pw -nokeys | grep -m 1 friendlyName" \
    "    friendlyName: www 2026" ''
t ok-p12-root-with-r 0 "pem2p12 -r -W pass: $F/chain.pem $F/leaf.key >p12/r.p12 && openssl pkcs12 -in p12/r.p12 -passin pass: -nokeys | grep -c '^subject'" \
    3 "pem2p12: warning: --passout: an empty passphrase: whoever has the file has the key"
# read back by pemkit: the modern and legacy files of OpenSSL and ours
t ok-p12-cert-info-openssl-modern 0 "cert-info -w pass:secret -f '%{subject.CN}' $F/leaf.p12" \
    "www.example.com
pemkit Test Intermediate" ''
t ok-p12-cert-info-openssl-legacy 0 "cert-info -v -w pass:secret -f '%{subject.CN}' $F/leaf-legacy.p12" \
    "www.example.com
pemkit Test Intermediate" \
    "cert-info: $F/leaf-legacy.p12: note: PKCS#12 file opened with OpenSSL's legacy provider (RC2 or 3DES)"
t ok-p12-key-match-ours 0 "key-match -w pass:pw p12/m.p12 && key-match -w pass:pw p12/l.p12 $F/leaf.csr" '' ''
cat "$F/leaf.pem" "$F/inter.pem" >"$P/chain.pem"
t ok-p12-chain-order-input 0 "chain-order -w pass:pw -C $F/root.pem p12/m.p12" "@$P/chain.pem" ''
# round trip: OpenSSL's legacy file -> pem2p12 -> OpenSSL reads the key
t ok-p12-round-trip 0 "pem2p12 -w pass:secret -W pass:new $F/leaf-legacy.p12 >p12/rt.p12 &&
	openssl pkcs12 -in p12/rt.p12 -passin pass:new -nocerts -nodes | openssl pkey | cmp - $F/leaf.key" '' ''
t ok-p12-split-to-pem 0 "pem2p12 -W pass:x $F/leaf.key $F/leaf.der $F/inter.pem | key-match -w pass:x - $F/leaf.pem" '' ''
# refusals
t no-p12-wrong-key 1 "pem2p12 -W pass:pw -o p12/w.p12 $F/chains/leaf.key $F/chain.pem; r=\$?; ls p12/w.p12 2>&1; exit \$r" \
    "ls: cannot access 'p12/w.p12': No such file or directory" \
    "pem2p12: no certificate in the input carries the private key"
t trouble-p12-no-passout 2 "pem2p12 $F/leaf.key $F/leaf.pem 2>&1 | head -n 1; exit 2" \
    "pem2p12: give the passphrase of the PKCS#12 file with --passout (env:VAR or file:PATH; pass: for an empty one)" ''
t trouble-p12-no-key 2 "pem2p12 -W pass:x $F/chain.pem" '' "pem2p12: no private key in the input"
t trouble-p12-two-keys 2 "pem2p12 -W pass:x $F/leaf.key $F/inter.key $F/chain.pem" '' \
    "pem2p12: $F/inter.key:1: a second private key: pem2p12 takes one"
t trouble-p12-terminal 0 "timeout 10 script -qec 'pem2p12 -W pass:x $F/leaf.key $F/leaf.pem; echo rc=\$?' /dev/null | grep -o -e 'a PKCS#12 file is binary: give -o FILE' -e 'rc=[0-9]'" \
    "a PKCS#12 file is binary: give -o FILE
rc=2" ''
t trouble-p12-wrong-passin 2 "pem2p12 -w pass:nope -W pass:x $F/leaf.p12 >/dev/null" '' \
    "pem2p12: $F/leaf.p12: wrong passphrase for the PKCS#12 file"

# PKCS#12 input in every filter that reads keys or certificates (-w)
cat "$F/leaf.key" "$F/leaf.pem" "$F/inter.pem" >"$P/members.pem"
t ok-p12-pem-split-members 0 "pem-split -w pass:secret $F/leaf.p12" "@$P/members.pem" ''
t ok-p12-pem-split-legacy-files 0 "umask 022; mkdir -p p12/m && pem-split -w pass:secret -p 'p12/m/%n-%t.pem' $F/leaf-legacy.p12 >/dev/null 2>&1 && stat -c '%a %n' p12/m/*" \
    "600 p12/m/1.1-key.pem
644 p12/m/1.2-cert.pem
644 p12/m/1.3-cert.pem" ''
t ok-p12-pem-split-passthrough 0 "pem-split $F/leaf.p12 | head -n 1" "-----BEGIN PKCS12-----" ''
t ok-p12-pem-join-dedup 0 "PW=secret pem-join -K -w env:PW $F/chain.pem $F/leaf.p12 | grep -- '-----BEGIN' | uniq -c | tr -s ' '" \
    " 2 -----BEGIN CERTIFICATE-----
 1 -----BEGIN PRIVATE KEY-----" \
    "pem-join: warning: the root $F/chain.pem:31 (CN=pemkit Test Root,O=pemkit test,C=HU) is left out: a server does not send it"
t ok-p12-pem2der-key 0 "pem2der -t key -w pass:secret $F/leaf.p12 | openssl pkey -inform DER | cmp - $F/leaf.key" '' ''
t ok-p12-csr-check-key 0 "csr-check -w pass:secret -k $F/leaf.p12 $F/csr-rsa.csr >/dev/null" '' ''
t no-p12-csr-check-not-key 1 "csr-check -w pass:secret -K $F/leaf.p12 $F/csr-rsa.csr >/dev/null 2>&1" '' ''
t ok-p12-csr-check-encrypted-key 0 "csr-check -w pass:secret -k $F/leaf.enc.key $F/csr-rsa.csr >/dev/null" '' ''
t trouble-p12-pem-split-wrong-passin 2 "pem-split -w pass:nope $F/leaf.p12" '' \
    "pem-split: $F/leaf.p12: wrong passphrase for the PKCS#12 file"

# the bag attributes the consumers need (issue 13): a friendlyName on
# every certificate, the CA's its CN (Java's aliases() skips a CA
# certificate without one); a localKeyID on the leaf and its key only
# (Apple refuses a file where every certificate has one); both modes
for m in modern legacy; do
	L= OL=
	[ $m = legacy ] && L=-L OL=-legacy
	t "ok-p12-bag-attributes-$m" 0 "pem2p12 $L -r -W pass:pw -o p12/bags-$m.p12 \
	    $F/leaf.key $F/chain.pem && openssl pkcs12 $OL -in p12/bags-$m.p12 \
	    -passin pass:pw -info 2>&1 -nodes | grep -e Bag -e friendlyName \
	    -e localKeyID -e '^subject' | sed 's/localKeyID: .*/localKeyID: ID/'" \
	    "Bag Attributes
    localKeyID: ID
    friendlyName: www.example.com
subject=C = HU, O = pemkit test, CN = www.example.com
Bag Attributes
    friendlyName: pemkit Test Intermediate
subject=C = HU, O = pemkit test, CN = pemkit Test Intermediate
Bag Attributes
    friendlyName: pemkit Test Root
subject=C = HU, O = pemkit test, CN = pemkit Test Root
Bag Attributes
    localKeyID: ID
    friendlyName: www.example.com" ''
	# Java's keytool: one PrivateKeyEntry, the whole chain, the alias
	t "ok-p12-keytool-$m" 0 "keytool -list -v -storetype PKCS12 \
	    -keystore p12/bags-$m.p12 -storepass pw 2>&1 |
	    grep -e 'Your keystore' -e '^Alias' -e '^Entry type' \
	    -e '^Certificate chain length' -e '^Owner'" \
	    "Your keystore contains 1 entry
Alias name: www.example.com
Entry type: PrivateKeyEntry
Certificate chain length: 3
Owner: CN=www.example.com, O=pemkit test, C=HU
Owner: CN=pemkit Test Intermediate, O=pemkit test, C=HU
Owner: CN=pemkit Test Root, O=pemkit test, C=HU" ''
done

# issue 27: --truststore, a Java truststore: the CA certificates as
# trustedCertEntry (Java's trusted-key-usage attribute), a friendlyName
# each (a second with the same CN numbered), no key; a leaf and a key
# in the input are left out with a warning
TSIN="$F/root.pem $F/inter.pem $F/leaf.pem $F/leaf.key $F/pki/ca1.pem $F/pki/ca1-future.pem"
t ok-p12-truststore-warnings 0 "pem2p12 -T --passout pass:changeit -o ts.p12 $TSIN" '' \
    "pem2p12: warning: the private key is left out: a truststore holds no key
pem2p12: warning: $F/leaf.pem:1: not a CA certificate: left out of the truststore"
t ok-p12-truststore-keytool 0 "keytool -list -v -storetype PKCS12 -keystore ts.p12 -storepass changeit 2>&1 |
    grep -e 'Your keystore' -e '^Alias' -e '^Entry type' -e '^Owner'" \
    "Your keystore contains 4 entries
Alias name: pemkit pki ca 1
Entry type: trustedCertEntry
Owner: O=pemkit PKI, CN=pemkit PKI CA 1
Alias name: pemkit pki ca 1 2
Entry type: trustedCertEntry
Owner: O=pemkit PKI, CN=pemkit PKI CA 1
Alias name: pemkit test intermediate
Entry type: trustedCertEntry
Owner: CN=pemkit Test Intermediate, O=pemkit test, C=HU
Alias name: pemkit test root
Entry type: trustedCertEntry
Owner: CN=pemkit Test Root, O=pemkit test, C=HU" ''
t ok-p12-truststore-bags 0 "openssl pkcs12 -in ts.p12 -passin pass:changeit -nodes 2>/dev/null |
    grep -e '^    ' -e BEGIN" \
    "    2.16.840.1.113894.746875.1.1: <Unsupported tag 6>
    friendlyName: pemkit Test Root
-----BEGIN CERTIFICATE-----
    2.16.840.1.113894.746875.1.1: <Unsupported tag 6>
    friendlyName: pemkit Test Intermediate
-----BEGIN CERTIFICATE-----
    2.16.840.1.113894.746875.1.1: <Unsupported tag 6>
    friendlyName: pemkit PKI CA 1
-----BEGIN CERTIFICATE-----
    2.16.840.1.113894.746875.1.1: <Unsupported tag 6>
    friendlyName: pemkit PKI CA 1 2
-----BEGIN CERTIFICATE-----" ''
t ok-p12-truststore-mac-and-cipher 0 "openssl pkcs12 -in ts.p12 -passin pass:changeit -info -noout 2>&1" \
    "MAC: sha256, Iteration 2048
MAC length: 32, salt length: 8
PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256
Certificate bag
Certificate bag
Certificate bag
Certificate bag" ''
# the control: the same certificates without --truststore are not
# trusted entries (Java lists none)
t ok-p12-truststore-control-plain-bags 0 "openssl pkcs12 -export -nokeys -in $F/root.pem -passout pass:changeit -out plain.p12 &&
    keytool -list -storetype PKCS12 -keystore plain.p12 -storepass changeit 2>&1 | grep -c trustedCertEntry; true" "0" ''
t no-p12-truststore-no-ca 1 "pem2p12 -T --passout pass:x -o none.p12 $F/leaf.pem; r=\$?; test -e none.p12 || echo absent; exit \$r" \
    absent "pem2p12: warning: $F/leaf.pem:1: not a CA certificate: left out of the truststore
pem2p12: no CA certificate in the input for the truststore"
t trouble-p12-truststore-with-name 2 "pem2p12 -T -N x --passout pass:x $F/root.pem" '' \
    "pem2p12: -N names the key's entry, and a truststore has none: each entry is named by its CN
usage: pem2p12 [-chLrsTVv] [-I N] [-N NAME] [-o FILE] [-W SOURCE] [-w SOURCE]
               [file ...]"

# more than 32 certificates could issue the leaf (CHAIN_MAX_ISSUERS): no
# chain was chosen, so no PFX with the leaf alone is written (exit 2)
P="$F/pki"
t trouble-p12-capped-chain 2 "pem2p12 -W pass:pw -o p12/crowd.p12 $P/crowd-leaf.key $P/crowd-leaf.pem $P/crowd.pem; r=\$?; test -e p12/crowd.p12 && echo written; exit \$r" '' \
    "pem2p12: more than 32 certificates named O=pemkit Crowd,CN=pemkit Crowd CA could issue the one at $P/crowd-leaf.pem:1 (key identifiers agree or are absent): stopped there, no chain chosen"
