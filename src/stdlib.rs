//! The standard library, embedded in the binary. Its files are ordinary regard source,
//! parsed and checked like any other, and shown in diagnostics as `<stdlib>/NAME.regard`.

/// Each file's name (without `.regard`) and text. A guidance file's name is its
/// guidance's id.
pub const FILES: &[(&str, &str)] = &[
    ("vocabulary", include_str!("../stdlib/vocabulary.regard")),
    ("dcs_lmcs_2009", include_str!("../stdlib/dcs_lmcs_2009.regard")),
    ("dcs_lmcs_2013", include_str!("../stdlib/dcs_lmcs_2013.regard")),
    (
        "chief_executive_guide",
        include_str!("../stdlib/chief_executive_guide.regard"),
    ),
];

/// The prefix of the paths the standard library's files are shown under.
pub const PREFIX: &str = "<stdlib>/";

/// The path a standard library file is shown under.
pub fn path(name: &str) -> String {
    format!("{PREFIX}{name}.regard")
}
