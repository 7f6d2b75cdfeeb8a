//! Neovim, headless, with its own LSP client and the config in
//! `editors/nvim`, against the real binary. `.ci/run` installs Neovim. Under
//! CI (`CI` set) a missing or too old Neovim fails the test; elsewhere the
//! test skips and says so on the terminal, past the test harness's capture.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::process::Command;

/// The oldest Neovim the config in `editors/nvim` supports (`vim.lsp.enable`).
const OLDEST: (u32, u32) = (0, 11);

/// What to do about the editor the test needs.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Run the test; holds the editor's version line.
    Run(String),
    /// Skip, with the reason (only outside CI).
    Skip(String),
    /// Fail, with the reason (under CI).
    Fail(String),
}

/// Whether the `CI` variable asks for CI behaviour: set, and not empty,
/// `false` or `0`.
fn is_ci(ci: Option<&OsStr>) -> bool {
    ci.is_some_and(|value| !value.is_empty() && value != "false" && value != "0")
}

/// Major and minor version of a `NVIM v0.11.4` line.
fn nvim_version(version_line: &str) -> Option<(u32, u32)> {
    let rest = version_line.strip_prefix("NVIM v")?;
    let mut numbers = rest.split(|c: char| !c.is_ascii_digit());
    Some((numbers.next()?.parse().ok()?, numbers.next()?.parse().ok()?))
}

/// Runs `program --version` and decides, with the value of `CI`, whether the
/// end-to-end test runs, skips or fails.
fn editor_verdict(program: &OsStr, ci: Option<&OsStr>) -> Verdict {
    let problem = match Command::new(program).arg("--version").output() {
        Err(error) => format!("cannot run `{}`: {error}", program.to_string_lossy()),
        Ok(output) => {
            let first_line = String::from_utf8_lossy(&output.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            match nvim_version(&first_line) {
                Some(version) if version >= OLDEST && output.status.success() => {
                    return Verdict::Run(first_line);
                }
                _ => format!(
                    "`{} --version` says {first_line:?}; the test needs Neovim {}.{} or newer",
                    program.to_string_lossy(),
                    OLDEST.0,
                    OLDEST.1
                ),
            }
        }
    };
    if is_ci(ci) {
        Verdict::Fail(format!(
            "{problem}. Neovim is required under CI (`.ci/run` installs it; BACKSTOP_NVIM names another binary)"
        ))
    } else {
        Verdict::Skip(problem)
    }
}

/// Writes straight to the process's stderr: `eprintln!` inside a test is
/// captured, and a skip nobody sees looks like a pass.
fn tell_the_terminal(message: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{message}");
}

#[test]
fn neovim_end_to_end() {
    let nvim = std::env::var_os("BACKSTOP_NVIM").unwrap_or_else(|| OsString::from("nvim"));
    let version = match editor_verdict(&nvim, std::env::var_os("CI").as_deref()) {
        Verdict::Run(version) => version,
        Verdict::Skip(reason) => {
            tell_the_terminal(&format!(
                "SKIPPED tests/nvim.rs neovim_end_to_end: {reason} (under CI this fails)"
            ));
            return;
        }
        Verdict::Fail(reason) => panic!("{reason}"),
    };
    eprintln!("{version}");
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(&nvim)
        .args(["--headless", "--clean", "-l", "editors/nvim/test/e2e.lua"])
        .current_dir(root)
        .env("BACKSTOP_BIN", assert_cmd::cargo::cargo_bin("backstop"))
        // Never the user's own cache.
        .env(
            "BACKSTOP_CACHE_DIR",
            std::env::temp_dir().join("backstop-tests-cache"),
        )
        .output()
        .expect("run nvim");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        output.status.success(),
        "Neovim test failed:\n{stdout}{stderr}"
    );
    assert!(stderr.contains("nvim: 0 failed") || stdout.contains("nvim: 0 failed"));
}

#[test]
fn a_missing_editor_fails_under_ci_and_skips_elsewhere() {
    let missing = OsStr::new("/nonexistent/backstop-test/nvim");
    for ci in ["true", "1", "yes"] {
        let verdict = editor_verdict(missing, Some(OsStr::new(ci)));
        let Verdict::Fail(reason) = verdict else {
            panic!("CI={ci}: expected a failure, got {verdict:?}");
        };
        assert!(
            reason.contains("/nonexistent/backstop-test/nvim"),
            "{reason}"
        );
        assert!(reason.contains("required under CI"), "{reason}");
    }
    for ci in [None, Some(""), Some("false"), Some("0")] {
        let verdict = editor_verdict(missing, ci.map(OsStr::new));
        assert!(
            matches!(&verdict, Verdict::Skip(reason) if reason.contains("cannot run")),
            "CI={ci:?}: expected a skip, got {verdict:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_program_that_is_not_neovim_counts_as_missing() {
    // A program that runs and answers `--version`, but is no Neovim.
    let echo = OsStr::new("echo");
    let under_ci = editor_verdict(echo, Some(OsStr::new("true")));
    assert!(
        matches!(&under_ci, Verdict::Fail(reason) if reason.contains("`echo --version` says") && reason.contains("0.11 or newer")),
        "{under_ci:?}"
    );
    assert!(matches!(editor_verdict(echo, None), Verdict::Skip(_)));
}

#[test]
fn reads_neovim_version_lines() {
    assert_eq!(nvim_version("NVIM v0.11.4"), Some((0, 11)));
    assert_eq!(nvim_version("NVIM v0.12.0-dev-1234+gabc"), Some((0, 12)));
    assert_eq!(nvim_version("NVIM v1.0.0"), Some((1, 0)));
    assert!(nvim_version("NVIM v0.9.5").unwrap() < OLDEST);
    assert!(nvim_version("NVIM v1.0.0").unwrap() >= OLDEST);
    assert_eq!(nvim_version("VIM - Vi IMproved 9.0"), None);
    assert_eq!(nvim_version(""), None);
}
