#!/usr/bin/env bash
# Builds real go.dev-style Go archives (go<version>.linux-amd64.tar.gz holding go/...) from
# Debian's Go packages, for the loopback release server used by the e2e tests and benchmarks.
# The archives live outside git, in $GO_FIXTURES_DIR (default ~/.cache/go-paas-build/fixtures),
# and are built once per machine: an archive that exists is kept.
# The system's apt configuration is left alone: a private source list and state dir are used.
set -euo pipefail

dest="${GO_FIXTURES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/go-paas-build/fixtures}"
# minor -> Debian suite that ships golang-<minor>-go
declare -A suites=(
  [1.19]=bookworm
  [1.21]=bookworm-backports
  [1.22]=bookworm-backports
  [1.23]=bookworm-backports
  [1.24]=trixie
  [1.25]=trixie-backports
  [1.26]=trixie-backports
)
minors=("${@:-1.19 1.21 1.22 1.23 1.24 1.25 1.26}")
read -r -a minors <<<"${minors[*]}"

mkdir -p "$dest"
have() { compgen -G "$dest/go$1.[0-9]*.linux-amd64.tar.gz" >/dev/null || compgen -G "$dest/go$1.linux-amd64.tar.gz" >/dev/null; }

missing=()
for m in "${minors[@]}"; do have "$m" || missing+=("$m"); done
if ((${#missing[@]} == 0)); then
  echo "go fixtures: all present in $dest"
  exit 0
fi

uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
uri=${uri:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial"
{
  for s in bookworm bookworm-backports trixie trixie-backports; do
    echo "deb [signed-by=$keyring] $uri $s main"
  done
} >"$work/sources.list"
apt_opts=(
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache::Archives=$work/archives"
  -o "APT::Get::List-Cleanup=0"
)
echo "go fixtures: updating a private package list"
apt-get "${apt_opts[@]}" -qq update

for m in "${missing[@]}"; do
  suite=${suites[$m]:-}
  [ -n "$suite" ] || { echo "go fixtures: no Debian suite known for Go $m" >&2; exit 1; }
  pkgdir="$work/pkg-$m"
  mkdir -p "$pkgdir"
  # The candidate from the suite that ships this minor (trixie is newer than bookworm, so ask by release).
  (cd "$pkgdir" && apt-get "${apt_opts[@]}" -qq -t "$suite" download "golang-$m-go" "golang-$m-src")
  root="$work/root-$m"
  for deb in "$pkgdir"/*.deb; do dpkg -x "$deb" "$root"; done
  goroot="$root/usr/lib/go-$m"
  version=$(head -n1 "$goroot/VERSION")
  stage="$work/stage-$m"
  mkdir -p "$stage"
  cp -rL "$goroot" "$stage/go"
  out="$dest/$version.linux-amd64.tar.gz"
  tar -C "$stage" -czf "$out.tmp" go
  mv "$out.tmp" "$out"
  rm -rf "$root" "$stage" "$pkgdir"
  echo "go fixtures: built $(basename "$out") ($(du -h "$out" | cut -f1))"
done
