use super::{Context, Rule, RuleMeta, declare_rule};
use crate::diagnostic::Severity;
use crate::flow::Node;
use crate::i18n::Text;
use crate::law::countries::{Adequacy, AdequacyLimit, CountryRef, countries};
use crate::law::vocabulary::{Mechanism, RecipientKind};
use crate::tr;

declare_rule! {
    /// # TRANSFER-MECHANISM-SCOPE: the transfer mechanism does not cover the destination
    ///
    /// ## What it checks
    /// For every processor, sub-processor (to any depth) or recipient outside the EU/EEA that personal
    /// data reaches, each mechanism its `transfer` names must be able to cover the country or the
    /// international organisation it names:
    ///
    /// - `adequacy` needs an adequacy decision of the Commission for that country (the table in
    ///   `src/law/data/countries.toml`, with the decision and its scope). Some decisions cover only the
    ///   country's businesses: Canada (commercial organisations subject to PIPEDA), Japan (business
    ///   operators subject to the APPI) and the United States (organisations on the Data Privacy
    ///   Framework List). A recipient that is not a business — an authority, the police, the tax or
    ///   emergency services, a private person, the public — is outside those decisions.
    /// - an international organisation (`international organisation EPO`) is outside the EU/EEA for
    ///   Chapter V wherever its seat is (art. 44). `adequacy` covers it only where the Commission has
    ///   found that organisation adequate (`src/law/data/organisations.toml`): today the European
    ///   Patent Organisation, Commission Implementing Decision (EU) 2025/1382 of 15 July 2025.
    /// - `dpf` is the EU-US Data Privacy Framework (Commission Implementing Decision (EU) 2023/1795 of
    ///   10 July 2023): it covers importers in the United States only, and only organisations that can
    ///   self-certify, so never a US authority, a private person or an international organisation.
    ///
    /// Some decisions leave out parts of the country, of its importers or of the transfers, and a spec
    /// cannot show that the importer is outside them. These limits are data (`[[adequacy.limit]]` in
    /// countries.toml): South Korea's decision ((EU) 2022/254) does not cover religious organisations
    /// processing for their missionary activities, political parties processing for the nomination of
    /// candidates, or personal credit information processed by controllers supervised by the Financial
    /// Services Commission; Israel's (2011/61/EU) covers the State of Israel as defined in accordance
    /// with international law — within its pre-1967 borders, so not the Golan Heights, Gaza or the West
    /// Bank including East Jerusalem (recital 14, art. 2; the Commission's answer to E-005753/2020) —
    /// and automated transfers, or non-automated ones the importer processes further by automated
    /// means. Where `transfer adequacy` is relied on for such a country, the rule gives one warning per
    /// importer, naming every limit that can concern it and what to confirm. A Korean authority, person
    /// or the public cannot be a religious organisation, party or supervised credit controller, so the
    /// Korean exclusions are not raised for them; Israel's limits concern every importer.
    ///
    /// The language has no statement that says "the importer is outside the exclusions", by design:
    /// the answer lies with the importer (its seat, its activities, how the data travel), not in the
    /// notice, and a statement the spec could simply assert would silence the warning without anyone
    /// having asked. Confirm it with the importer and record where, with
    /// `allow TRANSFER-MECHANISM-SCOPE "..."` on the importer's block (the reason is kept in every
    /// output format); if the importer falls within a limit, the decision does not cover the transfer.
    /// The warning is a question, not a verdict: an error only where a mechanism cannot cover the
    /// destination at all.
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
    /// An adequacy decision under art. 45(3) finds that "a third country, a territory or one or more
    /// specified sectors within a third country, or the international organisation in question"
    /// ensures an adequate level of protection; a transfer outside the territory or sector it names, or
    /// to an organisation it does not name, has no adequacy decision and needs safeguards under art. 46
    /// or a derogation under art. 49 (art. 44). A decision's own exclusions (Korea's sectors, Israel's
    /// territory) are part of that scope: an exporter who relies on it must know that the importer is
    /// inside it (art. 5(2), 24). The EU-US Data Privacy Framework is such a decision for the
    /// United States, and it covers only the organisations on the Department of Commerce's DPF List.
    /// A mechanism that does not cover the destination is no mechanism: the transfer is unlawful, and the
    /// information given to data subjects under art. 13(1)(f) is wrong.
    ///
    /// ## Legal basis
    /// - GDPR art. 45(1), 45(3) (adequacy decisions, for a country or specified sectors)
    /// - GDPR art. 44 (every transfer needs a mechanism of Chapter V, also to an international
    ///   organisation)
    /// - Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 (EU-US Data Privacy Framework)
    /// - Commission Implementing Decision (EU) 2025/1382 of 15 July 2025 (European Patent Organisation)
    /// - Commission Implementing Decision (EU) 2022/254 of 17 December 2021 (Republic of Korea)
    /// - Commission Decision 2011/61/EU of 31 January 2011 (Israel), recital 14 and art. 2
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
    ///   subprocessor support "Support" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
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
    ///   subprocessor support "Support" {
    ///     supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///     authorised "Bilag B"
    ///     agreement "Underdatabehandleraftale"
    ///     country IN
    ///     transfer scc
    ///     tia "Overførselsvurdering for support fra Indien, 2024-09-01"
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
        IMPORTER_IS = ("the importer is {country}", "dataimportøren er {country}"),
        DPF_ORGANISATION = (
            "the Data Privacy Framework cannot cover `{destination}`, {country}",
            "Data Privacy Framework kan ikke omfatte `{destination}`, {country}",
        ),
        NO_ADEQUACY_ORGANISATION = (
            "no adequacy decision covers `{destination}`, {country}",
            "ingen tilstrækkelighedsafgørelse omfatter `{destination}`, {country}",
        ),
        NO_ADEQUACY_ORGANISATION_HELP = (
            "rest the transfer on safeguards of art. 46 agreed with the organisation (between public \
             bodies a legally binding instrument or an administrative arrangement, art. 46(2)(a), \
             46(3)(b); otherwise e.g. `transfer scc` with `tia \"...\"`) or a derogation of art. 49; the \
             international organisations with an adequacy decision are in src/law/data/organisations.toml",
            "lad overførslen hvile på fornødne garantier efter art. 46 aftalt med organisationen (mellem \
             offentlige myndigheder et juridisk bindende instrument eller en administrativ ordning, art. 46, \
             stk. 2, litra a, og stk. 3, litra b; ellers f.eks. `transfer scc` med `tia \"...\"`) eller på en \
             undtagelse i art. 49; de internationale organisationer med en tilstrækkelighedsafgørelse findes i \
             src/law/data/organisations.toml",
        ),
        LIMITED = (
            "the adequacy decision for {country} covers `{destination}` only within limits the spec cannot show",
            "tilstrækkelighedsafgørelsen for {country} omfatter kun `{destination}` inden for grænser, som \
             specifikationen ikke kan vise",
        ),
        LIMITED_LABEL = (
            "{decision} does not cover: {limits}",
            "{decision} omfatter ikke: {limits}",
        ),
        LIMIT_UNVERIFIED = (
            "{limit} (not verified in hjemmel's reference data)",
            "{limit} (ikke verificeret i hjemmels referencedata)",
        ),
        LIMITED_HELP = (
            "confirm {confirm}; record where that was confirmed, e.g. \
             `allow TRANSFER-MECHANISM-SCOPE \"confirmed by the importer 2026-11-01\"` in the block of \
             `{destination}`; if the importer falls within a limit, the decision does not cover the \
             transfer: rest it on safeguards of art. 46 (e.g. `transfer scc` with `tia \"...\"`)",
            "bekræft, {confirm}; registrér, hvor det er bekræftet, f.eks. \
             `allow TRANSFER-MECHANISM-SCOPE \"bekræftet af dataimportøren 2026-11-01\"` i blokken for \
             `{destination}`; falder dataimportøren inden for en af grænserne, omfatter afgørelsen ikke \
             overførslen: lad den hvile på fornødne garantier efter art. 46 (f.eks. `transfer scc` med \
             `tia \"...\"`)",
        ),
        AND = ("; ", "; "),
    }
}

