//! The job store: jobs, their lifecycle over time, and the drawn image sets.
//!
//! Nothing runs in the background: a job's state is computed from the time
//! elapsed since its creation, so every method takes the current instant
//! (`now`) and the lifecycle is unit tested with made-up instants.
//!
//! Like the seed's Redis keys, a job lives [`Timing::job_ttl`] (1 h) after
//! creation and its images [`Timing::image_ttl`] (7 days) after they are drawn.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::art::Style;
use crate::ids::new_job_id;
use crate::scenario::Scenario;

/// The most jobs (and image sets) kept; beyond it the oldest are dropped.
pub const MAX_ENTRIES: usize = 10_000;

/// The share of a job's run time it spends PENDING before PROCESSING.
const PENDING_SHARE: f64 = 0.2;

/// How long things take and live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Creation to COMPLETED for a normal job (default 6 s).
    pub job_duration: Duration,
    /// Creation to expiry of the job state (default 1 h; status then 404).
    pub job_ttl: Duration,
    /// Completion to expiry of the images (default 7 days; images then 404).
    pub image_ttl: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            job_duration: Duration::from_millis(6000),
            job_ttl: Duration::from_secs(60 * 60),
            image_ttl: Duration::from_secs(7 * 24 * 60 * 60),
        }
    }
}

/// A job's status on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    /// Accepted, not started.
    Pending,
    /// Drawing.
    Processing,
    /// Done: the three images are available.
    Completed,
    /// Drawing failed.
    Failed,
}

impl JobStatus {
    /// The wire name: `PENDING`, `PROCESSING`, `COMPLETED` or `FAILED`.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "PENDING",
            JobStatus::Processing => "PROCESSING",
            JobStatus::Completed => "COMPLETED",
            JobStatus::Failed => "FAILED",
        }
    }
}

/// A job as the store keeps it.
#[derive(Debug, Clone)]
struct Job {
    event_draft_id: String,
    scenario: Scenario,
    created: Instant,
    status_requests: u32,
}

/// A drawn image set, kept apart from its job because it outlives it.
#[derive(Debug, Clone)]
struct ImageSet {
    event_draft_id: String,
    available_at: Instant,
    expires_at: Instant,
}

/// A job as seen at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobView {
    /// The job id.
    pub job_id: String,
    /// The draft the images belong to.
    pub event_draft_id: String,
    /// The scenario picked from the draft id.
    pub scenario: Scenario,
    /// The status at that instant.
    pub status: JobStatus,
    /// How many status requests the job has had, this one included
    /// (0 when the view was not taken for a status request).
    pub nth_request: u32,
}

/// An image that may be served, and for how much longer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageView {
    /// The draft the image was drawn for (seeds its colours).
    pub event_draft_id: String,
    /// The style asked for.
    pub style: Style,
    /// Time left before the image expires.
    pub expires_in: Duration,
}

#[derive(Debug, Default)]
struct Inner {
    jobs: HashMap<String, Job>,
    images: HashMap<String, ImageSet>,
}

/// All jobs and image sets, shared by the handlers.
#[derive(Debug)]
pub struct JobStore {
    timing: Timing,
    inner: Mutex<Inner>,
}

