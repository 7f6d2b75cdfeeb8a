//! Neovim, headless, with its own LSP client and the config in
//! `editors/nvim`, against the real binary. `.ci/run` installs Neovim; a
//! developer machine without it skips this test (under CI it must run).

use std::process::Command;

#[test]
fn neovim_end_to_end() {
    let nvim = std::env::var("BACKSTOP_NVIM").unwrap_or_else(|_| "nvim".into());
    let version = Command::new(&nvim).arg("--version").output();
    let Ok(version) = version else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Neovim is required under CI (`.ci/run` installs it)"
        );
        eprintln!("skipped: no `{nvim}` on PATH");
        return;
    };
    let first_line = String::from_utf8_lossy(&version.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    eprintln!("{first_line}");
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
