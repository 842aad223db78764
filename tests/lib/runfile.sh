#!/bin/sh
# tests/lib/runfile.sh T-FILE: run one t-file for tests/run, which starts
# TJOBS of these at a time (xargs -P) with its environment exported.  The
# file gets its own scratch directory, $O_ROOT/NAME (NAME: t-foo), so no
# two files share a path, and none depends on another or on the order:
# its messages go to $O_ROOT/NAME.log and its counts, with the state of
# /dev/null after it, to $O_ROOT/NAME.counts, which tests/run adds up.
cd "$TOP" || exit 2
# (names with a prefix no t-file uses: the file is sourced here)
_rf_name=${1##*/}
_rf_name=${_rf_name%.sh}
_rf_out=$O_ROOT/$_rf_name
O=$_rf_out
export O
rm -rf "$O"
mkdir -p "$O"
pass=0 fail=0 skip=0 skip_tool=0 tools_missing= requires_tools=
. tests/lib/cases.sh
. tests/lib/messy.sh
_rf_t0=$(date +%s)
. "./${1#./}" >"$_rf_out.log" 2>&1 </dev/null
_rf_null=ok
{ [ -c /dev/null ] && [ ! -s /dev/null ]; } || _rf_null=replaced
echo "$pass $fail $skip $skip_tool $_rf_null $tools_missing" >"$_rf_out.counts"
# its seconds, for the suite's budget (sort -rn tests/out/*.secs | head)
echo $(($(date +%s) - _rf_t0)) "$_rf_name" >"$_rf_out.secs"
