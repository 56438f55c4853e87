//! `--since REV`: each file's content at a git revision, for history rules
//! (`meta().requires = ["history"]`). Files outside a git work tree have no history.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

pub struct History {
    pub rev: String,
    toplevels: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

/// What git knows about a file at `rev`.
pub enum Previous {
    /// The file is not in a git work tree.
    Untracked,
    /// The file did not exist at `rev`.
    Absent,
    Text(String),
}

impl History {
    pub fn new(rev: &str) -> History {
        History { rev: rev.to_string(), toplevels: Mutex::new(HashMap::new()) }
    }

    fn toplevel(&self, dir: &Path) -> Option<PathBuf> {
        let mut cache = self.toplevels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = cache.get(dir) {
            return t.clone();
        }
        let top = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        cache.insert(dir.to_path_buf(), top.clone());
        top
    }

    /// Whether `rev` names a commit in the repository holding `dir`.
    pub fn rev_exists(&self, dir: &Path) -> bool {
        let Some(top) = self.toplevel(dir) else { return false };
        Command::new("git")
            .arg("-C")
            .arg(&top)
            .args(["rev-parse", "--verify", "--quiet", &format!("{}^{{commit}}", self.rev)])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    pub fn previous(&self, path: &Path) -> Previous {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = abs.parent().unwrap_or(Path::new(".")).to_path_buf();
        let Some(top) = self.toplevel(&dir) else { return Previous::Untracked };
        let top = std::fs::canonicalize(&top).unwrap_or(top);
        let Ok(rel) = abs.strip_prefix(&top) else { return Previous::Untracked };
        let spec = format!("{}:{}", self.rev, rel.to_string_lossy().replace('\\', "/"));
        match Command::new("git").arg("-C").arg(&top).args(["show", &spec]).output() {
            Ok(o) if o.status.success() => Previous::Text(String::from_utf8_lossy(&o.stdout).into_owned()),
            _ => Previous::Absent,
        }
    }
}
