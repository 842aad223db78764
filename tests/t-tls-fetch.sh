# tls-fetch against scripted servers on 127.0.0.1 (tests/fake-server.py):
# each STARTTLS protocol's exchange, the failures a real server will not
# stage, SNI, JSON, the OCSP staple (openssl s_server).  The real servers
# are make check-servers' (tests/servers.sh).

FK="sh $TOP/tests/fake.sh"
mkdir -p "$O/tls"

# fetch NAME STATUS MODE 'ARGS' STDOUT STDERR: tls-fetch ARGS against a
# fake server in MODE serving chain.pem; its port reads PORT in stderr
fetch() {
	t "$1" "$2" "cd tls && p=\$(${FAKE_ENV-} $FK $3 $F/chain.pem $F/leaf.key) ||
	    exit 9; tls-fetch $4 127.0.0.1:\$p 2>e.\$\$; r=\$?;
	    sed \"s/\$p/PORT/g\" e.\$\$ >&2; exit \$r" "$5" "$6"
}

# every protocol: the certificates as sent, byte for byte the canonical
# chain file the server was given
for p in smtp imap pop3 ftp ldap xmpp sieve postgres; do
	fetch "ok-tls-fetch-starttls-$p" 0 $p "-S $p" "@$F/chain.pem" ''
done
fetch ok-tls-fetch-implicit 0 tls "" "@$F/chain.pem" ''
fetch ok-tls-fetch-starttls-none 0 tls "-S none" "@$F/chain.pem" ''

# a server that does not offer STARTTLS: exit 2, said per protocol
for c in 'smtp|not in its EHLO answer' 'imap|not in its CAPABILITY answer' \
    'pop3|no STLS in its CAPA answer' \
    'ftp|AUTH TLS answered: 500 unknown command' \
    'xmpp|no <starttls/> among its stream features' \
    'sieve|not in its capabilities' \
    'postgres|it answered N to the SSLRequest'; do
	p=${c%%|*}
	fetch "trouble-tls-fetch-no-starttls-$p" 2 "no-$p" "-S $p" '' \
	    "tls-fetch: 127.0.0.1:PORT: the $p server does not offer STARTTLS (${c#*|})"
done
fetch trouble-tls-fetch-no-starttls-ldap 2 no-ldap "-S ldap" '' \
    "tls-fetch: 127.0.0.1:PORT: the ldap server refused StartTLS: resultCode 2 (protocolError: it does not offer StartTLS)"

# the failures, each named by its step
fetch trouble-tls-fetch-garbage-greeting 2 garbage "-S smtp" '' \
    "tls-fetch: 127.0.0.1:PORT: unexpected smtp greeting: HELLO this is no protocol"
fetch trouble-tls-fetch-garbage-imap 2 garbage "-S imap" '' \
    "tls-fetch: 127.0.0.1:PORT: unexpected imap greeting: HELLO this is no protocol"
fetch trouble-tls-fetch-timeout-greeting 2 silent "-t 1 -S smtp" '' \
    "tls-fetch: 127.0.0.1:PORT: timed out after 1 s waiting for the smtp greeting"
fetch trouble-tls-fetch-timeout-handshake 2 silent "-t 1" '' \
    "tls-fetch: 127.0.0.1:PORT: timed out after 1 s in the TLS handshake"
fetch trouble-tls-fetch-closed-in-handshake 2 close-in-handshake "" '' \
    "tls-fetch: 127.0.0.1:PORT: the server closed the connection in the TLS handshake"
fetch trouble-tls-fetch-alert 2 alert "" '' \
    "tls-fetch: 127.0.0.1:PORT: the TLS handshake failed: sslv3 alert handshake failure"
fetch trouble-tls-fetch-injected 2 inject "-S smtp" '' \
    "tls-fetch: 127.0.0.1:PORT: the server sent 14 bytes after its STARTTLS answer, before TLS: refused"
t trouble-tls-fetch-refused 2 "tls-fetch 127.0.0.1:1" '' \
    "tls-fetch: 127.0.0.1:1: connect to 127.0.0.1:1: connection refused"
t trouble-tls-fetch-family 2 "tls-fetch -6 127.0.0.1:1" '' \
    "tls-fetch: 127.0.0.1:1: cannot resolve 127.0.0.1: Address family for hostname not supported"

# a STARTTLS server asked for TLS at once answers in plain text: said so,
# with the -S its greeting shows (issue 22)
for c in imap smtp pop3 ftp sieve; do
	fetch "trouble-tls-fetch-plain-text-$c" 2 $c "-t 5" '' \
	    "tls-fetch: 127.0.0.1:PORT: the server sent plain text: STARTTLS? try -S $c"
done
fetch trouble-tls-fetch-plain-text-unknown 2 garbage "-t 5" '' \
    "tls-fetch: 127.0.0.1:PORT: the server sent plain text, not TLS (\"HELLO this is no protocol\"): STARTTLS? give -S PROTO"

