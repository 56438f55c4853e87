//! Fuzz target: the deb822 parser and relation fields, then the debian/control model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speclint::model::{lower, DocKind, LowerOptions};
use speclint::syntax::invariants;

fuzz_target!(|data: &[u8]| {
    // speclint reads files lossily, so the parsers only ever see valid UTF-8
    let text = String::from_utf8_lossy(data);
    if let Err(broken) = invariants::deb822(&text) {
        panic!("invariant broken: {broken}");
    }
    let _ = lower(DocKind::DebControl, "debian/control", &text, &LowerOptions::default());
});
