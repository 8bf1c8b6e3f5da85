//! Intake: export files, share links and saved workbench files read, a few at a time, into a
//! roster of branches; each bad, duplicate or replaced input is listed with its reason.

use std::collections::{BTreeMap, HashMap, VecDeque};

use crate::assess::AskedLists;
use crate::bank::{Bank, Locale};
use crate::record::{
    decode_share, read_baseline_quickly, read_baseline_value_quickly, BankRef, ImportError, Record,
    ShareError,
};

use super::workbench::{
    read_entry, read_workbench, SavedEntry, SavedGroups, WorkbenchError, WORKBENCH_FORMAT,
};

/// One input, as the page hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file: an exported record or a saved workbench file.
    File { name: String, text: String },
    /// One share link: a whole address, or the part after `#share=`.
    Link { source: Source, text: String },
}

/// Where an input came from, to name it in the list of problems.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The file name, or what the page calls the pasted links.
    pub name: String,
    /// 1-based line of a pasted link.
    pub line: Option<usize>,
    /// Where a record sits inside a workbench file, e.g. `$.branches[2].records[0]`.
    pub path: Option<String>,
}

impl Source {
    pub fn file(name: impl Into<String>) -> Source {
        Source {
            name: name.into(),
            ..Source::default()
        }
    }

    /// The source as one short phrase, e.g. `链接 第 3 行`.
    pub fn describe(&self, locale: Locale) -> String {
        match (&self.line, &self.path) {
            (Some(line), _) => locale.pick(
                format!("{} 第 {line} 行", self.name),
                format!("{}, line {line}", self.name),
            ),
            (None, Some(path)) => format!("{} {path}", self.name),
            (None, None) => self.name.clone(),
        }
    }
}

/// Pasted text as one link input per non-blank line; `name` names the paste in messages.
pub fn links(name: &str, text: &str) -> Vec<Input> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| Input::Link {
            source: Source {
                name: name.to_string(),
                line: Some(i + 1),
                path: None,
            },
            text: line.to_string(),
        })
        .collect()
}

/// Why an input was not loaded, or was left out.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The record module refused the file (not a record, another bank, damaged ...).
    Refused(ImportError),
    /// The share link cannot be opened (damaged, an earlier bank version ...).
    BadLink(ShareError),
    /// A record of this bank made with a version the bank does not list as an earlier one.
    UnlistedVersion { found: String, current: String },
    /// The workbench file, or a branch entry in it, cannot be read.
    Workbench(WorkbenchError),
    /// A later record of the same branch and role was kept instead of this one.
    Replaced { kept: Source },
    /// This record is identical to one already loaded.
    Duplicate { kept: Source },
}

/// An input that did not make it into the roster as given.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub source: Source,
    pub problem: Problem,
}

impl Issue {
    /// What to tell the user, in their language.
    pub fn message(&self, locale: Locale) -> String {
        match &self.problem {
            Problem::Refused(e) => e.message(locale),
            Problem::BadLink(e) => e.message(locale),
            Problem::Workbench(e) => e.message(locale),
            Problem::UnlistedVersion { found, current } => locale.pick(
                format!("这个文件来自题库的另一个版本（{found}），当前版本 {current} 没有把它列为早期版本，无法汇总。"),
                format!("This file comes from a version of the question bank ({found}) that the current version ({current}) does not list as an earlier one, so it cannot be rolled up."),
            ),
            Problem::Replaced { kept } => locale.pick(
                format!("同一支部、同一角色还有一份更新的记录（{}），汇总采用那一份，这一份未计入。", kept.describe(locale)),
                format!("A newer record of the same branch and role ({}) is used instead; this one is left out.", kept.describe(locale)),
            ),
            Problem::Duplicate { kept } => locale.pick(
                format!("与已载入的记录（{}）完全相同，未重复计入。", kept.describe(locale)),
                format!("Identical to a record already loaded ({}); not counted twice.", kept.describe(locale)),
            ),
        }
    }
}

/// What the committee should know about what did load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Records of an earlier bank version, read with their stored results.
    EarlierVersion { version: String, records: usize },
    /// Branches with several members' records, rolled up through their combined view.
    Merged { branches: usize },
}

