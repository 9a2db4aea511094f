//! The editor server's targets: diagnostics for a change to a 100 KB file within 20 ms of
//! server time (no debounce), and memory flat over 10,000 edits. The server runs in this
//! process over an in-memory connection, driven as an editor would drive it.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axiom_lint_server::{Options, serve};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

/// What the run measured.
#[derive(Debug)]
pub(crate) struct ServerFigures {
    pub(crate) file_bytes: usize,
    pub(crate) edits: usize,
    pub(crate) median: Duration,
    pub(crate) p95: Duration,
    pub(crate) worst: Duration,
    /// Resident memory after the first tenth of the edits (warmed up) and at the end.
    pub(crate) rss_warm_kb: Option<u64>,
    pub(crate) rss_end_kb: Option<u64>,
}

/// A Vector config of about `bytes`, every sink on an edge; one sink has a personal token so
/// there is something to report.
fn config_text(bytes: usize) -> String {
    let mut text =
        String::from("[sources.app]\ntype = \"file\"\ninclude = [\"/var/log/*.log\"]\n\n");
    let mut sink = 0;
    while text.len() < bytes {
        let token = if sink == 7 {
            "xapt-ad97e0c1-08df-4491-9b4e-5f7001a2864d"
        } else {
            "${AXIOM_TOKEN}"
        };
        let _ = write!(
            text,
            "[sinks.axiom_{sink}]\ntype = \"axiom\"\ninputs = [\"app\"]\ndataset = \"app-{sink}\"\nregion = \"eu-central-1.aws.edge.axiom.co\"\ntoken = \"{token}\"\n\n"
        );
        sink += 1;
    }
    text
}

fn resident_kb() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Waits for the diagnostics of `version`.
fn await_version(client: &Connection, version: i64) -> anyhow::Result<()> {
    loop {
        let message = client
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .context("the server did not publish within 30 s")?;
        if let Message::Notification(notification) = message
            && notification.method == "textDocument/publishDiagnostics"
            && notification.params.get("version").and_then(Value::as_i64) == Some(version)
        {
            return Ok(());
        }
    }
}

fn notify(client: &Connection, method: &str, params: Value) -> anyhow::Result<()> {
    client
        .sender
        .send(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )))
        .context("the server stopped")
}

/// Opens a file of `bytes` and changes it `edits` times, timing each change until its
/// diagnostics arrive.
pub(crate) fn measure(bytes: usize, edits: usize) -> anyhow::Result<ServerFigures> {
    let (server_side, client) = Connection::memory();
    let cwd = std::env::temp_dir().join(format!("axiom-lint-bench-server-{}", std::process::id()));
    std::fs::create_dir_all(&cwd)?;
    let uri = format!("file://{}/vector.toml", cwd.display());
    let options = Options {
        debounce: Duration::ZERO,
        cwd: cwd.clone(),
    };
    let server = std::thread::spawn(move || serve(&server_side, options));
    client.sender.send(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".to_owned(),
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    )))?;
    loop {
        if let Message::Response(_) = client.receiver.recv_timeout(Duration::from_secs(30))? {
            break;
        }
    }
    notify(&client, "initialized", json!({}))?;
    let base = config_text(bytes);
    notify(
        &client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": base}}),
    )?;
    await_version(&client, 1)?;

    let mut times = Vec::with_capacity(edits);
    let mut rss_warm_kb = None;
    for edit in 0..edits {
        // A different text each time, as typing makes it; built before the clock starts.
        let text = format!("# edit {edit}\n{base}");
        let version = i64::try_from(edit).unwrap_or(i64::MAX - 2) + 2;
        let params = json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}],
        });
        let start = Instant::now();
        notify(&client, "textDocument/didChange", params)?;
        await_version(&client, version)?;
        times.push(start.elapsed());
        if edit + 1 == edits / 10 {
            rss_warm_kb = resident_kb();
        }
    }
    let rss_end_kb = resident_kb();
    client.sender.send(Message::Request(Request::new(
        RequestId::from(2),
        "shutdown".to_owned(),
        Value::Null,
    )))?;
    notify(&client, "exit", Value::Null)?;
    if server.join().is_err() {
        bail!("the server panicked");
    }
    let _ = std::fs::remove_dir_all(&cwd);
    times.sort();
    let at = |share: f64| times[((times.len() - 1) as f64 * share) as usize];
    Ok(ServerFigures {
        file_bytes: base.len(),
        edits,
        median: at(0.5),
        p95: at(0.95),
        worst: times.last().copied().unwrap_or_default(),
        rss_warm_kb,
        rss_end_kb,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps the measurement working (not a timing: the debug build says nothing about speed).
    #[test]
    fn the_server_bench_runs() {
        let figures = measure(20 * 1024, 12).expect("the bench runs");
        assert_eq!(figures.edits, 12);
        assert!(figures.file_bytes >= 20 * 1024);
        assert!(figures.median <= figures.worst);
    }

    /// The real figures: `cargo test --release -p xtask server_figures -- --ignored --nocapture`
    /// (the full `cargo xtask bench` measures them too).
    #[test]
    #[ignore = "a measurement, run on demand in release mode"]
    fn server_figures() {
        let figures = measure(100 * 1024, 10_000).expect("the bench runs");
        println!("{figures:#?}");
    }
}
