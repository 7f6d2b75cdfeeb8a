//! The contract in `docs/` against the real binary: `check --format json`
//! on the seeds fits `docs/json-schema.json`, the schema lists exactly the
//! registry's rule codes, and `docs/rules.md` carries the registry's table.
//!
//! The schema is checked by a small validator of the JSON Schema keywords it
//! uses; a keyword the validator does not know fails the test rather than
//! being skipped, so the schema cannot grow a constraint nobody checks.

mod support;

use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../docs/json-schema.json");

/// Keywords that only describe; they constrain nothing.
const ANNOTATIONS: [&str; 4] = ["$schema", "title", "description", "$defs"];

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("docs/json-schema.json is JSON")
}

/// The subschema a local `$ref` (`#/$defs/name`) points at.
fn resolve<'a>(root: &'a Value, reference: &str) -> Result<&'a Value, String> {
    let pointer = reference
        .strip_prefix('#')
        .ok_or_else(|| format!("only local references are supported: {reference}"))?;
    root.pointer(pointer)
        .ok_or_else(|| format!("dangling reference {reference}"))
}

fn has_type(value: &Value, name: &str) -> Result<bool, String> {
    Ok(match name {
        "array" => value.is_array(),
        "object" => value.is_object(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => return Err(format!("unknown type `{other}`")),
    })
}

/// Checks `value` (at JSON pointer `at`) against `schema`, a part of
/// `root`; the error names the place and the broken keyword.
fn validate(root: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let keywords = schema
        .as_object()
        .ok_or_else(|| format!("schema at {at} is not an object"))?;
    let fail = |what: String| Err(format!("{at}: {what}"));
    for (keyword, constraint) in keywords {
        match keyword.as_str() {
            "$ref" => {
                let target = resolve(root, constraint.as_str().unwrap_or_default())?;
                validate(root, target, value, at)?;
            }
            "type" => {
                let name = constraint.as_str().ok_or("`type` must be one name")?;
                if !has_type(value, name)? {
                    return fail(format!("expected {name}, found {value}"));
                }
            }
            "enum" => {
                let allowed = constraint.as_array().ok_or("`enum` must be an array")?;
                if !allowed.contains(value) {
                    return fail(format!("{value} is not one of {constraint}"));
                }
            }
            "minimum" => {
                let minimum = constraint.as_i64().ok_or("`minimum` must be an integer")?;
                if value.as_i64().is_some_and(|n| n < minimum) {
                    return fail(format!("{value} is below {minimum}"));
                }
            }
            "minLength" => {
                let minimum = constraint
                    .as_u64()
                    .ok_or("`minLength` must be an integer")?;
                if value
                    .as_str()
                    .is_some_and(|s| (s.chars().count() as u64) < minimum)
                {
                    return fail(format!("shorter than {minimum} characters"));
                }
            }
            "minItems" => {
                let minimum = constraint.as_u64().ok_or("`minItems` must be an integer")?;
                if value.as_array().is_some_and(|a| (a.len() as u64) < minimum) {
                    return fail(format!("fewer than {minimum} items"));
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    validate(root, constraint, item, &format!("{at}/{i}"))?;
                }
            }
            "required" => {
                let names = constraint.as_array().ok_or("`required` must be an array")?;
                for name in names.iter().filter_map(Value::as_str) {
                    if value.as_object().is_some_and(|o| !o.contains_key(name)) {
                        return fail(format!("missing `{name}`"));
                    }
                }
            }
            "properties" => {
                let properties = constraint
                    .as_object()
                    .ok_or("`properties` must be an object")?;
                for (name, field) in value.as_object().into_iter().flatten() {
                    if let Some(property) = properties.get(name) {
                        validate(root, property, field, &format!("{at}/{name}"))?;
                    }
                }
            }
            "additionalProperties" => {
                if constraint != &Value::Bool(false) {
                    return Err(format!(
                        "{at}: only `additionalProperties: false` is supported"
                    ));
                }
                let known = keywords.get("properties").and_then(Value::as_object);
                for name in value.as_object().into_iter().flatten().map(|(k, _)| k) {
                    if !known.is_some_and(|k| k.contains_key(name)) {
                        return fail(format!("unexpected property `{name}`"));
                    }
                }
            }
            annotation if ANNOTATIONS.contains(&annotation) => {}
            other => return Err(format!("{at}: the validator does not know `{other}`")),
        }
    }
    Ok(())
}

fn seeds_json() -> Value {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (out, json) = support::check_json(root, &["seeds"]);
    assert_eq!(
        out.code, 1,
        "the seeds have errors to report\n{}",
        out.stderr
    );
    json
}

/// Every span (a diagnostic's, its evidence's, its edits') ends at or after
/// its start, as the docs promise.
fn spans(diagnostic: &Value) -> Vec<&Value> {
    let mut found = vec![diagnostic];
    found.extend(diagnostic["related"].as_array().into_iter().flatten());
    found.extend(diagnostic["fix"]["edits"].as_array().into_iter().flatten());
    found
}

#[test]
fn check_json_on_the_seeds_fits_the_schema() {
    let schema = schema();
    let json = seeds_json();
    let diagnostics = json.as_array().expect("an array");
    assert!(!diagnostics.is_empty());
    // The optional parts are exercised too, not only the required fields.
    assert!(diagnostics.iter().any(|d| d.get("related").is_some()));
    assert!(diagnostics.iter().any(|d| d.get("fix").is_some()));
    let items = &schema["items"];
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if let Err(problem) = validate(&schema, items, diagnostic, &format!("/{i}")) {
            panic!("{problem}\n{diagnostic:#}");
        }
        for span in spans(diagnostic) {
            let start = (span["line"].as_u64(), span["column"].as_u64());
            let end = (span["end_line"].as_u64(), span["end_column"].as_u64());
            assert!(start <= end, "a span ends before it starts: {span}");
        }
    }
    validate(&schema, &schema, &json, "").expect("the whole array fits");
}

