use super::art9_basis::is_art9_condition;
use super::{Context, Rule, RuleMeta, basis_lists, declare_rule};
use crate::i18n::citation::legal_ref;
use crate::law::ActId;
use crate::law::acts::LaysDown;
use crate::law::citation::LegalRef;
use crate::law::disclosures::{Cited, RecipientGrounds, disclosure_grounds};
use crate::law::vocabulary::RecipientKind;
use crate::tr;

declare_rule! {
    /// # DISCLOSURE-BASIS: a disclosure without its own basis
    ///
    /// ## What it checks
    /// Every `disclose ... to RECIPIENT` states its own basis after `under`, and that basis includes a
    /// ground that can carry a disclosure: a point of GDPR art. 6(1) (`gdpr 6(1)` alone names none) or
    /// Databeskyttelsesloven § 8, stk. 2 (criminal-offence data). Forvaltningsloven § 28 alone is not
    /// enough: since 2018, § 28, stk. 1 refers disclosures between authorities to the GDPR and
    /// Databeskyttelsesloven, so it is cited with an art. 6(1) basis, not instead of one.
    ///
    /// What fits depends on who receives the data, and the finding lists the provisions that fit the
    /// recipient's kind and the data disclosed, not one list for every disclosure. The table is
    /// reference data (`src/law/data/disclosures.toml`, each entry with its source):
    ///
    /// | recipient kind | what the finding suggests and lists |
    /// |---|---|
    /// | `tax` | art. 6(1)(c) and 6(3) with the reporting statute; **required**: a report to the tax authorities without art. 6(1)(c) is a finding |
    /// | `police` | art. 6(1)(c) where the police compel the disclosure (retsplejeloven, chapter 74: edition, a court order), otherwise art. 6(1)(e) with an art. 6(4) compatibility assessment |
    /// | `emergency` | art. 6(1)(d), vital interests; art. 9(2)(c) for health data |
    /// | `authority` | art. 6(1)(e) (or (c)) and 6(3) with forvaltningsloven § 28 and the statute behind the recipient's task |
    /// | `public` | art. 6(1)(e) and 6(3) with the statute that provides for publication (e.g. kommunestyrelsesloven for agendas and minutes), or art. 6(1)(a) consent |
    /// | `access_requester` | access to documents (aktindsigt): art. 6(1)(c) with offentlighedsloven § 7 or forvaltningsloven § 9, and art. 86; **required**: art. 6(1)(c) |
    /// | `organisation`, `person` | art. 6(1)(e) with the statute behind the task, or art. 6(1)(c) where a law obliges the disclosure (e.g. hearing a party) |
    /// | `data_subject` | nothing: not a disclosure |
    ///
    /// Databeskyttelsesloven § 8, stk. 2 is listed only when criminal-offence data (`criminal`) is
    /// disclosed, or data the activity uses as such (`data logs as criminal when "..."`) goes to the
    /// police; forvaltningsloven § 28 only for another administrative authority. Special-category
    /// data in a disclosure also needs an art. 9(2) condition in the disclosure's basis, counted as
    /// ART9-BASIS counts them (a point of art. 9(2), or Databeskyttelsesloven § 7, stk. 1-4 or § 10);
    /// the condition suggested is the one that fits the recipient (art. 9(2)(c) for emergency
    /// services).
    ///
    /// A basis that cites a § of a sector statute which, as the law data records it (`discloses`,
    /// `verified`), provides for disclosure to this kind of recipient has the statute behind the
    /// disclosure; when it names no point of art. 6(1), the help names the one that goes with the §:
    /// art. 6(1)(c) where the § lays down a duty or the recipient's kind requires (c), otherwise
    /// art. 6(1)(e). A § that provides for disclosure to other recipients only is the subject of
    /// DISCLOSURE-STATUTE-FIT.
    ///
    /// Data handed to the person it is about (a recipient of kind `data_subject`, e.g. a decision sent
    /// to the party it concerns) is not checked: giving people their own data is not a disclosure to
    /// a third party (art. 4(10)) and rests on the basis of the case handling itself.
    ///
    /// ## Why it matters
    /// A disclosure is a processing operation of its own, with its own purpose: the basis for collecting
    /// the data does not automatically cover passing it on. Which basis carries it follows from why the
    /// data is passed on. Reporting to Skat and granting access to documents are legal obligations of
    /// the authority (art. 6(1)(c)), which the reporting statute or offentlighedsloven § 7 lays down
    /// (art. 6(3)); art. 86 is what lets access to documents include personal data. Handing logs to
    /// the police is an obligation when the police can compel it (edition, a court order), otherwise a
    /// voluntary disclosure for a new purpose that needs art. 6(1)(e) and an art. 6(4) assessment, and
    /// databeskyttelseslovens § 8, stk. 2 when the logs are data on suspected offences. Passing data to
    /// emergency services protects someone's life (art. 6(1)(d), 9(2)(c)). Publishing on the
    /// municipality's website or broadcasting a council meeting needs the statute that provides for it,
    /// or consent. A list of provisions that does not fit the disclosure — forvaltningsloven § 28 on a
    /// press release, § 8, stk. 2 on data that says nothing about offences — sends the author to the
    /// wrong law.
    ///
    /// ## Legal basis
    /// - GDPR art. 6(1), 6(3) and 6(4)
    /// - GDPR art. 9(2)
    /// - GDPR art. 86 (public access to official documents)
    /// - Databeskyttelsesloven § 8, stk. 2 (criminal-offence data)
    /// - Forvaltningsloven § 28 (between administrative authorities), § 9 (a party's access)
    /// - Offentlighedsloven § 7 (access to documents)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data income "Indkomstforhold" confidential
    /// recipient skat "Skattestyrelsen" tax { country DK }
    /// activity benefits "Udbetaling af ydelser" {
    ///   purpose "Udbetaling og indberetning af sociale ydelser"
    ///   subjects citizens
    ///   data income
    ///   basis gdpr 6(1)(e), law "Lov om aktiv socialpolitik"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose income to skat
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data income "Indkomstforhold" confidential
    /// recipient skat "Skattestyrelsen" tax { country DK }
    /// activity benefits "Udbetaling af ydelser" {
    ///   purpose "Udbetaling og indberetning af sociale ydelser"
    ///   subjects citizens
    ///   data income
    ///   basis gdpr 6(1)(e), law "Lov om aktiv socialpolitik"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose income to skat under gdpr 6(1)(c), law "Skatteindberetningsloven"
    /// }
    /// ```
    pub struct DisclosureBasis {
        code: "DISCLOSURE-BASIS",
        severity: Error,
        summary: (
            "each disclosure to a recipient has its own basis",
            "hver videregivelse til en modtager har sit eget grundlag",
        ),
        provisions: [
            ("GDPR", "art. 6(1)"),
            ("GDPR", "art. 6(3)"),
            ("GDPR", "art. 9(2)"),
            ("GDPR", "art. 86"),
            ("Databeskyttelsesloven", "§ 8, stk. 2"),
            ("Forvaltningsloven", "§ 28"),
            ("Offentlighedsloven", "§ 7"),
        ],
    }
    texts {
        THE_DISCLOSURE_WHEN = (
            "the disclosure to `{recipient}` ({when})",
            "videregivelsen til `{recipient}` ({when})",
        ),
        THE_DISCLOSURE = ("the disclosure to `{recipient}`", "videregivelsen til `{recipient}`"),
        NO_BASIS = ("{what} states no basis", "{what} angiver intet grundlag"),
        NO_GROUND = (
            "{what} cites no ground that can carry a disclosure",
            "{what} angiver intet grundlag, der kan bære en videregivelse",
        ),
        OWN_BASIS = (
            "a disclosure needs its own basis after `under`",
            "en videregivelse skal have sit eget grundlag efter `under`",
        ),
        ADD = ("add {typical}", "tilføj {typical}"),
        ADD_WITH_SPECIAL = (
            "add {typical}; for the special-category data also {special}",
            "tilføj {typical}; for de særlige kategorier af oplysninger desuden {special}",
        ),
        REQUIRED = (
            "{what} does not rest on art. 6(1)({letter}), the point that carries a disclosure to this recipient",
            "{what} hviler ikke på art. 6, stk. 1, litra {letter}, som er det grundlag, der bærer en videregivelse til denne modtager",
        ),
        NOT_AMONG = (
            "no `gdpr 6(1)({letter})` among these",
            "ingen `gdpr 6(1)({letter})` blandt disse",
        ),
        ADD_POINT = (
            "add `gdpr 6(1)({letter})`: {cited} provides for this disclosure and is the statute behind it",
            "tilføj `gdpr 6(1)({letter})`: {cited} hjemler denne videregivelse og er loven bag den",
        ),
        SPECIAL = (
            "special-category data is disclosed to `{recipient}` without an art. 9(2) condition",
            "særlige kategorier af personoplysninger videregives til `{recipient}`, uden at en af undtagelserne i art. 9, stk. 2, er angivet",
        ),
        SPECIAL_LABEL = (
            "`{name}` is special-category data",
            "`{name}` er en særlig kategori af personoplysninger",
        ),
        SPECIAL_HELP = (
            "add the art. 9(2) condition for the disclosure after `under`; typical here: {typical}",
            "tilføj betingelsen i art. 9, stk. 2, for videregivelsen efter `under`; typisk her: {typical}",
        ),
    }
}

