//! Work spread over the machine's cores with results in input order, so that what
//! regard prints never depends on how many threads there were. Reading files and
//! checking them (each thread with its own handle on the salsa database) both go
//! through [`map`].

use std::sync::atomic::{AtomicUsize, Ordering};

/// The stack of each worker: room for the parser's deepest input
/// ([`crate::syntax::STACK_RED_ZONE`]) above the queries' own frames.
const WORKER_STACK: usize = 16 << 20;

/// `f` on every item, on up to one thread a core (fewer when there are fewer than
/// `per_thread` items for each), and the results in the order of `items`. Each thread
/// gets its own `state()`, made on the calling thread; threads take items one at a time,
/// so one slow item does not hold up a whole share of the work. If no thread can be
/// started, the work is done on the calling thread.
pub fn map<T: Sync, S: Send, U: Send>(
    items: &[T],
    per_thread: usize,
    state: impl Fn() -> S,
    f: impl Fn(&S, &T) -> U + Sync,
) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len() / per_thread.max(1) + 1);
    if threads <= 1 {
        let state = state();
        return items.iter().map(|item| f(&state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, U)> = std::thread::scope(|scope| {
        let workers = (0..threads)
            .map(|_| {
                let (state, next, f) = (state(), &next, &f);
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            done.push((i, f(&state, item)));
                        }
                        done
                    })
            })
            .collect::<Result<Vec<_>, _>>();
        let Ok(workers) = workers else {
            // A thread could not be started: do the work here.
            let state = state();
            return items.iter().enumerate().map(|(i, item)| (i, f(&state, item))).collect();
        };
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, u)| u).collect()
}
