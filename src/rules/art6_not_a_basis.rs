use super::basis_lists::{self, BasisList};
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::i18n::citation::legal_ref;
use crate::law::ActId;
use crate::law::acts::{BasisRole, LaysDown, Provision};
use crate::law::citation::LegalRef;
use crate::tr;

declare_rule! {
    /// # ART6-NOT-A-BASIS: a provision cited as a basis that is not a lawful basis
    ///
    /// ## What it checks
    /// Every GDPR provision cited in a `basis` (of an activity) or after `under` (of a disclosure) is
    /// either a lawful basis or condition, or a provision legitimately cited alongside one. Which is
    /// which is reference data, not code: `src/law/data/gdpr.toml` gives each article a `basis` role
    /// per paragraph.
    ///
    /// - Lawful bases and conditions: art. 6(1)(a)–(f), art. 9(2)(a)–(j), art. 10, art. 49(1).
    /// - Cited alongside them: the opening clauses and companions art. 6(2), 6(3), 6(4), 7, 8, 9(3),
    ///   9(4), 22(2), 23 and 85–91.
    /// - A duty the GDPR lays on the controller that the law data marks `lays_down = "duty"` (art. 32
    ///   security, art. 15, 30, 33, 34) is accepted when art. 6(1)(c) is cited with it: `gdpr 6(1)(c),
    ///   gdpr 32` is the basis for security logging (art. 6(3)(a)). Beside art. 6(1)(e) only, or with
    ///   no ground, it is reported, and the finding says that it is no basis on its own and that
    ///   art. 6(1)(c) is cited with it if the processing is required to meet the duty.
    /// - Anything else is reported: the principles of art. 5, the duties to inform of art. 13 and 14,
    ///   the prohibition of art. 9(1), and so on.
    ///
    /// Danish provisions (`dbl`, `tvol`, `fvl`, `offl`, `arkivl`), statutes cited as `law "..."` and
    /// collective agreements (`agreement "..."`) are accepted: they are the national law that fills in
    /// a basis. A GDPR citation without a paragraph (`gdpr 6`) is vague rather than wrong and is left
    /// to ART6-BASIS and ART9-BASIS.
    ///
    /// ## Why it matters
    /// Processing is lawful only on one of the grounds of art. 6(1) (and, for special categories, a
    /// condition of art. 9(2)). A notice that lists art. 32 or art. 5 among its "legal bases" tells the
    /// data subject something untrue: those provisions are duties that apply to all processing, not
    /// permissions. Art. 32 is a special case a lawyer knows well: it is a duty, not a permission, but
    /// it is a duty laid down by Union law, and art. 6(3)(a) lets a legal obligation under Union law
    /// carry art. 6(1)(c). Danish practice therefore rests security logging and similar measures on
    /// art. 6(1)(c) with art. 32. Cited that way, art. 32 is right where it is. Beside art. 6(1)(e)
    /// it is not: the public task does not need it, and the data subject is told a "basis" that is
    /// none. So the finding does not advise leaving art. 32 out (the measure may well be required
    /// for security) but citing art. 6(1)(c) with it where it is; where the measure serves another
    /// purpose (crime prevention, documenting a task), art. 32 belongs with the measures
    /// (`security "..."`) and not in the basis. A warning, because the activity may still have a
    /// proper basis next to the misplaced citation.
    ///
    /// ## Legal basis
    /// - GDPR art. 6(1)
    /// - GDPR art. 6(3)(a) (a legal obligation laid down by Union law)
    /// - GDPR art. 13(1)(c) (the legal basis told to the data subject)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects users "Brugere af selvbetjeningen" citizens
    /// data logs "Logoplysninger" ordinary
    /// activity logging "Logning af it-systemer" {
    ///   purpose "Sikkerhed i kommunens it-systemer"
    ///   subjects users
    ///   data logs
    ///   basis gdpr 6(1)(e), gdpr 32, law "Lov om kommunernes styrelse"
    ///   retain all for 6 months
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects users "Brugere af selvbetjeningen" citizens
    /// data logs "Logoplysninger" ordinary
    /// activity logging "Logning af it-systemer" {
    ///   purpose "Sikkerhed i kommunens it-systemer"
    ///   subjects users
    ///   data logs
    ///   basis gdpr 6(1)(e), gdpr 6(1)(c), gdpr 32, law "Lov om kommunernes styrelse"
    ///   retain all for 6 months
    /// }
    /// ```
    pub struct Art6NotABasis {
        code: "ART6-NOT-A-BASIS",
        severity: Warning,
        summary: (
            "every GDPR provision cited as a basis is a lawful basis or condition, or an opening clause cited with one",
            "hver bestemmelse i databeskyttelsesforordningen, der angives som grundlag, er et behandlingsgrundlag, en betingelse eller en åbningsbestemmelse, der angives sammen med et",
        ),
        provisions: [("GDPR", "art. 6(1)")],
    }
    texts {
        /// When the reference data says nothing of what the provision is: its title, in lower case.
        THE_PROVISION_ON = ("the provision on {title}", "bestemmelsen om {title}"),
        MESSAGE = (
            "`{basis}` in the basis of {whose} is not a lawful basis",
            "{basis} er angivet som grundlag for {whose}, men er ikke et behandlingsgrundlag",
        ),
        GROUND = ("the lawful basis relied on", "det behandlingsgrundlag, der anvendes"),
        FIX_GROUND = (
            "leave it out of the basis, which already cites {ground}",
            "udelad den af grundlaget, som allerede angiver {ground}",
        ),
        FIX_NO_GROUND = (
            "cite the basis that obliges or allows the processing instead, e.g. `gdpr 6(1)(c)` for a legal \
             obligation or `gdpr 6(1)(e)` for a public task, with the statute",
            "angiv i stedet det behandlingsgrundlag, der pålægger eller tillader behandlingen, f.eks. `gdpr 6(1)(c)` \
             for en retlig forpligtelse eller `gdpr 6(1)(e)` for en opgave i samfundets interesse, sammen med loven",
        ),
        HELP = (
            "{basis} is {what}, not a lawful basis: {fix}",
            "{basis} er {what}, ikke et behandlingsgrundlag: {fix}",
        ),
        MESSAGE_DUTY = (
            "`{basis}` in the basis of {whose} is no lawful basis on its own",
            "{basis} er angivet som grundlag for {whose}, men er ikke i sig selv et behandlingsgrundlag",
        ),
        HELP_DUTY = (
            "{basis} is {what}, no lawful basis on its own; if the measure is required to meet that duty, \
             cite art. 6(1)(c) with {basis}: add `gdpr 6(1)(c)` to the basis (`gdpr 6(1)(c), {citation}`); \
             if it serves another purpose, {instead}",
            "{basis} er {what} og ikke i sig selv et behandlingsgrundlag; er foranstaltningen nødvendig for at \
             opfylde den forpligtelse, så angiv art. 6, stk. 1, litra c, sammen med {basis}: tilføj `gdpr 6(1)(c)` \
             til grundlaget (`gdpr 6(1)(c), {citation}`); tjener den et andet formål, så {instead}",
        ),
        LEAVE_OUT = ("leave it out of the basis", "udelad den af grundlaget"),
    }
}

