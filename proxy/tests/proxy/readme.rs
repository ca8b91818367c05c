//! The README's configuration table keeps up with the flags: every flag, its variable and its
//! default are documented.

use clap::CommandFactory as _;
use task_history_proxy::Cli;

const README: &str = include_str!("../../README.md");

#[test]
fn every_flag_variable_and_default_is_in_the_readme_table() {
    let mut missing = Vec::new();
    for arg in Cli::command().get_arguments() {
        let Some(long) = arg.get_long() else {
            continue;
        };
        if matches!(long, "help" | "version") {
            continue;
        }
        let row = README
            .lines()
            .find(|line| line.starts_with(&format!("| `--{long}`")));
        let Some(row) = row else {
            missing.push(format!("--{long}: no table row"));
            continue;
        };
        if let Some(env) = arg.get_env() {
            let env = env.to_string_lossy();
            if !row.contains(&format!("`{env}`")) {
                missing.push(format!("--{long}: variable {env} not in its row"));
            }
        }
        for default in arg.get_default_values() {
            let default = default.to_string_lossy();
            if !row.contains(&format!("`{default}`")) {
                missing.push(format!("--{long}: default {default} not in its row"));
            }
        }
    }
    for secret in ["SF_API_KEY", "PROXY_TOKEN_SECRET", "RUST_LOG"] {
        if !README.contains(&format!("| — | `{secret}` |")) {
            missing.push(format!("{secret}: no table row"));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
