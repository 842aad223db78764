# pemkit-deploy (examples/pemkit-deploy.sh): the lineage of each ACME
# client, the checks that refuse a broken renewal with nothing replaced,
# the atomic install with owner, group and mode (as root), unchanged
# bytes left alone, one reload per target, the rollback of a failing
# reload, the configuration's errors.  The deployment PKI (valid
# 2020-2039): www -> Issuing CA 1 -> Policy CA -> Root X2.

DP="$F/pki"
DEP="sh $TOP/examples/pemkit-deploy.sh"
DW="$O/dep"
mkdir -p "$DW/live" "$DW/ng" "$DW/hap" "$DW/pf"
# certbot's live/NAME/: cert.pem, chain.pem, fullchain.pem, privkey.pem
lineage() {	# lineage DIR CERT KEY
	mkdir -p "$1"
	cp "$2" "$1/cert.pem"
	cat "$DP/issuing1.pem" "$DP/policy.pem" >"$1/chain.pem"
	cat "$2" "$1/chain.pem" >"$1/fullchain.pem"
	cp "$3" "$1/privkey.pem"
}
lineage "$DW/live" "$DP/www-rsa.pem" "$DP/www-rsa.key"
lineage "$DW/renewed" "$DP/www-rsa-renewed.pem" "$DP/www-rsa-renewed.key"
# broken renewals: the old key with the new certificate; the
# intermediate before the leaf
lineage "$DW/wrongkey" "$DP/www-rsa-renewed.pem" "$DP/www-rsa.key"
lineage "$DW/wrongorder" "$DP/www-rsa-renewed.pem" "$DP/www-rsa-renewed.key"
cat "$DP/issuing1.pem" "$DP/www-rsa-renewed.pem" "$DP/policy.pem" \
    >"$DW/wrongorder/fullchain.pem"
if [ "$(id -u)" = 0 ]; then
	NGO="root daemon 0640" HAPO="nobody nogroup 600"
else
	NGO="- - 0600" HAPO="- - 600"
fi
cat >"$DW/conf" <<EOF
# the web servers
nginx $DW/ng $NGO echo nginx >>$DW/reloads
haproxy $DW/hap $HAPO echo haproxy >>$DW/reloads   # one crt file
postfix $DW/pf - - 0600
EOF
RUN="RENEWED_DOMAINS=www.deploy.example $DEP --config dep/conf --ca-file $DP/root-x2.pem"
CK='"checks":"passed","checked":["key-match","chain-order","names"]'
ng() { echo "{\"schema\":\"pemkit/1\",\"target\":\"dep/conf:2\",\"profile\":\"nginx\",\"destdir\":\"$DW/ng\",$1}"; }
hap() { echo "{\"schema\":\"pemkit/1\",\"target\":\"dep/conf:3\",\"profile\":\"haproxy\",\"destdir\":\"$DW/hap\",$1}"; }
pf() { echo "{\"schema\":\"pemkit/1\",\"target\":\"dep/conf:4\",\"profile\":\"postfix\",\"destdir\":\"$DW/pf\",$1}"; }
NOLINT="pemkit-deploy: cert-lint is not installed: the leaf was not linted"
command -v cert-lint >/dev/null 2>&1 && {
	CK='"checks":"passed","checked":["key-match","chain-order","names","cert-lint"]'
	NOLINT=
}
dep_cmp() {	# the installed files are the bundles of lineage $1
	echo "pem-join -k $DW/$1/fullchain.pem $DW/$1/privkey.pem | cmp - $DW/pf/chain.pem &&
	    cmp $DW/$1/fullchain.pem $DW/ng/fullchain.pem &&
	    pem-join -K $DW/$1/fullchain.pem $DW/$1/privkey.pem | cmp - $DW/hap/server.pem"
}

t ok-deploy-certbot-first-run 0 "RENEWED_LINEAGE=dep/live $RUN" \
    "$(ng '"status":"deployed","changed":["fullchain.pem","privkey.pem"],'"$CK"',"reload":"ok"')
$(hap '"status":"deployed","changed":["server.pem"],'"$CK"',"reload":"ok"')
$(pf '"status":"deployed","changed":["chain.pem"],'"$CK"',"reload":"none"')" "$NOLINT"
ok ok-deploy-certbot-files-are-the-bundles "$(dep_cmp live)"
t ok-deploy-reload-once-per-target 0 "cat dep/reloads" "nginx
haproxy" ''
if [ "$(id -u)" = 0 ]; then
	t ok-deploy-modes-and-owners 0 "cd dep && stat -c '%a %U %G %n' ng/* hap/* pf/*" \
	    "644 root daemon ng/fullchain.pem
