//! A static rpm macro expander: no shell, no Lua, no file access.
//!
//! It follows rpm's `expandMacro` closely for what can be decided statically. Whatever it
//! cannot evaluate (`%(shell)`, `%{lua:...}`, undefined macros) is kept verbatim in the output,
//! never dropped. Depth, output size and total work are bounded, so a macro bomb degrades into
//! unexpanded text instead of a hang.

use std::collections::HashMap;
use std::sync::LazyLock;

/// One definition of a macro.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroDef {
    pub body: String,
    /// getopt-style option string of a parametric macro (`n:f`), `None` for plain macros.
    pub params: Option<String>,
}

const MAX_DEPTH: usize = 64;
/// The most bytes one expansion produces; a macro bomb stops here.
pub const MAX_OUTPUT: usize = 1 << 20;
const MAX_WORK: usize = 8 << 20;

/// RHEL 9 / x86_64 defaults for the standard path and build macros.
const BUILTIN: &[(&str, &str)] = &[
    ("nil", ""),
    ("_prefix", "/usr"),
    ("_exec_prefix", "%{_prefix}"),
    ("_bindir", "%{_exec_prefix}/bin"),
    ("_sbindir", "%{_exec_prefix}/sbin"),
    ("_libexecdir", "%{_exec_prefix}/libexec"),
    ("_datadir", "%{_prefix}/share"),
    ("_datarootdir", "%{_prefix}/share"),
    ("_sysconfdir", "/etc"),
    ("_sharedstatedir", "/var/lib"),
    ("_localstatedir", "/var"),
    ("_lib", "lib64"),
    ("_libdir", "%{_prefix}/%{_lib}"),
    ("_includedir", "%{_prefix}/include"),
    ("_infodir", "%{_datadir}/info"),
    ("_mandir", "%{_datadir}/man"),
    ("_docdir", "%{_datadir}/doc"),
    ("_defaultdocdir", "%{_datadir}/doc"),
    ("_defaultlicensedir", "%{_datadir}/licenses"),
    ("_licensedir", "%{_datadir}/licenses"),
    ("_initddir", "%{_sysconfdir}/rc.d/init.d"),
    ("_initrddir", "%{_sysconfdir}/rc.d/init.d"),
    ("_rundir", "/run"),
    ("_var", "/var"),
    ("_tmppath", "%{_var}/tmp"),
    ("_usr", "/usr"),
    ("_usrsrc", "%{_usr}/src"),
    ("_unitdir", "/usr/lib/systemd/system"),
    ("_userunitdir", "/usr/lib/systemd/user"),
    ("_presetdir", "/usr/lib/systemd/system-preset"),
    ("_tmpfilesdir", "/usr/lib/tmpfiles.d"),
    ("_sysusersdir", "/usr/lib/sysusers.d"),
    ("_udevrulesdir", "/usr/lib/udev/rules.d"),
    ("_pkgdocdir", "%{_docdir}/%{name}"),
    ("_topdir", "/root/rpmbuild"),
    ("_builddir", "%{_topdir}/BUILD"),
    ("_sourcedir", "%{_topdir}/SOURCES"),
    ("_specdir", "%{_topdir}/SPECS"),
    ("_rpmdir", "%{_topdir}/RPMS"),
    ("_srcrpmdir", "%{_topdir}/SRPMS"),
    ("buildroot", "%{_topdir}/BUILDROOT/%{name}-%{version}-%{release}.%{_arch}"),
    ("_buildrootdir", "%{_topdir}/BUILDROOT"),
    ("_arch", "x86_64"),
    ("_target_cpu", "x86_64"),
    ("_host_cpu", "x86_64"),
    ("_build_cpu", "x86_64"),
    ("_target_os", "linux"),
    ("_host_os", "linux"),
    ("_os", "linux"),
    ("_vendor", "redhat"),
    ("_target_platform", "%{_target_cpu}-%{_vendor}-%{_target_os}"),
    ("_host", "x86_64-redhat-linux-gnu"),
    ("_build", "x86_64-redhat-linux-gnu"),
    ("_gnu", "-gnu"),
    ("dist", ".el9"),
    ("rhel", "9"),
    ("el9", "1"),
    ("centos", "9"),
    ("ix86", "i386 i486 i586 i686 pentium3 pentium4 athlon geode"),
    ("arm", "armv3l armv4b armv4l armv4tl armv5tl armv5tel armv5tejl armv6l armv6hl armv7l armv7hl armv7hnl"),
    ("arm32", "%{arm}"),
    ("arm64", "aarch64"),
    ("x86_64", "x86_64 amd64 em64t"),
    ("power64", "ppc64 ppc64p7 ppc64le"),
    ("mips", "mips mipsel mips32r2 mips32r2el mips64 mips64el mips64r2 mips64r2el"),
    ("riscv", "riscv64"),
    ("valgrind_arches", "%{ix86} x86_64 ppc ppc64 ppc64le armv7l armv7hl aarch64 s390x"),
    ("_smp_mflags", "-j2"),
    ("_smp_build_ncpus", "2"),
    ("optflags", "-O2 -g"),
    ("__make", "/usr/bin/make"),
    ("make_build", "%{__make} %{_make_output_sync} %{?_smp_mflags}"),
    ("_make_output_sync", "-O"),
    ("make_install", "%{__make} install DESTDIR=%{?buildroot} INSTALL=\"%{__install} -p\""),
    ("makeinstall", "%{__make} prefix=%{?buildroot:%{buildroot}}%{_prefix} install"),
    ("__install", "/usr/bin/install"),
    ("__cc", "gcc"),
    ("__cxx", "g++"),
    ("__python3", "/usr/bin/python3"),
    ("python3", "%{__python3}"),
    ("python3_version", "3.9"),
    ("python3_sitelib", "/usr/lib/python3.9/site-packages"),
    ("python3_sitearch", "/usr/lib64/python3.9/site-packages"),
    ("python_sitelib", "%{python3_sitelib}"),
    ("python_sitearch", "%{python3_sitearch}"),
    ("perl_vendorlib", "/usr/share/perl5/vendor_perl"),
    ("perl_vendorarch", "/usr/lib64/perl5/vendor_perl"),
    ("_fontbasedir", "%{_datadir}/fonts"),
    ("_emacs_sitelispdir", "%{_datadir}/emacs/site-lisp"),
    ("_bashcompletiondir", "%{_datadir}/bash-completion/completions"),
    ("_metainfodir", "%{_datadir}/metainfo"),
    ("_fillupdir", "%{_datadir}/fillup-templates"),
    ("_pkgconfigdir", "%{_libdir}/pkgconfig"),
    ("_rpmconfigdir", "/usr/lib/rpm"),
    ("_rpmmacrodir", "%{_rpmconfigdir}/macros.d"),
    ("_isa", "(x86-64)"),
    ("_javadir", "%{_datadir}/java"),
    ("_jnidir", "%{_prefix}/lib/java"),
    ("go_arches", "x86_64 aarch64 ppc64le s390x"),
    ("java_arches", "x86_64 aarch64 ppc64le s390x"),
];

