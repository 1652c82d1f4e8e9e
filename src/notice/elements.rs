//! The pieces of information art. 13 (data collected from the person) and art. 14 (data obtained
//! otherwise) require the controller to give. Each element's provisions are law data
//! (src/law/data/, with source and date checked).

/// One piece of information art. 13 or 14 requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    /// Art. 13(1)(a), 14(1)(a): the controller's identity and contact details.
    Controller,
    /// Art. 13(1)(b), 14(1)(b): the data protection officer's contact details.
    Dpo,
    /// Art. 13(1)(c), 14(1)(c): the purposes and the legal basis of the processing.
    PurposesAndBasis,
    /// Art. 13(1)(d), 14(2)(b): the legitimate interests, where art. 6(1)(f) is the basis.
    LegitimateInterests,
    /// Art. 14(1)(d): the categories of personal data (data not collected from the person).
    DataCategories,
    /// Art. 13(1)(e), 14(1)(e): the recipients or categories of recipients.
    Recipients,
    /// Art. 13(1)(f), 14(1)(f): a transfer to a third country, its safeguard and how to get a copy.
    Transfers,
    /// Art. 13(2)(a), 14(2)(a): how long the data is kept, or the criteria.
    Retention,
    /// Art. 13(2)(b), 14(2)(c): the data subject's rights.
    Rights,
    /// Art. 13(2)(c), 14(2)(d): the right to withdraw consent, where consent is a basis.
    WithdrawConsent,
    /// Art. 13(2)(d), 14(2)(e): the right to complain to a supervisory authority.
    Complaint,
    /// Art. 13(2)(e): whether providing the data is a statutory or contractual requirement, and
    /// the consequences of not providing it (data collected from the person only).
    StatutoryRequirement,
    /// Art. 14(2)(f): the source of the data (data not collected from the person only).
    Source,
    /// Art. 13(2)(f), 14(2)(g): automated decisions, including profiling, and their logic.
    AutomatedDecisions,
}