# a protocol per target (HOST:PORT/PROTO), and -S for the targets after
# it only: a TLS server, then an IMAP one, then SMTP by its slash
t ok-tls-fetch-proto-per-target 0 "cd tls &&
    a=\$($FK tls $F/chain.pem $F/leaf.key) &&
    b=\$($FK imap $F/chain.pem $F/leaf.key) &&
    c=\$($FK smtp $F/chain.pem $F/leaf.key) &&
    tls-fetch -t 5 127.0.0.1:\$a -S imap 127.0.0.1:\$b 127.0.0.1:\$c/smtp >3.pem &&
    cat $F/chain.pem $F/chain.pem $F/chain.pem | cmp - 3.pem" '' ''
t ok-tls-fetch-proto-slash-none 0 "cd tls && p=\$($FK tls $F/chain.pem \
    $F/leaf.key) && tls-fetch -S imap 127.0.0.1:\$p/none" "@$F/chain.pem" ''
fetch trouble-tls-fetch-S-after-target-not-applied 2 imap "-t 5" '' \
    "tls-fetch: 127.0.0.1:PORT: the server sent plain text: STARTTLS? try -S imap"
t trouble-tls-fetch-proto-unknown 2 "tls-fetch 127.0.0.1:993/imaps" '' \
    "tls-fetch: 127.0.0.1:993/imaps: use smtp, imap, pop3, ftp, ldap, xmpp, sieve, postgres or none
usage: tls-fetch [-46cEhjsVv] [-N NAME] [-O FILE] [-o FILE] [-S PROTO]
                 [-t SECONDS] host[:port][/PROTO] ..."

# the protocol by port: 25 is SMTP's STARTTLS port (nothing listens on
# it here, so the connection is refused after the note)
t trouble-tls-fetch-port-25-smtp 2 "tls-fetch -v -t 1 127.0.0.1:25" '' \
    "tls-fetch: 127.0.0.1:25: note: port 25: smtp STARTTLS
tls-fetch: 127.0.0.1:25: connect to 127.0.0.1:25: connection refused"
t trouble-tls-fetch-port-993-tls 2 "tls-fetch -v -t 1 127.0.0.1:993" '' \
    "tls-fetch: 127.0.0.1:993: connect to 127.0.0.1:993: connection refused"

# IPv6 in brackets
t ok-tls-fetch-ipv6 0 "cd tls && p=\$(FAKE_ADDR=::1 $FK imap $F/chain.pem \
    $F/leaf.key) && tls-fetch -S imap \"[::1]:\$p\"" "@$F/chain.pem" ''

# SNI: the host name, --servername, none for an address or --no-sni
for c in 'localhost||localhost' 'localhost|-N mail.example.test|mail.example.test' \
    'localhost|-E|none' '127.0.0.1||none'; do
	IFS='|' read -r h a want <<EOF
$c
EOF
	t "ok-tls-fetch-sni-$h-${a:-default}" 0 "cd tls && rm -f sni &&
	    p=\$(FAKE_SNI=\$PWD/sni $FK tls $F/chain.pem $F/leaf.key) &&
	    tls-fetch -4 $a $h:\$p >/dev/null && cat sni" "$want" ''
done

