use super::{Context, Rule, RuleMeta, declare_rule};
use crate::tr;

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
        summary: (
            "a public authority names a data protection officer with published contact details",
            "en offentlig myndighed udpeger en databeskyttelsesrådgiver med offentliggjorte kontaktoplysninger",
        ),
        provisions: [("GDPR", "art. 37(1)(a)"), ("GDPR", "art. 37(7)")],
    }
    texts {
        NO_DPO = (
            "public authority `{controller}` names no data protection officer",
            "den offentlige myndighed `{controller}` har ikke udpeget en databeskyttelsesrådgiver",
        ),
        NO_DPO_LABEL = (
            "a public authority must designate a DPO",
            "en offentlig myndighed skal udpege en databeskyttelsesrådgiver (DPO)",
        ),
        NO_CONTACT = (
            "the data protection officer of `{controller}` has no published contact details",
            "databeskyttelsesrådgiveren for `{controller}` har ingen offentliggjorte kontaktoplysninger",
        ),
        NO_CONTACT_LABEL = (
            "no `email`, `phone`, `address` or `web`",
            "hverken `email`, `phone`, `address` eller `web`",
        ),
        HELP = (
            "add the DPO with published contact details, e.g. `dpo {{ email \"dpo@kommune.dk\" }}`",
            "tilføj databeskyttelsesrådgiveren med offentliggjorte kontaktoplysninger, f.eks. `dpo {{ email \"dpo@kommune.dk\" }}`",
        ),
    }
}

impl Rule for DpoMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        let controller = &cx.model.controller;
        if !controller.public_authority {
            return;
        }
        let finding = match &controller.dpo {
            None => cx.finding(
                tr!(lang, text::NO_DPO, controller = controller.name.node),
                controller.name.span,
                tr!(lang, text::NO_DPO_LABEL),
            ),
            Some(dpo) if !dpo.has_contact_details() => cx.finding(
                tr!(lang, text::NO_CONTACT, controller = controller.name.node),
                dpo.span,
                tr!(lang, text::NO_CONTACT_LABEL),
            ),
            Some(_) => return,
        };
        cx.report(finding.with_help(tr!(lang, text::HELP)));
    }
}
