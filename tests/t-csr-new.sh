# csr-new: a key and a request that csr-check accepts, judged before
# anything is written.  Keys are random, so the cases compare what is
# fixed: csr-check's report, OpenSSL's verdict, modes, and the SPKI hash
# against OpenSSL's own.

N="$O/csrnew"
mkdir -p "$N"
check='csr-check'

# each key type: OpenSSL verifies the self-signature, csr-check accepts it
# under its profile, the key is the request's (key-match), 0600 under
# umask 000.  RSA 4096 takes a minute under valgrind: left to make check
# and make asan.
for k in rsa rsa:3072 rsa:4096 ec ec:P-384 ed25519; do
	[ "$k" = rsa:4096 ] && [ -n "${PEMKIT_WRAP-}" ] && continue
	p=tls h="-H mail.example.hu"
	[ "$k" = ed25519 ] && p=smime h="-m jan@example.pl"
	case $k in
	rsa) want='RSA 2048 bits' sig=sha256WithRSAEncryption ;;
	rsa:*) want="RSA ${k#rsa:} bits" sig=sha256WithRSAEncryption ;;
	ec) want='EC P-256 (256 bits)' sig=ecdsa-with-SHA256 ;;
	ec:*) want='EC P-384 (384 bits)' sig=ecdsa-with-SHA256 ;;
	ed25519) want='ED25519 256 bits' sig=ED25519 ;;
	esac
	d="csrnew/$k"
	san=DNS:mail.example.hu subj=CN=mail.example.hu
	[ $p = smime ] && san=email:jan@example.pl subj=CN=jan@example.pl
	t "ok-csr-new-$k" 0 "mkdir -p $d && cd $d && umask 000 &&
	    csr-new -k $k -P $p $h -x key.pem -o req.csr &&
	    stat -c '%a %n' key.pem req.csr &&
	    openssl req -in req.csr -noout -verify 2>&1 &&
	    h=\$(openssl pkey -in key.pem -pubout -outform DER | sha256sum |
	    cut -c1-64) && csr-check -P $p req.csr | sed \"s/\$h/HASH/\" &&
	    key-match key.pem req.csr" \
	    "600 key.pem
666 req.csr
Certificate request self-signature verify OK
req.csr:1: certificate request (block 1)
  subject:           $subj
  subject alt name:  $san
  public key:        $want
  tlsa 3 1 1:        3 1 1 HASH
  extensions:        subjectAltName
  signature:         $sig (verifies)
  verdict:           acceptable ($p profile)" ''
done

# the wizard fields: first RDN first, as the CAs' forms and openssl req
# list them; the OU warning (IceWarp's wizard asks for an OU)
t ok-csr-new-icewarp 0 "cd csrnew && csr-new -C HU -O 'Example Kft' \
    -U IT -L Budapest -N mail.example.hu -H mail.example.hu \
    -H imap.example.hu -x icewarp.key -o icewarp.csr &&
    openssl req -in icewarp.csr -noout -subject" \
    "subject=C = HU, L = Budapest, O = Example Kft, OU = IT, CN = mail.example.hu" \
    "csr-new: warning: OU=IT: the organizationalUnitName is prohibited in TLS certificates since 2022-09-01 (Baseline Requirements 7.1.4.2): the CA will drop it or refuse the request"
t no-csr-new-icewarp-strict 1 "cd csrnew && csr-new -s -C HU -U IT \
    -H mail.example.hu -x strict.key -o strict.csr; r=\$?; ls strict.*;
    exit \$r" '' \
    "csr-new: warning: OU=IT: the organizationalUnitName is prohibited in TLS certificates since 2022-09-01 (Baseline Requirements 7.1.4.2): the CA will drop it or refuse the request
csr-new: nothing written: the CA would warn about this request
ls: cannot access 'strict.*': No such file or directory"

# rejections: exit 1, the problem named, no key and no request left
t no-csr-new-country 1 "cd csrnew && csr-new -C HUN -H mail.example.hu \
    -x hun.key -o hun.csr; r=\$?; ls hun.*; exit \$r" '' \
    "csr-new: C=HUN is not an ISO 3166-1 two-letter country code: use one such as HU, DE, GB or US
csr-new: nothing written: the CA would reject this request
ls: cannot access 'hun.*': No such file or directory"
t no-csr-new-ascii-twca 1 "cd csrnew && csr-new -a -C TW -O '台灣公司' \
    -H www.example.tw -x tw.key >tw.csr; r=\$?; ls tw.key; wc -c <tw.csr;
    exit \$r" '0' \
    "csr-new: O holds characters outside printable ASCII: write it in English letters
csr-new: nothing written: the CA would reject this request
ls: cannot access 'tw.key': No such file or directory"
t ok-csr-new-twca-english 0 "cd csrnew && csr-new -a -r C,O,CN -C TW \
    -O 'Example Taiwan Co' -H www.example.tw -x tw.key -o tw.csr &&
    csr-check -a -r C,O,CN -K icewarp.key tw.csr >/dev/null" '' ''
