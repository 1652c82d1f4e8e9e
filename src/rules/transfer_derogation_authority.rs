use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Text;
use crate::law::vocabulary::Mechanism;
use crate::tr;

declare_rule! {
    /// # TRANSFER-DEROGATION-AUTHORITY: a public authority relies on a derogation closed to it
    ///
    /// ## What it checks
    /// When the controller is a `public authority`, no processor, sub-processor (to any depth) or
    /// recipient outside the EU/EEA (in a third country, or an international organisation) that its
    /// data reaches may rest its transfer on `derogation(a)`
    /// (explicit consent), `derogation(b)` (a contract with the data subject) or `derogation(c)` (a
    /// contract in the data subject's interest). The finding is on the derogation and names the path
    /// the data takes. The other derogations — (d) important reasons of public interest, (e) legal
    /// claims, (f) vital interests, (g) a public register — remain open to an authority and are not
    /// reported.
    ///
    /// Art. 49(3) closes one more ground to public authorities: the compelling legitimate interests of
    /// the second subparagraph of art. 49(1). The language cannot write that ground yet
    /// (`derogation(...)` takes the letters a–g of the first subparagraph only), so this rule cannot
    /// report it.
    ///
    /// Art. 49(3) applies to "activities carried out by public authorities in the exercise of their
    /// public powers". The language does not say which of an authority's activities are not an exercise
    /// of public powers (a municipality's ordinary purchases, say); a transfer of that kind can keep its
    /// derogation if the finding is reviewed and the reason recorded.
    ///
    /// ## Why it matters
    /// A public authority acts under powers the citizen cannot refuse; consent and contract are not
    /// real choices there, and compelling legitimate interests are not a ground an authority may weigh
    /// for itself. Art. 49(3) therefore excludes these derogations for an authority's public tasks: a
    /// transfer to a third country without an adequacy decision then needs appropriate safeguards under
    /// art. 46 (for public bodies, e.g. an administrative arrangement or a legally binding instrument,
    /// art. 46(2)(a), 46(3)(b)) or one of the remaining derogations.
    ///
    /// ## Legal basis
    /// - GDPR art. 49(3)
    /// - GDPR art. 49(1), first subparagraph, points (a)–(c), and second subparagraph
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects citizens "Borgere" citizens
    /// data contact_details "Navn og adresse" ordinary
    /// processor forms "Formularleverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale"
    ///   country IN
    ///   transfer derogation(a)
    /// }
    /// activity applications "Ansøgninger" {
    ///   purpose "Modtage ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data contact_details
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    ///   via forms
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" {
    ///   public authority contact "post@k.dk" dpo { email "dpo@k.dk" }
    ///   document "Fortegnelse" { date 2026-11-01 }
    /// }
    /// subjects citizens "Borgere" citizens
    /// data contact_details "Navn og adresse" ordinary
    /// processor forms "Formularleverandør" {
    ///   supervised 2026-03-01 "ISAE 3000-erklæring for 2025 gennemgået"
    ///   agreement "Databehandleraftale"
    ///   country IN
    ///   transfer scc
    ///   tia "Overførselsvurdering af 2024-03-01"
    /// }
    /// activity applications "Ansøgninger" {
    ///   purpose "Modtage ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data contact_details
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years
    ///   via forms
    /// }
    /// ```
    pub struct TransferDerogationAuthority {
        code: "TRANSFER-DEROGATION-AUTHORITY",
        severity: Error,
        summary: (
            "a public authority does not transfer under the derogations of art. 49(1)(a)-(c)",
            "en offentlig myndighed overfører ikke efter undtagelserne i art. 49, stk. 1, litra a-c",
        ),
        provisions: [("GDPR", "art. 49(3)")],
    }
    texts {
        EXPLICIT_CONSENT = ("explicit consent", "udtrykkeligt samtykke"),
        CONTRACT_WITH = (
            "a contract with the data subject",
            "en kontrakt med den registrerede",
        ),
        CONTRACT_FOR = (
            "a contract in the data subject's interest",
            "en kontrakt i den registreredes interesse",
        ),
        MESSAGE = (
            "public authority transfers to `{destination}` under art. 49(1)({letter}), closed to it",
            "den offentlige myndighed overfører til `{destination}` efter art. 49, stk. 1, litra {letter}, som ikke gælder for den",
        ),
        LABEL = ("derogation for {what}", "undtagelse for {what}"),
        AUTHORITY = (
            "a public authority: art. 49(1)(a)-(c) do not apply to its public powers",
            "en offentlig myndighed: art. 49, stk. 1, litra a-c, gælder ikke for dens udøvelse af offentlig myndighed",
        ),
        HELP = (
            "rest the transfer on an adequacy decision or on safeguards of art. 46 (e.g. `transfer scc` \
             with `tia \"...\"`), or on a derogation open to an authority (`derogation(d)` public \
             interest, `derogation(e)` legal claims, `derogation(f)` vital interests)",
            "lad overførslen hvile på en tilstrækkelighedsafgørelse eller på fornødne garantier efter art. 46 \
             (f.eks. `transfer scc` med `tia \"...\"`) eller på en undtagelse, som en myndighed kan anvende \
             (`derogation(d)` vigtige samfundsinteresser, `derogation(e)` retskrav, `derogation(f)` vitale interesser)",
        ),
    }
}

fn derogation_name(letter: char) -> Option<Text> {
    match letter {
        'a' => Some(text::EXPLICIT_CONSENT),
        'b' => Some(text::CONTRACT_WITH),
        'c' => Some(text::CONTRACT_FOR),
        _ => None,
    }
}

impl Rule for TransferDerogationAuthority {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        if !model.controller.public_authority {
            return;
        }
        for destination in cx.transfers {
            let Some(transfer) = destination.transfer else {
                continue;
            };
            for mechanism in &transfer.mechanisms {
                if mechanism.node.mechanism != Mechanism::Derogation {
                    continue;
                }
                let Some(letter) = mechanism.node.derogation else {
                    continue;
                };
                let Some(what) = derogation_name(letter) else {
                    continue;
                };
                let mut finding = cx
                    .finding(
                        tr!(
                            lang,
                            text::MESSAGE,
                            destination = destination.name,
                            letter = letter
                        ),
                        mechanism.span,
                        tr!(lang, text::LABEL, what = what.get(lang)),
                    )
                    .with_secondary(model.controller.name.span, tr!(lang, text::AUTHORITY));
                for (span, label) in destination.route_labels(model, lang) {
                    finding = finding.with_secondary(span, label);
                }
                let path = destination.path(model, cx.flow, lang);
                cx.report(finding.with_path(path).with_help(tr!(lang, text::HELP)));
            }
        }
    }
}
