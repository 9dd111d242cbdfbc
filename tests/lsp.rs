//! The language server, in process over `Connection::memory()`: the handshake, document
//! sync, diagnostics, hover, definitions, references, completion, fixes, symbols, files
//! changing on disk, and bad input. One test drives the real `regard lsp` process over
//! stdio with a malformed message.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::scratch;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

struct Client {
    connection: Connection,
    server: Option<std::thread::JoinHandle<u8>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    pending: Vec<Notification>,
    init: Value,
}

fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

impl Client {
    fn start(root: &Path, capabilities: Value) -> Client {
        Client::start_with(root, capabilities, json!({"asOf": "2026-11-23"}))
    }

    fn start_with(root: &Path, capabilities: Value, options: Value) -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn(move || regard::lsp::serve(&server_side))
            .unwrap();
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            pending: Vec::new(),
            init: Value::Null,
        };
        client.init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{"uri": uri(root), "name": "test"}],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        client.notify("initialized", json!({}));
        client
    }

    fn notify(&self, method: &str, params: Value) {
        self.connection
            .sender
            .send(Message::Notification(Notification::new(method.into(), params)))
            .unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.request_raw(method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method} failed: {error}"),
        }
    }

    /// The result, or the error object.
    fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection
            .sender
            .send(Message::Request(Request::new(id.clone(), method.into(), params)))
            .unwrap();
        loop {
            match self
                .connection
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("an answer")
            {
                Message::Response(r) if r.id == id => {
                    return r.response_result.map_err(|e| serde_json::to_value(e).unwrap());
                }
                Message::Notification(n) => self.pending.push(n),
                Message::Request(r) => {
                    // The server asks to watch files: accept.
                    let ok = lsp_server::Response::new_ok(r.id, Value::Null);
                    self.connection.sender.send(Message::Response(ok)).unwrap();
                }
                Message::Response(_) => {}
            }
        }
    }

    /// The next diagnostics published for `file`.
    fn diagnostics(&mut self, file: &Path) -> Vec<Value> {
        let wanted = uri(file);
        let is_it =
            |n: &Notification| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == wanted.as_str();
        if let Some(i) = self.pending.iter().position(is_it) {
            let n = self.pending.remove(i);
            return n.params["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        loop {
            match self
                .connection
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("diagnostics")
            {
                Message::Notification(n) if is_it(&n) => {
                    return n.params["diagnostics"].as_array().cloned().unwrap_or_default();
                }
                Message::Notification(n) => self.pending.push(n),
                Message::Request(r) => {
                    let ok = lsp_server::Response::new_ok(r.id, Value::Null);
                    self.connection.sender.send(Message::Response(ok)).unwrap();
                }
                Message::Response(_) => {}
            }
        }
    }

    /// The most recent diagnostics published for `file` so far (after a round trip, so
    /// that everything sent before has been handled).
    fn latest_diagnostics(&mut self, file: &Path) -> Option<Vec<Value>> {
        let _ = self.request_raw("regard/ping", Value::Null);
        let wanted = uri(file);
        self.pending
            .iter()
            .rev()
            .find(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == wanted.as_str())
            .map(|n| n.params["diagnostics"].as_array().cloned().unwrap_or_default())
    }

    fn open(&self, file: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(file), "languageId": "regard", "version": 1, "text": text}}),
        );
    }

    fn change(&self, file: &Path, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(file), "version": version}, "contentChanges": changes}),
        );
    }

    fn at(&mut self, method: &str, file: &Path, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri(file)}, "position": {"line": line, "character": character}}),
        )
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        assert_eq!(server.join().expect("the server thread ends"), 0);
    }
}

/// A council with one problem to find (its DCS reports to a deputy) and a review of its
/// arrangements dated a month before today, so that the check of the day finds it recent.
static COUNCIL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let today = jiff::Zoned::now().date();
    let reviewed = today.checked_sub(jiff::Span::new().months(1)).unwrap_or(today);
    COUNCIL_TEMPLATE.replace("REVIEWED", &reviewed.to_string())
});

const COUNCIL_TEMPLATE: &str = "council ashford \"Ashford Council\" {
  follows dcs_lmcs_2013

  officer chief_executive \"Chief Executive\" {
    holds ChiefExecutive
  }

  officer deputy \"Deputy Chief Executive\" {
    reports_to chief_executive
  }

  officer director \"Director of Children's Services\" {
    holds DCS
    reports_to deputy
    member_of LSCB, HealthAndWellbeingBoard
    responsible_for education, childrens_social_care
  }

  member leader \"Leader of the Council\" {
    holds Leader
  }

  member lead_member \"Lead Member for Children's Services\" {
    holds LMCS
    reports_to leader
    member_of Executive
    observer_of LSCB
    responsible_for education, childrens_social_care
  }

  assurance annual_review \"Annual review\" {
    dated REVIEWED
    addresses priority, accountability, seniority, participation, child_protection, partnerships
  }
}
";

fn code_of(d: &Value) -> &str {
    d["code"].as_str().unwrap_or_default()
}

