//! The sandboxed Rhai engine every rule runs in.

use rhai::module_resolvers::DummyModuleResolver;
use rhai::Engine;

/// Operation budget per rule call: a runaway loop ends in `rule-error`, not a hang.
pub const MAX_OPERATIONS: u64 = 2_000_000;

pub fn build_engine() -> Engine {
    let mut e = Engine::new();
    e.set_max_operations(MAX_OPERATIONS)
        // debug builds default to 8 levels; set it so tests behave like release
        .set_max_call_levels(48)
        .set_max_expr_depths(128, 64)
        .set_max_string_size(4 << 20)
        .set_max_array_size(1 << 20)
        .set_max_map_size(1 << 16)
        .set_max_modules(0)
        // a typo'd variable in a rule is a load error, not a silent `()`
        .set_strict_variables(true)
        // rules are data about packages: no file imports, no eval of strings
        .set_module_resolver(DummyModuleResolver::new());
    e.disable_symbol("eval");
    // The string interner is one lock shared by every thread in a `sync` engine: with it, two
    // rayon workers run no faster than one. Property names are short; don't intern.
    e.set_max_strings_interned(0);
    e.on_print(|_| {});
    e.on_debug(|_, _, _| {});
    super::api::register(&mut e);
    super::node::register(&mut e);
    e
}
