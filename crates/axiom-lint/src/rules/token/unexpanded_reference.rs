//! AXL213 unexpanded-reference: a reference in a credential field that its consumer sends as
//! literal text.

use ahash::AHashMap as HashMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::dialect::consumer::{Certainty, Expansion, Reference, ReferenceForm, find_references};
use crate::registry::Severity;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::{Consumer, Field, Site};

rule_docs! {
    /// ## What it does
    /// Reports a reference in a credential field (token, org ID, URL, edge) that the program
    /// reading the file does not expand, so the literal text (`${AXIOM_TOKEN}`) is sent as the
    /// value. The program is identified by the file's name and shape (AXIOM.md, "Which
    /// consumers expand references"):
    ///
    /// - error where it certainly passes the text through and nothing overrides it:
    ///   `${{ … }}` outside GitHub workflow and action files, a plain `${V}` in
    ///   `devcontainer.json` (which expands `${localEnv:V}`), `${V}` in wrangler `[vars]`;
    /// - warning where that is undocumented or inferred, or something around the program may
    ///   still fill it in: the Axiom CLI's config (its `AXIOM_*` environment variables override
    ///   fields), Claude Desktop (nothing documented), Cursor and VS Code (a plain `${V}`; VS
    ///   Code's `${env:V}` inside `headers`, an open bug), Zed, Vercel, Netlify, Fly, and
    ///   `${V}` in a Kubernetes `env[].value` (Flux post-build substitution may fill it).
    ///
    /// - warning for a bare `$V` (no braces) read by the OpenTelemetry Collector, which stopped
    ///   expanding it in v0.104.0 (only `${env:V}` and `${V}` since), so `authorization: Bearer
    ///   $AXIOM_TOKEN` sends the text; older collectors still expand it, hence a warning.
    ///
    /// References a program does expand are fine, and so is every reference in a file whose
    /// reader is not known. A bare `$V` is reported only for the OpenTelemetry Collector: other
    /// readers either expand it or are not known to pass it through.
    ///
    /// ## Why is this bad?
    /// Nothing fails until the first request: Axiom then answers 401 or 403 ("invalid token"),
    /// because the token it got is the text `${AXIOM_TOKEN}`. The forms look alike, but each
    /// program has its own: devcontainers read `${localEnv:V}`, the OpenTelemetry Collector
    /// `${env:V}`, Kubernetes `$(V)`, GitHub Actions `${{ … }}` in workflow files only.
    ///
    /// ## Example
    /// ```json
    /// { "containerEnv": { "AXIOM_TOKEN": "${AXIOM_TOKEN}" } }
    /// ```
    /// (in `.devcontainer/devcontainer.json`)
    ///
    /// ## Use instead
    /// ```json
    /// { "containerEnv": { "AXIOM_TOKEN": "${localEnv:AXIOM_TOKEN}" } }
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe, and only in `devcontainer.json`, where one form is certainly right: `${V}`
    /// becomes `${localEnv:V}`, which reads the host's environment when the container is
    /// created; the variable must be set there. Elsewhere the right form depends on where the
    /// value should come from, so there is no fix.
    pub(crate) struct UnexpandedReference;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A field several sites share is judged once, by its first visit. Nearly every field holds
    // no reference its consumer leaves alone, so which visit came first is only worked out
    // when some field does.
    let mut found: Vec<(usize, usize, Diagnostic)> = Vec::new();
    // Neighbouring sites mostly repeat their values for one consumer (`${AXIOM_TOKEN}` and
    // an edge in sink after sink): a value that was fine is fine again, whatever field holds
    // it. The last two fine values are kept, as a site holds a token and a host.
    let mut fine: [Option<(Consumer, bool, &str)>; 2] = [None; 2];
    for_each_visit(
        context.sites,
        |visit, consumer, expansion, field, in_header| {
            let Some(text) = field.text() else {
                return;
            };
            let question = Some((consumer, in_header, text));
            if fine.contains(&question) {
                return;
            }
            match unexpanded(context, expansion, field, in_header) {
                Some(diagnostic) => found.push((visit, field.span.start, diagnostic)),
                None => fine = [question, fine[0]],
            }
        },
    );
    if found.is_empty() {
        return;
    }
    let mut first_visit = HashMap::new();
    for_each_visit(context.sites, |visit, _, _, field, _| {
        first_visit.entry(field.span.start).or_insert(visit);
    });
    out.extend(
        found
            .into_iter()
            .filter(|(visit, start, _)| first_visit.get(start) == Some(visit))
            .map(|(_, _, diagnostic)| diagnostic),
    );
}

/// Calls `visit` with every credential field of every site whose consumer is known, in site
/// order: the visit's number, that consumer's expansion, the field, and whether the field is
/// an HTTP header.
fn for_each_visit<'a>(
    sites: &'a [Site<'a>],
    mut visit: impl FnMut(usize, Consumer, &Expansion, &'a Field<'a>, bool),
) {
    let mut count = 0;
    let mut visit = |consumer, expansion: &Expansion, field, in_header| {
        visit(count, consumer, expansion, field, in_header);
        count += 1;
    };
    for site in sites {
        let Some(expansion) = site.consumer.expansion() else {
            continue;
        };
        for token in &site.tokens {
            visit(
                site.consumer,
                &expansion,
                &token.field,
                token.authorization_header,
            );
        }
        for field in site
            .org_id
            .as_deref()
            .into_iter()
            .chain(site.hosts.iter().map(|host| &host.field))
        {
            visit(site.consumer, &expansion, field, false);
        }
    }
}

