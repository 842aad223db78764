# Last of the suite: no case replaced /dev/null (an -o that renamed over
# it, as root, once turned it into a regular file holding our output).
t ok-suite-left-dev-null-a-device 0 'stat -L -c %F /dev/null; wc -c </dev/null' \
    'character special file
0' ''
