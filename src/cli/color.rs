//! Whether terminal output is coloured: `--color`, then the environment's
//! conventions (no-color.org, force-color.org, CLICOLOR_FORCE), then whether
//! the output is a terminal.

use clap::ValueEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal, unless the environment says
    /// otherwise.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `to_terminal`: whether the report goes to a terminal.
    pub fn enabled(self, to_terminal: bool) -> bool {
        self.enabled_with(to_terminal, &|name| std::env::var_os(name))
    }

    fn enabled_with(
        self,
        to_terminal: bool,
        var: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    ) -> bool {
        // An empty value counts as unset, as both conventions say.
        let set = |name: &str| var(name).filter(|value| !value.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if set("NO_COLOR").is_some() {
                    false
                } else if set("FORCE_COLOR").is_some()
                    || set("CLICOLOR_FORCE").is_some_and(|value| value != "0")
                {
                    true
                } else {
                    to_terminal
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(env: &[(&str, &str)], to_terminal: bool) -> bool {
        ColorChoice::Auto.enabled_with(to_terminal, &|name| {
            env.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.into())
        })
    }

    #[test]
    fn environment_conventions() {
        assert!(auto(&[], true));
        assert!(!auto(&[], false));
        assert!(!auto(&[("NO_COLOR", "1")], true));
        assert!(
            auto(&[("NO_COLOR", "")], true),
            "an empty NO_COLOR is unset"
        );
        assert!(auto(&[("FORCE_COLOR", "1")], false));
        assert!(!auto(&[("FORCE_COLOR", "")], false));
        assert!(auto(&[("CLICOLOR_FORCE", "1")], false));
        assert!(!auto(&[("CLICOLOR_FORCE", "0")], false));
        assert!(!auto(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], false));
        assert!(ColorChoice::Always.enabled(false));
        assert!(!ColorChoice::Never.enabled(true));
    }
}
