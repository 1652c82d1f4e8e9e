//! The server's loop: the handshake, then every message of the editor in order. The loop never
//! waits on work: a change sends the workspace's new state to the analysis thread, a request goes
//! to a thread of its own with the latest analysis (or waits, without blocking the loop, for the
//! analysis of the text it was asked about), a cancellation answers a waiting request at once.

use std::path::PathBuf;
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender, select, unbounded};
use lsp_server::{
    Connection, ErrorCode, Message, Notification, ReqQueue, Request, RequestId, Response,
};
use lsp_types::notification::{
    Cancel, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, DidSaveTextDocument, Exit as ExitNotification,
    Notification as LspNotification,
};
use lsp_types::request::{Formatting, RegisterCapability, Request as LspRequest, Shutdown};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeTextDocumentParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentFormattingParams,
    FileSystemWatcher, GlobPattern, InitializeParams, NumberOrString, OneOf, PositionEncodingKind,
    Registration, RegistrationParams, RenameOptions, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, WorkDoneProgressOptions,
};

use super::Event;
use super::handlers;
use super::position::Encoding;
use super::snapshot::Snapshot;
use super::uri;
use super::worker::{self, Job};
use super::workspace::{OpenDocument, Workspace};
use crate::i18n::Lang;

/// How the session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    /// `shutdown`, then `exit`: exit code 0.
    Clean,
    /// `exit` without `shutdown`, or the editor went away: exit code 1, as the protocol says.
    Abrupt,
}

/// Serves one editor on `connection` until it says `exit`. `lang` is the language asked for on
/// the command line; the editor's locale and `initializationOptions.lang` take its place.
pub fn serve(connection: Connection, lang: Lang) -> Result<Exit, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let encoding = encoding_of(&params);
    let lang = lang_of(&params).unwrap_or(lang);
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo {
            name: "hjemmel".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;

    let (jobs, job_receiver) = unbounded::<Job>();
    let (events, event_receiver) = unbounded::<Event>();
    let worker = {
        let (events, out) = (events.clone(), connection.sender.clone());
        std::thread::Builder::new()
            .name("hjemmel-analysis".to_string())
            .spawn(move || worker::run(job_receiver, events, out))
            .map_err(|e| e.to_string())?
    };
    let mut server = Server {
        out: connection.sender.clone(),
        workspace: Workspace::new(root_of(&params), lang),
        lang,
        encoding,
        generation: 0,
        jobs,
        events,
        latest: None,
        waiting: Vec::new(),
        requests: ReqQueue::default(),
        shutdown: false,
    };
    if watches_files(&params) {
        server.watch_files();
    }
    if server.workspace.dir().is_some() {
        server.changed();
    }
    let exit = server.run(&connection.receiver, &event_receiver);
    // The analysis thread ends when its jobs' sender goes.
    drop(server);
    let _ = worker.join();
    Ok(exit)
}

/// The server's state between messages.
struct Server {
    out: Sender<Message>,
    workspace: Workspace,
    lang: Lang,
    encoding: Encoding,
    /// Changes to the workspace so far: the state the next analysis is of.
    generation: u64,
    jobs: Sender<Job>,
    events: Sender<Event>,
    latest: Option<Arc<Snapshot>>,
    /// Requests waiting for the analysis of the state they were asked about (the generation).
    waiting: Vec<(Request, u64)>,
    /// Requests not yet answered, so that a cancelled one is answered once.
    requests: ReqQueue<(), ()>,
    shutdown: bool,
}

impl Server {
    fn run(&mut self, messages: &Receiver<Message>, events: &Receiver<Event>) -> Exit {
        loop {
            select! {
                recv(messages) -> message => match message {
                    Ok(Message::Request(request)) => self.on_request(request),
                    Ok(Message::Notification(note)) => {
                        if note.method == ExitNotification::METHOD {
                            return if self.shutdown { Exit::Clean } else { Exit::Abrupt };
                        }
                        self.on_notification(note);
                    }
                    // Answers to the server's own requests (registering file watching): nothing to do.
                    Ok(Message::Response(_)) => {}
                    Err(_) => return Exit::Abrupt,
                },
                recv(events) -> event => match event {
                    Ok(Event::Analysed(snapshot)) => self.on_analysed(snapshot),
                    Ok(Event::Answered(response)) => self.respond(response),
                    Err(_) => return Exit::Abrupt,
                },
            }
        }
    }