fn unexpanded(
    context: &Context<'_>,
    expansion: &Expansion,
    field: &Field<'_>,
    in_header: bool,
) -> Option<Diagnostic> {
    let text = field.text()?;
    // Every reference starts with `$`, which most values (hosts, org IDs) lack.
    let first_dollar = memchr::memchr(b'$', text.as_bytes())?;
    let literal_forms = || {
        expansion.literal.iter().chain(if in_header {
            expansion.literal_in_headers
        } else {
            &[]
        })
    };
    // Most values open no reference in a form this consumer leaves alone (`${V}` where only
    // `${{ … }}` is sent as written): no need to find the references.
    let openings = Openings::of(&text.as_bytes()[first_dollar..]);
    if !literal_forms().any(|(form, _)| openings.may_hold(*form)) {
        return None;
    }
    let (reference, certainty) = find_references(text).into_iter().find_map(|reference| {
        let literal = literal_forms().find(|(form, _)| *form == reference.form)?;
        Some((reference, literal.1))
    })?;
    let span = locate(context, field, text, &reference);
    let written = shown(&text[reference.range.clone()], &reference);
    let severity = match certainty {
        Certainty::Certain => Severity::Error,
        Certainty::Likely => Severity::Warning,
    };
    let hedge = match certainty {
        Certainty::Certain => "",
        Certainty::Likely => " probably",
    };
    let mut diagnostic = Diagnostic::new(
        Rule::UnexpandedReference,
        span.clone().unwrap_or_else(|| field.span()),
        format!(
            "`{}` holds `{written}`, which {}{hedge} does not expand: that text is sent as the value",
            field.key, expansion.name
        ),
    )
    .with_severity(severity)
    .with_label("not expanded here")
    .with_help(expansion.help);
    let rewrite = expansion
        .rewrite_braced_as
        .filter(|_| reference.form == ReferenceForm::Braced && is_identifier(reference.inner));
    if let (Some(namespace), Some(span)) = (rewrite, span) {
        diagnostic = diagnostic.with_fix(
            format!("Read `{}` with `${{{namespace}:…}}`", reference.inner),
            format!("${{{namespace}:{}}}", reference.inner),
            Applicability::Unsafe,
        );
        debug_assert_eq!(diagnostic.span, span);
    }
    Some(diagnostic)
}

/// The reference's own bytes in the file, when the value is written there without escapes.
fn locate(
    context: &Context<'_>,
    field: &Field<'_>,
    text: &str,
    reference: &Reference<'_>,
) -> Option<Range<usize>> {
    let written = context.source.text.get(field.content.clone())?;
    (written == text).then(|| {
        field.content.start + reference.range.start..field.content.start + reference.range.end
    })
}

/// The reference as a message shows it: a default value (`${V:-…}`) may be a secret, so only
/// the part that names the variable is shown.
fn shown(written: &str, reference: &Reference<'_>) -> String {
    // Neither form can carry a default value.
    if matches!(
        reference.form,
        ReferenceForm::GithubExpression | ReferenceForm::Bare
    ) {
        return written.to_owned();
    }
    let skip = match reference.form {
        // `localEnv:V:default`: the name ends at the second colon.
        ReferenceForm::Namespaced | ReferenceForm::Env => {
            reference.inner.find(':').map_or(0, |colon| colon + 1)
        }
        _ => 0,
    };
    let name_end = reference.inner[skip..]
        .find([':', '-', '?', '+', '='])
        .map_or(reference.inner.len(), |end| skip + end);
    let (open, close) = match reference.form {
        ReferenceForm::Parenthesised => ("$(", ")"),
        _ => ("${", "}"),
    };
    let ellipsis = if name_end < reference.inner.len() {
        ":…"
    } else {
        ""
    };
    format!("{open}{}{ellipsis}{close}", &reference.inner[..name_end])
}

fn is_identifier(name: &str) -> bool {
    name.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The openings of reference forms (`${{`, `${`, `$(`) a text holds: wherever
/// [`find_references`] finds a reference, its opening is there, so a text without a form's
/// opening holds no reference in that form.
#[derive(Debug, Default)]
struct Openings {
    github_expression: bool,
    braced: bool,
    parenthesised: bool,
    bare: bool,
}

impl Openings {
    fn of(bytes: &[u8]) -> Self {
        let mut openings = Self::default();
        for (at, _) in bytes.iter().enumerate().filter(|(_, byte)| **byte == b'$') {
            match bytes.get(at + 1) {
                Some(b'{') => {
                    openings.braced = true;
                    openings.github_expression |= bytes.get(at + 2) == Some(&b'{');
                }
                Some(b'(') => openings.parenthesised = true,
                Some(byte) if byte.is_ascii_alphabetic() || *byte == b'_' => openings.bare = true,
                _ => {}
            }
        }
        openings
    }

    fn may_hold(&self, form: ReferenceForm) -> bool {
        match form {
            ReferenceForm::GithubExpression => self.github_expression,
            ReferenceForm::Braced | ReferenceForm::Namespaced | ReferenceForm::Env => self.braced,
            ReferenceForm::Parenthesised => self.parenthesised,
            ReferenceForm::Bare => self.bare,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The short cut never hides a reference: every reference found is in a form whose
    /// opening the text holds.
    #[test]
    fn every_reference_found_is_in_a_form_whose_opening_the_text_holds() {
        let pieces = prop::sample::select(vec![
            "$", "$$", "{", "{{", "}", "}}", "(", ")", "env:", "V", "_", ":-", " ", "é",
        ]);
        proptest!(ProptestConfig::with_cases(4096), |(parts in prop::collection::vec(pieces, 0..9))| {
            let text = parts.concat();
            for reference in find_references(&text) {
                prop_assert!(
                    Openings::of(text.as_bytes()).may_hold(reference.form),
                    "{:?} {:?}",
                    text,
                    reference.form
                );
            }
        });
    }
}
