#!/usr/bin/env bash
# Runs the fuzz target for a while (default 10 minutes), with a corpus seeded from every
# fixture, example and standard library file, and a dictionary of the language's words.
#
#   fuzz/run.sh            # 600 seconds
#   fuzz/run.sh 3600       # an hour
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). With a nightly toolchain the target is
# built with AddressSanitizer; on stable, with `--sanitizer none` (regard has no unsafe
# code of its own, so that loses little).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
corpus=fuzz/corpus/check
mkdir -p "$corpus"
find tests/ui tests/fmt examples stdlib docs/drafting -type f \( -name '*.regard' -o -name '*.unformatted' \) |
  while read -r f; do cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"; done
if cargo +nightly --version > /dev/null 2>&1; then
  toolchain=(+nightly)
  sanitizer=()
else
  toolchain=()
  sanitizer=(--sanitizer none)
fi
cargo "${toolchain[@]}" fuzz run check "${sanitizer[@]}" --release "$corpus" -- \
  -max_total_time="$seconds" -dict=fuzz/regard.dict -max_len=4096 -print_final_stats=1
