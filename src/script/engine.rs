//! The sandboxed Rhai engine every rule runs in.

use rhai::module_resolvers::DummyModuleResolver;
use rhai::Engine;

/// Operation budget per rule call: a runaway loop ends in `rule-error`, not a hang.
pub const MAX_OPERATIONS: u64 = 2_000_000;

/// Wall-time budget per rule call, and per file for all its rules together. Operations are
/// counted, not timed, so a loop of few but expensive operations (scanning a 4 MiB string a
/// million times) stays under the operation limit; the time budget stops it.
pub const CALL_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(5);
pub const FILE_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(20);
/// A tree rule sees every document of the run: 60 s plus 20 ms per document.
pub const TREE_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(60);
pub const TREE_TIME_PER_DOC: std::time::Duration = std::time::Duration::from_millis(20);

/// The token a call is terminated with when its time is up.
pub const TIME_BUDGET_TOKEN: &str = "speclint: time budget exceeded";

thread_local! {
    /// When the rule call running on this thread must stop (set around each call).
    pub static DEADLINE: std::cell::Cell<Option<std::time::Instant>> = const { std::cell::Cell::new(None) };
}

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
    e.on_progress(|ops| {
        // checking the clock every 1,024 operations costs nothing measurable
        if ops % 1024 != 0 {
            return None;
        }
        let late = DEADLINE.with(|d| d.get().is_some_and(|t| std::time::Instant::now() > t));
        late.then(|| rhai::Dynamic::from(TIME_BUDGET_TOKEN))
    });
    e.on_print(|_| {});
    e.on_debug(|_, _, _| {});
    super::api::register(&mut e);
    super::node::register(&mut e);
    e
}
