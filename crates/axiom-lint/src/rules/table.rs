//! The rule table's second expansion: running every rule in table order, and each rule's
//! documentation, taken from the doc comment on its marker type.

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_table};
use crate::rules::Context;

macro_rules! declare_behaviour {
    ($($variant:ident => $code:literal, $name:literal, $severity:ident, $($module:ident)::+;)+) => {
        /// Runs every rule over one file's context.
        pub(crate) fn run_all(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
            $(crate::rules::$($module)::+::check(context, out);)+
        }

        impl Rule {
            fn raw_docs(self) -> &'static str {
                match self { $(Self::$variant => crate::rules::$($module)::+::$variant::DOCS,)+ }
            }
        }
    };
}

rule_table!(declare_behaviour);

impl Rule {
    /// The rule's documentation as Markdown, generated from its doc comment.
    pub fn docs(self) -> String {
        let mut docs = String::new();
        for line in self.raw_docs().lines() {
            docs.push_str(line.strip_prefix(' ').unwrap_or(line));
            docs.push('\n');
        }
        docs
    }

    /// The first sentence of "What it does", for tables.
    pub fn summary(self) -> String {
        let docs = self.docs();
        let body = docs
            .split("## What it does")
            .nth(1)
            .unwrap_or_default()
            .split("##")
            .next()
            .unwrap_or_default();
        let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
        match text.find(". ") {
            Some(end) => text[..=end].to_owned(),
            None => text,
        }
    }
}
