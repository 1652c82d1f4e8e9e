use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::law::LegalRef;
use crate::law::art9::{areas_of_citation, art9_letter, art9_letters, fits};
use crate::law::vocabulary::{Area, SubjectKind};
use crate::semantic::model::{Activity, Model};
use crate::syntax::span::Span;
use crate::tr;
use rustc_hash::FxHashMap;

declare_rule! {
    /// # ART9-FIT: the art. 9(2) condition does not fit the area of work
    ///
    /// ## What it checks
    /// An activity that processes special-category data and cites a point of GDPR art. 9(2)
    /// cites at least one point that fits its field of work. Which point fits which area is
    /// reference data, in `src/law/data/art9.toml`, where a lawyer can review and change it. In
    /// short:
    ///
    /// | point | covers | national law that fills it in | fits |
    /// |---|---|---|---|
    /// | (a) | explicit consent | DBL § 7, stk. 1 | every area but `employment` |
    /// | (b) | employment, social security and social protection law | employment: DBL § 7, stk. 2 and § 12, stk. 1 with the law or collective agreement; social security and social protection: the sector statute (DBL § 7, stk. 2 covers employment law only) | `employment`, `social`, `care` |
    /// | (c) | vital interests of a person who cannot consent | DBL § 7, stk. 1 | `health`, `care`, `social`, `school` |
    /// | (d) | not-for-profit bodies and their members | DBL § 7, stk. 1 | no area of a public authority |
    /// | (e) | data manifestly made public by the data subject | DBL § 7, stk. 1 | every area |
    /// | (f) | legal claims, courts | DBL § 7, stk. 1 | `legal_claims`, `security` (CCTV evidence) |
    /// | (g) | substantial public interest under a sector statute | DBL § 7, stk. 4 with the sector statute | `administration`, `social`, `care`, `school`, `health`, `security` |
    /// | (h) | health and social care by professionals under secrecy | health sector: DBL § 7, stk. 3; social work: art. 9(3) with the sector statute | `health`, `care`, `social` |
    /// | (i) | public health | the sector statute | `health` |
    /// | (j) | archiving, research, statistics | DBL § 10 | `research` |
    ///
    /// The field of work is the activity's `area`. When the activity states none, the rule speaks
    /// only where the conditions cited are all *narrow* ones, (f) legal claims or (d) a
    /// not-for-profit body's members: conditions that describe a situation rather than a field of
    /// work and so cannot carry a public authority's ordinary casework. It then reads the area from
    /// the spec:
    ///
    /// - a law cited in the basis whose field the reference data knows (`law "Lov om social
    ///   service"` → `social`, `folkeskoleloven` → `school`, `sundhedsloven` → `health`, a § of
    ///   tv-overvågningsloven → `security`, DBL § 12 or a collective agreement → `employment`, DBL
    ///   § 10 → `research`; the list is `[[statute]]` in `art9.toml`);
    /// - data subjects who are all the controller's employees → `employment`;
    /// - TV surveillance (`cctv`) → `security`.
    ///
    /// If the condition fits none of the areas found, the finding names them and what was read;
    /// if the spec gives nothing to go on, the finding says that the fit cannot be judged and what
    /// to add. The rule does not fire when the area is `other` (the author has said the areas do
    /// not apply), when a broad condition such as (g) is cited without an area (a guess at the area
    /// should not overrule a condition that may well fit), or when no art. 9(2) point is cited at
    /// all (that is ART9-BASIS). Only GDPR points are read: a Danish provision such as `dbl 7(3)`
    /// cited without `gdpr 9(2)(h)` is not matched to a point.
    ///
    /// ## Why it matters
    /// Each point of art. 9(2) lifts the prohibition of art. 9(1) only for the situation it describes.
    /// A condition that does not fit the processing is no condition: art. 9(2)(f) (legal claims)
    /// covers a dispute, not the running of a social department, and employees' consent is presumed
    /// not to be freely given. Public authorities' social, care and school work normally rests on
    /// (b), (g) or (h) with the sector statute; Datatilsynet found, for example, that a
    /// municipality's AI for rehabilitation in health and care could rest on art. 6(1)(e) and
    /// 9(2)(g) with serviceloven as the supplementary national basis (opinion of 17 November 2023,
    /// j.nr. 2023-212-0015).
    ///
    /// The Danish provisions are narrower than the points they fill in, and the help names the
    /// right one for the area: Databeskyttelsesloven § 7, stk. 2 covers "arbejdsretlige
    /// forpligtelser og specifikke rettigheder", employment law only, so (b) in social security
    /// and social protection rests on the sector statute itself; § 7, stk. 3 requires processing
    /// by "en person inden for sundhedssektoren, der efter lovgivningen er undergivet
    /// tavshedspligt", so (h) in social case work rests on art. 9(3) and the sector statute.
    ///
    /// A notice that gives (f) as its general art. 9 ground for every department (a common
    /// pattern) states no `area`, which is why the rule also works without one: the DPO must hear
    /// of it either way.
    ///
    /// The finding is a warning, also where the area is stated: whether a condition fits is a
    /// judgement that the reference data makes once for all specs, and the tool sees only the
    /// words of the spec. An activity may really involve the narrow situation (a department
    /// that also defends claims), and the processing may in fact rest on a condition the notice
    /// fails to name, in which case the defect is in the information given (art. 13(1)(c)), not
    /// necessarily in the processing. A warning asks a lawyer to confirm; a missing condition
    /// altogether is an error (ART9-BASIS).
    ///
    /// ## Legal basis
    /// - GDPR art. 9(2) (the conditions), 9(3) (professionals under secrecy) and 9(4) (national
    ///   conditions for genetic, biometric and health data)
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
            "den angivne betingelse i art. 9, stk. 2, kan bære behandlingen inden for dens område",
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
        /// An area in a list of them.
        AREA_WORD = ("`{area}`", "{area}"),
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
        /// The activity states no area; the spec shows it.
        MESSAGE_INFERRED_ONE = (
            "art. 9(2){letters} does not fit activity `{activity}`, whose processing the spec shows to be {areas}",
            "art. 9, stk. 2, litra {letters}, kan ikke bære behandlingen i aktiviteten `{activity}`, som efter specifikationen hører under {areas}",
        ),
        MESSAGE_INFERRED_MANY = (
            "art. 9(2){letters} do not fit activity `{activity}`, whose processing the spec shows to be {areas}",
            "art. 9, stk. 2, litra {letters}, kan ikke bære behandlingen i aktiviteten `{activity}`, som efter specifikationen hører under {areas}",
        ),
        /// The activity states no area and the spec does not show one.
        MESSAGE_UNKNOWN_ONE = (
            "art. 9(2){letters} is the only art. 9(2) condition cited in activity `{activity}`, which states \
             no area of work: whether it fits cannot be judged",
            "art. 9, stk. 2, litra {letters}, er den eneste betingelse i art. 9, stk. 2, der er angivet i \
             aktiviteten `{activity}`, og aktiviteten angiver ikke sit område; det kan ikke vurderes, om \
             betingelsen kan bære behandlingen",
        ),
        MESSAGE_UNKNOWN_MANY = (
            "art. 9(2){letters} are the only art. 9(2) conditions cited in activity `{activity}`, which \
             states no area of work: whether they fit cannot be judged",
            "art. 9, stk. 2, litra {letters}, er de eneste betingelser i art. 9, stk. 2, der er angivet i \
             aktiviteten `{activity}`, og aktiviteten angiver ikke sit område; det kan ikke vurderes, om \
             betingelserne kan bære behandlingen",
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
        EVIDENCE_LAW = (
            "this belongs to {areas} work",
            "dette hører under {areas}",
        ),
        EVIDENCE_EMPLOYEES = (
            "the data subjects are the controller's employees: {areas}",
            "de registrerede er den dataansvarliges ansatte: {areas}",
        ),
        EVIDENCE_CCTV = ("TV surveillance: {areas}", "tv-overvågning: {areas}"),
        HELP_NONE_FITS = (
            "no art. 9(2) condition fits `{area}` processing; check the area",
            "ingen betingelse i art. 9, stk. 2, kan bære behandling inden for {area}; kontrollér området",
        ),
        /// The national law that fills in some points: `for (a), (c): Databeskyttelsesloven § 7, stk. 1`.
        FOR_LETTERS = ("for {letters}: {national}", "for litra {letters}: {national}"),
        HELP_ONE = (
            "art. 9(2){letters} fits `{area}` processing: cite the one relied on, with the national law \
             that fills it in: {provisions}",
            "art. 9, stk. 2, litra {letters}, kan bære behandling inden for {area}: angiv den betingelse, \
             der anvendes, med det nationale grundlag, der udfylder den: {provisions}",
        ),
        HELP_MANY = (
            "art. 9(2){letters} fit `{area}` processing: cite the one relied on, with the national law \
             that fills it in: {provisions}",
            "art. 9, stk. 2, litra {letters}, kan bære behandling inden for {area}: angiv den betingelse, \
             der anvendes, med det nationale grundlag, der udfylder den: {provisions}",
        ),
        /// After the help for an area the spec only shows.
        HELP_OR_AREA = (
            "{help}; if the activity belongs to another field of work, state it with `area`",
            "{help}; hører aktiviteten under et andet område, så angiv det med `area`",
        ),
        HELP_UNKNOWN = (
            "art. 9(2){letters} covers only the situation it describes and cannot carry a public \
             authority's ordinary casework: state the field of work with `area` (such as `social`, \
             `school` or `employment`), or cite the statute the processing rests on, so that the \
             condition can be checked; casework normally rests on (b), (g) or (h) with the sector statute",
            "art. 9, stk. 2, litra {letters}, omfatter kun den situation, bestemmelsen beskriver, og kan \
             ikke bære en myndigheds almindelige sagsbehandling: angiv arbejdsområdet med `area` (fx \
             `social`, `school` eller `employment`), eller angiv den lov, behandlingen sker efter, så \
             betingelsen kan efterprøves; sagsbehandling hviler normalt på litra b, g eller h sammen med \
             sektorloven",
        ),
    }
}

