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
//! format); the renderers are `markdown.rs`, `html.rs`, `chart/` (SVG and DOT) and
//! `guidance.rs` (one guidance over many councils).

mod build;
pub mod chart;
pub mod guidance;
pub mod html;
pub mod markdown;
mod model;
mod words;

pub use crate::stdlib::report::STATUTORY_ROLES;
pub use words::Names;

use build::status_name;
pub use build::{RuleInfo, age, build, rule_info};
pub use model::*;
