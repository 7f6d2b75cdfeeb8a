//! The byte streams between the editor and the server. A guard stands in
//! front of stdin: it cuts the input into `Content-Length` frames, drops a
//! frame whose header is broken, and passes on only bodies that are JSON-RPC
//! messages (`envelope`); the others are answered with an error. Those
//! answers reach stdout through `merge_output`, between whole frames of the
//! server's own output, so stdout has one writer. After an `initialize`
//! request the guard passes nothing more until the server has answered it
//! (`InitializeGate`).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{Notify, mpsc};

use super::envelope::{self, Verdict};

const HEADER_END: &[u8] = b"\r\n\r\n";
/// Larger than any sane message; a bigger length is a broken header.
const MAX_MESSAGE: usize = 512 * 1024 * 1024;
/// Longer than any header: input that long without the end of one is
/// garbage, dropped rather than searched again as more arrives.
const MAX_HEADER: usize = 64 * 1024;
/// What a buffer keeps between messages: one that grew for a large message
/// (a note's text, its diagnostics) gives the rest back once it is through,
/// rather than holding megabytes for as long as the server runs.
const KEPT_CAPACITY: usize = 64 * 1024;

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_length(headers: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(headers).ok()?;
    text.split("\r\n").find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    })
}

/// The frames of a byte stream, one body at a time.
struct Frames<R> {
    input: R,
    buffer: Vec<u8>,
    chunk: Vec<u8>,
}

impl<R: AsyncRead + Unpin> Frames<R> {
    fn new(input: R) -> Self {
        Frames {
            input,
            buffer: Vec::with_capacity(64 * 1024),
            chunk: vec![0; 64 * 1024],
        }
    }

    /// The next frame's body; `None` when the input ends. Cancel-safe: what
    /// was read stays in the buffer.
    async fn next(&mut self) -> Option<Vec<u8>> {
        loop {
            if let Some(body) = self.take_frame() {
                return Some(body);
            }
            match self.input.read(&mut self.chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => self.buffer.extend_from_slice(&self.chunk[..n]),
            }
        }
    }

    /// A complete frame from the buffer, if it holds one.
    fn take_frame(&mut self) -> Option<Vec<u8>> {
        loop {
            let searched = &self.buffer[..self.buffer.len().min(MAX_HEADER)];
            let Some(header_end) = find(searched, HEADER_END) else {
                if self.buffer.len() > MAX_HEADER {
                    tracing::error!("dropping input that has no message header");
                    self.skip_to_next_header();
                    continue;
                }
                return None;
            };
            let Some(length) =
                content_length(&self.buffer[..header_end]).filter(|l| *l <= MAX_MESSAGE)
            else {
                tracing::error!("dropping a message header without a valid Content-Length");
                self.skip_to_next_header();
                continue;
            };
            let body_start = header_end + HEADER_END.len();
            if self.buffer.len() < body_start + length {
                return None;
            }
            let body = self.buffer[body_start..body_start + length].to_vec();
            self.buffer.drain(..body_start + length);
            self.buffer.shrink_to(KEPT_CAPACITY);
            return Some(body);
        }
    }

    /// Resynchronise on the next header, or drop everything buffered.
    fn skip_to_next_header(&mut self) {
        let skip = find(&self.buffer[1..], b"Content-Length").map_or(self.buffer.len(), |i| i + 1);
        self.buffer.drain(..skip);
    }
}

/// Holds the client's messages back until the server has answered
/// `initialize`. The protocol asks clients to wait for that answer, and
/// tower-lsp-server refuses ("not initialized") or drops whatever arrives
/// before it: a client that sends `initialized`, `didOpen` and a request at
/// once would lose them.
#[derive(Default)]
pub struct InitializeGate {
    /// The id of the `initialize` request not answered yet.
    awaited: Mutex<Option<Value>>,
    answered: Notify,
}

impl InitializeGate {
    fn awaited(&self) -> std::sync::MutexGuard<'_, Option<Value>> {
        self.awaited
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn expect_answer(&self, id: Value) {
        *self.awaited() = Some(id);
    }

