use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Text;
use crate::semantic::model::{Activity, Model, Origin};
use crate::syntax::ast::Name;
use crate::tr;

declare_rule! {
    /// # UNUSED-DECLARATION: a declaration that nothing uses
    ///
    /// ## What it checks
    /// Every declared data category, group of data subjects, source, processor, recipient and joint
    /// controller is used by at least one activity: a category in its `data`, a group in its
    /// `subjects`, a source in its `sources`, a processor in its `via`, a recipient in a
    /// `disclose ... to`, a joint controller in its `jointly with`. A sub-processor is used
    /// through its processor and is never reported on its own; a processor that no activity uses is
    /// reported once, not with each of its sub-processors.
    ///
    /// This is a hygiene lint, a warning: an unused declaration breaks no provision by itself. But it
    /// usually means the spec is out of step with the notice — an activity forgot to list the data or
    /// the processor, so the rules that follow data (retention, transfers, agreements) never see it.
    ///
    /// ## Why it matters
    /// The rules check only what activities use: a processor in a third country that no activity names
    /// is never checked for a transfer mechanism, and a data category no activity lists is never checked
    /// for a deletion deadline. Either the declaration is stale and should go, or an activity is
    /// incomplete, and the record of processing (art. 30(1)) and the privacy notice (art. 13, 14) made
    /// from the spec would be wrong.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(2) (accountability: the controller must be able to demonstrate compliance)
    /// - GDPR art. 30(1) (the record of processing activities)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact_details "Navn og adresse" ordinary
    /// data health "Helbredsoplysninger" special(health)
    /// activity applications "Ansøgninger" {
    ///   purpose "Modtage ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data contact_details
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact_details "Navn og adresse" ordinary
    /// activity applications "Ansøgninger" {
    ///   purpose "Modtage ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data contact_details
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    /// }
    /// ```
    pub struct UnusedDeclaration {
        code: "UNUSED-DECLARATION",
        severity: Warning,
        summary: (
            "every declared category, group, source, processor and recipient is used",
            "hver angivet kategori, gruppe, kilde, databehandler og modtager bruges",
        ),
        provisions: [("GDPR", "art. 5(2)"), ("GDPR", "art. 30(1)")],
    }
    texts {
        DATA = ("data category", "kategorien af personoplysninger"),
        SUBJECTS = ("group of data subjects", "kategorien af registrerede"),
        SOURCE = ("source", "kilden"),
        PROCESSOR = ("processor", "databehandleren"),
        RECIPIENT = ("recipient", "modtageren"),
        JOINT_CONTROLLER = ("joint controller", "den fælles dataansvarlige"),
        USE_DATA = ("list it in an activity's `data`", "angiv den i en aktivitets `data`"),
        USE_SUBJECTS = ("list it in an activity's `subjects`", "angiv den i en aktivitets `subjects`"),
        USE_SOURCE = ("list it in an activity's `sources`", "angiv den i en aktivitets `sources`"),
        USE_PROCESSOR = (
            "name it in the `via` of the activities that use it",
            "angiv den under `via` i de aktiviteter, der bruger den",
        ),
        USE_RECIPIENT = (
            "disclose data to it in an activity: `disclose ... to NAME`",
            "videregiv oplysninger til den i en aktivitet: `disclose ... to NAME`",
        ),
        USE_JOINT_CONTROLLER = (
            "name it in the activities it is a joint controller of: `jointly with NAME`",
            "angiv den i de aktiviteter, den er fælles dataansvarlig for: `jointly with NAME`",
        ),
        MESSAGE = (
            "{what} `{name}` is declared but no activity uses it",
            "{what} `{name}` er angivet, men ingen aktivitet bruger den",
        ),
        LABEL = ("declared here, never used", "angivet her, men aldrig brugt"),
        HELP = (
            "remove the declaration if it is no longer processed, or {usage}",
            "fjern angivelsen, hvis den ikke længere er i brug, eller {usage}",
        ),
    }
}

/// Which declarations the activities seen so far use, by their place in the model's lists.
struct Used {
    data: Vec<bool>,
    subjects: Vec<bool>,
    sources: Vec<bool>,
    processors: Vec<bool>,
    recipients: Vec<bool>,
    joint_controllers: Vec<bool>,
}

impl Used {
    fn none_of(model: &Model) -> Used {
        Used {
            data: vec![false; model.data.len()],
            subjects: vec![false; model.subjects.len()],
            sources: vec![false; model.sources.len()],
            processors: vec![false; model.processors.len()],
            recipients: vec![false; model.recipients.len()],
            joint_controllers: vec![false; model.joint_controllers.len()],
        }
    }

    fn mark(&mut self, activity: &Activity) {
        for d in &activity.data {
            self.data[d.id.index()] = true;
        }
        for s in &activity.subjects {
            self.subjects[s.id.index()] = true;
        }
        for origin in &activity.sources {
            if let Origin::Source(id) = origin.id {
                self.sources[id.index()] = true;
            }
        }
        for via in &activity.processors {
            self.processors[via.id.index()] = true;
        }
        for disclosure in &activity.disclosures {
            self.recipients[disclosure.recipient.id.index()] = true;
        }
        for jointly in &activity.details().joint_controllers {
            self.joint_controllers[jointly.id.index()] = true;
        }
    }
}

impl Rule for UnusedDeclaration {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The runs of activities mark what they use; [`Rule::finish`] reports the rest.
    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let mut used = cx.state(|| Used::none_of(model));
        for activity in cx.activities {
            used.mark(activity);
        }
    }

    fn finish(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let used = cx.state(|| Used::none_of(model));
        let Used {
            data,
            subjects,
            sources,
            processors,
            recipients,
            joint_controllers,
        } = &*used;
        let mut unused: Vec<(&Name, Text, Text)> = Vec::new();
        let pick = |used: &[bool]| -> Vec<usize> {
            used.iter()
                .enumerate()
                .filter(|(_, u)| !**u)
                .map(|(i, _)| i)
                .collect()
        };
        for i in pick(data) {
            unused.push((&model.data[i].name, text::DATA, text::USE_DATA));
        }
        for i in pick(subjects) {
            unused.push((&model.subjects[i].name, text::SUBJECTS, text::USE_SUBJECTS));
        }
        for i in pick(sources) {
            unused.push((&model.sources[i].name, text::SOURCE, text::USE_SOURCE));
        }
        for i in pick(processors) {
            // A sub-processor is used through its processor.
            if model.processors[i].parent.is_some() {
                continue;
            }
            unused.push((
                &model.processors[i].name,
                text::PROCESSOR,
                text::USE_PROCESSOR,
            ));
        }
        for i in pick(recipients) {
            unused.push((
                &model.recipients[i].name,
                text::RECIPIENT,
                text::USE_RECIPIENT,
            ));
        }
        for i in pick(joint_controllers) {
            unused.push((
                &model.joint_controllers[i].name,
                text::JOINT_CONTROLLER,
                text::USE_JOINT_CONTROLLER,
            ));
        }
        for (name, what, usage) in unused {
            let finding = cx.finding(
                tr!(lang, text::MESSAGE, what = what.get(lang), name = name.node),
                name.span,
                tr!(lang, text::LABEL),
            );
            cx.report(finding.with_help(tr!(lang, text::HELP, usage = usage.get(lang))));
        }
    }
}
