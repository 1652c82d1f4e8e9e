//! The analysis thread: checks each new state of the workspace off the main loop, so that the loop
//! keeps reading the editor's messages while a large spec is checked.
//!
//! A burst of keystrokes sends a burst of states; the thread takes the newest one waiting and skips
//! the others, and publishes the diagnostics of an analysis only when no newer state waits (they
//! would be replaced at once). Every finished analysis goes back to the loop, which answers the
//! requests that wait for it.

use std::collections::HashSet;
use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender, TryRecvError};

use lsp_server::{Message, Notification};
use lsp_types::notification::{Notification as _, PublishDiagnostics};

use super::Event;
use super::position::Encoding;
use super::snapshot::Snapshot;
use super::workspace::WorkspaceFile;
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::ide::Analysis;
use crate::source::SourceMap;

/// One state of the workspace to analyse.
pub struct Job {
    pub generation: u64,
    pub sources: SourceMap,
    pub files: Vec<WorkspaceFile>,
    pub load_error: Option<Diagnostic>,
    pub lang: Lang,
    pub encoding: Encoding,
}

/// Runs until the loop drops its sender: analyses, publishes, reports back.
pub fn run(jobs: Receiver<Job>, events: Sender<Event>, out: Sender<Message>) {
    let mut shown: HashSet<String> = HashSet::new();
    let mut waiting: Option<Job> = None;
    // The analysis sent before the last: the loop has let go of it by the time the next one is
    // made, so that it is freed here (on a large spec, freeing a model takes milliseconds) and not
    // on the loop.
    let mut previous: Option<Arc<Snapshot>> = None;
    loop {
        let mut job = match waiting.take() {
            Some(job) => job,
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        // Coalesce: only the newest state counts.
        loop {
            match jobs.try_recv() {
                Ok(newer) => job = newer,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        drop(previous.take());
        let analysis = Analysis::new(job.sources, job.lang);
        let snapshot = Arc::new(Snapshot::new(
            job.generation,
            analysis,
            job.files,
            job.encoding,
            job.load_error,
        ));
        match jobs.try_recv() {
            Ok(newer) => waiting = Some(newer),
            Err(TryRecvError::Disconnected) => return,
            Err(TryRecvError::Empty) => {
                for params in super::diagnostics::publish(&snapshot, &mut shown) {
                    let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
                    if out.send(Message::Notification(note)).is_err() {
                        return;
                    }
                }
            }
        }
        if events.send(Event::Analysed(snapshot.clone())).is_err() {
            return;
        }
        previous = Some(snapshot);
    }
}
