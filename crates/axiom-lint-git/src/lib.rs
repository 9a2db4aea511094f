//! Reads a git repository's history for `axiom-lint history`: turns revisions into the
//! `(commit, path, blob)` items each commit introduces, marking the first time a blob is seen
//! so it is read and scanned once however many commits hold it.
//!
//! Built on `gix` with no network, worktree or diff features: nothing here can fetch, and no
//! `git` process is started. A partial clone's missing blobs are reported as missing, never
//! fetched; submodules are counted and not followed; a shallow clone's oldest commits are
//! diffed against nothing, as git shows them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use gix::ObjectId as Id;

/// Why the repository could not be read.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn fail(what: &str) -> impl FnOnce(gix::Error) -> Error + '_ {
    move |error| Error(format!("{what}: {error}"))
}

/// One commit of the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commit {
    pub id: Id,
    /// Committer time, seconds since the Unix epoch.
    pub time: i64,
}

/// A blob a commit introduced at a path: added, or changed from every parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The path in the commit's tree, as bytes (git paths need not be UTF-8).
    pub path: Vec<u8>,
    pub blob: Id,
    /// Whether no earlier item of this walk named this blob: only these need reading.
    pub first_seen: bool,
}

/// What a walk saw besides its items.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Walked {
    pub commits: u64,
    /// Distinct blobs introduced.
    pub blobs: u64,
    /// Submodule entries introduced (not followed: their history is another repository).
    pub submodules: u64,
    /// Trees or commits missing from the object database, skipped.
    pub missing_objects: u64,
}

/// A blob's content, or why there is none.
#[derive(Debug, PartialEq, Eq)]
pub enum Blob {
    Data(Vec<u8>),
    /// Larger than the cap; its size.
    TooLarge(u64),
    /// Not in the object database (a partial clone's filtered blob).
    Missing,
}

/// A repository opened for reading; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Repository {
    inner: gix::ThreadSafeRepository,
}

/// A per-thread handle that reads blobs.
#[derive(Debug)]
pub struct Reader {
    repo: gix::Repository,
}

/// Bytes of decoded trees kept while walking, so a tree read for a commit is not inflated
/// again for its child. Small, so memory stays flat.
const TREE_CACHE_BYTES: usize = 4 * 1024 * 1024;

/// Bytes of resolved pack entries each handle keeps, so an object whose delta base was just
/// read costs one delta, not its whole chain. `gix` sets no such cache without its
/// `max-performance` feature, which this crate leaves off.
const PACK_CACHE_BYTES: usize = 1024 * 1024;

/// Commits whose trees are read ahead together, in pack order (see [`Trees`]).
const COMMITS_PER_WINDOW: usize = 512;

/// Bytes of decoded trees read ahead for one window, at most: past it, the rest of the
/// window's trees are read as the diff meets them.
const READ_AHEAD_BYTES: usize = 16 * 1024 * 1024;

/// Where a blob lies in the object database, to read blobs in pack order (see
/// [`Reader::place`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place(u32, u64);

fn with_pack_cache(repo: &mut gix::Repository) {
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            PACK_CACHE_BYTES,
        ))
    });
}

impl Repository {
    /// Opens the repository that holds `path` (searching upward, as git does).
    pub fn discover(path: &Path) -> Result<Self, Error> {
        let inner = gix::ThreadSafeRepository::discover(path)
            .map_err(|error| Error(format!("not a git repository: {error}")))?;
        Ok(Self { inner })
    }

    /// The working tree's root, when the repository has one.
    pub fn workdir(&self) -> Option<&Path> {
        self.inner.work_dir()
    }

    /// Where a path of the repository's tree lives in the work tree, when there is one.
    pub fn worktree_path(&self, path: &[u8]) -> Option<std::path::PathBuf> {
        let relative = gix::path::from_byte_slice(path).ok()?;
        Some(self.workdir()?.join(relative))
    }

