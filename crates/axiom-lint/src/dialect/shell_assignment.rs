//! `NAME=value` in free text (a script, a fenced code block): where NAME is one of the Axiom
//! host variables an environment map knows (`AXIOM_URL`, `AXIOM_EDGE`…), the line sets that
//! variable (`export AXIOM_URL=…`, `doppler secrets set AXIOM_URL="…"`, Dockerfile `ENV`), and
//! its value is judged as it is in a `.env` file (AXIOM.md, "Mistakes real users made": the
//! edge domain put in the API URL variable, axiomhq/ai #214).
//!
//! Only the shell's own form counts: the name in capitals, `=` right after it, the value right
//! after that or inside quotes that open there. `AXIOM_URL = "…"` or `axiom_url="…"` is a
//! program's own constant, which may mean anything, and stays a URL of no known field.

use super::{Sites, env_map};
use crate::site::{Field, HostRole};
use crate::tree::Entry;

/// The role of the variable a text-scan entry assigns, if the entry is `NAME=value` for a
/// known Axiom host variable.
pub(super) fn host_role(
    entry: &Entry<'_>,
    field: &Field<'_>,
    sites: &Sites<'_>,
) -> Option<HostRole> {
    let name = &*entry.key;
    let shell_name = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !shell_name {
        return None;
    }
    let between = sites
        .text()
        .get(entry.key_span.end..entry.value.span.start)?;
    if !matches!(between, "=" | "=\"" | "='") {
        return None;
    }
    env_map::host_role(field, sites)
}

#[cfg(test)]
mod tests {
    use crate::{Format, Settings, SourceFile};

    fn rules(path: &str, text: &str) -> Vec<&'static str> {
        let format = Format::detect(std::path::Path::new(path))
            .map_or_else(|| Format::text(std::path::Path::new(path)), |d| d.format);
        let source = SourceFile::new(path, text.to_owned(), format);
        crate::lint(&source, &Settings::default())
            .diagnostics
            .iter()
            .map(|d| d.rule.code())
            .collect()
    }

    /// The assignments the field test found silent: an edge in the API URL variable.
    #[test]
    fn a_shell_assignment_is_judged_as_its_variable() {
        for (path, text) in [
            (
                "setup.sh",
                "#!/bin/sh\nexport AXIOM_URL=https://eu-central-1.aws.edge.axiom.co\n",
            ),
            (
                "docs/AXIOM_SETUP.md",
                "Set it:\n\n```bash\ndoppler secrets set AXIOM_URL=\"https://eu-central-1.aws.edge.axiom.co\"\n```\n",
            ),
            (
                "Dockerfile",
                "FROM node:22\nENV AXIOM_URL='https://eu-central-1.aws.edge.axiom.co'\n",
            ),
            (
                "deploy.sh",
                "NEXT_PUBLIC_AXIOM_URL=https://eu-central-1.aws.edge.axiom.co npm run build\n",
            ),
        ] {
            assert_eq!(rules(path, text), ["AXL106"], "{path}");
        }
        // The variable's own form, right: nothing.
        for text in [
            "export AXIOM_URL=https://api.axiom.co\n",
            "export AXIOM_EDGE_URL=https://eu-central-1.aws.edge.axiom.co\n",
            "export AXIOM_EDGE=eu-central-1.aws.edge.axiom.co\n",
            "export AXIOM_DOMAIN=api.axiom.co\n",
        ] {
            assert!(rules("setup.sh", text).is_empty(), "{text}");
        }
    }

    /// A program's own constant that happens to share the name, or a name in another case, is
    /// a URL of no known field: only what is wrong anywhere is reported.
    #[test]
    fn other_forms_stay_urls_of_no_known_field() {
        for (path, text) in [
            (
                "config.ts",
                "const AXIOM_URL = \"https://eu-central-1.aws.edge.axiom.co\";\n",
            ),
            (
                "config.py",
                "axiom_url=\"https://eu-central-1.aws.edge.axiom.co\"\n",
            ),
            (
                "config.ts",
                "const AXIOM_URL: string = \"https://eu-central-1.aws.edge.axiom.co\";\n",
            ),
            (
                "setup.sh",
                "export MY_URL=https://eu-central-1.aws.edge.axiom.co\n",
            ),
        ] {
            assert!(rules(path, text).is_empty(), "{path}: {text}");
        }
    }
}