/// Where `needle` is in `text`, as a (line, character) in UTF-8 bytes = UTF-16 units for
/// ASCII text.
/// The labels of a completion answer (a list, or a list's `items`).
fn labels(answer: &Value) -> Vec<String> {
    answer["items"]
        .as_array()
        .or(answer.as_array())
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

fn find(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` in the text"));
    let line = text[..at].matches('\n').count() as u32;
    let column = (at - text[..at].rfind('\n').map_or(0, |i| i + 1)) as u32;
    (line, column)
}

fn set_cache() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lsp-cache");
        // SAFETY: set once, before any server thread reads it.
        unsafe { std::env::set_var("REGARD_CACHE_DIR", dir) };
    });
}

#[test]
fn handshake_negotiates_the_position_encoding() {
    set_cache();
    let root = scratch("handshake");
    let utf8 = Client::start(&root, json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(utf8.init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(utf8.init["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(utf8.init["serverInfo"]["name"], "regard");
    utf8.shutdown();
    let mut utf16 = Client::start(&root, json!({}));
    assert_eq!(utf16.init["capabilities"]["positionEncoding"], "utf-16");
    let error = utf16
        .request_raw("workspace/willRenameFiles", json!({"files": []}))
        .unwrap_err();
    assert_eq!(error["code"], -32601);
    utf16.shutdown();
}

#[test]
fn diagnostics_come_for_the_workspace_and_follow_edits() {
    set_cache();
    let root = scratch("edits");
    let file = root.join("ashford.regard");
    std::fs::write(&file, COUNCIL.as_str()).unwrap();
    let mut client = Client::start(&root, json!({}));

    let published = client.diagnostics(&file);
    assert_eq!(published.len(), 1, "{published:#?}");
    let d = &published[0];
    assert_eq!(code_of(d), "dcs_lmcs_2013.dcs_reports_to_chief_executive");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["source"], "regard");
    let (line, column) = find(COUNCIL.as_str(), "reports_to deputy");
    assert_eq!(d["range"]["start"], json!({"line": line, "character": column}));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("which does not hold `ChiefExecutive`")
    );
    // The clause it breaks, in the standard library's read-only copy.
    let related = &d["relatedInformation"][0];
    assert_eq!(related["message"], "required by this clause");
    let stdlib_uri = related["location"]["uri"].as_str().unwrap();
    assert!(stdlib_uri.ends_with("/dcs_lmcs_2013.regard"), "{stdlib_uri}");
    let copy = url::Url::parse(stdlib_uri).unwrap().to_file_path().unwrap();
    assert!(std::fs::metadata(&copy).unwrap().permissions().readonly());
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .contains("dcs_lmcs_2013.regard#L")
    );

    // Open the file and fix the reporting line with an incremental edit.
    client.open(&file, COUNCIL.as_str());
    assert_eq!(client.diagnostics(&file).len(), 1);
    let (line, column) = find(COUNCIL.as_str(), "deputy\n    member_of");
    client.change(
        &file,
        2,
        json!([{"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 6}}, "text": "chief_executive"}]),
    );
    assert!(client.diagnostics(&file).is_empty());
    // And break it again, with a full-text change.
    client.change(
        &file,
        3,
        json!([{"text": COUNCIL.as_str().replace("holds DCS", "holds DSC")}]),
    );
    let after = client.diagnostics(&file);
    assert_eq!(after.iter().map(code_of).collect::<Vec<_>>(), ["E0101"]);
    client.shutdown();
}

#[test]
fn positions_use_the_negotiated_encoding() {
    set_cache();
    let root = scratch("encoding");
    let text = "council zoe \"Zoë’s Council\" {\n  officer a \"A\" {\n    holder \"Zoë Brontë\" extra\n  }\n}\n";
    let file = root.join("zoe.regard");
    std::fs::write(&file, text).unwrap();
    let line = text.lines().nth(2).unwrap();
    let bytes = line.find("extra").unwrap() as u32;
    let chars = line[..bytes as usize].chars().count() as u32;
    assert_ne!(bytes, chars);
    for (capabilities, expected) in [
        (json!({}), chars),
        (json!({"general": {"positionEncodings": ["utf-8"]}}), bytes),
    ] {
        let mut client = Client::start(&root, capabilities);
        let diagnostics = client.diagnostics(&file);
        let syntax = diagnostics
            .iter()
            .find(|d| code_of(d) == "E0001")
            .expect("the syntax error");
        assert_eq!(syntax["range"]["start"], json!({"line": 2, "character": expected}));
        // An edit addressed in the same encoding lands in the right place.
        client.open(&file, text);
        client.diagnostics(&file);
        client.change(
            &file,
            2,
            json!([{"range": {"start": {"line": 2, "character": expected - 1}, "end": {"line": 2, "character": expected + 5}}, "text": ""}]),
        );
        let after = client.diagnostics(&file);
        assert!(after.iter().all(|d| code_of(d) != "E0001"), "{after:#?}");
        client.shutdown();
    }
}

#[test]
fn hover_shows_names_posts_and_rules() {
    set_cache();
    let root = scratch("hover");
    let file = root.join("ashford.regard");
    let text = format!(
        "{}  depart dcs_reports_to_chief_executive for director because \"Reports to the deputy during the 2026 restructure\"\n}}\n",
        COUNCIL.as_str().trim_end().trim_end_matches('}')
    );
    std::fs::write(&file, &text).unwrap();
    let mut client = Client::start(&root, json!({}));
    let value = |h: &Value| h["contents"]["value"].as_str().unwrap_or_default().to_string();

    let (line, column) = find(&text, "LSCB, Health");
    let h = value(&client.at("textDocument/hover", &file, line, column + 1));
    assert!(
        h.starts_with("**body** `LSCB` — Local Safeguarding Children Board"),
        "{h}"
    );
    assert!(h.contains("Children Act 2004, s13"), "{h}");

    let (line, column) = find(&text, "deputy \"Deputy");
    let h = value(&client.at("textDocument/hover", &file, line, column));
    assert!(
        h.contains("**officer** `deputy` of `ashford` — Deputy Chief Executive"),
        "{h}"
    );
    assert!(h.contains("`reports_to` `chief_executive` (Chief Executive)"), "{h}");

    let (line, column) = find(&text, "dcs_reports_to_chief_executive for");
    let h = value(&client.at("textDocument/hover", &file, line, column + 3));
    assert!(
        h.contains(
            "**rule** `dcs_lmcs_2013.dcs_reports_to_chief_executive` — The DCS reports directly to the Chief Executive"
        ),
        "{h}"
    );
    assert!(
        h.contains("> para 6: The DCS should report directly to the Chief Executive"),
        "{h}"
    );

    // Over a line a rule finds fault with: the finding and the rule.
    let (line, column) = find(&text, "reports_to deputy");
    let h = value(&client.at("textDocument/hover", &file, line, column + 12));
    assert!(h.contains("`director` holds `DCS` but reports to `deputy`"), "{h}");
    assert!(h.contains("para 6"), "{h}");

    let (line, column) = find(&text, "reports_to leader");
    let h = value(&client.at("textDocument/hover", &file, line, column + 2));
    assert!(
        h.starts_with("**relation (post → post)** `reports_to` — reports to"),
        "{h}"
    );
    client.shutdown();
}

/// Groups, council flags and holdings with a basis: hover says what they are, a group's
/// name goes to the vocabulary, and completion offers groups after `other_than`.
#[test]
fn language_v2_names_hover_go_and_complete() {
    set_cache();
    let root = scratch("hover_v2");
    let file = root.join("v2.regard");
    let text = "guidance local {\n  rule r {\n    should DCS requires assurance when holds other_than childrens_roles\n  }\n}\n\ncouncil c {\n  follows local\n  is committee_system\n\n  officer chief \"Chief Executive\" {\n    holds ChiefExecutive, DCS interim\n  }\n\n  officer director \"Director\" {\n    holds DCS\n    is vacant\n  }\n}\n";
    std::fs::write(&file, text).unwrap();
    let mut client = Client::start(&root, json!({}));
    let value = |h: &Value| h["contents"]["value"].as_str().unwrap_or_default().to_string();

    let (line, column) = find(text, "childrens_roles");
    let h = value(&client.at("textDocument/hover", &file, line, column + 2));
    assert!(
        h.starts_with("**group** `childrens_roles` — Children's services roles"),
        "{h}"
    );
    assert!(h.contains("gathers roles: `DCS`, `LMCS`"), "{h}");
    let def = client.at("textDocument/definition", &file, line, column + 2);
    assert!(
        def["uri"].as_str().unwrap_or_default().ends_with("vocabulary.regard"),
        "{def}"
    );

    let (line, column) = find(text, "committee_system");
    let h = value(&client.at("textDocument/hover", &file, line, column + 2));
    assert!(h.starts_with("**council flag** `committee_system`"), "{h}");

    let (line, column) = find(text, "chief \"");
    let h = value(&client.at("textDocument/hover", &file, line, column + 1));
    assert!(h.contains("Holds `ChiefExecutive`, `DCS` (interim)"), "{h}");
    let (line, column) = find(text, "director \"");
    let h = value(&client.at("textDocument/hover", &file, line, column + 1));
    assert!(h.contains("Vacant: it holds none of its roles for the rules"), "{h}");

    let (line, column) = find(text, "childrens_roles");
    let labels = labels(&client.at("textDocument/completion", &file, line, column));
    assert!(labels.contains(&"childrens_functions".to_string()), "{labels:?}");
    assert!(!labels.contains(&"DCS".to_string()), "{labels:?}");
    client.shutdown();
}

/// Language version 3: the group after `in` hovers, goes to its declaration and is
/// completed; a group's hover names the members that joined it and where; a law
/// guidance's hover says what it is.
#[test]
fn language_v3_names_hover_go_and_complete() {
    set_cache();
    let root = scratch("hover_v3");
    let file = root.join("v3.regard");
    let text = "function family_hubs \"Family hubs\" in childrens_functions\ngroup local_services \"Local\" = family_hubs\nfunction youth_clubs \"Youth clubs\" in local_services\n\nguidance local_law {\n  status law\n  rule r {\n    cite \"s1\"\n    must not post member_of Executive when is officer\n  }\n}\n\ncouncil c {\n  officer d \"Director\" {\n    holds DCS\n    responsible_for family_hubs\n  }\n}\n";
    std::fs::write(&file, text).unwrap();
    let mut client = Client::start(&root, json!({}));
    let value = |h: &Value| h["contents"]["value"].as_str().unwrap_or_default().to_string();

    let (line, column) = find(text, "childrens_functions");
    let h = value(&client.at("textDocument/hover", &file, line, column + 2));
    assert!(h.starts_with("**group** `childrens_functions`"), "{h}");
    assert!(h.contains("`family_hubs` (joined in"), "{h}");
    assert!(
        h.contains("`youth_justice` (joined in &lt;stdlib&gt;/vocabulary.regard:"),
        "{h}"
    );
    let def = client.at("textDocument/definition", &file, line, column + 2);
    assert!(
        def["uri"].as_str().unwrap_or_default().ends_with("vocabulary.regard"),
        "{def}"
    );

    let (line, column) = find(text, "local_law");
    let h = value(&client.at("textDocument/hover", &file, line, column + 2));
    assert!(h.contains("facts of law, which every council follows"), "{h}");

    let (line, column) = find(text, "childrens_functions");
    let labels = labels(&client.at("textDocument/completion", &file, line, column));
    assert!(labels.contains(&"childrens_roles".to_string()), "{labels:?}");
    assert!(!labels.contains(&"DCS".to_string()), "{labels:?}");

    // Renaming a group renames the `in` that joins it.
    let (line, column) = find(text, "local_services\n");
    let edit = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri(&file)}, "position": {"line": line, "character": column + 1}, "newName": "our_services"}),
    );
    let edits = edit["changes"][uri(&file)].as_array().unwrap();
    assert_eq!(edits.len(), 2, "{edit}");
    client.shutdown();
}

#[test]
fn definitions_and_references_cross_files_and_the_stdlib() {
    set_cache();
    let root = scratch("definition");
    let ashford = root.join("ashford.regard");
    let partner = root.join("bexley.regard");
    let text = COUNCIL.as_str().replace(
        "    holds DCS\n    reports_to deputy",
        "    holds DCS\n    shared with bexley\n    reports_to deputy",
    );
    std::fs::write(&ashford, &text).unwrap();
    std::fs::write(&partner, "council bexley \"Bexley\" {\n  officer director \"Joint DCS\" {\n    holds DCS\n    shared with ashford\n  }\n}\n").unwrap();
    let mut client = Client::start(&root, json!({}));

    // A role goes to the standard library's copy.
    let (line, column) = find(&text, "DCS\n    shared");
    let def = client.at("textDocument/definition", &ashford, line, column);
    assert!(def["uri"].as_str().unwrap().ends_with("/vocabulary.regard"), "{def}");
    // A post id goes to the post.
    let (line, column) = find(&text, "deputy\n    member_of");
    let def = client.at("textDocument/definition", &ashford, line, column);
    assert_eq!(def["uri"], uri(&ashford).as_str());
    let (dline, dcolumn) = find(&text, "deputy \"Deputy");
    assert_eq!(def["range"]["start"], json!({"line": dline, "character": dcolumn}));
    // A partner council in `shared with` goes to its file.
    let (line, column) = find(&text, "bexley");
    let def = client.at("textDocument/definition", &ashford, line, column);
    assert_eq!(def["uri"], uri(&partner).as_str());
    // The guidance in `follows`.
    let (line, column) = find(&text, "dcs_lmcs_2013");
    let def = client.at("textDocument/definition", &ashford, line, column);
    assert!(def["uri"].as_str().unwrap().ends_with("/dcs_lmcs_2013.regard"), "{def}");
    // References to a post: its declaration and each use.
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&ashford)}, "position": {"line": dline, "character": dcolumn}, "context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 2, "{refs}");
    // References to a role span both files (and the standard library).
    let refs = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&partner)}, "position": {"line": 2, "character": 11}, "context": {"includeDeclaration": false}}),
    );
    let uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap())
        .collect();
    assert!(
        uris.contains(&uri(&ashford).as_str()) && uris.contains(&uri(&partner).as_str()),
        "{uris:?}"
    );
    // Without the declaration: no reference is the `role` line of the vocabulary (the
    // groups that list the role there are references).
    let declaration = refs.as_array().unwrap().iter().any(|r| {
        r["uri"].as_str().unwrap().ends_with("/vocabulary.regard")
            && r["range"]["start"]["character"].as_u64() == Some(5)
    });
    assert!(!declaration, "{refs}");
    client.shutdown();
}

#[test]
fn completion_offers_what_may_stand_at_the_cursor() {
    set_cache();
    let root = scratch("completion");
    let file = root.join("ashford.regard");
    std::fs::write(&file, COUNCIL.as_str()).unwrap();
    let mut client = Client::start(&root, json!({}));
    client.open(&file, COUNCIL.as_str());
    let complete_after = |client: &mut Client, anchor: &str, typed: &str| -> Vec<String> {
        // Type a new line after the anchor's line, then complete at its end.
        let (line, _) = find(COUNCIL.as_str(), anchor);
        client.change(&file, 2, json!([{"range": {"start": {"line": line + 1, "character": 0}, "end": {"line": line + 1, "character": 0}}, "text": format!("{typed}\n")}]));
        let result = labels(&client.at("textDocument/completion", &file, line + 1, typed.len() as u32));
        client.change(&file, 3, json!([{"text": COUNCIL.as_str()}]));
        result
    };
    let roles = complete_after(&mut client, "holds ChiefExecutive", "    holds ");
    assert!(roles.contains(&"DCS".to_string()) && roles.contains(&"HeadOfChildrensSafeguarding".to_string()));
    let posts = complete_after(&mut client, "holds ChiefExecutive", "    reports_to ");
    assert!(
        posts.contains(&"deputy".to_string()) && posts.contains(&"lead_member".to_string()),
        "{posts:?}"
    );
    let bodies = complete_after(&mut client, "holds ChiefExecutive", "    member_of Ex");
    assert!(
        bodies.contains(&"Executive".to_string()) && !bodies.contains(&"DCS".to_string()),
        "{bodies:?}"
    );
    let functions = complete_after(&mut client, "holds ChiefExecutive", "    responsible_for ");
    assert!(functions.contains(&"send".to_string()));
    let flags = complete_after(&mut client, "holds ChiefExecutive", "    is ");
    assert_eq!(flags, ["vacant", "first_director_role", "mentored"]);
    let basis = complete_after(&mut client, "holds ChiefExecutive", "    holds DCS ");
    assert_eq!(basis, ["interim"]);
    let roles = complete_after(&mut client, "holds ChiefExecutive", "    holds DCS, ");
    assert!(
        roles.contains(&"LMCS".to_string()) && !roles.contains(&"interim".to_string()),
        "{roles:?}"
    );
    let statements = complete_after(&mut client, "holds ChiefExecutive", "    ");
    assert!(statements.contains(&"holds".to_string()) && statements.contains(&"reports_to".to_string()));
    let guidance = complete_after(&mut client, "follows dcs_lmcs_2013", "  follows ");
    assert!(guidance.contains(&"chief_executive_guide".to_string()));
    let rules = complete_after(&mut client, "follows dcs_lmcs_2013", "  depart ");
    assert!(
        rules.contains(&"dcs_on_lscb".to_string()) && !rules.contains(&"lmcs_covers_send".to_string()),
        "{rules:?}"
    );
    let council_statements = complete_after(&mut client, "follows dcs_lmcs_2013", "  ");
    assert_eq!(
        council_statements,
        ["follows", "is", "as_of", "officer", "member", "assurance", "depart"]
    );
    client.shutdown();
}

/// Applies LSP text edits (from a code action, or formatting) to ASCII `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, character) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        text.split_inclusive('\n').take(line).map(str::len).sum::<usize>() + character
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn code_actions_fix_names_add_statements_and_record_departures() {
    set_cache();
    let root = scratch("actions");
    let file = root.join("ashford.regard");
    let text = COUNCIL
        .as_str()
        .replace("    holds LMCS", "    holds LMC")
        .replace("\n    member_of LSCB, HealthAndWellbeingBoard", "\n    member_of LSCB");
    std::fs::write(&file, &text).unwrap();
    let mut client = Client::start(&root, json!({}));
    let actions = |client: &mut Client, needle: &str| -> Vec<Value> {
        let (line, column) = find(&text, needle);
        client
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri(&file)}, "range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "context": {"diagnostics": []}}),
            )
            .as_array()
            .cloned()
            .unwrap()
    };
    let edits = |a: &Value| a["edit"]["changes"][uri(&file).as_str()].as_array().cloned().unwrap();

    // Did you mean: `LMC` is `LMCS`.
    let found = actions(&mut client, "holds LMC");
    let fix = found
        .iter()
        .find(|a| a["title"] == "replace `LMC` with `LMCS`")
        .unwrap_or_else(|| panic!("a did-you-mean fix in {found:#?}"));
    assert_eq!(fix["isPreferred"], true);
    assert!(apply(&text, &edits(fix)).contains("    holds LMCS\n"));

    // The missing reporting line's fix names the Chief Executive's post.
    let found = actions(&mut client, "reports_to deputy");
    let fix = found
        .iter()
        .find(|a| a["title"] == "change the line to `reports_to chief_executive`")
        .expect("a statement fix");
    assert!(apply(&text, &edits(fix)).contains("    reports_to chief_executive\n    member_of LSCB"));
    // A `should` can be departed from: the line goes before the council's `}`.
    let depart = found
        .iter()
        .find(|a| a["title"] == "record a departure from `dcs_reports_to_chief_executive`")
        .unwrap();
    let departed = apply(&text, &edits(depart));
    assert!(
        departed.ends_with("  depart dcs_reports_to_chief_executive for director because \"\"\n}\n"),
        "{departed}"
    );

    // A statutory `must` gets the statement, but no departure.
    let found = actions(&mut client, "member_of LSCB\n");
    let titles: Vec<&str> = found.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["add `HealthAndWellbeingBoard` to its `member_of` line"],
        "{titles:?}"
    );
    assert!(apply(&text, &edits(&found[0])).contains("member_of LSCB, HealthAndWellbeingBoard\n"));
    client.shutdown();

    // A client that takes snippet edits gets the cursor in the departure's reason.
    let mut client = Client::start(&root, json!({"experimental": {"snippetTextEdit": true}}));
    let found = actions(&mut client, "reports_to deputy");
    let depart = found
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("record a departure"))
        .unwrap();
    let edit = &depart["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit["insertTextFormat"], 2);
    assert_eq!(
        edit["newText"],
        "  depart dcs_reports_to_chief_executive for director because \"$0\"\n"
    );
    client.shutdown();
}

