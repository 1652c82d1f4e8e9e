use super::{Context, Rule, RuleMeta, declare_rule};
use crate::tr;

declare_rule! {
    /// # JOINT-CONTROLLER-ARRANGEMENT: a joint controllership whose arrangement is not recorded
    ///
    /// ## What it checks
    /// Every joint controller that an activity names (`jointly with NAME`) records, in its
    /// `joint controller` block:
    ///
    /// - `arrangement "..."`: the arrangement between the joint controllers that determines their
    ///   respective responsibilities (art. 26(1)), or the statute that determines them, where Union or
    ///   Member State law does;
    /// - `answers "..."`: who answers the data subjects — the one that handles their requests to
    ///   exercise their rights and gives them the art. 13 and 14 information, or the contact point the
    ///   arrangement designates (art. 26(1), last sentence);
    /// - `essence "..."`: how the essence of the arrangement is made available to the data subjects
    ///   (art. 26(2)), e.g. the notice or web page where it can be read.
    ///
    /// One finding per joint controller names everything that is missing. A joint controller that no
    /// activity names is UNUSED-DECLARATION's, and its contact details are RECORD-INCOMPLETE's
    /// (art. 30(1)(a)).
    ///
    /// The rule reads only what the spec declares: it does not decide whether a body is a joint
    /// controller, a processor or a recipient. That is a legal assessment of who determines the
    /// purposes and means (EDPB Guidelines 07/2020, part I, section 3), and common public systems differ:
    /// for the common municipal infrastructure KOMBIT states that it is the municipalities'
    /// processor, not a controller. A body the notice calls a recipient stays a `recipient`.
    ///
    /// ## Why it matters
    /// Joint controllers must determine, in a transparent manner, which of them does what to comply
    /// with the GDPR, in particular as regards the exercise of the data subjects' rights and the
    /// information of art. 13 and 14. The essence of the arrangement must be made available to the
    /// data subjects, so that they know whom to turn to. Whatever the arrangement says, the data
    /// subjects may exercise their rights against each of the controllers (art. 26(3)): the municipality
    /// must be able to answer, or pass on, a request about the common system too.
    ///
    /// The finding is a warning: art. 26(1) requires no arrangement where the responsibilities are
    /// determined by law, and the spec may record only part of what was agreed. A lawyer decides
    /// whether the responsibilities are in fact determined and made known.
    ///
    /// ## Legal basis
    /// - GDPR art. 26(1) (the arrangement; the rights of the data subject; a contact point)
    /// - GDPR art. 26(2) (the essence of the arrangement made available to the data subject)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// joint controller styrelse "Styrelsen for Fællessystemet" {
    ///   country DK
    ///   contact "kontakt@styrelsen.dk"
    /// }
    /// subjects citizens "Borgere" citizens
    /// data name "Navn" ordinary
    /// activity booking "Booking i fællessystemet" {
    ///   purpose "Booking af tider i fællessystemet"
    ///   subjects citizens
    ///   data name
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 1 year
    ///   jointly with styrelse
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// joint controller styrelse "Styrelsen for Fællessystemet" {
    ///   country DK
    ///   contact "kontakt@styrelsen.dk"
    ///   arrangement "Aftale om fælles dataansvar, 2024"
    ///   answers "Kommunen besvarer henvendelser fra egne borgere"
    ///   essence "Aftalens hovedindhold står på kommunens hjemmeside"
    /// }
    /// subjects citizens "Borgere" citizens
    /// data name "Navn" ordinary
    /// activity booking "Booking i fællessystemet" {
    ///   purpose "Booking af tider i fællessystemet"
    ///   subjects citizens
    ///   data name
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 1 year
    ///   jointly with styrelse
    /// }
    /// ```
    pub struct JointControllerArrangement {
        code: "JOINT-CONTROLLER-ARRANGEMENT",
        severity: Warning,
        summary: (
            "every joint controller in use records the arrangement, who answers the data subjects and how its essence is made available",
            "hver fælles dataansvarlig, der bruges, angiver ordningen, hvem der besvarer de registrerede, og hvordan ordningens væsentligste indhold gøres tilgængeligt",
        ),
        provisions: [("GDPR", "art. 26(1)"), ("GDPR", "art. 26(2)")],
    }
    texts {
        NO_ARRANGEMENT = (
            "no arrangement with joint controller `{name}` is recorded",
            "der er ikke angivet nogen ordning med den fælles dataansvarlige `{name}`",
        ),
        ARRANGEMENT_SILENT = (
            "the arrangement with joint controller `{name}` is recorded without {missing}",
            "ordningen med den fælles dataansvarlige `{name}` er angivet uden {missing}",
        ),
        WHO_ANSWERS = (
            "who answers the data subjects",
            "hvem der besvarer de registrerede",
        ),
        ESSENCE = (
            "how its essence is made available to the data subjects",
            "hvordan dens væsentligste indhold gøres tilgængeligt for de registrerede",
        ),
        BOTH = (
            "who answers the data subjects or how its essence is made available to them",
            "hvem der besvarer de registrerede, eller hvordan dens væsentligste indhold gøres tilgængeligt for dem",
        ),
        USED_BY_MANY = (" (joint controller of {n} activities)", " (fælles dataansvarlig for {n} aktiviteter)"),
        LABEL_NO_ARRANGEMENT = ("no `arrangement` is declared", "der er ikke angivet nogen `arrangement`"),
        LABEL_SILENT = ("declared without {fields}", "angivet uden {fields}"),
        USED_BY = ("joint controller of activity `{activity}`", "fælles dataansvarlig for aktiviteten `{activity}`"),
        HELP = (
            "record in the joint controller's block {fields}",
            "angiv i den fælles dataansvarliges blok {fields}",
        ),
        HELP_ARRANGEMENT = (
            "the arrangement, or the statute that determines the responsibilities: `arrangement \"Aftale om fælles dataansvar, 2024\"`",
            "ordningen eller den lov, der fastlægger ansvaret: `arrangement \"Aftale om fælles dataansvar, 2024\"`",
        ),
        HELP_ANSWERS = (
            "who answers the data subjects: `answers \"Kommunen besvarer henvendelser fra egne borgere\"`",
            "hvem der besvarer de registrerede: `answers \"Kommunen besvarer henvendelser fra egne borgere\"`",
        ),
        HELP_ESSENCE = (
            "where the essence of the arrangement is made available: `essence \"Aftalens hovedindhold står på kommunens hjemmeside\"`",
            "hvor ordningens væsentligste indhold gøres tilgængeligt: `essence \"Aftalens hovedindhold står på kommunens hjemmeside\"`",
        ),
        HELP_SEPARATOR = ("; ", "; "),
    }
}

