use super::{Context, Rule, RuleMeta, declare_rule};
use crate::flow::processor_chain;
use crate::semantic::model::ProcessorId;
use crate::tr;

declare_rule! {
    /// # PROCESSOR-AGREEMENT: a processor used without a data processing agreement
    ///
    /// ## What it checks
    /// Every processor that an activity uses (`via`), and every sub-processor below it, declares its data
    /// processing agreement (`agreement "..."`). For a sub-processor this is the contract between the
    /// processor and the sub-processor that carries the same obligations (art. 28(4)).
    ///
    /// ## Why it matters
    /// Processing by a processor must be governed by a contract or other legal act that sets out the
    /// subject-matter, duration, nature and purpose of the processing and the processor's obligations.
    /// Without it the controller cannot show that the processor acts only on its instructions.
    ///
    /// ## Legal basis
    /// - GDPR art. 28(3)
    /// - GDPR art. 28(4) (sub-processors)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønleverandør" { country DK supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået" }
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
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønleverandør" { agreement "Databehandleraftale 2024" country DK supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået" }
    /// activity pay "Lønudbetaling" {
    ///   purpose "Udbetaling af løn"
    ///   subjects employees
    ///   data salary
    ///   basis gdpr 6(1)(b), gdpr 6(1)(c), dbl 12(1), law "Skatteindberetningsloven"
    ///   retain all for 5 years
    ///   via payroll
    /// }
    /// ```
    pub struct ProcessorAgreement {
        code: "PROCESSOR-AGREEMENT",
        severity: Error,
        summary: (
            "every processor and sub-processor in use has a data processing agreement",
            "hver databehandler og underdatabehandler, der bruges, har en databehandleraftale",
        ),
        provisions: [("GDPR", "art. 28(3)"), ("GDPR", "art. 28(4)")],
    }
    texts {
        MESSAGE_PROCESSOR = (
            "processor `{name}` is used without a data processing agreement",
            "databehandleren `{name}` bruges uden en databehandleraftale",
        ),
        MESSAGE_SUBPROCESSOR = (
            "sub-processor `{name}` is used without a data processing agreement",
            "underdatabehandleren `{name}` bruges uden en databehandleraftale",
        ),
        USED_BY_MANY = (" (used by {n} activities)", " (bruges af {n} aktiviteter)"),
        LABEL = ("no `agreement` is declared", "der er ikke angivet nogen `agreement`"),
        USED_BY = ("used by activity `{activity}`", "bruges af aktiviteten `{activity}`"),
        HELP_PROCESSOR = (
            "declare the agreement in the processor's block, e.g. `agreement \"Databehandleraftale af 2024-01-01\"`",
            "angiv aftalen i databehandlerens blok, f.eks. `agreement \"Databehandleraftale af 2024-01-01\"`",
        ),
        HELP_SUBPROCESSOR = (
            "declare the agreement in the sub-processor's block, e.g. `agreement \"Databehandleraftale af 2024-01-01\"`",
            "angiv aftalen i underdatabehandlerens blok, f.eks. `agreement \"Databehandleraftale af 2024-01-01\"`",
        ),
    }
}

impl Rule for ProcessorAgreement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for (i, processor) in model.processors.iter().enumerate() {
            if processor.agreement.is_some() {
                continue;
            }
            let id = ProcessorId(i as u32);
            let users = cx.flow.processor_users(id);
            let Some(first_user) = users.first() else {
                continue;
            };
            let activity = &model.activities[first_user.index()];
            let chain = processor_chain(model, id);
            let mut path: Vec<String> = vec![activity.name.node.clone()];
            path.extend(chain.iter().map(|p| model.processor(*p).name.node.clone()));
            let (message, help) = if processor.parent.is_some() {
                (text::MESSAGE_SUBPROCESSOR, text::HELP_SUBPROCESSOR)
            } else {
                (text::MESSAGE_PROCESSOR, text::HELP_PROCESSOR)
            };
            let mut finding = cx.finding(
                tr!(lang, message, name = processor.name.node),
                processor.name.span,
                tr!(lang, text::LABEL),
            );
            if let Some(via) = activity.processors.iter().find(|v| v.id == chain[0]) {
                finding = finding.with_secondary(
                    via.span,
                    tr!(lang, text::USED_BY, activity = activity.name.node),
                );
            }
            if users.len() > 1 {
                finding
                    .message
                    .push_str(&tr!(lang, text::USED_BY_MANY, n = users.len()));
            }
            cx.report(finding.with_path(path).with_help(tr!(lang, help)));
        }
    }
}
