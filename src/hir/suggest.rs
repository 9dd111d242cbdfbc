//! "Did you mean" suggestions, in time that does not grow with the product of misspelt
//! names and candidates.
//!
//! The suggestion for a name is the candidate at the smallest optimal-string-alignment
//! (OSA) distance, at most max(1, length/3) edits, ties going to the earliest candidate;
//! failing that, a candidate that differs only in letter case. A workspace of thousands
//! of councils, or a council of thousands of posts, may hold thousands of misspelt
//! names, each looking for the closest of thousands of candidates, so candidates are
//! indexed once per set ([`Suggestions`]):
//!
//! - a BK-tree under the OSA distance, computed bit-parallel (Hyyrö's algorithm: one
//!   machine word per name, a few operations per character), which rules out most
//!   candidates without looking at them;
//! - each search examines at most [`BUDGET`] candidates, so one search never costs more
//!   than a fixed amount. In the rare set where thousands of names are all within a few
//!   edits of each other (`post_0001` to `post_9999`) the tree cannot finish within it;
//!   the search then looks up the names one edit away in an index of each name with one
//!   character deleted (made on first need), which finds every candidate at distance 1,
//!   and suggests nothing when none is that close: no suggestion rather than a wrong
//!   one, which a quick fix would insert. (OSA is not quite a metric, so in rare cases
//!   of transposed letters the tree may also miss a candidate; a suggestion is help,
//!   never a verdict.)
//! - names longer than [`LONGEST`] characters are neither suggested nor given
//!   suggestions (beyond a difference of letter case): a distance between long strings
//!   costs the product of their lengths, and no one misspells an identifier that long by
//!   a third of its letters.

use std::collections::HashMap;

/// The longest name, in characters, that takes part in suggestions by edit distance.
pub const LONGEST: usize = 64;

/// The most candidates one search examines.
pub const BUDGET: usize = 512;

/// The greatest number of edits accepted for a name of `length` characters.
fn limit(length: usize) -> usize {
    (length / 3).max(1)
}

/// The closest of `candidates` to `name`, for a one-off search. Candidates are
/// filtered by length first, so a long name costs little.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    let limit = limit(length);
    let mut best: Option<(usize, &str)> = None;
    let mut case_match = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        if case_match.is_none() && candidate.eq_ignore_ascii_case(name) {
            case_match = Some(candidate);
        }
        if length > LONGEST || candidate.len() > 4 * LONGEST {
            continue;
        }
        let other = candidate.chars().count();
        if other > LONGEST || other.abs_diff(length) > limit {
            continue;
        }
        let distance = osa(name, candidate);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c).or(case_match)
}

/// The optimal-string-alignment distance between two names of at most [`LONGEST`]
/// characters, bit-parallel (H. Hyyrö, "A bit-vector algorithm for computing Levenshtein
/// and Damerau edit distances", 2003): the shorter name is the pattern, one bit a
/// character; each character of the other costs a dozen word operations.
pub fn osa(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let m = pattern.len();
    if m == 0 {
        return text.len();
    }
    if m > 64 {
        return strsim::osa_distance(&pattern.iter().collect::<String>(), &text.iter().collect::<String>());
    }
    // The positions of each character in the pattern.
    let mut ascii = [0u64; 128];
    let mut other: Vec<(char, u64)> = Vec::new();
    for (i, &c) in pattern.iter().enumerate() {
        match c as usize {
            n if n < 128 => ascii[n] |= 1 << i,
            _ => match other.iter_mut().find(|(o, _)| *o == c) {
                Some((_, mask)) => *mask |= 1 << i,
                None => other.push((c, 1 << i)),
            },
        }
    }
    let peq = |c: char| match c as usize {
        n if n < 128 => ascii[n],
        _ => other.iter().find(|(o, _)| *o == c).map_or(0, |(_, mask)| *mask),
    };
    let last = 1u64 << (m - 1);
    let (mut vp, mut vn, mut d0, mut pm_before) = (u64::MAX, 0u64, 0u64, 0u64);
    let mut score = m;
    for &c in &text {
        let pm = peq(c);
        let tr = (((!d0) & pm) << 1) & pm_before;
        d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        if hp & last != 0 {
            score += 1;
        } else if hn & last != 0 {
            score -= 1;
        }
        let x = (hp << 1) | 1;
        vn = x & d0;
        vp = (hn << 1) | !(x | d0);
        pm_before = pm;
    }
    score
}

/// A set of candidate names indexed for many searches.
#[derive(Debug, Default)]
pub struct Suggestions {
    names: Vec<Box<str>>,
    /// The BK-tree's nodes; the first is the root. Each holds a candidate (an index of
    /// `names`) and its children with their distances from it.
    nodes: Vec<Node>,
    /// The first candidate of each lower-cased name.
    by_case: HashMap<String, u32>,
    /// Each candidate, and each with one character deleted, to the candidates that give
    /// it: made when a search first runs out of its budget.
    deletions: std::sync::OnceLock<HashMap<Box<str>, Vec<u32>>>,
}

