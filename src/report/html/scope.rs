//! What the levels of a finding mean legally and what hjemmel does not check: the box at the top of
//! every report, and the page docs/levels.md, written from the same texts ([`markdown`]; a test
//! keeps the page equal to it). This is the one place the meaning of the levels is written; docs/cli.md
//! links to docs/levels.md, and the level words are those of [`crate::report::severity`].

use std::fmt::Write;

use super::escape::{escape, message};
use super::page::Page;
use crate::diagnostic::{Origin, Severity};
use crate::i18n::Lang;
use crate::texts;
use crate::tr;

texts! {
    SCOPE = ("What the levels mean, and what hjemmel does not check", "Hvad niveauerne betyder, og hvad hjemmel ikke kontrollerer"),
    LEVELS = ("What the levels mean", "Hvad niveauerne betyder"),
    ERROR_MEANS = (
        "The spec, as written, shows a likely breach of the GDPR or of Danish data-protection law: something the law requires is missing or contradicted, such as a legal basis that cannot carry the processing or a transfer without a transfer mechanism. Correct the processing, or the spec where it does not describe the processing as it is.",
        "Specifikationen, som den er skrevet, viser en sandsynlig overtrædelse af databeskyttelsesforordningen eller dansk databeskyttelsesret: noget, som reglerne kræver, mangler eller modsiges, fx et behandlingsgrundlag, der ikke kan bære behandlingen, eller en overførsel uden overførselsgrundlag. Ret behandlingen – eller specifikationen, hvor den ikke beskriver behandlingen, som den faktisk er.",
    ),
    WARNING_MEANS = (
        "A point that needs a legal assessment: the spec does not say enough to decide it, or the answer depends on facts hjemmel cannot see. A warning does not say that the law is breached.",
        "Et punkt, der kræver en juridisk vurdering: specifikationen siger ikke nok til at afgøre det, eller svaret afhænger af forhold, som hjemmel ikke kan se. Et sådant fund er ikke en konstatering af, at reglerne er overtrådt.",
    ),
    READS_SPEC_ONLY = (
        "hjemmel reads only the spec, which encodes the controller's own documents: what the spec does not state, hjemmel cannot see. A finding is a reason to look closer, not a legal assessment; a report without findings does not say that the processing is lawful.",
        "hjemmel læser alene specifikationen, som gengiver den dataansvarliges egne dokumenter: hvad specifikationen ikke angiver, kan hjemmel ikke se. Et fund er en anledning til at se nærmere efter, ikke en juridisk vurdering, og en rapport uden fund er ikke en erklæring om, at behandlingen er lovlig.",
    ),
    NOT_CHECKED = ("What hjemmel does not check", "Hvad hjemmel ikke kontrollerer"),
    NOT_RIGHTS = (
        "the data subjects' rights (art. 15–22): how each is handled, and whether the notice describes them correctly",
        "de registreredes rettigheder (art. 15-22): hvordan de håndteres, og om meddelelsen beskriver dem korrekt",
    ),
    NOT_NOTICE = (
        "whether the notice is complete under art. 13 and 14: only some of its items are checked (legal basis, period, recipients, transfers, sources)",
        "om meddelelsen er fuldstændig efter art. 13 og 14: kun nogle af oplysningerne kontrolleres (behandlingsgrundlag, opbevaringsperiode, modtagere, overførsler, kilder)",
    ),
    NOT_SECTOR_LAW = (
        "sector law: for a statute cited in free text, whether it actually lays down the task, the duty or the disclosure; for the sector statutes cited by keyword (such as servl 83), hjemmel relies on what its reference data records of each §, much of it not verified against the official text, and not on the text itself",
        "speciallovgivningen: for en lov anført i fritekst, om den faktisk fastsætter opgaven, pligten eller videregivelsen; for sektorlovene anført med nøgleord (som servl 83) bygger hjemmel på det, dens referencedata angiver om hver §, meget af det ikke kontrolleret mod den officielle tekst, og ikke på selve teksten",
    ),
    NOT_AI_ACT = (
        "the AI Act: the classification of an AI system and the duties of those who deploy it",
        "AI-forordningen: klassificeringen af et AI-system og pligterne for dem, der anvender det",
    ),
    NOT_PROPORTIONALITY = (
        "necessity and proportionality, data minimisation (art. 5(1)(c)) and whether a period is longer than needed, where no rule of law fixes it",
        "nødvendighed og proportionalitet, dataminimering (art. 5, stk. 1, litra c), og om en opbevaringsperiode er længere end nødvendigt, hvor ingen retsregel fastsætter den",
    ),
    NOT_SECURITY = (
        "whether the security measures are appropriate (art. 32): they are recorded, not assessed",
        "om sikkerhedsforanstaltningerne er passende (art. 32): de gengives, men vurderes ikke",
    ),
    NOT_CLASSIFICATION = (
        "whether the data are classed correctly: data the spec calls ordinary may be health data or other special categories (art. 9); only names and labels with words that read as health data are reported",
        "om oplysningerne er klassificeret korrekt: oplysninger, som specifikationen kalder almindelige, kan være helbredsoplysninger eller andre særlige kategorier (art. 9); kun navne og betegnelser med ord, der lyder som helbredsoplysninger, meldes",
    ),
    NOT_CONTRACTS = (
        "the content of data processing agreements (art. 28(3)), of arrangements between joint controllers (art. 26: that one is recorded, with who answers the data subjects and where its essence can be read, is checked) and of transfer clauses, and what the supervision of processors found (that it is recorded, and when, is checked); whether a party is rightly declared a processor, a joint controller or a recipient",
        "indholdet af databehandleraftaler (art. 28, stk. 3), af ordninger mellem fælles dataansvarlige (art. 26: at en ordning er angivet, med hvem der besvarer de registrerede, og hvor dens væsentligste indhold kan læses, kontrolleres) og af overførselsklausuler, og hvad tilsynet med databehandlere viste (at det er registreret, og hvornår, kontrolleres); om en part med rette er angivet som databehandler, fælles dataansvarlig eller modtager",
    ),
    NOT_PRACTICE = (
        "what happens in practice: hjemmel checks the documentation, not the processing itself",
        "hvad der sker i praksis: hjemmel kontrollerer dokumentationen, ikke selve behandlingen",
    ),
}

