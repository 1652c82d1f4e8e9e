use super::{Context, Rule, RuleMeta, basis_lists, declare_rule};
use crate::law::citation::LegalRef;
use crate::tr;

declare_rule! {
    /// # ART6F-PUBLIC-AUTHORITY: a public authority relies on legitimate interests
    ///
    /// ## What it checks
    /// When the controller is a `public authority`, no activity `basis` and no disclosure (`under`)
    /// cites GDPR art. 6(1)(f), legitimate interests.
    ///
    /// ## Why it matters
    /// Art. 6(1), second subparagraph: point (f) "shall not apply to processing carried out by public
    /// authorities in the performance of their tasks". The legislature is to provide the basis for
    /// public authorities' processing by law (recital 47), so an authority rests its tasks on
    /// art. 6(1)(e) (or (c) for a legal obligation) with the statute that lays down the task, not on
    /// its own balancing of interests.
    ///
    /// A spec cannot tell processing "in the performance of its tasks" from the rare processing of an
    /// authority that falls outside them (for example a purely commercial activity). The rule treats
    /// every activity of a public authority as part of its tasks; where that is genuinely not so, the
    /// project may lower the rule's severity, and the reason belongs in the record.
    ///
    /// ## Legal basis
    /// - GDPR art. 6(1), second subparagraph
    /// - GDPR recital 47
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact "Kontaktoplysninger" ordinary
    /// activity newsletter "Nyhedsbrev om vejarbejde" {
    ///   purpose "Information om vejarbejde"
    ///   subjects citizens
    ///   data contact
    ///   basis gdpr 6(1)(f)
    ///   retain all for 1 year
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact "Kontaktoplysninger" ordinary
    /// activity newsletter "Nyhedsbrev om vejarbejde" {
    ///   purpose "Information om vejarbejde"
    ///   subjects citizens
    ///   data contact
    ///   basis gdpr 6(1)(e), law "Lov om offentlige veje"
    ///   retain all for 1 year
    /// }
    /// ```
    pub struct Art6fPublicAuthority {
        code: "ART6F-PUBLIC-AUTHORITY",
        severity: Error,
        summary: (
            "a public authority does not rest its processing on legitimate interests, art. 6(1)(f)",
            "en offentlig myndighed baserer ikke sin behandling på legitime interesser, art. 6, stk. 1, litra f",
        ),
        provisions: [("GDPR", "art. 6(1), second subparagraph")],
    }
    texts {
        AUTHORITY = ("`{controller}` is a public authority", "`{controller}` er en offentlig myndighed"),
        MESSAGE = (
            "{whose} rests on legitimate interests, which a public authority cannot use for its tasks",
            "{whose} hviler på legitime interesser, som en offentlig myndighed ikke kan anvende ved udførelsen af sine opgaver",
        ),
        LABEL = ("art. 6(1)(f), legitimate interests", "art. 6, stk. 1, litra f, legitime interesser"),
        HELP = (
            "rest the processing on `gdpr 6(1)(e)` with the statute that lays down the task (or `gdpr 6(1)(c)` \
             for a legal obligation) instead of `gdpr 6(1)(f)`",
            "lad behandlingen hvile på `gdpr 6(1)(e)` med den lov, der fastlægger opgaven (eller `gdpr 6(1)(c)` \
             for en retlig forpligtelse), i stedet for `gdpr 6(1)(f)`",
        ),
    }
}

impl Rule for Art6fPublicAuthority {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        if !model.controller.public_authority {
            return;
        }
        let authority = tr!(
            lang,
            text::AUTHORITY,
            controller = model.controller.name.node
        );
        basis_lists::each(model, cx.activities, |list| {
            for basis in list.bases().iter().filter(|b| is_6_1_f(b)) {
                report(cx, basis, &list.whose(lang), &authority);
            }
        });
    }
}

fn is_6_1_f(basis: &LegalRef) -> bool {
    basis.is_gdpr("6", 1, Some('f'))
}

fn report(cx: &mut Context<'_>, basis: &LegalRef, whose: &str, authority: &str) {
    let lang = cx.lang;
    let controller = cx.model.controller.name.span;
    let finding = cx
        .finding(
            tr!(lang, text::MESSAGE, whose = whose),
            basis.span(),
            tr!(lang, text::LABEL),
        )
        .with_secondary(controller, authority.to_string())
        .with_help(tr!(lang, text::HELP));
    cx.report(finding);
}
