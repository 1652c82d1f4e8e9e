use super::{Context, Rule, RuleMeta, declare_rule};

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
    ///   rule reports them only for a controller that is not one;
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
    /// - GDPR art. 30(1)(a) (name and contact details of the controller and the DPO)
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
    /// controller k "Eksempel Kommune" {
    ///   public authority
    ///   address "Rådhuspladsen 1, 9999 Eksempelby"
    ///   contact "post@k.dk"
    ///   dpo { email "dpo@k.dk" }
    /// }
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
        summary: "the record of processing activities of art. 30(1) can be produced from the spec",
        provisions: [("GDPR", "art. 30(1)(a)"), ("GDPR", "art. 30(1)(c)")],
    }
}

impl Rule for RecordIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let controller = &model.controller;
        if controller.address.is_none() && controller.contact.is_none() {
            let finding = cx.finding(
                format!(
                    "the record of processing gives no contact details for controller `{}`",
                    controller.name.node
                ),
                controller.name.span,
                "no `address` or `contact`",
            );
            cx.report(finding.with_help(
                "add the controller's contact details to its block, e.g. `address \"Rådhuspladsen 1, 9999 By\"` \
                 or `contact \"post@kommune.dk\"`",
            ));
        }
        // For a public authority, DPO-MISSING reports a DPO without contact details.
        if let Some(dpo) = &controller.dpo
            && !controller.public_authority
            && !dpo.has_contact_details()
        {
            let finding = cx.finding(
                format!(
                    "the record of processing gives no contact details for the data protection officer of `{}`",
                    controller.name.node
                ),
                dpo.span,
                "no `email`, `phone`, `address` or `web`",
            );
            cx.report(finding.with_help(
                "add the DPO's contact details to the `dpo` block, e.g. `dpo { email \"dpo@firma.dk\" }`",
            ));
        }
        for activity in &model.activities {
            let missing = match (activity.subjects.is_empty(), activity.data.is_empty()) {
                (false, false) => continue,
                (true, true) => "no `subjects` and no `data`",
                (true, false) => "no `subjects`",
                (false, true) => "no `data`",
            };
            let what = match (activity.subjects.is_empty(), activity.data.is_empty()) {
                (true, true) => "whose data it processes, nor which data",
                (true, false) => "whose data it processes",
                _ => "which data it processes",
            };
            let finding = cx.finding(
                format!(
                    "the record of processing cannot describe activity `{}`: it does not say {what}",
                    activity.name.node
                ),
                activity.name.span,
                missing,
            );
            let help = match (activity.subjects.is_empty(), activity.data.is_empty()) {
                (true, true) => {
                    "name the groups of data subjects and the data categories, e.g. `subjects citizens` and \
                     `data contact_details`"
                }
                (true, false) => "name the groups of data subjects, e.g. `subjects citizens`",
                _ => "name the data categories, e.g. `data contact_details`",
            };
            cx.report(finding.with_help(help));
        }
    }
}
