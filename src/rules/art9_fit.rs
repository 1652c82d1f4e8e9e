use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::law::art9::{art9_letter, art9_letters, fits};
use crate::law::vocabulary::Area;
use crate::tr;

declare_rule! {
    /// # ART9-FIT: the art. 9(2) condition does not fit the area of work
    ///
    /// ## What it checks
    /// An activity that processes special-category data and says which field of work it belongs to
    /// (`area social`) cites at least one point of GDPR art. 9(2) that fits that field. Which point
    /// fits which area is reference data, in `src/law/data/art9.toml`, where a lawyer can review and
    /// change it. In short:
    ///
    /// | point | covers | Danish provision | fits |
    /// |---|---|---|---|
    /// | (a) | explicit consent | DBL § 7, stk. 1 | every area but `employment` |
    /// | (b) | employment, social security and social protection law | DBL § 7, stk. 2; § 12 | `employment`, `social`, `care` |
    /// | (c) | vital interests of a person who cannot consent | DBL § 7, stk. 1 | `health`, `care`, `social`, `school` |
    /// | (d) | not-for-profit bodies and their members | DBL § 7, stk. 1 | no area of a public authority |
    /// | (e) | data manifestly made public by the data subject | DBL § 7, stk. 1 | every area |
    /// | (f) | legal claims, courts | DBL § 7, stk. 1 | `legal_claims`, `security` (CCTV evidence) |
    /// | (g) | substantial public interest under a sector statute | DBL § 7, stk. 4 | `administration`, `social`, `care`, `school`, `health`, `security` |
    /// | (h) | health and social care by professionals under secrecy | DBL § 7, stk. 3 | `health`, `care`, `social` |
    /// | (i) | public health | (sector statute) | `health` |
    /// | (j) | archiving, research, statistics | DBL § 10 | `research` |
    ///
    /// The rule does not fire when the activity states no `area`, when the area is `other`, or when
    /// it cites no art. 9(2) point at all (that is ART9-BASIS). Only GDPR points are read: a Danish
    /// provision such as `dbl 7(3)` cited without `gdpr 9(2)(h)` is not matched to a point.
    ///
    /// ## Why it matters
    /// Each point of art. 9(2) lifts the prohibition of art. 9(1) only for the situation it describes.
    /// A condition that does not fit the processing is no condition: art. 9(2)(f) (legal claims)
    /// covers a dispute, not the running of a social department, and employees' consent is presumed
    /// not to be freely given. Public authorities' social, care and school work normally rests on
    /// (b), (g) or (h) with the sector statute and Databeskyttelsesloven § 7; Datatilsynet found, for
    /// example, that a municipality's AI for rehabilitation in health and care could rest on art.
    /// 6(1)(e) and 9(2)(g) with serviceloven as the supplementary national basis (opinion of 17
    /// November 2023, j.nr. 2023-212-0015).
    ///
    /// The fit is a judgement, which the reference data makes once for all specs; the finding is a
    /// warning, for a lawyer to confirm.
    ///
    /// ## Legal basis
    /// - GDPR art. 9(2) (the conditions) and 9(4) (national conditions for genetic, biometric and
    ///   health data)
    /// - Databeskyttelsesloven § 7, stk. 1–4, § 10 and § 12
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data health "Helbredsoplysninger" special(health)
    /// activity social "Sager i socialforvaltningen" {
    ///   purpose "Behandling af ansøgninger om hjælp efter serviceloven"
    ///   subjects citizens
    ///   data health
    ///   basis gdpr 6(1)(e), gdpr 9(2)(f), law "Lov om social service"
    ///   area social
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data health "Helbredsoplysninger" special(health)
    /// activity social "Sager i socialforvaltningen" {
    ///   purpose "Behandling af ansøgninger om hjælp efter serviceloven"
    ///   subjects citizens
    ///   data health
    ///   basis gdpr 6(1)(e), gdpr 9(2)(g), dbl 7(4), law "Lov om social service"
    ///   area social
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    pub struct Art9Fit {
        code: "ART9-FIT",
        severity: Warning,
        summary: (
            "the art. 9(2) condition cited fits the area of the processing",
            "den angivne betingelse i art. 9, stk. 2, passer til behandlingens område",
        ),
        provisions: [
            ("GDPR", "art. 9(2)"),
            ("GDPR", "art. 9(4)"),
            ("Databeskyttelsesloven", "§§ 7, 10, 12"),
        ],
    }
    texts {
        /// One point of art. 9(2) in a list of them: `(f)` after `art. 9(2)`, `f` after `litra`.
        LETTER = ("({letter})", "{letter}"),
        AND = ("and", "og"),
        OR = ("or", "eller"),
        MESSAGE_ONE = (
            "art. 9(2){letters} does not fit `{area}` processing in activity `{activity}`",
            "art. 9, stk. 2, litra {letters}, kan ikke bære behandlingen inden for {area} i aktiviteten `{activity}`",
        ),
        MESSAGE_MANY = (
            "art. 9(2){letters} do not fit `{area}` processing in activity `{activity}`",
            "art. 9, stk. 2, litra {letters}, kan ikke bære behandlingen inden for {area} i aktiviteten `{activity}`",
        ),
        COVERS = (
            "art. 9(2)({letter}) covers {covers}",
            "art. 9, stk. 2, litra {letter}, omfatter {covers}",
        ),
        AREA = ("the area of the processing", "behandlingens område"),
        SPECIAL = (
            "`{name}` is special-category data",
            "`{name}` er en særlig kategori af personoplysninger",
        ),
        HELP_NONE_FITS = (
            "no art. 9(2) condition fits `{area}` processing; check the area",
            "ingen betingelse i art. 9, stk. 2, passer til behandling inden for {area}; kontrollér området",
        ),
        /// A Danish provision and the points it fills in: `§ 7, stk. 1 for (a), (c)`.
        FOR_LETTERS = ("{dbl} for {letters}", "{dbl}, for litra {letters}"),
        HELP_ONE = (
            "art. 9(2){letters} fits `{area}` processing: cite the one relied on, with the sector statute and \
             Databeskyttelsesloven {provisions}",
            "art. 9, stk. 2, litra {letters}, passer til behandling inden for {area}: angiv den betingelse, der \
             anvendes, sammen med sektorloven og databeskyttelseslovens {provisions}",
        ),
        HELP_MANY = (
            "art. 9(2){letters} fit `{area}` processing: cite the one relied on, with the sector statute and \
             Databeskyttelsesloven {provisions}",
            "art. 9, stk. 2, litra {letters}, passer til behandling inden for {area}: angiv den betingelse, der \
             anvendes, sammen med sektorloven og databeskyttelseslovens {provisions}",
        ),
    }
}