impl Note {
    pub fn message(&self, locale: Locale) -> String {
        match self {
            Note::EarlierVersion { version, records } => locale.pick(
                format!("{records} 份记录来自题库早期版本 {version}：采用导出时保存的得分（校验无误），与新版按共有的维度比较；题目层面只比较两版都有、答案类型相同的题目。"),
                format!("{records} record(s) come from the earlier bank version {version}: their stored scores are used (the checksum matches) and compared with the current version on the dimensions both share; at question level, only questions both versions have with the same answer type are compared."),
            ),
            Note::Merged { branches } => locale.pick(
                format!("{branches} 个支部有多名成员的自查记录，已合并为支部的综合结果（见“支部内合并”）。"),
                format!("{branches} branch(es) have several members' self-checks, rolled up as the branch's combined view (see “Merge within a branch”)."),
            ),
        }
    }
}

/// One record kept in the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub source: Source,
    pub record: Record,
    /// Made with the current bank version (answers checked and re-scored); otherwise an
    /// earlier version's record, whose stored results are trusted once its checksum matches.
    pub current: bool,
}

/// One branch: the records of one unit (one per role), or one anonymous record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Branch {
    /// The unit name its records carry.
    pub unit: Option<String>,
    /// For a record without a unit name: its number among them, for "未署名 n".
    pub anonymous: Option<u32>,
    /// The committee's own label, replacing the unit name or "未署名 n".
    pub label: Option<String>,
    /// 片区, department ...
    pub tags: Vec<String>,
    /// Indexes into [`Roster::members`].
    pub members: Vec<usize>,
}

/// Every branch read so far, and every input that was not used as given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roster {
    pub bank: Option<BankRef>,
    /// The round's name (e.g. "2026 年度"), from the committee or a workbench file.
    pub round: Option<String>,
    pub members: Vec<Member>,
    pub branches: Vec<Branch>,
    pub issues: Vec<Issue>,
    /// Groups saved in a workbench file, by roster branch; a branch whose records did not
    /// load is left out of them.
    pub groups: Option<SavedGroups>,
    revision: u64,
    /// Each branch's records revision: the roster's revision when a record of it last came
    /// or was replaced, by branch.
    branch_revisions: Vec<u64>,
    /// (unit name, role) → member: the same branch and role twice is one record.
    by_unit_role: HashMap<(String, Option<String>), usize>,
    /// Checksum → member, for records without a unit name.
    by_checksum: HashMap<String, usize>,
    by_unit: HashMap<String, usize>,
    anonymous: u32,
}

impl Roster {
    /// Reads every input at once (for small batches and tests; a page uses [`Intake`]).
    pub fn read(bank: &Bank, inputs: impl IntoIterator<Item = Input>) -> Roster {
        let mut intake = Intake::new(bank);
        inputs.into_iter().for_each(|input| intake.push(input));
        intake.step(bank, usize::MAX);
        intake.into_roster()
    }

    /// Changes whenever a record is added or replaced, never on a label or tag edit: a page
    /// recomputes [`super::Figures`] only when this changes.
    pub fn records_revision(&self) -> u64 {
        self.revision
    }

    /// The records revision of one branch: it changes whenever a record of that branch is
    /// added or replaced (so [`super::FiguresBuilder`] computes only the branches whose
    /// records changed). `None` for a branch intake did not make.
    pub fn branch_revision(&self, branch: usize) -> Option<u64> {
        if self.branch_revisions.len() != self.branches.len() {
            return None; // branches added or moved by hand: none is known
        }
        self.branch_revisions.get(branch).copied()
    }

    /// Marks a branch's records as changed in this revision.
    fn touch(&mut self, branch: usize) {
        if self.branch_revisions.len() <= branch {
            self.branch_revisions.resize(branch + 1, 0);
        }
        self.branch_revisions[branch] = self.revision;
    }

    /// The branch's name as shown: the committee's label, the unit name, or "未署名 n".
    pub fn label(&self, branch: usize, locale: Locale) -> String {
        let Some(b) = self.branches.get(branch) else {
            return String::new();
        };
        match (&b.label, &b.unit, b.anonymous) {
            (Some(label), _, _) | (None, Some(label), _) => label.clone(),
            (None, None, n) => {
                let n = n.unwrap_or(0);
                locale.pick(format!("未署名 {n}"), format!("Unnamed {n}"))
            }
        }
    }

    /// The name a branch is matched by across rounds: its label or unit name. A generated
    /// "未署名 n" matches nothing, since the numbers of two rounds say nothing about identity.
    pub fn matching_name(&self, branch: usize) -> Option<&str> {
        let b = self.branches.get(branch)?;
        b.label.as_deref().or(b.unit.as_deref())
    }

