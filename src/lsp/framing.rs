//! A guard in front of stdin. tower-lsp-server stops reading for good after
//! one malformed message (its framed reader ends on the first decode error),
//! so a client that sends garbage would leave the server deaf. Here every
//! frame is checked first; malformed ones are logged and dropped, and only
//! well-formed JSON reaches the protocol layer.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

const HEADER_END: &[u8] = b"\r\n\r\n";
/// Larger than any sane message; a bigger length is a broken header.
const MAX_MESSAGE: usize = 512 * 1024 * 1024;

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

/// Copy well-formed frames from `input` to `output` until `input` ends.
pub async fn forward_valid_frames(
    mut input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) {
    let mut buffer: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        // Complete every frame the buffer holds.
        while let Some(header_end) = find(&buffer, HEADER_END) {
            let Some(length) = content_length(&buffer[..header_end]).filter(|l| *l <= MAX_MESSAGE)
            else {
                tracing::error!("dropping a message header without a valid Content-Length");
                // Resynchronise on the next header.
                let skip = find(&buffer[1..], b"Content-Length").map_or(buffer.len(), |i| i + 1);
                buffer.drain(..skip);
                continue;
            };
            let body_start = header_end + HEADER_END.len();
            if buffer.len() < body_start + length {
                break;
            }
            let body = &buffer[body_start..body_start + length];
            if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
                let header = format!("Content-Length: {length}\r\n\r\n");
                if output.write_all(header.as_bytes()).await.is_err()
                    || output.write_all(body).await.is_err()
                    || output.flush().await.is_err()
                {
                    return;
                }
            } else {
                tracing::error!(
                    "dropping a malformed message (not JSON): {:?}",
                    String::from_utf8_lossy(&body[..body.len().min(200)])
                );
            }
            buffer.drain(..body_start + length);
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn garbage_is_dropped_and_good_frames_pass() {
        let input = b"Content-Length: 5\r\n\r\n{nopeXYZ\r\n\r\nContent-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnullContent-Length: 3\r\n\r\n{x}";
        let mut output = Vec::new();
        forward_valid_frames(&input[..], &mut output).await;
        assert_eq!(
            String::from_utf8(output).unwrap(),
            "Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull"
        );
    }
}
