//! Child processes that do not outlive the tests.
//!
//! A [`ChildGuard`] ends its process on drop. Guards kept in a `static` are never
//! dropped, so [`keep_until_exit`] parks them where an `atexit` hook ends them:
//! libtest leaves through `exit` both when all pass and when some fail.

use std::process::Child;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A running child process, ended (SIGTERM, then SIGKILL after 2 s) on drop.
pub struct ChildGuard {
    name: &'static str,
    child: Child,
}

impl ChildGuard {
    /// Takes ownership of `child`; `name` appears in messages.
    pub fn new(name: &'static str, child: Child) -> Self {
        Self { name, child }
    }

    /// The process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process has already exited, with its status.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The name given at creation.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
    fn atexit(cb: extern "C" fn()) -> i32;
}
const SIGTERM: i32 = 15;

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if self.exited().is_some() {
            return;
        }
        // SIGTERM first so chromedriver can close the browsers it started.
        // SAFETY: plain syscall on the pid of a child we still own (not yet reaped).
        unsafe { kill(self.child.id() as i32, SIGTERM) };
        let until = Instant::now() + Duration::from_secs(2);
        while Instant::now() < until {
            if self.exited().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

static AT_EXIT: Mutex<Vec<ChildGuard>> = Mutex::new(Vec::new());

extern "C" fn end_children() {
    let children = std::mem::take(&mut *AT_EXIT.lock().unwrap_or_else(|e| e.into_inner()));
    // Last started first: chromedriver before the API.
    drop(children.into_iter().rev().collect::<Vec<_>>());
}

/// Keeps `guard` alive until the test binary exits, then ends the process.
pub fn keep_until_exit(guard: ChildGuard) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    // SAFETY: registers a plain extern "C" fn that only touches a static.
    HOOK.call_once(|| unsafe {
        atexit(end_children);
    });
    AT_EXIT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(guard);
}