    /// Whether the clone is shallow (its oldest commits lack their parents).
    pub fn is_shallow(&self) -> bool {
        self.inner.to_thread_local().is_shallow().unwrap_or(false)
    }

    /// A handle to read blobs on this thread.
    pub fn reader(&self) -> Reader {
        let mut repo = self.inner.to_thread_local();
        with_pack_cache(&mut repo);
        // `place` names packs by id, which gix only allows once packs are kept mapped.
        repo.objects.prevent_pack_unload();
        Reader { repo }
    }

    fn local(&self) -> gix::Repository {
        let mut repo = self.inner.to_thread_local();
        repo.object_cache_size(TREE_CACHE_BYTES);
        with_pack_cache(&mut repo);
        repo.objects.prevent_pack_unload();
        repo
    }

    /// Walks the commits reachable from `revisions` (every ref when empty; `a..b` and `^a`
    /// exclude), newest first, stopping below `since` (seconds), and calls `each` once per
    /// commit with the blobs it introduced.
    pub fn walk(
        &self,
        revisions: &[String],
        since: Option<i64>,
        mut each: impl FnMut(&Commit, &[Item]),
    ) -> Result<Walked, Error> {
        let repo = self.local();
        let (tips, hidden) = resolve(&repo, revisions)?;
        let order = gix::revision::walk::Sorting::ByCommitTime(Default::default());
        let sorting = match since {
            Some(seconds) => gix::revision::walk::Sorting::ByCommitTimeCutoff {
                order: Default::default(),
                seconds,
            },
            None => order,
        };
        let walk = repo
            .rev_walk(tips)
            .sorting(sorting)
            .with_hidden(hidden)
            .all()
            .map_err(fail("cannot walk the history"))?;
        let mut walked = Walked::default();
        let mut seen: HashSet<Id> = HashSet::new();
        let mut changes = Changes::default();
        let mut items = Vec::new();
        let mut window: Vec<Pending> = Vec::with_capacity(COMMITS_PER_WINDOW);
        let mut walk = walk.peekable();
        while let Some(info) = walk.next() {
            let info = info.map_err(fail("cannot walk the history"))?;
            let Ok(commit) = repo.find_commit(info.id) else {
                walked.missing_objects += 1;
                continue;
            };
            let time = commit.time().map(|time| time.seconds).unwrap_or_default();
            if since.is_some_and(|since| time < since) {
                continue;
            }
            let Ok(tree) = commit.tree_id() else {
                walked.missing_objects += 1;
                continue;
            };
            // A shallow clone's oldest commits name parents it does not have: like git, show
            // their whole tree.
            let parents: Vec<Id> = commit
                .parent_ids()
                .filter_map(|parent| repo.find_commit(parent).ok()?.tree_id().ok())
                .map(gix::Id::detach)
                .collect();
            window.push(Pending {
                commit: Commit { id: info.id, time },
                tree: tree.detach(),
                parents,
            });
            if window.len() < COMMITS_PER_WINDOW && walk.peek().is_some() {
                continue;
            }
            let trees = Trees::read_ahead(&repo, &window);
            for pending in window.drain(..) {
                changes.introduced(&trees, pending.tree, &pending.parents, &mut walked);
                items.clear();
                for (path, blob) in changes.found.drain(..) {
                    let first_seen = seen.insert(blob);
                    walked.blobs += u64::from(first_seen);
                    items.push(Item {
                        path,
                        blob,
                        first_seen,
                    });
                }
                walked.commits += 1;
                each(&pending.commit, &items);
            }
        }
        Ok(walked)
    }

    /// Calls `each` with every blob of HEAD's tree (nothing when HEAD is unborn).
    pub fn head_blobs(&self, mut each: impl FnMut(&[u8], Id)) -> Result<(), Error> {
        let repo = self.local();
        let Ok(tree) = repo.head_tree_id() else {
            return Ok(());
        };
        let mut walked = Walked::default();
        let mut found = Vec::new();
        let mut prefix = Vec::new();
        let trees = Trees::none(&repo);
        every_blob(&trees, tree.detach(), &mut prefix, &mut found, &mut walked);
        for (path, blob) in found {
            each(&path, blob);
        }
        Ok(())
    }
}

