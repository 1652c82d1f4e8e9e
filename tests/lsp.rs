//! `hjemmel lsp` driven as an editor drives it: the real binary over stdio, framed JSON-RPC.
//!
//! The spec is examples/art9-without-basis.hjemmel split into two files, with an emoji and Danish
//! letters before the words the diagnostics point at, so that a column counted in bytes or in
//! characters instead of UTF-16 units shows.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

const CONTROLLER: &str = r#"controller eksempel "Eksempel Kommune" {
  public authority
  contact "kommune@eksempel.dk"
  dpo { email "dpo@eksempel.dk" }
}

subjects citizens "Borgere, der søger om hjælpemidler" citizens

data applicant "Navn, adresse og CPR-nummer"      cpr
data health    "Helbred 😀 og lægeerklæringer" special(helth)
"#;

const ACTIVITIES: &str = r#"activity aids "Bevilling af hjælpemidler" {
  purpose  "Afgøre ansøgninger om hjælpemidler"
  subjects citizens
  data     applicant, health
  basis    gdpr 6(1)(e), dbl 11(1), law "Lov om social service § 112"
  retain   all for 5 years after "sagens afslutning" then archive
  security "Sagerne ligger i kommunens omsorgssystem med adgang efter behov"
}
"#;

/// No single answer takes longer than this, even in a debug build on a loaded machine.
const TIMEOUT: Duration = Duration::from_secs(60);

/// An editor's end of the connection.
struct Editor {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages received while waiting for another, in order: a later wait may want them.
    stash: Vec<Value>,
    next_id: i64,
}

impl Editor {
    fn start() -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hjemmel"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("hjemmel lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length:") {
                        length = Some(value.trim().parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; length.expect("every message has a Content-Length")];
                stdout.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Editor {
            child,
            stdin,
            messages,
            stash: Vec::new(),
            next_id: 0,
        }
    }

    fn send(&mut self, mut message: Value) {
        message["jsonrpc"] = json!("2.0");
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "method": method, "params": params }));
    }

    /// Sends a request and waits for its answer (the server's notifications meanwhile are kept
    /// back for [`Editor::diagnostics`]).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "id": id, "method": method, "params": params }));
        let answer = self.wait(|m| m["id"] == json!(id) && m.get("method").is_none());
        assert!(answer.get("error").is_none(), "{method}: {answer}");
        answer["result"].clone()
    }

    /// The first message, kept back or new, that `accept` takes.
    fn wait(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.stash.iter().position(&accept) {
            return self.stash.remove(i);
        }
        loop {
            let message = self
                .messages
                .recv_timeout(TIMEOUT)
                .expect("the server answers in time");
            if accept(&message) {
                return message;
            }
            self.stash.push(message);
        }
    }

    /// The first diagnostics published for `uri` at `version` (`None`: a file not open).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        self.diagnostics_where(uri, version, |_| true)
    }

    /// The first diagnostics published for `uri` at `version` that `accept` takes.
    fn diagnostics_where(
        &mut self,
        uri: &str,
        version: Option<i64>,
        accept: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"].get("version").and_then(Value::as_i64) == version
                && accept(m["params"]["diagnostics"].as_array().unwrap())
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, root: &Path, options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": { "textDocument": { "publishDiagnostics": { "relatedInformation": true } } },
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri(path), "languageId": "hjemmel", "version": 1, "text": text
            }}),
        );
    }

    /// `shutdown`, `exit`, and the exit code.
    fn shut_down(mut self) -> Option<i32> {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        wait_for_exit(&mut self.child)
    }
}

fn wait_for_exit(child: &mut Child) -> Option<i32> {
    for _ in 0..600 {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    panic!("the server did not exit");
}

/// A `file://` URI as editors write it, for a path with nothing to escape (the temporary directory).
fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A spec directory of its own for one test.
fn spec_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hjemmel-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("controller.hjemmel"), CONTROLLER).unwrap();
    std::fs::write(dir.join("activities.hjemmel"), ACTIVITIES).unwrap();
    dir
}

fn position(line: u64, character: u64) -> Value {
    json!({ "line": line, "character": character })
}

