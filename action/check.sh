#!/usr/bin/env bash
# The check step of the GitHub Action in action.yml, kept in a file of its own so that
# tests/integrations.rs can run it as the runner does. It marks each finding on the line
# it concerns (`--format github`), writes the same findings as SARIF for code scanning,
# and exits with regard's status.
#
# Inputs come as environment variables, never spliced into the script:
#   REGARD_PATHS  folders or files to check, separated by spaces (default: .)
#   REGARD_AS_OF  the check date (YYYY-MM-DD), or empty for today
#   REGARD_DENY   `warnings` to fail on warnings too, or empty
#   REGARD_SARIF  where to write the SARIF log
set -uo pipefail

read -r -a paths <<< "${REGARD_PATHS:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
options=()
[ -n "${REGARD_AS_OF:-}" ] && options+=(--as-of "$REGARD_AS_OF")
[ -n "${REGARD_DENY:-}" ] && options+=(--deny "$REGARD_DENY")

regard check "${paths[@]}" "${options[@]}" --format github
status=$?

if [ -n "${REGARD_SARIF:-}" ]; then
  regard check "${paths[@]}" "${options[@]}" --format sarif > "$REGARD_SARIF"
  sarif_status=$?
  # A SARIF log is written whenever regard could run (status 0 or 1).
  if [ "$sarif_status" -gt 1 ]; then
    echo "::warning::regard could not write the SARIF log (exit status $sarif_status)"
    rm -f "$REGARD_SARIF"
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-status=$status" >> "$GITHUB_OUTPUT"
  [ -n "${REGARD_SARIF:-}" ] && [ -f "$REGARD_SARIF" ] && echo "sarif=$REGARD_SARIF" >> "$GITHUB_OUTPUT"
fi
exit "$status"
