# Man pages render as words, not flags (issue 12): mandoc -Tascii of every
# page holds none of the marks of a macro that swallowed its line; the
# check itself catches such a page.
t ok-man-pages-render-clean 0 "sh $TOP/tests/manlint $TOP/man/*.1 $TOP/man/*.7" '' ''
printf '.Dd December 1, 2026\n.Dt BAD 1\n.Os\n.Sh NAME\n.Nm bad\n.Nd bad\n.Sh EXIT STATUS\nwritten\n.Pq with Fl p : the partial chain was\nand\n.Pq Ql subject= , Ql Bag Attributes , mail text .\n' >"$O/bad.1"
t no-man-lint-catches-glued-flags 1 "sh $TOP/tests/manlint bad.1" \
    'manlint: bad.1:7:     written (with -p: -the -partial -chain -was) and (`subject=, `Bag' ''
# every filter's -h: the usage line, then one line per option
for f in $(make -s -C "$TOP" list-filters); do
	t "ok-help-one-line-per-option-$f" 0 \
	    "$f -h | awk '/^options:/ { on = 1; next } on { n++ } END { print n }'" \
	    "$(grep -o 'getopt_long(argc, argv, OPTS' "$TOP/filters/$f.c" >/dev/null && sed -n 's/^#define OPTS.*"\(.*\)"/\1/p' "$TOP/filters/$f.c" | tr -d : | awk '{ print length }')" ''
done
