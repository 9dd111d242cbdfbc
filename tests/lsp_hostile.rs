//! The language server against a hostile or careless client, over the real `regard lsp`
//! process: broken framing, bytes that are not UTF-8, messages in the wrong order or
//! after `shutdown`, oversized messages, a FIFO reported by the file watcher, a cache
//! folder another user has prepared, a workspace opened through a symbolic link, and the
//! exit status the protocol asks for.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::scratch;

use serde_json::{Value, json};

fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// The server process, its input, and its messages read on a thread (so that a test
/// waits with a time-out, never forever).
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
}

impl Server {
    fn start(configure: impl FnOnce(&mut Command)) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_regard"));
        command
            .arg("lsp")
            .env(
                "REGARD_CACHE_DIR",
                PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lsp-cache"),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        configure(&mut command);
        let mut child = command.spawn().unwrap();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (send, messages) = mpsc::channel();
        std::thread::spawn(move || read_messages(stdout, send));
        Server { child, stdin, messages }
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// The next message that `wanted` accepts (others are passed over).
    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.messages.recv_timeout(Duration::from_secs(30)) {
                Ok(m) if wanted(&m) => return m,
                Ok(_) => {}
                Err(_) => panic!("no {what} within 30 s: the server hangs or has ended"),
            }
        }
    }

    fn reply_to(&mut self, id: i64) -> Value {
        self.wait(&format!("reply to {id}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    fn initialize(&mut self, root: Option<&Path>) {
        let params = match root {
            Some(root) => json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{"uri": uri(root), "name": "w"}],
                "capabilities": {},
                "initializationOptions": {"asOf": "2026-11-23"},
            }),
            None => json!({"processId": null, "capabilities": {}}),
        };
        self.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}));
        assert_eq!(self.reply_to(1)["result"]["serverInfo"]["name"], "regard");
    }

    /// A request the server answers with an error (an unknown method): proof that it
    /// still reads and answers.
    fn ping(&mut self, id: i64) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "regard/ping"}));
        self.reply_to(id)
    }

    /// Closes the input and waits for the exit status.
    fn finish(mut self) -> i32 {
        drop(self.stdin.take());
        for _ in 0..300 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("the server did not end within 30 s");
    }
}

fn read_messages(stdout: ChildStdout, send: mpsc::Sender<Value>) {
    let mut stdout = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.unwrap_or(0)];
        if stdout.read_exact(&mut body).is_err() {
            return;
        }
        if send.send(serde_json::from_slice(&body).unwrap_or(Value::Null)).is_err() {
            return;
        }
    }
}

#[test]
fn exit_without_shutdown_is_status_1_and_after_it_status_0() {
    let mut server = Server::start(|_| {});
    server.initialize(None);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.finish(), 1);

    let mut server = Server::start(|_| {});
    server.initialize(None);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    assert!(server.reply_to(2)["result"].is_null());
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.finish(), 0);
}

#[test]
fn requests_after_shutdown_are_refused_and_the_server_waits_for_exit() {
    let mut server = Server::start(|_| {});
    server.initialize(None);
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    server.reply_to(2);
    server.send(json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {}}));
    assert_eq!(server.reply_to(3)["error"]["code"], -32600);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.finish(), 0);
}

#[test]
fn any_notification_may_come_before_initialized() {
    let mut server = Server::start(|_| {});
    // A request before `initialize` is refused, and does not end the server.
    server.send(json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {}}));
    assert_eq!(server.reply_to(7)["error"]["code"], -32002);
    server.initialize(None);
    server.send(json!({"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "verbose"}}));
    assert_eq!(server.ping(2)["error"]["code"], -32601);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    assert_eq!(server.ping(3)["error"]["code"], -32601);
}

#[test]
fn a_wrong_content_length_costs_one_message_not_every_later_one() {
    for bad in [
        "Content-Length: 5\r\n\r\n",
        "Content-Length: -3\r\n\r\n",
        "\r\n",
        "Content-Length: 99999999999999999999\r\n\r\n",
    ] {
        let mut server = Server::start(|_| {});
        server.initialize(None);
        server.raw(bad.as_bytes());
        server.raw(br#"{"jsonrpc":"2.0","id":50,"method":"regard/ping"}"#);
        // The next well-framed message is read, however the bad one ended.
        assert_eq!(server.ping(2)["error"]["code"], -32601, "after {bad:?}");
    }
}

#[test]
fn a_header_that_is_not_utf8_does_not_end_the_server() {
    let mut server = Server::start(|_| {});
    server.initialize(None);
    server.raw(b"X-Note: \xff\xfe\xfd\r\n");
    assert_eq!(server.ping(2)["error"]["code"], -32601);
}

#[test]
fn a_message_over_64_mib_is_answered_and_skipped() {
    let mut server = Server::start(|_| {});
    server.initialize(None);
    let length = (64 << 20) + 1;
    server.raw(format!("Content-Length: {length}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..64 {
        server.raw(&chunk);
    }
    server.raw(b" ");
    let reply = server.wait("an error for the large message", |m| m["error"].is_object());
    assert_eq!(reply["error"]["code"], -32600);
    assert_eq!(server.ping(2)["error"]["code"], -32601);
}

#[test]
#[cfg(unix)]
fn a_fifo_reported_by_the_file_watcher_does_not_hang_the_server() {
    let root = scratch("fifo");
    let fifo = root.join("pipe.regard");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut server = Server::start(|_| {});
    server.initialize(Some(&root));
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    server.send(json!({
        "jsonrpc": "2.0",
        "method": "workspace/didChangeWatchedFiles",
        "params": {"changes": [{"uri": uri(&fifo), "type": 1}, {"uri": uri(&fifo), "type": 2}]},
    }));
    assert_eq!(server.ping(2)["error"]["code"], -32601);
}

#[test]
#[cfg(unix)]
fn the_cache_folder_is_private_and_a_planted_link_is_never_followed() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let tmp = scratch("tmp");
    let victim = scratch("victim");
    let precious = victim.join("stdlib-dcs.regard");
    std::fs::write(&precious, "precious").unwrap();
    // Another user's trap: the folder regard would use is a link to the victim's folder
    // (and, for older versions, the stdlib folder inside it).
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0);
    std::os::unix::fs::symlink(&victim, tmp.join(format!("regard-{uid}"))).unwrap();
    std::os::unix::fs::symlink(&victim, tmp.join("regard")).unwrap();
    let mut server = Server::start(|c| {
        c.env_remove("REGARD_CACHE_DIR")
            .env_remove("HOME")
            .env_remove("XDG_CACHE_HOME")
            .env("TMPDIR", &tmp);
    });
    server.initialize(None);
    assert_eq!(server.ping(2)["error"]["code"], -32601);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "precious");
    assert_eq!(
        std::fs::read_dir(&victim).unwrap().count(),
        1,
        "nothing written through the link"
    );
    // The copies went to a private folder of this user's instead.
    let private: Vec<PathBuf> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.is_symlink())
        .collect();
    assert_eq!(private.len(), 1, "{private:?}");
    let meta = std::fs::metadata(&private[0]).unwrap();
    assert_eq!(meta.permissions().mode() & 0o077, 0, "owner-only");
    assert_eq!(meta.uid(), uid);
}

