//! Rules: one rule, one file. Each rule is a small type implementing [`Rule`], declared with
//! [`declare_rule!`] so that its doc comment is also what `tadqiq explain` prints. Three files
//! are helpers, not rules: `support` (data files, folded keys, lines), `report` (the spelling
//! family's findings, built from the word analysis of `crate::spell`) and `names` (the evidence
//! that a flagged word is a name, which `report` weighs before it reports the word).

use crate::diagnostic::{Diagnostic, Severity};
use crate::dict::Dictionary;
use crate::document::Document;
use crate::spell::Analysis;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Id without the `tadqiq/` prefix: `spelling`, `hamza`...
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line for `tadqiq rules`.
    pub summary: &'static str,
    /// The rule's documentation (its doc comment), with an example.
    pub docs: &'static str,
    /// Its findings are mechanical and alike (a hamza left off, a Latin comma, a tatweel): when
    /// a text has many of one kind, `tadqiq check` folds them into one finding (see
    /// [`crate::fold`]).
    pub folds: bool,
}

/// What a rule sees: the document, the dictionary, and the shared per-document word analysis.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub dict: &'a Dictionary,
    pub analysis: &'a Analysis,
    /// What the document says about its flagged words being names (computed on first use).
    names: std::sync::OnceLock<names::DocumentNames>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document<'a>, dict: &'a Dictionary, analysis: &'a Analysis) -> Self {
        Self {
            doc,
            dict,
            analysis,
            names: std::sync::OnceLock::new(),
        }
    }

    /// What the document says about its flagged words being names (computed once, on first
    /// call; see [`names`]).
    pub fn names(&self) -> &names::DocumentNames {
        self.names.get_or_init(|| {
            names::DocumentNames::new(self.doc, self.dict, self.analysis.verdicts())
        })
    }

    /// The real-word error of each word of the document, if any (shared by the context rules).
    pub fn realword(&self) -> &[Option<crate::spell::realword::RealWordFix>] {
        self.analysis.realword(self.doc, self.dict)
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Append this rule's findings (with the rule's default severity) to `out`.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Declare a rule type: its doc comment becomes both rustdoc and `RuleMeta::docs`.
///
/// ```ignore
/// declare_rule! {
///     /// Flags ...
///     pub struct Spelling;
///     id: "spelling", severity: Error, summary: "misspelled words";
/// }
/// ```
///
/// A rule whose findings fold (see [`RuleMeta::folds`]) ends its declaration with
/// `folds: true;`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident;
        id: $id:expr, severity: $sev:ident, summary: $summary:expr;
        $(folds: $folds:literal;)?
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                default_severity: $crate::diagnostic::Severity::$sev,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                folds: false $(|| $folds)?,
            };
        }
    };
}

pub mod alef_maqsura;
pub mod boilerplate;
pub mod confusion;
pub mod consistency;
pub mod hamza;
pub mod hamza_wasl;
pub mod invisible;
pub mod missing_space;
pub mod mixed_digits;
pub mod names;
pub mod number_unit;
pub mod punctuation;
pub mod repeated_sentence;
pub mod repeated_word;
pub mod report;
pub mod spelling;
pub mod squeezed_double;
pub mod support;
pub mod taa_marbuta;
pub mod tatweel;
pub mod unknown_word;
pub mod whitespace;

/// Every rule tadqiq has, in a stable order.
pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(spelling::Spelling),
        Box::new(hamza::Hamza),
        Box::new(hamza_wasl::HamzaWasl),
        Box::new(taa_marbuta::TaaMarbuta),
        Box::new(alef_maqsura::AlefMaqsura),
        Box::new(squeezed_double::SqueezedDouble),
        Box::new(confusion::Confusion),
        Box::new(consistency::Consistency),
        Box::new(missing_space::MissingSpace),
        Box::new(unknown_word::UnknownWord),
        Box::new(number_unit::NumberUnit),
        Box::new(mixed_digits::MixedDigits),
        Box::new(punctuation::Punctuation),
        Box::new(repeated_word::RepeatedWord),
        Box::new(boilerplate::Boilerplate),
        Box::new(repeated_sentence::RepeatedSentence),
        Box::new(whitespace::Whitespace),
        Box::new(invisible::Invisible),
        Box::new(tatweel::Tatweel),
    ]
}

/// Does the rule with this id (without prefix) fold its findings? See [`RuleMeta::folds`].
pub fn folds(id: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static FOLDING: OnceLock<HashSet<&'static str>> = OnceLock::new();
    FOLDING
        .get_or_init(|| {
            all()
                .iter()
                .filter(|r| r.meta().folds)
                .map(|r| r.meta().id)
                .collect()
        })
        .contains(id)
}

/// Look a rule up by id, with or without the `tadqiq/` prefix.
pub fn find(id: &str) -> Option<Box<dyn Rule>> {
    let id = id.strip_prefix("tadqiq/").unwrap_or(id);
    all().into_iter().find(|r| r.meta().id == id)
}