#[test]
fn document_symbols_outline_councils_and_guidance() {
    set_cache();
    let root = scratch("symbols");
    let file = root.join("ashford.regard");
    std::fs::write(&file, COUNCIL.as_str()).unwrap();
    let mut client = Client::start(&root, json!({}));
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let council = &symbols[0];
    assert_eq!(council["name"], "ashford");
    assert_eq!(council["detail"], "Ashford Council");
    let posts: Vec<&str> = council["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        posts,
        [
            "chief_executive",
            "deputy",
            "director",
            "leader",
            "lead_member",
            "annual_review"
        ]
    );
    client.shutdown();
}

#[test]
fn files_created_changed_and_deleted_on_disk_are_picked_up() {
    set_cache();
    let root = scratch("watched");
    let guidance = root.join("protocol.regard");
    std::fs::write(&guidance, "guidance protocol \"Protocol\" {\n  status statutory\n  rule dcs_on_board {\n    should DCS member_of LSCB\n  }\n}\n").unwrap();
    let council = root.join("ashford.regard");
    let text =
        "council ashford \"Ashford\" {\n  follows protocol\n  officer director \"Director\" {\n    holds DCS\n  }\n}\n";
    let mut client = Client::start(
        &root,
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    assert_eq!(client.latest_diagnostics(&council), None);

    // Created.
    std::fs::write(&council, text).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&council), "type": 1}]}),
    );
    assert_eq!(
        client.diagnostics(&council).iter().map(code_of).collect::<Vec<_>>(),
        ["protocol.dcs_on_board"]
    );
    // Editing the guidance in the editor changes the council's verdict.
    let open = std::fs::read_to_string(&guidance).unwrap();
    client.open(&guidance, &open);
    client.change(
        &guidance,
        2,
        json!([{"text": open.replace("should DCS member_of LSCB", "must DCS member_of LSCB")}]),
    );
    let d = client.diagnostics(&council);
    assert_eq!(d[0]["severity"], 1, "{d:#?}");
    // Changed on disk.
    std::fs::write(&council, text.replace("holds DCS", "holds DCS\n    member_of LSCB")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&council), "type": 2}]}),
    );
    assert!(client.diagnostics(&council).is_empty());
    // A file that is not UTF-8.
    let latin1 = root.join("latin1.regard");
    std::fs::write(&latin1, b"council caf\xe9 {}\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&latin1), "type": 1}]}),
    );
    assert_eq!(
        client.diagnostics(&latin1).iter().map(code_of).collect::<Vec<_>>(),
        ["E0002"]
    );
    // Deleted.
    std::fs::remove_file(&latin1).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&latin1), "type": 3}]}),
    );
    assert!(client.diagnostics(&latin1).is_empty());
    client.shutdown();
}