    async fn answer(&self) {
        while self.awaited().is_some() {
            self.answered.notified().await;
        }
    }

    /// Note a frame the server wrote: the answer awaited opens the gate.
    fn saw(&self, body: &[u8]) {
        let mut awaited = self.awaited();
        if awaited.is_some() && envelope::response_id(body) == *awaited {
            *awaited = None;
            drop(awaited);
            self.answered.notify_one();
        }
    }
}

/// Append `body` to `out` as one frame, header first.
fn push_frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
}

/// One write for the whole frame: each write wakes the reader on the other
/// side.
async fn write_frame(output: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    let mut frame = Vec::with_capacity(body.len() + 32);
    push_frame(&mut frame, body);
    output.write_all(&frame).await?;
    output.flush().await
}

/// Copy the messages of `input` to `output` until `input` ends; send the
/// error response owed for anything else to `answers`. `shutdown_requested`
/// is set as a `shutdown` request passes, before the server reads it.
pub async fn guard_input(
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    answers: mpsc::UnboundedSender<Vec<u8>>,
    gate: &InitializeGate,
    shutdown_requested: &AtomicBool,
) {
    let mut frames = Frames::new(input);
    while let Some(body) = frames.next().await {
        match envelope::inspect(&body) {
            Verdict::Pass(passed) => {
                if passed.is_request("shutdown") {
                    shutdown_requested.store(true, Ordering::SeqCst);
                }
                let initialize = passed.initialize_id().cloned();
                if let Some(id) = &initialize {
                    gate.expect_answer(id.clone());
                }
                if write_frame(&mut output, &body).await.is_err() {
                    return;
                }
                if initialize.is_some() {
                    gate.answer().await;
                }
            }
            Verdict::Answer(rejection) => {
                tracing::error!(
                    "answering a message that cannot be handled ({}): {:?}",
                    rejection.message,
                    String::from_utf8_lossy(&body[..body.len().min(200)])
                );
                let _ = answers.send(rejection.response());
            }
            Verdict::Drop(problem) => {
                tracing::error!("dropping a malformed response from the client: {problem}");
            }
        }
    }
}