impl Reader {
    /// Where `id` lies: blobs read in ascending order of their places are read in pack order,
    /// where a delta's base comes before it (git requires that of offset deltas), so with this
    /// handle's cache most blobs cost one delta rather than their whole chain. Loose and
    /// missing blobs sort last.
    pub fn place(&self, id: Id) -> Place {
        place(&self.repo, id)
    }

    /// Reads a blob of at most `cap` bytes; the size is known before it is inflated.
    pub fn read(&self, id: Id, cap: u64) -> Result<Blob, Error> {
        let header = match self.repo.try_find_header(id) {
            Ok(Some(header)) => header,
            Ok(None) => return Ok(Blob::Missing),
            Err(error) => return Err(Error(format!("cannot read blob {id}: {error}"))),
        };
        if header.size() > cap {
            return Ok(Blob::TooLarge(header.size()));
        }
        match self.repo.try_find_object(id) {
            Ok(Some(object)) => Ok(Blob::Data(object.detach().data)),
            Ok(None) => Ok(Blob::Missing),
            Err(error) => Err(Error(format!("cannot read blob {id}: {error}"))),
        }
    }
}

/// Where `id` lies, for a handle that keeps its packs mapped.
fn place(repo: &gix::Repository, id: Id) -> Place {
    use gix::odb::pack::Find as _;
    let mut buf = Vec::new();
    match repo.objects.location_by_oid(&id, &mut buf) {
        Ok(Some(location)) => Place(location.pack_id, location.pack_offset),
        _ => Place(u32::MAX, 0),
    }
}

/// A commit of the walk waiting for its window's trees.
struct Pending {
    commit: Commit,
    tree: Id,
    /// The trees of the parents the repository has.
    parents: Vec<Id>,
}

/// The trees a window of commits will diff, read ahead in pack order.
///
/// A pack stores most trees as deltas on another version, and a delta's base always lies
/// before it. Read newest commit first, as the walk goes, each tree costs its whole delta
/// chain again (a pack written by `git fast-import` chains each version on the one before,
/// up to 50 deep); read in pack order, each tree's base was most often read just before and
/// sits in the pack cache. So the diff is done level by level for the whole window first,
/// reading each level's trees sorted by their place in the pack.
struct Trees<'r> {
    repo: &'r gix::Repository,
    read: HashMap<Id, std::rc::Rc<Entries>>,
    /// Trees the diff asked for that were not read ahead.
    missed: std::cell::Cell<u64>,
}

impl<'r> Trees<'r> {
    /// Nothing read ahead: every tree is read when asked for.
    fn none(repo: &'r gix::Repository) -> Self {
        Self {
            repo,
            read: HashMap::new(),
            missed: std::cell::Cell::new(0),
        }
    }

