//! Messages over standard input and output.
//!
//! lsp-server's own stdio transport stops at the first message it cannot decode, which
//! ends the server. This one frames messages itself (`Content-Length`), answers a body
//! that is not JSON with a ParseError (and one that is not a message with an
//! InvalidRequest), and reads on. Good messages reach the server through an in-memory
//! `Connection`. Only protocol messages go to standard output.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use lsp_server::{Connection, ErrorCode, Message};

/// The server's end of the connection, and the threads that move messages.
pub struct Stdio {
    pub connection: Connection,
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
}

impl Stdio {
    pub fn start() -> Stdio {
        let (server, client) = Connection::memory();
        let stdout = Arc::new(Mutex::new(io::stdout()));
        let writer = {
            let stdout = Arc::clone(&stdout);
            let receiver = client.receiver.clone();
            std::thread::spawn(move || {
                for message in receiver {
                    let Ok(mut out) = stdout.lock() else { break };
                    if message.write(&mut *out).is_err() {
                        break;
                    }
                }
            })
        };
        let reader = std::thread::spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            loop {
                let reply = match read_frame(&mut input) {
                    Ok(Frame::Body(body)) => match decode(&body) {
                        Ok(message) => {
                            if client.sender.send(message).is_err() {
                                break;
                            }
                            continue;
                        }
                        Err(reply) => reply,
                    },
                    Ok(Frame::TooLarge(length)) => error_reply(
                        serde_json::Value::Null,
                        ErrorCode::InvalidRequest,
                        &format!(
                            "a message of {length} bytes is over the limit of {MAX_MESSAGE} bytes; it was skipped"
                        ),
                    ),
                    Ok(Frame::End) => break,
                    Err(e) => {
                        let _ = writeln!(std::io::stderr(), "regard lsp: cannot read a message: {e}");
                        break;
                    }
                };
                let Ok(mut out) = stdout.lock() else { break };
                if write_frame(&mut *out, &reply).is_err() {
                    break;
                }
            }
            // Dropping the client's sender tells the server the input has ended.
        });
        Stdio {
            connection: server,
            reader,
            writer,
        }
    }

    /// Waits for the threads after the server is done. The reader may still be blocked
    /// on input; it ends with the process.
    pub fn join(self) {
        drop(self.connection);
        let _ = self.writer.join();
        if self.reader.is_finished() {
            let _ = self.reader.join();
        }
    }
}

/// The largest message body read: 64 MiB.
pub const MAX_MESSAGE: usize = 64 << 20;

/// What one frame of input gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message's body.
    Body(Vec<u8>),
    /// A message over [`MAX_MESSAGE`] bytes, whose body was skipped.
    TooLarge(usize),
    /// The end of the input.
    End,
}

/// Reads one message's body. Header lines are bytes, not necessarily UTF-8, and a line
/// that is not a good header is skipped. A `Content-Length:` header is found wherever it
/// starts on a line, so that after a message whose length was wrong (the tail of its body
/// and the next header then share a line) the next message is still read.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(Frame::End);
        }
        let header = trim_line_end(&line);
        if header.is_empty() {
            match length {
                Some(n) if n > MAX_MESSAGE => {
                    io::copy(&mut input.take(n as u64), &mut io::sink())?;
                    return Ok(Frame::TooLarge(n));
                }
                Some(n) => return read_body(input, n).map(Frame::Body),
                // A blank line before any header: keep looking for one.
                None => continue,
            }
        }
        if let Some(value) = content_length(header) {
            length = value;
        }
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    &line[..end]
}

/// The value of a `Content-Length` header starting anywhere in `line`: `Some(None)` when
/// the header is there but its value is not a length (which then frames nothing).
fn content_length(line: &[u8]) -> Option<Option<usize>> {
    const NAME: &[u8] = b"content-length:";
    let start = line.windows(NAME.len()).rposition(|w| w.eq_ignore_ascii_case(NAME))?;
    let value = std::str::from_utf8(&line[start + NAME.len()..]).ok().map(str::trim);
    Some(value.and_then(|v| v.parse().ok()))
}

fn read_body(input: &mut impl BufRead, length: usize) -> io::Result<Vec<u8>> {
    let mut body = Vec::with_capacity(length.min(1 << 20));
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the input ended inside a message",
        ));
    }
    Ok(body)
}

/// A message, or the error response to send back instead.
fn decode(body: &[u8]) -> Result<Message, String> {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Err(error_reply(
                serde_json::Value::Null,
                ErrorCode::ParseError,
                &format!("not JSON: {e}"),
            ));
        }
    };
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    serde_json::from_value(value).map_err(|e| {
        error_reply(
            id,
            ErrorCode::InvalidRequest,
            &format!("not a request, response or notification: {e}"),
        )
    })
}

fn error_reply(id: serde_json::Value, code: ErrorCode, message: &str) -> String {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": message},
    })
    .to_string()
}

fn write_frame(out: &mut impl Write, body: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_and_bad_headers_skipped() {
        let input = b"X-Junk\r\nContent-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\nabc";
        let mut reader = &input[..];
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::Body(b"{}".to_vec()));
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::Body(b"abc".to_vec()));
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::End);
    }

    #[test]
    fn a_wrong_length_is_followed_by_the_next_good_message() {
        let good = br#"{"jsonrpc":"2.0","method":"x"}"#;
        for bad in [
            "Content-Length: 5",
            "Content-Length: -3",
            "Content-Length: many",
            "X-Nothing: 1",
        ] {
            let mut input = format!("{bad}\r\n\r\n{{\"jsonrpc\":\"2.0\",\"method\":\"y\"}}").into_bytes();
            input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", good.len()).as_bytes());
            input.extend_from_slice(good);
            let mut reader = &input[..];
            let mut frames = Vec::new();
            loop {
                match read_frame(&mut reader).unwrap() {
                    Frame::End => break,
                    frame => frames.push(frame),
                }
            }
            assert_eq!(frames.last(), Some(&Frame::Body(good.to_vec())), "after `{bad}`");
        }
    }

    #[test]
    fn headers_that_are_not_utf8_and_huge_messages_are_skipped() {
        let mut input = b"X-\xff\xfe: 1\r\nContent-Length: 2\r\n\r\n{}".to_vec();
        input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1).as_bytes());
        input.extend(std::iter::repeat_n(b' ', MAX_MESSAGE + 1));
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n[]");
        let mut reader = &input[..];
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::Body(b"{}".to_vec()));
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::TooLarge(MAX_MESSAGE + 1));
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::Body(b"[]".to_vec()));
    }

    #[test]
    fn bodies_that_are_not_messages_get_errors() {
        let reply: serde_json::Value = serde_json::from_str(&decode(b"{oops").unwrap_err()).unwrap();
        assert_eq!(reply["error"]["code"], -32700);
        assert!(reply["id"].is_null());
        let reply: serde_json::Value = serde_json::from_str(&decode(b"{\"x\": 1}").unwrap_err()).unwrap();
        assert_eq!(reply["error"]["code"], -32600);
        assert!(decode(b"{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}").is_ok());
    }
}
