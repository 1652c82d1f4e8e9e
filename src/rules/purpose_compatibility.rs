use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::{ActId, LegalRef};
use crate::semantic::model::{Activity, Origin};
use crate::tr;

declare_rule! {
    /// # PURPOSE-COMPATIBILITY: data reused for another purpose without an art. 6(4) assessment
    ///
    /// ## What it checks
    /// An activity that takes data from another activity (`sources other_activity`) for a purpose
    /// that activity does not have states the assessment that the new purpose is compatible with the
    /// one the data were collected for: `compatibility "..."`. A purpose is the same when its text is
    /// the same (ignoring case and surrounding spaces); the activity reusing the data may have fewer
    /// purposes than its source, not others.
    ///
    /// No assessment is asked for when the reusing activity's own basis is consent (`gdpr 6(1)(a)`), or
    /// when it cites a Danish § that itself provides for the disclosure or reuse, as the law data marks
    /// it (`provides_for` in `src/law/data/*.toml`: offentlighedsloven § 7 on access to documents,
    /// forvaltningsloven § 9 on a party's access, arkivloven § 21 on handing records to an archive).
    /// Nor when the reusing activity names, in `compatibility under CITATIONS`, the statute that
    /// provides for this reuse: `compatibility under law "Lov om ... § 12"` or `compatibility under offl
    /// 7`. There the author states that the statute provides for it, so any statute counts; a GDPR
    /// article or a collective agreement does not. An art. 6(4) assessment, `compatibility "..."`,
    /// silences it as before.
    /// A statute cited as `law "..."` in the basis does not silence it: it is the law behind the
    /// activity's task (art. 6(3)), and nothing says it provides for taking data collected for another
    /// purpose. Nor do the general conditions of Databeskyttelsesloven and forvaltningsloven § 28.
    /// Activities without purposes are left to other rules. An activity that reuses data from several
    /// activities gets one finding, with every reused source labelled.
    ///
    /// ## Why it matters
    /// Data collected for specified purposes may not be further processed in a manner incompatible
    /// with them (purpose limitation). Unless the new processing rests on consent or on a law, the
    /// controller must assess compatibility, taking into account the link between the purposes, the
    /// context of collection, the nature of the data, the consequences for the data subjects and the
    /// safeguards (art. 6(4)). Whether a purpose is compatible is a judgement: the finding is a
    /// warning.
    ///
    /// The first words of art. 6(4) exempt processing "based on ... a Union or Member State law which
    /// constitutes a necessary and proportionate measure ... to safeguard the objectives referred to in
    /// Article 23(1)". That is a law that provides for the further processing, not any law the new
    /// activity rests on: the statute behind a municipality's casework does not by itself say that data
    /// from the social department may be used for a survey. So hjemmel accepts only a provision its
    /// law data marks as providing for the disclosure or reuse, and leaves any other statute to the
    /// art. 6(4) assessment, which a careful lawyer would write down in any case.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(b) (purpose limitation)
    /// - GDPR art. 6(4) (compatibility of further processing)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact "Navn og adresse" ordinary
    /// source citizen_self "Borgeren selv" data_subject
    /// activity applications "Ansøgninger om boligstøtte" {
    ///   purpose "Træffe afgørelse om boligstøtte"
    ///   subjects citizens
    ///   data contact
    ///   sources citizen_self
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   retain all for 5 years after "sagens afslutning"
    /// }
    /// activity survey "Tilfredshedsundersøgelse" {
    ///   purpose "Måle borgernes tilfredshed med sagsbehandlingen"
    ///   subjects citizens
    ///   data contact
    ///   sources applications
    ///   notice "Brev med invitationen til undersøgelsen"
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 6 months
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data contact "Navn og adresse" ordinary
    /// source citizen_self "Borgeren selv" data_subject
    /// activity applications "Ansøgninger om boligstøtte" {
    ///   purpose "Træffe afgørelse om boligstøtte"
    ///   subjects citizens
    ///   data contact
    ///   sources citizen_self
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   retain all for 5 years after "sagens afslutning"
    /// }
    /// activity survey "Tilfredshedsundersøgelse" {
    ///   purpose "Måle borgernes tilfredshed med sagsbehandlingen"
    ///   subjects citizens
    ///   data contact
    ///   sources applications
    ///   notice "Brev med invitationen til undersøgelsen"
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   compatibility "Vurdering efter art. 6, stk. 4, af 2025-03-01: kun navn og adresse, frivillig deltagelse"
    ///   retain all for 6 months
    /// }
    /// ```
    pub struct PurposeCompatibility {
        code: "PURPOSE-COMPATIBILITY",
        severity: Warning,
        summary: (
            "data reused from another activity for another purpose has a compatibility assessment or its own basis",
            "oplysninger, der genbruges fra en anden aktivitet til et andet formål, har en vurdering af forenelighed eller deres eget grundlag",
        ),
        provisions: [("GDPR", "art. 5(1)(b)"), ("GDPR", "art. 6(4)")],
    }
    texts {
        MESSAGE_ONE = (
            "data from `{origin}` is reused for another purpose in activity `{activity}`",
            "oplysninger fra `{origin}` genbruges til et andet formål i aktiviteten `{activity}`",
        ),
        MESSAGE_TWO = (
            "data from `{origin}` and one other activity is reused for another purpose in activity `{activity}`",
            "oplysninger fra `{origin}` og én anden aktivitet genbruges til et andet formål i aktiviteten `{activity}`",
        ),
        MESSAGE_MANY = (
            "data from `{origin}` and {n} other activities is reused for another purpose in activity `{activity}`",
            "oplysninger fra `{origin}` og {n} andre aktiviteter genbruges til et andet formål i aktiviteten `{activity}`",
        ),
        COLLECTED_BY = (
            "collected by `{origin}` for other purposes",
            "indsamlet af `{origin}` til andre formål",
        ),
        ORIGINAL_PURPOSE = (
            "the purpose the data were collected for",
            "det formål, oplysningerne blev indsamlet til",
        ),
        NEW_PURPOSE = ("the new purpose", "det nye formål"),
        HELP = (
            "assess whether the new purpose is compatible (art. 6(4): link between the purposes, \
             context, nature of the data, consequences, safeguards) and refer to it with \
             `compatibility \"...\"`, or name the statute that provides for the reuse with \
             `compatibility under law \"...\"`",
            "vurdér, om det nye formål er foreneligt (art. 6, stk. 4: forbindelsen mellem formålene, \
             sammenhængen, oplysningernes karakter, konsekvenserne, garantierne), og henvis til vurderingen med \
             `compatibility \"...\"`, eller angiv den lov, der hjemler genbruget, med `compatibility under law \"...\"`",
        ),
        /// The activity already has a `compatibility under` that names no statute providing for the
        /// reuse: an activity has one `compatibility`, so the help says to replace it, not add one.
        HELP_REPLACE = (
            "write `compatibility \"...\"` in place of this activity's `compatibility under`, which \
             names no statute that provides for the reuse (a GDPR article or an agreement is none), and \
             refer to an assessment of whether the new purpose is compatible (art. 6(4): link between \
             the purposes, context, nature of the data, consequences, safeguards); or name the statute \
             that provides for the reuse with `compatibility under law \"...\"`",
            "skriv `compatibility \"...\"` i stedet for aktivitetens `compatibility under`, der ikke \
             angiver en lov, som hjemler genbruget (en artikel i forordningen eller en aftale er ingen), \
             og henvis til en vurdering af, om det nye formål er foreneligt (art. 6, stk. 4: forbindelsen \
             mellem formålene, sammenhængen, oplysningernes karakter, konsekvenserne, garantierne); eller \
             angiv den lov, der hjemler genbruget, med `compatibility under law \"...\"`",
        ),
    }
}

