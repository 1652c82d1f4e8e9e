use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::countries::{CountryRef, Zone, countries};
use crate::tr;

declare_rule! {
    /// # TRANSFER-UNDECLARED: data reaches a third country without a transfer mechanism
    ///
    /// ## What it checks
    /// Follows the flow graph from every activity through its processors, their sub-processors (to any
    /// depth) and its recipients. Every party outside the EU/EEA that personal data reaches must declare
    /// the mechanism of GDPR Chapter V the transfer rests on (`transfer scc`, `transfer dpf`,
    /// `transfer adequacy`, `transfer bcr`, ...). The finding shows the whole path the data takes.
    ///
    /// A country with an adequacy decision covering all transfers to it (e.g. `CH`, `GB`, `FO`) needs no
    /// declaration. Decisions that cover only some importers (`US`: organisations on the Data Privacy
    /// Framework list; `CA`: organisations under PIPEDA; `JP`: business operators under the APPI; `KR`,
    /// `IL`; see `src/law/data/countries.toml`) do: declare `transfer dpf` or `transfer adequacy` so that
    /// the record shows which one is relied on. A party `outside_eea` (country not named) always
    /// needs a declared mechanism.
    ///
    /// Åland and the EU's outermost regions (French Guiana, Guadeloupe, Martinique, Réunion, Mayotte,
    /// Saint-Martin) have their own ISO codes but are part of the EU (TFEU arts. 349, 355(1), 355(4)):
    /// `country RE` or `country AX` is no transfer. The overseas countries and territories (e.g.
    /// Greenland, New Caledonia, Aruba) and the Faroe Islands are outside the EU/EEA.
    ///
    /// An international organisation (`international organisation EPO`; GDPR art. 4(26)) is outside
    /// the EU/EEA for Chapter V wherever its seat is: art. 44 speaks of transfers "to a third country
    /// or to an international organisation", and an organisation with privileges and immunities is not
    /// bound by the GDPR. The European Patent Organisation has an adequacy decision covering it
    /// (Commission Implementing Decision (EU) 2025/1382 of 15 July 2025), so it needs no declaration;
    /// every other organisation in `src/law/data/organisations.toml` does.
    ///
    /// ## Why it matters
    /// A transfer of personal data to a third country may take place only under an adequacy decision
    /// (art. 45), with appropriate safeguards (art. 46, e.g. standard contractual clauses) or binding
    /// corporate rules (art. 47), or under a derogation (art. 49). This holds for onward transfers by a
    /// processor's sub-processors too (art. 44): a controller answers for the whole chain.
    ///
    /// ## Legal basis
    /// - GDPR art. 44 (general principle, onward transfers)
    /// - GDPR art. 45–46 (adequacy decisions, appropriate safeguards)
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
    ///   subprocessor support "Support" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     authorised "Databehandleraftalens bilag B"
    ///     agreement "Underdatabehandleraftale"
    ///     country IN
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
    ///   subprocessor support "Support" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     authorised "Databehandleraftalens bilag B"
    ///     agreement "Underdatabehandleraftale"
    ///     country IN
    ///     transfer scc
    ///     tia "Overførselsvurdering 2024"
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
    pub struct TransferUndeclared {
        code: "TRANSFER-UNDECLARED",
        severity: Error,
        summary: (
            "personal data reaches a third country only under a declared transfer mechanism",
            "personoplysninger overføres kun til et tredjeland på et angivet overførselsgrundlag",
        ),
        provisions: [("GDPR", "art. 44"), ("GDPR", "art. 45"), ("GDPR", "art. 46")],
    }
    texts {
        THIRD_COUNTRY = ("{name} ({code}), a third country", "{name} ({code}), et tredjeland"),
        ORGANISATION = (
            "{organisation}, outside the EU/EEA under art. 44",
            "{organisation}, uden for EU/EØS efter art. 44",
        ),
        MESSAGE = (
            "personal data reaches `{destination}` outside the EU/EEA with no transfer mechanism",
            "personoplysninger sendes til `{destination}` uden for EU/EØS uden et overførselsgrundlag",
        ),
        ARRIVES_ONE = ("{place}: {data} arrives here", "{place}: {data} sendes hertil"),
        ARRIVES_MANY = ("{place}: {data} arrive here", "{place}: {data} sendes hertil"),
        HELP_US = (
            "declare the mechanism in its block: `transfer dpf` if the importer is on the Data Privacy \
             Framework list, otherwise `transfer scc` with a transfer impact assessment (`tia \"...\"`)",
            "angiv overførselsgrundlaget i blokken: `transfer dpf`, hvis dataimportøren er på Data Privacy \
             Framework-listen, ellers `transfer scc` med en overførselsvurdering (`tia \"...\"`)",
        ),
        /// An adequacy decision that covers only some importers (e.g. JP, CA, KR).
        HELP_PARTIAL = (
            "declare the mechanism in its block: `transfer adequacy` if the importer is covered by the \
             adequacy decision for {code} ({scope}), otherwise e.g. `transfer scc` with a transfer impact \
             assessment (`tia \"...\"`)",
            "angiv overførselsgrundlaget i blokken: `transfer adequacy`, hvis dataimportøren er omfattet af \
             tilstrækkelighedsafgørelsen for {code} ({scope}), ellers f.eks. `transfer scc` med en \
             overførselsvurdering (`tia \"...\"`)",
        ),
        HELP_ORGANISATION = (
            "declare the mechanism in its block: safeguards of art. 46 agreed with the organisation (between \
             public bodies a legally binding instrument or an administrative arrangement, art. 46(2)(a), \
             46(3)(b); otherwise e.g. `transfer scc` with `tia \"...\"`), or a derogation of art. 49 such as \
             `transfer derogation(d)` for important reasons of public interest",
            "angiv overførselsgrundlaget i blokken: fornødne garantier efter art. 46 aftalt med organisationen \
             (mellem offentlige myndigheder et juridisk bindende instrument eller en administrativ ordning, \
             art. 46, stk. 2, litra a, og stk. 3, litra b; ellers f.eks. `transfer scc` med `tia \"...\"`) eller en \
             undtagelse i art. 49, f.eks. `transfer derogation(d)` af hensyn til vigtige samfundsinteresser",
        ),
        HELP_OTHER = (
            "declare the mechanism in its block, e.g. `transfer scc` with a transfer impact assessment \
             (`tia \"...\"`), or stop the transfer",
            "angiv overførselsgrundlaget i blokken, f.eks. `transfer scc` med en overførselsvurdering \
             (`tia \"...\"`), eller stop overførslen",
        ),
    }
}

