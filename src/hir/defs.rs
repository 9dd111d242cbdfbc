//! The workspace's global names: every vocabulary item, guidance and council, which file
//! defines it and what kind of thing it is.
//!
//! The per-file summary ([`FileDefs`]) holds no spans, so editing inside a file leaves it
//! equal and salsa does not recompute anything that depends on the global table.

use std::collections::HashMap;

use super::suggest::{Suggestions, closest_in};
use jiff::civil::Date;

use super::Period;
use crate::base::SourceFile;
use crate::syntax::Name;
use crate::syntax::ast::{Item, TargetKind, VocabKind};

/// What kind of thing a global name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefKind {
    Role,
    Body,
    Function,
    Element,
    Flag,
    /// A flag declared `for council`: a property of councils.
    CouncilFlag,
    Relation,
    /// Names of one kind, for `_ except GROUP` and `other_than GROUP`.
    Group,
    Guidance,
    Council,
}

impl DefKind {
    /// "a role", "a body", ... for messages.
    pub fn article(self) -> &'static str {
        match self {
            DefKind::Role => "a role",
            DefKind::Body => "a body",
            DefKind::Function => "a function",
            DefKind::Element => "an assurance element",
            DefKind::Flag => "a flag",
            DefKind::CouncilFlag => "a council flag",
            DefKind::Group => "a group",
            DefKind::Relation => "a relation",
            DefKind::Guidance => "a guidance",
            DefKind::Council => "a council",
        }
    }

    /// "role", "body", ... for messages.
    pub fn noun(self) -> &'static str {
        match self {
            DefKind::Role => "role",
            DefKind::Body => "body",
            DefKind::Function => "function",
            DefKind::Element => "assurance element",
            DefKind::Flag => "flag",
            DefKind::CouncilFlag => "council flag",
            DefKind::Group => "group",
            DefKind::Relation => "relation",
            DefKind::Guidance => "guidance",
            DefKind::Council => "council",
        }
    }

    /// "roles", "bodies", ... for messages.
    pub fn plural(self) -> String {
        match self {
            DefKind::Body => "bodies".into(),
            other => format!("{}s", other.noun()),
        }
    }

    pub fn of_target(kind: TargetKind) -> DefKind {
        match kind {
            TargetKind::Post => DefKind::Role,
            TargetKind::Body => DefKind::Body,
            TargetKind::Function => DefKind::Function,
        }
    }
}

/// One top-level definition, as the rest of the workspace sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DefSummary {
    pub name: Name,
    pub kind: DefKind,
    /// Index of the item in its file's syntax tree.
    pub item: u32,
    pub title: Option<String>,
    /// For a relation: what it points at.
    pub target: Option<TargetKind>,
    /// For a guidance: the names in its `replaces` lines.
    pub replaces: Vec<Name>,
    /// For a guidance: when it is in force.
    pub in_force: Period,
    /// For a guidance: whether it is of `status law` (language-v3 3.1).
    pub law: bool,
    /// For a relation: the relations it implies, as declared; for a group, its items.
    pub implies: Vec<Name>,
    /// The groups it joins with `in` (language-v3 3.4).
    pub joins: Vec<Name>,
    /// For a council: the date of its first `as_of` line (language-v3 3.6).
    pub as_of: Option<jiff::civil::Date>,
}

/// The top-level definitions of one file, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FileDefs {
    pub defs: Vec<DefSummary>,
}

impl FileDefs {
    pub fn of(file: &crate::syntax::ast::File) -> FileDefs {
        let defs = file
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| !item.name().text.is_empty())
            .map(|(i, item)| {
                let implies = match item {
                    Item::Vocab(v) => v.implies.iter().map(|i| i.text.clone()).collect(),
                    _ => Vec::new(),
                };
                let in_force = match item {
                    Item::Guidance(g) => g.in_force.first().map(Period::of).unwrap_or_default(),
                    _ => Period::default(),
                };
                let as_of = match item {
                    Item::Council(c) => c.as_of.first().map(|d| d.date),
                    _ => None,
                };
                let joins = match item {
                    Item::Vocab(v) => v.joins.iter().map(|g| g.text.clone()).collect(),
                    _ => Vec::new(),
                };
                let law = match item {
                    Item::Guidance(g) => g.status.first().is_some_and(|s| s.0 == crate::syntax::ast::Status::Law),
                    _ => false,
                };
                let (kind, title, target, replaces) = match item {
                    Item::Vocab(v) => (
                        match v.kind {
                            VocabKind::Role => DefKind::Role,
                            VocabKind::Body => DefKind::Body,
                            VocabKind::Function => DefKind::Function,
                            VocabKind::Element => DefKind::Element,
                            VocabKind::Flag => DefKind::Flag,
                            VocabKind::CouncilFlag => DefKind::CouncilFlag,
                            VocabKind::Group => DefKind::Group,
                            VocabKind::Relation => DefKind::Relation,
                        },
                        v.title.as_ref().map(|t| t.value.clone()),
                        v.target,
                        Vec::new(),
                    ),
                    Item::Guidance(g) => (
                        DefKind::Guidance,
                        g.title.as_ref().map(|t| t.value.clone()),
                        None,
                        g.replaces.iter().map(|r| r.text.clone()).collect(),
                    ),
                    Item::Council(c) => (
                        DefKind::Council,
                        c.title.as_ref().map(|t| t.value.clone()),
                        None,
                        Vec::new(),
                    ),
                };
                DefSummary {
                    name: item.name().text.clone(),
                    kind,
                    item: i as u32,
                    title,
                    target,
                    replaces,
                    in_force,
                    law,
                    implies,
                    joins,
                    as_of,
                }
            })
            .collect();
        FileDefs { defs }
    }
}