impl Rule for PurposeCompatibility {
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
            let details = activity.details();
            if details.compatibility.is_some()
                || details.compatibility_under.iter().any(provides_for_reuse)
                || activity.purposes.is_empty()
                // Asked before the bases, whose law data it takes a look-up each to read: most
                // activities reuse no other activity's data.
                || !activity
                    .sources
                    .iter()
                    .any(|s| matches!(s.id, Origin::Activity(_)))
                || activity.bases.iter().any(exempts)
            {
                continue;
            }
            // One finding per activity: the first reused source is the primary label, the others
            // (an activity fed by every department) are listed beside it.
            let reused: Vec<_> = activity
                .sources
                .iter()
                .filter_map(|source| match source.id {
                    Origin::Activity(id) => {
                        let origin = &model.activities[id.index()];
                        new_purpose(activity, origin).map(|new| (source, origin, new))
                    }
                    Origin::Source(_) => None,
                })
                .collect();
            let Some(&(source, origin, new)) = reused.first() else {
                continue;
            };
            let message = match reused.len() {
                1 => tr!(
                    lang,
                    text::MESSAGE_ONE,
                    origin = origin.name.node,
                    activity = activity.name.node
                ),
                2 => tr!(
                    lang,
                    text::MESSAGE_TWO,
                    origin = origin.name.node,
                    activity = activity.name.node
                ),
                n => tr!(
                    lang,
                    text::MESSAGE_MANY,
                    origin = origin.name.node,
                    n = n - 1,
                    activity = activity.name.node
                ),
            };
            let mut finding = cx
                .finding(
                    message,
                    source.span,
                    tr!(lang, text::COLLECTED_BY, origin = origin.name.node),
                )
                .with_secondary(origin.purposes[0].span, tr!(lang, text::ORIGINAL_PURPOSE))
                .with_secondary(new.span, tr!(lang, text::NEW_PURPOSE));
            for (other, other_origin, _) in &reused[1..] {
                finding = finding.with_secondary(
                    other.span,
                    tr!(lang, text::COLLECTED_BY, origin = other_origin.name.node),
                );
            }
            let help = if details.compatibility_under.is_empty() {
                tr!(lang, text::HELP)
            } else {
                tr!(lang, text::HELP_REPLACE)
            };
            cx.report(finding.with_help(help));
        }
    }
}

