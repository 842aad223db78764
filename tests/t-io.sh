# -o semantics (CONVENTIONS.md section 2), as root and as an unprivileged
# user: atomic replacement of regular files, in-place writes on anything
# else, symlinks followed, modes never loosened, keys 0600 by content,
# temporary files removed on SIGTERM, closed descriptors 0-2.
#
# Each case is a script run in io-USER/ as that user: as root, once as
# root and once as nobody (setpriv); as anyone else, once as ourselves.

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	io_users="root nobody"
else
	io_users=self
fi

# tu USER NAME STATUS SCRIPT STDOUT [STDERR]
tu() {
	_d="$O/io-$1"
	printf 'umask 022\n%s\n' "$4" >"$_d/$2.sh"
	chmod 644 "$_d/$2.sh"
	case $1 in
	nobody) _run="setpriv --reuid=65534 --regid=65534 --clear-groups --" ;;
	*) _run= ;;
	esac
	t "$2-as-$1" "$3" "cd io-$1 && $_run sh ./$2.sh" "$5" "${6-*}"
}

chmod 755 "$O"		# the suite's umask is 077; nobody must reach io-nobody
# W: tests/lib/wait.sh, copied into $O, which nobody reaches even when
# the tree itself is private
cp "$TOP/tests/lib/wait.sh" "$O/wait.sh"
chmod 644 "$O/wait.sh"
W="sh $O/wait.sh"
for u in $io_users; do
	d="$O/io-$u"
	mkdir -p "$d"
	chmod 777 "$d"
	cp "$F/leaf.pem" "$F/leaf.key" "$d/"
	chmod 644 "$d/leaf.pem" "$d/leaf.key"
	sed 's/$/\r/' "$F/leaf.pem" >"$d/crlf.pem"
	chmod 644 "$d/crlf.pem"

	tu "$u" ok-o-new-file-umask-mode 0 \
	    'pem-split -o new.pem leaf.pem && stat -c %a new.pem && cmp new.pem leaf.pem' \
	    644 ''
	tu "$u" ok-o-keeps-stricter-old-mode 0 \
	    'echo old >m600.pem; chmod 600 m600.pem; echo old >m640.pem; chmod 640 m640.pem
	    pem-split -o m600.pem leaf.pem && pem-split -o m640.pem leaf.pem &&
	    stat -c %a m600.pem m640.pem && cmp m600.pem leaf.pem' \
	    '600
640' ''
	tu "$u" ok-o-looser-old-mode-not-kept 0 \
	    'echo old >m666.pem; chmod 666 m666.pem; pem-split -o m666.pem leaf.pem && stat -c %a m666.pem' \
	    644 ''
	tu "$u" ok-o-key-is-0600-over-0644-file 0 \
	    'echo old >k.pem; chmod 644 k.pem; umask 000; pem-split -o k.pem leaf.key && stat -c %a k.pem && cmp k.pem leaf.key' \
	    600 ''
	# issue 24: a regular file is replaced atomically wherever it is,
	# a world-writable sticky directory or /dev/shm: the key is 0600
	# and nothing of the old file is left after it
	tu "$u" ok-o-key-in-sticky-dir-0600-no-old-tail 0 \
	    's=$(mktemp -d); chmod 1777 "$s"; head -c 9000 /dev/zero | tr "\\0" x >"$s/k.pem"
	    chmod 644 "$s/k.pem"; pem-split -o "$s/k.pem" leaf.key; r=$?
	    stat -c %a "$s/k.pem"; cmp "$s/k.pem" leaf.key && echo same; rm -rf "$s"; exit $r' \
	    '600
same' ''
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		tu "$u" ok-o-key-in-dev-shm-0600-no-old-tail 0 \
		    'k=/dev/shm/pemkit-io-$$.pem; head -c 9000 /dev/zero | tr "\\0" x >"$k"
		    chmod 644 "$k"; pem-split -o "$k" leaf.key; r=$?
		    stat -c %a "$k"; cmp "$k" leaf.key && echo same; rm -f "$k"; exit $r' \
		    '600
same' ''
	else
		skip=$((skip + 1))
	fi
	tu "$u" ok-o-symlink-replaces-target 0 \
	    'mkdir -p live archive; echo old >archive/cert1.pem; chmod 640 archive/cert1.pem
	    ln -sf ../archive/cert1.pem live/cert.pem
	    pem-split -o live/cert.pem leaf.pem && test -L live/cert.pem &&
	    readlink live/cert.pem && stat -c %a archive/cert1.pem && cmp archive/cert1.pem leaf.pem &&
	    ls -a live archive | grep -c "^\.pemkit\." || true' \
	    '../archive/cert1.pem