640 root daemon ng/privkey.pem
600 nobody nogroup hap/server.pem
600 root root pf/chain.pem" ''
else
	skip=$((skip + 1))
fi
t ok-deploy-unchanged-no-reload 0 "RENEWED_LINEAGE=dep/live $RUN && cat dep/reloads" \
    "$(ng '"status":"unchanged","changed":[],'"$CK"',"reload":"not-run"')
$(hap '"status":"unchanged","changed":[],'"$CK"',"reload":"not-run"')
$(pf '"status":"unchanged","changed":[],'"$CK"',"reload":"not-run"')
nginx
haproxy"
t ok-deploy-no-temporary-left 0 "ls -A dep/ng dep/hap dep/pf" "dep/hap:
server.pem

dep/ng:
fullchain.pem
privkey.pem

dep/pf:
chain.pem" ''

# broken renewals: refused with one line, nothing replaced, no reload
t no-deploy-wrong-key 1 "RENEWED_LINEAGE=dep/wrongkey $RUN >res; r=\$?; cut -c 1-160 res; exit \$r" \
    "$(ng '"status":"refused","changed":[],"checks":"failed","checked":[],"cause":"key-match: dep/wrongkey/fullchain.pem:1' | cut -c 1-160)
$(hap '"status":"refused","changed":[],"checks":"failed","checked":[],"cause":"key-match: dep/wrongkey/fullchain.pem:1' | cut -c 1-160)
$(pf '"status":"refused","changed":[],"checks":"failed","checked":[],"cause":"key-match: dep/wrongkey/fullchain.pem:1' | cut -c 1-160)"
t no-deploy-wrong-key-one-line 1 "RENEWED_LINEAGE=dep/wrongkey $RUN >/dev/null 2>err; r=\$?; grep -v cert-lint err | sed 's/: its public key.*//'; exit \$r" \
    "pemkit-deploy: refused, nothing replaced: key-match: dep/wrongkey/fullchain.pem:1: cert O=pemkit Deploy,CN=www.deploy.example" ''
t no-deploy-wrong-order 1 "RENEWED_LINEAGE=dep/wrongorder $RUN >/dev/null 2>err; r=\$?; grep -v cert-lint err | grep -c 'refused, nothing replaced: chain-order: the input did not start with the leaf: the leaf is at dep/wrongorder/fullchain.pem:13$'; exit \$r" \
    "1" ''
t no-deploy-name-not-covered 1 "RENEWED_LINEAGE=dep/renewed RENEWED_DOMAINS=mail.deploy.example $DEP --config dep/conf --ca-file $DP/root-x2.pem >/dev/null 2>err; r=\$?; grep -v cert-lint err | grep -o 'refused, nothing replaced: .*does not cover mail.deploy.example'; exit \$r" \
    "refused, nothing replaced: cert-info: dep/renewed/fullchain.pem:1: O=pemkit Deploy,CN=www.deploy.example does not cover mail.deploy.example" ''
t no-deploy-expiring-within 1 "RENEWED_LINEAGE=dep/renewed $RUN --expires-within 10000d >/dev/null 2>err; r=\$?; grep -v cert-lint err | grep -c 'refused, nothing replaced: chain-order:'; exit \$r" \
    "1" ''
t no-deploy-untrusted-root 1 "RENEWED_LINEAGE=dep/renewed RENEWED_DOMAINS=www.deploy.example $DEP --config dep/conf --ca-file $DP/root.pem >/dev/null 2>err; r=\$?; grep -v cert-lint err | grep -c 'refused, nothing replaced: chain-order:'; exit \$r" \
    "1" ''
ok ok-deploy-refusals-replaced-nothing "$(dep_cmp live) && test \$(wc -l <dep/reloads) -eq 2"

# the rollback: a reload that exits 1 puts the previous files back
sed "s|echo haproxy >>$DW/reloads|exit 1|" "$DW/conf" >"$DW/conf-fail"
t no-deploy-reload-fails-rolled-back 1 "RENEWED_LINEAGE=dep/renewed RENEWED_DOMAINS=www.deploy.example $DEP --config dep/conf-fail --ca-file $DP/root-x2.pem >res 2>err; r=\$?; sed -n 2p res; grep -v cert-lint err; exit \$r" \
    "$(hap '"status":"rolled-back","changed":["server.pem"],'"$CK"',"reload":"failed","reload_exit":1' | sed 's|dep/conf:|dep/conf-fail:|')
