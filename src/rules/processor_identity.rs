use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::placeholders::group_word;
use crate::semantic::model::ProcessorId;
use crate::tr;

declare_rule! {
    /// # PROCESSOR-IDENTITY: a processor or sub-processor named as a group, not identified
    ///
    /// ## What it checks
    /// Every processor and sub-processor in use (one that an activity names with `via`, and the
    /// sub-processors below it) is one identified party: its label names an entity ("Netcompany
    /// A/S", "Microsoft Ireland Operations Ltd"), not a group ("underleverandører uden for EU",
    /// "andre databehandlere", "sub-processors"). A label is a group when one of its words is in the
    /// word list src/law/data/placeholders.toml (nouns for a group of parties, in Danish and
    /// English, whole words only: "Lønleverandør" and "Leverandørservice A/S" are not groups).
    ///
    /// The rule covers processors as well as sub-processors, and is its own rule rather than part of
    /// SUBPROCESSOR-AUTHORISATION: the duty to know who processes the data applies to every link of
    /// the chain, processors included, and it is a different fact from the written authorisation of
    /// art. 28(2), which a waiver of the one must not silence.
    ///
    /// ## Why it matters
    /// The controller must have the identity (name, address, contact person) of all processors and
    /// sub-processors readily available at all times, whatever the risk of the processing, so that
    /// it can meet its obligations under art. 28(1), (2) and (4): choosing processors with sufficient
    /// guarantees, authorising or objecting to sub-processors, and answering for the chain (EDPB
    /// Opinion 22/2024, paras. 31–32; the approved sub-processors are listed in the agreement or an
    /// annex, para. 25). A group cannot be assessed, authorised or supervised.
    ///
    /// This is a warning about the documentation. A privacy notice may give the categories of
    /// recipients (art. 13(1)(e) and 14(1)(e)), so a notice that says "databehandlere" is not wrong
    /// for that reason; a spec used as the controller's record of who processes the data needs each
    /// party by name. Declare each processor and sub-processor on its own, with its label as it
    /// stands in the agreement or the annex that lists it.
    ///
    /// ## Legal basis
    /// - GDPR art. 28(1)
    /// - GDPR art. 28(2)
    /// - GDPR art. 28(4)
    /// - EDPB Opinion 22/2024, paras. 31–32
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data salary "Løn" confidential
    /// processor payroll "Lønservice A/S" {
    ///   agreement "Databehandleraftale af 2024-01-15"
    ///   country DK
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   subprocessor hosting "Underleverandører" {
    ///     agreement "Underdatabehandleraftale af 2024-01-15"
    ///     authorised "Databehandleraftalens bilag B"
    ///     country DK
    ///     supervised 2026-03-01 "Lønservices tilsyn med underleverandøren gennemgået"
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
    /// processor payroll "Lønservice A/S" {
    ///   agreement "Databehandleraftale af 2024-01-15"
    ///   country DK
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   subprocessor hosting "Hostingcenter A/S" {
    ///     agreement "Underdatabehandleraftale af 2024-01-15"
    ///     authorised "Databehandleraftalens bilag B"
    ///     country DK
    ///     supervised 2026-03-01 "Lønservices tilsyn med underleverandøren gennemgået"
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
    pub struct ProcessorIdentity {
        code: "PROCESSOR-IDENTITY",
        severity: Warning,
        summary: (
            "every processor and sub-processor in use is an identified party, not a group",
            "hver databehandler og underdatabehandler, der bruges, er en identificeret part, ikke en gruppe",
        ),
        provisions: [("GDPR", "art. 28(1)"), ("GDPR", "art. 28(2)"), ("GDPR", "art. 28(4)")],
    }
    texts {
        MESSAGE_PROCESSOR = (
            "processor `{name}` is a group, not an identified processor",
            "databehandleren `{name}` er en gruppe, ikke en identificeret databehandler",
        ),
        MESSAGE_SUBPROCESSOR = (
            "sub-processor `{name}` is a group, not an identified sub-processor",
            "underdatabehandleren `{name}` er en gruppe, ikke en identificeret underdatabehandler",
        ),
        LABEL = (
            "\"{word}\" names a group of parties (EDPB Opinion 22/2024, paras. 31–32)",
            "\"{word}\" betegner en gruppe af parter (EDPB's udtalelse 22/2024, pkt. 31-32)",
        ),
        HELP_PROCESSOR = (
            "declare each processor in a block of its own, labelled with the name that stands in the \
             agreement, e.g. `processor <name> \"Netcompany A/S\"`",
            "angiv hver databehandler i sin egen blok med det navn, der står i aftalen, f.eks. \
             `processor <name> \"Netcompany A/S\"`",
        ),
        HELP_SUBPROCESSOR = (
            "declare each sub-processor in a block of its own, labelled with the name that stands in \
             the annex or notice that lists it, e.g. `subprocessor <name> \"Hostingcenter A/S\"`",
            "angiv hver underdatabehandler i sin egen blok med det navn, der står i det bilag eller \
             den meddelelse, der oplister den, f.eks. `subprocessor <name> \"Hostingcenter A/S\"`",
        ),
    }
}

impl Rule for ProcessorIdentity {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for (i, processor) in model.processors.iter().enumerate() {
            let Some(word) = group_word(&processor.label.node) else {
                continue;
            };
            let id = ProcessorId(i as u32);
            let Some(path) = cx.flow.first_use_path(model, id) else {
                continue;
            };
            let (message, help) = if processor.parent.is_some() {
                (text::MESSAGE_SUBPROCESSOR, text::HELP_SUBPROCESSOR)
            } else {
                (text::MESSAGE_PROCESSOR, text::HELP_PROCESSOR)
            };
            let finding = cx
                .finding(
                    tr!(lang, message, name = processor.name.node),
                    processor.label.span,
                    tr!(lang, text::LABEL, word = word),
                )
                .with_path(path)
                .with_help(tr!(lang, help));
            cx.report(finding);
        }
    }
}