#[test]
fn bad_requests_get_answers_not_crashes() {
    set_cache();
    let root = scratch("bad");
    let file = root.join("ashford.regard");
    std::fs::write(&file, COUNCIL.as_str()).unwrap();
    let mut client = Client::start(&root, json!({}));
    // Unknown documents and positions far out of range.
    assert_eq!(
        client.at("textDocument/hover", &root.join("nowhere.regard"), 0, 0),
        Value::Null
    );
    assert_eq!(client.at("textDocument/hover", &file, 9999, 9999), Value::Null);
    assert_eq!(client.at("textDocument/definition", &file, 0, 99999), Value::Null);
    let error = client
        .request_raw("textDocument/hover", json!({"textDocument": 5}))
        .unwrap_err();
    assert_eq!(error["code"], -32602);
    // A change to a document that is not open, and one past the end of the text.
    client.change(&root.join("nowhere.regard"), 2, json!([{"text": "x"}]));
    client.open(&file, COUNCIL.as_str());
    client.diagnostics(&file);
    client.change(&file, 2, json!([{"range": {"start": {"line": 500, "character": 3}, "end": {"line": 900, "character": 0}}, "text": "\n// appended\n"}]));
    assert_eq!(client.diagnostics(&file).len(), 1);
    client.shutdown();
}

