#!/usr/bin/env bash
# The GitHub Action's step (action.yml): runs `cxlint check` with annotations on standard output (-f github), the
# Markdown report in the step summary ($GITHUB_STEP_SUMMARY) and, when asked, a SARIF file, and exits with cxlint's
# exit code (0 clean, 1 findings, 2 the run could not be done): every report is written before cxlint exits.
#
# Environment (set by action.yml from its inputs; the test sets them itself):
#   INPUT_PATHS    files and folders, one per line (default: .)
#   INPUT_ARGS     extra arguments, split at whitespace; no quotes, no globbing, no expansion
#   INPUT_SARIF    a file for the SARIF report, or empty
#   INPUT_VERSION  a cxlint version to run with npx, or empty for this checkout's bin/cxlint.js
#   CXLINT_BIN     the cxlint script run with node when INPUT_VERSION is empty (default: ../bin/cxlint.js from here)
set -o pipefail
IFS=$' \t\n'

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -n "${INPUT_VERSION:-}" ]]; then
  cxlint=(npx --yes "cxlint@${INPUT_VERSION}")
else
  cxlint=(node "${CXLINT_BIN:-$here/../bin/cxlint.js}")
fi

# One path per line, trimmed; blank lines skipped.
paths=()
while IFS= read -r line || [[ -n "$line" ]]; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  if [[ -n "$line" ]]; then paths+=("$line"); fi
done <<< "${INPUT_PATHS:-.}"
if (( ${#paths[@]} == 0 )); then paths=(.); fi

# Word splitting only: globbing off, and the text is never evaluated.
set -f
# shellcheck disable=SC2206
args=(${INPUT_ARGS:-})
set +f

formats=(-f github)
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then formats+=(-f "markdown:${GITHUB_STEP_SUMMARY}"); fi
if [[ -n "${INPUT_SARIF:-}" ]]; then formats+=(-f "sarif:${INPUT_SARIF}"); fi

# `--`: a path that starts with `-` is still a path.
"${cxlint[@]}" check ${args[@]+"${args[@]}"} "${formats[@]}" -- "${paths[@]}"
status=$?
if (( status == 2 )); then echo "::error title=cxlint::cxlint could not run (exit 2); see the lines above" >&2; fi
exit "$status"