#[test]
fn an_editor_session_from_initialize_to_exit() {
    let dir = spec_dir("session");
    let (controller, activities) = (
        dir.join("controller.hjemmel"),
        dir.join("activities.hjemmel"),
    );
    let (controller_uri, activities_uri) = (uri(&controller), uri(&activities));
    let mut editor = Editor::start();
    let init = editor.initialize(&dir, json!({}));
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental");
    for provider in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "documentFormattingProvider",
    ] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );

    // The spec error arrives on the file that holds it, in UTF-16 columns: `helth` follows an
    // emoji (two units) and Danish letters (one each).
    editor.open(&controller, CONTROLLER);
    let errors = editor.diagnostics(&controller_uri, Some(1));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(error["code"], "invalid-value");
    assert_eq!(error["severity"], 1);
    assert_eq!(error["source"], "hjemmel");
    let line = CONTROLLER.lines().nth(9).unwrap();
    let column = line[..line.find("helth").unwrap()].encode_utf16().count() as u64;
    assert_eq!(column, 55);
    assert_eq!(
        error["range"],
        json!({ "start": position(9, column), "end": position(9, column + 5) })
    );
    let message = error["message"].as_str().unwrap();
    assert!(message.starts_with("`helth` is not a kind of special-category data"));
    assert!(
        message.contains("\nhelp: did you mean `health`?"),
        "{message}"
    );
    // Spec errors have no rule page.
    assert!(error.get("codeDescription").is_none());
    // Its help is mechanical: the quick fix writes the name it suggests, preferred.
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": controller_uri },
            "range": error["range"],
            "context": { "diagnostics": [error] }
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        actions[0]["edit"]["changes"][controller_uri.as_str()],
        json!([{ "range": error["range"], "newText": "health" }])
    );
    // The file from disk, not open, is published without a version, and has none.
    assert_eq!(
        editor.diagnostics(&activities_uri, None),
        Vec::<Value>::new()
    );

    // Typing the fix (an incremental change at UTF-16 columns) clears the error, and the rule
    // finding the error hid appears, with its page, its provisions and the basis line related.
    editor.open(&activities, ACTIVITIES);
    editor.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": controller_uri, "version": 2 },
            "contentChanges": [{
                "range": { "start": position(9, column + 2), "end": position(9, column + 3) },
                "text": "al"
            }]
        }),
    );
    assert_eq!(
        editor.diagnostics(&controller_uri, Some(2)),
        Vec::<Value>::new()
    );
    // (Before the change, the activities were published without findings: the error hid them.)
    let findings = editor.diagnostics_where(&activities_uri, Some(1), |d| !d.is_empty());
    assert_eq!(findings.len(), 1, "{findings:?}");
    let finding = &findings[0];
    assert_eq!(finding["code"], "ART9-BASIS");
    assert_eq!(finding["severity"], 1);
    let href = finding["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("/docs/rules/ART9-BASIS.md"), "{href}");
    let data_line = ACTIVITIES.lines().nth(3).unwrap();
    let health = data_line.find("health").unwrap() as u64;
    assert_eq!(
        finding["range"],
        json!({ "start": position(3, health), "end": position(3, health + 6) })
    );
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("\nhelp: add the condition"), "{message}");
    assert!(message.contains("\nsee: GDPR art. 9(1)–(2)"), "{message}");
    let related = finding["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["location"]["uri"], activities_uri);
    assert_eq!(related[0]["location"]["range"]["start"], position(4, 2));
    assert_eq!(
        related[0]["message"],
        "none of these is an art. 9(2) condition"
    );

    let at_health =
        json!({ "textDocument": { "uri": activities_uri }, "position": position(3, health + 1) });
    // The hover of `health` says what it is, with its label and where it is declared.
    let hover = editor.request("textDocument/hover", at_health.clone());
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("health"), "{hover}");
    assert!(shown.contains("Helbred 😀 og lægeerklæringer"), "{hover}");
    assert!(shown.contains("controller.hjemmel:10"), "{hover}");
    let health_declared = json!({
        "uri": controller_uri,
        "range": { "start": position(9, 5), "end": position(9, 11) }
    });
    let health_used = json!({
        "uri": activities_uri,
        "range": { "start": position(3, health), "end": position(3, health + 6) }
    });
    let definition = editor.request("textDocument/definition", at_health.clone());
    assert_eq!(definition, health_declared);
    let mut references = at_health.clone();
    references["context"] = json!({ "includeDeclaration": true });
    let references = editor.request("textDocument/references", references);
    let references = references.as_array().unwrap();
    assert_eq!(references.len(), 2, "{references:?}");
    assert!(references.contains(&health_declared) && references.contains(&health_used));
    // Completion in a `data` list offers the data categories, replacing the word typed.
    let completion = editor.request("textDocument/completion", at_health.clone());
    let items = completion
        .as_array()
        .cloned()
        .unwrap_or_else(|| completion["items"].as_array().unwrap().clone());
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(
        labels.contains(&"applicant") && labels.contains(&"health"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"citizens"), "{labels:?}");
    let applicant = items.iter().find(|i| i["label"] == "applicant").unwrap();
    assert_eq!(
        applicant["textEdit"]["range"], health_used["range"],
        "{applicant}"
    );
    let prepared = editor.request("textDocument/prepareRename", at_health.clone());
    assert_eq!(prepared, health_used["range"]);
    let mut rename = at_health.clone();
    rename["newName"] = json!("helbred");
    let renamed = editor.request("textDocument/rename", rename);
    let changes = &renamed["changes"];
    let edit = |range: &Value| json!([{ "range": range, "newText": "helbred" }]);
    assert_eq!(
        changes[controller_uri.as_str()],
        edit(&health_declared["range"]),
        "{renamed}"
    );
    assert_eq!(
        changes[activities_uri.as_str()],
        edit(&health_used["range"]),
        "{renamed}"
    );
    // The outline of the activities' file: the activity `aids`.
    let symbols = editor.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": activities_uri } }),
    );
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols.len(), 1, "{symbols:?}");
    assert_eq!(symbols[0]["name"], "aids");
    // ART9-BASIS's help offers a choice of conditions: each is a quick fix that adds the condition
    // and its Danish provision at the end of the basis line, and none is preferred (the DPO chooses).
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": activities_uri },
            "range": finding["range"],
            "context": { "diagnostics": [finding] }
        }),
    );
    let actions = actions.as_array().unwrap();
    assert!(!actions.is_empty());
    let basis_end = position(
        4,
        ACTIVITIES.lines().nth(4).unwrap().encode_utf16().count() as u64,
    );
    for action in actions {
        assert_eq!(action["isPreferred"], false, "{action}");
        let edits = &action["edit"]["changes"][activities_uri.as_str()];
        assert_eq!(
            edits[0]["range"],
            json!({ "start": basis_end, "end": basis_end }),
            "{action}"
        );
        assert!(
            edits[0]["newText"]
                .as_str()
                .unwrap()
                .starts_with(", gdpr 9(2)("),
            "{action}"
        );
    }
    // Hover on a provision: as a lawyer cites it, with its heading.
    let basis_line = ACTIVITIES.lines().nth(4).unwrap();
    let at_provision = basis_line.find("6(1)(e)").unwrap() as u64;
    let hover = editor.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": activities_uri }, "position": position(4, at_provision) }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("GDPR art. 6(1)(e)") && shown.contains("Lawfulness of processing"),
        "{hover}"
    );
    // Completion where a statement starts (on `security`) offers the activity's statements, not a
    // name.
    let statement = 6;
    let completion = editor.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": activities_uri }, "position": position(statement, 2) }),
    );
    let items = completion
        .as_array()
        .cloned()
        .unwrap_or_else(|| completion["items"].as_array().cloned().unwrap_or_default());
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(
        labels.contains(&"purpose") && labels.contains(&"withdrawal"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"health"), "{labels:?}");

    // Formatting: the controller file is not in the canonical layout (`data applicant` is
    // aligned with spaces of its own); the edit replaces it whole with what `hjemmel fmt` writes.
    let fixed = CONTROLLER.replace("helth", "health");
    let formatted = hjemmel::fmt::format(&fixed).unwrap();
    assert_ne!(formatted, fixed);
    let edits = editor.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": controller_uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(
        edits,
        json!([{
            "range": { "start": position(0, 0), "end": position(10, 0) },
            "newText": formatted
        }])
    );
    // A document that does not parse: no edits, and no error.
    editor.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": controller_uri, "version": 3 },
            "contentChanges": [{ "text": "controller {{{" }]
        }),
    );
    let broken = editor.diagnostics(&controller_uri, Some(3));
    assert!(!broken.is_empty());
    let edits = editor.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": controller_uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(edits, json!([]));

    assert_eq!(editor.shut_down(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_editors_language_is_danish_when_asked() {
    let dir = spec_dir("danish");
    std::fs::write(
        dir.join("controller.hjemmel"),
        CONTROLLER.replace("helth", "health"),
    )
    .unwrap();
    let activities = dir.join("activities.hjemmel");
    let mut editor = Editor::start();
    editor.initialize(&dir, json!({ "lang": "da" }));
    editor.open(&activities, ACTIVITIES);
    let findings = editor.diagnostics(&uri(&activities), Some(1));
    assert_eq!(findings.len(), 1);
    let href = findings[0]["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("/docs/rules/da/ART9-BASIS.md"), "{href}");
    let message = findings[0]["message"].as_str().unwrap();
    assert!(message.contains("\nhjælp: "), "{message}");
    assert!(message.contains("\nse: "), "{message}");
    assert_eq!(editor.shut_down(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exit_without_shutdown_is_exit_code_1_and_unknown_requests_are_errors() {
    let dir = spec_dir("abrupt");
    let mut editor = Editor::start();
    editor.initialize(&dir, json!({}));
    editor.send(json!({ "id": 99, "method": "workspace/symbol", "params": { "query": "" } }));
    let answer = editor.wait(|m| m["id"] == 99);
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    editor.notify("exit", Value::Null);
    assert_eq!(wait_for_exit(&mut editor.child), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}