/// The first cited § of a Danish act that, as the law data records it and verified, provides for
/// disclosure to `kind`, and whether it lays down a duty (art. 6(1)(c)) rather than a task.
fn statute_for(bases: &[LegalRef], kind: RecipientKind) -> Option<(&LegalRef, bool)> {
    bases.iter().find_map(|b| match b {
        LegalRef::Provision { act, .. } if *act != ActId::Gdpr => {
            let p = b.provision()?;
            let fits = p.verified && p.discloses.iter().any(|d| d.to == kind.keyword());
            fits.then_some((b, p.lays_down == Some(LaysDown::Duty)))
        }
        _ => None,
    })
}

fn carries_disclosure(basis: &LegalRef) -> bool {
    basis.gdpr_letter("6", 1).is_some() || basis.is(ActId::Dbl, "8", Some(2), None)
}

/// The provisions a finding on this disclosure lists: those that fit its kind of recipient, then
/// those its data adds (art. 9(2) for special-category data when `special`, DBL § 8, stk. 2 for
/// criminal-offence data).
fn provisions(
    grounds: &RecipientGrounds,
    special: bool,
    criminal: bool,
    base: bool,
) -> Vec<(&str, &str)> {
    let table = disclosure_grounds();
    let mut list: Vec<&Cited> = Vec::new();
    if base {
        list.extend(&grounds.provisions);
    }
    if special {
        list.extend(&grounds.special);
    }
    if criminal {
        list.extend(&table.criminal);
    }
    list.into_iter()
        .map(|(act, p)| (act.as_str(), p.as_str()))
        .collect()
}

