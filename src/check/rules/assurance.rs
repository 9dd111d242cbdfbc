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
use super::{AssuranceReason, Evaluator, Latest, earliest_within};

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
    pub(super) fn why_unassured(
        &self,
        post: Option<usize>,
        within: Option<Duration>,
        addresses: Option<&Target>,
    ) -> Why {
        let about: Vec<&Record> = self.records_about(post).map(|(_, r)| r).collect();
        let relevant = self.relevant_records(post, within);
        if about.is_empty() {
            let post = post.map(|p| self.post(p).name.clone());
            return Why::new(AssuranceReason::None { post }, None);
        }
        if relevant.is_empty() {
            // The latest record dated by the check date, else the earliest one after it.
            let dated = || about.iter().filter_map(|r| r.dated.map(|(d, _)| (d, *r)));
            let latest = match dated().filter(|(d, _)| *d <= self.ctx.as_of).max_by_key(|(d, _)| *d) {
                Some((dated, r)) => Latest::Past {
                    record: r.name.clone(),
                    dated,
                },
                None => match dated().min_by_key(|(d, _)| *d) {
                    Some((dated, r)) => Latest::Future {
                        record: r.name.clone(),
                        dated,
                    },
                    None => Latest::None,
                },
            };
            return Why::new(
                AssuranceReason::NoneDated {
                    about_post: post.is_some(),
                    within,
                    as_of: self.ctx.as_of,
                    latest,
                },
                None,
            );
        }
        let target = addresses.expect("records count, so the shortfall is in what they address");
        let unaddressed = self.unaddressed(&relevant, target);
        let records = relevant.iter().map(|&r| self.record(r).name.clone()).collect();
        Why::new(
            AssuranceReason::NotAddressed {
                about_post: post.is_some(),
                within,
                records,
                unaddressed,
            },
            None,
        )
    }

    /// Why `assurance ...` is true about `post` (or the council): the records that count.
    pub(super) fn why_assured(&self, post: Option<usize>, within: Option<Duration>) -> Why {
        let records = self
            .relevant_records(post, within)
            .into_iter()
            .map(|r| self.record(r).name.clone())
            .collect();
        Why::new(
            AssuranceReason::Assured {
                about_post: post.is_some(),
                records,
            },
            None,
        )
    }
}