    fn read_ahead(repo: &'r gix::Repository, window: &[Pending]) -> Self {
        let mut trees = Self::none(repo);
        let mut bytes = 0usize;
        let mut level: Vec<(Option<Id>, Id)> = Vec::new();
        for pending in window {
            if pending.parents.is_empty() {
                level.push((None, pending.tree));
            }
            level.extend(
                pending
                    .parents
                    .iter()
                    .map(|parent| (Some(*parent), pending.tree)),
            );
        }
        while !level.is_empty() && bytes < READ_AHEAD_BYTES {
            let mut wanted: Vec<(Place, Id)> = level
                .iter()
                .filter(|(old, new)| *old != Some(*new))
                .flat_map(|(old, new)| old.iter().chain(std::iter::once(new)))
                .filter(|id| !trees.read.contains_key(*id))
                .map(|id| (place(repo, *id), *id))
                .collect();
            wanted.sort_unstable();
            wanted.dedup();
            for (_, id) in wanted {
                if let Some(read) = entries(repo, id) {
                    bytes += read.iter().map(|entry| entry.0.len() + 48).sum::<usize>();
                    trees.read.insert(id, std::rc::Rc::new(read));
                }
            }
            let mut next = Vec::new();
            for (old, new) in level {
                if old == Some(new) {
                    continue;
                }
                let Some(new_entries) = trees.read.get(&new) else {
                    continue;
                };
                let old_entries = old.and_then(|old| trees.read.get(&old));
                for (name, mode, id) in new_entries.iter().filter(|entry| entry.1.is_tree()) {
                    let before = old_entries.and_then(|old| {
                        let at = old
                            .binary_search_by(|entry| entry.0.as_slice().cmp(name))
                            .ok()?;
                        old.get(at)
                    });
                    if before.is_some_and(|(_, old_mode, old_id)| {
                        old_id == id && old_mode.kind() == mode.kind()
                    }) {
                        continue;
                    }
                    let old_tree = before
                        .filter(|(_, old_mode, _)| old_mode.is_tree())
                        .map(|(_, _, old_id)| *old_id);
                    next.push((old_tree, *id));
                }
            }
            level = next;
        }
        trees
    }

    fn entries(&self, tree: Id) -> Option<std::rc::Rc<Entries>> {
        match self.read.get(&tree) {
            Some(read) => Some(std::rc::Rc::clone(read)),
            None => {
                self.missed.set(self.missed.get() + 1);
                entries(self.repo, tree).map(std::rc::Rc::new)
            }
        }
    }
}

/// The commits named by `revisions`: those to start from, and those whose history to hide.
fn resolve(repo: &gix::Repository, revisions: &[String]) -> Result<(Vec<Id>, Vec<Id>), Error> {
    let mut tips = Vec::new();
    let mut hidden = Vec::new();
    if revisions.is_empty() {
        let platform = repo.references().map_err(fail("cannot list refs"))?;
        for reference in platform.all().map_err(fail("cannot list refs"))? {
            let Ok(mut reference) = reference else {
                continue;
            };
            // A ref may name a tag of a tree or a blob: not history.
            if let Ok(commit) = reference.peel_to_commit() {
                tips.push(commit.id);
            }
        }
        if let Ok(head) = repo.head_id() {
            tips.push(head.detach());
        }
        tips.sort();
        tips.dedup();
        return Ok((tips, hidden));
    }
    let commit = |id: Id| -> Result<Id, Error> {
        repo.find_object(id)
            .and_then(gix::Object::peel_to_commit)
            .map(|commit| commit.id)
            .map_err(|error| Error(format!("{id} is not a commit: {error}")))
    };
    let parents = |id: Id| -> Result<Vec<Id>, Error> {
        let found = repo
            .find_commit(commit(id)?)
            .map_err(fail("cannot read a commit"))?;
        Ok(found.parent_ids().map(gix::Id::detach).collect())
    };
    for revision in revisions {
        let spec = repo
            .rev_parse(revision.as_str())
            .map_err(|error| Error(format!("cannot resolve revision `{revision}`: {error}")))?
            .detach();
        use gix::revision::plumbing::Spec;
        match spec {
            Spec::Include(id) => tips.push(commit(id)?),
            Spec::Exclude(id) => hidden.push(commit(id)?),
            Spec::Range { from, to } => {
                tips.push(commit(to)?);
                hidden.push(commit(from)?);
            }
            Spec::Merge { theirs, ours } => {
                let (theirs, ours) = (commit(theirs)?, commit(ours)?);
                tips.extend([theirs, ours]);
                if let Ok(Some(base)) = repo.merge_base(theirs, ours) {
                    hidden.push(base.detach());
                }
            }
            Spec::IncludeOnlyParents(id) => tips.extend(parents(id)?),
            Spec::ExcludeParents(id) => {
                tips.push(commit(id)?);
                hidden.extend(parents(id)?);
            }
        }
    }
    Ok((tips, hidden))
}

