//! `regard init`: the starter file for a council new to regard.
//!
//! The starter declares the four statutory posts (Chief Executive, Director of Children's
//! Services, Leader, Lead Member for Children's Services) arranged as the current
//! guidance expects, so that `regard check` on it straight away reports only what a
//! council has to decide for itself, not a wall of errors. Lines a council has to fill in
//! are marked `FILL IN` in comments. The starter's text is `stdlib/starter.template`,
//! next to the standard library whose roles and rules it names.

use std::path::{Path, PathBuf};

use crate::syntax;

/// The starter file for council `id` called `name`.
pub fn starter(id: &str, name: &str) -> Result<String, String> {
    if !syntax::is_identifier(id) {
        let why = match syntax::is_keyword(id) {
            true => format!("`{id}` is a keyword of the language"),
            false => format!("`{id}` is not an identifier"),
        };
        return Err(format!(
            "{why}; a council id is letters, digits and `_`, starting with a letter, such as `{}`",
            suggest_id(name)
        ));
    }
    if name.trim().is_empty() {
        return Err("the council's name is empty; give it as it appears on the council's papers".into());
    }
    if name.chars().any(|c| c.is_control() && c != '\t') {
        return Err("the council's name must be one line of text".into());
    }
    let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
    Ok(crate::stdlib::STARTER.replace("{id}", id).replace("{name}", &quoted))
}

/// Writes the starter for council `id` to `dir/id.regard`, creating `dir` if need be,
/// and never over an existing file. Returns the path written.
pub fn write(id: &str, name: &str, dir: &Path) -> Result<PathBuf, String> {
    let text = starter(id, name)?;
    let path = dir.join(format!("{id}.regard"));
    match crate::files::create_new(&path, &text) {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(format!(
            "`{}` already exists; regard init never overwrites a file (remove it, or choose another --dir)",
            path.display()
        )),
        Err(e) => Err(format!("cannot write `{}`: {e}", path.display())),
    }
}

/// An id made from a council's name, for the error message: "Northshire County
/// Council" gives `northshire_county_council`.
fn suggest_id(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let id = words.join("_");
    match id.chars().next() {
        Some(c) if c.is_ascii_alphabetic() && syntax::is_identifier(&id) => id,
        Some(_) => format!("council_{id}"),
        None => "northshire".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_and_ids_checked() {
        let text = starter("northshire", r#"The "Northshire" \ Council"#).unwrap();
        assert!(text.contains(r#"council northshire "The \"Northshire\" \\ Council" {"#));
        let error = starter("rule", "Rule Council").unwrap_err();
        assert!(error.contains("`rule` is a keyword"), "{error}");
        let error = starter("2shire", "2 Shire Council").unwrap_err();
        assert!(error.contains("such as `council_2_shire_council`"), "{error}");
        assert!(starter("x", "Line one\nline two").is_err());
        assert!(starter("x", "  ").is_err());
    }
}