#[test]
fn the_check_date_comes_from_the_initialization_options() {
    set_cache();
    let root = scratch("as_of");
    let file = root.join("fenmarsh.regard");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fenmarsh.regard"),
        &file,
    )
    .unwrap();
    let mut client = Client::start_with(&root, json!({}), json!({"asOf": "2026-11-23"}));
    assert_eq!(client.latest_diagnostics(&file), None);
    client.shutdown();
    let mut client = Client::start_with(&root, json!({}), json!({"asOf": "2028-01-01"}));
    assert_eq!(
        client.diagnostics(&file).iter().map(code_of).collect::<Vec<_>>(),
        ["dcs_lmcs_2013.assurance_reviewed"]
    );
    client.shutdown();
}

#[test]
fn the_stdio_server_answers_a_malformed_message_and_reads_on() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_regard"))
        .arg("lsp")
        .env(
            "REGARD_CACHE_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lsp-cache"),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let send = |stdin: &mut std::process::ChildStdin, body: &str| {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let read = |stdout: &mut BufReader<std::process::ChildStdout>| -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    send(&mut stdin, "{this is not json");
    let reply = read(&mut stdout);
    assert_eq!(reply["error"]["code"], -32700);
    send(
        &mut stdin,
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
    );
    let reply = read(&mut stdout);
    assert_eq!(reply["id"], 1);
    assert_eq!(reply["result"]["serverInfo"]["name"], "regard");
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    send(&mut stdin, r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    assert_eq!(read(&mut stdout)["id"], 2);
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"exit"}"#);
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(status.success());
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(log.contains("regard lsp"), "logs go to stderr: {log:?}");
}

#[test]
fn formatting_edits_the_open_document_into_the_canonical_layout() {
    set_cache();
    let root = scratch("formatting");
    let file = root.join("ashford.regard");
    std::fs::write(&file, COUNCIL.as_str()).unwrap();
    let mut client = Client::start(&root, json!({}));
    // The editor's text, not the file's, is what gets formatted.
    let messy = "council ashford \"Ashford Council\" {   // kept\n\tofficer chief_executive \"Chief Executive\" {\n holds   ChiefExecutive\n\n\n  }\n  member leader \"Leader\" {\n    holds Leader\n  }\n}";
    client.open(&file, messy);
    let params = json!({"textDocument": {"uri": uri(&file)}, "options": {"tabSize": 2, "insertSpaces": true}});
    let edits = client.request("textDocument/formatting", params.clone());
    let edits = edits.as_array().expect("edits");
    assert!(!edits.is_empty());
    let formatted = apply(messy, edits);
    assert_eq!(formatted, regard::fmt::format(messy).unwrap());
    assert!(formatted.starts_with("council ashford \"Ashford Council\" {   // kept\n  officer chief_executive"));

    // Formatted already: nothing to do.
    client.change(&file, 2, json!([{"text": formatted}]));
    assert_eq!(client.request("textDocument/formatting", params.clone()), json!([]));

    // A syntax error: no edits at all, rather than a guess.
    client.change(&file, 3, json!([{"text": "council ashford {\n  holds\n"}]));
    assert_eq!(client.request("textDocument/formatting", params), Value::Null);
    client.shutdown();
}

