use super::{Context, Rule, RuleMeta, declare_rule};
use crate::tr;

declare_rule! {
    /// # RECORD-INCOMPLETE: the record of processing activities cannot be produced
    ///
    /// ## What it checks
    /// The record of processing activities of art. 30(1) is made from the spec. This rule reports the
    /// fields it cannot fill:
    ///
    /// - (a) the controller's contact details: the controller declares an `address` or a `contact`
    ///   (its name is always there). When it has a DPO, the DPO's contact details (`email`, `phone`,
    ///   `address` or `web`) — for a public authority DPO-MISSING reports a DPO without them, so this
    ///   rule reports them only for a controller that is not one. A joint controller (art. 26) that an
    ///   activity names in `jointly with` declares its contact details too (`address` or `contact`);
    /// - (c) the categories of data subjects and of personal data: every activity names its `subjects`
    ///   and its `data`. One finding per activity names what is missing.
    ///
    /// The other fields are the business of other rules, which report them with more precision, and
    /// this rule does not report them again: (b) the purposes → PURPOSE-MISSING; (e) the third country
    /// of a transfer → TRANSFER-DESTINATION-UNKNOWN; (f) the time limits for erasure →
    /// RETENTION-MISSING; a public authority with no DPO at all → DPO-MISSING. (d) the recipients are
    /// whatever the activities disclose to, and are always there. (g) the security measures
    /// (`security "..."`) are asked for only "where possible", so their absence is not an error.
    ///
    /// ## Why it matters
    /// Each controller must keep a record of its processing activities with the information art. 30(1)
    /// lists, and make it available to the supervisory authority on request (art. 30(4)). The record is
    /// how the controller shows that it complies (art. 5(2)); an activity that does not say whose data
    /// it processes, or which data, cannot be checked against any other rule either.
    ///
    /// ## Legal basis
    /// - GDPR art. 30(1)(a) (name and contact details of the controller, any joint controller and the DPO)
    /// - GDPR art. 30(1)(c) (categories of data subjects and of personal data)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority dpo { email "dpo@k.dk" } }
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
    pub struct RecordIncomplete {
        code: "RECORD-INCOMPLETE",
        severity: Error,
        summary: (
            "the record of processing activities of art. 30(1) can be produced from the spec",
            "fortegnelsen over behandlingsaktiviteter efter art. 30, stk. 1, kan udarbejdes ud fra specifikationen",
        ),
        provisions: [("GDPR", "art. 30(1)(a)"), ("GDPR", "art. 30(1)(c)")],
    }
    texts {
        CONTROLLER = (
            "the record of processing gives no contact details for controller `{controller}`",
            "fortegnelsen over behandlingsaktiviteter har ingen kontaktoplysninger for den dataansvarlige `{controller}`",
        ),
        CONTROLLER_LABEL = ("no `address` or `contact`", "hverken `address` eller `contact`"),
        CONTROLLER_HELP = (
            "add the controller's contact details to its block, e.g. `address \"Rådhuspladsen 1, 9999 By\"` \
             or `contact \"post@kommune.dk\"`",
            "tilføj den dataansvarliges kontaktoplysninger i dens blok, f.eks. `address \"Rådhuspladsen 1, 9999 By\"` \
             eller `contact \"post@kommune.dk\"`",
        ),
        JOINT = (
            "the record of processing gives no contact details for joint controller `{name}`",
            "fortegnelsen over behandlingsaktiviteter har ingen kontaktoplysninger for den fælles dataansvarlige `{name}`",
        ),
        JOINT_HELP = (
            "add the joint controller's contact details to its block, e.g. `address \"Fællesvej 1, 1000 København K\"` \
             or `contact \"kontakt@styrelsen.dk\"`",
            "tilføj den fælles dataansvarliges kontaktoplysninger i dens blok, f.eks. `address \"Fællesvej 1, 1000 København K\"` \
             eller `contact \"kontakt@styrelsen.dk\"`",
        ),
        DPO = (
            "the record of processing gives no contact details for the data protection officer of `{controller}`",
            "fortegnelsen over behandlingsaktiviteter har ingen kontaktoplysninger for databeskyttelsesrådgiveren for `{controller}`",
        ),
        DPO_LABEL = (
            "no `email`, `phone`, `address` or `web`",
            "hverken `email`, `phone`, `address` eller `web`",
        ),
        DPO_HELP = (
            "add the DPO's contact details to the `dpo` block, e.g. `dpo {{ email \"dpo@firma.dk\" }}`",
            "tilføj databeskyttelsesrådgiverens kontaktoplysninger i `dpo`-blokken, f.eks. `dpo {{ email \"dpo@firma.dk\" }}`",
        ),
        ACTIVITY = (
            "the record of processing cannot describe activity `{activity}`: it does not say {what}",
            "fortegnelsen over behandlingsaktiviteter kan ikke beskrive aktiviteten `{activity}`: den angiver ikke {what}",
        ),
        WHAT_BOTH = (
            "whose data it processes, nor which data",
            "hvis oplysninger den behandler, og heller ikke hvilke oplysninger",
        ),
        WHAT_SUBJECTS = ("whose data it processes", "hvis oplysninger den behandler"),
        WHAT_DATA = ("which data it processes", "hvilke oplysninger den behandler"),
        MISSING_BOTH = ("no `subjects` and no `data`", "ingen `subjects` og ingen `data`"),
        MISSING_SUBJECTS = ("no `subjects`", "ingen `subjects`"),
        MISSING_DATA = ("no `data`", "ingen `data`"),
        HELP_BOTH = (
            "name the groups of data subjects and the data categories, e.g. `subjects citizens` and \
             `data contact_details`",
            "angiv kategorierne af registrerede og kategorierne af personoplysninger, f.eks. `subjects citizens` og \
             `data contact_details`",
        ),
        HELP_SUBJECTS = (
            "name the groups of data subjects, e.g. `subjects citizens`",
            "angiv kategorierne af registrerede, f.eks. `subjects citizens`",
        ),
        HELP_DATA = (
            "name the data categories, e.g. `data contact_details`",
            "angiv kategorierne af personoplysninger, f.eks. `data contact_details`",
        ),
    }
}

