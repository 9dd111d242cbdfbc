//! Arbitrary bytes through everything regard does with a file: reading (E0002 for what
//! is not UTF-8), parsing (the fast path must agree with the grammar), checking against
//! the standard library, rendering every output format, and formatting (which must be
//! idempotent and must not change what `regard check` reports). A panic anywhere, or a
//! broken property, is a crash.
//!
//! `fuzz/run.sh` seeds the corpus with every fixture and example and runs it; see
//! docs/performance.md.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| regard::invariants::check_input(bytes));