fn new_purpose<'a>(
    activity: &'a Activity,
    origin: &Activity,
) -> Option<&'a crate::syntax::ast::Text> {
    if origin.purposes.is_empty() {
        return None;
    }
    let same = |a: &str, b: &str| same_words(a.trim(), b.trim());
    activity
        .purposes
        .iter()
        .find(|p| !origin.purposes.iter().any(|o| same(&o.node, &p.node)))
}

/// Whether two purposes read the same but for case: `a.to_lowercase() == b.to_lowercase()`, without
/// making the two strings, since this runs for every source of every activity. `str::to_lowercase`
/// lowercases char by char except for a capital sigma (final or not by its context), so a text
/// with one is lowercased whole as before.
fn same_words(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    // The characters the two share at the start lowercase alike: compare the rest. Purposes of one
    // department share their first words ("Myndighedsudøvelse og sagsbehandling i ...").
    let same_bytes = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let shared = (0..=same_bytes)
        .rev()
        .find(|&at| a.is_char_boundary(at))
        .unwrap_or(0);
    a[shared..]
        .chars()
        .flat_map(char::to_lowercase)
        .eq(b[shared..].chars().flat_map(char::to_lowercase))
}

/// Consent, or a provision the law data marks as providing for the reuse (art. 6(4), first words).
fn exempts(basis: &LegalRef) -> bool {
    basis.is_gdpr("6", 1, Some('a')) || basis.provides_for().is_some()
}

/// A statute named in `compatibility under ...`: the author states that it provides for this reuse,
/// so any statute counts there (`law "..."` or a Danish §), but not a GDPR article or an agreement.
fn provides_for_reuse(citation: &LegalRef) -> bool {
    match citation {
        LegalRef::Law { .. } => true,
        LegalRef::Provision { act, .. } => *act != ActId::Gdpr,
        LegalRef::Agreement { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::same_words;

    /// `same_words` answers as comparing the two texts lowercased whole did.
    #[test]
    fn purposes_compare_as_their_lower_case() {
        let texts = [
            "Myndighedsudøvelse og sagsbehandling",
            "MYNDIGHEDSUDØVELSE OG SAGSBEHANDLING",
            "myndighedsudøvelse og sagsbehandling",
            "Myndighedsudøvelse og sagsbehandling i skolen",
            "Myndighedsudøvelse og sagsbehandling i SKOLEN",
            "Myndighedsudøvelse og sagsbehandling i skolen ",
            "Myndighedsudøvelse og sagsbehandling i Ældreplejen",
            "Myndighedsudøvelse og sagsbehandling i ældreplejen",
            "Myndighedsudøvelse og sagsbehandling i øldreplejen",
            "Løn",
            "LØN",
            "Lon",
            "ΟΔΟΣ",
            "οδος",
            "οδοσ",
            "İ",
            "i̇",
            "i",
            "Straße",
            "STRASSE",
            "",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_words(a, b),
                    a.to_lowercase() == b.to_lowercase(),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
