//! Whether a frame's body is a JSON-RPC message the protocol layer can take.
//! tower-lsp-server stops reading for good at the first body it cannot
//! decode, so the server would go deaf on one bad message; here each body is
//! inspected first, and one that is not a message is answered with the
//! JSON-RPC error it deserves instead of being passed on.
//!
//! A message passes when it is an object with `"jsonrpc": "2.0"`, an `id`
//! that is an integer (64 bits), a string or null, no field twice, nesting
//! no deeper than `MAX_DEPTH`, and either a string `method` (a request or a
//! notification) or a `result` or a well-formed `error` (a response).

use serde::Deserializer;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_json::{Value, json};

/// Deeper than any message the protocol defines, and well inside the depth
/// the protocol layer's decoder accepts.
pub const MAX_DEPTH: usize = 64;

/// JSON-RPC's error codes for what is refused here.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// A message: pass it on.
    Pass(Passed),
    /// Not one: send this error response back to the client.
    Answer(Rejection),
    /// A malformed response from the client: nothing to answer.
    Drop(String),
}

/// What the guard needs to know of a message it passes on.
#[derive(Debug, Clone, PartialEq)]
pub struct Passed {
    pub method: Option<String>,
    pub id: Option<Value>,
}

impl Passed {
    /// Whether this is a request (not a notification) for `method`.
    pub fn is_request(&self, method: &str) -> bool {
        self.id.is_some() && self.method.as_deref() == Some(method)
    }

    /// The id of an `initialize` request, whose answer the client must wait
    /// for before it sends anything else.
    pub fn initialize_id(&self) -> Option<&Value> {
        self.id.as_ref().filter(|_| self.is_request("initialize"))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    /// The message's own id when it has a valid one, else null.
    pub id: Value,
    pub code: i64,
    pub message: String,
}

impl Rejection {
    fn new(id: Value, code: i64, message: impl Into<String>) -> Self {
        Rejection {
            id,
            code,
            message: message.into(),
        }
    }

    /// The error response, as a frame body.
    pub fn response(&self) -> Vec<u8> {
        json!({
            "jsonrpc": "2.0",
            "id": self.id,
            "error": {"code": self.code, "message": self.message},
        })
        .to_string()
        .into_bytes()
    }
}

/// Decide what becomes of one frame's body.
pub fn inspect(body: &[u8]) -> Verdict {
    let invalid =
        |id: Value, message: String| Verdict::Answer(Rejection::new(id, INVALID_REQUEST, message));
    if let Err(err) = std::str::from_utf8(body) {
        return Verdict::Answer(Rejection::new(
            Value::Null,
            PARSE_ERROR,
            format!("Parse error: not UTF-8 ({err})"),
        ));
    }
    let envelope = match read_envelope(body) {
        Ok(envelope) => envelope,
        Err(err) => return refuse_unreadable(body, &err),
    };
    let id = envelope.valid_id();
    if let Err(problem) = envelope.check() {
        if envelope.is_response() {
            return Verdict::Drop(problem);
        }
        return invalid(
            id.unwrap_or(Value::Null),
            format!("Invalid request: {problem}"),
        );
    }
    if nesting_depth(body) > MAX_DEPTH {
        return invalid(
            id.unwrap_or(Value::Null),
            format!("Invalid request: nested deeper than {MAX_DEPTH} levels"),
        );
    }
    // The protocol defines no `$/` requests, and tower-lsp-server leaves an
    // unknown one unanswered, as it should only a notification.
    if let (Some(Value::String(method)), Some(id)) = (&envelope.method, &id)
        && method.starts_with("$/")
    {
        return Verdict::Answer(Rejection::new(
            id.clone(),
            METHOD_NOT_FOUND,
            format!("Method not found: {method}"),
        ));
    }
    Verdict::Pass(Passed {
        method: match envelope.method {
            Some(Value::String(method)) => Some(method),
            _ => None,
        },
        id,
    })
}

/// The id of a response (a message without a method), read without its
/// result.
pub fn response_id(body: &[u8]) -> Option<Value> {
    let envelope = read_envelope(body).ok()?;
    envelope.method.is_none().then_some(envelope.id).flatten()
}

/// A body that does not read as a JSON object.
fn refuse_unreadable(body: &[u8], err: &serde_json::Error) -> Verdict {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let message = if nesting_depth(body) > MAX_DEPTH {
        format!("Invalid request: nested deeper than {MAX_DEPTH} levels")
    } else if err.is_data() {
        match first {
            Some(b'[') => "Invalid request: batches are not part of the protocol".to_string(),
            _ => "Invalid request: a message is a JSON object".to_string(),
        }
    } else {
        return Verdict::Answer(Rejection::new(
            Value::Null,
            PARSE_ERROR,
            format!("Parse error: {err}"),
        ));
    };
    Verdict::Answer(Rejection::new(Value::Null, INVALID_REQUEST, message))
}

/// The top-level fields of a message; `params` and `result` are skipped
/// unread.
#[derive(Debug, Default)]
struct Envelope {
    jsonrpc: Option<Value>,
    id: Option<Value>,
    method: Option<Value>,
    error: Option<Value>,
    params: bool,
    result: bool,
    duplicate: Option<String>,
}

impl Envelope {
    fn is_response(&self) -> bool {
        self.method.is_none() && (self.result || self.error.is_some())
    }

