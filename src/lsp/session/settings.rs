//! Editor-side settings (`initializationOptions`,
//! `workspace/didChangeConfiguration`): rule severities that win over
//! `backstop.toml`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::config::Config;
use crate::diagnostic::Level;
use crate::rules::Rule;

/// The settings as the editor sends them.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Rule code → `off | hint | info | warning | error`.
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub rules: HashMap<String, String>,
}

/// Lua and some other clients encode an empty table as `[]`.
fn map_or_empty_list<'de, D>(deserializer: D) -> Result<HashMap<String, String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum MapOrList {
        Map(HashMap<String, String>),
        List(Vec<serde_json::Value>),
    }
    match MapOrList::deserialize(deserializer)? {
        MapOrList::Map(map) => Ok(map),
        MapOrList::List(list) if list.is_empty() => Ok(HashMap::new()),
        MapOrList::List(_) => Err(serde::de::Error::custom(
            "`rules` must map rule codes to severities",
        )),
    }
}

impl Settings {
    /// Accepts the settings object itself or one nested under `backstop`, as
    /// VS Code sends its configuration section.
    pub fn from_json(value: &serde_json::Value) -> Result<Option<Settings>, String> {
        let value = value.get("backstop").unwrap_or(value);
        if value.is_null() {
            return Ok(None);
        }
        let settings: Settings =
            serde_json::from_value(value.clone()).map_err(|e| format!("backstop settings: {e}"))?;
        for (code, level) in &settings.rules {
            if Rule::from_code(code).is_none() {
                return Err(format!("backstop settings: unknown rule `{code}`"));
            }
            if Level::parse(level).is_none() {
                return Err(format!(
                    "backstop settings: bad severity `{level}` for `{code}`; use one of {}",
                    Level::NAMES
                ));
            }
        }
        Ok(Some(settings))
    }

    pub fn apply(&self, config: &mut Config) {
        for (code, level) in &self.rules {
            if let (Some(rule), Some(level)) = (Rule::from_code(code), Level::parse(level)) {
                config.rules.insert(rule, level);
            }
        }
    }
}
