//! Words for syntax errors: which block a line is in, what was expected there, and what
//! was found instead, in terms a user knows rather than grammar rule names.

use super::grammar::{Rule, line_parses};
use super::is_keyword;

/// The kind of block a line stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Top,
    Guidance,
    Rule,
    Council,
    Post,
    Assurance,
}

impl Context {
    pub(super) const ALL: [Context; 6] = [
        Context::Top,
        Context::Guidance,
        Context::Rule,
        Context::Council,
        Context::Post,
        Context::Assurance,
    ];

    /// The grammar rule that parses one line of this block on its own.
    pub(super) fn probe(self) -> Rule {
        match self {
            Context::Top => Rule::top_probe,
            Context::Guidance => Rule::guidance_probe,
            Context::Rule => Rule::rule_probe,
            Context::Council => Rule::council_probe,
            Context::Post => Rule::post_probe,
            Context::Assurance => Rule::assurance_probe,
        }
    }

    pub(super) fn accepts(self, line: &str) -> bool {
        line_parses(self.probe(), line)
    }

    /// "at top level", "in a post", ...
    pub(super) fn where_(self) -> &'static str {
        match self {
            Context::Top => "at the top level of a file",
            Context::Guidance => "in a `guidance` block",
            Context::Rule => "in a `rule` block",
            Context::Council => "in a `council` block",
            Context::Post => "in an `officer` or `member` block",
            Context::Assurance => "in an `assurance` block",
        }
    }

    /// The keywords that start a line of this block (`shared with` as the two words it
    /// takes), in the order help lists them: the one list of them, for syntax errors'
    /// help and for completion, held to the block's probe rule in the grammar by the test
    /// below.
    pub fn line_keywords(self) -> &'static [&'static str] {
        match self {
            Context::Top => &[
                "role", "body", "function", "element", "flag", "group", "relation", "guidance", "council",
            ],
            Context::Guidance => &[
                "status",
                "issued",
                "by",
                "under",
                "replaces",
                "in_force",
                "paragraphs",
                "aside",
                "reading",
                "rule",
            ],
            Context::Rule => &["cite", "quote", "reading", "in_force"],
            Context::Council => &["follows", "is", "as_of", "officer", "member", "assurance", "depart"],
            Context::Post => &["holds", "holder", "is", "shared with"],
            Context::Assurance => &["covers", "dated", "by", "addresses"],
        }
    }

    /// What else may start a line here, besides [`Context::line_keywords`].
    fn line_others(self) -> Option<&'static str> {
        match self {
            Context::Rule => Some("a clause (such as `should DCS reports_to ChiefExecutive`)"),
            Context::Post => Some("a relation (such as `reports_to`)"),
            Context::Top | Context::Guidance | Context::Council | Context::Assurance => None,
        }
    }

    /// What may start a line here, for when the line's first word is wrong: "`status`,
    /// `issued`, ... or `rule`".
    fn line_starts(self) -> String {
        let mut all: Vec<String> = self.line_keywords().iter().map(|k| format!("`{k}`")).collect();
        all.extend(self.line_others().map(str::to_string));
        match all.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, init)) => format!("{} or {last}", init.join(", ")),
            None => String::new(),
        }
    }
}

/// Describes what stands at the start of `rest`, and how many bytes it covers.
pub(super) fn describe_found(rest: &str) -> (String, usize) {
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let skipped = rest.len() - trimmed.len();
    if trimmed.is_empty() || trimmed.starts_with("//") {
        return ("end of line".into(), 0);
    }
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if !word.is_empty() {
        let kind = if is_keyword(&word) { "keyword " } else { "" };
        return (format!("{kind}`{word}`"), skipped + word.len());
    }
    if let Some(inside) = trimmed.strip_prefix('"') {
        let len = inside.find('"').map_or(trimmed.len(), |i| i + 2);
        return ("a string".into(), skipped + len);
    }
    let c = trimmed.chars().next().unwrap_or(' ');
    (format!("`{c}`"), skipped + c.len_utf8())
}

