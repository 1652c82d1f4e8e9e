use super::{Context, Rule, RuleMeta, declare_rule};
use crate::flow::Node;
use crate::law::countries::CountryRef;
use crate::tr;

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
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects employees "Medarbejdere" employees
    /// data username "Brugernavn" ordinary
    /// processor mdm "MDM-leverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale"
    ///   country DK
    ///   subprocessor support "Underleverandør" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     authorised "Databehandleraftalens bilag B"
    ///     agreement "Databehandleraftale"
    ///     country outside_eea
    ///     transfer scc
    ///     tia "Overførselsvurdering for supporten, 2024-09-01"
    ///   }
    /// }
    /// activity devices "Mobiltelefoner" {
    ///   purpose "Sikker drift af telefoner"
    ///   subjects employees
    ///   data username
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    ///   retain all for 1 year
    ///   via mdm
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
    /// processor mdm "MDM-leverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale"
    ///   country DK
    ///   subprocessor support "Underleverandør" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     authorised "Databehandleraftalens bilag B"
    ///     agreement "Databehandleraftale"
    ///     country US
    ///     transfer scc
    ///     tia "Overførselsvurdering for supporten, 2024-09-01"
    ///   }
    /// }
    /// activity devices "Mobiltelefoner" {
    ///   purpose "Sikker drift af telefoner"
    ///   subjects employees
    ///   data username
    ///   basis gdpr 6(1)(e), dbl 12(1), agreement "Overenskomst for kommunalt ansatte", law "Lov om kommunernes styrelse"
    ///   retain all for 1 year
    ///   via mdm
    /// }
    /// ```
    pub struct TransferDestinationUnknown {
        code: "TRANSFER-DESTINATION-UNKNOWN",
        severity: Warning,
        summary: (
            "a transfer names its destination country",
            "en overførsel angiver modtagerlandet",
        ),
        provisions: [("GDPR", "art. 13(1)(f)"), ("GDPR", "art. 30(1)(e)")],
    }
    texts {
        OUTSIDE = (
            "personal data goes to `{destination}` outside the EU/EEA, in no named country",
            "personoplysninger sendes til `{destination}` uden for EU/EØS, uden at landet er angivet",
        ),
        OUTSIDE_LABEL = (
            "outside the EU/EEA, but which country?",
            "uden for EU/EØS, men hvilket land?",
        ),
        NOT_STATED = (
            "processor `{destination}` does not say where it processes personal data",
            "databehandleren `{destination}` oplyser ikke, hvor den behandler personoplysninger",
        ),
        NOT_STATED_LABEL = ("no `country` is declared", "der er ikke angivet noget `country`"),
        UNKNOWN = (
            "it is not known where `{destination}` processes personal data",
            "det vides ikke, hvor `{destination}` behandler personoplysninger",
        ),
        UNKNOWN_LABEL = ("country unknown", "ukendt land"),
        MECHANISM = (
            "a mechanism is declared, but it cannot be checked against a country",
            "et overførselsgrundlag er angivet, men det kan ikke kontrolleres over for et land",
        ),
        ASK_RECIPIENT = (
            "ask the recipient where it will process the data",
            "spørg modtageren, hvor den vil behandle oplysningerne",
        ),
        ASK_PROCESSOR = (
            "ask the processor for its list of sub-processors and their locations",
            "bed databehandleren om dens liste over underdatabehandlere og deres placering",
        ),
        HELP_ONE = (
            "name the country with its ISO code (e.g. `country US`) so that the transfer can be checked; \
             {ask} ({data} reaches it)",
            "angiv landet med dets ISO-kode (f.eks. `country US`), så overførslen kan kontrolleres; \
             {ask} ({data} sendes dertil)",
        ),
        HELP_MANY = (
            "name the country with its ISO code (e.g. `country US`) so that the transfer can be checked; \
             {ask} ({data} reach it)",
            "angiv landet med dets ISO-kode (f.eks. `country US`), så overførslen kan kontrolleres; \
             {ask} ({data} sendes dertil)",
        ),
    }
}

impl Rule for TransferDestinationUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for destination in cx.transfers {
            let (message, label) = match destination.country.node {
                CountryRef::OutsideEea => (text::OUTSIDE, text::OUTSIDE_LABEL),
                CountryRef::Unknown if !destination.stated => {
                    (text::NOT_STATED, text::NOT_STATED_LABEL)
                }
                CountryRef::Unknown => (text::UNKNOWN, text::UNKNOWN_LABEL),
                CountryRef::Code(_) | CountryRef::Organisation(_) => continue,
            };
            let mut finding = cx.finding(
                tr!(lang, message, destination = destination.name),
                destination.country.span,
                tr!(lang, label),
            );
            if let Some(transfer) = destination.transfer {
                finding = finding.with_secondary(transfer.span, tr!(lang, text::MECHANISM));
            }
            // In the order the data travels: out of the activity, then through each processor.
            for (span, label) in destination.route_labels(model, lang) {
                finding = finding.with_secondary(span, label);
            }
            let path = destination.path(model, cx.flow, lang);
            let help = if destination.data.len() == 1 {
                text::HELP_ONE
            } else {
                text::HELP_MANY
            };
            let ask = match destination.node {
                Node::Recipient(_) => text::ASK_RECIPIENT,
                _ => text::ASK_PROCESSOR,
            };
            cx.report(finding.with_path(path).with_help(tr!(
                lang,
                help,
                ask = ask.get(lang),
                data = destination.data_names(model, lang)
            )));
        }
    }
}
