use super::{Context, Rule, RuleMeta, basis_lists, declare_rule};
use crate::i18n::Lang;
use crate::i18n::citation::legal_ref;
use crate::law::ActId;
use crate::law::acts::{LaysDown, Provision};
use crate::law::citation::LegalRef;
use crate::law::disclosures::disclosure_grounds;
use crate::law::vocabulary::RecipientKind;
use crate::tr;

declare_rule! {
    /// # DISCLOSURE-STATUTE-FIT: a disclosure under a § that provides for disclosure to others
    ///
    /// ## What it checks
    /// A disclosure (`disclose ... to RECIPIENT under ...`) whose basis cites a § of a sector statute
    /// that, as hjemmel's law data records it (`discloses` in `src/law/data/<act>.toml`), provides for
    /// passing personal data on to other kinds of recipient only, not to the kind of this recipient:
    /// `under gdpr 6(1)(e), barnl 132` for data sent to a private organisation, when barnets lov § 132
    /// provides for disclosure to the municipality the child moves to. The finding names the
    /// recipients the § does provide for, in the act's words.
    ///
    /// It fires only where hjemmel can tell:
    ///
    /// - the § is in the law data with `verified = true` (its text was read in a copy of the current
    ///   consolidated act). An unverified entry may list only some of the recipients the § provides
    ///   for, so the rule stays silent rather than warn on data nobody has read;
    /// - no other citation of the basis can be the statute behind the disclosure: a `law "..."`
    ///   (hjemmel cannot read it), a § the data does not list, or another § that provides for
    ///   disclosure to this kind of recipient silences it.
    ///
    /// A cited § that provides for this disclosure counts as the statute behind it: ART6-NATIONAL-LAW
    /// accepts it as the law an art. 6(1)(c) or (e) basis rests on (art. 6(3)), and DISCLOSURE-BASIS
    /// names the point of art. 6(1) that goes with it when the basis has none. Data handed to the
    /// data subject (`data_subject`) is no disclosure and is not checked. One finding per disclosure.
    ///
    /// ## Why it matters
    /// A disclosure is a processing operation of its own, and under art. 6(1)(c) or (e) its basis must
    /// be laid down by law (art. 6(3)). A § that provides for disclosing data to another authority
    /// (a municipality, a hospital) does not provide for disclosing them to a company, a private
    /// person or the public: cited for such a disclosure it is not the law behind it, and the notice
    /// that repeats it tells the data subjects a basis that does not cover what is done with their
    /// data (art. 13(1)(c) and (e), 14(1)(c) and (e)). Either the disclosure rests on another statute,
    /// which the spec should name, or it is a disclosure for a new purpose that needs an art. 6(4)
    /// assessment. It is a warning: the recipient kinds are coarse (a `person` may be the parent the
    /// act names), and the author decides.
    ///
    /// ## Legal basis
    /// - GDPR art. 6(1)(c) and (e), art. 6(3)
    /// - GDPR art. 6(4)
    /// - GDPR art. 13(1)(c) and (e)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data case "Sagsoplysninger" confidential
    /// recipient provider "Privat leverandør" organisation { country DK }
    /// activity child_cases "Børnesager" {
    ///   purpose "Behandling af sager om særlig støtte til børn og unge"
    ///   subjects citizens
    ///   data case
    ///   basis gdpr 6(1)(e), law "Barnets lov"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose case to provider under gdpr 6(1)(c), barnl 132
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data case "Sagsoplysninger" confidential
    /// recipient provider "Privat leverandør" organisation { country DK }
    /// activity child_cases "Børnesager" {
    ///   purpose "Behandling af sager om særlig støtte til børn og unge"
    ///   subjects citizens
    ///   data case
    ///   basis gdpr 6(1)(e), law "Barnets lov"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose case to provider under gdpr 6(1)(c), law "..."
    /// }
    /// ```
    pub struct DisclosureStatuteFit {
        code: "DISCLOSURE-STATUTE-FIT",
        severity: Warning,
        summary: (
            "a § cited for a disclosure provides for disclosure to that kind of recipient",
            "en paragraf, der angives for en videregivelse, hjemler videregivelse til den slags modtager",
        ),
        provisions: [
            ("GDPR", "art. 6(3)"),
            ("GDPR", "art. 6(4)"),
            ("GDPR", "art. 13(1)(c)"),
        ],
    }
    texts {
        MESSAGE = (
            "{cited} is cited for the disclosure to `{recipient}`, a {kind}, but provides for disclosure to {kinds} only",
            "{cited} er angivet for videregivelsen til `{recipient}` ({kind}), men hjemler kun videregivelse til {kinds}",
        ),
        LABEL = ("provides for disclosure to {whom}", "hjemler videregivelse til {whom}"),
        STK = ("{who} (stk. {stk})", "{who}, jf. stk. {stk}"),
        HELP = (
            "name the statute that provides for disclosing the data to `{recipient}` in the disclosure's \
             basis in place of {cited} (`law \"...\"` or its §); if no statute does, the disclosure is \
             one for a new purpose and needs an art. 6(4) compatibility assessment",
            "angiv i videregivelsens grundlag den lov, der hjemler videregivelsen til `{recipient}`, i \
             stedet for {cited} (`law \"...\"` eller paragraffen); hjemler ingen lov den, er \
             videregivelsen til et nyt formål og kræver en vurdering af forenelighed efter art. 6, stk. 4",
        ),
    }
}