#[derive(Debug)]
struct Node {
    name: u32,
    children: Vec<(u32, u32)>,
}

impl Suggestions {
    /// Indexes `candidates`, in order: a tie goes to the earlier.
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Suggestions {
        let mut s = Suggestions::default();
        for name in candidates {
            let i = s.names.len() as u32;
            s.names.push(name.into());
            s.by_case.entry(name.to_ascii_lowercase()).or_insert(i);
            if name.chars().count() <= LONGEST {
                s.insert(i);
            }
        }
        s
    }

    fn insert(&mut self, i: u32) {
        if self.nodes.is_empty() {
            self.nodes.push(Node {
                name: i,
                children: Vec::new(),
            });
            return;
        }
        let name = &self.names[i as usize];
        let mut at = 0;
        loop {
            let d = osa(name, &self.names[self.nodes[at].name as usize]) as u32;
            if d == 0 {
                // The same name again: the earlier one stands for both.
                return;
            }
            match self.nodes[at].children.iter().find(|(edge, _)| *edge == d) {
                Some(&(_, child)) => at = child as usize,
                None => {
                    let node = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        name: i,
                        children: Vec::new(),
                    });
                    self.nodes[at].children.push((d, node));
                    return;
                }
            }
        }
    }

    /// The closest candidate to `name` (see the module's documentation).
    pub fn closest(&self, name: &str) -> Option<&str> {
        self.search(name)
            .map(|(_, i)| i)
            .or_else(|| self.case_match(name))
            .map(|i| &*self.names[i as usize])
    }

    /// The closest candidate by edit distance, with its distance.
    fn search(&self, name: &str) -> Option<(usize, u32)> {
        let length = name.chars().count();
        if length > LONGEST || self.nodes.is_empty() {
            return None;
        }
        let limit = limit(length);
        let mut best: Option<(usize, u32)> = None;
        let mut stack = vec![0usize];
        let mut examined = 0;
        while let Some(at) = stack.pop() {
            examined += 1;
            if examined > BUDGET {
                return self.one_edit_away(name);
            }
            let node = &self.nodes[at];
            let candidate = &self.names[node.name as usize];
            let d = osa(name, candidate);
            if d <= limit && d > 0 && best.is_none_or(|(b, i)| (d, node.name) < (b, i)) {
                best = Some((d, node.name));
            }
            let (low, high) = (d.saturating_sub(limit) as u32, (d + limit) as u32);
            stack.extend(
                node.children
                    .iter()
                    .filter(|(edge, _)| (low..=high).contains(edge))
                    .map(|&(_, child)| child as usize),
            );
        }
        best
    }

    /// The earliest candidate exactly one edit from `name`, found through the deletion
    /// index: two names one edit apart share a string with at most one character deleted
    /// from each (the names themselves, for an insertion or deletion; the same position
    /// deleted, for a substitution; either of the two letters, for a transposition).
    fn one_edit_away(&self, name: &str) -> Option<(usize, u32)> {
        let index = self.deletions.get_or_init(|| {
            let mut index: HashMap<Box<str>, Vec<u32>> = HashMap::new();
            for (i, candidate) in self.names.iter().enumerate() {
                if candidate.chars().count() > LONGEST {
                    continue;
                }
                for key in deletions(candidate) {
                    let entry = index.entry(key.into_boxed_str()).or_default();
                    if entry.last() != Some(&(i as u32)) {
                        entry.push(i as u32);
                    }
                }
            }
            index
        });
        deletions(name)
            .iter()
            .filter_map(|key| index.get(key.as_str()))
            .flatten()
            .copied()
            .filter(|&i| osa(name, &self.names[i as usize]) == 1)
            .min()
            .map(|i| (1, i))
    }

    fn case_match(&self, name: &str) -> Option<u32> {
        self.by_case
            .get(&name.to_ascii_lowercase())
            .copied()
            .filter(|&i| &*self.names[i as usize] != name)
    }
}

/// `name`, and `name` with each one of its characters deleted.
fn deletions(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = vec![name.to_string()];
    for i in 0..chars.len() {
        out.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
    }
    out
}