/// A file the editor does not have open is formatted as it is on disk; when it changed
/// on disk after the server read it (before any watcher said so), edits made from the
/// older text would undo the change, so the server makes none and says why.
#[test]
fn formatting_a_file_changed_on_disk_makes_no_edits() {
    set_cache();
    let root = scratch("formatting-changed");
    let file = root.join("ashford.regard");
    let messy = "council ashford \"Ashford\"   {\n}\n";
    std::fs::write(&file, messy).unwrap();
    let mut client = Client::start(&root, json!({}));
    let params = json!({"textDocument": {"uri": uri(&file)}, "options": {"tabSize": 2, "insertSpaces": true}});
    // As read: formatted.
    let edits = client.request("textDocument/formatting", params.clone());
    assert_eq!(
        apply(messy, edits.as_array().expect("edits")),
        "council ashford \"Ashford\" {\n}\n"
    );
    // Changed on disk, and no notification yet.
    std::fs::write(&file, format!("{messy}council kent \"Kent\"   {{\n}}\n")).unwrap();
    assert_eq!(client.request("textDocument/formatting", params), Value::Null);
    let said = client
        .pending
        .iter()
        .find(|n| n.method == "window/showMessage")
        .map(|n| n.params["message"].as_str().unwrap_or_default().to_string())
        .expect("a message");
    assert!(said.contains("changed on disk"), "{said}");
    client.shutdown();
}

/// Over each rule, a lens counting the workspace's councils that break it, and one that
/// writes a council that breaks it (which, checked, does).
#[test]
fn rule_lenses_count_breaking_councils_and_write_one() {
    set_cache();
    let root = scratch("lenses");
    let guidance = root.join("draft.regard");
    let text = "guidance draft_2027 \"A draft\" {\n  rule dcs_on_board \"The DCS sits on the Schools Forum\" {\n    should DCS member_of SchoolsForum\n  }\n}\n";
    std::fs::write(&guidance, text).unwrap();
    let council = root.join("ashford.regard");
    std::fs::write(
        &council,
        COUNCIL.replace(
            "council ashford \"Ashford Council\" {",
            "council ashford \"Ashford Council\" {\n  follows dcs_lmcs_2013, draft_2027",
        ),
    )
    .unwrap();
    let mut client = Client::start(&root, json!({}));
    client.open(&guidance, text);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri(&guidance)}}),
    );
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "1 council of 1 that follow it break this",
            "generate a council that breaks this rule"
        ]
    );
    let command = &lenses[1]["command"];
    let written = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let content = written["content"].as_str().unwrap();
    assert_eq!(written["language"], "regard");
    // Checked with the draft, the council breaks the rule.
    let options = regard::Options {
        as_of: "2026-11-23".parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    };
    let mut session = regard::Session::new(
        vec![
            regard::Input::text("draft.regard", text),
            regard::Input::text("breaks.regard", content),
        ],
        options,
    );
    let found = session.diagnostics();
    assert!(
        found.iter().any(|d| d.code.to_string() == "draft_2027.dcs_on_board"),
        "{content}"
    );
    let unknown = client.request_raw(
        "workspace/executeCommand",
        json!({"command": "regard.councilThatBreaks", "arguments": ["draft_2027", "no_such_rule"]}),
    );
    assert!(unknown.is_err());
    client.shutdown();
}

/// The workspace is walked as the command line walks it: a copy of a council under an
/// ignored `target/` is not read at start, nor when the watcher reports it later.
#[test]
fn ignored_folders_stay_out_of_the_workspace() {
    set_cache();
    let root = scratch("ignored_workspace");
    std::fs::write(root.join(".gitignore"), "target/\n").unwrap();
    std::fs::write(root.join("ashford.regard"), COUNCIL.as_str()).unwrap();
    let copy = root.join("target/package/ashford.regard");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::write(&copy, COUNCIL.as_str()).unwrap();
    let mut client = Client::start(&root, json!({}));
    let later = root.join("target/package/later.regard");
    std::fs::write(&later, COUNCIL.as_str()).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&later), "type": 1}]}),
    );
    // The council has no E0103 from the copies, and nothing is published for them.
    let own = client.diagnostics(&root.join("ashford.regard"));
    assert!(!own.iter().any(|d| code_of(d) == "E0103"), "{own:#?}");
    assert_eq!(client.latest_diagnostics(&copy), None);
    assert_eq!(client.latest_diagnostics(&later), None);
    client.shutdown();
}

/// Folding ranges for every block of lines, and workspace symbols by name or title
/// across files.
#[test]
fn folding_ranges_and_workspace_symbols() {
    set_cache();
    let root = scratch("folding");
    let file = root.join("ashford.regard");
    std::fs::write(&file, COUNCIL.as_str()).unwrap();
    let other = root.join("draft.regard");
    std::fs::write(&other, "guidance draft_2027 \"A draft\" {\n  rule dcs_on_forum \"The DCS sits on the Schools Forum\" {\n    should DCS member_of SchoolsForum\n  }\n}\n").unwrap();
    let mut client = Client::start(&root, json!({}));
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let folds = folds.as_array().unwrap();
    // The council's block, from its first line to its closing brace, and each post's.
    let lines = COUNCIL.lines().count() as u64;
    assert!(
        folds
            .iter()
            .any(|f| f["startLine"] == 0 && f["endLine"].as_u64().unwrap() >= lines - 2),
        "{folds:?}"
    );
    let posts = COUNCIL.matches("  officer ").count() + COUNCIL.matches("  member ").count();
    assert!(folds.len() > posts, "{folds:?}");
    assert!(folds.iter().all(|f| f["endLine"].as_u64() > f["startLine"].as_u64()));

    let symbols = client.request("workspace/symbol", json!({"query": "schools forum"}));
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dcs_on_forum"], "found by its title");
    let symbols = client.request("workspace/symbol", json!({"query": "ASHFORD"}));
    let found = symbols.as_array().unwrap();
    assert!(
        found
            .iter()
            .any(|s| s["name"] == "ashford" && s["location"]["uri"] == uri(&file).as_str()),
        "{found:?}"
    );
    client.shutdown();
}