/// Copy the server's frames from `server` to `output`, with the guard's
/// `answers` in between, until the server's output ends; then the answers
/// already queued. The frames that have arrived together go out in one
/// write.
pub async fn merge_output(
    server: impl AsyncRead + Unpin,
    mut answers: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: impl AsyncWrite + Unpin,
    gate: &InitializeGate,
) {
    let mut frames = Frames::new(server);
    let mut out = Vec::new();
    loop {
        tokio::select! {
            frame = frames.next() => match frame {
                Some(body) => {
                    push_frame(&mut out, &body);
                    gate.saw(&body);
                    while let Some(body) = frames.take_frame() {
                        push_frame(&mut out, &body);
                        gate.saw(&body);
                    }
                }
                None => break,
            },
            Some(answer) = answers.recv() => push_frame(&mut out, &answer),
        };
        if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
            return;
        }
        out.clear();
        out.shrink_to(KEPT_CAPACITY);
    }
    // The answers owed for what arrived before the server stopped.
    while let Ok(answer) = answers.try_recv() {
        push_frame(&mut out, &answer);
    }
    if !out.is_empty() {
        let _ = output.write_all(&out).await;
        let _ = output.flush().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(bodies: &[&[u8]]) -> Vec<u8> {
        let mut input = Vec::new();
        for body in bodies {
            input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            input.extend_from_slice(body);
        }
        input
    }

    /// What the guard passes on, the answers it owes, and whether it saw a
    /// shutdown request.
    async fn guard_all(input: &[u8]) -> (Vec<u8>, Vec<serde_json::Value>, bool) {
        let (sender, mut receiver) = mpsc::unbounded_channel();
        let mut output = Vec::new();
        let shutdown = AtomicBool::new(false);
        let gate = InitializeGate::default();
        guard_input(input, &mut output, sender, &gate, &shutdown).await;
        let mut answers = Vec::new();
        while let Ok(answer) = receiver.try_recv() {
            answers.push(serde_json::from_slice(&answer).unwrap());
        }
        (output, answers, shutdown.load(Ordering::SeqCst))
    }

    #[tokio::test]
    async fn good_frames_pass_and_the_rest_is_answered() {
        let input = b"Content-Length: 5\r\n\r\n{nopeXYZ\r\n\r\nContent-Length: 32\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"a\"}  Content-Length: 4\r\n\r\nnull";
        let (output, answers, shutdown) = guard_all(input).await;
        assert_eq!(
            String::from_utf8(output).unwrap(),
            "Content-Length: 32\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"a\"}  "
        );
        let codes: Vec<i64> = answers
            .iter()
            .map(|answer| {
                assert_eq!(answer["id"], serde_json::Value::Null);
                answer["error"]["code"].as_i64().unwrap()
            })
            .collect();
        assert_eq!(codes, [-32700, -32600]);
        assert!(!shutdown);
    }

    #[tokio::test]
    async fn a_large_message_leaves_no_large_buffer_behind() {
        let large = vec![b'x'; 4 * 1024 * 1024];
        let input = framed(&[&large, b"null"]);
        let mut frames = Frames::new(&input[..]);
        assert_eq!(
            frames.next().await.map(|body| body.len()),
            Some(large.len())
        );
        assert_eq!(frames.next().await.as_deref(), Some(&b"null"[..]));
        assert!(frames.buffer.capacity() <= KEPT_CAPACITY);
    }

    #[tokio::test]
    async fn input_without_headers_is_skipped() {
        let message = br#"{"jsonrpc":"2.0","method":"a"}"#;
        let mut input = vec![b'x'; 3 * MAX_HEADER];
        input.extend_from_slice(&framed(&[message]));
        let (output, _, _) = guard_all(&input).await;
        assert!(output.ends_with(message), "{output:?}");
    }

    #[tokio::test]
    async fn a_shutdown_request_is_noted() {
        let notification = framed(&[br#"{"jsonrpc":"2.0","method":"shutdown"}"#]);
        assert!(!guard_all(&notification).await.2);
        let request = framed(&[br#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#]);
        assert!(guard_all(&request).await.2);
    }

    #[tokio::test]
    async fn nothing_passes_after_initialize_until_it_is_answered() {
        let initialize = br#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#;
        let initialized = br#"{"jsonrpc":"2.0","method":"initialized"}"#;
        let input = framed(&[initialize, initialized]);
        let gate = std::sync::Arc::new(InitializeGate::default());
        let (server_input, server_reads) = tokio::io::duplex(4096);
        let (sender, _answers) = mpsc::unbounded_channel();
        let guard_gate = gate.clone();
        let guard = tokio::spawn(async move {
            guard_input(
                &input[..],
                server_input,
                sender,
                &guard_gate,
                &AtomicBool::new(false),
            )
            .await
        });
        let mut frames = Frames::new(server_reads);
        assert_eq!(frames.next().await.as_deref(), Some(&initialize[..]));
        let early = tokio::time::timeout(std::time::Duration::from_millis(100), frames.next());
        assert!(early.await.is_err(), "a message passed before the answer");
        gate.saw(br#"{"jsonrpc":"2.0","id":2,"result":null}"#);
        gate.saw(br#"{"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}"#);
        assert_eq!(frames.next().await.as_deref(), Some(&initialized[..]));
        guard.await.unwrap();
    }

    #[tokio::test]
    async fn answers_go_between_whole_frames() {
        let server = b"Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\n[11]";
        let (sender, answers) = mpsc::unbounded_channel();
        sender.send(b"{\"x\":1}".to_vec()).unwrap();
        drop(sender);
        let mut output = Vec::new();
        merge_output(
            &server[..],
            answers,
            &mut output,
            &InitializeGate::default(),
        )
        .await;
        let text = String::from_utf8(output).unwrap();
        let frames: Vec<&str> = text.split("Content-Length: ").skip(1).collect();
        assert_eq!(frames.len(), 3, "{text}");
        for frame in ["2\r\n\r\n{}", "4\r\n\r\n[11]", "7\r\n\r\n{\"x\":1}"] {
            assert!(frames.contains(&frame), "{text}");
        }
    }
}
