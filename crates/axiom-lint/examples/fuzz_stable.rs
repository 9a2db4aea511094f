//! A stand-in for `cargo fuzz` on stable Rust: mutates the fixtures and hostile seeds and
//! feeds each input to `axiom_lint_testing::hostile::check` (the fuzz target's body) for a while,
//! counting executions, panics and leaks. Not part of CI; run it by hand:
//! `cargo run --release -p axiom-lint --example fuzz_stable -- 600 fixtures
//! crates/axiom-lint/tests/fuzz_regressions`.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

const TOKEN: &str = "xaat-2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6";

/// Fragments that reach the edges: token parts, escapes, continuations, quotes, control and
/// workflow-command text, SOPS markers, suppressions, encodings.
const DICTIONARY: &[&[u8]] = &[
    b"xaat-",
    b"xapt-",
    b"XAIT-",
    TOKEN.as_bytes(),
    b"2b1e1f4a-7c3d-4e5f-9a8b-0c1d2e3f8ec6",
    b"\\u002d",
    b"\\u002D",
    b"\\u0078aat-",
    b"x\\u0061pt-",
    b"\\x78ait-",
    b"\\U00000078",
    b"\\\n    ",
    b"\"\"\"",
    b"'''",
    b"\x1b[31m",
    b"\x1b]0;title\x07",
    b"\n::error file=x::y\n",
    b"\r",
    b"ENC[AES256_GCM,data:abc,type:str]",
    b"\"sops\": {\"mac\": \"ENC[x]\", \"version\": \"3\"}",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"{",
    b"}",
    b"[",
    b"]",
    b"=",
    b":",
    b",",
    b"\"",
    b"#",
    b"//",
    b"/*",
    b"*/",
    b"`",
    b"r#\"",
    b"\"#",
    b"@\"",
    b"<'a>",
    b"'\"'",
    b"# axiom-lint: ignore[AXL201] reason\n",
    b"http://api.axiom.co:80/v1/datasets/x/ingest",
    b"https://eu-central-1.aws.edge.axiom.co",
    b"[sinks.axiom]\ntype = \"axiom\"\n",
    b"AXIOM_TOKEN=",
    b"select = [\"",
    "\u{202e}".as_bytes(),
    // Tokens split inside their prefix, cut by a gap, and the shapes that cost more than
    // linear time or memory before (runs of prefixes, merges, aliases, labelled blocks).
    b"xa\\\n  at-",
    b"${\"\"}",
    b" ",
    b"xaat-xaat-xaat-xaat-",
    b"<<: *a\n",
    b"a: &a ",
    b"[*a, *a, *a, *a]",
    b"a \"v1\" {}\n",
];

/// xorshift64*: enough randomness for mutation, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

fn mutate(input: &mut Vec<u8>, corpus: &[Vec<u8>], rng: &mut Rng) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(9) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.insert(at, u8::try_from(rng.below(256)).unwrap_or(0)),
            2 if !input.is_empty() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at.min(end)..end);
            }
            3 => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(64)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            4 if input.len() > 4 => {
                let from = rng.below(input.len());
                let end = (from + rng.below(32)).min(input.len());
                let copy = input[from..end].to_vec();
                input.splice(at..at, copy);
            }
            5 if rng.below(20) == 0 => {
                // The whole input as PowerShell writes it.
                let text = String::from_utf8_lossy(input).into_owned();
                let little = rng.below(2) == 0;
                let mut out = if little {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                };
                for unit in text.encode_utf16() {
                    out.extend(if little {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    });
                }
                *input = out;
            }
            _ => {
                let fragment = DICTIONARY[rng.below(DICTIONARY.len())];
                input.splice(at..at, fragment.iter().copied());
            }
        }
    }
    input.truncate(64 * 1024);
}

fn seeds(dirs: &[String]) -> Vec<Vec<u8>> {
    let body = &TOKEN[5..];
    let mut seeds = vec![
        format!("token = \"{TOKEN}\"\n").into_bytes(),
        format!(
            "{{\"note\": \"xaat-{}\\u002d{}\"}}\n",
            &body[..8],
            &body[9..]
        )
        .into_bytes(),
        format!(
            "note = \"\"\"xaat-{}-\\\n  {}\"\"\"\n",
            &body[..13],
            &body[14..]
        )
        .into_bytes(),
        format!("{TOKEN} = 1\nselect = [\"AXL2\"\n").into_bytes(),
        format!("AXIOM_TOKEN={TOKEN}\n").into_bytes(),
        format!("{{\"token\": \"\\u0078aat-{body}\"}}\n").into_bytes(),
        format!("token: \"\\x78a\\x61t-{body}\"\n").into_bytes(),
    ];
    let mut stack: Vec<std::path::PathBuf> = dirs.iter().map(Into::into).collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|entry| entry.path()));
            }
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes.len() < 64 * 1024
            && Path::new(&path).extension().is_none_or(|e| e != "snap")
        {
            seeds.push(bytes);
        }
    }
    seeds
}

/// Failing inputs are kept under `target/fuzz-failures/` to reproduce (they may hold test
/// tokens, never real ones: every seed is a fixture).
fn keep_failure(input: &[u8], execution: u64) {
    let dir = Path::new("target/fuzz-failures");
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = std::fs::write(dir.join(format!("{execution}.bin")), input);
    }
}

fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(600);
    let mut corpus = seeds(args.get(1..).unwrap_or_default());
    // Panics are counted, not printed: a message could hold input text.
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ u64::from(std::process::id()));
    let (mut executions, mut panics, mut leaks) = (0u64, 0u64, 0u64);
    let mut seen: HashSet<u64> = HashSet::new();
    let mut failures: Vec<String> = Vec::new();
    let seed_count = corpus.len();
    while Instant::now() < deadline {
        let mut input = corpus[rng.below(corpus.len())].clone();
        mutate(&mut input, &corpus, &mut rng);
        executions += 1;
        let passed = match std::panic::catch_unwind(|| axiom_lint_testing::hostile::check(&input)) {
            Ok(Ok(())) => true,
            Ok(Err(leak)) => {
                leaks += 1;
                failures.push(leak);
                keep_failure(&input, executions);
                false
            }
            Err(_) => {
                panics += 1;
                failures.push("panic".to_owned());
                keep_failure(&input, executions);
                false
            }
        };
        failures.truncate(4);
        // Keep inputs that passed and whose shape is new (a cheap stand-in for coverage), up
        // to a bound; one failure must not stop the corpus from growing.
        let punctuation = input.iter().filter(|b| !b.is_ascii_alphanumeric()).count() as u64;
        let shape = (input.len() as u64)
            ^ (u64::from(input.first().copied().unwrap_or(0)) << 32)
            ^ punctuation.wrapping_mul(0x1_0000_0001);
        if passed && corpus.len() < 4096 && seen.insert(shape) {
            corpus.push(input);
        }
        if executions % 10_000 == 0 {
            report(&format!(
                "{executions} executions, {panics} panics, {leaks} leaks, {:.0} s",
                started.elapsed().as_secs_f64()
            ));
        }
    }
    report(&format!(
        "done: {executions} executions in {:.0} s ({seed_count} seeds, corpus {}), {panics} panics, {leaks} leaks{}",
        started.elapsed().as_secs_f64(),
        corpus.len(),
        failures
            .first()
            .map(|first| format!("; first: {first}"))
            .unwrap_or_default()
    ));
    if panics + leaks > 0 {
        std::process::exit(1);
    }
}