fn not_a_basis(basis: &LegalRef) -> Option<&'static crate::law::acts::Provision> {
    let LegalRef::Provision {
        act: ActId::Gdpr,
        number,
        paragraph,
        ..
    } = basis
    else {
        return None;
    };
    let provision = ActId::Gdpr.act().provision(number)?;
    provision
        .basis_role(*paragraph)
        .is_none()
        .then_some(provision)
}

impl Rule for Art6NotABasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        basis_lists::each(cx.model, cx.activities, |list| report(cx, &list));
    }
}

fn report(cx: &mut Context<'_>, list: &BasisList<'_>) {
    let bases = list.bases();
    let lang = cx.lang;
    // Bases of some cases (`basis ... in some cases`) are read with the bases of every case, which
    // apply to those cases too. Asked only for a basis that is none: most lists have no finding.
    let ground = || bases.iter().chain(list.every_case()).find(|b| is_ground(b));
    let obligation = || {
        bases
            .iter()
            .chain(list.every_case())
            .any(|b| b.is_gdpr("6", 1, Some('c')))
    };
    for basis in bases {
        let Some(provision) = not_a_basis(basis) else {
            continue;
        };
        if provision.lays_down == Some(LaysDown::Duty) {
            // A Union-law duty (art. 32) carries art. 6(1)(c) (art. 6(3)(a)).
            if !obligation() {
                report_duty(cx, list, basis, provision);
            }
            continue;
        }
        let what = what_it_is(provision, lang);
        let cited = legal_ref(lang, basis);
        let mut finding = cx.finding(
            tr!(lang, text::MESSAGE, basis = cited, whose = list.whose(lang)),
            basis.span(),
            what.clone(),
        );
        let fix = match ground() {
            Some(ground) => {
                finding = finding.with_secondary(ground.span(), tr!(lang, text::GROUND));
                tr!(lang, text::FIX_GROUND, ground = legal_ref(lang, ground))
            }
            None => tr!(lang, text::FIX_NO_GROUND),
        };
        let mut help = tr!(lang, text::HELP, basis = cited, what = what, fix = fix);
        let instead = provision.instead_in(lang);
        if !instead.is_empty() {
            help.push_str("; ");
            help.push_str(instead);
        }
        cx.report(finding.with_help(help));
    }
}

