use super::{Context, Rule, RuleMeta, declare_rule};
use crate::flow::Node;
use crate::i18n::Text;
use crate::law::countries::{CountryRef, countries};
use crate::law::vocabulary::{Mechanism, RecipientKind};
use crate::tr;

declare_rule! {
    /// # TRANSFER-MECHANISM-SCOPE: the transfer mechanism does not cover the destination
    ///
    /// ## What it checks
    /// For every processor, sub-processor (to any depth) or recipient outside the EU/EEA that personal
    /// data reaches, each mechanism its `transfer` names must be able to cover the country it names:
    ///
    /// - `adequacy` needs an adequacy decision of the Commission for that country (the table in
    ///   `src/law/data/countries.toml`, with the decision and its scope). Some decisions cover only the
    ///   country's businesses: Canada (commercial organisations subject to PIPEDA), Japan (business
    ///   operators subject to the APPI) and the United States (organisations on the Data Privacy
    ///   Framework List). A recipient that is not a business — an authority, the police, the tax or
    ///   emergency services, a private person, the public — is outside those decisions.
    /// - `dpf` is the EU-US Data Privacy Framework (Commission Implementing Decision (EU) 2023/1795 of
    ///   10 July 2023): it covers importers in the United States only, and only organisations that can
    ///   self-certify, so never a US authority or a private person.
    ///
    /// Every mechanism is checked, also when another one is declared beside it (`transfer dpf | scc`):
    /// the record of processing and the privacy notice would name a safeguard that does not apply.
    ///
    /// Not checked here: a party whose country is not named (`outside_eea`, `unknown`) — nothing can be
    /// said about the scope of a mechanism without the country, and TRANSFER-DESTINATION-UNKNOWN reports
    /// it; whether a processor (always a business) is subject to PIPEDA or the APPI; and whether a
    /// decision has expired.
    ///
    /// A US importer relying on `dpf` must be shown to be on the DPF List: `dpf_listed "..."` records
    /// where and when that was checked. Without it the finding says the listing is not shown; the tool
    /// cannot look the list up itself.
    ///
    /// ## Why it matters
    /// An adequacy decision under art. 45(3) finds that a third country "or one or more specified
    /// sectors within that third country" ensure an adequate level of protection; a transfer outside
    /// the country or sector it names has no adequacy decision and needs safeguards under art. 46 or a
    /// derogation under art. 49 (art. 44). The EU-US Data Privacy Framework is such a decision for the
    /// United States, and it covers only the organisations on the Department of Commerce's DPF List.
    /// A mechanism that does not cover the destination is no mechanism: the transfer is unlawful, and the
    /// information given to data subjects under art. 13(1)(f) is wrong.
    ///
    /// ## Legal basis
    /// - GDPR art. 45(1), 45(3) (adequacy decisions, for a country or specified sectors)
    /// - GDPR art. 44 (every transfer needs a mechanism of Chapter V)
    /// - Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 (EU-US Data Privacy Framework)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data username "Brugernavn" ordinary
    /// processor mdm "MDM-leverandør" {
    ///   agreement "Databehandleraftale"
    ///   country DK
    ///   subprocessor support "Support" {
    ///     authorised "Bilag B"
    ///     agreement "Underdatabehandleraftale"
    ///     country IN
    ///     transfer dpf
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
    ///   subprocessor support "Support" {
    ///     authorised "Bilag B"
    ///     agreement "Underdatabehandleraftale"
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
    pub struct TransferMechanismScope {
        code: "TRANSFER-MECHANISM-SCOPE",
        severity: Error,
        summary: (
            "an adequacy decision or the Data Privacy Framework relied on covers the destination",
            "en tilstrækkelighedsafgørelse eller Data Privacy Framework, der anvendes, omfatter modtageren",
        ),
        provisions: [("GDPR", "art. 45(3)"), ("GDPR", "art. 44")],
    }
    texts {
        TAX = ("a tax authority", "en skattemyndighed"),
        POLICE = ("the police", "politiet"),
        EMERGENCY = ("an emergency service", "en beredskabstjeneste"),
        AUTHORITY = ("a public authority", "en offentlig myndighed"),
        PUBLIC = ("the public", "offentligheden"),
        PERSON = ("a private person", "en privatperson"),
        ACCESS_REQUESTER = (
            "someone granted access to documents",
            "en, der har fået aktindsigt",
        ),
        DATA_SUBJECT = ("the data subject", "den registrerede"),
        COUNTRY = ("{name} ({code})", "{name} ({code})"),
        DPF_ABROAD = (
            "the Data Privacy Framework cannot cover `{destination}` in {country}",
            "Data Privacy Framework kan ikke omfatte `{destination}` i {country}",
        ),
        DPF_ABROAD_LABEL = (
            "the Data Privacy Framework covers importers in the United States only",
            "Data Privacy Framework omfatter kun dataimportører i USA",
        ),
        DPF_ABROAD_HELP = (
            "rest the transfer on a mechanism that covers the destination: `transfer adequacy` where \
             the Commission has found the country adequate, otherwise e.g. `transfer scc` with \
             `tia \"...\"`",
            "lad overførslen hvile på et overførselsgrundlag, der omfatter modtagerlandet: `transfer adequacy`, hvor \
             Kommissionen har fastslået, at landet har et tilstrækkeligt beskyttelsesniveau, ellers f.eks. \
             `transfer scc` med `tia \"...\"`",
        ),
        DPF_PUBLIC = (
            "the Data Privacy Framework cannot cover `{destination}`, a public body or person",
            "Data Privacy Framework kan ikke omfatte `{destination}`, som er en offentlig instans eller en person",
        ),
        DPF_PUBLIC_LABEL = (
            "only US organisations that self-certify are on the DPF List, not {kind}",
            "kun amerikanske organisationer, der selvcertificerer sig, er på DPF-listen, ikke {kind}",
        ),
        DPF_PUBLIC_HELP = (
            "rest the transfer on art. 46 safeguards (e.g. an administrative arrangement between \
             public bodies, art. 46(3)(b)) or a derogation of art. 49",
            "lad overførslen hvile på fornødne garantier efter art. 46 (f.eks. en administrativ ordning mellem \
             offentlige myndigheder, art. 46, stk. 3, litra b) eller på en undtagelse i art. 49",
        ),
        DPF_UNLISTED = (
            "`{destination}` is not shown to be on the Data Privacy Framework List",
            "det er ikke dokumenteret, at `{destination}` er på Data Privacy Framework-listen",
        ),
        DPF_UNLISTED_LABEL = (
            "the Data Privacy Framework covers only organisations on the DPF List",
            "Data Privacy Framework omfatter kun organisationer på DPF-listen",
        ),
        DPF_UNLISTED_HELP = (
            "look the importer up on the DPF List (dataprivacyframework.gov) and record it, e.g. \
             `dpf_listed \"dataprivacyframework.gov, opslag 2026-10-01\"`; if it is not listed, rest \
             the transfer on e.g. `transfer scc` with `tia \"...\"`",
            "slå dataimportøren op på DPF-listen (dataprivacyframework.gov), og registrér opslaget, f.eks. \
             `dpf_listed \"dataprivacyframework.gov, opslag 2026-10-01\"`; er den ikke på listen, så lad \
             overførslen hvile på f.eks. `transfer scc` med `tia \"...\"`",
        ),
        NO_ADEQUACY = (
            "no adequacy decision covers `{destination}` in {country}",
            "ingen tilstrækkelighedsafgørelse omfatter `{destination}` i {country}",
        ),
        NO_ADEQUACY_LABEL = (
            "no adequacy decision covers {country}",
            "ingen tilstrækkelighedsafgørelse omfatter {country}",
        ),
        NO_ADEQUACY_HELP = (
            "rest the transfer on safeguards of art. 46 (e.g. `transfer scc` with `tia \"...\"`) \
             or a derogation of art. 49; the Commission's list of adequacy decisions is in \
             src/law/data/countries.toml",
            "lad overførslen hvile på fornødne garantier efter art. 46 (f.eks. `transfer scc` med `tia \"...\"`) \
             eller på en undtagelse i art. 49; Kommissionens liste over tilstrækkelighedsafgørelser findes i \
             src/law/data/countries.toml",
        ),
        BUSINESSES_ONLY = (
            "the adequacy decision for {country} does not cover `{destination}`",
            "tilstrækkelighedsafgørelsen for {country} omfatter ikke `{destination}`",
        ),
        BUSINESSES_ONLY_LABEL = (
            "the decision covers {scope}, not {kind}",
            "afgørelsen omfatter {scope}, ikke {kind}",
        ),
        BUSINESSES_ONLY_HELP = (
            "rest the transfer on safeguards of art. 46 (between public bodies, e.g. an \
             administrative arrangement, art. 46(3)(b)) or a derogation of art. 49",
            "lad overførslen hvile på fornødne garantier efter art. 46 (mellem offentlige myndigheder f.eks. en \
             administrativ ordning, art. 46, stk. 3, litra b) eller på en undtagelse i art. 49",
        ),
        IMPORTER_IN = ("the importer is in {country}", "dataimportøren er i {country}"),
    }
}

