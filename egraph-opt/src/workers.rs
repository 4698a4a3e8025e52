//! Saturations on worker threads. Saturation and extraction are plain Rust
//! over an e-graph (no MLIR), so they can run beside the thread that owns
//! the IR: that thread lifts blocks, submits them, and takes the results
//! back by index in whatever order it chooses to write them back.
//!
//! A job's result depends only on the job (its e-graph, roots, rules and
//! limits), never on which thread ran it or when: the number of threads
//! changes the time a module takes, not its output (time limits aside,
//! which are not deterministic in any case).

use std::collections::HashMap;
use std::sync::{mpsc, Arc, Mutex};
use std::thread::Scope;

use egg::Id;

use crate::analysis::JaxrEGraph;
use crate::rules::RuleConfig;
use crate::saturate::{saturate, Limits, Outcome};

/// One saturation to run.
pub struct Job {
    /// The caller's key for the result.
    pub index: usize,
    /// The lifted e-graph.
    pub egraph: JaxrEGraph,
    /// The classes extraction starts from.
    pub roots: Vec<Id>,
    /// The saturation's limits.
    pub limits: Limits,
}

type Finished = (usize, Result<Outcome, String>);

/// Worker threads saturating submitted jobs; results are taken by index.
pub struct Saturator {
    /// Dropping it (with the saturator) closes the queue: the workers end
    /// once it is empty.
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<Finished>,
    done: HashMap<usize, Result<Outcome, String>>,
}

impl Saturator {
    /// Starts `threads` workers in `scope` (they end when the saturator is
    /// dropped, after the jobs already submitted).
    pub fn start<'scope>(
        scope: &'scope Scope<'scope, '_>,
        threads: usize,
        rules: &'scope RuleConfig,
    ) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let (finished, results) = mpsc::channel::<Finished>();
        for _ in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            let finished = finished.clone();
            scope.spawn(move || loop {
                // The lock is held only to take a job, not to run it.
                let next = queue.lock().map_err(|_| ()).and_then(|q| q.recv().map_err(|_| ()));
                let Ok(job) = next else { return };
                let Job { index, egraph, roots, limits } = job;
                // A panic in one saturation becomes that job's error, so the
                // thread waiting for it is told rather than left waiting.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    saturate(egraph, &roots, rules, limits)
                }))
                .map_err(|payload| panic_message(payload.as_ref()));
                if finished.send((index, outcome)).is_err() {
                    return;
                }
            });
        }
        Saturator { jobs, results, done: HashMap::new() }
    }

    /// Queues a job.
    pub fn submit(&self, job: Job) {
        // Workers only stop once `jobs` is dropped, so this cannot fail; a
        // job lost anyway is reported by `take`.
        let _ = self.jobs.send(job);
    }

    /// The outcome of the job submitted as `index`, waiting for it if need be.
    pub fn take(&mut self, index: usize) -> Result<Outcome, String> {
        loop {
            if let Some(outcome) = self.done.remove(&index) {
                return outcome;
            }
            match self.results.recv() {
                Ok((i, outcome)) => {
                    self.done.insert(i, outcome);
                }
                Err(_) => return Err(format!("jaxr-simplify: no worker is left to saturate job {index}")),
            }
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("jaxr-simplify: saturation failed: {text}")
}
