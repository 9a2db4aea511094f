//! AXL201 hardcoded-token: a literal that would authenticate, written in the file.

use axiom_lint_core::Redacted;

use crate::diagnostic::Diagnostic;
use crate::registry::{Rule, rule_docs};
use crate::rules::Context;
use crate::site::Dialect;

use super::reference_help;

rule_docs! {
    /// ## What it does
    /// Reports a literal token: any `xaat-`, `xapt-` or `xait-` prefix followed by a
    /// UUID-shaped body (in any case) anywhere in the file, even inside a longer string
    /// (`Bearer xaat-…`, a shell line), in a comment or in a file that does not parse; and any
    /// other literal in a token field (a bare UUID, an unprefixed secret). Placeholders such as
    /// `xaat-your-api-token`, `xapt-xxx` or `xaat-XXXXXXXX-XXXX-…` and references such as
    /// `${AXIOM_TOKEN}` or `${{ secrets.AXIOM_TOKEN }}` are not reported.
    ///
    /// A token is a leak where the file will be shared: tracked by git, staged, or in a work
    /// tree and not ignored. A file git ignores and does not track (`.env.local`,
    /// `.dev.vars`), or, outside any work tree, a per-user config in its documented home
    /// location (`~/.axiom.toml`, `~/.cursor/mcp.json`, Claude Desktop's
    /// `claude_desktop_config.json` in its app-data folder), is where a token belongs: no
    /// finding there (the other rules still run). Any other file outside a work tree keeps
    /// the finding: an exported archive leaks too. Git is not run: ignore files are read as
    /// git reads them, and the index for what is tracked or staged.
    ///
    /// ## Why is this bad?
    /// A token in a file ends up in version control, backups, CI logs and every clone. Axiom
    /// tokens do not expire unless you set an expiry, and a personal access token controls
    /// your whole account. No mainstream secret scanner has an Axiom rule.
    ///
    /// axiom-lint itself never prints a token: messages show `xaat-…8ec6` and source
    /// excerpts are masked.
    ///
    /// ## Example
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// token = "xaat-…"   # a real API token
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [sinks.axiom]
    /// type = "axiom"
    /// token = "${AXIOM_TOKEN}"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: rewriting the value would break the deployment until the variable is set.
    /// Rotate the token in Axiom's settings: once committed, it is leaked.
    pub(crate) struct HardcodedToken;
}

pub(crate) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let before = out.len();
    report(context, out);
    // Where the file is decides whether a token there is a leak; asked only when one is found.
    if out.len() > before && context.settings.token_belongs_here() {
        out.truncate(before);
    }
}

fn report(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let text = &context.source.text;
    let first = out.len();
    // Each finding's advice is its place's: a site's dialect where it is known, else the site
    // written at an offset, found for all of them at once by one sweep in order of offset.
    let mut dialects: Vec<Option<Dialect>> = Vec::new();
    let mut asks: Vec<(usize, usize)> = Vec::new();
    for found in &context.prefix_scan.tokens {
        let token = &text[found.range.clone()];
        asks.push((found.range.start, dialects.len()));
        dialects.push(None);
        out.push(
            Diagnostic::new(
                Rule::HardcodedToken,
                found.range.clone(),
                format!("hardcoded Axiom token `{}`", Redacted(token)),
            )
            .with_label("token written in the file"),
        );
    }
    // Tokens the raw text hides behind escapes (`\u002d`) or TOML line continuations.
    let hidden = context.hidden_tokens;
    for (span, token) in hidden {
        asks.push((span.start, dialects.len()));
        dialects.push(None);
        out.push(
            Diagnostic::new(
                Rule::HardcodedToken,
                span.clone(),
                format!(
                    "hardcoded Axiom token `{}`, escaped or split",
                    Redacted(token)
                ),
            )
            .with_label("token written in the file"),
        );
    }
    // Literals the text scan cannot recognise: bare UUIDs and other unprefixed secrets.
    for token in context
        .token_uses
        .iter()
        .filter(|token| token.class.is_secret())
    {
        let field_span = token.token.field.span();
        let scanned = context.prefix_scan.token_within(&field_span)
            || hidden.iter().any(|(hidden, _)| *hidden == field_span);
        if scanned {
            continue;
        }
        // A field outside its site's table (a Fluent Bit output's `${V}` defined in the
        // `env:` map) is written in another site's.
        let table = &token.site.node.span;
        if table.start <= token.span.start && token.span.end <= table.end {
            dialects.push(Some(token.site.dialect));
        } else {
            asks.push((token.span.start, dialects.len()));
            dialects.push(None);
        }
        out.push(
            Diagnostic::new(
                Rule::HardcodedToken,
                token.span.clone(),
                format!(
                    "hardcoded secret `{}` in `{}`",
                    token.redacted(),
                    token.token.field.key
                ),
            )
            .with_label("secret written in the file"),
        );
    }
    // Most files hold no literal token: the sweep over their sites is set up on demand.
    if !asks.is_empty() {
        asks.sort_unstable();
        let mut owners = Owners::new(context);
        for (offset, finding) in asks {
            dialects[finding] = Some(owners.at(offset));
        }
    }
    for (diagnostic, dialect) in out[first..].iter_mut().zip(dialects) {
        diagnostic.help = Some(leak_help(dialect.unwrap_or(Dialect::Generic), context));
    }
}