/// Whether the § provides for disclosure to `kind`.
fn provides_to(provision: &Provision, kind: RecipientKind) -> bool {
    provision.discloses.iter().any(|d| d.to == kind.keyword())
}

/// Whether `basis` may be the statute behind a disclosure to `kind`, as far as hjemmel can tell: a
/// statute it cannot read (`law "..."`, a § the data does not list) or a § that provides for it.
fn may_carry(basis: &LegalRef, kind: RecipientKind) -> bool {
    match basis {
        LegalRef::Law { .. } => true,
        LegalRef::Agreement { .. } => false,
        LegalRef::Provision { act, .. } => {
            *act != ActId::Gdpr
                && basis.provision().is_none_or(|p| {
                    // A § that lays down the task or duty the disclosure serves, or provides for a
                    // disclosure without saying to whom (offentlighedsloven § 7), may carry it.
                    let task_or_duty = matches!(p.lays_down, Some(LaysDown::Task | LaysDown::Duty));
                    provides_to(p, kind)
                        || p.discloses.is_empty() && (task_or_duty || p.provides_for.is_some())
                })
        }
    }
}

/// The kinds of recipient the § provides for, in words, each once.
fn kinds(provision: &Provision, lang: Lang) -> String {
    let mut words: Vec<&str> = Vec::new();
    for d in &provision.discloses {
        if let Some(kind) = RecipientKind::from_keyword(&d.to) {
            let word = kind.word(lang);
            if !words.contains(&word) {
                words.push(word);
            }
        }
    }
    words.join(", ")
}

/// Whom the § provides for, in the act's words, each once with the stykker that name them.
fn whom(provision: &Provision, lang: Lang) -> String {
    let mut list: Vec<(&str, Vec<&str>)> = Vec::new();
    for d in &provision.discloses {
        let index = match list.iter().position(|(who, _)| *who == d.who) {
            Some(i) => i,
            None => {
                list.push((&d.who, Vec::new()));
                list.len() - 1
            }
        };
        if let Some(stk) = &d.stk {
            list[index].1.push(stk);
        }
    }
    let words: Vec<String> = list
        .into_iter()
        .map(|(who, stk)| match stk.is_empty() {
            true => who.to_string(),
            false => tr!(lang, text::STK, who = who, stk = stk.join(", ")),
        })
        .collect();
    words.join("; ")
}

impl Rule for DisclosureStatuteFit {
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
                let kind = recipient.kind;
                if !table.of(kind).needs_basis
                    || disclosure.basis.iter().any(|b| may_carry(b, kind))
                {
                    continue;
                }
                // The first cited § that provides for disclosure to other recipients only, read in
                // the current text.
                let Some((cited, provision)) = disclosure.basis.iter().find_map(|b| match b {
                    LegalRef::Provision { act, .. } if *act != ActId::Gdpr => {
                        let p = b.provision()?;
                        (p.verified && !p.discloses.is_empty()).then_some((b, p))
                    }
                    _ => None,
                }) else {
                    continue;
                };
                let cited_text = legal_ref(lang, cited);
                let finding = cx
                    .finding(
                        tr!(
                            lang,
                            text::MESSAGE,
                            cited = cited_text,
                            recipient = recipient.name.node,
                            kind = kind.word(lang),
                            kinds = kinds(provision, lang)
                        ),
                        cited.span(),
                        tr!(lang, text::LABEL, whom = whom(provision, lang)),
                    )
                    .with_secondary(
                        disclosure.recipient.span,
                        basis_lists::disclosed_to(lang, recipient),
                    )
                    .with_help(tr!(
                        lang,
                        text::HELP,
                        recipient = recipient.name.node,
                        cited = cited_text
                    ));
                cx.report(finding);
            }
        }
    }
}
