//! Finding the files to check. Directories are walked with the `ignore` crate, so `.gitignore`,
//! `.ignore` and `.speclintignore` are respected and hidden directories such as `.git` skipped;
//! symlinks are listed but not followed (a symlinked file is checked as a file whose `file.symlink`
//! is true). Files named explicitly are always checked.

use crate::model::DocKind;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path as shown to the user.
    pub display: String,
    /// The path relative to the current directory (or to the scanned root when the file is
    /// outside it), `/`-separated: the SARIF `artifactLocation.uri`.
    pub uri: String,
    pub kind: DocKind,
    /// Context only (`--tree-context`): parsed and shown to tree rules, but no per-file rule
    /// runs on it and no finding about it is reported.
    pub context: bool,
}

/// Collect the files under `paths`, sorted and deduplicated. Returns files and problems
/// (paths that do not exist).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<String>) {
    collect_files_with(paths, &WalkOptions::default())
}

/// How to walk directories.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Lint everything: do not read `.gitignore`, `.ignore` or `.speclintignore` (`--no-ignore`).
    pub no_ignore: bool,
    /// Follow symbolic links to directories and files (`--follow-links`); loops are reported.
    pub follow_links: bool,
}

/// [`collect_files`] with options. Hidden files are walked (`.modulerc.lua`, Lmod's hidden
/// versions `.1.2.lua`, `.snapcraft.yaml` matter) but hidden directories (`.git`, `.cache`)
/// are not, unless named on the command line. Directories and files that cannot be read are
/// reported as problems, one line each, and the walk goes on.
pub fn collect_files_with(paths: &[PathBuf], opts: &WalkOptions) -> (Vec<InputFile>, Vec<String>) {
    let cwd = std::env::current_dir().ok().and_then(|c| std::fs::canonicalize(c).ok());
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        let is_link = std::fs::symlink_metadata(root).is_ok_and(|m| m.file_type().is_symlink());
        if root.is_file() || (is_link && !root.is_dir()) {
            match DocKind::detect(root) {
                Some(kind) => files.push(input(root, root.parent().unwrap_or(Path::new(".")), cwd.as_deref(), kind)),
                None => problems.push(format!(
                    "{}: not a file speclint recognises (expected *.spec or an Lmod *.lua modulefile)",
                    root.display()
                )),
            }
            continue;
        }
        if !root.exists() {
            problems.push(format!("{}: no such file or directory", root.display()));
            continue;
        }
        // The root is resolved once; files under it get their URI by joining, not by a
        // canonicalize (a readlink per path component) each.
        let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let root_base = match cwd.as_deref().and_then(|c| root_abs.strip_prefix(c).ok()) {
            Some(r) => uri_of(r),
            None => String::new(),
        };
        let mut builder = ignore::WalkBuilder::new(root);
        builder.require_git(false).follow_links(opts.follow_links).hidden(false).filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_some_and(|t| t.is_dir())
                || !e.file_name().as_encoded_bytes().starts_with(b".")
        });
        if opts.no_ignore {
            // every ignore file off; hidden directories stay skipped by the filter above
            builder.standard_filters(false);
        } else {
            builder.add_custom_ignore_filename(".speclintignore");
        }
        for entry in builder.build() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(walk_error(&e));
                    continue;
                }
            };
            // Symlinks are listed but not followed: an installed tree's `default.lua` is one.
            if !entry.file_type().is_some_and(|t| t.is_file() || t.is_symlink()) {
                continue;
            }
            if entry.file_type().is_some_and(|t| t.is_symlink()) && entry.path().is_dir() {
                continue;
            }
            if let Some(kind) = DocKind::detect(entry.path()) {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                files.push(input_under(entry.path(), &root_base, rel, kind));
            }
        }
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    files.dedup_by(|a, b| a.display == b.display);
    (files, problems)
}

/// One line naming the path and the OS error: `dir/sub: Permission denied (os error 13)`.
fn walk_error(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { path, err } => format!("{}: {}", path.display(), walk_error(err)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

fn uri_of(p: &Path) -> String {
    p.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect::<Vec<_>>()
        .join("/")
}

fn display_of(path: &Path) -> String {
    path.strip_prefix("./").unwrap_or(path).to_string_lossy().replace('\\', "/")
}

fn input_under(path: &Path, root_base: &str, rel: &Path, kind: DocKind) -> InputFile {
    let rel = uri_of(rel);
    let uri = if root_base.is_empty() { rel } else { format!("{root_base}/{rel}") };
    InputFile { path: path.to_path_buf(), display: display_of(path), uri, kind, context: false }
}

fn input(path: &Path, root: &Path, cwd: Option<&Path>, kind: DocKind) -> InputFile {
    let display = path.strip_prefix("./").unwrap_or(path).to_string_lossy().replace('\\', "/");
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let rel_cwd =
        cwd.and_then(|c| std::fs::canonicalize(c).ok()).and_then(|c| abs.strip_prefix(&c).ok().map(Path::to_path_buf));
    let uri_path = match rel_cwd {
        Some(r) => r,
        None => {
            let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            abs.strip_prefix(&root_abs)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| PathBuf::from(path.file_name().unwrap_or_default()))
        }
    };
    let uri = uri_path.components().map(|c| c.as_os_str().to_string_lossy().to_string()).collect::<Vec<_>>().join("/");
    InputFile { path: path.to_path_buf(), display, uri, kind, context: false }
}
