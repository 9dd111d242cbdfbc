//! `regard init`: the starter file for a council new to regard.
//!
//! The starter declares the four statutory posts (Chief Executive, Director of Children's
//! Services, Leader, Lead Member for Children's Services) arranged as the current
//! guidance expects, so that `regard check` on it straight away reports only what a
//! council has to decide for itself, not a wall of errors. Lines a council has to fill in
//! are marked `FILL IN` in comments.

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
    Ok(TEMPLATE.replace("{id}", id).replace("{name}", &quoted))
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

/// The starter file. `{id}` and `{name}` are replaced; everything else is the file.
const TEMPLATE: &str = r#"// {name}: arrangements for children's services, in regard.
//
// Written by `regard init` as a starting point. It declares the four statutory posts
// arranged as the current guidance expects. Lines marked FILL IN are for you to complete
// or correct so that the file describes your council as it is, not as it ought to be.
// Then run
//
//   regard check {id}.regard
//
// and follow the help under each diagnostic. `regard explain RULE` shows what a rule
// asks and where the guidance says it.

/// FILL IN: a sentence about the council (shown when you hover over its name).
council {id} "{name}" {
  // The guidance the council has regard to: the statutory guidance on the DCS and the
  // LMCS, and the Chief Executive's guide to those roles.
  follows dcs_lmcs_2013, chief_executive_guide

  // The Head of Paid Service.
  officer chief_executive "Chief Executive" {
    holds ChiefExecutive
    // FILL IN: who holds the post.
    // holder "Name of the Chief Executive"
  }

  // One officer accountable for both education and children's social care, reporting
  // directly to the Chief Executive.
  officer director_childrens "Director of Children's Services" {
    holds DCS
    // FILL IN: who holds the post. Add `is interim` for an interim appointment, and
    // `is first_director_role` if this is the holder's first director post.
    // holder "Name of the Director"
    reports_to chief_executive
    member_of LSCB, HealthAndWellbeingBoard
    // FILL IN: everything the post is responsible for. A DCS who also holds another
    // role (DASS, say) needs a local test of assurance: declare it below.
    responsible_for education, childrens_social_care
  }

  // FILL IN: in a mayoral council, the Mayor instead (`holds Mayor`, and the Lead
  // Member reports to the Mayor).
  member leader "Leader of the Council" {
    holds Leader
    // holder "Name of the Leader"
    member_of Executive
  }

  // One councillor accountable for both education and children's social care, on the
  // Executive and a participating observer (not a member) of the LSCB.
  member lead_member_childrens "Lead Member for Children's Services" {
    holds LMCS
    // FILL IN: who holds the post, and the portfolio's title above if it differs.
    // holder "Name of the Lead Member"
    reports_to leader
    member_of Executive
    observer_of LSCB
    responsible_for education, childrens_social_care, send
  }

  // FILL IN: where a post combines roles, record the local test of assurance, for
  // example:
  //
  //   assurance twin_hat_review "Review of the combined DCS and DASS role" {
  //     covers director_childrens
  //     dated 2025-04-01
  //     by "Chief Executive"
  //     addresses priority, accountability, seniority, participation, child_protection, partnerships
  //   }
  //
  // and where the council has decided to depart from a rule, say why:
  //
  //   depart dcs_lmcs_2013.lmcs_on_executive because "the reason, as minuted"
}
"#;

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