/// What a provision cited in a basis is, in words: the data's own description, or "the provision on"
/// its title.
fn what_it_is(provision: &Provision, lang: Lang) -> String {
    match provision.what_in(lang) {
        "" => tr!(
            lang,
            text::THE_PROVISION_ON,
            title = provision.title_in(lang).to_lowercase()
        ),
        what => what.to_string(),
    }
}

/// A duty of the GDPR (art. 32) cited without art. 6(1)(c): it is no basis on its own, and it becomes
/// one with art. 6(1)(c) if the measure is required to meet the duty.
fn report_duty(
    cx: &mut Context<'_>,
    list: &BasisList<'_>,
    basis: &LegalRef,
    provision: &'static Provision,
) {
    let lang = cx.lang;
    let what = what_it_is(provision, lang);
    let cited = legal_ref(lang, basis);
    let instead = match provision.instead_in(lang) {
        "" => tr!(lang, text::LEAVE_OUT),
        instead => instead.to_string(),
    };
    let finding = cx
        .finding(
            tr!(
                lang,
                text::MESSAGE_DUTY,
                basis = cited,
                whose = list.whose(lang)
            ),
            basis.span(),
            what.clone(),
        )
        .with_help(tr!(
            lang,
            text::HELP_DUTY,
            basis = cited,
            what = what,
            citation = citation_as_written(basis),
            instead = instead
        ));
    cx.report(finding);
}

/// `gdpr 32(1)`: the citation as a spec writes it, for a help that shows the change.
fn citation_as_written(basis: &LegalRef) -> String {
    let LegalRef::Provision {
        act,
        number,
        paragraph,
        point,
        ..
    } = basis
    else {
        return basis.to_string();
    };
    let mut out = format!("{} {number}", act.keyword());
    if let Some(p) = paragraph {
        out.push_str(&format!("({p})"));
    }
    match point {
        Some(crate::law::citation::Point::Letter(c)) => out.push_str(&format!("({c})")),
        Some(crate::law::citation::Point::Number(n)) => out.push_str(&format!("({n})")),
        None => {}
    }
    out
}

fn is_ground(basis: &LegalRef) -> bool {
    let LegalRef::Provision {
        act: ActId::Gdpr,
        number,
        paragraph,
        point,
        ..
    } = basis
    else {
        return false;
    };
    let Some(provision) = ActId::Gdpr.act().provision(number) else {
        return false;
    };
    (point.is_some() || provision.paragraphs <= 1)
        && provision.basis_role(*paragraph) == Some(BasisRole::Ground)
}