/// The kinds of names a group may gather.
pub const GROUP_KINDS: [DefKind; 4] = [DefKind::Role, DefKind::Body, DefKind::Function, DefKind::Element];

/// A definition in the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Def {
    pub name: Name,
    pub kind: DefKind,
    pub file: SourceFile,
    pub item: u32,
    pub title: Option<String>,
    pub target: Option<TargetKind>,
    pub replaces: Vec<Name>,
    /// For a guidance: when it is in force.
    pub in_force: Period,
    /// For a guidance: whether it is of `status law`.
    pub law: bool,
    /// For a relation: the relations it implies, as declared.
    pub implies: Vec<Name>,
    /// Declared by the standard library.
    pub library: bool,
}

/// A declaration that joins a group declared elsewhere, with `in` (language-v3 3.4):
/// the group's members are those of its line and of every such declaration.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Join {
    pub group: Name,
    pub member: Name,
    pub kind: DefKind,
    pub file: SourceFile,
    /// The declaration's index in its file's syntax tree.
    pub item: u32,
}

/// A later definition of a name that is already defined.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Duplicate {
    pub file: SourceFile,
    pub item: u32,
    /// What the later definition declares.
    pub kind: DefKind,
    /// A user's declaration of a vocabulary name the standard library declares as the
    /// same kind of name: W0212, not E0103, and its `in` still joins (language-v3 3.9).
    pub library: bool,
    /// Index of the first definition in [`DefMap::defs`].
    pub first: u32,
}

/// Every global name of the workspace. The first definition of a name wins; later ones
/// are duplicates (E0103).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DefMap {
    /// In declaration order: files in workspace order, items in file order.
    pub defs: Vec<Def>,
    index: HashMap<Name, u32>,
    pub duplicates: Vec<Duplicate>,
    /// The declarations that join groups with `in`, in declaration order.
    pub joins: Vec<Join>,
    /// Each relation that implies others, with all it implies (transitively).
    implications: Vec<(Name, Vec<Name>)>,
    /// Each group, with the kind of its first item that resolves and its items of that
    /// kind.
    groups: Vec<(Name, DefKind, Vec<Name>)>,
    /// Where the guidance are in `defs`: there are few, and several checks look at all
    /// of them for every file.
    guidance: Vec<u32>,
    suggestions: SuggestionCache,
    /// For `regard impact`: councils that follow the first guidance (explicitly or by
    /// default) follow the second in its place.
    pub instead: Option<(Name, Name)>,
}