/// The closest to `name` in several sets taken as one list in order (a tie goes to the
/// earlier set): the set's place and the name.
pub fn closest_in<'s>(sets: &[&'s Suggestions], name: &str) -> Option<(usize, &'s str)> {
    let by_distance = sets
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.search(name).map(|(d, i)| (d, k, i)))
        .min();
    let (k, i) = match by_distance {
        Some((_, k, i)) => (k, i),
        None => sets
            .iter()
            .enumerate()
            .find_map(|(k, s)| s.case_match(name).map(|i| (k, i)))?,
    };
    Some((k, &*sets[k].names[i as usize]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain search over every candidate, for comparison.
    fn scan<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let limit = limit(name.chars().count());
        let mut best: Option<(usize, &str)> = None;
        for &c in candidates {
            let d = strsim::osa_distance(name, c);
            if c != name && d <= limit && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c).or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|c| *c != name && c.eq_ignore_ascii_case(name))
        })
    }

    #[test]
    fn the_index_finds_what_a_scan_finds() {
        let candidates = [
            "DCS",
            "LMCS",
            "DASS",
            "DPS",
            "ChiefExecutive",
            "Leader",
            "Mayor",
            "reports_to",
            "member_of",
            "observer_of",
            "chairs",
            "dcs",
            "LSCB",
            "HealthAndWellbeingBoard",
            "education",
            "childrens_social_care",
        ];
        let index = Suggestions::new(candidates);
        for query in [
            "DSC",
            "DAS",
            "Mayr",
            "reports_too",
            "membr_of",
            "xy",
            "lscb",
            "Chief_Executive",
            "educaton",
            "childrens_care",
            "DCS",
            "LEADER",
            "chair",
            "observe_of",
        ] {
            assert_eq!(index.closest(query), scan(query, &candidates), "for `{query}`");
            assert_eq!(closest(query, candidates), scan(query, &candidates), "for `{query}`");
        }
    }

    #[test]
    fn ties_go_to_the_earlier_candidate_across_two_sets() {
        let posts = Suggestions::new(["DPS"]);
        let roles = Suggestions::new(["DASS"]);
        assert_eq!(closest_in(&[&posts, &roles], "DAS"), Some((0, "DPS")));
        assert_eq!(closest_in(&[&roles, &posts], "DAS"), Some((0, "DASS")));
        assert_eq!(closest_in(&[&posts, &roles], "dass"), Some((1, "DASS")));
    }

    #[test]
    fn the_bit_parallel_distance_is_the_osa_distance() {
        let mut rng = fastrand::Rng::with_seed(3);
        let alphabet = ['a', 'b', 'c', 'é', '’', 'd'];
        for _ in 0..20_000 {
            let word = |rng: &mut fastrand::Rng| -> String {
                (0..rng.usize(0..12))
                    .map(|_| alphabet[rng.usize(..alphabet.len())])
                    .collect()
            };
            let (a, b) = (word(&mut rng), word(&mut rng));
            assert_eq!(osa(&a, &b), strsim::osa_distance(&a, &b), "`{a}` and `{b}`");
        }
        let long = "x".repeat(64);
        assert_eq!(osa(&long, &format!("{long}yz")), 2);
        assert_eq!(osa("ca", "abc"), 3);
    }

    #[test]
    fn long_names_cost_little() {
        let long = "a".repeat(200_000);
        let near = format!("{long}b");
        let started = std::time::Instant::now();
        assert_eq!(closest(&near, [long.as_str(), "x"]), None);
        assert_eq!(Suggestions::new([long.as_str(), "x"]).closest(&near), None);
        assert!(started.elapsed().as_secs() < 2);
    }

    /// Among thousands of names all within a few edits of each other, where the tree
    /// cannot finish within its budget, a name one edit from a candidate gets that
    /// candidate (as a scan of every name would), and a name farther from all of them
    /// gets no suggestion rather than a wrong one.
    #[test]
    fn near_identical_names_get_the_right_suggestion_or_none() {
        let names: Vec<String> = (0..2000).map(|i| format!("post_{i:04}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let index = Suggestions::new(refs.iter().copied());
        let mut rng = fastrand::Rng::with_seed(7);
        let mut checked = 0;
        for _ in 0..200 {
            let target = &names[rng.usize(..names.len())];
            let mut chars: Vec<char> = target.chars().collect();
            match rng.usize(..4) {
                0 => chars.push('x'),
                1 => {
                    let at = rng.usize(..chars.len());
                    chars.remove(at);
                }
                2 => {
                    let at = rng.usize(..chars.len() - 1);
                    chars.swap(at, at + 1);
                }
                _ => {
                    let at = rng.usize(..chars.len());
                    chars[at] = 'z';
                }
            }
            let typo: String = chars.into_iter().collect();
            let expected = scan(&typo, &refs);
            let got = index.closest(&typo);
            match got {
                // Any suggestion made is the closest (the earliest of equals).
                Some(g) => assert_eq!(Some(g), expected, "{typo}"),
                // None only where nothing is one edit away.
                None => assert!(expected.is_none_or(|e| strsim::osa_distance(&typo, e) > 1), "{typo}"),
            }
            checked += usize::from(got.is_some());
        }
        assert!(checked > 150, "only {checked} of 200 got a suggestion");
    }
}