    /// The id, when it is one the protocol allows.
    fn valid_id(&self) -> Option<Value> {
        self.id.clone().filter(is_valid_id)
    }

    fn check(&self) -> Result<(), String> {
        if let Some(field) = &self.duplicate {
            return Err(format!("the field `{field}` appears twice"));
        }
        if self.jsonrpc.as_ref().and_then(Value::as_str) != Some("2.0") {
            return Err("`jsonrpc` must be \"2.0\"".into());
        }
        if self.id.as_ref().is_some_and(|id| !is_valid_id(id)) {
            return Err("`id` must be an integer of at most 64 bits, a string or null".into());
        }
        match &self.method {
            Some(Value::String(_)) if self.result || self.error.is_some() => {
                Err("a message cannot be both a request and a response".into())
            }
            Some(Value::String(_)) => Ok(()),
            Some(_) => Err("`method` must be a string".into()),
            None if self.id.is_none() => {
                Err("a message needs a `method`, or an `id` and a `result` or `error`".into())
            }
            None if self.result => Ok(()),
            None => match &self.error {
                Some(error) => check_error(error),
                None => Err("a message needs a `method`, or a `result` or `error`".into()),
            },
        }
    }
}

fn is_valid_id(id: &Value) -> bool {
    match id {
        Value::Number(n) => n.is_i64(),
        Value::String(_) | Value::Null => true,
        _ => false,
    }
}

/// A response's error: `code` (an integer), `message` (a string), perhaps
/// `data`, and nothing else.
fn check_error(error: &Value) -> Result<(), String> {
    let Value::Object(fields) = error else {
        return Err("`error` must be an object".into());
    };
    let code_ok = fields.get("code").is_some_and(|c| c.as_i64().is_some());
    let message_ok = fields.get("message").is_some_and(Value::is_string);
    let known = fields
        .keys()
        .all(|k| matches!(k.as_str(), "code" | "message" | "data"));
    if code_ok && message_ok && known {
        Ok(())
    } else {
        Err("`error` must hold an integer `code`, a string `message` and perhaps `data`".into())
    }
}

fn read_envelope(body: &[u8]) -> Result<Envelope, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope = (&mut deserializer).deserialize_map(EnvelopeVisitor)?;
    deserializer.end()?;
    Ok(envelope)
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON-RPC message (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut envelope = Envelope::default();
        while let Some(key) = map.next_key::<String>()? {
            let seen = match key.as_str() {
                "jsonrpc" => envelope.jsonrpc.replace(map.next_value()?).is_some(),
                "id" => envelope.id.replace(map.next_value()?).is_some(),
                "method" => envelope.method.replace(map.next_value()?).is_some(),
                "error" => envelope.error.replace(map.next_value()?).is_some(),
                "params" => {
                    map.next_value::<IgnoredAny>()?;
                    std::mem::replace(&mut envelope.params, true)
                }
                "result" => {
                    map.next_value::<IgnoredAny>()?;
                    std::mem::replace(&mut envelope.result, true)
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    false
                }
            };
            if seen && envelope.duplicate.is_none() {
                envelope.duplicate = Some(key);
            }
        }
        Ok(envelope)
    }
}

