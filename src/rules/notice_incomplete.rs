use super::{Context, Rule, RuleMeta, declare_rule};
use crate::notice::elements::Element;
use crate::notice::gaps::{NOTICE_INCOMPLETE, articles, gaps};
use crate::tr;

declare_rule! {
    /// # NOTICE-INCOMPLETE: the privacy notice lacks an element art. 13 or 14 requires
    ///
    /// ## What it checks
    /// Where the spec encodes the controller's privacy notice (`privacy notice` in the controller's
    /// `document` block), each activity gives the elements of art. 13 (data collected from the data
    /// subjects) and art. 14 (data obtained from others) that no other rule already asks for:
    ///
    /// - art. 13(2)(e): for data the data subjects hand over themselves (a source of kind
    ///   `data_subject`), whether they must provide it (by law, by contract) or may choose not to,
    ///   and what follows if they do not: `providing required by law "..."`, `providing required by
    ///   contract "..."` or `providing voluntary "..."`. Data collected by observing people (a source
    ///   of kind `system_log`, a camera, a recording) is not handed over, and an activity that names
    ///   no source does not say that its data is; the point is not asked of them;
    /// - art. 13(1)(d), 14(2)(b): where art. 6(1)(f) is a basis (of every case or some cases), the
    ///   legitimate interests pursued: `interests "..."`;
    /// - art. 13(1)(f), 14(1)(f): where the activity's data reaches a party outside the EU/EEA
    ///   under safeguards of art. 46 or 47 (`transfer scc`, `bcr`, `code_of_conduct`,
    ///   `certification`, for a processor, a sub-processor or a recipient), how to get a copy of them
    ///   or where they are made available: `safeguards copy "..."`, once in the controller. An
    ///   adequacy decision or a derogation of art. 49(1) needs no copy; a transfer with no mechanism
    ///   is TRANSFER-UNDECLARED's. It is reported once, at the first such transfer, since one
    ///   statement of the controller gives it for all.
    ///
    /// Which article applies is decided as SOURCE-NOTICE decides it: data from a source of kind
    /// `other_citizens`, `register`, `authority` or `organisation` is obtained from others (art.
    /// 14), unless an exception covers it (`notice exempt gdpr 14(5)(...)` or `dbl 22(...)`); data
    /// from the data subject, from observing them, or from no named source is collected from them
    /// (art. 13).
    ///
    /// The other elements are reported by the rules that already ask for them, once: the controller's
    /// contact details (RECORD-INCOMPLETE), the DPO's (DPO-MISSING), the purposes (PURPOSE-MISSING) and
    /// the basis (ART6-BASIS), the categories of data obtained from others (RECORD-INCOMPLETE), how
    /// long the data is kept (RETENTION-MISSING), the right to withdraw consent (CONSENT-WITHDRAWAL),
    /// and the logic of automated decisions (AUTOMATED-REVIEW). The rights and the right to complain
    /// to Datatilsynet are written by `hjemmel notice` from the law data, and are never missing.
    ///
    /// A spec that names a `document` without `privacy notice` (an agreement, a dated policy) is not
    /// checked: the elements are owed in the notice to the data subjects, not in every document a spec
    /// may describe.
    ///
    /// ## Why it matters
    /// The information of art. 13 and 14 is what a data subject reads: it must be complete, and
    /// incomplete notices are the criticism Datatilsynet most often gives public authorities. Art.
    /// 13(2)(e) lets a citizen know whether an answer is optional and what a refusal costs (an
    /// application that cannot be decided, a benefit that stops); art. 13(1)(d) and 14(2)(b) let them
    /// weigh the interests the controller sets against their own, and object under art. 21(1).
    ///
    /// ## Legal basis
    /// - GDPR art. 13(2)(e) (whether providing the data is a statutory or contractual requirement,
    ///   and the consequences of not providing it)
    /// - GDPR art. 13(1)(d), 14(2)(b) (the legitimate interests, where art. 6(1)(f) is the basis)
    /// - GDPR art. 13(1)(f), 14(1)(f) (transfers to third countries: the safeguards, and how to get a
    ///   copy of them)
    /// - GDPR art. 12(1) (concise, transparent, intelligible information)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Sådan behandler vi dine data" { privacy notice }
    /// }
    /// subjects citizens "Borgere" citizens
    /// data contact "Navn og adresse" ordinary
    /// source applicant "Ansøgeren selv" data_subject
    /// activity housing "Boligstøtte" {
    ///   purpose "Træffe afgørelse om boligstøtte"
    ///   subjects citizens
    ///   data contact
    ///   sources applicant
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   retain contact for 5 years after "sagens afslutning"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Sådan behandler vi dine data" { privacy notice }
    /// }
    /// subjects citizens "Borgere" citizens
    /// data contact "Navn og adresse" ordinary
    /// source applicant "Ansøgeren selv" data_subject
    /// activity housing "Boligstøtte" {
    ///   purpose "Træffe afgørelse om boligstøtte"
    ///   subjects citizens
    ///   data contact
    ///   sources applicant
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   retain contact for 5 years after "sagens afslutning"
    ///   providing required by law "Hvis du ikke giver os oplysningerne, kan vi ikke behandle din ansøgning."
    /// }
    /// ```
    pub struct NoticeIncomplete {
        code: "NOTICE-INCOMPLETE",
        severity: Warning,
        summary: (
            "the privacy notice gives every element of art. 13 and 14 no other rule asks for",
            "privatlivsmeddelelsen giver alle de oplysninger efter art. 13 og 14, som ingen anden regel spørger efter",
        ),
        provisions: [
            ("GDPR", "art. 13(2)(e)"),
            ("GDPR", "art. 13(1)(d)"),
            ("GDPR", "art. 14(2)(b)"),
            ("GDPR", "art. 13(1)(f)"),
            ("GDPR", "art. 14(1)(f)"),
        ],
    }
    texts {
        STATUTORY = (
            "activity `{activity}` does not say whether people must give their data, nor what happens if they do not",
            "aktiviteten `{activity}` angiver ikke, om man har pligt til at give sine oplysninger, og hvad der sker, hvis man ikke gør",
        ),
        STATUTORY_LABEL = (
            "the data subjects give their data here",
            "de registrerede giver selv deres oplysninger her",
        ),
        STATUTORY_HELP = (
            "say it as the notice tells it: `providing required by law \"...\"`, `providing required by \
             contract \"...\"` or `providing voluntary \"...\"`, with what follows if the data is not given, \
             e.g. `providing required by law \"Hvis du ikke giver os oplysningerne, kan vi ikke behandle din ansøgning.\"`",
            "angiv det, som meddelelsen siger det: `providing required by law \"...\"`, `providing required by \
             contract \"...\"` eller `providing voluntary \"...\"`, med hvad der sker, hvis oplysningerne ikke gives, \
             f.eks. `providing required by law \"Hvis du ikke giver os oplysningerne, kan vi ikke behandle din ansøgning.\"`",
        ),
        INTERESTS = (
            "activity `{activity}` rests on legitimate interests but does not say which",
            "aktiviteten `{activity}` bygger på legitime interesser, men angiver ikke hvilke",
        ),
        INTERESTS_LABEL = (
            "art. 6(1)(f) is cited here",
            "art. 6, stk. 1, litra f, er angivet her",
        ),
        INTERESTS_HELP = (
            "say the interests pursued, as the notice tells them: `interests \"...\"`",
            "angiv de interesser, der forfølges, som meddelelsen fortæller dem: `interests \"...\"`",
        ),
        TRANSFERS = (
            "the notice does not say how to get a copy of the safeguards for the transfer of activity `{activity}`",
            "meddelelsen angiver ikke, hvordan man får en kopi af garantierne for overførslen i aktiviteten `{activity}`",
        ),
        TRANSFERS_LABEL = (
            "a transfer under safeguards of art. 46 or 47",
            "en overførsel med garantier efter art. 46 eller 47",
        ),
        TRANSFERS_HELP = (
            "say once, in the controller, how to get a copy of the safeguards or where they are published: \
             `safeguards copy \"...\"`",
            "angiv én gang, i den dataansvarlige, hvordan man får en kopi af garantierne, eller hvor de er \
             offentliggjort: `safeguards copy \"...\"`",
        ),
        NOTICE = (
            "the privacy notice this spec encodes",
            "den privatlivsmeddelelse, denne spec gengiver",
        ),
    }
}

