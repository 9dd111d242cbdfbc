//! Throughput of the pipeline, on generated councils (`regard::generate`):
//! - `parse`: the parser alone, in bytes a second on one core;
//! - `check`: a whole check (standard library included) of 153, 1,000 and 10,000
//!   councils, on all cores, as `regard check` does it;
//! - `single_council`: one council of 1,000, 10,000 and 100,000 posts, to show the
//!   growth is linear;
//! - `incremental`: re-checking every council after an edit to one, in a database that
//!   holds 1,000 checked councils.
//!
//! `cargo bench --bench check`; docs/performance.md has the numbers. The process as a
//! whole (wall time, peak memory) is measured by `benches/process.rs`.

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use regard::db::Contents;
use regard::generate::{self, Config, Problem};
use regard::{Input, Options, Session};

fn main() {
    divan::main();
}

fn options() -> Options {
    Options {
        as_of: "2025-06-01".parse().unwrap(),
        stdlib: true,
        as_of_given: false,
    }
}

/// `n` councils of the size of a real one (about 4 KB of source each).
fn councils(n: usize) -> Vec<Input> {
    generate::councils(Config::national(n, 7))
        .into_iter()
        .map(|g| Input::text(g.path, g.text))
        .collect()
}

/// 200 councils, split into the well-formed ones and those with a syntax error.
fn texts() -> (Vec<String>, Vec<String>) {
    generate::councils(Config::national(400, 3))
        .into_iter()
        .partition::<Vec<_>, _>(|g| !g.problems.contains(&Problem::SyntaxError))
        .map_pair(|g| g.text)
}

trait MapPair<T> {
    fn map_pair<U>(self, f: impl Fn(T) -> U) -> (Vec<U>, Vec<U>);
}

impl<T> MapPair<T> for (Vec<T>, Vec<T>) {
    fn map_pair<U>(self, f: impl Fn(T) -> U) -> (Vec<U>, Vec<U>) {
        (
            self.0.into_iter().map(&f).collect(),
            self.1.into_iter().map(&f).collect(),
        )
    }
}

fn parse_all(bencher: Bencher, texts: &[String]) {
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for text in texts {
            black_box(regard::syntax::parse(text));
        }
    });
}

/// Well-formed councils: the fast path.
#[divan::bench(sample_count = 30)]
fn parse(bencher: Bencher) {
    parse_all(bencher, &texts().0);
}

/// Councils with a syntax error: the grammar, and its error messages.
#[divan::bench(sample_count = 30)]
fn parse_with_errors(bencher: Bencher) {
    parse_all(bencher, &texts().1);
}

#[divan::bench(args = [153, 1000, 10000], sample_count = 5, sample_size = 1)]
fn check(bencher: Bencher, n: usize) {
    let inputs = councils(n);
    bencher
        .counter(ItemsCount::new(n))
        .with_inputs(|| inputs.clone())
        .bench_values(|inputs| {
            let mut session = Session::new(inputs, options());
            let diagnostics = session.diagnostics();
            // As the command line, the session is dropped outside the timing.
            (session, diagnostics)
        });
}

#[divan::bench(args = [1000, 10000, 100000], sample_count = 5, sample_size = 1)]
fn single_council(bencher: Bencher, posts: usize) {
    let mut config = Config::national(1, 11);
    config.extra_posts = posts;
    let text = generate::councils(config).remove(0).text;
    bencher
        .counter(ItemsCount::new(posts))
        .with_inputs(|| vec![Input::text("big.regard", text.clone())])
        .bench_values(|inputs| {
            let mut session = Session::new(inputs, options());
            let diagnostics = session.diagnostics();
            (session, diagnostics)
        });
}

#[divan::bench(sample_count = 50)]
fn incremental(bencher: Bencher) {
    let inputs = councils(1000);
    let edited = inputs[500].contents.text().to_string();
    let broken = edited.replacen("reports_to chief_executive", "reports_to deputy_chief_executive", 1);
    assert_ne!(edited, broken);
    let mut session = Session::new(inputs, options());
    black_box(session.diagnostics());
    let file = session.user_files()[500];
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let text = if flip { &broken } else { &edited };
        session.set_contents(file, Contents::Text(text.clone()));
        session.diagnostics()
    });
}
