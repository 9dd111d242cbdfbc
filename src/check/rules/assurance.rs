//! Assurance taken together (language-v2.md 2.4): the records that count for a post or
//! for the council, what they address between them, and why they fall short, in words.
//!
//! A record counts when it covers the post (any record, for the council), is dated no
//! later than the check date (a record dated tomorrow satisfies nothing) and, with
//! `within N`, no earlier than the check date minus N.

use crate::hir::{Record, Target};
use crate::syntax::Name;
use crate::syntax::ast::Duration;

use super::explanation::Why;
use super::meaning::missing;
use super::{Evaluator, earliest_within, ticked};

impl<'c, 'a> Evaluator<'c, 'a> {
    /// The council's records about `post` (every record when `None`), in declaration
    /// order, whatever their dates.
    fn records_about(&self, post: Option<usize>) -> impl Iterator<Item = (usize, &'a Record)> + 'a {
        let council = self.council();
        council
            .records
            .iter()
            .enumerate()
            .filter(move |(_, r)| post.is_none_or(|p| r.covers.contains(&p)))
    }

    /// Whether a record counts for `assurance [within N]` on the check date. An undated
    /// record (E0001) counts only where no date is asked for.
    fn counts(&self, record: &Record, within: Option<Duration>) -> bool {
        match record.dated {
            Some((date, _)) => {
                date <= self.ctx.as_of && within.is_none_or(|d| date >= earliest_within(self.ctx.as_of, d))
            }
            None => within.is_none(),
        }
    }

    /// The records that count for `assurance [within N]` about `post` (or the council).
    pub(super) fn relevant_records(&self, post: Option<usize>, within: Option<Duration>) -> Vec<usize> {
        self.records_about(post)
            .filter(|(_, r)| self.counts(r, within))
            .map(|(i, _)| i)
            .collect()
    }

    /// The names of `target` that the records, taken together, do not address.
    pub(super) fn unaddressed(&self, records: &[usize], target: &Target) -> Vec<Name> {
        missing(target, |e| {
            records.iter().any(|&r| self.record(r).addresses.iter().any(|a| a == e))
        })
    }

    /// `assurance [within N] [addresses T]` about `post` (or the council).
    pub(super) fn assured(&self, post: Option<usize>, within: Option<Duration>, addresses: Option<&Target>) -> bool {
        let records = self.relevant_records(post, within);
        !records.is_empty() && addresses.is_none_or(|t| self.unaddressed(&records, t).is_empty())
    }

    /// Why `assurance [within N] [addresses T]` is false about `post` (or the council).
    /// For a post the text follows "... but"; for the council, "council `x`".
    pub(super) fn why_unassured(
        &self,
        post: Option<usize>,
        within: Option<Duration>,
        addresses: Option<&Target>,
    ) -> Why {
        let dated = within.map(|d| format!(" dated within {d}")).unwrap_or_default();
        let about: Vec<&Record> = self.records_about(post).map(|(_, r)| r).collect();
        let relevant = self.relevant_records(post, within);
        if about.is_empty() {
            return match post {
                Some(p) => Why::new(
                    "no assurance record covers it".into(),
                    None,
                    Some(format!(
                        "carry out a local test of assurance and record it with `assurance NAME \"...\" {{ covers {} ... }}`",
                        self.post(p).name
                    )),
                ),
                None => Why::new(
                    "has no assurance record".into(),
                    None,
                    Some("review the arrangements and record the review with `assurance NAME \"...\" { dated YYYY-MM-DD ... }`".into()),
                ),
            };
        }
        if relevant.is_empty() {
            // The latest record dated by the check date, else the earliest one after it.
            let past = about
                .iter()
                .filter_map(|r| r.dated.map(|(d, _)| (d, *r)))
                .filter(|(d, _)| *d <= self.ctx.as_of)
                .max_by_key(|(d, _)| *d);
            let latest = match past {
                Some((date, r)) => format!(" (the latest, `{}`, is dated {date})", r.name),
                None => match about
                    .iter()
                    .filter_map(|r| r.dated.map(|(d, _)| (d, *r)))
                    .min_by_key(|(d, _)| *d)
                {
                    Some((date, r)) => format!(
                        " (`{}` is dated {date}, after the check date {}, and counts for nothing yet)",
                        r.name, self.ctx.as_of
                    ),
                    None => String::new(),
                },
            };
            let fix = "review the arrangements again and record the new assurance with its date".to_string();
            let when = match within {
                Some(d) => format!("dated within {d}"),
                None => format!("dated on or before {}", self.ctx.as_of),
            };
            let text = match post {
                Some(_) => format!("no assurance record covering it is {when}{latest}"),
                None => format!("has no assurance record {when}{latest}"),
            };
            return Why::new(text, None, Some(fix));
        }
        let target = addresses.expect("records count, so the shortfall is in what they address");
        let unaddressed = self.unaddressed(&relevant, target);
        let names: Vec<&str> = relevant.iter().map(|&r| self.record(r).name.as_str()).collect();
        let text = match post {
            Some(_) => format!(
                "the assurance records covering it{dated} ({}) do not address {}",
                ticked(&names, "and"),
                ticked(&unaddressed, "or")
            ),
            None => format!(
                "has assurance records{dated} ({}) that, taken together, do not address {}",
                ticked(&names, "and"),
                ticked(&unaddressed, "or")
            ),
        };
        Why::new(
            text,
            None,
            Some(format!(
                "address {} in the next review, and list what it addresses in its `addresses` line",
                ticked(&unaddressed, "and")
            )),
        )
    }

    /// Why `assurance ...` is true about `post` (or the council): the records that count.
    pub(super) fn why_assured(&self, post: Option<usize>, within: Option<Duration>) -> Why {
        let names: Vec<Name> = self
            .relevant_records(post, within)
            .into_iter()
            .map(|r| self.record(r).name.clone())
            .collect();
        let text = match (post, names.as_slice()) {
            (Some(_), [one]) => format!("is covered by assurance record `{one}`"),
            (Some(_), several) => format!("is covered by assurance records {}", ticked(several, "and")),
            (None, [one]) => format!("has assurance record `{one}`"),
            (None, several) => format!("has assurance records {}", ticked(several, "and")),
        };
        Why::new(text, None, None)
    }
}