impl Rule for Art9Fit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in &model.activities {
            let Some(area) = activity
                .details()
                .area
                .as_ref()
                .filter(|a| a.node != Area::Other)
            else {
                continue;
            };
            let Some(special) = activity.data.iter().find(|d| model.data(d.id).is_special()) else {
                continue;
            };
            let cited: Vec<(char, &crate::law::LegalRef)> = activity
                .bases
                .iter()
                .filter_map(|b| b.gdpr_letter("9", 2).map(|c| (c, b)))
                .collect();
            let Some(&(first, first_ref)) = cited.first() else {
                continue;
            };
            if cited.iter().any(|&(c, _)| fits(c, area.node)) {
                continue;
            }
            let letters: Vec<String> = cited.iter().map(|(c, _)| letter(lang, *c)).collect();
            let message = if letters.len() == 1 {
                text::MESSAGE_ONE
            } else {
                text::MESSAGE_MANY
            };
            let mut finding = cx
                .finding(
                    tr!(
                        lang,
                        message,
                        letters = join_or(&letters, &tr!(lang, text::AND)),
                        area = area.node.word(lang),
                        activity = activity.name.node
                    ),
                    first_ref.span(),
                    covers(lang, first),
                )
                .with_secondary(area.span, tr!(lang, text::AREA))
                .with_secondary(
                    special.span,
                    tr!(lang, text::SPECIAL, name = model.data(special.id).name.node),
                );
            for &(c, other) in &cited[1..] {
                finding = finding.with_secondary(other.span(), covers(lang, c));
            }
            cx.report(finding.with_help(help(lang, area.node)));
        }
    }
}

/// `art. 9(2)(f) covers legal claims ...`, from the reference data.
fn covers(lang: Lang, letter: char) -> String {
    let covers = art9_letter(letter).map_or("", |l| l.covers_in(lang));
    tr!(lang, text::COVERS, letter = letter, covers = covers)
}

fn letter(lang: Lang, letter: char) -> String {
    tr!(lang, text::LETTER, letter = letter)
}

/// The points that fit the area, and the Danish provisions that fill them in, from the reference data.
fn help(lang: Lang, area: Area) -> String {
    let fitting: Vec<_> = art9_letters()
        .iter()
        .filter(|l| l.areas.contains(&area))
        .collect();
    if fitting.is_empty() {
        return tr!(lang, text::HELP_NONE_FITS, area = area.word(lang));
    }
    let letters: Vec<String> = fitting.iter().map(|l| letter(lang, l.letter)).collect();
    // Group the points by the Danish provision, in the order they first appear.
    let mut by_dbl: Vec<(&str, Vec<String>)> = Vec::new();
    for l in fitting.iter().filter(|l| !l.dbl.is_empty()) {
        let dbl = l.dbl_in(lang);
        match by_dbl.iter_mut().find(|(d, _)| *d == dbl) {
            Some((_, ls)) => ls.push(letter(lang, l.letter)),
            None => by_dbl.push((dbl, vec![letter(lang, l.letter)])),
        }
    }
    let provisions: Vec<String> = by_dbl
        .iter()
        .map(|(d, ls)| {
            let listed = match lang {
                Lang::En => ls.join(", "),
                Lang::Da => join_or(ls, &tr!(lang, text::AND)),
            };
            tr!(lang, text::FOR_LETTERS, dbl = d, letters = listed)
        })
        .collect();
    let template = if letters.len() == 1 {
        text::HELP_ONE
    } else {
        text::HELP_MANY
    };
    tr!(
        lang,
        template,
        letters = join_or(&letters, &tr!(lang, text::OR)),
        area = area.word(lang),
        provisions = provisions.join("; ")
    )
}

/// `a`, `a or b`, `a, b or c`.
fn join_or(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}
