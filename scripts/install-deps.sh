#!/usr/bin/env bash
# Installs what building, running and testing Tsumiki need, from Debian 12 packages only:
# a no-op (and silent) when everything is already there.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config make git
  libboost1.81-dev libboost-system1.81-dev
  libsqlite3-dev libsodium-dev libicu-dev libssl-dev liboath-dev libmagic-dev libcurl4-openssl-dev libldap-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium fonts-noto-cjk wrk clang-format clang sqlite3 slapd ldap-utils openssl)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# node and npm may come from elsewhere (e.g. a newer Node.js); accept them if present.
if command -v node >/dev/null && command -v npm >/dev/null; then
  kept=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || kept+=("$p"); done
  missing=("${kept[@]+"${kept[@]}"}")
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
