#!/usr/bin/env bash
# npm ci in each package folder given, only when its lock file changed since the last install.
set -euo pipefail
for dir in "$@"; do
  [[ -f "$dir/package.json" ]] || continue
  stamp="$dir/node_modules/.tsumiki-lock-stamp"
  lock="$dir/package-lock.json"
  if [[ -f "$stamp" && -f "$lock" ]] && cmp -s "$lock" "$stamp"; then continue; fi
  if [[ -f "$lock" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$lock" "$stamp"
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done
