//! Applies a spec's settings (`hjemmel.toml`) and its waivers (`allow CODE "reason"`) to the rules'
//! findings. A suppressed finding is not dropped: reports list it with the reason, so a reader sees
//! what was turned off and why.

use serde::Serialize;

use super::{Config, Level, unknown_rule};
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::rules::registry;
use crate::semantic::model::Waiver;
use crate::syntax::span::Span;
use crate::tr;

/// The note on a finding whose severity the settings changed, in English and Danish.
pub mod text {
    crate::texts! {
        RAISED = ("raised to an error by {file}: {reason}", "hævet til en fejl af {file}: {reason}"),
        LOWERED = (
            "lowered to a warning by {file}: {reason}",
            "sænket til en advarsel af {file}: {reason}"
        ),
    }
}

/// A finding that a waiver or the settings turned off.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Diagnostic,
    pub by: SuppressedBy,
    pub reason: String,
    /// The waiver, or the rule's table in the settings file.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuppressedBy {
    /// An `allow CODE "reason"` in the declaration.
    Waiver,
    /// `severity = "off"` in `hjemmel.toml`.
    Config,
}

/// Every waiver names a rule that exists; the errors are worded in `lang`.
pub fn check_codes(waivers: &[Waiver], lang: Lang) -> Vec<Diagnostic> {
    waivers
        .iter()
        .filter(|w| registry::find(&w.code.node).is_none())
        .map(|w| unknown_rule(&w.code.node, w.code.span, lang))
        .collect()
}

/// Splits the findings into those reported and those suppressed, and gives each reported finding the
/// severity the settings set, with a note saying so in `lang`.
pub fn apply(
    findings: Vec<Diagnostic>,
    config: &Config,
    waivers: &[Waiver],
    lang: Lang,
) -> (Vec<Diagnostic>, Vec<Suppressed>) {
    let mut reported = Vec::with_capacity(findings.len());
    let mut suppressed = Vec::new();
    for mut finding in findings {
        if let Some(waiver) = waivers
            .iter()
            .find(|w| w.code.node == finding.code && covers(w.scope, &finding))
        {
            suppressed.push(Suppressed {
                finding,
                by: SuppressedBy::Waiver,
                reason: waiver.reason.node.clone(),
                span: waiver.span,
            });
            continue;
        }
        if let Some(setting) = config.rules.get(&finding.code) {
            match setting.level.severity() {
                None => {
                    suppressed.push(Suppressed {
                        finding,
                        by: SuppressedBy::Config,
                        reason: setting.reason.clone(),
                        span: setting.span,
                    });
                    continue;
                }
                Some(severity) if severity != finding.severity => {
                    let note = match setting.level {
                        Level::Error => text::RAISED,
                        _ => text::LOWERED,
                    };
                    finding.note = Some(tr!(
                        lang,
                        note,
                        file = super::FILE_NAME,
                        reason = setting.reason
                    ));
                    finding.severity = severity;
                }
                Some(_) => {}
            }
        }
        reported.push(finding);
    }
    (reported, suppressed)
}

/// Whether a finding's primary words lie within the declaration a waiver stands in.
fn covers(scope: Span, finding: &Diagnostic) -> bool {
    finding.primary.as_ref().is_some_and(|label| {
        let s = label.span;
        s.file == scope.file && s.start >= scope.start && s.end <= scope.end
    })
}
