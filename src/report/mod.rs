//! `regard report` and `regard graph`: what a monitoring officer, a scrutiny committee or
//! an inspector reads instead of declaration files. The guidance asks councils to be open
//! about who holds the statutory roles and to assure themselves that their arrangements
//! work (paras 13-16 of the 2013 guidance); a statement per council says exactly that.
//!
//! This module builds the [`Report`]: one [`Statement`] per council declaration, from the
//! declarations as written and the checker's diagnostics, and a national overview when
//! there are several. A report never judges: every verdict, mark and problem it shows is
//! a diagnostic of the checker (with its departure, if one excuses it), found by where it
//! points; what the report adds is the declarations themselves and the words for people
//! (titles for names, advice for syntax). It is plain data (serialised as the JSON
//! format). `page.rs` says what a report holds, once, as a `document.rs` document (for a
//! report, and for `guidance.rs`'s view of one guidance over many councils), which
//! `markdown.rs` and `html.rs` each lay out; `chart/` draws the organisation chart (SVG
//! and DOT).

mod build;
pub mod chart;
mod document;
pub mod guidance;
pub mod html;
pub mod markdown;
mod model;
mod page;
mod words;

pub use crate::stdlib::report::STATUTORY_ROLES;
pub use words::Names;

use build::status_name;
pub use build::{RuleInfo, age, build, rule_info};
pub use model::*;