impl Rule for NoticeIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let Some(document) = &model.controller.document else {
            return;
        };
        let Some(privacy_notice) = document.privacy_notice else {
            return;
        };
        // The copy of the safeguards is said once for the controller: one finding, at the first transfer.
        let mut transfers_reported = false;
        for gap in gaps(model) {
            if gap.reported_by != NOTICE_INCOMPLETE {
                continue;
            }
            if gap.element == Element::Transfers {
                if transfers_reported {
                    continue;
                }
                transfers_reported = true;
            }
            let Some(id) = gap.activity else {
                continue;
            };
            let activity = &model.activities[id.index()];
            let name = &activity.name.node;
            let finding = match gap.element {
                Element::StatutoryRequirement => cx
                    .finding(
                        tr!(lang, text::STATUTORY, activity = name),
                        gap.span,
                        tr!(lang, text::STATUTORY_LABEL),
                    )
                    .with_help(tr!(lang, text::STATUTORY_HELP)),
                Element::LegitimateInterests => cx
                    .finding(
                        tr!(lang, text::INTERESTS, activity = name),
                        gap.span,
                        tr!(lang, text::INTERESTS_LABEL),
                    )
                    .with_help(tr!(lang, text::INTERESTS_HELP)),
                Element::Transfers => cx
                    .finding(
                        tr!(lang, text::TRANSFERS, activity = name),
                        gap.span,
                        tr!(lang, text::TRANSFERS_LABEL),
                    )
                    .with_help(tr!(lang, text::TRANSFERS_HELP)),
                _ => continue,
            };
            let finding = finding.with_secondary(privacy_notice, tr!(lang, text::NOTICE));
            // The point of the article that applies: art. 13, 14, or both.
            let applies = articles(model, activity);
            let provisions = [
                applies.art13.then(|| gap.element.provision(true)).flatten(),
                applies
                    .art14
                    .then(|| gap.element.provision(false))
                    .flatten(),
            ];
            let provisions = provisions.into_iter().flatten().map(|p| ("GDPR", p));
            let finding = cx.with_provisions(finding, provisions);
            cx.report(finding);
        }
    }
}
