use super::art6_national_law::names_statute;
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::RecipientKind;
use crate::semantic::model::Disclosure;
use crate::tr;

declare_rule! {
    /// # CCTV-DISCLOSURE: TV-surveillance recordings disclosed without a ground of TVOL § 4 c
    ///
    /// ## What it checks
    /// A disclosure from an activity marked `cctv` is one of the three that tv-overvågningsloven
    /// allows:
    ///
    /// - to the police (a recipient of kind `police`), to solve crime;
    /// - with the explicit consent of the person recorded (`under gdpr 6(1)(a)` or `gdpr 9(2)(a)`);
    /// - where a law requires it (`under gdpr 6(1)(c)` with the statute, `law "..."` or a Danish
    ///   provision).
    ///
    /// Any other disclosure is reported, whatever its basis. hjemmel does not check that a disclosure
    /// to the police is made for solving crime, nor that the consent is explicit: the spec says only
    /// `gdpr 6(1)(a)`. Those are for the reader of the record.
    ///
    /// ## Why it matters
    /// Tv-overvågningsloven § 4 c, stk. 1: recordings with personal data made by TV surveillance for
    /// crime prevention may be disclosed only if (1) the data subject has given explicit consent,
    /// (2) the disclosure follows from law, or (3) it is made to the police for solving crime. § 4 d,
    /// stk. 2 applies the same limits to a municipality's recordings under §§ 2 a and 2 c. (§ 4 c,
    /// stk. 2 lets a business share recordings of suspected offenders with other businesses under
    /// strict conditions; that exception is for businesses, not authorities, and is not modelled.)
    /// A general GDPR basis such as art. 6(1)(e) does not widen these limits.
    ///
    /// The rule assumes that an activity marked `cctv` is surveillance covered by § 4 c or § 4 d
    /// (crime prevention, or a municipality's surveillance under §§ 2 a or 2 c). Surveillance for
    /// another purpose may fall outside those §§; then this finding should be read with that in mind.
    /// The limits are the same whichever § the surveillance rests on (`cctv tvol 2d`, `cctv tvol 2a`):
    /// § 4 d, stk. 2 refers to § 4 c, stk. 1, so the rule does not need the ground and does not ask
    /// for it.
    ///
    /// What the rule does not check: § 4 d, stk. 1 also limits the *processing* of a municipality's
    /// recordings under §§ 2 a and 2 c to two cases, the explicit consent of the person recorded, or
    /// processing to promote the safety of the people in the area. Now that a spec can say
    /// `cctv tvol 2a`, this looks checkable, but it cannot be done soundly: a purpose is free text
    /// (`purpose "At forebygge kriminalitet"`), and whether it is "to promote safety" is a legal
    /// reading of the words, not something hjemmel can decide from them; a check on words would report
    /// lawful wordings and pass unlawful ones. A reader of a spec with `cctv tvol 2a` or `cctv tvol 2c`
    /// should check that every purpose is the safety of the people in the area, and that any other use
    /// of the recordings (crime investigation other than by disclosure to the police, use against
    /// employees) rests on explicit consent.
    ///
    /// ## Legal basis
    /// - Tv-overvågningsloven § 4 c, stk. 1
    /// - Tv-overvågningsloven § 4 d, stk. 2
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects visitors "Besøgende" citizens
    /// data video "Videooptagelser" ordinary
    /// recipient insurer "Forsikringsselskab" organisation { country DK }
    /// activity cameras "Tv-overvågning af rådhuset" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   subjects visitors
    ///   data video
    ///   basis gdpr 6(1)(e), law "Lov om tv-overvågning"
    ///   retain all for 30 days
    ///   cctv
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   disclose video to insurer under gdpr 6(1)(e), law "Lov om tv-overvågning" when "ved hærværk"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects visitors "Besøgende" citizens
    /// data video "Videooptagelser" ordinary
    /// recipient police "Politiet" police { country DK }
    /// activity cameras "Tv-overvågning af rådhuset" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   subjects visitors
    ///   data video
    ///   basis gdpr 6(1)(e), law "Lov om tv-overvågning"
    ///   retain all for 30 days
    ///   cctv
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   disclose video to police under gdpr 6(1)(e), law "Lov om tv-overvågning" when "ved hærværk"
    /// }
    /// ```
    pub struct CctvDisclosure {
        code: "CCTV-DISCLOSURE",
        severity: Error,
        summary: (
            "TV-surveillance recordings are disclosed only to the police, with explicit consent, or as a law requires",
            "optagelser fra tv-overvågning videregives kun til politiet, med udtrykkeligt samtykke eller når en lov kræver det",
        ),
        provisions: [("Tv-overvågningsloven", "§ 4 c, stk. 1"), ("Tv-overvågningsloven", "§ 4 d, stk. 2")],
    }
    texts {
        MESSAGE = (
            "surveillance recordings of activity `{activity}` are disclosed to `{recipient}`",
            "optagelser fra tv-overvågningen i aktiviteten `{activity}` videregives til `{recipient}`",
        ),
        LABEL = (
            "`{recipient}` ({kind}) is not the police, and the disclosure rests neither on explicit consent nor on a law that requires it",
            "`{recipient}` ({kind}) er ikke politiet, og videregivelsen hviler hverken på udtrykkeligt samtykke eller på en lov, der kræver den",
        ),
        CCTV = ("this activity is TV surveillance", "denne aktivitet er tv-overvågning"),
        HELP = (
            "disclose recordings only to the police to solve crime (to a recipient of kind `police`: \
             `recipient police \"Politiet\" police`, `disclose ... to police ...`), with the explicit consent of \
             the person recorded (`under gdpr 6(1)(a)`, and say how it is withdrawn: `withdrawal \"...\"`), or where a law requires it \
             (`under gdpr 6(1)(c), law \"...\"`); otherwise remove the disclosure",
            "videregiv kun optagelser til politiet til brug for opklaring af forbrydelser (til en modtager af \
             typen `police`: `recipient police \"Politiet\" police`, `disclose ... to police ...`), med \
             udtrykkeligt samtykke fra den, der er optaget (`under gdpr 6(1)(a)`, og angiv, hvordan samtykket \
             trækkes tilbage: `withdrawal \"...\"`), eller når en lov kræver det \
             (`under gdpr 6(1)(c), law \"...\"`); fjern ellers videregivelsen",
        ),
    }
}

fn allowed(disclosure: &Disclosure, kind: RecipientKind) -> bool {
    kind == RecipientKind::Police
        || disclosure.basis.iter().any(|b| b.is_consent())
        || disclosure
            .basis
            .iter()
            .any(|b| b.is_gdpr("6", 1, Some('c')))
            && disclosure.basis.iter().any(names_statute)
}

impl Rule for CctvDisclosure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in cx.activities {
            let Some(cctv) = activity.details().cctv else {
                continue;
            };
            for disclosure in &activity.disclosures {
                let recipient = model.recipient(disclosure.recipient.id);
                if allowed(disclosure, recipient.kind) {
                    continue;
                }
                let finding = cx
                    .finding(
                        tr!(
                            lang,
                            text::MESSAGE,
                            activity = activity.name.node,
                            recipient = recipient.name.node
                        ),
                        disclosure.recipient.span,
                        tr!(
                            lang,
                            text::LABEL,
                            recipient = recipient.name.node,
                            kind = recipient.kind.word(lang)
                        ),
                    )
                    .with_secondary(cctv, tr!(lang, text::CCTV))
                    .with_help(tr!(lang, text::HELP));
                cx.report(finding);
            }
        }
    }
}
