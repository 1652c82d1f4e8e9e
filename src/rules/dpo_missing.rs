use super::{Context, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// # DPO-MISSING: a public authority without a data protection officer
    ///
    /// ## What it checks
    /// A controller declared `public authority` names its data protection officer in a `dpo { ... }`
    /// block with at least one published way to reach them (`email`, `phone`, `address` or `web`).
    ///
    /// ## Why it matters
    /// Every public authority must designate a data protection officer (art. 37(1)(a)), publish the
    /// DPO's contact details and communicate them to the supervisory authority (art. 37(7)). Data
    /// subjects must be given those contact details in every privacy notice (art. 13(1)(b)).
    ///
    /// ## Legal basis
    /// - GDPR art. 37(1)(a)
    /// - GDPR art. 37(7)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority
    ///   address "Rådhuset, 4000 Roskilde"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority
    ///   address "Rådhuset, 4000 Roskilde"
    ///   dpo { email "dpo@eksempel.dk" }
    /// }
    /// ```
    pub struct DpoMissing {
        code: "DPO-MISSING",
        severity: Error,
        summary: "a public authority names a data protection officer with published contact details",
        provisions: [("GDPR", "art. 37(1)(a)"), ("GDPR", "art. 37(7)")],
    }
}

impl Rule for DpoMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let controller = &cx.model.controller;
        if !controller.public_authority {
            return;
        }
        let finding = match &controller.dpo {
            None => cx.finding(
                format!(
                    "public authority `{}` names no data protection officer",
                    controller.name.node
                ),
                controller.name.span,
                "a public authority must designate a DPO",
            ),
            Some(dpo) if !dpo.has_contact_details() => cx.finding(
                format!(
                    "the data protection officer of `{}` has no published contact details",
                    controller.name.node
                ),
                dpo.span,
                "no `email`, `phone`, `address` or `web`",
            ),
            Some(_) => return,
        };
        cx.report(finding.with_help(
            "add the DPO with published contact details, e.g. `dpo { email \"dpo@kommune.dk\" }`",
        ));
    }
}