impl DefMap {
    /// The name table of `files`, each with whether it is the standard library's.
    pub fn build<'a>(files: impl IntoIterator<Item = (SourceFile, bool, &'a FileDefs)>) -> DefMap {
        let mut map = DefMap::default();
        for (file, library, defs) in files {
            for d in &defs.defs {
                let join = |map: &mut DefMap| {
                    for group in &d.joins {
                        map.joins.push(Join {
                            group: group.clone(),
                            member: d.name.clone(),
                            kind: d.kind,
                            file,
                            item: d.item,
                        });
                    }
                };
                if let Some(&first) = map.index.get(&d.name) {
                    let earlier = &map.defs[first as usize];
                    let grown = earlier.library
                        && !library
                        && earlier.kind == d.kind
                        && !matches!(d.kind, DefKind::Group | DefKind::Guidance | DefKind::Council);
                    map.duplicates.push(Duplicate {
                        file,
                        item: d.item,
                        kind: d.kind,
                        library: grown,
                        first,
                    });
                    // A declaration the library's replaces keeps its `in`; one declared
                    // twice otherwise (E0103) loses it.
                    if grown {
                        join(&mut map);
                    }
                    continue;
                }
                join(&mut map);
                map.index.insert(d.name.clone(), map.defs.len() as u32);
                if d.kind == DefKind::Guidance {
                    map.guidance.push(map.defs.len() as u32);
                }
                map.defs.push(Def {
                    name: d.name.clone(),
                    kind: d.kind,
                    file,
                    item: d.item,
                    title: d.title.clone(),
                    target: d.target,
                    replaces: d.replaces.clone(),
                    in_force: d.in_force,
                    law: d.law,
                    implies: d.implies.clone(),
                    library,
                });
            }
        }
        map.implications = map
            .defs
            .iter()
            .filter(|d| d.kind == DefKind::Relation && !d.implies.is_empty())
            .map(|d| (d.name.clone(), map.closure(&d.name)))
            .filter(|(_, implied)| !implied.is_empty())
            .collect();
        map.groups = map
            .defs
            .iter()
            .filter(|d| d.kind == DefKind::Group)
            .filter_map(|d| {
                let kind = d
                    .implies
                    .iter()
                    .filter_map(|item| map.get(item))
                    .map(|item| item.kind)
                    .find(|k| GROUP_KINDS.contains(k))?;
                let mut items: Vec<Name> = d
                    .implies
                    .iter()
                    .filter(|item| map.get_kind(item, kind).is_some())
                    .cloned()
                    .collect();
                // And every declaration of its kind that joins it with `in`.
                for j in map.joins.iter().filter(|j| j.group == d.name && j.kind == kind) {
                    if !items.contains(&j.member) {
                        items.push(j.member.clone());
                    }
                }
                Some((d.name.clone(), kind, items))
            })
            .collect();
        map
    }

    /// The declarations that join `group` with `in`, in declaration order.
    pub fn joined(&self, group: &str) -> impl Iterator<Item = &Join> {
        self.joins.iter().filter(move |j| j.group == group)
    }

    /// Whether the declaration `(file, item)` joins groups: it won its name, or it is a
    /// user's declaration of a name the library declares as the same kind (W0212).
    pub fn joins_from(&self, file: SourceFile, item: u32) -> bool {
        self.is_first(file, item)
            || self
                .duplicates
                .iter()
                .any(|d| d.file == file && d.item == item && d.library)
    }

    /// A group's kind and items (those of its kind), joined members included; `None` for
    /// a group none of whose items resolves, or a name that is not a group.
    pub fn group(&self, name: &str) -> Option<(DefKind, &[Name])> {
        self.groups
            .iter()
            .find(|(g, _, _)| g == name)
            .map(|(_, kind, items)| (*kind, items.as_slice()))
    }

    pub fn get(&self, name: &str) -> Option<&Def> {
        self.index.get(name).map(|&i| &self.defs[i as usize])
    }

    /// The definition of `name` if it is of `kind`.
    pub fn get_kind(&self, name: &str, kind: DefKind) -> Option<&Def> {
        self.get(name).filter(|d| d.kind == kind)
    }

    /// Whether `(file, item)` is the definition that won for its name.
    pub fn is_first(&self, file: SourceFile, item: u32) -> bool {
        !self.duplicates.iter().any(|d| d.file == file && d.item == item)
    }

    /// Names of `kind`, in declaration order.
    pub fn names_of(&self, kind: DefKind) -> impl Iterator<Item = &str> {
        self.defs
            .iter()
            .filter(move |d| d.kind == kind)
            .map(|d| d.name.as_str())
    }

    /// What a council without `follows` follows on `as_of`: every guidance in force on
    /// that date that no other guidance in force on that date replaces, in declaration
    /// order. Facts of law are not among them: every council follows those
    /// ([`DefMap::current_law`]).
    pub fn current_guidance(&self, as_of: Date) -> Vec<Name> {
        self.current(as_of, false)
    }

    /// The facts of law every council follows on `as_of`: each `law` guidance in force
    /// then that no guidance in force then replaces (language-v3 3.1).
    pub fn current_law(&self, as_of: Date) -> Vec<Name> {
        self.current(as_of, true)
    }

    fn current(&self, as_of: Date, law: bool) -> Vec<Name> {
        self.guidance()
            .filter(|g| g.law == law && g.in_force.contains(as_of) && self.replaced_by(&g.name, as_of).is_none())
            .map(|g| g.name.clone())
            .collect()
    }

    /// Whether `name` is a guidance of `status law`.
    pub fn is_law(&self, name: &str) -> bool {
        self.get_kind(name, DefKind::Guidance).is_some_and(|d| d.law)
    }

    /// The relations a line of `relation` also counts as (see [`DefMap::closure`]): a
    /// few relations imply others, and every relation line of every post asks.
    pub fn implied(&self, relation: &str) -> &[Name] {
        self.implications
            .iter()
            .find(|(r, _)| r == relation)
            .map_or(&[], |(_, implied)| implied.as_slice())
    }

    /// The relations `relation` implies, followed through `implies` transitively (a
    /// circle of them is harmless), without `relation` itself; only relations of the
    /// same target kind (another is E0102 where it is declared).
    fn closure(&self, relation: &str) -> Vec<Name> {
        let target = self.get_kind(relation, DefKind::Relation).and_then(|d| d.target);
        let mut out: Vec<Name> = Vec::new();
        let mut next: Vec<&str> = vec![relation];
        while let Some(r) = next.pop() {
            let Some(def) = self.get_kind(r, DefKind::Relation) else {
                continue;
            };
            for implied in &def.implies {
                let fits = self
                    .get_kind(implied, DefKind::Relation)
                    .is_some_and(|d| d.target == target);
                if fits && implied != relation && !out.contains(implied) {
                    out.push(implied.clone());
                    next.push(implied);
                }
            }
        }
        out
    }

    /// Every guidance, in declaration order.
    pub fn guidance(&self) -> impl Iterator<Item = &Def> {
        self.guidance.iter().map(|&i| &self.defs[i as usize])
    }

    /// The guidance in force on `as_of` that replaces `guidance` (directly), if any: an
    /// edition that starts later does not replace this one yet.
    pub fn replaced_by(&self, guidance: &str, as_of: Date) -> Option<&Def> {
        self.guidance()
            .find(|d| d.in_force.contains(as_of) && d.replaces.iter().any(|r| r == guidance))
    }
}