static BUILTIN_TABLE: LazyLock<HashMap<&'static str, MacroDef>> =
    LazyLock::new(|| BUILTIN.iter().map(|(k, v)| (*k, MacroDef { body: (*v).to_string(), params: None })).collect());

/// Whether `name` is one of the built-in defaults (not from the spec or a define).
pub fn is_builtin(name: &str) -> bool {
    BUILTIN_TABLE.contains_key(name)
}

/// The macros in force: built-in defaults under a stack of definitions per name.
#[derive(Debug, Clone, Default)]
pub struct MacroTable {
    /// `None` entries are `%undefine` tombstones over a built-in.
    defs: HashMap<String, Vec<Option<MacroDef>>>,
}

impl MacroTable {
    pub fn new() -> MacroTable {
        MacroTable::default()
    }

    pub fn define(&mut self, name: &str, body: impl Into<String>, params: Option<String>) {
        self.defs.entry(name.to_string()).or_default().push(Some(MacroDef { body: body.into(), params }));
    }

    /// `%undefine`: pop the latest definition (a built-in is hidden).
    pub fn undefine(&mut self, name: &str) {
        match self.defs.get_mut(name) {
            Some(stack) if !stack.is_empty() => {
                stack.pop();
                if stack.is_empty() && BUILTIN_TABLE.contains_key(name) {
                    // popping the spec's own definition reveals the built-in again
                }
            }
            _ => {
                if BUILTIN_TABLE.contains_key(name) {
                    self.defs.entry(name.to_string()).or_default().push(None);
                }
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&MacroDef> {
        match self.defs.get(name).and_then(|s| s.last()) {
            Some(Some(d)) => Some(d),
            Some(None) => None,
            None => BUILTIN_TABLE.get(name),
        }
    }

    pub fn is_defined(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Expand every macro in `text`.
    pub fn expand(&mut self, text: &str) -> String {
        let mut ex = Expander { table: self, work: 0 };
        let mut out = String::new();
        ex.expand_into(text, 0, &mut out);
        out
    }
}

struct Expander<'t> {
    table: &'t mut MacroTable,
    work: usize,
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Index just past the delimiter that closes the group opened at `open` (`{`, `(` or `[`).
fn matching_close(b: &[u8], open: usize, o: u8, c: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == o {
            depth += 1;
        } else if b[i] == c {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i + 1);
            }
        }
        i += 1;
    }
    None
}

impl Expander<'_> {
    fn push(&mut self, out: &mut String, s: &str) {
        self.work += s.len();
        if out.len() + s.len() <= MAX_OUTPUT {
            out.push_str(s);
        }
    }

