//! The lock file that says a draft is open in an editor, as office suites keep one
//! (`LibreOffice`'s `.~lock.NAME#`): who, on which machine, since when, which process. It
//! sits beside the draft (links followed), so partners on a shared folder see it. A lock
//! whose process no longer runs on this machine, or older than a day, is stale and taken
//! over. The format is in docs/reliability.md.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{parent_dir, read_limited, resolve_links};

/// The largest lock file read: a real one is about 150 bytes.
pub const MAX_LOCK_BYTES: u64 = 4096;

/// A lock older than this is stale, whoever wrote it.
pub const STALE_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// The first line of every lock file.
const MAGIC: &str = "memodraft lock";

/// Who holds a draft open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockInfo {
    /// The user's login name.
    pub user: String,
    /// The machine's host name.
    pub host: String,
    /// The editor's process on that machine.
    pub pid: u32,
    pub since: jiff::Timestamp,
    /// Tells this editor window's lock from another's (two windows may share a process).
    pub id: String,
}

impl LockInfo {
    /// A lock for an editor window of this process, from now.
    pub fn mine() -> Self {
        let user = ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .or_else(login_name)
            .unwrap_or_else(|| "someone".to_owned());
        Self {
            user: one_line(&user),
            host: this_host(),
            pid: std::process::id(),
            since: jiff::Timestamp::now(),
            id: format!("{:016x}", fastrand::u64(..)),
        }
    }

    /// "rosa on laptop-7 since 2026-11-28 09:43 UTC".
    pub fn describe(&self) -> String {
        format!(
            "{} on {} since {}",
            self.user,
            self.host,
            self.since.strftime("%Y-%m-%d %H:%M UTC")
        )
    }

    /// Stale: its process no longer runs on this machine, or it is older than a day.
    pub fn is_stale(&self, now: jiff::Timestamp) -> bool {
        now.duration_since(self.since) > STALE_AFTER
            || (self.host == this_host() && !process_runs(self.pid))
    }

    fn to_text(&self) -> String {
        format!(
            "{MAGIC}\nuser: {}\nhost: {}\npid: {}\nsince: {}\nid: {}\n",
            self.user, self.host, self.pid, self.since, self.id
        )
    }

    /// Reads a lock file's text; `None` for anything that is not one.
    fn parse(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        if lines.next()?.trim() != MAGIC {
            return None;
        }
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
                .map(str::trim)
        };
        Some(Self {
            user: field("user").unwrap_or("someone").to_owned(),
            host: field("host")?.to_owned(),
            pid: field("pid")?.parse().ok()?,
            since: field("since")?.parse().ok()?,
            id: field("id").unwrap_or_default().to_owned(),
        })
    }
}

/// This process's user's login name from `/etc/passwd`, where the environment does not
/// say (a service, `setpriv`).
#[cfg(unix)]
fn login_name() -> Option<String> {
    let uid = rustix::process::getuid().as_raw().to_string();
    let passwd = read_limited(Path::new("/etc/passwd"), 1024 * 1024).ok()?;
    String::from_utf8_lossy(&passwd).lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_owned())
    })
}

#[cfg(not(unix))]
fn login_name() -> Option<String> {
    None
}

/// The machine's name as locks record it.
fn this_host() -> String {
    one_line(&gethostname::gethostname().to_string_lossy())
}

/// `s` without line breaks or other control characters, which would break the format.
fn one_line(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Whether process `pid` runs on this machine (signal 0: sent to nobody, only checked).
#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // EPERM: it runs, as another user.
    let exists = match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e != rustix::io::Errno::SRCH,
    };
    exists && !is_zombie(pid.as_raw_nonzero().get())
}

/// Whether process `pid` has died but was not yet reaped by its parent (a killed editor
/// whose launcher does not wait for it): signal 0 still finds it.
#[cfg(target_os = "linux")]
fn is_zombie(pid: i32) -> bool {
    let Ok(stat) = read_limited(Path::new(&format!("/proc/{pid}/stat")), MAX_LOCK_BYTES) else {
        return false;
    };
    // "PID (COMMAND) STATE ...": the command may hold spaces and parentheses.
    let text = String::from_utf8_lossy(&stat);
    text.rfind(')')
        .and_then(|end| text.get(end + 1..))
        .and_then(|rest| rest.split_whitespace().next())
        .is_some_and(|state| state == "Z" || state == "X")
}

#[cfg(all(unix, not(target_os = "linux")))]
fn is_zombie(_pid: i32) -> bool {
    false
}

/// Elsewhere it cannot be told; only the age makes a lock stale there.
#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

/// The lock file of `draft`: `.~lock.NAME#` beside the file its links lead to.
pub fn lock_path(draft: &Path) -> PathBuf {
    let target = resolve_links(draft).unwrap_or_else(|_| draft.to_owned());
    let mut name = std::ffi::OsString::from(".~lock.");
    name.push(target.file_name().unwrap_or_default());
    name.push("#");
    parent_dir(&target).join(name)
}

/// The lock on `draft` as its file says, stale or not; `None` when there is none or it
/// is not a memodraft lock.
pub fn read(draft: &Path) -> Option<LockInfo> {
    read_file(&lock_path(draft))
}

/// The lock on `draft` if it is active (not stale): what `memodraft check` mentions.
pub fn active(draft: &Path) -> Option<LockInfo> {
    read(draft).filter(|info| !info.is_stale(jiff::Timestamp::now()))
}

fn read_file(file: &Path) -> Option<LockInfo> {
    let bytes = read_limited(file, MAX_LOCK_BYTES).ok()?;
    LockInfo::parse(&String::from_utf8(bytes).ok()?)
}

/// What [`DraftLock::acquire`] found.
#[derive(Debug)]
pub enum Acquired {
    /// The draft is now locked by this editor window.
    Locked(DraftLock),
    /// Someone else has it open (an active lock).
    HeldBy(LockInfo),
    /// No lock file could be written (a read-only folder, or one that allows no new
    /// files); the draft can still be opened.
    Unlockable(std::io::Error),
}

/// This editor window's lock on a draft: removed when dropped (the draft closed, another
/// opened, the editor quit), unless someone else's lock has replaced it.
#[derive(Debug)]
pub struct DraftLock {
    file: PathBuf,
    info: LockInfo,
}

impl DraftLock {
    /// Locks `draft` for this editor window, taking over a stale lock silently.
    pub fn acquire(draft: &Path) -> Acquired {
        let file = lock_path(draft);
        let info = LockInfo::mine();
        let text = info.to_text();
        let created = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
        match created {
            Ok(()) => return Acquired::Locked(Self { file, info }),
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Acquired::Unlockable(e);
            }
            Err(_) => {}
        }
        if let Some(holder) = read_file(&file)
            && !holder.is_stale(info.since)
        {
            return Acquired::HeldBy(holder);
        }
        // Stale or not a lock: taken over in place (which also works where no new file
        // may be created). Two editors taking it over at once: the last write wins, and
        // the other sees it held.
        let taken = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&file)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
        if let Err(e) = taken {
            return Acquired::Unlockable(e);
        }
        match read_file(&file) {
            Some(holder) if holder.id != info.id => Acquired::HeldBy(holder),
            _ => Acquired::Locked(Self { file, info }),
        }
    }

    /// Whether this is the lock of `draft`.
    pub fn is_for(&self, draft: &Path) -> bool {
        lock_path(draft) == self.file
    }

    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        if read_file(&self.file).is_some_and(|holder| holder.id == self.info.id) {
            let _ = fs::remove_file(&self.file);
        }
    }
}

#[cfg(test)]
#[path = "lock_tests.rs"]
mod tests;