/// Joins what the grammar tried at the error position into one phrase.
pub(super) fn describe_expected(positives: &[Rule], context: Context) -> String {
    let starts = context.line_starts();
    let mut phrases: Vec<&str> = Vec::new();
    for rule in positives {
        let phrase = match describe_rule(*rule) {
            Some(p) => p,
            // A whole-line alternative: say what may start a line here.
            None => starts.as_str(),
        };
        if !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    if phrases.is_empty() {
        return starts;
    }
    // "end of line" reads best last.
    if let Some(i) = phrases.iter().position(|p| *p == "end of line") {
        let eol = phrases.remove(i);
        phrases.push(eol);
    }
    match phrases.as_slice() {
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
        [] => unreachable!("checked above"),
    }
}

fn describe_rule(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::item_name => "a name",
        Rule::role_name => "a role name",
        Rule::relation_name | Rule::relation_atom | Rule::relation_stmt => "a relation name",
        Rule::flag_name => "a flag name",
        Rule::flag_ref => "a flag name, `officer`, `member` or `shared`",
        Rule::element_name => "an element name",
        Rule::target_name => "a name",
        Rule::guidance_name => "a guidance name",
        Rule::council_name => "a council name",
        Rule::post_name => "a post name",
        Rule::rule_name => "a rule name",
        Rule::rule_path => "a rule name (such as `dcs_lmcs_2013.dcs_appointed`)",
        Rule::string => "a string in double quotes",
        Rule::string_close => "`\"`",
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::integer => "a number",
        Rule::duration_unit => "`days`, `months` or `years`",
        Rule::duration => "a duration (such as `12 months`)",
        Rule::kw_role => "`role`",
        Rule::kw_body => "`body`",
        Rule::kw_function => "`function`",
        Rule::kw_element => "`element`",
        Rule::kw_flag => "`flag`",
        Rule::kw_relation | Rule::relation_item => "`relation`",
        Rule::kw_guidance | Rule::guidance_head => "`guidance`",
        Rule::kw_rule | Rule::rule_head => "`rule`",
        Rule::kw_status | Rule::status_stmt => "`status`",
        Rule::kw_issued | Rule::issued_stmt => "`issued`",
        Rule::kw_by | Rule::by_stmt => "`by`",
        Rule::kw_under | Rule::under_stmt => "`under`",
        Rule::kw_replaces | Rule::replaces_stmt => "`replaces`",
        Rule::kw_cite | Rule::cite_stmt => "`cite`",
        Rule::kw_quote | Rule::quote_stmt => "`quote`",
        Rule::kw_reading | Rule::reading_stmt => "`reading`",
        Rule::kw_must => "`must`",
        Rule::kw_should => "`should`",
        Rule::kw_may => "`may`",
        Rule::modality => "`must`, `should` or `may`",
        Rule::kw_not | Rule::negation => "`not`",
        Rule::kw_exists => "`exists`",
        Rule::kw_one => "`one`",
        Rule::quantifier => "`exists` or `one`",
        Rule::kw_combine | Rule::combine_sel => "`combine(...)`",
        Rule::kw_requires | Rule::requires => "`requires`",
        Rule::kw_unless | Rule::unless_part => "`unless`",
        Rule::kw_when | Rule::when_part => "`when`",
        Rule::kw_in_force | Rule::in_force_stmt => "`in_force`",
        Rule::kw_until => "`until`",
        Rule::kw_implies | Rule::implies_part => "`implies`",
        Rule::until_date => "a date (YYYY-MM-DD)",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_holds | Rule::holds_atom | Rule::holds_stmt => "`holds`",
        Rule::kw_is | Rule::is_atom | Rule::is_stmt => "`is`",
        Rule::kw_assurance | Rule::assurance_sel | Rule::assurance_atom => "`assurance`",
        Rule::assurance_head => "`assurance`",
        Rule::kw_dated | Rule::dated_stmt => "`dated`",
        Rule::dated_atom => "`dated within`",
        Rule::kw_within => "`within`",
        Rule::kw_addresses | Rule::addresses_atom | Rule::addresses_stmt => "`addresses`",
        Rule::kw_covers | Rule::covers_atom | Rule::covers_stmt => "`covers`",
        Rule::kw_council | Rule::council_head => "`council`",
        Rule::kw_follows | Rule::follows_stmt => "`follows`",
        Rule::kw_officer => "`officer`",
        Rule::kw_member => "`member`",
        Rule::post_kind | Rule::post_head => "`officer` or `member`",
        Rule::kw_holder | Rule::holder_stmt => "`holder`",
        Rule::kw_shared | Rule::shared_stmt => "`shared with`",
        Rule::kw_with => "`with`",
        Rule::kw_depart | Rule::depart_stmt => "`depart`",
        Rule::kw_for | Rule::depart_for => "`for`",
        Rule::kw_because => "`because`",
        Rule::kw_post => "`post`",
        Rule::kw_statutory => "`statutory`",
        Rule::kw_advisory => "`advisory`",
        Rule::status_value => "`statutory` or `advisory`",
        Rule::target_kind => "`post`, `body` or `function`",
        Rule::vocab_kind | Rule::simple_item => "`role`, `body`, `function`, `element`, `flag` or `relation`",
        Rule::open_brace => "`{`",
        Rule::close_brace => "`}`",
        Rule::open_paren | Rule::paren_cond | Rule::any_group | Rule::all_group => "`(`",
        Rule::close_paren => "`)`",
        Rule::comma => "`,`",
        Rule::colon => "`:`",
        Rule::arrow => "`->`",
        Rule::wildcard => "`_`",
        Rule::eol | Rule::line_end | Rule::EOI => "end of line",
        Rule::subject | Rule::selector => "a role name, `combine(...)` or `assurance`",
        Rule::clause => "a clause (such as `should DCS reports_to ChiefExecutive`)",
        Rule::condition | Rule::or_cond | Rule::and_cond | Rule::unary => "a condition",
        Rule::target => "a name or a group such as `(A or B)`",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::Context;

    const GRAMMAR: &str = include_str!("../../grammar/regard.pest");

    /// The body of grammar rule `name`, between its braces.
    fn body(name: &str) -> &'static str {
        let start = GRAMMAR
            .lines()
            .position(|l| l.split_whitespace().next() == Some(name) && l.contains('='))
            .unwrap_or_else(|| panic!("no rule `{name}` in the grammar"));
        let text: String = GRAMMAR.lines().skip(start).collect::<Vec<_>>().join("\n");
        let open = GRAMMAR.find(&text).unwrap() + text.find('{').unwrap() + 1;
        let mut depth = 1;
        for (i, c) in GRAMMAR[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return &GRAMMAR[open..open + i];
                    }
                }
                _ => {}
            }
        }
        panic!("rule `{name}` is not closed")
    }

    /// The alternatives of an expression, split at the `|` of its top level.
    fn alternatives(expr: &str) -> Vec<&str> {
        let (mut out, mut depth, mut start) = (Vec::new(), 0, 0);
        for (i, c) in expr.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                '|' if depth == 0 => {
                    out.push(&expr[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push(&expr[start..]);
        out
    }

    /// The keywords a line matched by `expr` can start with; a clause or a relation
    /// (which start with names, not keywords) as `<clause>` and `<relation>`.
    fn leading(expr: &str, out: &mut BTreeSet<String>) {
        for alt in alternatives(expr) {
            let mut rest = alt.trim().trim_start_matches('_');
            if let Some(after) = rest.strip_prefix("SOI") {
                rest = after.trim_start().trim_start_matches('~').trim_start();
            }
            if let Some(inner) = rest.strip_prefix('(') {
                let mut depth = 1;
                let end = inner
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map(|(i, _)| i)
                    .unwrap();
                leading(&inner[..end], out);
                continue;
            }
            let first: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            match first.as_str() {
                "clause" => {
                    out.insert("<clause>".into());
                }
                "relation_name" => {
                    out.insert("<relation>".into());
                }
                "blank_line" | "bad_block" | "bad_line" | "stray_close" => {}
                word if word.starts_with("kw_") => {
                    out.insert(word["kw_".len()..].to_string());
                }
                word => leading(body(word), out),
            }
        }
    }

    /// The keywords that start a line of each block are those of the block's probe rule
    /// in the grammar, so that help never leaves a line out or names one the grammar
    /// refuses.
    #[test]
    fn each_blocks_line_keywords_are_the_grammars() {
        for context in Context::ALL {
            let probe = format!("{:?}", context.probe());
            let mut grammar = BTreeSet::new();
            leading(body(&probe), &mut grammar);
            let listed: BTreeSet<String> = context
                .line_keywords()
                .iter()
                .map(|k| k.split(' ').next().unwrap_or(k).to_string())
                .chain(match context {
                    Context::Rule => Some("<clause>".to_string()),
                    Context::Post => Some("<relation>".to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(listed, grammar, "the line keywords of {context:?}");
        }
    }
}