/// The workspace's diagnostics as `code severity` lines, sorted, for comparing before and
/// after an edit.
fn check_summary(files: &[(&str, String)]) -> Vec<String> {
    let inputs = files
        .iter()
        .map(|(path, text)| regard::Input::text(*path, text.clone()))
        .collect();
    let mut session = regard::Session::new(
        inputs,
        regard::Options {
            as_of: "2026-11-23".parse().unwrap(),
            stdlib: true,
            as_of_given: false,
        },
    );
    let mut out: Vec<String> = session
        .diagnostics()
        .iter()
        .map(|d| format!("{} {}", d.code, d.severity.as_str()))
        .collect();
    out.sort();
    out
}

#[test]
fn rename_changes_every_use_across_files_and_refuses_what_it_cannot() {
    set_cache();
    let root = scratch("rename");
    let millbrook_path = root.join("millbrook.regard");
    let stanford_path = root.join("stanford_on_sea.regard");
    let local_path = root.join("local.regard");
    let millbrook = include_str!("../examples/joint/millbrook.regard")
        .replace(
            "council millbrook \"Millbrook Borough Council\" {\n",
            "council millbrook \"Millbrook Borough Council\" {\n  follows dcs_lmcs_2013, local_rules\n\n",
        )
        .replace(
            "    addresses priority, accountability, seniority, participation, child_protection, partnerships\n  }\n}",
            "    addresses priority, accountability, seniority, participation, child_protection, partnerships\n  }\n\n  depart local_rules.dcs_on_forum for joint_dcs because \"The Schools Forum is attended by the Head of Education under the joint arrangement agreed in 2025\"\n}",
        );
    let stanford = include_str!("../examples/joint/stanford_on_sea.regard").to_string();
    let local = "guidance local_rules \"Local rules\" {\n  rule dcs_on_forum \"The DCS sits on the Schools Forum\" {\n    should DCS member_of SchoolsForum\n  }\n}\n".to_string();
    std::fs::write(&millbrook_path, &millbrook).unwrap();
    std::fs::write(&stanford_path, &stanford).unwrap();
    std::fs::write(&local_path, &local).unwrap();
    let before = check_summary(&[
        ("millbrook.regard", millbrook.clone()),
        ("stanford_on_sea.regard", stanford.clone()),
        ("local.regard", local.clone()),
    ]);
    let mut client = Client::start(&root, json!({}));
    assert_eq!(client.init["capabilities"]["renameProvider"]["prepareProvider"], true);
    client.open(&millbrook_path, &millbrook);

    // The cursor inside the name the needle starts with.
    let position = |text: &str, needle: &str| {
        let (line, character) = find(text, needle);
        json!({"line": line, "character": character + 1})
    };
    let prepare = |client: &mut Client, path: &Path, text: &str, needle: &str| {
        client.request_raw(
            "textDocument/prepareRename",
            json!({"textDocument": {"uri": uri(path)}, "position": position(text, needle)}),
        )
    };
    let rename = |client: &mut Client, path: &Path, text: &str, needle: &str, new: &str| {
        client.request_raw(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri(path)}, "position": position(text, needle), "newName": new}),
        )
    };

    // A joint post: its declaration and every use in its council, and the partner's view
    // of the same post, which keeps the same name.
    let ready = prepare(&mut client, &millbrook_path, &millbrook, "joint_dcs \"").unwrap();
    assert_eq!(ready["placeholder"], "joint_dcs", "{ready}");
    let edit = rename(
        &mut client,
        &millbrook_path,
        &millbrook,
        "joint_dcs\n    dated",
        "director_joint",
    )
    .unwrap();
    let changes = &edit["changes"];
    let in_millbrook = changes[uri(&millbrook_path)].as_array().unwrap();
    let in_stanford = changes[uri(&stanford_path)].as_array().unwrap();
    assert_eq!(in_millbrook.len(), millbrook.matches("joint_dcs").count(), "{edit}");
    assert_eq!(in_stanford.len(), stanford.matches("joint_dcs").count(), "{edit}");
    let millbrook_after = apply(&millbrook, in_millbrook);
    let stanford_after = apply(&stanford, in_stanford);
    assert!(!millbrook_after.contains("joint_dcs") && millbrook_after.contains("for director_joint because"));
    // The renamed workspace checks exactly as before.
    let after = check_summary(&[
        ("millbrook.regard", millbrook_after),
        ("stanford_on_sea.regard", stanford_after),
        ("local.regard", local.clone()),
    ]);
    assert_eq!(after, before);

    // A rule: its declaration and the departure from it in another file.
    let edit = rename(
        &mut client,
        &local_path,
        &local,
        "dcs_on_forum \"",
        "dcs_on_schools_forum",
    )
    .unwrap();
    let local_after = apply(&local, edit["changes"][uri(&local_path)].as_array().unwrap());
    let millbrook_after = apply(&millbrook, edit["changes"][uri(&millbrook_path)].as_array().unwrap());
    assert!(local_after.contains("rule dcs_on_schools_forum \""), "{local_after}");
    assert!(
        millbrook_after.contains("depart local_rules.dcs_on_schools_forum for joint_dcs"),
        "{millbrook_after}"
    );
    let after = check_summary(&[
        ("millbrook.regard", millbrook_after),
        ("stanford_on_sea.regard", stanford.clone()),
        ("local.regard", local_after),
    ]);
    let after: Vec<String> = after
        .iter()
        .map(|d| d.replace("dcs_on_schools_forum", "dcs_on_forum"))
        .collect();
    assert_eq!(after, before);

    // A council: its declaration and the partner's `shared with`.
    let edit = rename(&mut client, &stanford_path, &stanford, "millbrook\n", "millbrook_bc").unwrap();
    assert_eq!(
        edit["changes"][uri(&millbrook_path)].as_array().unwrap().len(),
        1,
        "{edit}"
    );
    assert_eq!(
        edit["changes"][uri(&stanford_path)].as_array().unwrap().len(),
        1,
        "{edit}"
    );

    // Refused: the standard library's names, keywords, bad names, names already taken.
    let refused = |result: Result<Value, Value>| -> String {
        let error = result.expect_err("the rename is refused");
        error["message"].as_str().unwrap().to_string()
    };
    let message = refused(prepare(
        &mut client,
        &millbrook_path,
        &millbrook,
        "DCS, DelegatedSafeguardingPartner\n    shared",
    ));
    assert!(
        message.contains("`DCS` is declared by the standard library"),
        "{message}"
    );
    for (new, why) in [
        ("council", "`council` is a keyword of the language"),
        ("joint dcs", "`joint dcs` is not a name"),
        ("leader", "`leader` already names a post of `millbrook`"),
        ("Leader", "`Leader` already names a role"),
    ] {
        let message = refused(rename(
            &mut client,
            &millbrook_path,
            &millbrook,
            "joint_dcs\n    dated",
            new,
        ));
        assert!(message.contains(why), "{new}: {message}");
    }
    let message = refused(prepare(&mut client, &millbrook_path, &millbrook, "// Millbrook"));
    assert!(message.contains("no name here"), "{message}");
    client.shutdown();
}