impl Rule for Art9Fit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The runs of activities share the memos of wordings and areas ([`Memos`]).
    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let mut memos = cx.state(Memos::default);
        let Memos {
            helps,
            area_lists,
            law_areas,
        } = &mut *memos;
        for activity in cx.activities {
            let Some(special) = activity.data.iter().find(|d| model.data(d.id).is_special()) else {
                continue;
            };
            let cited: Vec<(char, &LegalRef)> = activity
                .bases
                .iter()
                .filter_map(|b| b.gdpr_letter("9", 2).map(|c| (c, b)))
                .collect();
            let Some(&(first, first_ref)) = cited.first() else {
                continue;
            };
            // Worded only when there is a finding: most activities fit their area.
            let letters = || {
                let letters: Vec<String> = cited.iter().map(|(c, _)| letter(lang, *c)).collect();
                join_or(&letters, &tr!(lang, text::AND))
            };
            let many = cited.len() > 1;
            let special_label =
                || tr!(lang, text::SPECIAL, name = model.data(special.id).name.node);
            let finding = match activity.details().area.as_ref() {
                Some(area) if area.node == Area::Other => continue,
                Some(area) => {
                    if cited.iter().any(|&(c, _)| fits(c, area.node)) {
                        continue;
                    }
                    let message = if many {
                        text::MESSAGE_MANY
                    } else {
                        text::MESSAGE_ONE
                    };
                    cx.finding(
                        tr!(
                            lang,
                            message,
                            letters = letters(),
                            area = area.node.word(lang),
                            activity = activity.name.node
                        ),
                        first_ref.span(),
                        covers(lang, first),
                    )
                    .with_secondary(area.span, tr!(lang, text::AREA))
                    .with_secondary(special.span, special_label())
                    .with_help(helps.of(lang, area.node))
                }
                None => {
                    // Without an area, only narrow conditions are questioned (see the page).
                    if !cited
                        .iter()
                        .all(|&(c, _)| art9_letter(c).is_some_and(|l| l.narrow))
                    {
                        continue;
                    }
                    let evidence = evidence(model, activity, law_areas);
                    let mut areas: Vec<Area> = Vec::new();
                    for e in &evidence {
                        for &a in &e.areas {
                            if !areas.contains(&a) {
                                areas.push(a);
                            }
                        }
                    }
                    match areas.first() {
                        None => {
                            let message = if many {
                                text::MESSAGE_UNKNOWN_MANY
                            } else {
                                text::MESSAGE_UNKNOWN_ONE
                            };
                            cx.finding(
                                tr!(
                                    lang,
                                    message,
                                    letters = letters(),
                                    activity = activity.name.node
                                ),
                                first_ref.span(),
                                covers(lang, first),
                            )
                            .with_secondary(special.span, special_label())
                            .with_help(tr!(
                                lang,
                                text::HELP_UNKNOWN,
                                letters = letters()
                            ))
                        }
                        Some(&main) => {
                            if cited
                                .iter()
                                .any(|&(c, _)| areas.iter().any(|&a| fits(c, a)))
                            {
                                continue;
                            }
                            let message = if many {
                                text::MESSAGE_INFERRED_MANY
                            } else {
                                text::MESSAGE_INFERRED_ONE
                            };
                            let mut finding = cx
                                .finding(
                                    tr!(
                                        lang,
                                        message,
                                        letters = letters(),
                                        areas = area_lists.of(lang, &areas),
                                        activity = activity.name.node
                                    ),
                                    first_ref.span(),
                                    covers(lang, first),
                                )
                                .with_secondary(special.span, special_label());
                            for e in &evidence {
                                let areas = area_lists.of(lang, &e.areas);
                                let label = match e.kind {
                                    Evidence::Law => tr!(lang, text::EVIDENCE_LAW, areas = areas),
                                    Evidence::Employees => {
                                        tr!(lang, text::EVIDENCE_EMPLOYEES, areas = areas)
                                    }
                                    Evidence::Cctv => tr!(lang, text::EVIDENCE_CCTV, areas = areas),
                                };
                                finding = finding.with_secondary(e.span, label);
                            }
                            finding.with_help(tr!(
                                lang,
                                text::HELP_OR_AREA,
                                help = helps.of(lang, main)
                            ))
                        }
                    }
                }
            };
            let mut finding = finding;
            for &(c, other) in &cited[1..] {
                finding = finding.with_secondary(other.span(), covers(lang, c));
            }
            cx.report(finding);
        }
    }
}