pemkit-deploy: dep/conf-fail:3: the reload failed (exit 1): the previous files are back" ''
ok ok-deploy-rolled-back-files-are-old "pem-join -K dep/live/fullchain.pem dep/live/privkey.pem | cmp - dep/hap/server.pem &&
    cmp dep/renewed/fullchain.pem dep/ng/fullchain.pem && test \$(ls -A dep/hap | wc -l) -eq 1"
if [ "$(id -u)" = 0 ]; then
	t ok-deploy-rolled-back-mode-owner 0 "stat -c '%a %U %G' dep/hap/server.pem" \
	    "600 nobody nogroup" ''
else
	skip=$((skip + 1))
fi
# the renewal itself, after the failed one: nginx and Postfix have it
# (their reloads worked), HAProxy gets it now, reloaded once
t ok-deploy-renewal 0 "RENEWED_LINEAGE=dep/renewed $RUN 2>/dev/null | grep -o '\"profile\":\"[a-z]*\",.*\"status\":\"[a-z-]*\"' | sed 's/,.*,/ /'; tail -n 3 dep/reloads" \
    "\"profile\":\"nginx\" \"status\":\"unchanged\"
\"profile\":\"haproxy\" \"status\":\"deployed\"
\"profile\":\"postfix\" \"status\":\"unchanged\"
haproxy
nginx
haproxy"
ok ok-deploy-renewal-files-are-new "$(dep_cmp renewed)"

# each ACME client's way of naming the lineage, on a fresh target
cat >"$DW/conf2" <<EOF
nginx $DW/ng2 - - 600
EOF
nl2() { echo "{\"schema\":\"pemkit/1\",\"target\":\"dep/conf2:1\",\"profile\":\"nginx\",\"destdir\":\"$DW/ng2\",\"status\":\"$1\",\"changed\":[$2],$CK,\"reload\":\"$3\"}"; }
R="dep/renewed"
D2="$DEP --config dep/conf2 --ca-file $DP/root-x2.pem"
mkdir -p "$DW/ng2"
t ok-deploy-dehydrated 0 "$D2 deploy_cert www.deploy.example $R/privkey.pem $R/cert.pem $R/fullchain.pem $R/chain.pem 1700000000 2>/dev/null" \
    "$(nl2 deployed '"fullchain.pem","privkey.pem"' none)"
t ok-deploy-dehydrated-other-hook 0 "$D2 deploy_challenge www.deploy.example tok en" '' ''
t ok-deploy-acme-sh-arguments 0 "$D2 acme.sh www.deploy.example $R/privkey.pem $R/cert.pem $R/chain.pem $R/fullchain.pem 2>/dev/null" \
    "$(nl2 unchanged '' not-run)"
t ok-deploy-acme-sh-reloadcmd 0 "Le_Domain=www.deploy.example CERT_KEY_PATH=$R/privkey.pem CERT_PATH=$R/cert.pem CA_CERT_PATH=$R/chain.pem CERT_FULLCHAIN_PATH=$R/fullchain.pem $D2 acme.sh 2>/dev/null" \
    "$(nl2 unchanged '' not-run)"
t ok-deploy-lego-run-hook 0 "LEGO_CERT_DOMAIN=www.deploy.example LEGO_CERT_PATH=$R/fullchain.pem LEGO_CERT_KEY_PATH=$R/privkey.pem $D2 2>/dev/null" \
    "$(nl2 unchanged '' not-run)"
t ok-deploy-explicit-files 0 "$D2 --name www.deploy.example --cert $R/cert.pem --chain $R/chain.pem --key $R/privkey.pem 2>/dev/null" \
    "$(nl2 unchanged '' not-run)"
t no-deploy-dehydrated-wrong-key 1 "$D2 deploy_cert www.deploy.example dep/live/privkey.pem $R/cert.pem $R/fullchain.pem $R/chain.pem 1700000000 2>/dev/null >res; r=\$?; grep -c refused res; exit \$r" \
    "1"
t trouble-deploy-no-lineage 2 "$D2" '*' "pemkit-deploy: no lineage: RENEWED_LINEAGE, deploy_cert, acme.sh or --cert and --key
usage: pemkit-deploy --config FILE [-h] [--ca-file FILE] [--cert FILE]
       [--chain FILE] [--expires-within DURATION] [--key FILE]
       [--name NAME ...] [deploy_cert DOMAIN KEY CERT FULLCHAIN CHAIN
       | acme.sh [DOMAIN KEY CERT CA FULLCHAIN]]"

