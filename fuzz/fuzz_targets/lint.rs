//! Fuzz target: any bytes, as a file in every format and encoding, as a configuration file and
//! as an echoed path or argument, go through every stage and renderer without a panic, and
//! no output shows a part of a token the input held (plain, escaped, split or damaged). The
//! body is `axiom_lint_testing::hostile::check`, which a stable test and the
//! `fuzz_stable` example also run.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(leak) = axiom_lint_testing::hostile::check(data) {
        panic!("{leak}");
    }
});