impl Rule for RecordIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The runs of activities report the activities and mark the joint controllers they name
    /// (kept across runs); [`Rule::finish`] reports the controller and the joint controllers.
    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let mut joints_used = cx.state(|| vec![false; model.joint_controllers.len()]);
        for activity in cx.activities {
            for jointly in &activity.details().joint_controllers {
                joints_used[jointly.id.index()] = true;
            }
            let (missing, what, help) =
                match (activity.subjects.is_empty(), activity.data.is_empty()) {
                    (false, false) => continue,
                    (true, true) => (text::MISSING_BOTH, text::WHAT_BOTH, text::HELP_BOTH),
                    (true, false) => (
                        text::MISSING_SUBJECTS,
                        text::WHAT_SUBJECTS,
                        text::HELP_SUBJECTS,
                    ),
                    (false, true) => (text::MISSING_DATA, text::WHAT_DATA, text::HELP_DATA),
                };
            let finding = cx.finding(
                tr!(
                    lang,
                    text::ACTIVITY,
                    activity = activity.name.node,
                    what = what.get(lang)
                ),
                activity.name.span,
                tr!(lang, missing),
            );
            cx.report(finding.with_help(tr!(lang, help)));
        }
    }

    /// The controller and the joint controllers, once every activity has said which joint
    /// controllers it names.
    fn finish(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let joints_used = cx.state(|| vec![false; model.joint_controllers.len()]);
        let controller = &model.controller;
        if controller.address.is_none() && controller.contact.is_none() {
            let finding = cx.finding(
                tr!(lang, text::CONTROLLER, controller = controller.name.node),
                controller.name.span,
                tr!(lang, text::CONTROLLER_LABEL),
            );
            cx.report(finding.with_help(tr!(lang, text::CONTROLLER_HELP)));
        }
        // For a public authority, DPO-MISSING reports a DPO without contact details.
        if let Some(dpo) = &controller.dpo
            && !controller.public_authority
            && !dpo.has_contact_details()
        {
            let finding = cx.finding(
                tr!(lang, text::DPO, controller = controller.name.node),
                dpo.span,
                tr!(lang, text::DPO_LABEL),
            );
            cx.report(finding.with_help(tr!(lang, text::DPO_HELP)));
        }
        // A joint controller no activity names is UNUSED-DECLARATION's, and not in the record.
        for (i, joint) in model.joint_controllers.iter().enumerate() {
            if !joints_used[i] || joint.address.is_some() || joint.contact.is_some() {
                continue;
            }
            let finding = cx.finding(
                tr!(lang, text::JOINT, name = joint.name.node),
                joint.name.span,
                tr!(lang, text::CONTROLLER_LABEL),
            );
            cx.report(finding.with_help(tr!(lang, text::JOINT_HELP)));
        }
    }
}
