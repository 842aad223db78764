#!/bin/sh
# tests/servers.sh (make check-servers): real servers from Debian on
# loopback high ports, each loading the bundle examples/Makefile built
# for it, fetched back with tls-fetch: nginx and HAProxy (TLS at once),
# Dovecot (IMAP and POP3 STARTTLS, IMAPS), Postfix (SMTP STARTTLS).  Then
# a renewal: a new key and certificate, the bundles rebuilt, the servers
# reloaded, the new leaf seen.  Then pemkit-deploy as certbot's deploy
# hook: broken renewals refused, the old leaf still served, the good one
# served, a second run reloading nothing.  It installs nothing (.ci/run
# does); a server that cannot start is a failure, never a skip.  Last, the CI
# gate on bundles nginx or HAProxy refuse to load or a client cannot
# verify.  Every server is stopped at the end, whatever happens.  Last line: "N passed, N failed".
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
PATH="$TOP/bin:$PATH"
export PATH
D=$(mktemp -d "${TMPDIR:-/tmp}/pemkit-servers.XXXXXX") || exit 2
# the servers' unprivileged processes (dovenull, postfix, nobody) must
# reach their run directories under D
chmod 755 "$D"
pass=0
fail=0
NAME=mail.example.test

stop_all() {
	# the children of every server with a pid file too (nginx's workers,
	# also the second nginx's of the gate cases): a master killed below
	# before it has stopped them leaves them listening, orphaned (one a
	# run was seen)
	_kids=
	for p in "$D"/*.pid; do
		[ -f "$p" ] || continue
		_p=$(tr -dc 0-9 <"$p")
		[ -n "$_p" ] && _kids="$_kids $(pgrep -P "$_p" 2>/dev/null)"
	done
	[ -f "$D/nginx.pid" ] && nginx -e "$D/nginx.err" -p "$D" \
	    -c "$D/nginx.conf" -s stop 2>/dev/null
	[ -f "$D/haproxy.pid" ] && kill "$(cat "$D/haproxy.pid")" 2>/dev/null
	[ -f "$D/dovecot.conf" ] && dovecot -c "$D/dovecot.conf" stop \
	    2>/dev/null
	[ -d "$D/postfix" ] && postfix -c "$D/postfix" stop 2>/dev/null
	sleep 0.3
	for p in "$D"/*.pid "$D"/dovecot-run/master.pid \
	    "$D"/pf-queue/pid/master.pid; do
		[ -f "$p" ] && kill -9 "$(tr -dc 0-9 <"$p")" 2>/dev/null
	done
	for p in $_kids; do
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$D"
}
trap stop_all EXIT
trap 'exit 2' INT TERM HUP

# ok NAME CMD: a case, passing when CMD (sh) exits 0; its output shown
# on failure
ok() {
	if sh -c "$2" >"$D/case.log" 2>&1; then
		pass=$((pass + 1))
		echo "ok $1"
	else
		fail=$((fail + 1))
		echo "FAIL $1: $2"
		sed 's/^/  /' "$D/case.log" | head -n 20
	fi
}

# free ports from the kernel, one per server endpoint
set -- $(python3 -c 'import socket
ss = [socket.socket() for _ in range(7)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')
P_NGINX=$1 P_HAPROXY=$2 P_IMAP=$3 P_IMAPS=$4 P_POP3=$5 P_SMTP=$6 P_NGINX2=$7

# the PKI, and the bundles of version N (1, then 2 at renewal) into out/
sh "$TOP/examples/testca/testca.sh" init "$D/ca"
build() {
	v="$D/v$1"
	mkdir -p "$v"
	csr-new -k ec -H "$NAME" -O 'pemkit servers' -C HU \
	    -x "$v/server.key" -o "$v/server.csr" &&
	sh "$TOP/examples/testca/testca.sh" issue "$D/ca" "$v/server.csr" 90 \
	    >"$v/server.cer" &&
	sh "$TOP/examples/testca/testca.sh" ship "$D/ca" "$v" &&
	make -s -C "$TOP/examples" BIN="$TOP/bin" KEY="$v/server.key" \
	    CERT="$v/server.cer" CA="$v/intermediate.p7b $v/root.crt" \
	    NAMES="$NAME" OUT="$D/out" nginx haproxy dovecot postfix >/dev/null
}
build 1 || { echo "FAIL build-v1: the bundles were not built"; exit 1; }

cat >"$D/nginx.conf" <<EOF
pid $D/nginx.pid;
error_log $D/nginx.err;
events { }
http {
	access_log off;
	client_body_temp_path $D/nginx-tmp;
	proxy_temp_path $D/nginx-tmp;
	fastcgi_temp_path $D/nginx-tmp;
	uwsgi_temp_path $D/nginx-tmp;
	scgi_temp_path $D/nginx-tmp;
	server {
		listen 127.0.0.1:$P_NGINX ssl;
		ssl_certificate $D/out/nginx/fullchain.pem;
		ssl_certificate_key $D/out/nginx/privkey.pem;
		return 200 "ok\n";
	}
}
EOF
cat >"$D/haproxy.cfg" <<EOF
global
	pidfile $D/haproxy.pid
defaults
	mode http
	timeout connect 5s
	timeout client 5s
	timeout server 5s
frontend tls
	bind 127.0.0.1:$P_HAPROXY ssl crt $D/out/haproxy/server.pem
	http-request return status 200
EOF
cat >"$D/dovecot.conf" <<EOF
base_dir = $D/dovecot-run
state_dir = $D/dovecot-state
log_path = $D/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = yes
ssl_cert = <$D/out/dovecot/server.crt
ssl_key = <$D/out/dovecot/server.key
ssl_dh = </usr/share/dovecot/dh.pem
passdb {
	driver = static
	args = password=unused
}
userdb {
	driver = static
	args = uid=nobody gid=nogroup home=$D
}
service imap-login {
	inet_listener imap {
		port = $P_IMAP
	}
	inet_listener imaps {
		port = $P_IMAPS
		ssl = yes
	}
}
service pop3-login {
	inet_listener pop3 {
		port = $P_POP3
	}
	inet_listener pop3s {
		port = 0
	}
}
service anvil {
	chroot =
}
EOF
mkdir -p "$D/postfix"
cat >"$D/postfix/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $D/pf-queue
data_directory = $D/pf-data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = $NAME
mydestination =
maillog_file = $D/postfix.log
maillog_file_prefixes = $D
smtpd_tls_security_level = may
smtpd_tls_chain_files = $D/out/postfix/chain.pem
EOF
cat >"$D/postfix/master.cf" <<EOF
127.0.0.1:$P_SMTP inet n - n - - smtpd
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
postlog   unix-dgram n  -       n       -       1       postlogd
proxymap  unix  -       -       n       -       -       proxymap
EOF
mkdir -p "$D/pf-queue" "$D/pf-data"
chown postfix "$D/pf-data" 2>/dev/null

# each server started: one that does not start is a failed case, loudly
ok start-nginx "mkdir -p $D/nginx-tmp && nginx -e $D/nginx.err -p $D -c $D/nginx.conf"
ok start-haproxy "haproxy -f $D/haproxy.cfg -D -p $D/haproxy.pid"
ok start-dovecot "dovecot -c $D/dovecot.conf"
ok start-postfix "postfix -c $D/postfix start"

# each endpoint: up, the bundle's certificates byte for byte, the chain
# verified to the CA's root and the name covered
# ENDPOINTS: name|port|tls-fetch arguments|the file its certificates are
endpoints="nginx|$P_NGINX||$D/out/nginx/fullchain.pem
haproxy|$P_HAPROXY||$D/out/fullchain.pem
dovecot-imap|$P_IMAP|-S imap|$D/out/dovecot/server.crt
dovecot-imaps|$P_IMAPS||$D/out/dovecot/server.crt
dovecot-pop3|$P_POP3|-S pop3|$D/out/dovecot/server.crt
postfix-smtp|$P_SMTP|-S smtp|$D/out/fullchain.pem"
printf '%s\n' "$endpoints" >"$D/endpoints"

fetch_all() {
	while IFS='|' read -r n p a want; do
		ok "$1-$n-up" "i=0; until tls-fetch -t 2 $a 127.0.0.1:$p >/dev/null 2>&1; do
		    i=\$((i + 1)); [ \$i -ge 50 ] && exit 1; sleep 0.2; done"
		ok "$1-$n-bytes" "tls-fetch $a 127.0.0.1:$p >$D/got-$n.pem &&
		    pem-join $want | cmp - $D/got-$n.pem"
		ok "$1-$n-verify" "chain-order --verify -C $D/v$2/root.crt -H $NAME \
		    $D/got-$n.pem >/dev/null"
		ok "$1-$n-key" "key-match $D/v$2/server.key $D/got-$n.pem"
	done <"$D/endpoints"
}
fetch_all v1 1

# the renewal: a new key and certificate, the bundles rebuilt, every
# server reloaded; then the new leaf is served and the old key refused
build 2 || { echo "FAIL build-v2: the bundles were not rebuilt"; fail=$((fail + 1)); }
# the processes that served v1: nginx's workers, HAProxy's old process,
# Postfix's smtpd and Dovecot's login processes (the ones holding the old
# key; Dovecot's log, anvil and config stay).  Each keeps accepting until
# it has taken its stop signal, so a fetch right after the first new leaf
# may still reach one (CI saw it with nginx): the old key is judged only
# once they are gone.
pf_master=$(tr -d ' ' <"$D/pf-queue/pid/master.pid" 2>/dev/null)
dc_master=$(cat "$D/dovecot-run/master.pid" 2>/dev/null)
old_pids="$(pgrep -P "$(cat $D/nginx.pid)" | tr '\n' ' ')$(cat $D/haproxy.pid)
    $(pgrep -P "${pf_master:-0}" smtpd | tr '\n' ' ')
    $(pgrep -P "${dc_master:-0}" -- '-login$' | tr '\n' ' ')"
old_pids=$(echo $old_pids)	# one line, for the case's command
ok reload-nginx "nginx -e $D/nginx.err -p $D -c $D/nginx.conf -s reload"
ok reload-haproxy "haproxy -f $D/haproxy.cfg -D -p $D/haproxy.pid -sf \$(cat $D/haproxy.pid)"
ok reload-dovecot "doveadm -c $D/dovecot.conf reload"
ok reload-postfix "postfix -c $D/postfix reload"
ok reload-old-processes-gone "i=0; for p in $old_pids; do
    while kill -0 \$p 2>/dev/null; do
    i=\$((i + 1)); [ \$i -ge 100 ] && exit 1; sleep 0.1; done; done"
# a reload takes effect as new workers start: wait for the new leaf
while IFS='|' read -r n p a want; do
	ok "renewal-$n-new-leaf" "i=0; until tls-fetch -t 2 $a 127.0.0.1:$p 2>/dev/null |
	    key-match $D/v2/server.key - >/dev/null 2>&1; do
	    i=\$((i + 1)); [ \$i -ge 50 ] && exit 1; sleep 0.2; done"
	ok "renewal-$n-old-key-refused" "tls-fetch $a 127.0.0.1:$p |
	    key-match $D/v1/server.key - >/dev/null 2>&1; [ \$? -eq 1 ]"
done <"$D/endpoints"
fetch_all v2 2

# The CI gate (examples/ci-check.sh) against what the servers do: a
# bundle that nginx or HAProxy refuses to load, or that a client cannot
# verify, fails the gate (exit 1); the bundles they load and serve pass.
G="$D/gate"
CIC="sh $TOP/examples/ci-check.sh --ca-file $D/v2/root.crt"
mkdir -p "$G/good" "$G/first" "$G/mismatch" "$G/leaf-only" "$G/hap-first" \
    "$G/hap-mismatch"
# the leaf and the intermediate (the test CA has one) of the bundle
pem-split -p "$G/part-%n.pem" "$D/out/fullchain.pem" >/dev/null
cp "$D/out/nginx/fullchain.pem" "$D/out/nginx/privkey.pem" "$G/good/"
cp "$D/out/haproxy/server.pem" "$G/good/haproxy.pem"
# nginx: the intermediate first; the old key with the new certificate
cat "$G/part-2.pem" "$G/part-1.pem" >"$G/first/fullchain.pem"
cp "$D/out/privkey.pem" "$G/first/privkey.pem"
cp "$D/out/fullchain.pem" "$G/mismatch/fullchain.pem"
cp "$D/v1/server.key" "$G/mismatch/privkey.pem"
# HAProxy's one file: the intermediate first; the old key in it
cat "$G/part-2.pem" "$G/part-1.pem" "$D/out/privkey.pem" \
    >"$G/hap-first/server.pem"
cat "$D/out/fullchain.pem" "$D/v1/server.key" >"$G/hap-mismatch/server.pem"
# the leaf alone: nginx loads it, a client cannot verify it
cp "$G/part-1.pem" "$G/leaf-only/fullchain.pem"
cp "$D/out/privkey.pem" "$G/leaf-only/privkey.pem"
# ngconf NAME DIR PORT: an nginx configuration serving DIR's pair
ngconf() {
	sed -e "s|$D/out/nginx/|$2/|g" -e "s|127.0.0.1:$P_NGINX |127.0.0.1:$3 |" \
	    -e "s|$D/nginx.pid|$D/$1.pid|" -e "s|$D/nginx.err|$D/$1.err|" \
	    "$D/nginx.conf" >"$D/$1.conf"
}
hapconf() {
	sed "s|$D/out/haproxy/server.pem|$2|" "$D/haproxy.cfg" >"$D/$1.cfg"
}
ngconf ng-good "$G/good" "$P_NGINX2"
ngconf ng-first "$G/first" "$P_NGINX2"
ngconf ng-mismatch "$G/mismatch" "$P_NGINX2"
ngconf ng-leaf-only "$G/leaf-only" "$P_NGINX2"
hapconf hap-good "$G/good/haproxy.pem"
hapconf hap-first "$G/hap-first/server.pem"
hapconf hap-mismatch "$G/hap-mismatch/server.pem"
ok gate-nginx-loads-good "nginx -t -p $D -e $D/ng-t.err -c $D/ng-good.conf"
ok gate-haproxy-loads-good "haproxy -c -f $D/hap-good.cfg"
ok gate-passes-good "$CIC $G/good"
# each refusal is the server's key check; each gate failure names it
for c in first mismatch; do
	ok "gate-nginx-refuses-$c" "! nginx -t -p $D -e $D/ng-t.err -c $D/ng-$c.conf 2>$D/ng-$c.t &&
	    grep 'key values mismatch' $D/ng-$c.t"
	ok "gate-fails-nginx-$c" "$CIC $G/$c >$D/g.out; r=\$?; cat $D/g.out;
	    [ \$r -eq 1 ] && grep '^FAIL pair     $G/$c: privkey.pem is not the key of' $D/g.out"
	ok "gate-haproxy-refuses-$c" "! haproxy -c -f $D/hap-$c.cfg 2>$D/hap-$c.t &&
	    grep -i 'inconsistencies between private key and certificate' $D/hap-$c.t"
	ok "gate-fails-haproxy-$c" "$CIC $G/hap-$c >$D/g.out; r=\$?; cat $D/g.out;
	    [ \$r -eq 1 ] && grep '^FAIL pair     $G/hap-$c/server.pem: server.pem is not the key of' $D/g.out"
done
ok gate-fails-nginx-first-order "$CIC $G/first >$D/g.out; cat $D/g.out;
    grep '^FAIL chain    $G/first: fullchain.pem: the input did not start with the leaf' $D/g.out"
ok gate-nginx-serves-leaf-only "nginx -e $D/ng-leaf-only.err -p $D -c $D/ng-leaf-only.conf &&
    i=0; until tls-fetch -t 2 127.0.0.1:$P_NGINX2 >$D/got-leaf-only.pem 2>/dev/null; do
    i=\$((i + 1)); [ \$i -ge 50 ] && exit 1; sleep 0.2; done"
ok gate-client-cannot-verify-leaf-only "chain-order --verify -C $D/v2/root.crt -H $NAME \
    $D/got-leaf-only.pem >/dev/null 2>&1; [ \$? -eq 1 ]"
ok gate-fails-leaf-only "$CIC $G/leaf-only >$D/g.out; r=\$?; cat $D/g.out;
    [ \$r -eq 1 ] && grep '^FAIL chain    $G/leaf-only: fullchain.pem: chain incomplete' $D/g.out"

# pemkit-deploy, as certbot's deploy hook: the servers' own files (the
# bundle directories they load) are its targets.  A broken renewal (the
# old key with the new certificate; the intermediate before the leaf) is
# refused and the servers keep serving v2; the good one reaches every
# server; a second run changes and reloads nothing.
LE="$D/le"
mkdir -p "$D/v3" "$LE/live" "$LE/wrongkey" "$LE/wrongorder"
csr-new -k ec -H "$NAME" -O 'pemkit servers' -C HU \
    -x "$D/v3/server.key" -o "$D/v3/server.csr" &&
sh "$TOP/examples/testca/testca.sh" issue "$D/ca" "$D/v3/server.csr" 90 \
    >"$D/v3/server.cer" &&
sh "$TOP/examples/testca/testca.sh" ship "$D/ca" "$D/v3" ||
    { echo "FAIL build-v3: no renewal to deploy"; fail=$((fail + 1)); }
# certbot's live/NAME/: cert.pem, chain.pem, fullchain.pem, privkey.pem
for l in live wrongkey wrongorder; do
	pem-join -o "$LE/$l/cert.pem" "$D/v3/server.cer"
	chain-order --issuers -o "$LE/$l/chain.pem" "$D/v3/server.cer" \
	    "$D/v3/intermediate.p7b" "$D/v3/root.crt"
	chain-order -o "$LE/$l/fullchain.pem" "$D/v3/server.cer" \
	    "$D/v3/intermediate.p7b" "$D/v3/root.crt"
	pem-join -o "$LE/$l/privkey.pem" "$D/v3/server.key"
done
pem-join -o "$LE/wrongkey/privkey.pem" "$D/v2/server.key"
cat "$LE/wrongorder/chain.pem" "$LE/wrongorder/cert.pem" \
    >"$LE/wrongorder/fullchain.pem"
{
	echo "# PROFILE DESTDIR OWNER GROUP MODE RELOAD-COMMAND..."
	echo "nginx $D/out/nginx root root 0600 nginx -e $D/nginx.err -p $D -c $D/nginx.conf -s reload && echo nginx >>$D/reloads"
	echo "haproxy $D/out/haproxy root root 0600 haproxy -f $D/haproxy.cfg -D -p $D/haproxy.pid -sf \$(cat $D/haproxy.pid) && echo haproxy >>$D/reloads"
	echo "dovecot $D/out/dovecot root root 0600 doveadm -c $D/dovecot.conf reload && echo dovecot >>$D/reloads"
	echo "postfix $D/out/postfix root root 0600 postfix -c $D/postfix reload && echo postfix >>$D/reloads"
} >"$D/deploy.conf"
: >"$D/reloads"
DEP="sh $TOP/examples/pemkit-deploy.sh --config $D/deploy.conf --ca-file $D/v3/root.crt"
for b in wrongkey wrongorder; do
	ok "deploy-refuses-$b" "RENEWED_LINEAGE=$LE/$b RENEWED_DOMAINS=$NAME $DEP >$D/dep.out 2>$D/dep.err; r=\$?;
	    cat $D/dep.out $D/dep.err; [ \$r -eq 1 ] &&
	    [ \$(grep -c '\"status\":\"refused\"' $D/dep.out) -eq 4 ] &&
	    [ \$(grep -c 'refused, nothing replaced' $D/dep.err) -eq 1 ] &&
	    [ ! -s $D/reloads ]"
	while IFS='|' read -r n p a want; do
		ok "deploy-$b-$n-still-v2" "tls-fetch $a 127.0.0.1:$p |
		    key-match $D/v2/server.key - >/dev/null"
	done <"$D/endpoints"
done
ok deploy-certbot-renewal "RENEWED_LINEAGE=$LE/live RENEWED_DOMAINS=$NAME $DEP >$D/dep.out; r=\$?; cat $D/dep.out;
    [ \$r -eq 0 ] &&
    [ \$(grep -c '\"status\":\"deployed\".*\"reload\":\"ok\"' $D/dep.out) -eq 4 ] &&
    printf 'nginx\nhaproxy\ndovecot\npostfix\n' | cmp - $D/reloads"
ok deploy-key-files-0600 "[ \$(stat -c %a $D/out/nginx/privkey.pem $D/out/haproxy/server.pem $D/out/dovecot/server.key $D/out/postfix/chain.pem | sort -u) = 600 ]"
while IFS='|' read -r n p a want; do
	ok "deploy-$n-new-leaf" "i=0; until tls-fetch -t 2 $a 127.0.0.1:$p 2>/dev/null |
	    key-match $D/v3/server.key - >/dev/null 2>&1; do
	    i=\$((i + 1)); [ \$i -ge 50 ] && exit 1; sleep 0.2; done"
	ok "deploy-$n-bytes" "tls-fetch $a 127.0.0.1:$p | cmp - $LE/live/fullchain.pem"
	ok "deploy-$n-verify" "tls-fetch $a 127.0.0.1:$p |
	    chain-order --verify -C $D/v3/root.crt -H $NAME >/dev/null"
done <"$D/endpoints"
ok deploy-second-run-reloads-nothing "RENEWED_LINEAGE=$LE/live RENEWED_DOMAINS=$NAME $DEP >$D/dep.out; r=\$?; cat $D/dep.out;
    [ \$r -eq 0 ] &&
    [ \$(grep -c '\"status\":\"unchanged\".*\"reload\":\"not-run\"' $D/dep.out) -eq 4 ] &&
    [ \$(wc -l <$D/reloads) -eq 4 ]"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