    fn send(&self, message: impl Into<Message>) {
        // The editor has gone when this fails; the loop ends on its next read.
        let _ = self.out.send(message.into());
    }

    /// Sends the answer to a request still waiting for one (not cancelled).
    fn respond(&mut self, response: Response) {
        if self.requests.incoming.complete(&response.id).is_some() {
            self.send(response);
        }
    }

    fn on_request(&mut self, request: Request) {
        self.requests.incoming.register(request.id.clone(), ());
        if self.shutdown {
            let response = Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_string(),
            );
            return self.respond(response);
        }
        match request.method.as_str() {
            Shutdown::METHOD => {
                self.shutdown = true;
                self.respond(Response::new_ok(request.id, ()));
            }
            Formatting::METHOD => self.format(request),
            method if handlers::reads_analysis(method) => match &self.latest {
                Some(snapshot) if snapshot.generation >= self.generation => {
                    self.answer(snapshot.clone(), request)
                }
                _ => self.waiting.push((request, self.generation)),
            },
            _ => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::MethodNotFound as i32,
                    format!("hjemmel lsp does not answer {}", request.method),
                );
                self.respond(response);
            }
        }
    }

    /// Answers `request` from `snapshot` on a thread of its own.
    fn answer(&self, snapshot: Arc<Snapshot>, request: Request) {
        let events = self.events.clone();
        spawn(events, request.id.clone(), move || {
            handlers::handle(&snapshot, request)
        });
    }

    /// Formats the open document's text as it is now (formatting needs no analysis).
    fn format(&self, request: Request) {
        let document = serde_json::from_value::<DocumentFormattingParams>(request.params.clone())
            .ok()
            .and_then(|p| uri::to_path(&p.text_document.uri))
            .and_then(|path| self.workspace.document(&path))
            .map(|d| d.text.clone());
        let encoding = self.encoding;
        spawn(self.events.clone(), request.id.clone(), move || {
            let edits = document.map_or_else(Vec::new, |text| {
                handlers::formatting::format(&text, encoding)
            });
            Response::new_ok(request.id, edits)
        });
    }

    fn on_notification(&mut self, note: Notification) {
        match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) =
                    note.extract::<DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let document = params.text_document;
                let Some(path) = uri::to_path(&document.uri) else {
                    return;
                };
                let open = OpenDocument {
                    uri: document.uri,
                    version: document.version,
                    text: document.text,
                };
                if self.workspace.open(path, open, self.lang) {
                    self.changed();
                }
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) =
                    note.extract::<DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                else {
                    return;
                };
                let Some(path) = uri::to_path(&params.text_document.uri) else {
                    return;
                };
                let Some(document) = self.workspace.document_mut(&path) else {
                    return;
                };
                for change in params.content_changes {
                    document.apply(change, self.encoding);
                }
                document.version = params.text_document.version;
                // Typing in a spec of another directory makes it the one checked.
                self.workspace.focus(&path, self.lang);
                self.changed();
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) =
                    note.extract::<DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                if let Some(path) = uri::to_path(&params.text_document.uri)
                    && self.workspace.close(&path)
                {
                    self.changed();
                }
            }
            // A file saved, or changed on disk by another program: read the directory again.
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                self.workspace.reload(self.lang);
                self.changed();
            }
            Cancel::METHOD => {
                let Ok(params) = note.extract::<lsp_types::CancelParams>(Cancel::METHOD) else {
                    return;
                };
                let id: RequestId = match params.id {
                    NumberOrString::Number(n) => n.into(),
                    NumberOrString::String(s) => s.into(),
                };
                self.waiting.retain(|(request, _)| request.id != id);
                if let Some(response) = self.requests.incoming.cancel(id) {
                    self.send(response);
                }
            }
            _ => {}
        }
    }

    /// The workspace changed: its new state goes to the analysis thread.
    fn changed(&mut self) {
        if self.workspace.dir().is_none() {
            return;
        }
        self.generation += 1;
        let (sources, files, load_error) = self.workspace.sources();
        let job = Job {
            generation: self.generation,
            sources,
            files,
            load_error,
            lang: self.lang,
            encoding: self.encoding,
        };
        // The thread is gone only when it panicked; requests are then answered from the last analysis.
        let _ = self.jobs.send(job);
    }

    fn on_analysed(&mut self, snapshot: Arc<Snapshot>) {
        let waiting = std::mem::take(&mut self.waiting);
        for (request, generation) in waiting {
            if generation <= snapshot.generation {
                self.answer(snapshot.clone(), request);
            } else {
                self.waiting.push((request, generation));
            }
        }
        self.latest = Some(snapshot);
    }

    /// Asks the editor to say when a spec file changes on disk.
    fn watch_files(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: ["**/*.hjemmel", "**/hjemmel.toml"]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.to_string()),
                    kind: None,
                })
                .collect(),
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "hjemmel-watch".to_string(),
                method: DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let request =
            self.requests
                .outgoing
                .register(RegisterCapability::METHOD.to_string(), params, ());
        self.send(request);
    }
}