/// One level of a tree, sorted by name for lookups.
type Entries = Vec<(Vec<u8>, gix::objs::tree::EntryMode, Id)>;

fn entries(repo: &gix::Repository, tree: Id) -> Option<Entries> {
    let tree = repo.find_tree(tree).ok()?;
    let decoded = tree.decode().ok()?;
    let mut entries: Entries = decoded
        .entries
        .iter()
        .map(|entry| (entry.filename.to_vec(), entry.mode, entry.oid.to_owned()))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Some(entries)
}

fn join(prefix: &[u8], name: &[u8]) -> Vec<u8> {
    let mut path = Vec::with_capacity(prefix.len() + name.len() + 1);
    path.extend_from_slice(prefix);
    if !prefix.is_empty() {
        path.push(b'/');
    }
    path.extend_from_slice(name);
    path
}

/// Every blob under `tree`.
fn every_blob(
    trees: &Trees<'_>,
    tree: Id,
    prefix: &mut Vec<u8>,
    found: &mut Vec<(Vec<u8>, Id)>,
    walked: &mut Walked,
) {
    changed_blobs(trees, None, tree, prefix, found, walked);
}

/// The blobs under `new` that `old` does not hold at the same path. Unchanged subtrees are
/// skipped by id, so a commit costs what it changed, not the size of its tree.
fn changed_blobs(
    trees: &Trees<'_>,
    old: Option<Id>,
    new: Id,
    prefix: &mut Vec<u8>,
    found: &mut Vec<(Vec<u8>, Id)>,
    walked: &mut Walked,
) {
    if old == Some(new) {
        return;
    }
    let Some(new_entries) = trees.entries(new) else {
        walked.missing_objects += 1;
        return;
    };
    let old_entries = old.and_then(|old| trees.entries(old)).unwrap_or_default();
    for (name, mode, id) in new_entries.iter() {
        let (mode, id) = (*mode, *id);
        let before = old_entries
            .binary_search_by(|entry| entry.0.as_slice().cmp(name.as_slice()))
            .ok()
            .and_then(|at| old_entries.get(at));
        if before
            .is_some_and(|(_, old_mode, old_id)| *old_id == id && old_mode.kind() == mode.kind())
        {
            continue;
        }
        if mode.is_tree() {
            let old_tree = before
                .filter(|(_, old_mode, _)| old_mode.is_tree())
                .map(|(_, _, old_id)| *old_id);
            let depth = prefix.len();
            let path = join(prefix, name);
            *prefix = path;
            changed_blobs(trees, old_tree, id, prefix, found, walked);
            prefix.truncate(depth);
        } else if mode.is_commit() {
            walked.submodules += 1;
        } else if mode.is_blob() {
            found.push((join(prefix, name), id));
        }
        // A symbolic link's blob is a path, not content.
    }
}

/// Finds what each commit introduced, reusing its buffers.
#[derive(Default)]
struct Changes {
    found: Vec<(Vec<u8>, Id)>,
    other: Vec<(Vec<u8>, Id)>,
    prefix: Vec<u8>,
}

