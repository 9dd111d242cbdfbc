//! The standard library, embedded in the binary. Its files are ordinary regard source,
//! parsed and checked like any other, and shown in diagnostics as `<stdlib>/NAME.regard`.

/// Each file's name (without `.regard`) and text. A guidance file's name is its
/// guidance's id.
pub const FILES: &[(&str, &str)] = &[
    ("vocabulary", include_str!("../stdlib/vocabulary.regard")),
    (
        "local_government_law",
        include_str!("../stdlib/local_government_law.regard"),
    ),
    ("dcs_lmcs_2009", include_str!("../stdlib/dcs_lmcs_2009.regard")),
    ("dcs_lmcs_2013", include_str!("../stdlib/dcs_lmcs_2013.regard")),
    (
        "ministerial_letter_2009",
        include_str!("../stdlib/ministerial_letter_2009.regard"),
    ),
    (
        "chief_executive_guide",
        include_str!("../stdlib/chief_executive_guide.regard"),
    ),
    (
        "working_together_2018",
        include_str!("../stdlib/working_together_2018.regard"),
    ),
    (
        "working_together_2023",
        include_str!("../stdlib/working_together_2023.regard"),
    ),
];

/// The starter file of `regard init`: `{id}` and `{name}` are replaced, everything
/// else is the file.
pub const STARTER: &str = include_str!("../stdlib/starter.template");

/// What the report shows of the standard library's vocabulary. These are the only role
/// and flag names the code outside this file relies on; the checker itself knows none.
pub mod report {
    /// The roles a statement always lists, in order: the two the Children Act 2004
    /// creates, and the two they answer to (a stand-in only where a post holds it).
    pub const STATUTORY_ROLES: &[&str] = &["DCS", "LMCS", "ChiefExecutive", "Leader", "Mayor"];

    /// Roles that take another's place where no post holds that one: `(stand-in,
    /// role)`. An elected Mayor leads the council where there is no Leader.
    pub const STANDS_IN_FOR: &[(&str, &str)] = &[("Mayor", "Leader")];

    /// The groups of children's services: a statement lists what a council's own file
    /// adds to them with `in`.
    pub const CHILDRENS_GROUPS: &[&str] = &["childrens_roles", "childrens_functions"];

    /// The reporting lines a statement shows: `(from, to)`.
    pub const REPORTING_LINES: &[(&str, &str)] = &[("DCS", "ChiefExecutive"), ("LMCS", "Leader")];
}

/// The prefix of the paths the standard library's files are shown under.
pub const PREFIX: &str = "<stdlib>/";

/// The path a standard library file is shown under.
pub fn path(name: &str) -> String {
    format!("{PREFIX}{name}.regard")
}

/// Examples of a standard library rule: one that breaks it (none for a `may` rule) and
/// one that meets it. They are the rule's fixtures in `tests/ui/stdlib`.
pub struct RuleExamples {
    pub guidance: &'static str,
    pub rule: &'static str,
    pub breaks: Option<&'static str>,
    pub satisfies: &'static str,
}

macro_rules! rule_examples {
    ($($guidance:literal / $rule:literal $(: $kind:ident)?),* $(,)?) => {
        &[$(rule_examples!(@one $guidance, $rule $(, $kind)?)),*]
    };
    (@one $guidance:literal, $rule:literal) => {
        RuleExamples {
            guidance: $guidance,
            rule: $rule,
            breaks: Some(include_str!(concat!("../tests/ui/stdlib/", $guidance, "/", $rule, "/breaks.regard"))),
            satisfies: include_str!(concat!("../tests/ui/stdlib/", $guidance, "/", $rule, "/satisfies.regard")),
        }
    };
    (@one $guidance:literal, $rule:literal, permission) => {
        RuleExamples {
            guidance: $guidance,
            rule: $rule,
            breaks: None,
            satisfies: include_str!(concat!("../tests/ui/stdlib/", $guidance, "/", $rule, "/never_reported.regard")),
        }
    };
}

pub const EXAMPLES: &[RuleExamples] = rule_examples![
    "dcs_lmcs_2013" / "dcs_appointed",
    "dcs_lmcs_2013" / "lmcs_designated",
    "dcs_lmcs_2013" / "dcs_integrated_brief",
    "dcs_lmcs_2013" / "lmcs_integrated_brief",
    "dcs_lmcs_2013" / "dcs_politically_restricted",
    "dcs_lmcs_2013" / "lmcs_is_councillor",
    "dcs_lmcs_2013" / "dcs_reports_to_chief_executive",
    "dcs_lmcs_2013" / "lmcs_reports_to_leader",
    "dcs_lmcs_2013" / "dcs_not_chief_executive",
    "dcs_lmcs_2013" / "dcs_additional_functions_assured",
    "dcs_lmcs_2013" / "lmcs_additional_functions_assured",
    "dcs_lmcs_2013" / "assurance_reviewed",
    "dcs_lmcs_2013" / "assurance_elements",
    "dcs_lmcs_2013" / "dcs_on_lscb",
    "dcs_lmcs_2013" / "lmcs_observes_lscb",
    "dcs_lmcs_2013" / "lmcs_not_lscb_member",
    "dcs_lmcs_2013" / "dcs_on_health_and_wellbeing_board",
    "dcs_lmcs_2013" / "lmcs_on_executive",
    "dcs_lmcs_2013" / "joint_dcs_permitted": permission,
    "dcs_lmcs_2013" / "combined_roles_permitted": permission,
    "dcs_lmcs_2009" / "dcs_appointed",
    "dcs_lmcs_2009" / "lmcs_designated",
    "dcs_lmcs_2009" / "dcs_politically_restricted",
    "dcs_lmcs_2009" / "dcs_reports_to_chief_executive",
    "ministerial_letter_2009" / "joint_dass_justified",
    "chief_executive_guide" / "lmcs_covers_send",
    "chief_executive_guide" / "twin_hatter_assured",
    "chief_executive_guide" / "safeguarding_lead_appointed",
    "chief_executive_guide" / "safeguarding_lead_reports_to_dcs",
    "chief_executive_guide" / "new_dcs_mentored",
    "chief_executive_guide" / "shared_dcs_assured",
    "chief_executive_guide" / "dcs_role_not_incorporated",
    "local_government_law" / "leader_is_councillor",
    "local_government_law" / "mayor_is_member",
    "local_government_law" / "head_of_paid_service_is_officer",
    "local_government_law" / "dass_is_officer",
    "local_government_law" / "dph_is_officer",
    "local_government_law" / "paid_office_not_held_by_councillors",
    "local_government_law" / "executive_members_are_councillors",
    "local_government_law" / "no_executive_under_committee_system",
    "local_government_law" / "no_elected_mayor_under_committee_system",
    "working_together_2018" / "partnership_member",
    "working_together_2023" / "partnership_member",
    "working_together_2023" / "lead_partner_is_chief_executive",
    "working_together_2023" / "delegated_partner_named",
    "working_together_2023" / "delegated_partner_senior",
];

pub fn examples(guidance: &str, rule: &str) -> Option<&'static RuleExamples> {
    EXAMPLES.iter().find(|e| e.guidance == guidance && e.rule == rule)
}