impl Rule for DisclosureBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let table = disclosure_grounds();
        for activity in cx.activities {
            for disclosure in &activity.disclosures {
                let recipient = model.recipient(disclosure.recipient.id);
                let grounds = table.of(recipient.kind);
                // Handing people their own data is no disclosure to a third party.
                if !grounds.needs_basis {
                    continue;
                }
                let special = disclosure
                    .data
                    .iter()
                    .find(|d| model.data(d.id).is_special());
                // Declared criminal, or used as such in the activity and handed to the police.
                let criminal = activity.criminal_disclosed(model, disclosure).is_some();
                // Worded only when there is a finding: most disclosures have none.
                let label = || basis_lists::disclosed_to(lang, recipient);
                // Several disclosures to one recipient are told apart by their condition.
                let what = || match &disclosure.condition {
                    Some(when) => tr!(
                        lang,
                        text::THE_DISCLOSURE_WHEN,
                        recipient = recipient.name.node,
                        when = when.node
                    ),
                    None => tr!(lang, text::THE_DISCLOSURE, recipient = recipient.name.node),
                };
                let add = || match special {
                    Some(_) => tr!(
                        lang,
                        text::ADD_WITH_SPECIAL,
                        typical = grounds.typical(lang),
                        special = grounds.special_typical(lang)
                    ),
                    None => tr!(lang, text::ADD, typical = grounds.typical(lang)),
                };
                if !disclosure.basis.iter().any(carries_disclosure) {
                    let message = if disclosure.basis.is_empty() {
                        text::NO_BASIS
                    } else {
                        text::NO_GROUND
                    };
                    // A cited § that provides for this disclosure is the statute behind it: the help
                    // names the point of art. 6(1) that goes with it.
                    let statute = (special.is_none())
                        .then(|| statute_for(&disclosure.basis, recipient.kind))
                        .flatten();
                    let add = || match statute {
                        Some((cited, duty)) => tr!(
                            lang,
                            text::ADD_POINT,
                            letter = grounds.required.unwrap_or(if duty { 'c' } else { 'e' }),
                            cited = legal_ref(lang, cited)
                        ),
                        None => add(),
                    };
                    let finding = cx
                        .finding(
                            tr!(lang, message, what = what()),
                            disclosure.recipient.span,
                            label(),
                        )
                        .with_secondary(disclosure.span, tr!(lang, text::OWN_BASIS))
                        .with_help(add());
                    let finding = cx.with_provisions(
                        finding,
                        provisions(grounds, special.is_some(), criminal, true),
                    );
                    cx.report(finding);
                    continue;
                }
                if let Some(letter) = grounds.required
                    && !disclosure
                        .basis
                        .iter()
                        .any(|b| b.is_gdpr("6", 1, Some(letter)))
                {
                    let finding = cx
                        .finding(
                            tr!(lang, text::REQUIRED, what = what(), letter = letter),
                            disclosure.recipient.span,
                            label(),
                        )
                        .with_secondary(
                            disclosure.span,
                            tr!(lang, text::NOT_AMONG, letter = letter),
                        )
                        .with_help(tr!(lang, text::ADD, typical = grounds.typical(lang)));
                    let finding =
                        cx.with_provisions(finding, provisions(grounds, false, criminal, true));
                    cx.report(finding);
                    continue;
                }
                if let Some(special) = special
                    && !disclosure.basis.iter().any(|b| is_art9_condition(b, false))
                {
                    let finding = cx
                        .finding(
                            tr!(lang, text::SPECIAL, recipient = recipient.name.node),
                            special.span,
                            tr!(
                                lang,
                                text::SPECIAL_LABEL,
                                name = model.data(special.id).name.node
                            ),
                        )
                        .with_secondary(disclosure.recipient.span, label())
                        .with_help(tr!(
                            lang,
                            text::SPECIAL_HELP,
                            typical = grounds.special_typical(lang)
                        ));
                    let finding =
                        cx.with_provisions(finding, provisions(grounds, true, false, false));
                    cx.report(finding);
                }
            }
        }
    }
}