    fn over_budget(&self, out: &str) -> bool {
        self.work > MAX_WORK || out.len() >= MAX_OUTPUT
    }

    fn expand_into(&mut self, text: &str, depth: usize, out: &mut String) {
        let b = text.as_bytes();
        let mut i = 0;
        let mut lit = 0;
        while i < b.len() {
            if b[i] != b'%' {
                i += 1;
                continue;
            }
            self.push(out, &text[lit..i]);
            let (consumed, piece) = self.one(text, i, depth);
            match piece {
                Some(p) => self.push(out, &p),
                None => self.push(out, &text[i..i + consumed]),
            }
            i += consumed.max(1);
            lit = i.min(b.len());
            if self.over_budget(out) {
                // Give up expanding; keep the rest verbatim so nothing is lost.
                self.push(out, &text[lit..]);
                return;
            }
        }
        self.push(out, &text[lit..]);
    }

    /// Expand the macro starting at `text[i] == '%'`: (bytes consumed, replacement or None = verbatim).
    fn one(&mut self, text: &str, i: usize, depth: usize) -> (usize, Option<String>) {
        let b = text.as_bytes();
        let Some(&next) = b.get(i + 1) else {
            return (1, None);
        };
        if depth >= MAX_DEPTH {
            return (1, None);
        }
        match next {
            b'%' => (2, Some("%".to_string())),
            b'{' => {
                let Some(end) = matching_close(b, i + 1, b'{', b'}') else {
                    return (text.len() - i, None);
                };
                let inner = &text[i + 2..end - 1];
                (end - i, self.braced(inner, depth))
            }
            b'(' => {
                let end = matching_close(b, i + 1, b'(', b')').unwrap_or(text.len());
                (end - i, None)
            }
            b'[' => {
                let Some(end) = matching_close(b, i + 1, b'[', b']') else {
                    return (text.len() - i, None);
                };
                let inner = &text[i + 2..end - 1];
                let expanded = self.sub(inner, depth);
                (end - i, super::expr::eval(&expanded).map(|v| v.to_string()))
            }
            b'?' | b'!' => {
                // %?name, %!?name: the brace-less conditional forms (`Release: 1%?dist`)
                let mut j = i + 1;
                let mut neg = false;
                let mut cond = false;
                while let Some(&f) = b.get(j) {
                    match f {
                        b'!' => neg = !neg,
                        b'?' => cond = true,
                        _ => break,
                    }
                    j += 1;
                }
                let start = j;
                while j < b.len() && is_name_char(b[j]) {
                    j += 1;
                }
                if !cond || j == start || !is_name_start(b[start]) {
                    return (1, None);
                }
                let name = &text[start..j];
                let defined = self.table.is_defined(name);
                if defined == neg || neg {
                    return (j - i, Some(String::new()));
                }
                match self.table.get(name).cloned() {
                    Some(d) => (j - i, Some(self.sub(&d.body, depth + 1))),
                    None => (j - i, Some(String::new())),
                }
            }
            c if is_name_start(c) || c == b'*' || c == b'#' || c.is_ascii_digit() || c == b'-' => {
                // %name, %1, %*, %**, %#, %-f, %-f*
                let mut j = i + 1;
                if c == b'*' {
                    j += if b.get(i + 2) == Some(&b'*') { 2 } else { 1 };
                } else if c == b'#' {
                    j += 1;
                } else if c.is_ascii_digit() {
                    while j < b.len() && b[j].is_ascii_digit() {
                        j += 1;
                    }
                } else if c == b'-' {
                    if b.get(i + 2).is_some_and(|x| x.is_ascii_alphanumeric()) {
                        j += 2;
                        if b.get(j) == Some(&b'*') {
                            j += 1;
                        }
                    } else {
                        return (1, None);
                    }
                } else {
                    while j < b.len() && is_name_char(b[j]) {
                        j += 1;
                    }
                }
                let name = &text[i + 1..j];
                if name == "dnl" {
                    let end = text[j..].find('\n').map(|p| j + p + 1).unwrap_or(text.len());
                    return (end - i, Some(String::new()));
                }
                if matches!(name, "global" | "define") {
                    let end = text[j..].find('\n').map(|p| j + p).unwrap_or(text.len());
                    self.define_from(name, &text[j..end], depth);
                    return (end - i, Some(String::new()));
                }
                if name == "undefine" {
                    let end = text[j..].find('\n').map(|p| j + p).unwrap_or(text.len());
                    let target = text[j..end].trim();
                    self.table.undefine(target);
                    return (end - i, Some(String::new()));
                }
                if let Some(r) = self.bcond(name, text, j) {
                    return r;
                }
                let Some(def) = self.table.get(name).cloned() else {
                    return (j - i, None);
                };
                if def.params.is_some() {
                    // A parametric macro called as %name takes the rest of the line as arguments.
                    let end = text[j..].find('\n').map(|p| j + p).unwrap_or(text.len());
                    let args = self.sub(&text[j..end], depth);
                    let r = self.call(&def, name, &args, depth);
                    return (end - i, Some(r));
                }
                (j - i, Some(self.sub(&def.body, depth + 1)))
            }
            _ => (1, None),
        }
    }

