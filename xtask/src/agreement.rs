//! The command's documentation agrees with itself: every option in clap's definition is in
//! `--help`, the man page and the README's options table (and nothing else is there), every
//! subcommand and subcommand option is in the README, every environment variable the man page
//! names is in the README, and every setting of the configuration schema is in the man page
//! and in the README's configuration example, which is a valid configuration.

use std::collections::BTreeSet;

use crate::project_root;

/// `--name` words in `text`.
fn long_options(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("--") {
        let after = &rest[start + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .unwrap_or(after.len());
        let name = &after[..end];
        let preceded_by_word = rest[..start]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '-');
        if !name.is_empty() && !name.ends_with('-') && !preceded_by_word {
            found.insert(format!("--{name}"));
        }
        rest = &after[end..];
    }
    found
}

fn clap_options(command: &clap::Command) -> BTreeSet<String> {
    command
        .get_arguments()
        .filter_map(clap::Arg::get_long)
        .map(|long| format!("--{long}"))
        .collect()
}

fn readme() -> String {
    std::fs::read_to_string(project_root().join("README.md")).expect("README.md")
}

/// The README section under `heading`, to the next heading of its level.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README has no `{heading}`"));
    let level = heading.split(' ').next().unwrap_or("##");
    let body = &text[start + heading.len() + 2..];
    let end = body.find(&format!("\n{level} ")).unwrap_or(body.len());
    &body[..end]
}

/// The first column of the README's options table.
fn readme_table_options() -> BTreeSet<String> {
    let readme = readme();
    let usage = section(&readme, "## Usage");
    let first_cells: String = usage
        .lines()
        .filter(|line| line.starts_with("| `"))
        .filter_map(|line| line.split(" | ").next())
        .collect::<Vec<_>>()
        .join("\n");
    long_options(&first_cells)
}

/// The options the man page's OPTIONS section lists.
fn man_options() -> BTreeSet<String> {
    let page = std::fs::read_to_string(project_root().join("docs/axiom-lint.1")).expect("man page");
    let start = page.find(".SH OPTIONS").expect("an OPTIONS section");
    let options = &page[start..];
    let end = options[1..]
        .find(".SH ")
        .map_or(options.len(), |end| end + 1);
    long_options(&options[..end].replace("\\-", "-").replace("\\fB", " "))
}

const HELP_AND_VERSION: [&str; 2] = ["--help", "--version"];

#[test]
fn help_man_page_and_readme_list_the_same_options() {
    let command = axiom_lint_cli::command();
    let options = clap_options(&command);
    let mut with_builtins = options.clone();
    with_builtins.extend(HELP_AND_VERSION.map(String::from));

    let help = long_options(&command.clone().render_long_help().to_string());
    assert_eq!(help, with_builtins, "--help");
    assert_eq!(man_options(), with_builtins, "docs/axiom-lint.1 OPTIONS");
    let table = readme_table_options();
    assert_eq!(
        table,
        options,
        "the README's options table (missing: {:?}; unknown: {:?})",
        options.difference(&table).collect::<Vec<_>>(),
        table.difference(&options).collect::<Vec<_>>()
    );
}

#[test]
fn every_subcommand_and_its_options_are_in_the_readme() {
    let readme = readme();
    let usage = section(&readme, "## Usage");
    let command = axiom_lint_cli::command();
    let page = std::fs::read_to_string(project_root().join("docs/axiom-lint.1")).expect("man page");
    for subcommand in command.get_subcommands() {
        let name = subcommand.get_name();
        assert!(
            usage.contains(&format!("axiom-lint {name} ")),
            "the README's usage does not show `axiom-lint {name}`"
        );
        assert!(
            page.contains(&format!(
                "\\fBaxiom\\-lint {}\\fR",
                name.replace('-', "\\-")
            )),
            "the man page's COMMANDS does not list {name}"
        );
        // The check command's own options are the top-level ones, in the table.
        if name == "check" {
            continue;
        }
        for option in clap_options(subcommand) {
            assert!(
                readme.contains(&option),
                "`axiom-lint {name} {option}` is not in the README"
            );
        }
    }
}

#[test]
fn every_environment_variable_in_the_man_page_is_in_the_readme() {
    let page = std::fs::read_to_string(project_root().join("docs/axiom-lint.1")).expect("man page");
    let start = page
        .find(".SH ENVIRONMENT")
        .expect("an ENVIRONMENT section");
    let environment = &page[start..];
    let end = environment[1..]
        .find(".SH ")
        .map_or(environment.len(), |end| end + 1);
    let readme = readme();
    let mut checked = 0;
    for line in environment[..end]
        .lines()
        .filter(|line| line.starts_with("\\fB"))
    {
        for variable in line
            .split("\\fB")
            .filter_map(|part| part.split("\\fR").next())
        {
            let variable = variable.replace("\\-", "-");
            if variable.is_empty() || !variable.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            {
                continue;
            }
            assert!(
                readme.contains(&variable),
                "{variable} is not in the README"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 5,
        "only {checked} variables found in the man page"
    );
}

/// The configuration schema's settings, the man page's CONFIGURATION and the README's example
/// agree, and the example is a configuration the linter accepts.
#[test]
fn every_setting_is_in_the_man_page_and_the_readme_example() {
    let schema = axiom_lint::config_schema();
    let settings: BTreeSet<String> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .filter(|name| !name.starts_with('$'))
        .cloned()
        .collect();

    let page = std::fs::read_to_string(project_root().join("docs/axiom-lint.1")).expect("man page");
    let start = page
        .find(".SH CONFIGURATION")
        .expect("a CONFIGURATION section");
    let configuration = &page[start..];
    let end = configuration[1..]
        .find(".SH ")
        .map_or(configuration.len(), |end| end + 1);
    let documented: BTreeSet<String> = configuration[..end]
        .lines()
        .filter_map(|line| line.strip_prefix("\\fB")?.strip_suffix("\\fR"))
        .map(|name| name.replace("\\-", "-"))
        .collect();
    assert_eq!(documented, settings, "the man page's CONFIGURATION");

    let readme = readme();
    let configuration = section(&readme, "## Configuration");
    let start = configuration.find("```toml\n").expect("an example") + "```toml\n".len();
    let end = start + configuration[start..].find("```").expect("its end");
    let example = &configuration[start..end];
    let parsed: BTreeSet<String> = example
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            if let Some(table) = line.strip_prefix('[') {
                return table.strip_suffix(']').map(str::to_owned);
            }
            let (key, _) = line.split_once(" = ")?;
            (!key.starts_with('"') && !key.starts_with('#')).then(|| key.trim().to_owned())
        })
        .collect();
    assert_eq!(parsed, settings, "the README's configuration example");

    // The example is accepted as written.
    let dir = std::env::temp_dir().join(format!("axiom-lint-readme-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    std::fs::write(dir.join("axiom-lint.toml"), example).expect("written");
    let resolver = axiom_lint::settings::Resolver::new(
        dir.clone(),
        axiom_lint::settings::ConfigLookup::NearestTo(dir.clone()),
        axiom_lint::settings::Overrides::default(),
    );
    let resolved = resolver.resolve(&dir.join("x.toml"));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(error) = resolved {
        panic!("the README's configuration example is rejected: {error:?}");
    }
}
