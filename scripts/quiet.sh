#!/usr/bin/env bash
# quiet.sh N CMD...: runs CMD; on success prints only its last N lines (the summary), on
# failure all of its output, and exits with its status.
set -uo pipefail
lines=$1; shift
log=$(mktemp)
"$@" >"$log" 2>&1
status=$?
if [[ $status -eq 0 ]]; then tail -n "$lines" "$log"; else cat "$log"; fi
rm -f "$log"
exit $status
