//! Work spread over the machine's cores, for the steps of an export that consist of
//! independent pieces (setting paragraphs, subsetting fonts, drawing pages).

/// How many threads the work is spread over: one per core. Asked once per process: the
/// answer comes from the cgroup's files (a dozen system calls), and an export asks for
/// every step it spreads.
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// `f` of each of `items`, in their order, computed on up to [`threads`] threads, the
/// calling thread among them. Each thread takes the next small chunk of items not yet
/// taken until none is left, so that a thread that gets no core for a while (another
/// program is busy) holds up at most the chunk it took: the others take the rest. Work
/// of less than `least` in all (`weight` of each item) is done on the calling thread
/// alone: a thread (and the memory its allocations touch first) costs about as much as
/// drawing a short page.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    least: usize,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let threads = if items.iter().map(&weight).sum::<usize>() < least {
        1
    } else {
        threads().min(items.len())
    };
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = chunk(items.len(), threads);
    let next = AtomicUsize::new(0);
    // The items one thread computed, with their places.
    let take = || {
        let mut done = Vec::new();
        loop {
            let from = next.fetch_add(chunk, Ordering::Relaxed);
            let Some(taken) = items.get(from..(from + chunk).min(items.len())) else {
                break;
            };
            if taken.is_empty() {
                break;
            }
            done.extend(
                taken
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (from + i, f(item))),
            );
        }
        done
    };
    let (mine, theirs) = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(take)).collect();
        let mine = take();
        // A helper that failed leaves its items undone: computed again below.
        let theirs: Vec<(usize, R)> = helpers
            .into_iter()
            .filter_map(|helper| helper.join().ok())
            .flatten()
            .collect();
        (mine, theirs)
    });
    let mut slots: Vec<Option<R>> = items.iter().map(|_| None).collect();
    for (i, r) in mine.into_iter().chain(theirs) {
        if let Some(slot) = slots.get_mut(i) {
            *slot = Some(r);
        }
    }
    slots
        .into_iter()
        .zip(items)
        .map(|(r, item)| r.unwrap_or_else(|| f(item)))
        .collect()
}

/// How many items a thread of [`map`] takes at a time: about a sixteenth of each
/// thread's share, so that threads seldom meet at the counter and the last chunk to
/// finish is short.
fn chunk(items: usize, threads: usize) -> usize {
    (items / (threads * 16)).max(1)
}

/// `f` of each of `items`, in their order, computed on a second thread while the
/// calling thread does `meanwhile`, after which the calling thread takes the items not
/// yet started too: two threads in all, however the two pieces of work compare (a
/// short memo's fonts are subset while its pages are drawn). On a single core, all in
/// turn on the calling thread.
pub fn map_meanwhile<T: Sync, R: Send, M>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    meanwhile: impl FnOnce() -> M,
) -> (Vec<R>, M) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Mutex, PoisonError};

    if threads() < 2 || items.is_empty() {
        let done = meanwhile();
        return (items.iter().map(f).collect(), done);
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    // Takes items until none is left.
    let take = |results: &Mutex<Vec<Option<R>>>| loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(i) else {
            break;
        };
        let r = f(item);
        let mut results = results.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(slot) = results.get_mut(i) {
            *slot = Some(r);
        }
    };
    let done = std::thread::scope(|scope| {
        let helper = scope.spawn(|| take(&results));
        let done = meanwhile();
        take(&results);
        // A helper that failed leaves its item undone: computed again below.
        let _ = helper.join();
        done
    });
    let results = results.into_inner().unwrap_or_else(PoisonError::into_inner);
    let out = results
        .into_iter()
        .zip(items)
        .map(|(r, item)| r.unwrap_or_else(|| f(item)))
        .collect();
    (out, done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(&items, 0, |_| 1, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        let alone = map(&items, usize::MAX, |_| 1, |n| n * n);
        assert_eq!(alone, squares);
    }

    #[test]
    fn map_meanwhile_computes_every_item_in_order_and_the_other_work_too() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::{Duration, Instant};

        let items: Vec<u64> = (0..200).collect();
        let calling = std::thread::current().id();
        let helped = AtomicBool::new(false);
        let (squares, drawn) = map_meanwhile(
            &items,
            |n| {
                let id = std::thread::current().id();
                if id != calling {
                    helped.store(true, Ordering::Relaxed);
                }
                (n * n, id)
            },
            || {
                // Busy until the helper has taken an item (however loaded the machine),
                // when there is a second core to run it.
                let deadline = Instant::now() + Duration::from_mins(1);
                while threads() > 1 && !helped.load(Ordering::Relaxed) && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_millis(1));
                }
                "pages"
            },
        );
        assert_eq!(drawn, "pages");
        let values: Vec<u64> = squares.iter().map(|(v, _)| *v).collect();
        assert_eq!(values, items.iter().map(|n| n * n).collect::<Vec<_>>());
        // With a second core, a second thread took items while the calling thread was
        // busy; with one, the calling thread did everything.
        assert_eq!(squares.iter().any(|(_, id)| *id != calling), threads() > 1);
        let (none, done) = map_meanwhile(&[] as &[u64], |n| *n, || 7);
        assert!(none.is_empty());
        assert_eq!(done, 7);
    }

    /// A thread that gets no core for a while holds up only the chunk it took: the
    /// others, the calling thread among them, take every other item rather than wait
    /// for it. (With the items cut into one fixed run per thread, the calling thread
    /// waited for the stalled thread's run.)
    #[test]
    fn a_stalled_thread_holds_up_only_the_chunk_it_took() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::{Mutex, PoisonError};
        use std::time::{Duration, Instant};

        if threads() < 2 {
            return; // One core: no other thread to stall.
        }
        let items: Vec<u64> = (0..400).collect();
        let calling = std::thread::current().id();
        let chunk = chunk(items.len(), threads());
        let computed = AtomicUsize::new(0);
        let stall = AtomicBool::new(false);
        let stalled = Mutex::new(None);
        let results = map(
            &items,
            0,
            |_| 1,
            |n| {
                let id = std::thread::current().id();
                // The first item a helper computes stalls it until every item outside its
                // chunk is done (or a minute has passed: the test then fails rather than
                // hangs).
                // The calling thread's first item waits for a helper to have started, so
                // that one has taken a chunk.
                if id == calling && computed.load(Ordering::Relaxed) == 0 {
                    let deadline = Instant::now() + Duration::from_mins(1);
                    while !stall.load(Ordering::Relaxed) && Instant::now() < deadline {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                if id != calling && !stall.swap(true, Ordering::Relaxed) {
                    *stalled.lock().unwrap_or_else(PoisonError::into_inner) = Some(id);
                    let deadline = Instant::now() + Duration::from_mins(1);
                    while computed.load(Ordering::Relaxed) < items.len() - chunk
                        && Instant::now() < deadline
                    {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                computed.fetch_add(1, Ordering::Relaxed);
                (n * n, id)
            },
        );
        let values: Vec<u64> = results.iter().map(|(v, _)| *v).collect();
        assert_eq!(values, items.iter().map(|n| n * n).collect::<Vec<_>>());
        let stalled = stalled.into_inner().unwrap_or_else(PoisonError::into_inner);
        let by_stalled = results
            .iter()
            .filter(|(_, id)| Some(*id) == stalled)
            .count();
        assert!(
            by_stalled <= chunk,
            "the stalled thread computed {by_stalled} of {} items (a chunk is {chunk})",
            items.len()
        );
    }
}