# the configuration: every error names FILE:LINE, exit 2, nothing done
badconf() {	# badconf NAME LINE: a configuration of the one LINE
	printf '# bad\n%s\n' "$2" >"$DW/$1.conf"
}
badconf wide "nginx $DW/ng2 - - 0644 true"
badconf group "nginx $DW/ng2 - - 0640 true"
badconf prof "lighttpd $DW/ng2 - - 0600 true"
badconf rel "nginx dep/ng2 - - 0600 true"
badconf user "nginx $DW/ng2 no-such-user-x - 0600 true"
badconf short "nginx $DW/ng2 - -"
for c in wide group prof rel user short; do
	eval "cw_$c=\"RENEWED_LINEAGE=dep/renewed $DEP --config dep/$c.conf\""
done
t trouble-deploy-conf-mode-too-wide 2 "$cw_wide" '' \
    "pemkit-deploy: dep/wide.conf:2: mode 0644: a key file is 0600, or 0640 with a group, never wider"
t trouble-deploy-conf-group-mode-without-group 2 "$cw_group" '' \
    "pemkit-deploy: dep/group.conf:2: mode 0640 gives a key to a group: name the group"
t trouble-deploy-conf-unknown-profile 2 "$cw_prof" '' \
    "pemkit-deploy: dep/prof.conf:2: lighttpd: not a profile (nginx apache haproxy postfix dovecot icewarp kerio acm pfx)"
t trouble-deploy-conf-relative-destdir 2 "$cw_rel" '' \
    "pemkit-deploy: dep/rel.conf:2: dep/ng2: DESTDIR is not an absolute path"
t trouble-deploy-conf-unknown-user 2 "$cw_user" '' \
    "pemkit-deploy: dep/user.conf:2: no-such-user-x: no such user"
t trouble-deploy-conf-short-line 2 "$cw_short" '' \
    "pemkit-deploy: dep/short.conf:2: want PROFILE DESTDIR OWNER GROUP MODE RELOAD-COMMAND..."

# cert-lint (installed with the filters): an error finding refuses the
# renewal, its first error the cause; a clean leaf is linted and says
# so.  The bad leaf breaks RFC 5280 4.1.2.2 (a serial of 21 octets),
# which --profile private (a --ca-file anchor) still judges.
mkdir -p "$DW/ng3"
printf 'subjectAltName = DNS:www.deploy.example\nbasicConstraints = CA:false\nkeyUsage = critical,digitalSignature,keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n' >"$DW/lint.ext"
openssl req -new -key "$DP/www-rsa-renewed.key" -subj "/O=pemkit Deploy/CN=www.deploy.example" 2>/dev/null |
    openssl x509 -req -CA "$DP/issuing1.pem" -CAkey "$DP/issuing1.key" \
    -set_serial 0x0102030405060708090a0b0c0d0e0f101112131415 -days 3650 \
    -extfile "$DW/lint.ext" -out "$DW/lint-bad.pem" 2>/dev/null
lineage "$DW/lintbad" "$DW/lint-bad.pem" "$DP/www-rsa-renewed.key"
echo "nginx $DW/ng3 - - 600" >"$DW/conf3"
t no-deploy-cert-lint-error 1 "RENEWED_LINEAGE=dep/lintbad RENEWED_DOMAINS=www.deploy.example $DEP --config dep/conf3 --ca-file $DP/root-x2.pem >res; r=\$?; grep -c refused res; ls dep/ng3 | wc -l; exit \$r" \
    "1
0" "pemkit-deploy: refused, nothing replaced: cert-lint: dep/lintbad/fullchain.pem (the leaf):1: error: e_serial_number_longer_than_20_octets: the serial number is 21 octets long, more than 20 (RFC 5280 4.1.2.2)"
t ok-deploy-cert-lint-clean 0 "RENEWED_LINEAGE=dep/renewed RENEWED_DOMAINS=www.deploy.example $DEP --config dep/conf3 --ca-file $DP/root-x2.pem | grep -o '\"checked\":\[[^]]*\]'" \
    '"checked":["key-match","chain-order","names","cert-lint"]' ''
# a symbolic link in DESTDIR is followed: the file it names is replaced
mkdir -p "$DW/ng4" "$DW/ng4-real"
echo old >"$DW/ng4-real/fullchain.pem"
ln -s ../ng4-real/fullchain.pem "$DW/ng4/fullchain.pem"
echo "nginx $DW/ng4 - - 600" >"$DW/conf4"
t ok-deploy-symlink-followed 0 "RENEWED_LINEAGE=dep/renewed RENEWED_DOMAINS=www.deploy.example $DEP --config dep/conf4 --ca-file $DP/root-x2.pem >/dev/null 2>&1 && test -L dep/ng4/fullchain.pem && cmp dep/renewed/fullchain.pem dep/ng4-real/fullchain.pem && echo ok" \
    "ok" ''