    /// Sets the committee's label; an empty one goes back to the unit name or "未署名 n".
    pub fn set_label(&mut self, branch: usize, label: &str) {
        if let Some(b) = self.branches.get_mut(branch) {
            let label = label.trim();
            b.label = (!label.is_empty()).then(|| label.to_string());
        }
    }

    /// Replaces the branch's tags (trimmed, blanks and repeats dropped).
    pub fn set_tags(&mut self, branch: usize, tags: &[String]) {
        if let Some(b) = self.branches.get_mut(branch) {
            b.tags = clean_tags(tags);
        }
    }

    /// Every tag in use, sorted, for a filter.
    pub fn tags(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .branches
            .iter()
            .flat_map(|b| b.tags.iter().cloned())
            .collect();
        crate::order::sort_by(&mut all, String::cmp);
        all.dedup();
        all
    }

    /// Notes on what loaded: earlier-version records (by version) and merged branches.
    pub fn notes(&self) -> Vec<Note> {
        let mut earlier: BTreeMap<&str, usize> = BTreeMap::new();
        for m in self.members.iter().filter(|m| !m.current) {
            *earlier.entry(m.record.bank.version.as_str()).or_default() += 1;
        }
        let mut notes: Vec<Note> = earlier
            .into_iter()
            .map(|(version, records)| Note::EarlierVersion {
                version: version.to_string(),
                records,
            })
            .collect();
        let merged = self.branches.iter().filter(|b| b.members.len() > 1).count();
        if merged > 0 {
            notes.push(Note::Merged { branches: merged });
        }
        notes
    }

    fn refuse(&mut self, source: Source, problem: Problem) {
        self.issues.push(Issue { source, problem });
    }

    /// Adds a record read from a file, a link or a workbench entry; returns its branch
    /// (`None` when it was refused as a duplicate).
    fn admit(&mut self, member: Member, label: Option<String>, tags: &[String]) -> Option<usize> {
        let unit = member
            .record
            .unit_name
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string);
        let branch = match unit {
            Some(unit) => {
                let key = (unit.clone(), member.record.selection.role.clone());
                if let Some(&kept) = self.by_unit_role.get(&key) {
                    let branch = self.by_unit.get(&unit).copied();
                    if self.keep_newer(kept, member) {
                        if let Some(b) = branch {
                            self.touch(b);
                        }
                    }
                    return branch;
                }
                let branch = match self.by_unit.get(&unit) {
                    Some(&b) => b,
                    None => {
                        self.by_unit.insert(unit.clone(), self.branches.len());
                        self.branches.push(Branch {
                            unit: Some(unit),
                            ..Branch::default()
                        });
                        self.branches.len() - 1
                    }
                };
                self.by_unit_role.insert(key, self.members.len());
                branch
            }
            None => {
                if let Some(&kept) = self.by_checksum.get(&member.record.checksum) {
                    if self.members[kept].record == member.record {
                        let kept = self.members[kept].source.clone();
                        self.refuse(member.source, Problem::Duplicate { kept });
                        return None;
                    }
                }
                self.by_checksum
                    .insert(member.record.checksum.clone(), self.members.len());
                self.anonymous += 1;
                self.branches.push(Branch {
                    anonymous: Some(self.anonymous),
                    ..Branch::default()
                });
                self.branches.len() - 1
            }
        };
        self.branches[branch].members.push(self.members.len());
        self.members.push(member);
        self.revision += 1;
        self.touch(branch);
        let b = &mut self.branches[branch];
        if b.label.is_none() {
            b.label = label;
        }
        if b.tags.is_empty() {
            b.tags = clean_tags(tags);
        }
        Some(branch)
    }

    /// The same branch and role again: the newer record (by `created`, then input order)
    /// stays, the other is listed. Whether the new record replaced the one kept.
    fn keep_newer(&mut self, kept: usize, member: Member) -> bool {
        let old = &self.members[kept];
        if old.record == member.record {
            let kept = old.source.clone();
            self.refuse(member.source, Problem::Duplicate { kept });
            false
        } else if member.record.created >= old.record.created {
            let replaced = std::mem::replace(&mut self.members[kept], member);
            let kept = self.members[kept].source.clone();
            self.refuse(replaced.source, Problem::Replaced { kept });
            self.revision += 1;
            true
        } else {
            let kept = old.source.clone();
            self.refuse(member.source, Problem::Replaced { kept });
            false
        }
    }
}

fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !clean.iter().any(|c| c == tag) {
            clean.push(tag.to_string());
        }
    }
    clean
}