t no-csr-new-ed25519-tls 1 "cd csrnew && csr-new -k ed25519 \
    -H mail.example.hu -x ed.key; r=\$?; ls ed.key; exit \$r" '' \
    "csr-new: ED25519 keys are not accepted for TLS server certificates: use RSA (2048 bits or more) or EC P-256
csr-new: nothing written: the CA would reject this request
ls: cannot access 'ed.key': No such file or directory"
t no-csr-new-short-rsa 1 "cd csrnew && csr-new -k rsa:1024 \
    -H mail.example.hu -x short.key; r=\$?; ls short.key; exit \$r" '' \
    "csr-new: RSA key of 1024 bits is too short: make a new key of at least 2048 bits
csr-new: nothing written: the CA would reject this request
ls: cannot access 'short.key': No such file or directory"

# renewal (TWCA, Certum: a new key each time): --not-key refuses the old
# key, found in a key, a request or a certificate; --key reuses one, with
# a warning
t no-csr-new-reused-key 1 "cd csrnew && csr-new -u icewarp.key \
    -K icewarp.csr -H mail.example.hu >renew.csr; r=\$?; wc -c <renew.csr;
    exit \$r" '0' \
    "csr-new: icewarp.key: warning: the request reuses this key: every CA's guide asks for a new key at each renewal
csr-new: it reuses the key of icewarp.csr: make a new key for the new certificate
csr-new: nothing written: the CA would reject this request"
t ok-csr-new-reuse-warns 0 "cd csrnew && csr-new -u icewarp.key \
    -H mail.example.hu -o reuse.csr && key-match icewarp.key reuse.csr" '' \
    "csr-new: icewarp.key: warning: the request reuses this key: every CA's guide asks for a new key at each renewal"
t no-csr-new-reuse-strict 1 "cd csrnew && csr-new -s -u icewarp.key \
    -H mail.example.hu" '' \
    "csr-new: icewarp.key: warning: the request reuses this key: every CA's guide asks for a new key at each renewal
csr-new: nothing written: the CA would warn about this request"
t ok-csr-new-not-key-cert 0 "cd csrnew && csr-new -K $F/leaf.pem \
    -K icewarp.csr -H mail.example.hu -x renewed.key -o renewed.csr &&
    key-match renewed.key renewed.csr" '' ''
t ok-csr-new-key-from-bundle 0 "cd csrnew &&
    cat $F/leaf.pem $F/leaf.key >bundle.pem &&
    csr-new -u bundle.pem -H leaf.example.com -o fromb.csr 2>/dev/null &&
    key-match $F/leaf.key fromb.csr" '' ''
t trouble-csr-new-key-no-private 2 "cd csrnew && csr-new -u $F/leaf.pem \
    -H leaf.example.com" '' "csr-new: $F/leaf.pem: no private key in it"

# the key file: never over an existing one without --force
t trouble-csr-new-keyout-exists 2 "cd csrnew && cp icewarp.key keep.key &&
    csr-new -H mail.example.hu -x icewarp.key; r=\$?;
    cmp icewarp.key keep.key && exit \$r" '' \
    "csr-new: icewarp.key: the file exists: it may hold a key in use; give --force to replace it"
t ok-csr-new-keyout-force 0 "cd csrnew && cp keep.key forced.key &&
    chmod 640 forced.key && csr-new -f -H mail.example.hu -x forced.key \
    -o forced.csr && ! cmp -s forced.key keep.key &&
    stat -c %a forced.key && key-match forced.key forced.csr" '600' ''

# --passout: PKCS#8, AES-256-CBC under PBKDF2 with HMAC-SHA-256
t ok-csr-new-passout 0 "cd csrnew && csr-new -p pass:s3cret \
    -H mail.example.hu -x enc.key -o enc.csr && head -n 1 enc.key &&
    openssl asn1parse -in enc.key | grep -o 'aes-256-cbc\|hmacWithSHA256' &&
    openssl pkey -in enc.key -passin pass:s3cret -pubout |
    key-match - enc.csr" \
    "-----BEGIN ENCRYPTED PRIVATE KEY-----
hmacWithSHA256
aes-256-cbc" ''
t ok-csr-new-passin-reuse 0 "cd csrnew && csr-new -u enc.key \
    -w pass:s3cret -H mail.example.hu -o enc2.csr 2>/dev/null &&
    key-match -w pass:s3cret enc.key enc2.csr" '' ''
t trouble-csr-new-passout-empty 2 "cd csrnew && csr-new -p pass: \
    -H mail.example.hu -x empty.key; r=\$?; ls empty.key; exit \$r" '' \
    "csr-new: --passout: the passphrase is empty