#[test]
#[cfg(unix)]
fn diagnostics_are_published_under_the_uri_the_client_uses() {
    let real = scratch("real");
    let link = scratch("linked").join("workspace");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    std::fs::write(
        real.join("bad.regard"),
        "council c \"C\" {\n  officer p \"P\" {\n    holds DSC\n  }\n}\n",
    )
    .unwrap();
    let mut server = Server::start(|_| {});
    server.initialize(Some(&link));
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let through_link = uri(&link.join("bad.regard"));
    let published = server.wait("diagnostics for the linked path", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == through_link.as_str()
    });
    assert!(!published["params"]["diagnostics"].as_array().unwrap().is_empty());
    // Opened through the link, edited: published under that URI.
    let text = "council c \"C\" {\n  officer p \"P\" {\n    holds DCX\n  }\n}\n";
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": through_link, "languageId": "regard", "version": 1, "text": text}}}));
    let published = server.wait("diagnostics after opening", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == through_link.as_str()
            && m["params"]["diagnostics"].to_string().contains("DCX")
    });
    assert!(published["params"]["diagnostics"].to_string().contains("DCX"));
}

#[test]
fn positions_after_a_lone_carriage_return_are_on_the_right_line() {
    let root = scratch("cr");
    let file = root.join("cr.regard");
    std::fs::write(&file, "council c \"C\" {\r  officer p \"P\" {\r    holds DSC\r  }\r}\r").unwrap();
    let mut server = Server::start(|_| {});
    server.initialize(Some(&root));
    let wanted = uri(&file);
    let published = server.wait("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == wanted.as_str()
    });
    let unknown = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "E0101")
        .cloned()
        .expect("the misspelt role");
    assert_eq!(unknown["range"]["start"], json!({"line": 2, "character": 10}));
}

/// A workspace folder that is not a project (no `.git`, no regard file in its top two
/// levels: `/`, a home folder) is not walked: the server says so, answers at once, and
/// still checks a file the editor opens.
#[test]
fn a_folder_that_is_not_a_project_is_not_walked() {
    let root = scratch("lsp-not-a-project");
    let deep = root.join("x/y/z");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.regard"), "council deep \"Deep\" {\n  holds\n}\n").unwrap();
    let mut server = Server::start(|_| {});
    server.initialize(Some(&root));
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let said = server.wait("a message", |m| m["method"] == "window/showMessage");
    assert!(
        said["params"]["message"]
            .as_str()
            .unwrap()
            .contains("does not look like a project"),
        "{said}"
    );
    server.ping(2);
    // A file the editor opens is checked all the same.
    let opened = root.join("open.regard");
    server.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri(&opened), "languageId": "regard", "version": 1, "text": "council open \"Open\" {\n  holds\n}\n"}}}),
    );
    let published = server.wait("diagnostics", |m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(
        published["params"]["uri"],
        uri(&opened).as_str(),
        "the deep file is not read"
    );
    server.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    server.reply_to(3);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.finish(), 0);
}

/// A large workspace is walked in the background: the server answers while it walks,
/// and ends promptly when told to, the walk stopped.
#[test]
fn the_server_answers_and_ends_promptly_while_a_large_workspace_is_walked() {
    let root = scratch("lsp-large-walk");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for folder in 0..200 {
        let dir = root.join(format!("f{folder}"));
        std::fs::create_dir_all(&dir).unwrap();
        for file in 0..100 {
            std::fs::write(dir.join(format!("n{file}.txt")), "").unwrap();
        }
        std::fs::write(dir.join("c.regard"), format!("council c{folder} \"C\" {{\n}}\n")).unwrap();
    }
    let mut server = Server::start(|_| {});
    let started = std::time::Instant::now();
    server.initialize(Some(&root));
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    server.reply_to(2);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(server.finish(), 0);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}
