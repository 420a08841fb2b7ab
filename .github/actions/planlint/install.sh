#!/usr/bin/env bash
# Install planlint for the action: the release archive for this runner, verified against its
# SHA-256 file; built from source only when the version has no release (an unreleased ref).
# A checksum that does not match stops the job: it is never papered over by a build.
#
# Usage: install.sh DEST VERSION REPOSITORY SOURCE_DIR
#   DEST        where to install (DEST/bin/planlint)
#   VERSION     the workspace version (release tag vVERSION)
#   REPOSITORY  https://github.com/OWNER/NAME, the release's home
#   SOURCE_DIR  the checkout of planlint to build from when there is no release
# PLANLINT_RELEASES overrides the download base (REPOSITORY/releases/download), e.g. a mirror
# or, in tests, a file:// folder.
set -euo pipefail
dest=${1:?DEST}; version=${2:?VERSION}; repository=${3:?REPOSITORY}; source_dir=${4:?SOURCE_DIR}

os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ext=tar.gz ;;
  Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ext=tar.gz ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ext=tar.gz ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ext=tar.gz ;;
  Windows/X64) target=x86_64-pc-windows-msvc ext=zip ;;
  *) target="" ext="" ;;
esac

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d ' ' -f 1
}

build() {
  echo "planlint $version: $1; building it from source"
  cargo install --locked --quiet --path "$source_dir/crates/planlint" --root "$dest"
}

mkdir -p "$dest/bin"
if [ -z "$target" ]; then
  build "no release archive for $os/$arch"
  exit 0
fi
base="${PLANLINT_RELEASES:-$repository/releases/download}/v$version"
name="planlint-$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! curl -fsSL --retry 3 "$base/$name.$ext" -o "$work/$name.$ext" \
  || ! curl -fsSL --retry 3 "$base/$name.$ext.sha256" -o "$work/$name.$ext.sha256"; then
  build "no release v$version found at $base"
  exit 0
fi
want=$(cut -d ' ' -f 1 "$work/$name.$ext.sha256" | tr -d '\r\n')
got=$(sha256 "$work/$name.$ext")
if [ "$want" != "$got" ]; then
  echo "::error::planlint $version: the SHA-256 of $name.$ext is $got, its release says $want; refusing to install it" >&2
  exit 1
fi
if [ "$ext" = zip ]; then
  unzip -q "$work/$name.$ext" -d "$work"
  cp "$work/$name/planlint.exe" "$dest/bin/"
else
  tar -xzf "$work/$name.$ext" -C "$work"
  cp "$work/$name/planlint" "$dest/bin/"
fi
echo "installed the released planlint $version ($target, SHA-256 verified)"
