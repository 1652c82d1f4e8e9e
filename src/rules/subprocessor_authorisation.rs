use super::{Context, Rule, RuleMeta, declare_rule};
use crate::flow::processor_chain;
use crate::semantic::model::ProcessorId;
use crate::tr;

declare_rule! {
    /// # SUBPROCESSOR-AUTHORISATION: a sub-processor used without the controller's authorisation
    ///
    /// ## What it checks
    /// Every sub-processor in use (a `subprocessor` block below a processor that an activity names with
    /// `via`) declares the controller's prior written authorisation: `authorised "..."`, naming the
    /// document, e.g. the annex of the data processing agreement that lists the sub-processor, or the
    /// letter approving it.
    ///
    /// Whether the sub-processor has a contract with the processor is a separate question, checked by
    /// PROCESSOR-AGREEMENT (`agreement "..."`, art. 28(4)); this rule checks only the controller's
    /// authorisation, so a sub-processor with neither gets one finding from each rule.
    ///
    /// ## Why it matters
    /// A processor may not engage another processor without the controller's prior specific or general
    /// written authorisation (art. 28(2)); under a general authorisation the processor must inform the
    /// controller of intended changes and give it the chance to object. The controller remains
    /// responsible for the whole chain (art. 28(4)), and its record must show that it approved who
    /// processes the data.
    ///
    /// ## Legal basis
    /// - GDPR art. 28(2)
    /// - GDPR art. 28(4)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønleverandør" {
    ///   agreement "Databehandleraftale 2024"
    ///   country DK
    ///   subprocessor hosting "Driftscenter" {
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
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønleverandør" {
    ///   agreement "Databehandleraftale 2024"
    ///   country DK
    ///   subprocessor hosting "Driftscenter" {
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
        severity: Error,
        summary: (
            "every sub-processor in use has the controller's prior written authorisation",
            "hver underdatabehandler, der bruges, har den dataansvarliges forudgående skriftlige godkendelse",
        ),
        provisions: [("GDPR", "art. 28(2)"), ("GDPR", "art. 28(4)")],
    }
    texts {
        MESSAGE = (
            "sub-processor `{name}` is used without the controller's written authorisation",
            "underdatabehandleren `{name}` bruges uden den dataansvarliges skriftlige godkendelse",
        ),
        LABEL = ("no `authorised` is declared", "der er ikke angivet nogen `authorised`"),
        ENGAGED_BY = ("engaged by `{processor}`", "antaget af `{processor}`"),
        HELP = (
            "declare the controller's prior written authorisation in the sub-processor's block, e.g. \
             `authorised \"Databehandleraftalens bilag B\"`",
            "angiv den dataansvarliges forudgående skriftlige godkendelse i underdatabehandlerens blok, f.eks. \
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
            let users = cx.flow.activities_reaching(cx.flow.processor_node(id));
            let Some(first_user) = users.first() else {
                continue;
            };
            let activity = &model.activities[first_user.index()];
            let mut path: Vec<String> = vec![activity.name.node.clone()];
            path.extend(
                processor_chain(model, id)
                    .iter()
                    .map(|p| model.processor(*p).name.node.clone()),
            );
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