/// What in the spec shows an activity's area.
#[derive(Debug, Clone, Copy)]
enum Evidence {
    /// A law cited in the basis whose field the reference data knows.
    Law,
    /// Every group of data subjects is the controller's employees.
    Employees,
    /// The activity is TV surveillance.
    Cctv,
}

struct Found {
    kind: Evidence,
    span: Span,
    areas: Vec<Area>,
}

/// The areas the spec shows for an activity that states none, each with where it shows it: the laws
/// cited (reference data), the kind of data subjects and TV surveillance (reading the spec).
fn evidence<'m>(model: &'m Model, activity: &'m Activity, law_areas: &mut LawAreas) -> Vec<Found> {
    let mut found = Vec::new();
    for basis in &activity.bases {
        let areas = law_areas.of(basis);
        if !areas.is_empty() {
            found.push(Found {
                kind: Evidence::Law,
                span: basis.span(),
                areas,
            });
        }
    }
    if let Some(first) = activity.subjects.first()
        && activity
            .subjects
            .iter()
            .all(|s| model.subjects(s.id).kind == SubjectKind::Employees)
    {
        found.push(Found {
            kind: Evidence::Employees,
            span: first.span,
            areas: vec![Area::Employment],
        });
    }
    if let Some(cctv) = activity.details().cctv {
        found.push(Found {
            kind: Evidence::Cctv,
            span: cctv,
            areas: vec![Area::Security],
        });
    }
    found
}

