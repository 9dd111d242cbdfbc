//! How long an editor waits for diagnostics: from `didChange` of one council to its
//! `publishDiagnostics`, in workspaces of generated councils (1,000 and 5,000 by
//! default; `cargo bench --bench lsp_latency -- 1000 5000 10000` for others).
//!
//! Each edit is sent when the server is idle (after a round trip), as when a user
//! types; the edit alternates between breaking and mending the council's reporting
//! line, so every edit changes its diagnostics.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 5000] } else { sizes };
    for n in sizes {
        measure(n);
    }
}

fn measure(n: usize) {
    let root = std::env::temp_dir().join(format!("regard-lsp-bench-{n}"));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let root = std::fs::canonicalize(&root).unwrap();
    let councils = regard::generate::councils(regard::generate::Config {
        councils: n,
        seed: 1,
        problem_rate: 0.1,
        extra_posts: 8,
    });
    for g in &councils {
        std::fs::write(root.join(&g.path), &g.text).unwrap();
    }
    let (server, client) = Connection::memory();
    let thread = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(move || regard::lsp::serve(&server))
        .unwrap();
    let uri = |p: &std::path::Path| url::Url::from_file_path(p).unwrap().to_string();
    let mut id = 0;
    let mut request = |client: &Connection, method: &str, params: Value| {
        id += 1;
        client
            .sender
            .send(Message::Request(Request::new(
                RequestId::from(id),
                method.into(),
                params,
            )))
            .unwrap();
        let wanted = RequestId::from(id);
        loop {
            match client.receiver.recv().unwrap() {
                Message::Response(r) if r.id == wanted => return,
                Message::Request(r) => client
                    .sender
                    .send(Message::Response(lsp_server::Response::new_ok(r.id, Value::Null)))
                    .unwrap(),
                _ => {}
            }
        }
    };
    let started = Instant::now();
    request(
        &client,
        "initialize",
        json!({"capabilities": {}, "workspaceFolders": [{"uri": uri(&root), "name": "bench"}], "initializationOptions": {"asOf": "2025-06-01"}}),
    );
    client
        .sender
        .send(Message::Notification(Notification::new(
            "initialized".into(),
            json!({}),
        )))
        .unwrap();
    request(&client, "regard/ping", Value::Null);
    let loaded = started.elapsed();

    // Edit a council in the middle of the workspace, without a joint post.
    let g = &councils[n / 2 + 5];
    let file: PathBuf = root.join(&g.path);
    let target = uri(&file);
    let good = g.text.clone();
    let bad = good.replacen(
        "reports_to chief_executive\n    member_of LSCB",
        "reports_to deputy_chief_executive\n    member_of LSCB",
        1,
    );
    assert_ne!(good, bad);
    client
        .sender
        .send(Message::Notification(Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": target, "languageId": "regard", "version": 1, "text": good}}),
        )))
        .unwrap();
    request(&client, "regard/ping", Value::Null);

    let mut times = Vec::new();
    for edit in 0..60 {
        let text = if edit % 2 == 0 { &bad } else { &good };
        request(&client, "regard/ping", Value::Null);
        let sent = Instant::now();
        let params = json!({"textDocument": {"uri": target, "version": edit + 2}, "contentChanges": [{"text": text}]});
        client
            .sender
            .send(Message::Notification(Notification::new(
                "textDocument/didChange".into(),
                params,
            )))
            .unwrap();
        loop {
            match client.receiver.recv_timeout(Duration::from_secs(60)).unwrap() {
                Message::Notification(n)
                    if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == target.as_str() =>
                {
                    break;
                }
                _ => {}
            }
        }
        times.push(sent.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{n:>6} councils: loaded and checked in {:.0} ms; didChange -> publishDiagnostics median {:.2} ms, p90 {:.2} ms, max {:.2} ms ({} edits)",
        ms(loaded),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1]),
        times.len()
    );
    request(&client, "shutdown", Value::Null);
    client
        .sender
        .send(Message::Notification(Notification::new("exit".into(), Value::Null)))
        .unwrap();
    assert_eq!(thread.join().unwrap(), 0);
    let _ = std::fs::remove_dir_all(&root);
}
