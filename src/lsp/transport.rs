//! Messages over standard input and output.
//!
//! lsp-server's own stdio transport stops at the first message it cannot decode, which
//! ends the server. This one frames messages itself (`Content-Length`), answers a body
//! that is not JSON with a ParseError (and one that is not a message with an
//! InvalidRequest), and reads on. Good messages reach the server through an in-memory
//! `Connection`. Only protocol messages go to standard output.

use std::io::{self, BufRead, Write};
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
                match read_frame(&mut input) {
                    Ok(Some(body)) => match decode(&body) {
                        Ok(message) => {
                            if client.sender.send(message).is_err() {
                                break;
                            }
                        }
                        Err(reply) => {
                            let Ok(mut out) = stdout.lock() else { break };
                            if write_frame(&mut *out, &reply).is_err() {
                                break;
                            }
                        }
                    },
                    Ok(None) => break,
                    Err(e) => {
                        let _ = writeln!(std::io::stderr(), "regard lsp: cannot read a message: {e}");
                        break;
                    }
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

/// Reads one message's body, or `None` at the end of the input. A malformed header line
/// is skipped: the next well-framed message is still read.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            match length {
                Some(n) => break read_body(input, n).map(Some),
                // A blank line before any header: keep looking for one.
                None => continue,
            }
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("Content-Length")
        {
            length = value.trim().parse().ok();
        }
    }
}

fn read_body(input: &mut impl BufRead, length: usize) -> io::Result<Vec<u8>> {
    // A message is at most 64 MiB; beyond that the stream is not worth trusting.
    if length > 64 << 20 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "message too large"));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
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
        assert_eq!(read_frame(&mut reader).unwrap(), Some(b"{}".to_vec()));
        assert_eq!(read_frame(&mut reader).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_frame(&mut reader).unwrap(), None);
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