/// How deeply arrays and objects nest in a JSON text (brackets inside
/// strings do not count).
fn nesting_depth(body: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &byte in body {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tower_lsp_server::jsonrpc::{Request, Response};

    fn answer(body: &str) -> (i64, Value) {
        match inspect(body.as_bytes()) {
            Verdict::Answer(rejection) => (rejection.code, rejection.id),
            other => panic!("{body}: {other:?}"),
        }
    }

    #[test]
    fn messages_pass() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":null}"#,
            r#"{"jsonrpc":"2.0","id":-3,"error":{"code":-32601,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#,
            r#"{"method":"x","jsonrpc":"2.0","id":9223372036854775807,"extra":[1]}"#,
        ] {
            assert!(
                matches!(inspect(body.as_bytes()), Verdict::Pass(_)),
                "{body}"
            );
        }
    }

    #[test]
    fn non_messages_are_invalid_requests() {
        let deep = format!(
            r#"{{"jsonrpc":"2.0","id":7,"method":"x","params":{}{}}}"#,
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let very_deep = "[".repeat(10_000);
        for (body, id) in [
            ("{}", Value::Null),
            ("[]", Value::Null),
            ("1", Value::Null),
            ("null", Value::Null),
            ("\"text\"", Value::Null),
            (r#"[{"jsonrpc":"2.0","method":"x"}]"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":1,"method":7}"#, json!(1)),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":18446744073709551616,"method":"x"}"#,
                Value::Null,
            ),
            (r#"{"jsonrpc":"2.0","id":true,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"1.0","id":2,"method":"x"}"#, json!(2)),
            (r#"{"id":2,"method":"x"}"#, json!(2)),
            (
                r#"{"jsonrpc":"2.0","id":"s","method":"x","method":"y"}"#,
                json!("s"),
            ),
            (r#"{"jsonrpc":"2.0","id":3}"#, json!(3)),
            (
                r#"{"jsonrpc":"2.0","id":3,"method":"x","result":1}"#,
                json!(3),
            ),
            (&deep, json!(7)),
            (&very_deep, Value::Null),
        ] {
            assert_eq!(answer(body), (INVALID_REQUEST, id), "{body}");
        }
    }

    #[test]
    fn broken_json_is_a_parse_error_and_dollar_requests_are_unknown() {
        for body in ["{nope", "", "{} trailing"] {
            assert_eq!(answer(body).0, PARSE_ERROR, "{body}");
        }
        let not_utf8 = inspect(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\"}");
        assert!(matches!(
            not_utf8,
            Verdict::Answer(Rejection {
                code: PARSE_ERROR,
                ..
            })
        ));
        assert_eq!(
            answer(r#"{"jsonrpc":"2.0","id":4,"method":"$/unknown"}"#),
            (METHOD_NOT_FOUND, json!(4))
        );
    }

    #[test]
    fn initialize_requests_and_response_ids_are_known() {
        let Verdict::Pass(passed) = inspect(br#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#)
        else {
            panic!("not passed");
        };
        assert_eq!(passed.initialize_id(), Some(&json!(1)));
        let Verdict::Pass(passed) = inspect(br#"{"jsonrpc":"2.0","method":"initialize"}"#) else {
            panic!("not passed");
        };
        assert_eq!(passed.initialize_id(), None);
        assert_eq!(
            response_id(br#"{"jsonrpc":"2.0","id":"a","result":{"x":[1]}}"#),
            Some(json!("a"))
        );
        assert_eq!(
            response_id(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#),
            None
        );
    }

    #[test]
    fn malformed_responses_are_dropped() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"m"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m","extra":0}}"#,
            r#"{"jsonrpc":"2.0","result":1}"#,
        ] {
            assert!(
                matches!(inspect(body.as_bytes()), Verdict::Drop(_)),
                "{body}"
            );
        }
    }

    fn field(
        name: &'static str,
        values: Vec<&'static str>,
    ) -> impl Strategy<Value = Option<String>> {
        proptest::option::of(proptest::sample::select(values))
            .prop_map(move |v| v.map(|v| format!("\"{name}\":{v}")))
    }

    proptest! {
        /// Whatever passes, the protocol layer decodes (as a response or a
        /// request), so it never stops reading.
        #[test]
        fn what_passes_decodes(
            jsonrpc in field("jsonrpc", vec![r#""2.0""#, r#""1.0""#, "2", "null"]),
            id in field("id", vec!["1", "-5", "1.5", "1e3", "18446744073709551615", r#""x""#, "null", "true", "[]", "{}"]),
            method in field("method", vec![r#""a""#, r#""$/x""#, "1", "null", "[]"]),
            params in field("params", vec!["{}", "[]", "1", "null", r#""s""#]),
            result in field("result", vec!["1", "null", "{}"]),
            error in field("error", vec![
                r#"{"code":1,"message":"m"}"#, r#"{"code":1.5,"message":"m"}"#,
                r#"{"code":1,"message":"m","data":[]}"#, r#"{"code":1}"#,
                r#"{"code":1,"message":"m","x":1}"#, "null", "1",
            ]),
            extra in field("extra", vec!["1", "[[1]]"]),
            twice in proptest::option::of(0usize..7),
        ) {
            let mut fields: Vec<String> = [jsonrpc, id, method, params, result, error, extra]
                .into_iter()
                .flatten()
                .collect();
            if let Some(i) = twice && !fields.is_empty() {
                let copy = fields[i % fields.len()].clone();
                fields.push(copy);
            }
            let body = format!("{{{}}}", fields.join(","));
            if matches!(inspect(body.as_bytes()), Verdict::Pass(_)) {
                let decodes = serde_json::from_str::<Response>(&body).is_ok()
                    || serde_json::from_str::<Request>(&body).is_ok();
                prop_assert!(decodes, "{}", body);
            }
        }
    }
}
