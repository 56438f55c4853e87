//! Fuzz target: the debian/changelog parser, then its model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speclint::model::{lower, DocKind, LowerOptions};
use speclint::syntax::invariants;

fuzz_target!(|data: &[u8]| {
    // speclint reads files lossily, so the parsers only ever see valid UTF-8
    let text = String::from_utf8_lossy(data);
    if let Err(broken) = invariants::changelog(&text) {
        panic!("invariant broken: {broken}");
    }
    let _ = lower(DocKind::DebChangelog, "debian/changelog", &text, &LowerOptions::default());
});