/// What ART9-FIT words or reads once per check and keeps across the runs of activities.
#[derive(Default)]
struct Memos {
    helps: Helps,
    area_lists: AreaLists,
    law_areas: LawAreas,
}

/// [`areas_of_citation`] of each `law "..."` text read once per check: a spec names the same few
/// statutes in thousands of activities, and matching a text against every statute's names is most
/// of the rule's cost. Other citations are cheap to match and are not kept.
#[derive(Default)]
struct LawAreas(FxHashMap<String, Vec<Area>>);

impl LawAreas {
    fn of(&mut self, citation: &LegalRef) -> Vec<Area> {
        match citation {
            LegalRef::Law { text, .. } => match self.0.get(text.as_str()) {
                Some(areas) => areas.clone(),
                None => {
                    let areas = areas_of_citation(citation);
                    self.0.insert(text.to_string(), areas.clone());
                    areas
                }
            },
            _ => areas_of_citation(citation),
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

/// `` `social` `` or `` `social` or `care` ``.
fn area_list(lang: Lang, areas: &[Area]) -> String {
    let words: Vec<String> = areas
        .iter()
        .map(|a| tr!(lang, text::AREA_WORD, area = a.word(lang)))
        .collect();
    join_or(&words, &tr!(lang, text::OR))
}

/// [`area_list`] for each list of areas worded once per check: a spec's findings name a few lists,
/// each many times. Only the first [`AreaLists::KEPT`] lists are kept, so that a spec of many
/// different lists costs no more than wording each.
#[derive(Default)]
struct AreaLists(Vec<(Vec<Area>, String)>);

impl AreaLists {
    const KEPT: usize = 32;

    fn of(&mut self, lang: Lang, areas: &[Area]) -> String {
        if let Some((_, list)) = self.0.iter().find(|(a, _)| a == areas) {
            return list.clone();
        }
        let worded = area_list(lang, areas);
        if self.0.len() < Self::KEPT {
            self.0.push((areas.to_vec(), worded.clone()));
        }
        worded
    }
}

/// [`help`] for each area worded once per check: it depends on the area alone, and its wording is
/// most of the rule's cost.
#[derive(Default)]
struct Helps(Vec<(Area, String)>);

impl Helps {
    fn of(&mut self, lang: Lang, area: Area) -> String {
        if let Some((_, help)) = self.0.iter().find(|(a, _)| *a == area) {
            return help.clone();
        }
        let worded = help(lang, area);
        self.0.push((area, worded.clone()));
        worded
    }
}

/// The points that fit the area, and the national law that fills each in there, from the reference
/// data.
fn help(lang: Lang, area: Area) -> String {
    let fitting: Vec<_> = art9_letters()
        .iter()
        .filter(|l| l.areas.contains(&area))
        .collect();
    if fitting.is_empty() {
        return tr!(lang, text::HELP_NONE_FITS, area = area.word(lang));
    }
    let letters: Vec<String> = fitting.iter().map(|l| letter(lang, l.letter)).collect();
    // Group the points by their national law, in the order they first appear.
    let mut by_law: Vec<(&str, Vec<String>)> = Vec::new();
    for l in &fitting {
        let national = l.national_in(area, lang);
        if national.is_empty() {
            continue;
        }
        match by_law.iter_mut().find(|(n, _)| *n == national) {
            Some((_, ls)) => ls.push(letter(lang, l.letter)),
            None => by_law.push((national, vec![letter(lang, l.letter)])),
        }
    }
    let provisions: Vec<String> = by_law
        .iter()
        .map(|(national, ls)| {
            let listed = match lang {
                Lang::En => ls.join(", "),
                Lang::Da => join_or(ls, &tr!(lang, text::AND)),
            };
            tr!(
                lang,
                text::FOR_LETTERS,
                national = national,
                letters = listed
            )
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