pub use super::suggest::closest;

/// Suggestion indexes of the names of each set of kinds, made when first needed and
/// shared by every file checked against the same names. Not part of the map's value.
#[derive(Default)]
pub struct SuggestionCache(std::sync::Mutex<HashMap<Vec<DefKind>, KindIndex>>);

/// The names of some kinds indexed for suggestions, with each one's place in `defs`.
pub type KindIndex = std::sync::Arc<(Suggestions, Vec<u32>)>;

impl Clone for SuggestionCache {
    fn clone(&self) -> Self {
        SuggestionCache::default()
    }
}

impl PartialEq for SuggestionCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SuggestionCache {}

impl std::fmt::Debug for SuggestionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SuggestionCache")
    }
}

impl DefMap {
    /// The index of the names of `kinds`, and each candidate's place in `defs`.
    pub fn suggestions(&self, kinds: &[DefKind]) -> KindIndex {
        let mut cache = self.suggestions.0.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .entry(kinds.to_vec())
            .or_insert_with(|| {
                let ids: Vec<u32> = (0..self.defs.len() as u32)
                    .filter(|&i| kinds.contains(&self.defs[i as usize].kind))
                    .collect();
                let index = Suggestions::new(ids.iter().map(|&i| self.defs[i as usize].name.as_str()));
                std::sync::Arc::new((index, ids))
            })
            .clone()
    }

    /// The closest declared name of one of `kinds` to `name`, for "did you mean".
    pub fn closest(&self, name: &str, kinds: &[DefKind]) -> Option<&str> {
        let found = self.suggestions(kinds);
        let (_, near) = closest_in(&[&found.0], name)?;
        // The name is one of the map's own: return the map's copy.
        self.get(near).map(|d| d.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn a_swap_of_adjacent_letters_is_one_edit() {
        assert_eq!(closest("DSC", ["LMCS", "DCS"]), Some("DCS"));
    }

    #[test]
    fn ties_go_to_the_earlier_declaration() {
        assert_eq!(closest("DAS", ["DASS", "DPS"]), Some("DASS"));
        assert_eq!(closest("DAS", ["DPS", "DASS"]), Some("DPS"));
    }

    #[test]
    fn distant_names_are_not_suggested() {
        assert_eq!(closest("Mayor", ["Leader"]), None);
        assert_eq!(closest("reports_too", ["reports_to"]), Some("reports_to"));
        assert_eq!(closest("xy", ["ab"]), None);
    }

    #[test]
    fn a_difference_of_case_only_is_suggested() {
        assert_eq!(closest("dcs", ["DCS"]), Some("DCS"));
    }
}