# --json: one object per target (the port reads PORT in stdout too)
t ok-tls-fetch-json 0 "cd tls && p=\$($FK imap $F/chain.pem $F/leaf.key) &&
    tls-fetch -j -S imap 127.0.0.1:\$p >j; r=\$?; sed \"s/\$p/PORT/g\" j;
    exit \$r" \
    "{\"schema\":\"pemkit/1\",\"type\":\"tls\",\"target\":\"127.0.0.1:PORT\",\"address\":\"127.0.0.1:PORT\",\"starttls\":\"imap\",\"sni\":null,\"protocol\":\"TLSv1.3\",\"cipher\":\"TLS_AES_256_GCM_SHA384\",\"ocsp_staple\":false,\"certificates\":[{\"position\":1,\"subject\":\"CN=www.example.com,O=pemkit test,C=HU\",\"issuer\":\"CN=pemkit Test Intermediate,O=pemkit test,C=HU\",\"sha256\":\"$(openssl x509 -in "$F/leaf.pem" -outform DER | sha256sum | cut -c1-64)\"},{\"position\":2,\"subject\":\"CN=pemkit Test Intermediate,O=pemkit test,C=HU\",\"issuer\":\"CN=pemkit Test Root,O=pemkit test,C=HU\",\"sha256\":\"$(openssl x509 -in "$F/inter.pem" -outform DER | sha256sum | cut -c1-64)\"},{\"position\":3,\"subject\":\"CN=pemkit Test Root,O=pemkit test,C=HU\",\"issuer\":\"CN=pemkit Test Root,O=pemkit test,C=HU\",\"sha256\":\"$(openssl x509 -in "$F/root.pem" -outform DER | sha256sum | cut -c1-64)\"}]}" ''

# --json: a failed target gets an object with its error, so that a loop
# over the output sees every target; the status is still 2
t trouble-tls-fetch-json-error-object 2 "cd tls &&
    a=\$($FK tls $F/chain.pem $F/leaf.key) &&
    b=\$($FK imap $F/chain.pem $F/leaf.key) &&
    tls-fetch -j -t 5 127.0.0.1:\$a 127.0.0.1:1 127.0.0.1:\$b >j 2>/dev/null;
    r=\$?; sed \"s/\$a/A/g; s/\$b/B/g\" j | jq -c '[.target, .error, (.certificates | length)]';
    exit \$r" \
    '["127.0.0.1:A",null,3]
["127.0.0.1:1","connect to 127.0.0.1:1: connection refused",0]
["127.0.0.1:B","the server sent plain text: STARTTLS? try -S imap",0]' ''
t ok-tls-fetch-json-error-object-shape 0 "tls-fetch -j 127.0.0.1:1 2>/dev/null; [ \$? = 2 ]" \
    '{"schema":"pemkit/1","type":"tls","target":"127.0.0.1:1","error":"connect to 127.0.0.1:1: connection refused"}' ''

# several targets: in order, the worst status wins; stdout keeps the
# whole blocks of the good one, -o nothing
t trouble-tls-fetch-worst-wins 2 "cd tls && p=\$($FK tls $F/chain.pem \
    $F/leaf.key) && tls-fetch 127.0.0.1:\$p 127.0.0.1:1" "@$F/chain.pem" \
    "tls-fetch: 127.0.0.1:1: connect to 127.0.0.1:1: connection refused"
t trouble-tls-fetch-worst-wins-o 2 "cd tls && p=\$($FK tls $F/chain.pem \
    $F/leaf.key) && tls-fetch -o both.pem 127.0.0.1:\$p 127.0.0.1:1;
    r=\$?; ls both.pem; exit \$r" '' \
    "tls-fetch: 127.0.0.1:1: connect to 127.0.0.1:1: connection refused
ls: cannot access 'both.pem': No such file or directory"

# --ocsp-out: the staple of openssl s_server, byte for byte; none from a
# server that staples nothing is exit 1
serial=$(openssl x509 -in "$F/leaf.pem" -noout -serial | cut -d= -f2)
printf 'V\t301231000000Z\t\t%s\tunknown\t/CN=www.example.com\n' "$serial" \
    >"$O/tls/index.txt"
t ok-tls-fetch-ocsp-out 0 "cd tls &&
    openssl ocsp -issuer $F/inter.pem -cert $F/leaf.pem -no_nonce \
    -reqout req.der 2>/dev/null &&
    openssl ocsp -index index.txt -rsigner $F/inter.pem -rkey $F/inter.key \
    -CA $F/inter.pem -reqin req.der -respout resp.der -ndays 1 >/dev/null 2>&1 &&
    { sleep 5 | openssl s_server -accept 127.0.0.1:0 -cert $F/leaf.pem \
    -key $F/leaf.key -cert_chain $F/inter.pem -status_file resp.der \
    -naccept 1 >ss.log 2>&1 & } &&
    i=0; until grep -qs ACCEPT ss.log || [ \$i -gt 50 ]; do sleep 0.1; i=\$((i+1)); done;
    p=\$(sed -n 's/^ACCEPT 127.0.0.1://p' ss.log) &&
    cat $F/leaf.pem $F/inter.pem >want.pem &&
    tls-fetch -O staple.der 127.0.0.1:\$p | cmp - want.pem &&
    cmp staple.der resp.der" '' ''
fetch no-tls-fetch-ocsp-out-none 1 tls "-O none.der" "@$F/chain.pem" \
    "tls-fetch: 127.0.0.1:PORT: the server sent no OCSP staple: none.der not written"
fetch no-tls-fetch-strict-no-staple 1 tls "-s" "@$F/chain.pem" \
    "tls-fetch: 127.0.0.1:PORT: the server sent no OCSP staple"

# usage
for c in '|no server: give host[:port]' \
    '[::1|[::1: not HOST, HOST:PORT or [ADDRESS]:PORT' \
    'host:0|host:0: not HOST, HOST:PORT or [ADDRESS]:PORT' \
    '-4 -6 h|-4 and -6: give one' \
    '-S gopher h|--starttls gopher: use smtp, imap, pop3, ftp, ldap, xmpp, sieve, postgres or none' \
    '-t 0 h|--timeout: whole seconds, 1 to 3600' \
    '-O x.der a b|--ocsp-out takes the staple of one server: give one target'; do
	a=${c%%|*}
	t "trouble-tls-fetch-usage-$(printf %s "$a" | cksum | cut -d' ' -f1)" 2 \
	    "tls-fetch $a 2>e; r=\$?; head -n 2 e; exit \$r" \
	    "tls-fetch: ${c#*|}
usage: tls-fetch [-46cEhjsVv] [-N NAME] [-O FILE] [-o FILE] [-S PROTO]" ''
done