fn not_a_business(kind: RecipientKind) -> Option<Text> {
    match kind {
        RecipientKind::Organisation => None,
        RecipientKind::Tax => Some(text::TAX),
        RecipientKind::Police => Some(text::POLICE),
        RecipientKind::Emergency => Some(text::EMERGENCY),
        RecipientKind::Authority => Some(text::AUTHORITY),
        RecipientKind::Public => Some(text::PUBLIC),
        RecipientKind::Person => Some(text::PERSON),
        RecipientKind::AccessRequester => Some(text::ACCESS_REQUESTER),
        RecipientKind::DataSubject => Some(text::DATA_SUBJECT),
    }
}

impl Rule for TransferMechanismScope {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for destination in cx.transfers {
            let Some(transfer) = destination.transfer else {
                continue;
            };
            // Without a country the scope cannot be checked: TRANSFER-DESTINATION-UNKNOWN.
            let CountryRef::Code(code) = &destination.country.node else {
                continue;
            };
            let country = countries()
                .get(code)
                .map(|c| tr!(lang, text::COUNTRY, name = c.name_in(lang), code = code))
                .unwrap_or_else(|| code.clone());
            let recipient_kind = match destination.node {
                Node::Recipient(id) => not_a_business(model.recipient(id).kind),
                _ => None,
            };
            let kind = recipient_kind.map_or("", |k| k.get(lang));
            let dpf_listed = match destination.node {
                Node::Processor(id) => model.processor(id).dpf_listed.is_some(),
                Node::Recipient(id) => model.recipient(id).dpf_listed.is_some(),
                _ => false,
            };
            let name = destination.name;
            for mechanism in &transfer.mechanisms {
                let (message, label, help) = match mechanism.node.mechanism {
                    Mechanism::Dpf if code != "US" => (
                        tr!(
                            lang,
                            text::DPF_ABROAD,
                            destination = name,
                            country = country
                        ),
                        tr!(lang, text::DPF_ABROAD_LABEL),
                        text::DPF_ABROAD_HELP,
                    ),
                    Mechanism::Dpf | Mechanism::Adequacy
                        if recipient_kind.is_some() && code == "US" =>
                    {
                        (
                            tr!(lang, text::DPF_PUBLIC, destination = name),
                            tr!(lang, text::DPF_PUBLIC_LABEL, kind = kind),
                            text::DPF_PUBLIC_HELP,
                        )
                    }
                    Mechanism::Dpf if !dpf_listed => (
                        tr!(lang, text::DPF_UNLISTED, destination = name),
                        tr!(lang, text::DPF_UNLISTED_LABEL),
                        text::DPF_UNLISTED_HELP,
                    ),
                    Mechanism::Adequacy => match countries().adequacy(code) {
                        None => (
                            tr!(
                                lang,
                                text::NO_ADEQUACY,
                                destination = name,
                                country = country
                            ),
                            tr!(lang, text::NO_ADEQUACY_LABEL, country = country),
                            text::NO_ADEQUACY_HELP,
                        ),
                        Some(decision) if decision.businesses_only && recipient_kind.is_some() => (
                            tr!(
                                lang,
                                text::BUSINESSES_ONLY,
                                country = country,
                                destination = name
                            ),
                            tr!(
                                lang,
                                text::BUSINESSES_ONLY_LABEL,
                                scope = decision.scope_in(lang),
                                kind = kind
                            ),
                            text::BUSINESSES_ONLY_HELP,
                        ),
                        Some(_) => continue,
                    },
                    _ => continue,
                };
                let mut finding = cx.finding(message, mechanism.span, label).with_secondary(
                    destination.country.span,
                    tr!(lang, text::IMPORTER_IN, country = country),
                );
                for (span, label) in destination.route_labels(model, lang) {
                    finding = finding.with_secondary(span, label);
                }
                let path = destination.path(model, cx.flow, lang);
                cx.report(finding.with_path(path).with_help(tr!(lang, help)));
            }
        }
    }
}
