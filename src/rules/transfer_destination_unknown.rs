use super::{Context, Rule, RuleMeta, declare_rule};
use crate::flow::Node;
use crate::law::countries::CountryRef;

declare_rule! {
    /// # TRANSFER-DESTINATION-UNKNOWN: data goes to an unnamed country
    ///
    /// ## What it checks
    /// Every processor, sub-processor or recipient that personal data reaches names its country. A party
    /// declared `country outside_eea` (the notice says only "outside the EU/EEA") or `country unknown`,
    /// and a processor or sub-processor with no `country` at all, is reported with the path the data
    /// takes to it. A recipient with no `country` is not reported: the recipients of a Danish authority
    /// are overwhelmingly Danish authorities.
    ///
    /// This is a warning, not an error: the transfer may well be lawful (a mechanism may be declared),
    /// but without the country nobody can check that the mechanism fits the destination (an adequacy
    /// decision or the Data Privacy Framework covers one country only), assess the law of the
    /// destination for standard contractual clauses, or tell the data subjects where their data goes.
    ///
    /// ## Why it matters
    /// The privacy notice must tell data subjects of the intention to transfer to a third country and the
    /// safeguards used (art. 13(1)(f), 14(1)(f)), and the record of processing must identify the third
    /// country (art. 30(1)(e)).
    ///
    /// ## Legal basis
    /// - GDPR art. 13(1)(f)
    /// - GDPR art. 30(1)(e)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data username "Brugernavn" ordinary
    /// processor mdm "MDM-leverandør" {
    ///   agreement "Databehandleraftale"
    ///   country DK
    ///   subprocessor support "Underleverandør" {
    ///     authorised "Databehandleraftalens bilag B"
    ///     agreement "Databehandleraftale"
    ///     country outside_eea
    ///     transfer dpf | scc
    ///   }
    /// }
    /// activity devices "Mobiltelefoner" {
    ///   purpose "Sikker drift af telefoner"
    ///   subjects employees
    ///   data username
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte"
    ///   retain all for 1 year
    ///   via mdm
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data username "Brugernavn" ordinary
    /// processor mdm "MDM-leverandør" {
    ///   agreement "Databehandleraftale"
    ///   country DK
    ///   subprocessor support "Underleverandør" {
    ///     authorised "Databehandleraftalens bilag B"
    ///     agreement "Databehandleraftale"
    ///     country US
    ///     transfer dpf
///     dpf_listed "DPF List, checked 2026-10-01"
    ///   }
    /// }
    /// activity devices "Mobiltelefoner" {
    ///   purpose "Sikker drift af telefoner"
    ///   subjects employees
    ///   data username
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte"
    ///   retain all for 1 year
    ///   via mdm
    /// }
    /// ```
    pub struct TransferDestinationUnknown {
        code: "TRANSFER-DESTINATION-UNKNOWN",
        severity: Warning,
        summary: "a transfer names its destination country",
        provisions: [("GDPR", "art. 13(1)(f)"), ("GDPR", "art. 30(1)(e)")],
    }
}

impl Rule for TransferDestinationUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for destination in cx.transfers {
            let (message, label) = match destination.country.node {
                CountryRef::OutsideEea => (
                    format!(
                        "personal data goes to `{}` outside the EU/EEA, in no named country",
                        destination.name
                    ),
                    "outside the EU/EEA, but which country?",
                ),
                CountryRef::Unknown if !destination.stated => (
                    format!(
                        "processor `{}` does not say where it processes personal data",
                        destination.name
                    ),
                    "no `country` is declared",
                ),
                CountryRef::Unknown => (
                    format!(
                        "it is not known where `{}` processes personal data",
                        destination.name
                    ),
                    "country unknown",
                ),
                CountryRef::Code(_) => continue,
            };
            let mut finding = cx.finding(message, destination.country.span, label);
            if let Some(transfer) = destination.transfer {
                finding = finding.with_secondary(
                    transfer.span,
                    "a mechanism is declared, but it cannot be checked against a country",
                );
            }
            // In the order the data travels: out of the activity, then through each processor.
            if let Some(entry) = destination.entry_span(model) {
                finding = finding.with_secondary(entry, "the data leaves the controller here");
            }
            for (span, label) in destination.chain_labels(model) {
                finding = finding.with_secondary(span, label);
            }
            let path = destination.path(model, cx.flow);
            let verb = if destination.data.len() == 1 {
                "reaches"
            } else {
                "reach"
            };
            let ask = match destination.node {
                Node::Recipient(_) => "ask the recipient where it will process the data",
                _ => "ask the processor for its list of sub-processors and their locations",
            };
            cx.report(finding.with_path(path).with_help(format!(
                "name the country with its ISO code (e.g. `country US`) so that the transfer can be checked; \
                 {ask} ({} {verb} it)",
                destination.data_names(model)
            )));
        }
    }
}
