use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::countries::countries;
use crate::law::vocabulary::Mechanism;
use crate::tr;

declare_rule! {
    /// # TRANSFER-SCC-TIA: standard contractual clauses without a transfer impact assessment
    ///
    /// ## What it checks
    /// Every processor, sub-processor (to any depth) or recipient outside the EU/EEA that personal data
    /// reaches and whose `transfer` names `scc` — alone or as one of several mechanisms
    /// (`transfer dpf | scc`) — declares the transfer impact assessment made for it (`tia "..."`).
    ///
    /// A party whose country is not named (`outside_eea`, `unknown`) is checked too: the clauses are
    /// relied on all the same, and the missing country is reported by TRANSFER-DESTINATION-UNKNOWN. A
    /// party in a country whose adequacy decision covers every importer there (e.g. `CH`, `GB`) is not
    /// checked: the transfer can rest on art. 45, and no assessment of the destination's law is needed
    /// for it; the same holds for an international organisation with an adequacy decision (the
    /// European Patent Organisation). Any other international organisation (`international organisation
    /// UN`) is checked like a third country (art. 44). A party that no activity's data reaches is not
    /// checked.
    ///
    /// This is a warning: the GDPR does not name the assessment, and hjemmel cannot read it. It checks
    /// only that the spec points to one.
    ///
    /// ## Why it matters
    /// Standard contractual clauses (Commission Implementing Decision (EU) 2021/914 of 4 June 2021) are an
    /// appropriate safeguard under art. 46(2)(c), but they bind only the parties. In *Schrems II*
    /// (judgment of 16 July 2020, C-311/18) the Court of Justice held that the exporter must verify, case
    /// by case, whether the law and practice of the third country let the importer comply with them, and
    /// adopt supplementary measures or suspend the transfer where it does not (para. 134–135). The
    /// clauses adopted in 2021 write this in: clause 14 obliges the parties to warrant, and document,
    /// that they have no reason to believe that the local laws prevent the importer from complying. An
    /// exporter that relies on the clauses without that assessment cannot show that the transfer
    /// ensures essentially equivalent protection (art. 44, 46(1)).
    ///
    /// ## Legal basis
    /// - GDPR art. 46(1) and 46(2)(c) (standard contractual clauses)
    /// - Commission Implementing Decision (EU) 2021/914, annex, clause 14
    /// - CJEU judgment of 16 July 2020, C-311/18, *Data Protection Commissioner v Facebook Ireland and
    ///   Maximillian Schrems* ("Schrems II")
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data username "Brugernavn" ordinary
    /// processor mail "Mailleverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale"
    ///   country DK
    ///   subprocessor support "Support" { authorised "Bilag B"
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     agreement "Underdatabehandleraftale"
    ///     country IN
    ///     transfer scc
    ///   }
    /// }
    /// activity email "E-mail" {
    ///   purpose "Drift af e-mail"
    ///   subjects employees
    ///   data username
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    ///   retain all for 90 days
    ///   via mail
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
    /// data username "Brugernavn" ordinary
    /// processor mail "Mailleverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale"
    ///   country DK
    ///   subprocessor support "Support" { authorised "Bilag B"
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     agreement "Underdatabehandleraftale"
    ///     country IN
    ///     transfer scc
    ///     tia "Overførselsvurdering for support fra Indien, 2024-09-01"
    ///   }
    /// }
    /// activity email "E-mail" {
    ///   purpose "Drift af e-mail"
    ///   subjects employees
    ///   data username
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    ///   retain all for 90 days
    ///   via mail
    /// }
    /// ```
    pub struct TransferSccTia {
        code: "TRANSFER-SCC-TIA",
        severity: Warning,
        summary: (
            "a transfer under standard contractual clauses has a transfer impact assessment",
            "en overførsel på grundlag af standardkontraktbestemmelser har en overførselsvurdering (TIA)",
        ),
        provisions: [("GDPR", "art. 46(2)(c)"), ("CJEU", "C-311/18 (Schrems II)")],
    }
    texts {
        MESSAGE = (
            "standard contractual clauses for `{destination}` without a transfer impact assessment",
            "standardkontraktbestemmelser for `{destination}` uden en overførselsvurdering (TIA)",
        ),
        LABEL = (
            "standard contractual clauses, but no `tia`",
            "standardkontraktbestemmelser, men ingen `tia`",
        ),
        IMPORTER_HERE = ("the importer is here ({place})", "dataimportøren er her ({place})"),
        HELP = (
            "assess whether the law and practice of the destination let the importer keep the clauses \
             (clause 14 of the 2021 clauses), then name the assessment in the block, e.g. \
             `tia \"Overførselsvurdering af 2024-09-01\"`",
            "vurdér, om lovgivning og praksis i modtagerlandet gør det muligt for dataimportøren at overholde \
             bestemmelserne (klausul 14 i standardkontraktbestemmelserne fra 2021), og angiv derefter vurderingen \
             i blokken, f.eks. `tia \"Overførselsvurdering af 2024-09-01\"`",
        ),
    }
}

impl Rule for TransferSccTia {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for destination in cx.transfers {
            if destination.tia.is_some() {
                continue;
            }
            let Some(transfer) = destination.transfer else {
                continue;
            };
            let Some(scc) = transfer
                .mechanisms
                .iter()
                .find(|m| m.node.mechanism == Mechanism::Scc)
            else {
                continue;
            };
            if countries()
                .adequacy_of(&destination.country.node)
                .is_some_and(|a| a.covers_every_importer())
            {
                continue;
            }
            let place = destination.country.node.label(lang);
            let mut finding = cx
                .finding(
                    tr!(lang, text::MESSAGE, destination = destination.name),
                    scc.span,
                    tr!(lang, text::LABEL),
                )
                .with_secondary(
                    destination.country.span,
                    tr!(lang, text::IMPORTER_HERE, place = place),
                );
            for (span, label) in destination.route_labels(model, lang) {
                finding = finding.with_secondary(span, label);
            }
            let path = destination.path(model, cx.flow, lang);
            cx.report(finding.with_path(path).with_help(tr!(lang, text::HELP)));
        }
    }
}