/// How far an intake has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    /// Grows when a workbench file turns out to hold many records.
    pub total: usize,
}

enum Pending {
    Input(Input),
    /// A workbench file's branch entry not parsed yet: (file name, position, its line).
    Entry(String, usize, String),
    Saved(Source, SavedEntry),
}

/// Reads inputs a few at a time, so a page can show progress, stay responsive and cancel:
/// [`push`](Intake::push) every input, then call [`step`](Intake::step) between frames.
pub struct Intake {
    queue: VecDeque<Pending>,
    done: usize,
    roster: Roster,
    /// Groups of a workbench file being read, and the roster branch of each of its entries.
    restoring: Option<(SavedGroups, Vec<Option<usize>>)>,
    /// The questions asked of each selection met, for scoring the records read.
    asked: AskedLists,
    /// Files read that name the workbench format (their records count, not they).
    containers: usize,
}

impl Intake {
    pub fn new(bank: &Bank) -> Intake {
        Intake::adding_to(Roster {
            bank: Some(BankRef::of(bank)),
            ..Roster::default()
        })
    }

    /// Continues a roster: its branches, labels and tags stay, new inputs join them.
    pub fn adding_to(roster: Roster) -> Intake {
        Intake {
            queue: VecDeque::new(),
            done: 0,
            roster,
            restoring: None,
            asked: AskedLists::default(),
            containers: 0,
        }
    }

    pub fn push(&mut self, input: Input) {
        self.queue.push_back(Pending::Input(input));
    }

