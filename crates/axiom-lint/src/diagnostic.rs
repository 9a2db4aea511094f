//! Diagnostics: what a rule found, where, and how to fix it. Renderers only read these.

use std::ops::Range;

use crate::registry::{Rule, Severity};

/// A secondary span with a note, such as the other key in a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The bytes it points at.
    pub span: Range<usize>,
    /// What it says there.
    pub message: String,
}

/// Whether applying a fix can change what the configuration means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Keeps the intent: applied by `--fix`.
    Safe,
    /// May change behaviour: applied only with `--unsafe-fixes`.
    Unsafe,
}

/// One text replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Range<usize>,
    /// What replaces them.
    pub replacement: String,
}

/// A machine-applicable fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in the imperative ("Replace with `api`").
    pub title: String,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
    /// Whether `--fix` applies it on its own.
    pub applicability: Applicability,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: Rule,
    /// Its severity (usually the rule's default; some rules grade their findings).
    pub severity: Severity,
    /// One sentence saying what is wrong. Never contains a token body.
    pub message: String,
    /// The bytes that are wrong.
    pub span: Range<usize>,
    /// What the primary span's label says.
    pub label: String,
    /// The JSON pointer of the offending value, when it is a value in the tree.
    pub pointer: Option<String>,
    /// Other places involved.
    pub labels: Vec<Label>,
    /// What to write instead.
    pub help: Option<String>,
    /// A machine-applicable fix.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at `span` with the rule's default severity.
    pub fn new(rule: Rule, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            span,
            label: String::new(),
            pointer: None,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Sets the primary label.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the JSON pointer of the offending value.
    #[must_use]
    pub fn with_pointer(mut self, pointer: &str) -> Self {
        self.pointer = Some(pointer.to_owned());
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_secondary(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets a fix that replaces the primary span.
    #[must_use]
    pub fn with_fix(
        mut self,
        title: impl Into<String>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits: vec![Edit {
                span: self.span.clone(),
                replacement: replacement.into(),
            }],
            applicability,
        });
        self
    }

    /// Sets a fix of one edit, if there is one.
    #[must_use]
    pub fn with_edit(
        mut self,
        title: impl Into<String>,
        edit: Option<Edit>,
        applicability: Applicability,
    ) -> Self {
        if let Some(edit) = edit {
            self = self.with_edits(title, vec![edit], applicability);
        }
        self
    }

    /// Sets a fix made of several edits.
    #[must_use]
    pub fn with_edits(
        mut self,
        title: impl Into<String>,
        edits: Vec<Edit>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
            applicability,
        });
        self
    }

    /// Overrides the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
