# cert-diff (issue 26, item 5): is the renewed certificate a drop-in
# replacement?  Renewals made by tests/fixtures/mk-diff.sh, from the
# leaf of a file or a bundle; exact text, JSON, exit status, messages.

d="$F/diff"
I1='O=pemkit Deploy,CN=pemkit Deploy Issuing CA 1'
OLD="old:           old.pem:1: CN=www.diff.example, serial 3001, 2025-01-01T00:00:00Z to 2026-01-31T00:00:00Z"

t ok-diff-renewal-drop-in 0 "cd $d && cert-diff old.pem same.pem" \
"$OLD
new:           same.pem:1: CN=www.diff.example, serial 3002, 2025-12-01T00:00:00Z to 2026-06-19T00:00:00Z
names:         the same
purposes:      the same
key:           new, RSA 2048 bits
issuer:        the same: $I1
lifetime:      395 days -> 200 days
drop-in:       yes" ''
# the leaves of a fullchain are compared, the CA beside them is not
t ok-diff-fullchains 0 "cd $d && cert-diff old-fullchain.pem same-fullchain.pem |
    sed -n '1,2p;\$p'" \
"old:           old-fullchain.pem:1: CN=www.diff.example, serial 3001, 2025-01-01T00:00:00Z to 2026-01-31T00:00:00Z
new:           same-fullchain.pem:1: CN=www.diff.example, serial 3002, 2025-12-01T00:00:00Z to 2026-06-19T00:00:00Z
drop-in:       yes" ''
t ok-diff-leaf-after-its-ca 0 "cd $d && cat ../pki/issuing1.pem same.pem >ca-first.pem &&
    cert-diff old.pem ca-first.pem | sed -n 2p" \
"new:           ca-first.pem:13: CN=www.diff.example, serial 3002, 2025-12-01T00:00:00Z to 2026-06-19T00:00:00Z" ''
rm -f "$d/ca-first.pem"
# what 2026 renewals do: clientAuth and a name gone, another CA, a new
# key type, a shorter lifetime, another policy, no must-staple
t no-diff-lost-name-and-clientauth 1 "cd $d && cert-diff old.pem lost.pem" \
"$OLD
new:           lost.pem:1: CN=www.diff.example, serial 3004, 2026-01-01T00:00:00Z to 2026-04-01T00:00:00Z
name lost:     DNS:mail.diff.example
purpose lost:  clientAuth
key:           new, RSA 2048 bits -> EC P-256 (256 bits)
issuer:        changed: $I1 -> O=pemkit Deploy,CN=pemkit Deploy Issuing CA 2 (a different chain to install)
lifetime:      395 days -> 90 days
policy lost:   2.23.140.1.2.1
policy added:  2.23.140.1.2.2
must-staple:   lost
drop-in:       no: 1 name lost, 1 purpose lost" \
"cert-diff: lost.pem:1: lost the name DNS:mail.diff.example of old.pem:1
cert-diff: lost.pem:1: lost the purpose clientAuth of old.pem:1"
# the other way round, everything lost is added
t ok-diff-gained-name-and-clientauth 0 "cd $d && cert-diff lost.pem old.pem | grep -e added -e must -e drop" \
"name added:    DNS:mail.diff.example
purpose added: clientAuth
policy added:  2.23.140.1.2.1
must-staple:   added
drop-in:       yes" ''
# a reused key is said; it is a failure only under --new-key
t ok-diff-key-reused 0 "cd $d && cert-diff old.pem reused.pem" \
"$OLD
new:           reused.pem:1: CN=www.diff.example, serial 3005, 2026-01-01T00:00:00Z to 2026-01-07T00:00:00Z
name added:    DNS:www2.diff.example
purposes:      the same
key:           reused, RSA 2048 bits
issuer:        the same: $I1
lifetime:      395 days -> 6 days
drop-in:       yes" ''
t no-diff-key-reused-new-key 1 "cd $d && cert-diff --new-key old.pem reused.pem >$O/k.txt;
    r=\$?; tail -n 1 $O/k.txt; exit \$r" \
"drop-in:       no: the key reused" \
"cert-diff: reused.pem:1: reuses the key of old.pem:1 (--new-key)"
t ok-diff-new-key-is-new 0 "cd $d && cert-diff -k old.pem same.pem | tail -n 1" \
"drop-in:       yes" ''
# no extendedKeyUsage: any purpose (RFC 5280 4.2.1.12)
t no-diff-eku-restricted 1 "cd $d && cert-diff noeku.pem old.pem >$O/e.txt;
    r=\$?; grep purpose $O/e.txt; exit \$r" \
"purpose lost:  anyExtendedKeyUsage
drop-in:       no: 1 purpose lost" \
"cert-diff: old.pem:1: lost the purpose anyExtendedKeyUsage of noeku.pem:1"
t ok-diff-eku-dropped 0 "cd $d && cert-diff old.pem noeku.pem | grep purpose" \
"purpose added: anyExtendedKeyUsage" ''
# a CN that moves into the subjectAltName is not lost
t ok-diff-cn-only-in-san 0 "cd $d && openssl req -x509 -new -subj /O=x -key a.key \
    -addext subjectAltName=DNS:www.diff.example,DNS:mail.diff.example \
    -addext extendedKeyUsage=serverAuth,clientAuth -days 1 -out $O/nocn.pem &&
    cert-diff old.pem $O/nocn.pem | grep -e name -e drop" \
"names:         the same
drop-in:       yes" ''

