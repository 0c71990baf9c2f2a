//! Jobs that move along with time, as m3ter's do: a job created through the API starts a clock and
//! is PENDING for one `--job-step-ms`, RUNNING for the next, then done. Jobs of the demo data have
//! no clock and keep the status they were seeded with.

use std::time::Instant;

use serde_json::{json, Value};

use crate::behaviour::Ctx;
use crate::lock::lock;
use crate::query::Keep;
use crate::store::Store;

/// m3ter's `active` filter on jobs: `TRUE` keeps the unfinished ones (those `cancellable` in
/// their `field`), `FALSE` keeps all.
pub fn active_filter(
    values: &[String],
    field: &'static str,
    cancellable: fn(Option<&str>) -> Option<String>,
) -> Option<Keep> {
    let active = values
        .first()
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    active.then(|| -> Keep {
        Box::new(move |job: &Value| cancellable(job.get(field).and_then(Value::as_str)).is_none())
    })
}

/// Starts the clock of a job just created.
pub fn start(ctx: &Ctx<'_>, id: &str) {
    lock(&ctx.state.clocks).insert(id.to_owned(), Instant::now());
}

/// Stops a job's clock (cancelled: it stays where it is).
pub fn stop(ctx: &Ctx<'_>, id: &str) {
    lock(&ctx.state.clocks).remove(id);
}

/// Moves the jobs of `key` with a running clock along PENDING → RUNNING → `done` in their `field`;
/// `moved(job, id, from)` is told of each step after the status is written.
pub fn advance(
    store: &mut Store,
    ctx: &Ctx<'_>,
    key: &'static str,
    field: &str,
    done: &str,
    mut moved: impl FnMut(&mut Value, &str, &str),
) {
    let clocks = lock(&ctx.state.clocks);
    let step = u128::from(ctx.state.config.job_step_ms.max(1));
    let jobs = store.collection_mut(key);
    for (id, started) in clocks.iter() {
        let Some(job) = jobs.get_mut(id).map(|s| &mut s.value) else {
            continue;
        };
        let current = job
            .get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if !matches!(current.as_str(), "PENDING" | "RUNNING") {
            continue;
        }
        let target = match started.elapsed().as_millis() / step {
            0 => "PENDING",
            1 => "RUNNING",
            _ => done,
        };
        if target != current {
            job[field] = json!(target);
            moved(job, id, &current);
        }
    }
}
