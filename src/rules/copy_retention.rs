use super::{Context, Rule, RuleMeta, declare_rule};
use crate::semantic::model::Period;
use crate::tr;

declare_rule! {
    /// # COPY-RETENTION: a copy kept by another holder with no period the controller sets
    ///
    /// ## What it checks
    /// Every `copy` statement of an activity gives the copy a period of its own: `copy x kept by
    /// "holder" for 30 days` (or `for 30 days after "..."`). A copy with no period, or with only an
    /// event (`until "brugeren sletter den"`), is reported, once per `copy` statement.
    ///
    /// A `copy` says that some of the activity's data is also kept by another holder than the system
    /// the activity's `retain` covers: Randers Kommune's scan results are kept "af IT og digitalisering
    /// i 30 dage og hos brugeren indtil denne sletter de følsomme/fortrolige informationer". The
    /// `retain` statement gives the 30 days; `copy found_cpr kept by "brugeren" until "brugeren sletter
    /// de følsomme/fortrolige informationer"` gives the user's copy, and this rule reports that it has
    /// no deadline.
    ///
    /// ## Why it matters
    /// Personal data may be kept in a form which permits identification of the data subjects for no
    /// longer than is necessary for the purposes (art. 5(1)(e)), and the controller must be able to show
    /// that it is (art. 5(2)). That holds for every copy the controller is responsible for, not only the
    /// one in the system the notice describes: a copy in an employee's own mailbox or drive is still
    /// processed by the controller, through a person acting under its authority (art. 29). "Until the
    /// user deletes it" leaves the period to the holder; it is no time limit the controller has set,
    /// and the data subjects cannot be told a period or the criteria for one (art. 13(2)(a), 14(2)(a)).
    ///
    /// This is a warning, not an error: whether the event of an `until` is one the controller
    /// controls cannot be read from the spec, and a holder outside the controller (a recipient with
    /// its own controllership) keeps its copy under its own duties. Where the copy is the holder's
    /// responsibility, not the controller's, say so with `allow COPY-RETENTION "why"` in the activity.
    /// Where the controller sets the limit, write it: `copy x kept by "brugeren" for 30 days`.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(e) (storage limitation)
    /// - GDPR art. 5(2) (accountability)
    /// - GDPR art. 13(2)(a) and 14(2)(a) (the period, or the criteria for it, told to the data subjects)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data found_cpr "Cpr. nr. fundet ved scanning af drev og mailkonto" cpr
    /// source drives "Medarbejdernes drev og mailkonti" staff
    /// activity scanning "Scanning af drev og mailkonto" {
    ///   purpose "At understøtte medarbejderne med korrekt håndtering af personoplysninger"
    ///   subjects employees
    ///   data found_cpr
    ///   sources drives
    ///   basis gdpr 6(1)(e), dbl 11(1), dbl 12(1), agreement "Aftale om kontrolforanstaltninger", law "Lov om kommunernes styrelse"
    ///   retain all for 30 days
    ///   copy found_cpr kept by "brugeren" until "brugeren sletter oplysningerne"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects employees "Medarbejdere" employees
    /// data found_cpr "Cpr. nr. fundet ved scanning af drev og mailkonto" cpr
    /// source drives "Medarbejdernes drev og mailkonti" staff
    /// activity scanning "Scanning af drev og mailkonto" {
    ///   purpose "At understøtte medarbejderne med korrekt håndtering af personoplysninger"
    ///   subjects employees
    ///   data found_cpr
    ///   sources drives
    ///   basis gdpr 6(1)(e), dbl 11(1), dbl 12(1), agreement "Aftale om kontrolforanstaltninger", law "Lov om kommunernes styrelse"
    ///   retain all for 30 days
    ///   copy found_cpr kept by "brugeren" for 30 days
    /// }
    /// ```
    pub struct CopyRetention {
        code: "COPY-RETENTION",
        severity: Warning,
        summary: (
            "a copy of data kept by another holder has a period the controller sets",
            "en kopi af oplysninger, som en anden opbevarer, har en frist, den dataansvarlige fastsætter",
        ),
        provisions: [("GDPR", "art. 5(1)(e)"), ("GDPR", "art. 5(2)"), ("GDPR", "art. 13(2)(a)")],
    }
    texts {
        NO_PERIOD = (
            "the copy of {names} kept by \"{holder}\" has no deletion deadline in activity `{activity}`",
            "kopien af {names}, som \"{holder}\" opbevarer, har ingen slettefrist i aktiviteten `{activity}`",
        ),
        NO_PERIOD_LABEL = (
            "no period is given for this copy",
            "der er ikke angivet nogen frist for denne kopi",
        ),
        UNTIL = (
            "the copy of {names} kept by \"{holder}\" is kept until an event, with no deadline the \
             controller sets, in activity `{activity}`",
            "kopien af {names}, som \"{holder}\" opbevarer, opbevares indtil en begivenhed uden en frist, \
             den dataansvarlige fastsætter, i aktiviteten `{activity}`",
        ),
        UNTIL_LABEL = (
            "\"{event}\" leaves the period to the holder",
            "\"{event}\" overlader fristen til den, der opbevarer kopien",
        ),
        HELP = (
            "set the period after which the copy is deleted, e.g. `copy {list} kept by \"{holder}\" for 30 \
             days`; if the copy is the holder's own responsibility, not the controller's, write `allow \
             COPY-RETENTION \"why\"` in the activity",
            "fastsæt den frist, hvorefter kopien slettes, f.eks. `copy {list} kept by \"{holder}\" for 30 \
             days`; er kopien den andens eget ansvar og ikke den dataansvarliges, så skriv `allow \
             COPY-RETENTION \"hvorfor\"` i aktiviteten",
        ),
    }
}

impl Rule for CopyRetention {
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
            for copy in &activity.details().copies {
                let event = match &copy.period {
                    Some(Period::Deadline { .. } | Period::Archive) => continue,
                    Some(Period::Until { event, .. }) => Some(&**event),
                    None => None,
                };
                let names: Vec<&str> = copy
                    .data
                    .iter()
                    .map(|d| model.data(d.id).name.node.as_str())
                    .collect();
                let quoted = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let holder = copy.holder.node.as_str();
                let finding = match event {
                    Some(event) => cx.finding(
                        tr!(
                            lang,
                            text::UNTIL,
                            names = quoted,
                            holder = holder,
                            activity = activity.name.node
                        ),
                        copy.span,
                        tr!(lang, text::UNTIL_LABEL, event = event),
                    ),
                    None => cx.finding(
                        tr!(
                            lang,
                            text::NO_PERIOD,
                            names = quoted,
                            holder = holder,
                            activity = activity.name.node
                        ),
                        copy.span,
                        tr!(lang, text::NO_PERIOD_LABEL),
                    ),
                };
                let help = tr!(lang, text::HELP, list = names.join(", "), holder = holder);
                cx.report(finding.with_help(help));
            }
        }
    }
}