ls: cannot access 'empty.key': No such file or directory"

# --json: the request to -o, one object on stdout; the SPKI hash is
# OpenSSL's
t ok-csr-new-json 0 "cd csrnew && csr-new -j -H mail.example.hu \
    -H 93.184.216.34 -x j.key -o j.csr >j.json &&
    h=\$(openssl pkey -in j.key -pubout -outform DER | sha256sum | cut -c1-64) &&
    sed \"s/\$h/HASH/g\" j.json" \
    '{"schema":"pemkit/1","source":"j.csr","index":1,"line":1,"type":"csr","subject":"CN=mail.example.hu","san":{"dns":["mail.example.hu"],"ip":["93.184.216.34"],"email":[]},"key":{"type":"RSA","bits":2048,"curve":null,"spki_sha256":"HASH","new":true,"file":"j.key"},"tlsa":"3 1 1 HASH","profile":"tls"}' ''

# --subject: RFC 4514 (last RDN first, escapes, "+"), or -subj's form
t ok-csr-new-subject-rfc4514 0 "cd csrnew && csr-new \
    -D 'CN=mail.example.hu,O=Example Kft\\, Zrt.,L=Budapest,C=HU' \
    -x s1.key | openssl req -noout -subject -text |
    sed -n '/^subject=/p;/Alternative/{n;p}'" \
    '                    DNS:mail.example.hu
subject=C = HU, L = Budapest, O = "Example Kft, Zrt.", CN = mail.example.hu' ''
t ok-csr-new-subject-roundtrip 0 "cd csrnew && csr-new \
    -D 'CN=mail.example.hu,O=Example Kft\\, Zrt.,L=Budapest,C=HU' \
    -x s2.key | csr-check | sed -n 2p" \
    '  subject:           CN=mail.example.hu,O=Example Kft\, Zrt.,L=Budapest,C=HU' ''
t ok-csr-new-subject-slash 0 "cd csrnew && csr-new \
    -D '/C=HU/O=Example\\/Kft/CN=www.example.hu+UID=web' -x s3.key |
    openssl req -noout -subject" \
    'subject=C = HU, O = Example/Kft, UID = web + CN = www.example.hu' ''
for s in 'CN=a,Q=1' 'CN=a\q' 'CN=#0101' 'CN=a,' '' 'noequals'; do
	case $s in
	*Q=*) why='an unknown attribute type: use C, ST, L, O, OU, CN, emailAddress or a dotted OID' ;;
	*q) why='a bad escape: use \, \+ \\ or \XX' ;;
	*#*) why="a '#' hex value: write the value as text" ;;
	*,) why='a separator at the end' ;;
	'') why='an empty name' ;;
	*) why='an attribute without "type="' ;;
	esac
	t "trouble-csr-new-subject-$(printf %s "$s" | cksum | cut -d' ' -f1)" 2 \
	    "cd csrnew && csr-new -D '$s' -x bad.key; r=\$?; ls bad.key; exit \$r" \
	    '' "csr-new: --subject: $why
ls: cannot access 'bad.key': No such file or directory"
done

# Certum S/MIME: the address in the subjectAltName, the CN a person's
t ok-csr-new-certum-smime 0 "cd csrnew && csr-new -P smime -k ed25519 \
    -N 'Jan Kowalski' -C PL -m jan@example.pl -x jan.key -o jan.csr &&
    csr-check -P smime -m jan@example.pl jan.csr | sed -n '2,3p;\$p'" \
    "  subject:           CN=Jan Kowalski,C=PL
  subject alt name:  email:jan@example.pl
  verdict:           acceptable (smime profile)" ''

# usage: the message, then the synopsis
for c in 'no-keyout|-H mail.example.hu|csr-new makes a new key: give --keyout FILE (or --key FILE to reuse one)' \
    'subject-and-field|-D CN=a.example.com -C HU -x k.pem|--subject and --country: give the subject one way' \
    'bad-type|-k dsa -x k.pem|--key-type dsa: use rsa, rsa:BITS, ec, ec:P-384, ec:P-521 or ed25519' \
    'json-stdout|-j -H a.example.com -x k.pem|--json writes stdout: give -o FILE for the request' \
    'operand|-H a.example.com -x k.pem old.key|old.key: csr-new reads no files; the key to reuse is --key FILE' \
    'key-and-keyout|-u a.key -x k.pem|--key and --keyout: the key is either reused or new'; do
	IFS='|' read -r name args msg <<EOF
$c
EOF
	t "trouble-csr-new-$name" 2 "cd csrnew && csr-new $args 2>err; r=\$?;
	    sed -n '1,2p' err >&2; exit \$r" '' "csr-new: $msg
usage: csr-new [-afhjSsVv] [-b BITS] [-C CC] [-D DN] [-H NAME] [-I N] [-K FILE]"
done

