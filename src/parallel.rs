//! Work spread over the machine's cores, for the steps of an export that consist of
//! independent pieces (setting paragraphs, subsetting fonts, drawing pages).

/// How many threads the work is spread over: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `f` of each of `items`, in their order, computed on up to [`threads`] threads: the
/// items are cut into contiguous runs of about the same total `weight`, and the calling
/// thread computes the first run meanwhile. Work of less than `least` in all is done on
/// the calling thread alone: a thread (and the memory its allocations touch first) costs
/// about as much as drawing a short page.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    least: usize,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = if items.iter().map(&weight).sum::<usize>() < least {
        1
    } else {
        threads()
    };
    let runs = runs(items, &weight, threads);
    let mut runs = runs.into_iter();
    let Some(first) = runs.next() else {
        return Vec::new();
    };
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .map(|run| {
                (
                    run,
                    scope.spawn(move || run.iter().map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        let mut out: Vec<R> = first.iter().map(f).collect();
        out.reserve(items.len().saturating_sub(out.len()));
        for (run, handle) in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                // A thread that failed has its run computed again here.
                Err(_) => out.extend(run.iter().map(f)),
            }
        }
        out
    })
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

/// `items` cut into at most `n` contiguous runs of about the same total weight.
fn runs<'a, T>(items: &'a [T], weight: &impl Fn(&T) -> usize, n: usize) -> Vec<&'a [T]> {
    let total: usize = items.iter().map(weight).sum();
    let share = total.div_ceil(n.max(1)).max(1);
    let mut runs = Vec::with_capacity(n);
    let mut start = 0;
    let mut filled = 0;
    for (i, item) in items.iter().enumerate() {
        filled += weight(item);
        if filled >= share && runs.len() + 1 < n {
            runs.extend(items.get(start..=i));
            start = i + 1;
            filled = 0;
        }
    }
    runs.extend(items.get(start..).filter(|rest| !rest.is_empty()));
    runs
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

    #[test]
    fn runs_cover_every_item_once_and_balance_the_weight() {
        let items: Vec<usize> = vec![5, 1, 1, 1, 1, 1, 5, 1];
        let two = runs(&items, &|&w| w, 2);
        assert_eq!(two.concat(), items);
        assert_eq!(two, [&items[..4], &items[4..]]);
        assert_eq!(runs(&items, &|&w| w, 1), [&items[..]]);
        assert!(runs(&Vec::<usize>::new(), &|&w| w, 4).is_empty());
        // More threads than items: one run per item at most.
        assert_eq!(runs(&[1, 1], &|&w| w, 8).len(), 2);
    }
}