impl Changes {
    /// The blobs `tree` holds that no parent holds at the same path: for a merge, only what
    /// the merge itself brought, not what either side already had.
    fn introduced(
        &mut self,
        trees: &Trees<'_>,
        tree: Id,
        parent_trees: &[Id],
        walked: &mut Walked,
    ) {
        self.found.clear();
        self.prefix.clear();
        changed_blobs(
            trees,
            parent_trees.first().copied(),
            tree,
            &mut self.prefix,
            &mut self.found,
            walked,
        );
        for parent in parent_trees.iter().skip(1) {
            if self.found.is_empty() {
                break;
            }
            self.other.clear();
            self.prefix.clear();
            changed_blobs(
                trees,
                Some(*parent),
                tree,
                &mut self.prefix,
                &mut self.other,
                walked,
            );
            let other: HashSet<&(Vec<u8>, Id)> = self.other.iter().collect();
            self.found.retain(|item| other.contains(item));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    fn commit(dir: &Path, files: &[(&str, Option<&str>)], message: &str) {
        for (path, text) in files {
            let path = dir.join(path);
            match text {
                Some(text) => {
                    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
                    std::fs::write(&path, text).expect("write");
                }
                None if path.is_dir() => std::fs::remove_dir_all(&path).expect("rm -r"),
                None => std::fs::remove_file(&path).expect("rm"),
            }
        }
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// Nested directories changed, added, deleted, a file turned into a directory, and a
    /// merge whose sides both changed files, packed as a clone would be.
    fn history(dir: &Path) {
        git(dir, &["init", "-q", "-b", "main"]);
        commit(
            dir,
            &[
                ("a/b/c.txt", Some("1")),
                ("d/e.txt", Some("1")),
                ("x", Some("file")),
            ],
            "one",
        );
        commit(
            dir,
            &[("a/b/c.txt", Some("2")), ("a/f.txt", Some("1"))],
            "two",
        );
        commit(dir, &[("x", None), ("d", None)], "three");
        commit(dir, &[("x/y/z.txt", Some("now a directory"))], "four");
        git(dir, &["checkout", "-q", "-b", "side"]);
        commit(
            dir,
            &[("a/b/c.txt", Some("side")), ("s/t.txt", Some("1"))],
            "side",
        );
        git(dir, &["checkout", "-q", "main"]);
        commit(
            dir,
            &[("a/f.txt", Some("main")), ("m/n/o.txt", Some("1"))],
            "main",
        );
        git(dir, &["merge", "-q", "--no-edit", "side"]);
        commit(dir, &[("m/n/o.txt", Some("after the merge"))], "after");
        git(dir, &["repack", "-adq"]);
    }

    #[test]
    fn reading_ahead_reads_every_tree_the_diff_needs_and_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        history(dir.path());
        let repository = Repository::discover(dir.path()).expect("a repository");
        let repo = repository.local();
        let mut window = Vec::new();
        let tips = vec![repo.head_id().expect("HEAD").detach()];
        for info in repo.rev_walk(tips).all().expect("walk") {
            let commit = repo.find_commit(info.expect("commit").id).expect("commit");
            window.push(Pending {
                commit: Commit {
                    id: commit.id,
                    time: 0,
                },
                tree: commit.tree_id().expect("tree").detach(),
                parents: commit
                    .parent_ids()
                    .map(|parent| {
                        let parent = repo.find_commit(parent).expect("parent");
                        parent.tree_id().expect("tree").detach()
                    })
                    .collect(),
            });
        }
        assert_eq!(window.len(), 8);
        let ahead = Trees::read_ahead(&repo, &window);
        let none = Trees::none(&repo);
        let (mut with, mut without) = (Changes::default(), Changes::default());
        let mut walked = Walked::default();
        let mut paths = Vec::new();
        for pending in &window {
            with.introduced(&ahead, pending.tree, &pending.parents, &mut walked);
            without.introduced(&none, pending.tree, &pending.parents, &mut walked);
            assert_eq!(with.found, without.found);
            paths.extend(with.found.iter().map(|(path, _)| path.clone()));
        }
        assert_eq!(
            ahead.missed.get(),
            0,
            "a tree the diff needed was not read ahead"
        );
        assert!(none.missed.get() > 0);
        paths.sort();
        paths.dedup();
        let paths: Vec<&[u8]> = paths.iter().map(Vec::as_slice).collect();
        let expected: Vec<&[u8]> = vec![
            b"a/b/c.txt",
            b"a/f.txt",
            b"d/e.txt",
            b"m/n/o.txt",
            b"s/t.txt",
            b"x",
            b"x/y/z.txt",
        ];
        assert_eq!(paths, expected);
        assert_eq!(walked.missing_objects, 0);
    }
}
