# The build's install targets honour PREFIX, DESTDIR, BINDIR and MANDIR;
# output errors are reported; a closed pipe ends a filter quietly.

# The filters are the Makefile's list (filters/*.c): each installs its
# binary and its page, beside pemkit-ci-check and pemkit(7).
filters=$(make -s -C "$TOP" list-filters)
nf=$(echo $filters | wc -w)
t ok-filter-list-is-filters-dir 0 "echo $filters" \
    "$(cd "$TOP/filters" && ls *.c | sed 's/\.c$//' | tr '\n' ' ' | sed 's/ $//')" ''
t ok-install-destdir-prefix 0 \
    "make -s -C $TOP install DESTDIR=$O/stage PREFIX=/usr >/dev/null && cd stage && find . -type f | sort && stat -c %a usr/bin/pem-split usr/share/man/man1/pem-split.1" \
    "$( { for f in $filters pemkit-ci-check pemkit-deploy; do
	echo "./usr/bin/$f"; echo "./usr/share/man/man1/$f.1"; done
	echo ./usr/share/man/man7/pemkit.7
	echo ./usr/share/pemkit/bundles.mk; } | LC_ALL=C sort)
755
644" ''
t ok-install-bindir-mandir 0 \
    "make -s -C $TOP install DESTDIR=$O/stage2 BINDIR=/opt/pk/bin MANDIR=/opt/pk/man >/dev/null && cd stage2 && ls opt/pk/bin | wc -l && ls opt/pk/man/man1 | wc -l" \
    "$((nf + 2))
$((nf + 2))" ''
t ok-uninstall 0 \
    "make -s -C $TOP uninstall DESTDIR=$O/stage PREFIX=/usr >/dev/null && find stage -type f | wc -l" \
    "0" ''

# stdout on a full disk: exit 2 and a message, as OpenBSD cat does
t trouble-stdout-dev-full 2 "pem-split $F/chain.pem >/dev/full" '' \
    "pem-split: <stdout>: write error: No space left on device"
t trouble-join-stdout-dev-full 2 "pem-join $F/chain.pem >/dev/full" '' \
    "pem-join: <stdout>: write error: No space left on device"
# a closed pipe: killed by SIGPIPE like other filters, with no message
cat "$F/chain.pem" "$F/chain.pem" "$F/chain.pem" >"$O/nine.pem"
i=0; while [ $i -lt 12 ]; do cat "$O/nine.pem"; i=$((i + 1)); done \
    >"$O/many.pem"
i=0; while [ $i -lt 100 ]; do cat "$O/many.pem"; i=$((i + 1)); done \
    >"$O/lots.pem"
t ok-closed-pipe-is-quiet 0 "pem-split lots.pem | head -n 1" \
    "-----BEGIN CERTIFICATE-----" ''

# The floors of common/ (tests/floors, run by make lint): the tree keeps
# them, and a copy with an include that climbs a floor, or that closes a
# loop on one floor, is refused with the file and line.
t ok-floors-tree 0 "sh $TOP/tests/floors $TOP" '' ''
mkdir -p "$O/fl/tests"
cp -r "$TOP/common" "$TOP/filters" "$TOP/README.md" "$TOP/HACKING.md" "$O/fl/"
cp "$TOP/tests/floors" "$O/fl/tests/"
rm -f "$O"/fl/common/*/*.o "$O"/fl/common/*.a
sed '1i #include "out/certout.h"' \
    "$TOP/common/read/opt.c" >"$O/fl/common/read/opt.c"
t no-floors-include-climbs 1 "sh fl/tests/floors fl >fl.out; r=\$?; head -n 1 fl.out; exit \$r" \
    'floors: common/read/opt.c:1: out/certout.h climbs from floor read to out' ''
cp "$TOP/common/read/opt.c" "$O/fl/common/read/opt.c"
sed 's|^#include "read/pem.h"$|&\n#include "read/opt.h"|' \
    "$TOP/common/read/pem.c" >"$O/fl/common/read/pem.c"
t no-floors-include-loop 1 "sh fl/tests/floors fl" \
    'floors: include loop between modules:
	read/opt
	read/pem' ''