impl Rule for JointControllerArrangement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        if model.joint_controllers.is_empty() {
            return;
        }
        // The activities that name each joint controller, and where.
        let mut users = vec![Vec::new(); model.joint_controllers.len()];
        for activity in &model.activities {
            for jointly in activity.details().joint_controllers.iter() {
                users[jointly.id.index()].push((activity, jointly.span));
            }
        }
        for (joint, users) in model.joint_controllers.iter().zip(&users) {
            let Some(&(first, span)) = users.first() else {
                continue;
            };
            let no_arrangement = joint.arrangement.is_none();
            let no_answers = joint.answers.is_none();
            let no_essence = joint.essence.is_none();
            if !(no_arrangement || no_answers || no_essence) {
                continue;
            }
            let mut helps = Vec::new();
            let mut fields = Vec::new();
            if no_arrangement {
                helps.push(tr!(lang, text::HELP_ARRANGEMENT));
            }
            if no_answers {
                helps.push(tr!(lang, text::HELP_ANSWERS));
                fields.push("`answers`");
            }
            if no_essence {
                helps.push(tr!(lang, text::HELP_ESSENCE));
                fields.push("`essence`");
            }
            let (mut message, label) = if no_arrangement {
                (
                    tr!(lang, text::NO_ARRANGEMENT, name = joint.name.node),
                    tr!(lang, text::LABEL_NO_ARRANGEMENT),
                )
            } else {
                let missing = match (no_answers, no_essence) {
                    (true, true) => text::BOTH.get(lang).to_string(),
                    (true, false) => text::WHO_ANSWERS.get(lang).to_string(),
                    _ => text::ESSENCE.get(lang).to_string(),
                };
                (
                    tr!(
                        lang,
                        text::ARRANGEMENT_SILENT,
                        name = joint.name.node,
                        missing = missing
                    ),
                    tr!(lang, text::LABEL_SILENT, fields = fields.join(", ")),
                )
            };
            if users.len() > 1 {
                message.push_str(&tr!(lang, text::USED_BY_MANY, n = users.len()));
            }
            let finding = cx
                .finding(message, joint.name.span, label)
                .with_secondary(span, tr!(lang, text::USED_BY, activity = first.name.node))
                .with_help(tr!(
                    lang,
                    text::HELP,
                    fields = helps.join(text::HELP_SEPARATOR.get(lang))
                ));
            cx.report(finding);
        }
    }
}