    fn sub(&mut self, text: &str, depth: usize) -> String {
        let mut out = String::new();
        self.expand_into(text, depth + 1, &mut out);
        out
    }

    /// `%bcond_with NAME` / `%bcond_without NAME` / `%bcond NAME DEFAULT` (take the rest of the line).
    fn bcond(&mut self, name: &str, text: &str, j: usize) -> Option<(usize, Option<String>)> {
        if !matches!(name, "bcond_with" | "bcond_without" | "bcond") {
            return None;
        }
        let end = text[j..].find('\n').map(|p| j + p).unwrap_or(text.len());
        let rest = self.sub(&text[j..end], 0);
        let mut words = rest.split_whitespace();
        let feature = words.next()?.to_string();
        let default_on = match name {
            "bcond_with" => false,
            "bcond_without" => true,
            _ => {
                let d = words.next().unwrap_or("0");
                super::expr::eval(d).map(|v| v.truthy()).unwrap_or(false)
            }
        };
        let with_flag = format!("_with_{feature}");
        let without_flag = format!("_without_{feature}");
        let on = if default_on { !self.table.is_defined(&without_flag) } else { self.table.is_defined(&with_flag) };
        if on {
            self.table.define(&format!("with_{feature}"), "1", None);
        }
        Some((end - (j - name.len() - 1), Some(String::new())))
    }

    fn define_from(&mut self, keyword: &str, rest: &str, depth: usize) {
        let rest = rest.trim_start();
        let name_len = rest.bytes().take_while(|c| is_name_char(*c)).count();
        if name_len == 0 {
            return;
        }
        let name = &rest[..name_len];
        let mut after = &rest[name_len..];
        let mut params = None;
        if let Some(p) = after.strip_prefix('(') {
            if let Some(close) = p.find(')') {
                params = Some(p[..close].to_string());
                after = &p[close + 1..];
            }
        }
        let body = after.trim();
        let body = if keyword == "global" { self.sub(body, depth) } else { body.to_string() };
        self.table.define(name, body, params);
    }

