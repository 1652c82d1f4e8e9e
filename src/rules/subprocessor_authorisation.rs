use super::{Context, Rule, RuleMeta, declare_rule};
use crate::semantic::model::ProcessorId;
use crate::tr;

declare_rule! {
    /// # SUBPROCESSOR-AUTHORISATION: a sub-processor whose authorisation the spec does not document
    ///
    /// ## What it checks
    /// Every sub-processor in use (a `subprocessor` block below a processor that an activity names with
    /// `via`) names the document that holds the controller's prior written authorisation:
    /// `authorised "..."`, e.g. the annex of the data processing agreement that lists the
    /// sub-processor, the clause giving a general authorisation, or the letter approving it. When it
    /// does not, the finding says that the authorisation is not documented in the spec.
    ///
    /// Whether the sub-processor has a contract with the processor is a separate question, checked by
    /// PROCESSOR-AGREEMENT (`agreement "..."`, art. 28(4)); this rule checks only the controller's
    /// authorisation, so a sub-processor with neither gets one finding from each rule.
    ///
    /// ## Why it matters
    /// A processor may not engage another processor without the controller's prior specific or general
    /// written authorisation (art. 28(2)); under a general authorisation the processor must inform the
    /// controller of intended changes and give it the chance to object. The controller remains
    /// responsible for the whole chain (art. 28(4)) and must be able to show that it approved who
    /// processes the data (art. 5(2)).
    ///
    /// This is a warning, not an error, and it does not say that the sub-processor is used without
    /// authorisation. A privacy notice is not where an art. 28(2) authorisation is shown, and the
    /// usual arrangement, a general written authorisation in the data processing agreement (as in
    /// Datatilsynet's standard agreement), is invisible in a notice. Silence in the spec is therefore
    /// no evidence of a breach; it is a gap in the documentation, which the controller closes by
    /// naming the document that holds the authorisation.
    ///
    /// ## Legal basis
    /// - GDPR art. 28(2)
    /// - GDPR art. 28(4)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønleverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale 2024"
    ///   country DK
    ///   subprocessor hosting "Driftscenter" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     agreement "Underdatabehandleraftale 2024"
    ///     country DK
    ///   }
    /// }
    /// activity pay "Lønudbetaling" {
    ///   purpose "Udbetaling af løn"
    ///   subjects employees
    ///   data salary
    ///   basis gdpr 6(1)(b), gdpr 6(1)(c), dbl 12(1), law "Skatteindberetningsloven"
    ///   retain all for 5 years
    ///   via payroll
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønleverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale 2024"
    ///   country DK
    ///   subprocessor hosting "Driftscenter" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     agreement "Underdatabehandleraftale 2024"
    ///     authorised "Databehandleraftalens bilag B"
    ///     country DK
    ///   }
    /// }
    /// activity pay "Lønudbetaling" {
    ///   purpose "Udbetaling af løn"
    ///   subjects employees
    ///   data salary
    ///   basis gdpr 6(1)(b), gdpr 6(1)(c), dbl 12(1), law "Skatteindberetningsloven"
    ///   retain all for 5 years
    ///   via payroll
    /// }
    /// ```
    pub struct SubprocessorAuthorisation {
        code: "SUBPROCESSOR-AUTHORISATION",
        severity: Warning,
        summary: (
            "the spec documents the controller's written authorisation of every sub-processor in use",
            "specifikationen dokumenterer den dataansvarliges skriftlige godkendelse af hver underdatabehandler, der bruges",
        ),
        provisions: [("GDPR", "art. 28(2)"), ("GDPR", "art. 28(4)")],
    }
    texts {
        MESSAGE = (
            "the controller's written authorisation of sub-processor `{name}` is not documented in the spec",
            "den dataansvarliges skriftlige godkendelse af underdatabehandleren `{name}` er ikke dokumenteret i specifikationen",
        ),
        LABEL = (
            "no `authorised` names the document that holds the authorisation",
            "ingen `authorised` angiver det dokument, der indeholder godkendelsen",
        ),
        ENGAGED_BY = ("engaged by `{processor}`", "antaget af `{processor}`"),
        HELP = (
            "name the document that holds the controller's prior written authorisation (specific, or general \
             in the data processing agreement) in the sub-processor's block, e.g. \
             `authorised \"Databehandleraftalens bilag B\"`",
            "angiv i underdatabehandlerens blok det dokument, der indeholder den dataansvarliges forudgående \
             skriftlige godkendelse (specifik eller generel i databehandleraftalen), f.eks. \
             `authorised \"Databehandleraftalens bilag B\"`",
        ),
    }
}

impl Rule for SubprocessorAuthorisation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for (i, processor) in model.processors.iter().enumerate() {
            let Some(parent) = processor.parent else {
                continue;
            };
            if processor.authorised.is_some() {
                continue;
            }
            let id = ProcessorId(i as u32);
            let Some(path) = cx.flow.first_use_path(model, id) else {
                continue;
            };
            let engaged_by = model.processor(parent);
            let finding = cx
                .finding(
                    tr!(lang, text::MESSAGE, name = processor.name.node),
                    processor.name.span,
                    tr!(lang, text::LABEL),
                )
                .with_secondary(
                    engaged_by.name.span,
                    tr!(lang, text::ENGAGED_BY, processor = engaged_by.name.node),
                )
                .with_path(path)
                .with_help(tr!(lang, text::HELP));
            cx.report(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::i18n::Lang;
    use crate::source::{SourceFile, SourceMap};

    /// A notice's silence on the art. 28(2) authorisation is a warning about the documentation, never
    /// an error asserting a breach (issue 10, point 1).
    #[test]
    fn silence_is_a_warning_not_an_error() {
        let name = "fail_notice_silent_on_authorisation.hjemmel";
        let text = include_str!(
            "../../tests/fixtures/rules/SUBPROCESSOR-AUTHORISATION/fail_notice_silent_on_authorisation.hjemmel"
        );
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new(name, text));
        for lang in [Lang::En, Lang::Da] {
            let checked =
                crate::check_sources(&sources, lang).expect("the fixture is a valid spec");
            let findings: Vec<_> = checked
                .findings
                .iter()
                .filter(|d| d.code == "SUBPROCESSOR-AUTHORISATION")
                .collect();
            assert_eq!(findings.len(), 1, "{lang:?}");
            assert_eq!(findings[0].severity, Severity::Warning, "{lang:?}");
            assert!(
                !checked
                    .findings
                    .iter()
                    .any(|d| d.severity == Severity::Error),
                "{lang:?}: no error on this spec"
            );
        }
    }
}
