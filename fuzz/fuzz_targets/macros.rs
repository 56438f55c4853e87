//! Fuzz target: the RPM macro expander alone, on `%define`/`%global` lines followed by text to
//! expand. Macro bombs and recursion must stop at the expander's depth, work and size limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speclint::syntax::invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(broken) = invariants::macros(&text) {
        panic!("invariant broken: {broken}");
    }
});