# JSON: one pemkit/1 object, the new leaf's place first
t ok-diff-json 1 "cd $d && cert-diff -j old.pem lost.pem 2>/dev/null >$O/j.txt;
    r=\$?; jq -c <$O/j.txt '
    [.schema, .source, .index, .line, .type, .old.serial, .new.serial,
    .old.lifetime, .new.lifetime, .old.key, .new.key, .old.must_staple,
    .new.must_staple, .names_lost, .names_added, .purposes_lost,
    .purposes_added, .key_reused, .key_changed, .issuer_changed,
    .policies_lost, .policies_added, .drop_in]'; exit \$r" \
'["pemkit/1","lost.pem",1,1,"cert-diff","3001","3004",34128000,7776000,{"type":"RSA","bits":2048,"curve":null},{"type":"EC","bits":256,"curve":"P-256"},true,false,["DNS:mail.diff.example"],[],["clientAuth"],[],false,true,true,["2.23.140.1.2.1"],["2.23.140.1.2.2"],false]'
t ok-diff-json-keys 0 "cd $d && cert-diff --json old.pem same.pem | jq -c '[keys_unsorted, (.old | keys_unsorted)]'" \
'[["schema","source","index","line","type","old","new","names_lost","names_added","purposes_lost","purposes_added","key_reused","key_changed","issuer_changed","policies_lost","policies_added","drop_in"],["source","index","line","subject","issuer","serial","not_before","not_after","lifetime","names","key","spki_sha256","must_staple","sha256"]]' ''
t ok-diff-json-names 0 "cd $d && cert-diff -j old.pem reused.pem | jq -c '[.new.names, .names_added, .key_reused, .drop_in]'" \
'[["DNS:www.diff.example","DNS:mail.diff.example","DNS:www2.diff.example","CN:www.diff.example"],["DNS:www2.diff.example"],true,true]' ''
t ok-diff-der-input 0 "cd $d && openssl x509 -in same.pem -outform DER -out $O/same.der &&
    cert-diff old.pem $O/same.der | sed -n '\$p'" "drop-in:       yes" ''
t ok-diff-output-file 0 "cd $d && cert-diff -o $O/diff.txt old.pem same.pem && tail -n 1 $O/diff.txt" \
    "drop-in:       yes" ''

# trouble: exit 2, nothing on stdout
t trouble-diff-two-leaves 2 "cd $d && cert-diff old.pem two-leaves.pem" '' \
"cert-diff: two-leaves.pem: 2 leaves: give a file with one (the old certificate left in?)"
t trouble-diff-only-cas 2 "cd $d && cat ../pki/issuing1.pem ../pki/policy.pem >$O/cas.pem &&
    cert-diff old.pem $O/cas.pem" '' \
"cert-diff: $O/cas.pem: no leaf: its 2 certificates are all CAs"
t trouble-diff-no-cert 2 "cd $d && cert-diff a.key same.pem" '' \
"cert-diff: a.key: no certificate in it"
t trouble-diff-missing-file 2 "cd $d && cert-diff old.pem nonexistent.pem" '' \
"cert-diff: nonexistent.pem: cannot open: No such file or directory"
t trouble-diff-one-file 2 "cert-diff $d/old.pem" '' \
"cert-diff: give two files: OLD and NEW
usage: cert-diff [-chjksVv] [-o FILE] OLD NEW"
t ok-diff-help 0 "cert-diff -h | head -n 1" \
"usage: cert-diff [-chjksVv] [-o FILE] OLD NEW" ''

# the Makefile's diff target (examples/Makefile, OLD=)
t ok-diff-makefile 0 "cd $d && make -s -f $TOP/examples/Makefile BIN=$TOP/bin OLD=old.pem CERT=same.pem diff | sed -n '1p;\$p'" \
"check: same.pem replaces old.pem: no name or purpose lost, a new key
drop-in:       yes" ''
t no-diff-makefile-lost-name 2 "cd $d && make -s -f $TOP/examples/Makefile BIN=$TOP/bin OLD=old.pem CERT=lost.pem diff >$O/m.txt 2>$O/m.err;
    r=\$?; sed -n '1p;\$p' $O/m.txt; grep -c lost $O/m.err; exit \$r" \
"check: lost.pem replaces old.pem: no name or purpose lost, a new key
drop-in:       no: 1 name lost, 1 purpose lost
2" ''
t no-diff-makefile-key-reused 2 "cd $d && make -s -f $TOP/examples/Makefile BIN=$TOP/bin OLD=old.pem CERT=reused.pem diff 2>$O/m.err >/dev/null;
    r=\$?; head -n 1 $O/m.err; exit \$r" \
"cert-diff: reused.pem:1: reuses the key of old.pem:1 (--new-key)" ''

t trouble-diff-makefile-no-old 2 "make -s -f $TOP/examples/Makefile BIN=$TOP/bin CERT=x diff 2>$O/m.err;
    r=\$?; head -n 1 $O/m.err; exit \$r" \
"diff: give OLD=the certificate CERT replaces" ''