    /// The inside of `%{...}`.
    fn braced(&mut self, inner: &str, depth: usize) -> Option<String> {
        let mut s = inner;
        let (mut neg, mut cond) = (false, false);
        loop {
            if let Some(r) = s.strip_prefix('!') {
                neg = !neg;
                s = r;
            } else if let Some(r) = s.strip_prefix('?') {
                cond = true;
                s = r;
            } else {
                break;
            }
        }
        let name_end = s.find([':', ' ', '\t', '\n']).unwrap_or(s.len());
        let name = &s[..name_end];
        let sep = s[name_end..].chars().next();
        let arg = if name_end < s.len() { Some(&s[name_end + 1..]) } else { None };

        if cond {
            let defined = self.table.is_defined(name);
            let take = defined != neg;
            if !take {
                return Some(String::new());
            }
            return Some(match (arg, sep) {
                (Some(a), Some(':')) => self.sub(a, depth),
                _ if neg => String::new(),
                _ => match self.table.get(name).cloned() {
                    Some(d) => self.sub(&d.body, depth + 1),
                    None => String::new(),
                },
            });
        }
        if sep == Some(':') {
            let a = arg.unwrap_or("");
            match name {
                "expand" => {
                    let once = self.sub(a, depth);
                    return Some(self.sub(&once, depth));
                }
                "lua" => return None,
                "basename" => return Some(self.sub(a, depth).rsplit('/').next().unwrap_or("").to_string()),
                "dirname" => {
                    let v = self.sub(a, depth);
                    return Some(match v.rfind('/') {
                        Some(0) => "/".into(),
                        Some(p) => v[..p].to_string(),
                        None => v,
                    });
                }
                "suffix" => {
                    let v = self.sub(a, depth);
                    return Some(v.rfind('.').map(|p| v[p + 1..].to_string()).unwrap_or_default());
                }
                "shrink" => return Some(self.sub(a, depth).split_whitespace().collect::<Vec<_>>().join(" ")),
                "upper" => return Some(self.sub(a, depth).to_uppercase()),
                "lower" => return Some(self.sub(a, depth).to_lowercase()),
                "len" => return Some(self.sub(a, depth).chars().count().to_string()),
                "quote" => return Some(format!("\"{}\"", self.sub(a, depth))),
                "defined" => return Some(if self.table.is_defined(a.trim()) { "1" } else { "0" }.into()),
                "undefined" => return Some(if self.table.is_defined(a.trim()) { "0" } else { "1" }.into()),
                "echo" | "warn" | "error" | "verbose" => return Some(String::new()),
                "getenv" | "url2path" | "u2p" | "uncompress" | "getconfdir" | "S" | "P" | "F" | "load" => return None,
                _ => {}
            }
        }
        if matches!(name, "with" | "without") && sep.is_some() {
            let feature = self.sub(arg.unwrap_or(""), depth);
            let on = self.table.is_defined(&format!("with_{}", feature.trim()));
            return Some(if on == (name == "with") { "1" } else { "0" }.into());
        }
        if name == "expr" && sep.is_some() {
            let v = self.sub(arg.unwrap_or(""), depth);
            return super::expr::eval(&v).map(|v| v.to_string());
        }
        if name.starts_with('-') && !self.table.is_defined(name) {
            // an option the parametric macro was not called with
            return Some(String::new());
        }
        let def = self.table.get(name).cloned()?;
        if def.params.is_some() {
            let args = match arg {
                Some(a) if sep != Some(':') => self.sub(a, depth),
                _ => String::new(),
            };
            return Some(self.call(&def, name, &args, depth));
        }
        Some(self.sub(&def.body, depth + 1))
    }

