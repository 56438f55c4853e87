//! Fuzz target: the Lua lexer and parser (tokens cover the input up to the first lexical error), then the Lmod model.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speclint::model::{lower, DocKind, LowerOptions};
use speclint::syntax::invariants;

fuzz_target!(|data: &[u8]| {
    // speclint reads files lossily, so the parsers only ever see valid UTF-8
    let text = String::from_utf8_lossy(data);
    if let Err(broken) = invariants::lua(&text) {
        panic!("invariant broken: {broken}");
    }
    let _ = lower(DocKind::LmodModulefile, "modulefiles/fuzz/1.0.lua", &text, &LowerOptions::default());
});
