#!/usr/bin/env bash
# Runs this repository's pre-commit hooks with the real pre-commit (from PyPI, in a private
# venv under target/) on a throwaway git repository, with the axiom-lint that `cargo test`
# already built: the `language: system` hook, so CI does not compile the project twice.
# Checks which files pre-commit hands over (its `files` regex ANDed with `types`), that the
# hooks fail on a token, and that one process prints one summary (`require_serial`), for the
# formats hook and for the every-text-file hook, through `try-repo` and through the README's
# two `.pre-commit-config.yaml` snippets, read from README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
repo_root=$(pwd)
binary="$repo_root/target/debug/axiom-lint"
if [[ ! -x "$binary" ]]; then
  echo "pre-commit hooks: $binary is missing; run cargo test (or cargo build) first" >&2
  exit 1
fi

venv="$repo_root/target/ci-venv"
if [[ ! -x "$venv/bin/pre-commit" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.7.0"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$repo_root/target/debug:$PATH"
export PRE_COMMIT_HOME="$work/cache"
cd "$work"
git init --quiet repo
cd repo
git config user.email ci@example.invalid
git config user.name ci

# A token shaped like a real one, built here so this script holds none.
token="xaat-$(printf '%08x' 305419896)-1a2b-4c3d-8e9f-0a1b2c3d4e5f"
mkdir -p app infra .vscode
# Files the hook must receive, one per supported name pattern, each with a token.
printf 'AXIOM_TOKEN=%s\n' "$token" > app/.env
printf 'AXIOM_TOKEN="%s"\n' "$token" > app/.env.production
printf 'AXIOM_TOKEN=%s\n' "$token" > app/prod.env
printf 'AXIOM_TOKEN=%s\n' "$token" > .dev.vars
printf 'AXIOM_TOKEN=%s\n' "$token" > app/.env-example
printf 'AXIOM_TOKEN=%s\n' "$token" > env.example
printf 'provider "axiom" {\n  api_token = "%s"\n}\n' "$token" > infra/main.tf
printf 'axiom_api_token = "%s"\n' "$token" > infra/prod.tfvars
printf '[sinks.axiom]\ntype = "axiom"\ntoken = "%s"\n' "$token" > vector.toml
printf '{"env": {"AXIOM_TOKEN": "%s"}}\n' "$token" > vercel.json
printf '// comments allowed\n{"env": {"AXIOM_TOKEN": "%s"},}\n' "$token" > .vscode/settings.jsonc
printf '{"settings": {"env": {"AXIOM_TOKEN": "%s"}}}\n' "$token" > app.code-workspace
expected=(app/.env app/.env.production app/prod.env .dev.vars app/.env-example env.example
  infra/main.tf infra/prod.tfvars
  vector.toml vercel.json .vscode/settings.jsonc app.code-workspace)
# Files the hook must not receive: not a format it reads, a lock file, and a binary file
# (pre-commit reads the content of names without a known extension, such as `.env.local`).
printf 'export AXIOM_TOKEN=%s\n' "$token" > deploy.sh
printf '{"packages": {"": {"x": "%s"}}}\n' "$token" > package-lock.json
printf 'AXIOM_TOKEN=%s\0\n' "$token" > app/.env.local
git add -A

fail() {
  echo "pre-commit hooks: $1" >&2
  echo "$output" >&2
  exit 1
}
# Checks one run of a formats hook: it failed (every file holds a token), received every
# expected file and none of the others, printed one summary and no token.
check_formats_run() {
  local label=$1 file summaries
  [[ $status -ne 0 ]] || fail "$label passed although every file holds a token"
  for file in "${expected[@]}"; do
    grep -q -- "$file" <<<"$output" || fail "$label: pre-commit did not pass $file to the hook"
  done
  for file in deploy.sh package-lock.json app/.env.local; do
    if grep -q -- "$file" <<<"$output"; then fail "$label: pre-commit passed $file to the hook"; fi
  done
  summaries=$(grep -c '^Found [0-9]* problem' <<<"$output" || true)
  [[ $summaries -eq 1 ]] || fail "$label: expected one summary from one process, got $summaries"
  if grep -q "$token" <<<"$output"; then fail "$label: a token body reached the hook's output"; fi
}

# The README's `.pre-commit-config.yaml` snippets, in the order they appear under
# "## pre-commit", so the test runs what a user copies and the two cannot drift apart.
readme_snippet() {
  awk -v want="$1" '
    /^## / { in_section = ($0 == "## pre-commit") }
    in_section && /^```yaml$/ { block++; inside = 1; next }
    inside && /^```$/ { inside = 0; next }
    inside && block == want { print }
  ' "$repo_root/README.md"
}
remote_snippet=$(readme_snippet 1)
local_snippet=$(readme_snippet 2)
grep -q '^    rev: ' <<<"$remote_snippet" || { echo "pre-commit hooks: README's first snippet has no rev" >&2; exit 1; }
grep -q '^  - repo: local$' <<<"$local_snippet" || { echo "pre-commit hooks: README's second snippet is not a local hook" >&2; exit 1; }
# Pinned to this checkout's commit, as the README says; the hooks are the committed ones.
commit=$(git -C "$repo_root" rev-parse HEAD)
# The snippet as a user writes it, but for this repository and commit, and with the
# `language: system` hook beside the README's `axiom-lint` (its cargo build would compile the
# project a second time): same hook definition otherwise, same `entry`, `files`, `types`.
pinned_config() {
  sed -E \
    -e "s|^(  - repo: ).*|\\1$repo_root|" \
    -e "s|^(    rev: ).*|\\1$commit|" \
    -e 's|^(      - id: axiom-lint)( .*)?$|\1-system\2|' <<<"$remote_snippet"
}
pinned_config > "$work/remote.yaml"
grep -q "^      - id: axiom-lint-system" "$work/remote.yaml" || fail "README's snippet names no axiom-lint hook"
printf '%s\n' "$local_snippet" > "$work/local.yaml"

status=0
output=$("$venv/bin/pre-commit" try-repo "$repo_root" axiom-lint-system --all-files --verbose 2>&1) || status=$?
check_formats_run "try-repo"
status=0
output=$("$venv/bin/pre-commit" run --config "$work/remote.yaml" --all-files --verbose 2>&1) || status=$?
check_formats_run "the README's pinned snippet"
status=0
output=$("$venv/bin/pre-commit" run --config "$work/local.yaml" --all-files --verbose 2>&1) || status=$?
check_formats_run "the README's local snippet"

# The text hook takes every text file: the shell script too, but still no lock file and no
# binary file.
status=0
output=$("$venv/bin/pre-commit" try-repo "$repo_root" axiom-lint-text-system --all-files --verbose 2>&1) || status=$?
[[ $status -ne 0 ]] || fail "the text hook passed although every file holds a token"
for file in "${expected[@]}" deploy.sh; do
  grep -q -- "$file" <<<"$output" || fail "pre-commit did not pass $file to the text hook"
done
for file in package-lock.json app/.env.local; do
  if grep -q -- "$file" <<<"$output"; then fail "pre-commit passed $file to the text hook"; fi
done
summaries=$(grep -c '^Found [0-9]* problem' <<<"$output" || true)
[[ $summaries -eq 1 ]] || fail "expected one summary from the text hook, got $summaries"
if grep -q "$token" <<<"$output"; then fail "a token body reached the text hook's output"; fi
# A user's `args: [--fix]` adds to the hook's `--force-exclude` (it is in `entry`), so the
# `exclude` globs of their axiom-lint.toml still hold for the files pre-commit names.
mkdir -p vendor
printf '[sinks.vendored]\ntype = "axiom"\ntoken = "%s"\n' "$token" > vendor/vector.toml
printf 'exclude = ["vendor/**"]\n' > axiom-lint.toml
git add -A
pinned_config | sed -E 's|^(      - id: axiom-lint-system.*)$|\1\n        args: [--fix]|' > "$work/fix.yaml"
grep -q '^        args: \[--fix\]$' "$work/fix.yaml" || fail "could not add args: [--fix] to the README's snippet"
status=0
output=$("$venv/bin/pre-commit" run --config "$work/fix.yaml" --all-files --verbose 2>&1) || status=$?
[[ $status -ne 0 ]] || fail "the hook with args: [--fix] passed although files hold a token"
grep -q -- "infra/main.tf" <<<"$output" || fail "the hook with args: [--fix] did not lint infra/main.tf"
if grep -q -- "vendor/vector.toml" <<<"$output"; then fail "args: [--fix] dropped the exclude globs: vendor/vector.toml was linted"; fi
if grep -q "$token" <<<"$output"; then fail "a token body reached the output of the hook with args: [--fix]"; fi
echo "pre-commit hooks: ok (try-repo and both README snippets: ${#expected[@]} formats passed, 3 files left out, one summary; the text hook also scans deploy.sh; args: [--fix] keeps the excludes)"
