#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, address + undefined sanitizers) in $FUZZ_BUILD and
# runs each for SECONDS (default 6) on a scratch copy of fuzz/corpus/<target>, so new
# inputs never land in the repository. A crash leaves its input in
# $FUZZ_BUILD/artifacts/<target>/ and makes the script fail; reproduce it with
#   $FUZZ_BUILD/fuzz/fuzz_<target> $FUZZ_BUILD/artifacts/<target>/crash-…
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]   (targets: query record_json csv multipart)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-6}"
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(query record_json csv multipart)
build="${FUZZ_BUILD:-build-fuzz}"
jobs="${JOBS:-$(nproc)}"

if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ not installed (scripts/install-deps.sh --test installs it)" >&2
  exit 1
fi
if [[ ! -f "$build/build.ninja" ]]; then
  CXX=clang++ CC=clang cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DTSUMIKI_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
fi
ninja -C "$build" -j "$jobs" --quiet "${targets[@]/#/fuzz_}"

passed=0
failed=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  log="$build/fuzz_$t.log"
  if "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "fuzz_$t: ok ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo '?') runs)"
  else
    failed=$((failed + 1))
    echo "fuzz_$t: FAILED; input in $artifacts/, log $log" >&2
    grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$log" >&2 || tail -20 "$log" >&2
  fi
done
echo "fuzz: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