/// What to do about a leaked token. A dotenv file is itself where a token is meant to be
/// read from: `AXIOM_TOKEN=${AXIOM_TOKEN}` would refer to itself, so the advice is to keep
/// the file out of version control (which this rule then accepts).
fn leak_help(dialect: Dialect, context: &Context<'_>) -> String {
    if context.source.format.syntax().is_env_file() {
        return "keep this file out of version control: list it in `.gitignore` (or move the token to an ignored `.env.local`) and commit a `.env.example` with a placeholder; if it was ever committed, rotate this token".to_owned();
    }
    format!(
        "{}; then rotate this token, it is leaked",
        reference_help(dialect, context)
    )
}

/// The dialect of the site a token is written in, for help in that dialect's terms: among the
/// sites whose table holds the offset, the last in source order (the innermost); only where
/// none does, the last whose token field holds it (a Fluent Bit output whose `${V}` is defined
/// in the `env:` map, where the token is written and the map's advice applies). Asked for
/// offsets in ascending order, it sweeps the sites once, so a file with thousands of tokens and
/// sites costs a logarithm per token, not a scan of every site.
struct Owners {
    /// (start, end, written here, site index), by start.
    spans: Vec<(usize, usize, bool, usize)>,
    dialects: Vec<Dialect>,
    next: usize,
    /// Spans that started at or before the last offset: tables before fields reached from
    /// elsewhere, then the latest site, on top.
    open: std::collections::BinaryHeap<(bool, usize, usize)>,
    last_offset: usize,
}

impl Owners {
    fn new(context: &Context<'_>) -> Self {
        let mut spans: Vec<(usize, usize, bool, usize)> = Vec::new();
        for (index, site) in context.sites.iter().enumerate() {
            let table = site.node.span.clone();
            spans.push((table.start, table.end, true, index));
            for token in &site.tokens {
                let span = token.field.span();
                let inside = table.start <= span.start && span.end <= table.end;
                spans.push((span.start, span.end, inside, index));
            }
        }
        spans.sort_unstable();
        Self {
            spans,
            dialects: context.sites.iter().map(|site| site.dialect).collect(),
            next: 0,
            open: std::collections::BinaryHeap::new(),
            last_offset: 0,
        }
    }

    fn at(&mut self, offset: usize) -> Dialect {
        if offset < self.last_offset {
            // Out of order: start the sweep again.
            self.next = 0;
            self.open.clear();
        }
        self.last_offset = offset;
        while let Some(&(start, end, written_here, index)) = self.spans.get(self.next) {
            if start > offset {
                break;
            }
            self.open.push((written_here, index, end));
            self.next += 1;
        }
        // A span that ended before this offset ends before every later one too; a site with
        // several spans stays open through the others.
        while self.open.peek().is_some_and(|&(_, _, end)| end <= offset) {
            self.open.pop();
        }
        self.open
            .peek()
            .map(|&(_, index, _)| index)
            .and_then(|index| self.dialects.get(index).copied())
            .unwrap_or(Dialect::Generic)
    }
}