/// The name of a level as the findings show it (`report::severity`: "mangel", "bør vurderes"),
/// capitalised as a heading: one word for each level in the human output, the report and the docs.
fn level(severity: Severity, lang: Lang) -> String {
    let word = crate::report::severity(severity, Origin::Rule, lang);
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The items of "what hjemmel does not check", in order.
const NOT: &[crate::i18n::Text] = &[
    NOT_RIGHTS,
    NOT_NOTICE,
    NOT_SECTOR_LAW,
    NOT_AI_ACT,
    NOT_PROPORTIONALITY,
    NOT_SECURITY,
    NOT_CLASSIFICATION,
    NOT_CONTRACTS,
    NOT_PRACTICE,
];

/// The box at the top of the report.
pub fn scope_box(out: &mut Page<'_>, lang: Lang) {
    let _ = writeln!(
        out,
        "<section id=\"scope\" class=\"scope\">\n<h2>{}</h2>\n<dl class=\"levels\">\n<dt><span class=\"badge error\">{}</span></dt><dd>{}</dd>\n<dt><span class=\"badge warning\">{}</span></dt><dd>{}</dd>\n</dl>\n<p>{}</p>\n<h3>{}</h3>\n<ul>",
        escape(&tr!(lang, SCOPE)),
        escape(&level(Severity::Error, lang)),
        escape(&tr!(lang, ERROR_MEANS)),
        escape(&level(Severity::Warning, lang)),
        escape(&tr!(lang, WARNING_MEANS)),
        message(&tr!(lang, READS_SPEC_ONLY)),
        escape(&tr!(lang, NOT_CHECKED)),
    );
    for item in NOT {
        let _ = writeln!(out, "<li>{}</li>", escape(&tr!(lang, *item)));
    }
    out.push_str("</ul>\n</section>\n");
}

/// docs/levels.md: the same texts, English then Danish.
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from src/report/html/scope.rs (the box at the top of `hjemmel report`);\n     regenerate with UPDATE_LEVELS_DOC=1 cargo test --test report. -->\n\n",
    );
    for lang in Lang::ALL {
        let _ = writeln!(out, "# {}\n", tr!(lang, SCOPE));
        let _ = writeln!(out, "## {}\n", tr!(lang, LEVELS));
        let _ = writeln!(
            out,
            "**{}.** {}\n",
            level(Severity::Error, lang),
            tr!(lang, ERROR_MEANS)
        );
        let _ = writeln!(
            out,
            "**{}.** {}\n",
            level(Severity::Warning, lang),
            tr!(lang, WARNING_MEANS)
        );
        let _ = writeln!(out, "{}\n", tr!(lang, READS_SPEC_ONLY));
        let _ = writeln!(out, "## {}\n", tr!(lang, NOT_CHECKED));
        for item in NOT {
            let _ = writeln!(out, "- {}", tr!(lang, *item));
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