    /// Reads up to `max_items` queued inputs (a workbench file's records count one each).
    pub fn step(&mut self, bank: &Bank, max_items: usize) -> Progress {
        for _ in 0..max_items {
            let Some(next) = self.queue.pop_front() else {
                break;
            };
            // An entry of a workbench file is a container, as the file is: the records in
            // it are what counts as read.
            let counted = !matches!(next, Pending::Entry(..));
            match next {
                Pending::Input(Input::File { name, text }) => self.file(bank, name, &text),
                Pending::Input(Input::Link { source, text }) => self.link(bank, source, &text),
                Pending::Entry(name, entry, line) => self.entry(name, entry, &line),
                Pending::Saved(source, entry) => {
                    let read = read_baseline_value_quickly(bank, &entry.record, &mut self.asked);
                    let branch = self.admit_read(bank, source, read, entry.label, &entry.tags);
                    if let Some((_, at)) = &mut self.restoring {
                        if let (Some(slot), Some(b)) = (at.get_mut(entry.entry), branch) {
                            *slot = Some(b);
                        }
                    }
                }
            }
            self.done += usize::from(counted);
        }
        self.progress()
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.done + self.queue.len(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.queue.is_empty()
    }

    /// How many of the files read were workbench files (or meant to be: they name its
    /// format). Their records count as read; the files themselves do not.
    pub fn containers(&self) -> usize {
        self.containers
    }

    /// Drops what is still queued; what was read stays. Returns how many were dropped.
    pub fn cancel(&mut self) -> usize {
        let dropped = self.queue.len();
        self.queue.clear();
        dropped
    }

    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The roster; inputs still queued are dropped. Saved groups are given in roster
    /// branches.
    pub fn into_roster(mut self) -> Roster {
        if let Some((saved, at)) = self.restoring.take() {
            let branch = |entry: &usize| at.get(*entry).copied().flatten();
            self.roster.groups = Some(SavedGroups {
                groups: saved
                    .groups
                    .iter()
                    .map(|g| g.iter().filter_map(branch).collect::<Vec<usize>>())
                    .filter(|g| !g.is_empty())
                    .collect(),
                locks: saved
                    .locks
                    .iter()
                    .filter_map(|(entry, key)| Some((branch(entry)?, *key)))
                    .collect(),
                ..saved
            });
        }
        self.roster
    }

    fn file(&mut self, bank: &Bank, name: String, text: &str) {
        // Parsing twice costs time with thousands of files, so only a file that names the
        // workbench format is tried as one; anything else is read as a record.
        if text.contains(WORKBENCH_FORMAT) {
            self.containers += 1;
            match read_workbench(bank, text) {
                Ok(workbench) => {
                    if self.roster.round.is_none() {
                        self.roster.round = workbench.round;
                    }
                    // The last workbench file read with groups gives the groups.
                    if let Some(groups) = workbench.groups {
                        self.restoring = Some((groups, vec![None; workbench.branch_entries]));
                    }
                    for (path, error) in workbench.problems {
                        let source = Source {
                            name: name.clone(),
                            line: None,
                            path: Some(path),
                        };
                        self.roster.refuse(source, Problem::Workbench(error));
                    }
                    // Its records (or its entries, to be read one by one) come next, before
                    // later inputs, in the file's order.
                    self.queue_saved(&name, workbench.entries);
                    for (entry, line) in workbench.lines.into_iter().rev() {
                        self.queue
                            .push_front(Pending::Entry(name.clone(), entry, line));
                    }
                    return;
                }
                Err(WorkbenchError::NotAWorkbench { .. }) => {}
                Err(error) => {
                    self.roster
                        .refuse(Source::file(name), Problem::Workbench(error));
                    return;
                }
            }
        }
        self.record(bank, Source::file(name), text, None, &[]);
    }

    /// Queues a workbench file's records to be read next, in their order.
    fn queue_saved(&mut self, name: &str, entries: Vec<(String, SavedEntry)>) {
        for (path, entry) in entries.into_iter().rev() {
            let source = Source {
                name: name.to_string(),
                line: None,
                path: Some(path),
            };
            self.queue.push_front(Pending::Saved(source, entry));
        }
    }

    /// One branch entry of a workbench file: its records are read next.
    fn entry(&mut self, name: String, entry: usize, line: &str) {
        match read_entry(line, entry) {
            Ok(entries) => self.queue_saved(&name, entries),
            Err((path, error)) => {
                let source = Source {
                    name,
                    line: None,
                    path: Some(path),
                };
                self.roster.refuse(source, Problem::Workbench(error));
            }
        }
    }

    fn record(
        &mut self,
        bank: &Bank,
        source: Source,
        text: &str,
        label: Option<String>,
        tags: &[String],
    ) -> Option<usize> {
        let read = read_baseline_quickly(bank, text, &mut self.asked);
        self.admit_read(bank, source, read, label, tags)
    }

    /// Admits a record read from a file or a workbench entry, or lists why it cannot be.
    fn admit_read(
        &mut self,
        bank: &Bank,
        source: Source,
        read: Result<Record, ImportError>,
        label: Option<String>,
        tags: &[String],
    ) -> Option<usize> {
        let record = match read {
            Ok(record) => record,
            Err(e) => {
                self.roster.refuse(source, Problem::Refused(e));
                return None;
            }
        };
        let current = record.bank.version == bank.version;
        if !current && !bank.previous_versions.contains(&record.bank.version) {
            let problem = Problem::UnlistedVersion {
                found: record.bank.version,
                current: bank.version.clone(),
            };
            self.roster.refuse(source, problem);
            return None;
        }
        // An earlier version's record is not checked against today's bank, but its category
        // must still exist: the roll-up is by category.
        if !bank
            .categories
            .iter()
            .any(|c| c.id == record.selection.category)
        {
            let id = record.selection.category;
            let problem = Problem::Refused(ImportError::UnknownCategory { id });
            self.roster.refuse(source, problem);
            return None;
        }
        let member = Member {
            source,
            record,
            current,
        };
        self.roster.admit(member, label, tags)
    }

    fn link(&mut self, bank: &Bank, source: Source, text: &str) {
        match decode_share(bank, share_payload(text)) {
            Ok((selection, answers)) => {
                // A link carries no unit name and no date.
                let record = Record::new(bank, &selection, &answers, None, "");
                let member = Member {
                    source,
                    record,
                    current: true,
                };
                self.roster.admit(member, None, &[]);
            }
            Err(e) => self.roster.refuse(source, Problem::BadLink(e)),
        }
    }
}

/// The payload of a share link given whole (`https://…#share=XXXX`) or bare (`XXXX`).
fn share_payload(text: &str) -> &str {
    let text = text.trim();
    match text.rfind("share=") {
        Some(at) => text[at + "share=".len()..]
            .split(|c: char| c == '&' || c.is_whitespace())
            .next()
            .unwrap_or_default(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::share_payload;

    #[test]
    fn finds_the_payload_in_whole_addresses_and_bare_ones() {
        assert_eq!(share_payload("https://x.cn/a.html#share=AbC_-1"), "AbC_-1");
        assert_eq!(share_payload("  #share=AbC  "), "AbC");
        assert_eq!(share_payload("AbC"), "AbC");
        assert_eq!(share_payload("a#share=AbC&x=1"), "AbC");
        assert_eq!(share_payload("share="), "");
    }
}
