use super::{Context, Rule, RuleMeta, declare_rule};
use crate::diagnostic::Severity;
use crate::law::cctv::cctv;
use crate::tr;

const ACT: &str = "Tv-overvågningsloven";

declare_rule! {
    /// # CCTV-GROUND: where the cameras film, checked against tv-overvågningsloven
    ///
    /// ## What it checks
    /// In an activity marked `cctv`, the statements that say where and how the cameras film:
    /// `cameras at PLACE, ...`, `covert`, `signs "..."` and `polcam registered [DATE]`. The places
    /// are the words of `src/law/data/tvol.toml` (`[[cctv.place]]`): `own_entrances`, `own_facades`,
    /// `adjacent_area` (areas immediately next to them), `public_area` (a street, road, square or
    /// similar area used for general traffic), `general_access` (places or premises the public has
    /// access to), `workplace` and `restricted` (neither). The rule reports:
    ///
    /// - a place the stated ground does not cover: `cctv tvol 2d` with `cameras at public_area`
    ///   (§ 2 d allows only areas immediately next to the authority's own entrances and facades), or
    ///   `cctv tvol 2c` with `cameras at adjacent_area` (an error);
    /// - `covert` cameras where the act requires notice of the surveillance: places with general
    ///   access and workplaces (an error for a private controller, § 3, stk. 1; a warning for a
    ///   public authority, whose duty is § 3 a, a text hjemmel has not read);
    /// - cameras at such a place with no `signs "..."` statement: the spec does not say that notice
    ///   is given (a warning: the signs may well be there, the notice does not tell);
    /// - cameras at an area used for general traffic with no `polcam registered` statement (a
    ///   warning: the registration duty of § 2 e is known from the police's own pages, its text was
    ///   not read).
    ///
    /// The rule reads only what the spec states: an activity with no `cameras at` gets none of these
    /// findings, and `cctv` alone keeps meaning "the notice does not say". The ground is checked only
    /// where both the ground and the places are stated. A ground of §§ 2 a or 2 c is surveillance of
    /// an area used for general traffic by its wording, but the rule does not infer the place from it:
    /// write `cameras at public_area` and the registration is asked for.
    ///
    /// ## Why it matters
    /// Tv-overvågningsloven limits where an authority may film areas used for general traffic: § 2 d,
    /// stk. 1 lets public authorities film "arealer, som ligger i umiddelbar tilknytning til egne
    /// bygningers indgange og facader, når tv-overvågningen er klart nødvendig af hensyn til
    /// kriminalitetsbekæmpelse"; a street beyond that needs § 2 a (near a housing area filmed with the
    /// police's permission) or § 2 c (next to a restaurant), both after discussion with the chief of
    /// police, and both only for a municipality. Justitsministeriet has said that filming freely
    /// accessible areas without such a ground is doubtful (REU L 185 (2009-10), svar på spm. 16).
    ///
    /// § 3, stk. 1 requires private persons filming "steder eller lokaler, hvortil der er almindelig
    /// adgang, eller ... arbejdspladser" to give notice "ved skiltning eller på anden tydelig måde";
    /// hidden cameras there break it. For public authorities the same duty is, by a secondary source
    /// (SikkerhedsBranchen), § 3 a; its text was not read, so findings that rest on it are warnings
    /// and marked unverified. GDPR art. 13 asks for the information in any case.
    ///
    /// § 2 e, stk. 1 (as politi.dk describes it): private businesses, public authorities and
    /// associations that film a street, road, square or similar area used for general traffic must
    /// register their cameras in the police's camera register (POLCAM) and report significant
    /// changes; politi.dk names municipalities filming under §§ 2 a and 2 c expressly.
    ///
    /// ## Legal basis
    /// - Tv-overvågningsloven § 2 d, stk. 1
    /// - Tv-overvågningsloven § 2 c, stk. 1
    /// - Tv-overvågningsloven § 3, stk. 1
    /// - Tv-overvågningsloven § 3 a
    /// - Tv-overvågningsloven § 2 e, stk. 1
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects passersby "Forbipasserende" citizens
    /// data video "Videooptagelser" ordinary
    /// activity square_cameras "Tv-overvågning af torvet" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   subjects passersby
    ///   data video
    ///   basis gdpr 6(1)(e), tvol 2d(1)
    ///   retain all for 30 days
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   cctv tvol 2d
    ///   cameras at own_entrances, public_area
    ///   signs "Der er skiltet med tv-overvågning"
    ///   polcam registered 2024-03-01
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects passersby "Forbipasserende" citizens
    /// data video "Videooptagelser" ordinary
    /// activity square_cameras "Tv-overvågning af torvet" {
    ///   purpose "Kriminalitetsforebyggelse"
    ///   subjects passersby
    ///   data video
    ///   basis gdpr 6(1)(e), tvol 2d(1)
    ///   retain all for 30 days
    ///   dpia "Konsekvensanalyse for tv-overvågning, 2024-02-01"
    ///   cctv tvol 2d
    ///   cameras at own_entrances, adjacent_area
    ///   signs "Der er skiltet med tv-overvågning"
    ///   polcam registered 2024-03-01
    /// }
    /// ```
    pub struct CctvGround {
        code: "CCTV-GROUND",
        severity: Warning,
        summary: (
            "the places TV surveillance films fit its ground, notice is given, and cameras on public areas are registered",
            "de steder, tv-overvågningen filmer, passer til hjemlen, der gives oplysning om den, og kameraer på offentlige arealer er registreret",
        ),
        provisions: [
            ("Tv-overvågningsloven", "§ 2 d, stk. 1"),
            ("Tv-overvågningsloven", "§ 3, stk. 1"),
            ("Tv-overvågningsloven", "§ 3 a"),
            ("Tv-overvågningsloven", "§ 2 e, stk. 1"),
        ],
    }
    texts {
        OUTSIDE = (
            "activity `{activity}` films {what}, which tv-overvågningsloven {ground} does not allow",
            "aktiviteten `{activity}` filmer {what}, hvilket tv-overvågningslovens {ground} ikke giver adgang til",
        ),
        OUTSIDE_LABEL = (
            "`{place}` is not among the places {ground} covers",
            "`{place}` er ikke blandt de steder, {ground} omfatter",
        ),
        GROUND_LABEL = ("the surveillance rests on {ground}", "overvågningen hviler på {ground}"),
        OUTSIDE_HELP = (
            "{ground} covers {covered}; film only those, or name the § that allows filming `{place}` (`cctv tvol 2a` or `cctv tvol 2c` for a municipality's surveillance of an area used for general traffic, after discussion with the police)",
            "{ground} omfatter {covered}; film kun dem, eller angiv den bestemmelse, der giver adgang til at filme `{place}` (`cctv tvol 2a` eller `cctv tvol 2c` for en kommunes overvågning af et område med almindelig færdsel, efter drøftelse med politiet)",
        ),
        COVERT = (
            "activity `{activity}` films {what} with covert cameras",
            "aktiviteten `{activity}` filmer {what} med skjulte kameraer",
        ),
        COVERT_LABEL = (
            "tv-overvågningsloven {duty} requires notice by signs or otherwise here",
            "tv-overvågningslovens {duty} kræver her oplysning ved skiltning eller på anden tydelig måde",
        ),
        COVERT_HELP = (
            "give notice of every camera that films places with general access or workplaces (`signs \"...\"`) and remove `covert`; hidden filming of employees also needs the notice the collective agreement on control measures requires",
            "giv oplysning om alle kameraer, der filmer steder med almindelig adgang eller arbejdspladser (`signs \"...\"`), og fjern `covert`; skjult overvågning af medarbejdere kræver også den varsling, aftalen om kontrolforanstaltninger kræver",
        ),
        NO_SIGNS = (
            "activity `{activity}` films {what}, but the spec does not say how notice of it is given",
            "aktiviteten `{activity}` filmer {what}, men specen siger ikke, hvordan der gives oplysning om det",
        ),
        NO_SIGNS_LABEL = (
            "tv-overvågningsloven {duty} requires notice by signs or otherwise here",
            "tv-overvågningslovens {duty} kræver her oplysning ved skiltning eller på anden tydelig måde",
        ),
        NO_SIGNS_HELP = (
            "write how notice is given, in the notice's words: `signs \"Der er skiltet med tv-overvågning\"`",
            "skriv, hvordan der gives oplysning, med meddelelsens ord: `signs \"Der er skiltet med tv-overvågning\"`",
        ),
        NO_POLCAM = (
            "activity `{activity}` films {what}, but the spec does not say the cameras are registered in POLCAM",
            "aktiviteten `{activity}` filmer {what}, men specen siger ikke, at kameraerne er registreret i POLCAM",
        ),
        NO_POLCAM_LABEL = (
            "cameras filming an area used for general traffic are registered in the police's camera register (tv-overvågningsloven {duty})",
            "kameraer, der filmer et område med almindelig færdsel, registreres i Politiets Kameraregister (tv-overvågningslovens {duty})",
        ),
        NO_POLCAM_HELP = (
            "register the cameras in POLCAM (politi.dk, \"Registrer dine overvågningskameraer\") and write `polcam registered` (with the date, if known: `polcam registered 2024-03-01`)",
            "registrér kameraerne i POLCAM (politi.dk, \"Registrer dine overvågningskameraer\"), og skriv `polcam registered` (med datoen, hvis den kendes: `polcam registered 2024-03-01`)",
        ),
        PLACES = ("the cameras film here", "kameraerne filmer her"),
        AND = (" and ", " og "),
    }
}