/// The limits of `decision` that can concern the importer: all of them, except those only an
/// organisation can fall within when the importer is an authority, a person or the public.
fn limits_for(decision: &Adequacy, not_a_business: bool) -> Vec<&AdequacyLimit> {
    decision
        .limits
        .iter()
        .filter(|l| !(l.organisations_only && not_a_business))
        .collect()
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
            // Without a country or organisation the scope cannot be checked:
            // TRANSFER-DESTINATION-UNKNOWN.
            let place = &destination.country.node;
            let (code, organisation) = match place {
                CountryRef::Code(code) => (code.as_str(), false),
                CountryRef::Organisation(code) => (code.as_str(), true),
                CountryRef::OutsideEea | CountryRef::Unknown => continue,
            };
            let country = place.describe(lang);
            let us = !organisation && code == "US";
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
                let mut severity = None;
                let (message, label, help) = match mechanism.node.mechanism {
                    // An international organisation is worded as one; a country outside the US
                    // by its name; the label and help are the same.
                    Mechanism::Dpf if organisation || !us => (
                        tr!(
                            lang,
                            if organisation {
                                text::DPF_ORGANISATION
                            } else {
                                text::DPF_ABROAD
                            },
                            destination = name,
                            country = country
                        ),
                        tr!(lang, text::DPF_ABROAD_LABEL),
                        tr!(lang, text::DPF_ABROAD_HELP),
                    ),
                    Mechanism::Dpf | Mechanism::Adequacy if recipient_kind.is_some() && us => (
                        tr!(lang, text::DPF_PUBLIC, destination = name),
                        tr!(lang, text::DPF_PUBLIC_LABEL, kind = kind),
                        tr!(lang, text::DPF_PUBLIC_HELP),
                    ),
                    Mechanism::Dpf if !dpf_listed => (
                        tr!(lang, text::DPF_UNLISTED, destination = name),
                        tr!(lang, text::DPF_UNLISTED_LABEL),
                        tr!(lang, text::DPF_UNLISTED_HELP),
                    ),
                    Mechanism::Adequacy => match countries().adequacy_of(place) {
                        None if organisation => (
                            tr!(
                                lang,
                                text::NO_ADEQUACY_ORGANISATION,
                                destination = name,
                                country = country
                            ),
                            tr!(lang, text::NO_ADEQUACY_LABEL, country = country),
                            tr!(lang, text::NO_ADEQUACY_ORGANISATION_HELP),
                        ),
                        None => (
                            tr!(
                                lang,
                                text::NO_ADEQUACY,
                                destination = name,
                                country = country
                            ),
                            tr!(lang, text::NO_ADEQUACY_LABEL, country = country),
                            tr!(lang, text::NO_ADEQUACY_HELP),
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
                            tr!(lang, text::BUSINESSES_ONLY_HELP),
                        ),
                        Some(decision) => {
                            let limits = limits_for(decision, recipient_kind.is_some());
                            if limits.is_empty() {
                                continue;
                            }
                            // What the spec cannot show needs assessment, not a verdict: a warning.
                            severity = Some(Severity::Warning);
                            let what: Vec<String> = limits
                                .iter()
                                .map(|l| {
                                    let limit = l.what_in(lang);
                                    if l.verified {
                                        limit.to_string()
                                    } else {
                                        tr!(lang, text::LIMIT_UNVERIFIED, limit = limit)
                                    }
                                })
                                .collect();
                            let confirm: Vec<&str> =
                                limits.iter().map(|l| l.confirm_in(lang)).collect();
                            (
                                tr!(lang, text::LIMITED, country = country, destination = name),
                                tr!(
                                    lang,
                                    text::LIMITED_LABEL,
                                    decision = decision.decision_in(lang),
                                    limits = what.join("; ")
                                ),
                                tr!(
                                    lang,
                                    text::LIMITED_HELP,
                                    confirm = confirm.join(text::AND.get(lang)),
                                    destination = name
                                ),
                            )
                        }
                    },
                    _ => continue,
                };
                let importer = if organisation {
                    tr!(lang, text::IMPORTER_IS, country = country)
                } else {
                    tr!(lang, text::IMPORTER_IN, country = country)
                };
                let mut finding = cx
                    .finding(message, mechanism.span, label)
                    .with_secondary(destination.country.span, importer);
                if let Some(severity) = severity {
                    finding.severity = severity;
                }
                for (span, label) in destination.route_labels(model, lang) {
                    finding = finding.with_secondary(span, label);
                }
                let path = destination.path(model, cx.flow, lang);
                cx.report(finding.with_path(path).with_help(help));
            }
        }
    }
}