#[test]
fn semantic_tokens_say_what_each_name_is() {
    set_cache();
    let root = scratch("semantic-tokens");
    let file = root.join("ashford.regard");
    let text = COUNCIL.replace("    holds DCS\n", "    holds DCS\n    is first_director_role\n");
    std::fs::write(&file, &text).unwrap();
    let mut client = Client::start(&root, json!({}));
    let legend = client.init["capabilities"]["semanticTokensProvider"]["legend"].clone();
    let types: Vec<String> = serde_json::from_value(legend["tokenTypes"].clone()).unwrap();
    let modifiers: Vec<String> = serde_json::from_value(legend["tokenModifiers"].clone()).unwrap();
    client.open(&file, &text);
    let answer = client.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let data: Vec<u32> = serde_json::from_value(answer["data"].clone()).unwrap();
    assert_eq!(data.len() % 5, 0);
    // Decode the relative encoding into (word, type, modifiers).
    let lines: Vec<&str> = text.lines().collect();
    let (mut line, mut start) = (0u32, 0u32);
    let mut tokens = Vec::new();
    for t in data.chunks(5) {
        line += t[0];
        start = if t[0] == 0 { start + t[1] } else { t[1] };
        let word = &lines[line as usize][start as usize..(start + t[2]) as usize];
        let mods: Vec<&str> = (0..modifiers.len())
            .filter(|i| t[4] & (1 << i) != 0)
            .map(|i| modifiers[i].as_str())
            .collect();
        tokens.push((word.to_string(), types[t[3] as usize].clone(), mods.join(",")));
    }
    let token = |word: &str| {
        tokens
            .iter()
            .find(|(w, _, _)| w == word)
            .unwrap_or_else(|| panic!("no token for `{word}`: {tokens:?}"))
            .clone()
    };
    assert_eq!(token("DCS"), ("DCS".into(), "type".into(), "defaultLibrary".into()));
    assert_eq!(
        token("ashford"),
        ("ashford".into(), "class".into(), "declaration".into())
    );
    assert_eq!(
        token("director"),
        ("director".into(), "variable".into(), "declaration".into())
    );
    assert_eq!(token("deputy").2, "declaration");
    assert!(
        tokens
            .iter()
            .any(|(w, ty, m)| w == "deputy" && ty == "variable" && m.is_empty()),
        "a use of a post"
    );
    assert_eq!(token("HealthAndWellbeingBoard").1, "struct");
    assert_eq!(token("education").1, "function");
    assert_eq!(token("first_director_role").1, "enumMember");
    assert_eq!(token("reports_to").1, "keyword");
    assert_eq!(token("annual_review").1, "property");
    assert_eq!(token("dcs_lmcs_2013").1, "namespace");
    assert_eq!(token("priority").1, "enumMember");
    // Keywords and strings are left to the grammar.
    assert!(!tokens.iter().any(|(w, _, _)| w == "officer" || w == "holds"));
    client.shutdown();
}

#[test]
fn cites_link_to_the_part_they_name() {
    set_cache();
    let root = scratch("document-links");
    let file = root.join("local.regard");
    let text = "guidance local_rules \"Local rules\" {\n  paragraphs 1 to 3, \"annex\"\n  aside \"para 1\" because \"says what the guidance is, which is not a structure to check\"\n  aside \"annex\" because \"a list of contacts, which is not a structure to check\"\n\n  rule dcs_on_forum \"The DCS sits on the Schools Forum\" {\n    cite \"paras 2 and 3\"\n    quote \"The DCS should sit on the Schools Forum\"\n    reading \"sitting on it means being a member\"\n    should DCS member_of SchoolsForum\n  }\n}\n";
    std::fs::write(&file, text).unwrap();
    let mut client = Client::start(&root, json!({}));
    assert!(client.init["capabilities"]["documentLinkProvider"].is_object());
    client.open(&file, text);
    let links = client.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 3, "{links:?}");
    let mut opened = Vec::new();
    for link in links {
        let start = &link["range"]["start"];
        let line = text.lines().nth(start["line"].as_u64().unwrap() as usize).unwrap();
        let cited = &line[start["character"].as_u64().unwrap() as usize
            ..link["range"]["end"]["character"].as_u64().unwrap() as usize];
        let target = link["target"].as_str().unwrap();
        let (page, fragment) = target.split_once("#L").unwrap();
        let page = url::Url::parse(page).unwrap().to_file_path().unwrap();
        let page_text = std::fs::read_to_string(&page).unwrap();
        let heading = page_text.lines().nth(fragment.parse::<usize>().unwrap() - 1).unwrap();
        let rest: String = page_text
            .lines()
            .skip(fragment.parse::<usize>().unwrap())
            .take_while(|l| !l.starts_with("## "))
            .collect::<Vec<_>>()
            .join("\n");
        opened.push((cited.to_string(), heading.to_string(), rest));
    }
    assert_eq!(opened[0].0, "\"para 1\"");
    assert_eq!(opened[0].1, "## para 1");
    assert!(
        opened[0].2.contains("Set aside: says what the guidance is"),
        "{}",
        opened[0].2
    );
    assert_eq!(opened[1].0, "\"annex\"");
    assert_eq!(opened[1].1, "## annex");
    assert_eq!(opened[2].0, "\"paras 2 and 3\"");
    assert_eq!(opened[2].1, "## para 2");
    assert!(
        opened[2].2.contains("Cited by `local_rules.dcs_on_forum`"),
        "{}",
        opened[2].2
    );
    assert!(
        opened[2].2.contains("> The DCS should sit on the Schools Forum"),
        "{}",
        opened[2].2
    );
    assert!(
        opened[2].2.contains("Reading: sitting on it means being a member"),
        "{}",
        opened[2].2
    );

    // An edit to the guidance is on the page the next time links are asked for.
    let edited = text.replace("The DCS should sit", "The Director should sit");
    client.change(&file, 2, json!([{"text": edited}]));
    let links = client.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    let target = links[2]["target"].as_str().unwrap();
    let page = url::Url::parse(target.split_once('#').unwrap().0)
        .unwrap()
        .to_file_path()
        .unwrap();
    assert!(
        std::fs::read_to_string(page)
            .unwrap()
            .contains("> The Director should sit")
    );
    client.shutdown();
}
