# Man pages render as words, not flags (issue 12): mandoc -Tascii of every
# page holds none of the marks of a macro that swallowed its line; the
# check itself catches such a page.
t ok-man-pages-render-clean 0 "sh $TOP/tests/manlint $TOP/man/*.1 $TOP/man/*.7" '' ''
printf '.Dd December 1, 2026\n.Dt BAD 1\n.Os\n.Sh NAME\n.Nm bad\n.Nd bad\n.Sh EXIT STATUS\nwritten\n.Pq with Fl p : the partial chain was\nand\n.Pq Ql subject= , Ql Bag Attributes , mail text .\n' >"$O/bad.1"
t no-man-lint-catches-glued-flags 1 "sh $TOP/tests/manlint bad.1" \
    'manlint: bad.1:7:     written (with -p: -the -partial -chain -was) and (`subject=, `Bag' ''
# every filter's -h: the usage line equals the man SYNOPSIS, the -h list
# names the options of the usage line, and the page describes each
for f in $(make -s -C "$TOP" list-filters); do
	t "ok-help-usage-man-agree-$f" 0 "sh $TOP/tests/synopsis $f" '' ''
done
# ... and the check catches a -h list that lost an option, and a page
# that does not describe one
mkdir -p "$O/syn/bin" "$O/syn/man"
printf '#!/bin/sh\nder2pem -h | grep -v -- "-t, --label"\n' >"$O/syn/bin/der2pem"
chmod +x "$O/syn/bin/der2pem"
cp "$TOP/man/der2pem.1" "$O/syn/man/der2pem.1"
t no-synopsis-catches-help-without-option 1 \
    "SYNOPSIS_BIN=$O/syn/bin SYNOPSIS_MAN=$O/syn/man sh $TOP/tests/synopsis der2pem" \
    'synopsis: der2pem: -h lists "V c h o FILE s v", the usage line "V c h o FILE s t LABEL v"' ''
mkdir -p "$O/syn2/man"
sed '/^\.It Fl t/d' "$TOP/man/der2pem.1" >"$O/syn2/man/der2pem.1"
t no-synopsis-catches-page-without-option 1 \
    "SYNOPSIS_MAN=$O/syn2/man sh $TOP/tests/synopsis der2pem" \
    "synopsis: der2pem: -t is not described in $O/syn2/man/der2pem.1" ''
