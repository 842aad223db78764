#!/bin/sh
# tests/lib/wait.sh WHAT [ARG...]: wait, in 0.05 s steps and 20 s at
# most, for a condition instead of a fixed time (issue 24 item 11: a case
# that races a signal must not fail on a loaded machine).  Exits 0 when
#   sent FILE           FILE exists
#   running PID NAME    PID runs NAME (it has exec'd; NAME may follow
#                       make valgrind's wrapper in the command line)
#   caught PID NUMBER   PID has a handler for signal NUMBER (1-16)
#   temp                a temporary .pemkit.* file is in this directory
# else says which condition did not come and exits 1.
i=0
while [ $i -lt 400 ]; do
	case $1 in
	sent) [ -e "$2" ] && exit 0 ;;
	running) tr '\0' ' ' </proc/$2/cmdline 2>/dev/null |
		grep -q "$3" && exit 0 ;;
	caught) m=$(sed -n 's/^SigCgt:[[:space:]]*//p' /proc/$2/status 2>/dev/null)
		m=${m#${m%????}}
		[ -n "$m" ] && [ $((0x$m >> ($3 - 1) & 1)) -eq 1 ] && exit 0 ;;
	temp) ls -a | grep -q '^\.pemkit\.' && exit 0 ;;
	esac
	sleep 0.05
	i=$((i + 1))
done
echo "wait.sh: $*: not after 20 s" >&2
exit 1