/// An adequacy decision covers every importer in the country, or the whole international organisation.
fn fully_adequate(country: &CountryRef) -> bool {
    countries()
        .adequacy_of(country)
        .is_some_and(|a| a.covers_every_importer())
}

impl Rule for TransferUndeclared {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for destination in cx.transfers {
            let zone = destination.country.node.zone();
            if zone == Zone::Unknown
                || destination
                    .transfer
                    .is_some_and(|t| !t.mechanisms.is_empty())
            {
                continue;
            }
            if fully_adequate(&destination.country.node) {
                continue;
            }
            let place = match &destination.country.node {
                CountryRef::Code(code) => {
                    let name = countries()
                        .get(code)
                        .map(|c| c.name_in(lang))
                        .unwrap_or(code);
                    tr!(lang, text::THIRD_COUNTRY, name = name, code = code)
                }
                organisation @ CountryRef::Organisation(_) => tr!(
                    lang,
                    text::ORGANISATION,
                    organisation = organisation.describe(lang)
                ),
                other => other.label(lang),
            };
            let path = destination.path(model, cx.flow, lang);
            let arrives = if destination.data.len() == 1 {
                text::ARRIVES_ONE
            } else {
                text::ARRIVES_MANY
            };
            let mut finding = cx.finding(
                tr!(lang, text::MESSAGE, destination = destination.name),
                destination.country.span,
                tr!(
                    lang,
                    arrives,
                    place = place,
                    data = destination.data_names(model, lang)
                ),
            );
            // In the order the data travels: out of the activity, then through each processor.
            for (span, label) in destination.route_labels(model, lang) {
                finding = finding.with_secondary(span, label);
            }
            let help = match &destination.country.node {
                CountryRef::Code(code) if code == "US" => tr!(lang, text::HELP_US),
                CountryRef::Code(code) if countries().adequacy(code).is_some() => tr!(
                    lang,
                    text::HELP_PARTIAL,
                    code = code,
                    scope = countries()
                        .adequacy(code)
                        .map(|a| a.scope_in(lang))
                        .unwrap_or_default()
                ),
                CountryRef::Organisation(_) => tr!(lang, text::HELP_ORGANISATION),
                _ => tr!(lang, text::HELP_OTHER),
            };
            cx.report(finding.with_path(path).with_help(help));
        }
    }
}