640
0' ''
	tu "$u" ok-o-dangling-symlink-creates-target 0 \
	    'ln -sf made.pem dangling.pem; pem-split -o dangling.pem leaf.pem && test -L dangling.pem && cmp made.pem leaf.pem && echo made' \
	    made ''
	tu "$u" ok-o-fifo-written-in-place 0 \
	    'rm -f pipe; mkfifo pipe; cat pipe >fifo.out & pem-split -o pipe leaf.pem; wait; test -p pipe && cmp fifo.out leaf.pem && echo fifo' \
	    fifo ''
	tu "$u" trouble-o-fifo-all-or-nothing 2 \
	    'rm -f pipe2; mkfifo pipe2; cat pipe2 >fifo2.out & pem-split -o pipe2 leaf.pem missing.pem; rc=$?; wait; wc -c <fifo2.out; exit $rc' \
	    0 '*'
	# (no fixed sleeps: the input stays open until the signal is sent;
	# pem-join, which opens -o only at the end of its input, is killed
	# once it runs, pem-split once it catches the signal and has made
	# its temporary file: $W, 20 s at most)
	tu "$u" ok-o-sigterm-removes-temp 0 \
	    "echo old >kept.pem; rm -f term.sent; { cat leaf.key; $W sent term.sent; } | pem-join -o kept.pem & p=\$!
	    $W running \$p pem-join; kill -TERM \$p; : >term.sent; wait \$p 2>/dev/null; echo rc=\$?; cat kept.pem; ls -a | grep -c '^\.pemkit\.' || true" \
	    'rc=143
old
0' ''
	tu "$u" ok-o-sighup-removes-temp 0 \
	    "rm -f hup.sent; { cat leaf.key; $W sent hup.sent; } | pem-split -o gone.pem & p=\$!
	    $W caught \$p 1; $W temp; kill -HUP \$p; : >hup.sent; wait \$p 2>/dev/null; echo rc=\$?; test -e gone.pem || echo absent; ls -a | grep -c '^\.pemkit\.' || true" \
	    'rc=129
absent
0' ''
	# (not under make valgrind: valgrind's launcher cannot start with
	# descriptor 2 closed; make check and make asan run this case)
	[ -n "${PEMKIT_WRAP-}" ] ||
	tu "$u" ok-o-closed-stderr-keeps-notes-out 0 \
	    'pem-split -v -o notes.pem crlf.pem 2>&- && cmp notes.pem leaf.pem && echo clean' \
	    clean ''
	tu "$u" ok-o-closed-stdin-stdout 0 \
	    'pem-split -o closed.pem leaf.pem <&- >&- && cmp closed.pem leaf.pem && echo clean' \
	    clean ''
	tu "$u" ok-stdout-key-to-readable-file-warns 0 \
	    'pem-split leaf.key >k644.pem; stat -c %a k644.pem' \
	    644 'pem-split: <stdout>: warning: a private key is being written to a file that group or others can read (mode 0644)'
	tu "$u" ok-stdout-key-to-private-file-quiet 0 \
	    ': >k600.pem; chmod 600 k600.pem; pem-split leaf.key >k600.pem; stat -c %a k600.pem' \
	    600 ''
	# secrecy by content (CONVENTIONS.md section 2)
	tu "$u" ok-secret-der2pem-label-private-key 0 \
	    'printf "\060\003\002\001\000" >unk.der; der2pem -t "PRIVATE KEY" -o unk.pem unk.der && stat -c %a unk.pem' \
	    600 ''
	tu "$u" ok-secret-openssh-private-key 0 \
	    'printf "%s\n" "-----BEGIN OPENSSH PRIVATE KEY-----" b3BlbnNzaC1rZXktdjEAAAAA "-----END OPENSSH PRIVATE KEY-----" >ssh.txt
	    pem-split -o ssh.pem ssh.txt && stat -c %a ssh.pem' \
	    600 ''
	tu "$u" ok-secret-lower-case-private-key-label 0 \
	    'printf "%s\n" "-----BEGIN Some Private Key-----" AAAA "-----END Some Private Key-----" >low.txt
	    pem-join -o low.pem low.txt && stat -c %a low.pem' \
	    600 ''
	tu "$u" ok-secret-openvpn-static-key 0 \
	    'printf "%s\n" "-----BEGIN OpenVPN Static key V1-----" 0123456789abcdef0123456789abcdef "-----END OpenVPN Static key V1-----" >ta.txt
	    pem-split -o ta.pem ta.txt && stat -c %a ta.pem' \
	    600 ''
done

# root only: the owner of a replaced file is kept; a device node (our own,
# made here, never /dev/null itself) is written in place
if [ "$(id -u)" = 0 ]; then
	d="$O/io-root"
	tu root ok-o-root-keeps-owner-and-group 0 \
	    'echo old >owned.pem; chown 65534:65534 owned.pem; chmod 640 owned.pem
	    pem-split -o owned.pem leaf.pem && stat -c "%u:%g %a" owned.pem && cmp owned.pem leaf.pem' \
	    '65534:65534 640' ''
	tu root ok-o-device-node-written-in-place 0 \
	    'rm -f null; mknod -m 666 null c 1 3; cert-info -o null leaf.pem && stat -c %F null' \
	    'character special file' ''
	tu root ok-o-dev-stdout-in-place 0 \
	    'pem-split -o /dev/stdout leaf.pem | cmp - leaf.pem && echo same' \
	    same ''
fi
