//! Seeded byte mutations of the shared corpus through the whole program: a sample of every
//! format's files, each mutated (bytes flipped, inserted, deleted, lines duplicated), checked
//! with the per-format policies in one run. No panic, no internal error, no hang (a deadline),
//! and an exit code that means findings or tool errors, never a crash. Skips without ../shared.

mod common;

use std::time::{Duration, Instant};

/// xorshift64*: deterministic across platforms and runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[
    b"%",
    b"%{",
    b"}",
    b"%(",
    b"%if ",
    b"%endif\n",
    b"\\\n",
    b"\"",
    b"#{",
    b"do\n",
    b"end\n",
    b" (",
    b")",
    b"[[",
    b"]]",
    b"\n ",
    b":",
    b",",
    b"|",
    b"\xff",
    b"\0",
    b"%{lua:",
    b"<<~EOS\n",
    b"--[[",
];

fn mutate(data: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut d = data.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(d.len() + 1);
        match rng.below(5) {
            0 if !d.is_empty() => {
                let i = at.min(d.len() - 1);
                d[i] ^= 1 << rng.below(8);
            }
            1 => {
                let s = INTERESTING[rng.below(INTERESTING.len())];
                d.splice(at..at, s.iter().copied());
            }
            2 if !d.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(d.len());
                d.drain(at.min(end)..end);
            }
            3 => {
                // duplicate a line: repeated sections, fields, blocks
                let start = d[..at.min(d.len())].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
                let end = d[at.min(d.len())..].iter().position(|b| *b == b'\n').map_or(d.len(), |p| at + p + 1);
                let line = d[start..end].to_vec();
                d.splice(start..start, line);
            }
            _ => d.truncate(at),
        }
    }
    d
}

#[test]
fn mutated_corpus_files_never_crash_or_hang() {
    let Some(shared) = common::shared() else { return common::skip("../shared is absent") };
    let corpus = shared.join("corpus");
    let mut files = common::files_with_any_ext(&corpus);
    files.sort();
    let out = std::env::temp_dir().join(format!("speclint-mutations-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut written = 0;
    // every file of the corpus, once: about 7,000 mutants over all four formats
    for (i, f) in files.iter().enumerate() {
        let Ok(data) = std::fs::read(f) else { continue };
        let rel = f.strip_prefix(&corpus).unwrap();
        // keep the path so the format is recognised; a numbered directory keeps names unique
        let dest = out.join(format!("m{i}")).join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(&dest, mutate(&data, &mut rng)).unwrap();
        written += 1;
    }
    assert!(written > 5000, "{written} mutants");
    let mut child = common::speclint()
        .args(["-p", "rpm", "-p", "debian", "-p", "homebrew", "-p", "lmod", "--format", "json", "--fail-on", "never"])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(900);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("speclint did not finish on {written} mutated files within the deadline (a hang)");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut err = String::new();
    use std::io::Read;
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let _ = std::fs::remove_dir_all(&out);
    assert!(!err.contains("panicked") && !err.contains("internal-error"), "{err}");
    // rule errors would be our bugs too: a rule must cope with any model
    assert!(
        !err.contains("rule-error"),
        "{}",
        err.lines().filter(|l| l.contains("rule-error")).take(20).collect::<Vec<_>>().join("\n")
    );
    assert_eq!(status.code(), Some(0), "{err}");
}