    /// Call a parametric macro: set %0 %1.. %* %** %# and %-x / %-x* for its options.
    fn call(&mut self, def: &MacroDef, name: &str, args: &str, depth: usize) -> String {
        let opts = def.params.clone().unwrap_or_default();
        let words: Vec<&str> = args.split_whitespace().collect();
        let mut set: Vec<String> = Vec::new();
        let mut positional: Vec<&str> = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            if let Some(flag) = w.strip_prefix('-').filter(|f| f.len() == 1) {
                let ch = flag.chars().next().unwrap_or('-');
                if let Some(p) = opts.find(ch) {
                    let takes = opts[p + 1..].starts_with(':');
                    if takes {
                        let v = words.get(k + 1).copied().unwrap_or("");
                        self.table.define(&format!("-{ch}"), format!("-{ch} {v}"), None);
                        self.table.define(&format!("-{ch}*"), v, None);
                        set.push(format!("-{ch}"));
                        set.push(format!("-{ch}*"));
                        k += 2;
                        continue;
                    }
                    self.table.define(&format!("-{ch}"), format!("-{ch}"), None);
                    set.push(format!("-{ch}"));
                    k += 1;
                    continue;
                }
            }
            positional.push(w);
            k += 1;
        }
        self.table.define("0", name, None);
        self.table.define("*", positional.join(" "), None);
        self.table.define("**", args.trim(), None);
        self.table.define("#", positional.len().to_string(), None);
        for (n, p) in positional.iter().enumerate() {
            self.table.define(&(n + 1).to_string(), *p, None);
        }
        let out = self.sub(&def.body, depth + 1);
        for n in 0..positional.len() {
            self.table.undefine(&(n + 1).to_string());
        }
        for s in ["0", "*", "**", "#"] {
            self.table.undefine(s);
        }
        for s in set {
            self.table.undefine(&s);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(defs: &[(&str, &str)], s: &str) -> String {
        let mut t = MacroTable::new();
        for (k, v) in defs {
            t.define(k, *v, None);
        }
        t.expand(s)
    }

    #[test]
    fn plain_and_conditional_forms() {
        let d = [("name", "foo"), ("version", "1.2")];
        assert_eq!(ex(&d, "%{name}-%version"), "foo-1.2");
        assert_eq!(ex(&d, "1%{?dist}"), "1.el9");
        assert_eq!(ex(&d, "1%{?nope}"), "1");
        assert_eq!(ex(&d, "%{!?nope:alt}|%{?name:yes}|%{!?name:no}"), "alt|yes|");
        assert_eq!(ex(&d, "100%%"), "100%");
        assert_eq!(ex(&d, "1%?dist|%?nope|%!?name|x%?name"), "1.el9|||xfoo");
        assert_eq!(ex(&d, "%{_libdir}/x"), "/usr/lib64/x");
    }

    #[test]
    fn unknown_stays_visible() {
        assert_eq!(
            ex(&[], "%{undefined_thing}/x %(uname -r) %{lua: print(1)} %mystery"),
            "%{undefined_thing}/x %(uname -r) %{lua: print(1)} %mystery"
        );
    }

    #[test]
    fn builtins_and_bcond() {
        let mut t = MacroTable::new();
        assert_eq!(
            t.expand("%{basename:/a/b.tar.gz} %{dirname:/a/b} %{suffix:x.gz} %{upper:ab} %{len:abc}"),
            "b.tar.gz /a gz AB 3"
        );
        t.expand("%bcond_without curl\n");
        t.expand("%bcond_with gui\n");
        assert_eq!(t.expand("%{with curl}%{with gui}%{without gui}"), "101");
    }

    #[test]
    fn parametric_macros() {
        let mut t = MacroTable::new();
        t.define("greet", "hello %1 %{-n*} (%#)", Some("n:".into()));
        assert_eq!(t.expand("%greet -n bob world"), "hello world bob (1)");
        assert_eq!(t.expand("%{greet x y}"), "hello x  (2)");
    }

    #[test]
    fn global_expands_at_definition_define_lazily() {
        let mut t = MacroTable::new();
        t.define("a", "1", None);
        t.expand("%global g %{a}\n");
        t.expand("%define d %{a}\n");
        t.define("a", "2", None);
        assert_eq!(t.expand("%{g} %{d}"), "1 2");
    }

    #[test]
    fn macro_bombs_are_bounded() {
        let mut t = MacroTable::new();
        t.define("a0", "xxxxxxxxxxxxxxxx", None);
        for i in 1..40 {
            t.define(&format!("a{i}"), format!("%{{a{}}}%{{a{}}}", i - 1, i - 1), None);
        }
        let out = t.expand("%{a39}");
        assert!(out.len() <= MAX_OUTPUT + 64);
        t.define("r", "%{r}", None);
        let _ = t.expand("%{r}");
    }
}