impl Rule for CctvGround {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let data = cctv();
        let public = model.controller.public_authority;
        let signs_duty = if public {
            &data.signs_public
        } else {
            &data.signs
        };
        for activity in cx.activities {
            let details = activity.details();
            if details.cctv.is_none() || details.cameras.is_empty() {
                continue;
            }
            let Some(places_span) = details.cameras_span else {
                continue;
            };
            let name = activity.name.node.as_str();
            // The stated ground does not cover a stated place.
            if let Some(ground) = &details.cctv_ground {
                let cited = ground.node.cited();
                for place in details
                    .cameras
                    .iter()
                    .filter(|p| !ground.node.covers(p.node))
                {
                    let covered = ground
                        .node
                        .covers
                        .iter()
                        .map(|w| format!("`{w}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let mut finding = cx
                        .finding(
                            tr!(
                                lang,
                                text::OUTSIDE,
                                activity = name,
                                what = place.node.what_in(lang),
                                ground = cited
                            ),
                            place.span,
                            tr!(
                                lang,
                                text::OUTSIDE_LABEL,
                                place = place.node.word,
                                ground = cited
                            ),
                        )
                        .with_secondary(ground.span, tr!(lang, text::GROUND_LABEL, ground = cited))
                        .with_help(tr!(
                            lang,
                            text::OUTSIDE_HELP,
                            ground = cited,
                            covered = covered,
                            place = place.node.word
                        ));
                    finding.severity = Severity::Error;
                    let finding = cx.with_provisions(finding, [(ACT, format!("{cited}, stk. 1"))]);
                    cx.report(finding);
                }
            }
            // Places where the act requires notice.
            let noticed: Vec<&str> = details
                .cameras
                .iter()
                .filter(|p| p.node.signs)
                .map(|p| p.node.what_in(lang))
                .collect();
            if !noticed.is_empty() {
                let what = noticed.join(tr!(lang, text::AND).as_str());
                if let Some(covert) = details.covert {
                    let mut finding = cx
                        .finding(
                            tr!(lang, text::COVERT, activity = name, what = what),
                            covert,
                            tr!(lang, text::COVERT_LABEL, duty = signs_duty.cited),
                        )
                        .with_secondary(places_span, tr!(lang, text::PLACES))
                        .with_help(tr!(lang, text::COVERT_HELP));
                    if !public {
                        finding.severity = Severity::Error;
                    }
                    let finding = cx.with_provisions(finding, [(ACT, signs_duty.cited.as_str())]);
                    cx.report(finding);
                } else if details.signs.is_none() {
                    let finding = cx
                        .finding(
                            tr!(lang, text::NO_SIGNS, activity = name, what = what),
                            places_span,
                            tr!(lang, text::NO_SIGNS_LABEL, duty = signs_duty.cited),
                        )
                        .with_help(tr!(lang, text::NO_SIGNS_HELP));
                    let finding = cx.with_provisions(finding, [(ACT, signs_duty.cited.as_str())]);
                    cx.report(finding);
                }
            }
            // Areas used for general traffic: registration in POLCAM.
            if details.polcam.is_none() {
                let traffic: Vec<&str> = details
                    .cameras
                    .iter()
                    .filter(|p| p.node.traffic)
                    .map(|p| p.node.what_in(lang))
                    .collect();
                if !traffic.is_empty() {
                    let duty = &data.registration;
                    let finding = cx
                        .finding(
                            tr!(
                                lang,
                                text::NO_POLCAM,
                                activity = name,
                                what = traffic.join(tr!(lang, text::AND).as_str())
                            ),
                            places_span,
                            tr!(lang, text::NO_POLCAM_LABEL, duty = duty.cited),
                        )
                        .with_help(tr!(lang, text::NO_POLCAM_HELP));
                    let finding = cx.with_provisions(finding, [(ACT, duty.cited.as_str())]);
                    cx.report(finding);
                }
            }
        }
    }
}