/// Runs `work` on a thread of its own and sends its answer to the loop; a panic is answered as an
/// internal error rather than ending the server.
fn spawn(events: Sender<Event>, id: RequestId, work: impl FnOnce() -> Response + Send + 'static) {
    let spawned = std::thread::Builder::new()
        .name("hjemmel-request".to_string())
        .spawn(move || {
            let response = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                .unwrap_or_else(|_| {
                    Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "hjemmel lsp failed to answer this request".to_string(),
                    )
                });
            let _ = events.send(Event::Answered(response));
        });
    if let Err(e) = spawned {
        eprintln!("hjemmel lsp: cannot start a thread: {e}");
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            // `gdpr 9(2)(` offers the letters.
            trigger_characters: Some(vec!["(".to_string()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// UTF-8 columns when the editor offers them (no conversion at all), else UTF-16.
fn encoding_of(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// The language of messages: `initializationOptions.lang` ("da", "en"), else the editor's locale
/// ("da", "da-DK" → Danish; any other → English); `None` when the editor says neither.
fn lang_of(params: &InitializeParams) -> Option<Lang> {
    let chosen = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("lang"))
        .and_then(|l| l.as_str())
        .or(params.locale.as_deref())?;
    let primary = chosen.split(['-', '_']).next().unwrap_or(chosen);
    Some(if primary.eq_ignore_ascii_case("da") {
        Lang::Da
    } else {
        Lang::En
    })
}

/// The folder the editor opened: its first workspace folder, else its root.
#[allow(deprecated)] // `root_uri` is how editors without workspace folders (and older ones) say it
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(params.root_uri.as_ref())?;
    uri::to_path(folder)
}

/// Whether the editor can be asked to watch files.
fn watches_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|c| c.dynamic_registration)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(json: serde_json::Value) -> InitializeParams {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_language_is_the_options_then_the_locale() {
        let p = params(serde_json::json!({"capabilities": {}, "locale": "da-DK"}));
        assert_eq!(lang_of(&p), Some(Lang::Da));
        let p = params(serde_json::json!({
            "capabilities": {}, "locale": "da", "initializationOptions": {"lang": "en"}
        }));
        assert_eq!(lang_of(&p), Some(Lang::En));
        let p = params(
            serde_json::json!({"capabilities": {}, "initializationOptions": {"lang": "da"}}),
        );
        assert_eq!(lang_of(&p), Some(Lang::Da));
        let p = params(serde_json::json!({"capabilities": {}, "locale": "en-GB"}));
        assert_eq!(lang_of(&p), Some(Lang::En));
        assert_eq!(
            lang_of(&params(serde_json::json!({"capabilities": {}}))),
            None
        );
    }

    #[test]
    fn utf8_is_taken_when_offered() {
        let p = params(serde_json::json!({
            "capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}
        }));
        assert_eq!(encoding_of(&p), Encoding::Utf8);
        let p = params(serde_json::json!({"capabilities": {}}));
        assert_eq!(encoding_of(&p), Encoding::Utf16);
    }
}