# issue 24: one file for the key and the request is refused before a key
# is made, however it is spelled; a symbolic link as -x is refused, even
# with -f, and its target is left alone
for c in 'same|same.pem|-o same.pem' 'dot|same.pem|-o ./same.pem' \
    'dotdot|same.pem|-o sub/../same.pem' 'link|same.pem|-o to-same.pem' \
    'exists|old.pem|-o ./old.pem' 'exists-link|old.pem|-o to-old.pem'; do
	IFS='|' read -r name x args <<EOF
$c
EOF
	t "trouble-csr-new-key-and-request-one-file-$name" 2 "cd csrnew &&
	    rm -f same.pem; mkdir -p sub; ln -sf same.pem to-same.pem
	    echo old >old.pem; ln -sf old.pem to-old.pem
	    csr-new -f -k ec -H a.example.com -x $x $args; r=\$?
	    cat old.pem; test -e same.pem || echo none; exit \$r" 'old
none' "csr-new: $x: --keyout and -o name one file: the request would replace the new key"
done
t trouble-csr-new-keyout-symlink-refused 2 "cd csrnew && echo victim >victim.pem &&
    ln -sf victim.pem planted.pem && csr-new -f -k ec -H a.example.com -x planted.pem \
    -o planted.csr; r=\$?; cat victim.pem; test -L planted.pem && test ! -e planted.csr &&
    echo kept; exit \$r" 'victim
kept' 'csr-new: planted.pem: is a symbolic link: a new private key is not written through one'
t trouble-csr-new-keyout-dangling-symlink-refused 2 "cd csrnew && rm -f made.pem &&
    ln -sf made.pem dangle.pem && csr-new -k ec -H a.example.com -x dangle.pem \
    -o dangle.csr; r=\$?; test -e made.pem || echo none; exit \$r" 'none' \
    'csr-new: dangle.pem: is a symbolic link: a new private key is not written through one'
# a request that cannot be written takes its new key with it
t trouble-csr-new-write-error 2 "cd csrnew && csr-new -H a.example.com \
    -x full.key >/dev/full; r=\$?; ls full.key; exit \$r" '' \
    "csr-new: <stdout>: write error: No space left on device
csr-new: full.key: removed: the request was not written
ls: cannot access 'full.key': No such file or directory"

# an IP address alone (BR 7.1.4.3): into the SAN as an iPAddress and the
# CN, accepted (a public address: csr-check refuses a reserved one, BR
# 7.1.4.2.1); a trailing dot and a Unicode name refused with the reason
t ok-csr-new-ip-alone 0 "cd csrnew && csr-new -H 8.8.8.8 -C HU -x ip.key \
    -o ip.csr && openssl req -in ip.csr -noout -subject -nameopt RFC2253 &&
    openssl req -in ip.csr -noout -text | grep -A1 'Alternative Name' |
    sed -n 's/^ *//; 2p' && csr-check -o discard.out ip.csr" \
    "subject=CN=8.8.8.8,C=HU
IP Address:8.8.8.8" ''
t ok-csr-new-ipv6-subject-cn 0 "cd csrnew && csr-new -D '/C=HU/CN=2606:2800:220:1::1946' \
    -x ip6.key -o ip6.csr && openssl req -in ip6.csr -noout -text |
    grep -A1 'Alternative Name' | sed -n 's/^ *//; 2p'" \
    "IP Address:2606:2800:220:1:0:0:0:1946" ''
# a reserved address (RFC 5737 documentation) is refused as csr-check
# refuses it (CA/B BR 7.1.4.2.1): nothing written
t no-csr-new-reserved-ip 1 "cd csrnew && csr-new -H 192.0.2.1 -x rsv.key -o rsv.csr; r=\$?; ls rsv.*; exit \$r" '' \
    "csr-new: the subjectAltName has the reserved IP address 192.0.2.1 (e_ext_san_contains_reserved_ip, CA/B BR 7.1.4.2.1)
csr-new: nothing written: the CA would reject this request
ls: cannot access 'rsv.*': No such file or directory"
t no-csr-new-trailing-dot 1 "cd csrnew && csr-new -H www.example.com. -C HU \
    -x dot.key -o dot.csr; r=\$?; ls dot.*; exit \$r" '' \
    "csr-new: CN=www.example.com. ends with a dot: write it without, www.example.com (RFC 5280 section 4.2.1.6)
csr-new: nothing written: the CA would reject this request
ls: cannot access 'dot.*': No such file or directory"
t no-csr-new-idn-a-label 1 "cd csrnew && csr-new -H példa.hu -C HU \
    -x idn.key -o idn.csr" '' \
    "csr-new: CN=példa.hu is an internationalised name: use its A-label, xn--plda-bpa.hu (RFC 5890)
csr-new: nothing written: the CA would reject this request"
