//! Showing user text safely: in a terminal, in a CI log, in Markdown, and in XML.
//!
//! A file may hold any character, and whatever regard shows of it (a quoted title, a
//! departure's reason, a file name, a line of source) must not act on the reader's
//! terminal or document: an ESC sequence could retitle the window or plant a hyperlink,
//! a right-to-left override could reorder what is shown, `<img onerror=...>` in a
//! Markdown report would run in a viewer, and a U+FFFF makes XML unreadable. Every
//! renderer passes user text through one of these functions.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: C0 controls other than tab
/// and the line breaks, DEL, C1 controls, the bidirectional formatting characters, and
/// the separators ariadne would take for line breaks (vertical tab, form feed, U+2028,
/// U+2029).
pub fn is_unsafe_in_terminal(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A visible stand-in of one character for a character unsafe in a terminal: a C0
/// control is shown as its Unicode control picture (`␛` for ESC), anything else as
/// U+FFFD. One character for one, so that spans counted in characters stay right.
pub fn placeholder(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// Source text to draw in a terminal: each unsafe character replaced by its
/// [`placeholder`], so that the text has the same characters at the same character
/// offsets, and the same lines.
pub fn source_for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_in_terminal) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe_in_terminal(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// A message, note, file name or line for a terminal: each unsafe character, and every
/// line break when `one_line`, written as a Rust escape (`\u{1b}`).
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_in_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_in_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file name (or other text that must stay on one line) for a terminal or a line of
/// text output: as [`for_terminal`], and line breaks and tabs written as escapes too, so
/// that a name holding a newline cannot start a forged `file:line:col: error` line or a
/// carriage return overwrite the start of one.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let breaks = |c: char| matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(|c| is_unsafe_in_terminal(c) || breaks(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_in_terminal(c) || breaks(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 allows a character in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Text for XML content or an attribute value (HTML reports, SVG charts): markup
/// characters escaped, each character XML forbids (most C0 controls, U+FFFE, U+FFFF)
/// replaced by U+FFFD, and each bidirectional control or other character unsafe in a
/// terminal shown as its [`placeholder`], so that a title holding U+202E is not drawn
/// reversed ("Lead \u{202e}rebmem" shown as written, not as "Lead member").
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if !is_xml_char(c) => out.push('\u{fffd}'),
            c if is_unsafe_in_terminal(c) => out.push(placeholder(c)),
            c => out.push(c),
        }
    }
    out
}

/// User text for Markdown prose (a table cell, a list item, a heading): every character
/// Markdown or its HTML could take as markup is backslash-escaped or written as an
/// entity, line breaks become spaces, and characters unsafe in a terminal are replaced,
/// so that the text reads as written and never becomes a link, an image, HTML or a
/// table column.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Only an `&` that could start an entity (`&lt;`, `&#60;`) needs escaping.
            '&' if chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') => out.push_str("&amp;"),
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if is_unsafe_in_terminal(c) || !is_xml_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// User text as a Markdown code span: fenced by one more backtick than the longest run
/// of backticks inside it, padded with spaces where it starts or ends with a backtick,
/// with line breaks as spaces and unsafe characters replaced. Inside a code span nothing
/// is markup, but a table still splits cells at `|`, so that is escaped too.
pub fn markdown_code(text: &str) -> String {
    let mut clean: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            c if is_unsafe_in_terminal(c) || !is_xml_char(c) => '\u{fffd}',
            c => c,
        })
        .collect();
    clean = clean.replace('|', "\\|");
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if clean.starts_with('`') || clean.ends_with('`') || clean.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

/// A message built by regard, for Markdown: its backticked names stay code, as a
/// terminal shows them, and everything else is [`markdown`] text. A backtick inside user
/// text cannot open markup: each part is escaped on its own.
pub fn markdown_message(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| match i % 2 {
            1 if !part.is_empty() => markdown_code(part),
            _ => markdown(part),
        })
        .collect()
}

/// The fence for a Markdown code block holding `text`: three backticks, or one more
/// than the longest run of backticks in it, so that nothing inside can close the block.
pub fn markdown_fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// A value as pretty-printed JSON in which every character unsafe in a terminal is
/// written as a `\uXXXX` escape: the document means exactly what `serde_json` would
/// write (a reader gets the user's text back as written), but a right-to-left override or
/// a C1 control in a reason cannot act on a terminal that shows the file. Every JSON
/// output of regard goes through this.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, TerminalSafeJson::default());
    match value.serialize(&mut serializer) {
        // The formatter writes only UTF-8 (serde_json's own output, and ASCII escapes).
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    }
}

/// serde_json's pretty formatter, with the characters [`is_unsafe_in_terminal`] escaped
/// inside strings.
#[derive(Default)]
struct TerminalSafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for TerminalSafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // serde_json escapes C0 controls itself; in ASCII only DEL is left to escape.
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe_in_terminal(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            // Every unsafe character is in the Basic Multilingual Plane: one escape.
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    // The rest is the pretty formatter's.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The message of a GitHub Actions workflow command (`::error ...::MESSAGE`): each
/// character unsafe in a terminal written as a Rust escape, as [`for_terminal`] does (a
/// runner's log viewer interprets ANSI sequences), then `%`, CR and LF percent-encoded,
/// as the runner decodes them.
pub fn github_data(text: &str) -> String {
    for_terminal(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property of a workflow command (`file=...`, `title=...`): as [`github_data`], with
/// `:` and `,` also encoded, since they end a property.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_keeps_its_character_offsets() {
        let text = "a\u{1b}]0;owned\u{7}b\u{202e}c\td\r\ne";
        let shown = source_for_terminal(text);
        assert_eq!(shown.chars().count(), text.chars().count());
        assert!(!shown.chars().any(is_unsafe_in_terminal));
        assert!(shown.contains('\u{241b}') && shown.contains("\td\r\ne"));
        assert_eq!(for_terminal("x\u{1b}[2Jy"), "x\\u{1b}[2Jy");
        assert_eq!(for_terminal("plain"), "plain");
    }

    #[test]
    fn markdown_text_is_never_markup() {
        assert_eq!(
            markdown("<img src=z onerror=alert(1)>"),
            "&lt;img src=z onerror=alert(1)&gt;"
        );
        assert_eq!(markdown("![pixel](http://x)"), "!\\[pixel\\](http://x)");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(github_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(github_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(github_data("red \u{1b}[31m\u{202e}"), "red \\u{1b}[31m\\u{202e}");
    }

    #[test]
    fn json_escapes_what_a_terminal_would_act_on_and_means_the_same() {
        let value = serde_json::json!({"reason": "a\u{202e}b\u{9b}c\u{1b}d é", "n": [1, 2]});
        let text = json(&value);
        assert!(!text.chars().any(is_unsafe_in_terminal), "{text}");
        assert!(text.contains("a\\u202eb\\u009bc\\u001bd é"), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
        let plain = serde_json::json!({"a": [1, {"b": "c"}], "d": null});
        assert_eq!(json(&plain), serde_json::to_string_pretty(&plain).unwrap());
    }

    #[test]
    fn xml_text_holds_only_xml_characters() {
        assert_eq!(xml("a\u{ffff}b\u{fffe}<\u{1}"), "a\u{fffd}b\u{fffd}&lt;\u{fffd}");
    }
}