impl JobStore {
    /// An empty store with these timings.
    pub fn new(timing: Timing) -> Self {
        JobStore {
            timing,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The timings this store runs on.
    pub fn timing(&self) -> Timing {
        self.timing
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the maps inconsistent
        // (every update is a single insert/remove), so poisoning is ignored.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Creates a job for `event_draft_id` at `now` and returns its new id.
    ///
    /// The draft id must already be validated.
    pub fn create(&self, event_draft_id: &str, now: Instant) -> String {
        let scenario = Scenario::from_event_draft_id(event_draft_id);
        let job_id = new_job_id();
        let mut inner = self.lock();
        self.prune(&mut inner, now);
        if let Some(finish) = scenario.finish_after(self.timing.job_duration) {
            if !scenario.fails() {
                let available_at = now + finish;
                inner.images.insert(
                    job_id.clone(),
                    ImageSet {
                        event_draft_id: event_draft_id.to_owned(),
                        available_at,
                        expires_at: available_at + self.timing.image_ttl,
                    },
                );
            }
        }
        inner.jobs.insert(
            job_id.clone(),
            Job {
                event_draft_id: event_draft_id.to_owned(),
                scenario,
                created: now,
                status_requests: 0,
            },
        );
        job_id
    }

    /// Counts one status request for `job_id` and returns the job as it is
    /// at `now`; `None` if there is no such job, it has expired, or it is a
    /// `gone` job.
    pub fn poll(&self, job_id: &str, now: Instant) -> Option<JobView> {
        let mut inner = self.lock();
        let job = inner.jobs.get_mut(job_id)?;
        if self.expired(job, now) || job.scenario.is_gone() {
            return None;
        }
        job.status_requests = job.status_requests.saturating_add(1);
        Some(self.view(job_id, job, now))
    }

    /// The job as it is at `now`, without counting a request.
    pub fn peek(&self, job_id: &str, now: Instant) -> Option<JobView> {
        let inner = self.lock();
        let job = inner.jobs.get(job_id)?;
        if self.expired(job, now) || job.scenario.is_gone() {
            return None;
        }
        Some(self.view(job_id, job, now))
    }

    /// The draft id of a job, even a `gone` one, while it is not expired
    /// (for the request log).
    pub fn event_draft_id(&self, job_id: &str, now: Instant) -> Option<String> {
        let inner = self.lock();
        let job = inner.jobs.get(job_id)?;
        (!self.expired(job, now)).then(|| job.event_draft_id.clone())
    }

    /// The image of `style` for `job_id` if it is drawn and not expired at `now`.
    pub fn image(&self, job_id: &str, style: Style, now: Instant) -> Option<ImageView> {
        let inner = self.lock();
        let set = inner.images.get(job_id)?;
        if now < set.available_at || now >= set.expires_at {
            return None;
        }
        Some(ImageView {
            event_draft_id: set.event_draft_id.clone(),
            style,
            expires_in: set.expires_at - now,
        })
    }

    fn expired(&self, job: &Job, now: Instant) -> bool {
        now.saturating_duration_since(job.created) >= self.timing.job_ttl
    }

    fn view(&self, job_id: &str, job: &Job, now: Instant) -> JobView {
        JobView {
            job_id: job_id.to_owned(),
            event_draft_id: job.event_draft_id.clone(),
            scenario: job.scenario,
            status: status_at(
                job.scenario,
                self.timing.job_duration,
                now.saturating_duration_since(job.created),
            ),
            nth_request: job.status_requests,
        }
    }

    /// Drops expired entries, then the oldest ones while over [`MAX_ENTRIES`].
    fn prune(&self, inner: &mut Inner, now: Instant) {
        let ttl = self.timing.job_ttl;
        inner
            .jobs
            .retain(|_, job| now.saturating_duration_since(job.created) < ttl);
        inner.images.retain(|_, set| now < set.expires_at);
        while inner.jobs.len() >= MAX_ENTRIES {
            let oldest = inner
                .jobs
                .iter()
                .min_by_key(|(_, job)| job.created)
                .map(|(id, _)| id.clone());
            match oldest {
                Some(id) => inner.jobs.remove(&id),
                None => break,
            };
        }
        while inner.images.len() >= MAX_ENTRIES {
            let oldest = inner
                .images
                .iter()
                .min_by_key(|(_, set)| set.available_at)
                .map(|(id, _)| id.clone());
            match oldest {
                Some(id) => inner.images.remove(&id),
                None => break,
            };
        }
    }
}

/// The status of a `scenario` job `elapsed` after creation.
///
/// PENDING for the first 20 % of the time to its end (of the job duration
/// for a job that never ends), PROCESSING after, then COMPLETED or FAILED.
pub fn status_at(scenario: Scenario, job_duration: Duration, elapsed: Duration) -> JobStatus {
    let finish = scenario.finish_after(job_duration);
    let pending_for = finish.unwrap_or(job_duration).mul_f64(PENDING_SHARE);
    match finish {
        Some(finish) if elapsed >= finish => {
            if scenario.fails() {
                JobStatus::Failed
            } else {
                JobStatus::Completed
            }
        }
        _ if elapsed < pending_for => JobStatus::Pending,
        _ => JobStatus::Processing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn store() -> JobStore {
        JobStore::new(Timing {
            job_duration: ms(6000),
            job_ttl: Duration::from_secs(3600),
            image_ttl: Duration::from_secs(7 * 24 * 3600),
        })
    }

    #[test]
    fn normal_lifecycle_over_time() {
        let s = store();
        let t0 = Instant::now();
        let id = s.create("draft-1", t0);
        let at = |n: u64| s.peek(&id, t0 + ms(n)).unwrap().status;
        assert_eq!(at(0), JobStatus::Pending);
        assert_eq!(at(1199), JobStatus::Pending);
        assert_eq!(at(1200), JobStatus::Processing);
        assert_eq!(at(5999), JobStatus::Processing);
        assert_eq!(at(6000), JobStatus::Completed);
        assert_eq!(at(3_599_999), JobStatus::Completed);
    }

    #[test]
    fn scenario_lifecycles() {
        let d = ms(6000);
        assert_eq!(status_at(Scenario::Fail, d, ms(500)), JobStatus::Pending);
        assert_eq!(
            status_at(Scenario::Fail, d, ms(2999)),
            JobStatus::Processing
        );
        assert_eq!(status_at(Scenario::Fail, d, ms(3000)), JobStatus::Failed);
        assert_eq!(status_at(Scenario::Never, d, ms(0)), JobStatus::Pending);
        assert_eq!(
            status_at(Scenario::Never, d, ms(1200)),
            JobStatus::Processing
        );
        assert_eq!(
            status_at(Scenario::Never, d, Duration::from_secs(3000)),
            JobStatus::Processing
        );
        let short = ms(100);
        assert_eq!(
            status_at(Scenario::Slow35, short, ms(6999)),
            JobStatus::Pending
        );
        assert_eq!(
            status_at(Scenario::Slow35, short, ms(30_000)),
            JobStatus::Processing
        );
        assert_eq!(
            status_at(Scenario::Slow35, short, ms(34_999)),
            JobStatus::Processing
        );
        assert_eq!(
            status_at(Scenario::Slow35, short, ms(35_000)),
            JobStatus::Completed
        );
        for scenario in [
            Scenario::Xss,
            Scenario::BadUrl,
            Scenario::Flaky,
            Scenario::Slow,
        ] {
            assert_eq!(status_at(scenario, d, ms(6000)), JobStatus::Completed);
        }
    }

    #[test]
    fn jobs_expire_after_their_ttl() {
        let s = store();
        let t0 = Instant::now();
        let id = s.create("draft-1", t0);
        let hour = Duration::from_secs(3600);
        assert!(s.poll(&id, t0 + hour - ms(1)).is_some());
        assert!(s.poll(&id, t0 + hour).is_none());
        assert!(s.peek(&id, t0 + hour).is_none());
        assert!(s.event_draft_id(&id, t0 + hour).is_none());
    }

    #[test]
    fn images_appear_at_completion_and_expire_after_their_ttl() {
        let s = store();
        let t0 = Instant::now();
        let id = s.create("draft-1", t0);
        assert!(s.image(&id, Style::Simple, t0 + ms(5999)).is_none());
        let img = s.image(&id, Style::Fancy, t0 + ms(6000)).unwrap();
        assert_eq!(img.event_draft_id, "draft-1");
        assert_eq!(img.expires_in, Duration::from_secs(7 * 24 * 3600));
        // The images outlive the job.
        let day = Duration::from_secs(24 * 3600);
        assert!(s.peek(&id, t0 + day).is_none());
        assert!(s.image(&id, Style::Trendy, t0 + 6 * day).is_some());
        let end = t0 + ms(6000) + 7 * day;
        assert!(s.image(&id, Style::Trendy, end - ms(1)).is_some());
        assert!(s.image(&id, Style::Trendy, end).is_none());
    }

    #[test]
    fn failed_and_endless_jobs_have_no_images() {
        let s = store();
        let t0 = Instant::now();
        let failed = s.create("fail-1", t0);
        let never = s.create("never-1", t0);
        let later = t0 + Duration::from_secs(60);
        assert_eq!(s.peek(&failed, later).unwrap().status, JobStatus::Failed);
        assert!(s.image(&failed, Style::Simple, later).is_none());
        assert!(s.image(&never, Style::Simple, later).is_none());
    }

    #[test]
    fn poll_counts_requests_and_gone_jobs_are_not_found() {
        let s = store();
        let t0 = Instant::now();
        let id = s.create("flaky-1", t0);
        assert_eq!(s.poll(&id, t0).unwrap().nth_request, 1);
        assert_eq!(s.poll(&id, t0).unwrap().nth_request, 2);
        assert_eq!(s.peek(&id, t0).unwrap().nth_request, 2);
        assert_eq!(s.poll(&id, t0).unwrap().scenario, Scenario::Flaky);
        let gone = s.create("gone-1", t0);
        assert!(s.poll(&gone, t0).is_none());
        assert_eq!(s.event_draft_id(&gone, t0).as_deref(), Some("gone-1"));
        assert!(s.poll("job_unknown", t0).is_none());
    }

    #[test]
    fn creating_prunes_expired_jobs() {
        let s = store();
        let t0 = Instant::now();
        let old = s.create("draft-1", t0);
        let _new = s.create("draft-2", t0 + Duration::from_secs(3600));
        assert!(!s.lock().jobs.contains_key(&old));
        assert!(s.lock().images.contains_key(&old), "images live on");
    }
}