#[test]
fn schema_codes_are_the_registry_codes() {
    let schema = schema();
    let listed: Vec<&str> = schema["$defs"]["code"]["enum"]
        .as_array()
        .expect("an enum of codes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let registry: Vec<&str> = backstop::rules::Rule::ALL
        .iter()
        .map(|rule| rule.code())
        .collect();
    assert_eq!(listed, registry, "docs/json-schema.json lists other codes");
}

/// A way to damage a valid diagnostic, and what it breaks.
type Damage = (&'static str, fn(&mut Value));

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let schema = schema();
    let json = seeds_json();
    let sample = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d.get("related").is_some() && d.get("fix").is_some())
        .expect("a diagnostic with evidence and a fix")
        .clone();
    let broken: [Damage; 9] = [
        ("no line", |d| {
            d.as_object_mut().unwrap().remove("line");
        }),
        ("column as text", |d| d["column"] = json!("3")),
        ("column zero", |d| d["column"] = json!(0)),
        ("unknown severity", |d| d["severity"] = json!("fatal")),
        ("unknown code", |d| d["code"] = json!("no-such-rule")),
        ("extra field", |d| d["extra"] = json!(true)),
        ("empty evidence", |d| d["related"] = json!([])),
        ("evidence without message", |d| {
            d["related"][0].as_object_mut().unwrap().remove("message");
        }),
        ("edit without new text", |d| {
            d["fix"]["edits"][0]
                .as_object_mut()
                .unwrap()
                .remove("new_text");
        }),
    ];
    let items = &schema["items"];
    validate(&schema, items, &sample, "/sample").expect("the sample itself fits");
    for (what, damage) in broken {
        let mut damaged = sample.clone();
        damage(&mut damaged);
        assert!(
            validate(&schema, items, &damaged, "/sample").is_err(),
            "accepted: {what}"
        );
    }
}

#[test]
fn rules_page_table_matches_the_registry() {
    support::assert_generated_section("docs/rules.md", &backstop::registry::markdown_table());
}
