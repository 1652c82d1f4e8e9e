//! How the cost of the commands' own work grows with a spec, measured without a clock: the number of
//! heap allocations, which this test binary counts with its own allocator. A step that copies a
//! string per item, or repeats work per item that could be done once, shows as a count that grows
//! with the items times something; the limits below would fail at once if such a step came back.
//! The allocator also keeps the bytes held and their peak, for output that must be streamed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;
use std::path::Path;

use hjemmel::diff::{Compared, Side, flows};
use hjemmel::i18n::Lang;
use hjemmel::source::SourceMap;

/// The system allocator, counting the allocations of the thread that asks (tests run in threads of
/// their own, so one test's count is not another's).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    /// Bytes allocated and not yet freed by this thread (memory freed by another thread is
    /// counted where it is freed), and the most that were held since [`peak_held`] began.
    static HELD: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

fn hold(bytes: i64) {
    let _ = HELD.try_with(|held| {
        held.set(held.get() + bytes);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(held.get())));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        hold(layout.size() as i64);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        hold(-(layout.size() as i64));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        hold(new_size as i64 - layout.size() as i64);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The allocations `work` makes on this thread, and its result.
fn allocations<T>(work: impl FnOnce() -> T) -> (u64, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = work();
    (ALLOCATIONS.with(Cell::get) - before, result)
}

/// The most bytes `work` held on this thread at any one time beyond what was held before it, and
/// its result.
fn peak_held<T>(work: impl FnOnce() -> T) -> (u64, T) {
    let before = HELD.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let result = work();
    (PEAK.with(Cell::get).saturating_sub(before) as u64, result)
}

/// A spec whose one activity hands `categories` data categories to a processor and its
/// sub-processor: `2 * categories` (category → party) pairs for `hjemmel diff` to compare.
fn spec_with_categories(categories: usize) -> String {
    let mut spec = String::from(
        "controller c \"C\" {\n  public authority\n  address \"A\"\n  contact \"c@c.dk\"\n  dpo { email \"d@c.dk\" }\n}\n\
         subjects s \"S\" employees\n\
         processor p \"P\" {\n  agreement \"DPA\"\n  country DK\n  subprocessor q \"Q\" {\n    agreement \"Sub-DPA\"\n    authorised \"Annex B\"\n    country DE\n  }\n}\n",
    );
    for i in 0..categories {
        let _ = writeln!(spec, "data category_{i} \"Category {i}\" ordinary");
    }
    let names: Vec<String> = (0..categories).map(|i| format!("category_{i}")).collect();
    let _ = write!(
        spec,
        "activity a \"A\" {{\n  purpose \"P\"\n  subjects s\n  data {}\n  basis gdpr 6(1)(e)\n  via p\n  retain all for 1 year\n}}\n",
        names.join(", ")
    );
    spec
}

/// A spec of `activities` activities, each handing two of `activities / 2` data categories to one of
/// `activities / 10` processors, which hands them on to its sub-processor: some four (category →
/// party) pairs per activity, as in the synth specs. The processors and categories are named after
/// `tag`, so two versions with different tags share no flow, and all their activities.
fn spec_with_activities(activities: usize, tag: &str) -> String {
    let mut spec = String::from(
        "controller c \"C\" {\n  public authority\n  address \"A\"\n  contact \"c@c.dk\"\n  dpo { email \"d@c.dk\" }\n}\n\
         subjects s \"S\" employees\n",
    );
    let (processors, categories) = (activities / 10, activities / 2);
    for p in 0..processors {
        let _ = writeln!(
            spec,
            "processor {tag}_p{p} \"P\" {{\n  agreement \"DPA\"\n  country DK\n  subprocessor {tag}_q{p} \"Q\" {{\n    agreement \"Sub-DPA\"\n    authorised \"Annex B\"\n    country US\n    transfer scc\n    tia \"TIA\"\n  }}\n}}"
        );
    }
    for d in 0..categories {
        let _ = writeln!(spec, "data {tag}_d{d} \"D\" ordinary");
    }
    for a in 0..activities {
        let _ = writeln!(
            spec,
            "activity a{a} \"A\" {{\n  purpose \"P\"\n  subjects s\n  data {tag}_d{}, {tag}_d{}\n  basis gdpr 6(1)(e)\n  via {tag}_p{}\n  retain all for 1 year\n}}",
            a / 2,
            (a * 7 + 1) % categories,
            a / 10
        );
    }
    spec
}

/// A spec of `processors` processors named after `tag`, each with a sub-processor and one activity
/// that hands it all of `categories` data categories: `2 * processors * categories` (category →
/// party) pairs from few declarations. Two versions with different tags share no flow.
fn spec_with_parties(processors: usize, categories: usize, tag: &str) -> String {
    let mut spec = spec_with_categories(categories);
    // Only the controller, subjects and categories of that spec are kept.
    spec.truncate(spec.find("processor p").unwrap());
    for i in 0..categories {
        let _ = writeln!(spec, "data category_{i} \"Category {i}\" ordinary");
    }
    let names: Vec<String> = (0..categories).map(|i| format!("category_{i}")).collect();
    for p in 0..processors {
        let _ = writeln!(
            spec,
            "processor {tag}_p{p} \"P\" {{\n  agreement \"DPA\"\n  country DK\n  subprocessor {tag}_q{p} \"Q\" {{\n    agreement \"Sub-DPA\"\n    authorised \"Annex B\"\n    country DE\n  }}\n}}\n\
             activity a{p} \"A\" {{\n  purpose \"P\"\n  subjects s\n  data {}\n  basis gdpr 6(1)(e)\n  via {tag}_p{p}\n  retain all for 1 year\n}}",
            names.join(", ")
        );
    }
    spec
}

fn checked(dir: &Path, text: &str) -> (SourceMap, hjemmel::Checked) {
    let file = dir.join("spec.hjemmel");
    std::fs::write(&file, text).unwrap();
    let outcome = hjemmel::check_spec(&file, Lang::En);
    let checked = outcome.result.unwrap_or_else(|errors| {
        panic!("the generated spec is valid: {errors:?}");
    });
    (outcome.sources, checked)
}

/// Two versions of a spec, checked: the old one and the new one, written beside each other in `dir`.
fn two_versions(
    dir: &Path,
    old_text: &str,
    new_text: &str,
) -> (hjemmel::Outcome, hjemmel::Outcome) {
    let outcome = |name: &str, text: &str| {
        let file = dir.join(name);
        std::fs::write(&file, text).unwrap();
        hjemmel::check_spec(&file, Lang::En)
    };
    (
        outcome("old.hjemmel", old_text),
        outcome("new.hjemmel", new_text),
    )
}

/// A checked version as `diff` compares it.
fn side(outcome: &hjemmel::Outcome) -> Side<'_> {
    Side {
        sources: &outcome.sources,
        checked: outcome
            .result
            .as_ref()
            .expect("the generated spec is valid"),
    }
}

/// The two versions of [`two_versions`] as the user names them.
const COMPARED: Compared<'static> = Compared {
    old_path: "old.hjemmel",
    revision: None,
    new_path: "new.hjemmel",
};

/// `diff` compares every (data category → party) pair of both versions. Each pair once copied its
/// names (four strings and the chain of processors), which for two specs of 100,000 activities was
/// over a gigabyte (some eight allocations per pair); it now borrows them from the model. What is
/// left per pair is the place of the party (a country code) in key and value, and the chain of a
/// sub-processor.
#[test]
fn diff_flow_pairs_do_not_copy_names() {
    let dir = tempfile::tempdir().unwrap();
    let (sources, checked) = checked(dir.path(), &spec_with_categories(2000));
    let side = Side {
        sources: &sources,
        checked: &checked,
    };
    let (count, pairs) = allocations(|| flows::FlowTable::of(side));
    assert_eq!(pairs.len(), 4000, "2,000 categories reach two parties");
    assert!(
        count < 3 * pairs.len() as u64,
        "{count} allocations for {} pairs: a copy per pair came back",
        pairs.len()
    );
}

/// `diff` of two specs of 100,000 activities that differ everywhere took 1.6 GiB, most of it the
/// comparison: every (data category → party) pair, with its names, place and sub-processor chain
/// (about 100 bytes), held four times over (the pairs of each version, then the added and the
/// removed ones), and the facts of every activity of both versions in maps. Pairs are now ranks (8
/// bytes) into each version's parties and categories, and an activity's facts are made when it is
/// compared with its namesake, and findings are paired by a key read from their messages, not copied.
/// Two versions of 2,000 activities that share no flow: the comparison holds less than twice the two
/// texts' size (1.5 times; it held 8.6 times before).
#[test]
fn diff_comparison_holds_about_the_size_of_the_specs() {
    let dir = tempfile::tempdir().unwrap();
    let (old_text, new_text) = (
        spec_with_activities(2000, "old"),
        spec_with_activities(2000, "new"),
    );
    let (old, new) = two_versions(dir.path(), &old_text, &new_text);
    let (peak, result) =
        peak_held(|| hjemmel::diff::compare(COMPARED, Some(side(&old)), side(&new)));
    let flows = result.flows.added().len() + result.flows.removed().len();
    assert!(flows > 10_000, "{flows} flows: the test needs many");
    let texts = (old_text.len() + new_text.len()) as u64;
    assert!(
        peak < 2 * texts,
        "{peak} bytes held at most to compare two specs of {texts} bytes with {flows} flows changed"
    );
}

/// `diff --format human` and `--format markdown` of two large specs that differ everywhere are
/// hundreds of megabytes; they are written as they are made, and were once built whole in memory
/// (the human one twice, escaped for the terminal as a whole). Here two specs whose 2,000 data
/// categories all differ: while writing, no more than a few rows' worth may be held, a small part
/// of the document.
#[test]
fn diff_documents_are_written_without_being_held_whole() {
    let dir = tempfile::tempdir().unwrap();
    let old_text = spec_with_categories(2000);
    let new_text = old_text.replace("category_", "kategori_");
    let (old, new) = two_versions(dir.path(), &old_text, &new_text);
    let result = hjemmel::diff::compare(COMPARED, Some(side(&old)), side(&new));
    assert_eq!(result.flows.added().len(), 4000, "every flow is new");

    type Writer =
        fn(&hjemmel::diff::Diff<'_>, Lang, &mut dyn std::io::Write) -> std::io::Result<()>;
    let formats: [(&str, Writer); 2] = [
        ("human", hjemmel::diff::human::write_to),
        ("markdown", hjemmel::diff::markdown::write_to),
    ];
    for (format, write_to) in formats {
        let mut document = CountingSink::default();
        let (peak, written) = peak_held(|| write_to(&result, Lang::En, &mut document));
        written.unwrap();
        assert!(
            document.0 > 500_000,
            "{format}: {} bytes; the test needs a large document",
            document.0
        );
        assert!(
            peak < document.0 / 50,
            "{format}: {peak} bytes held at most while writing {} bytes: the document is held whole",
            document.0
        );
    }
}

/// `diff --format json` of two specs that differ everywhere is millions of lines; its flows were once
/// gathered whole (a copy of every pair's fields) before the first was written. Here two specs
/// whose 20,000 flows all differ (an 11 MB document): while writing, a small part of the document
/// is held. The writer gathers up to 64 KiB before handing it on (src/json_writer.rs), so the
/// document must be some megabytes for a fiftieth of it to tell that from holding it whole.
#[test]
fn diff_json_is_written_without_being_held_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (old_text, new_text) = (
        spec_with_parties(50, 200, "old"),
        spec_with_parties(50, 200, "new"),
    );
    let (old, new) = two_versions(dir.path(), &old_text, &new_text);
    let result = hjemmel::diff::compare(COMPARED, Some(side(&old)), side(&new));
    let mut document = CountingSink::default();
    let (peak, written) =
        peak_held(|| hjemmel::diff::json::write_to(&result, Lang::En, &mut document));
    written.unwrap();
    assert!(
        document.0 > 8_000_000,
        "{} bytes; the test needs a large document",
        document.0
    );
    assert!(
        peak < document.0 / 50,
        "{peak} bytes held at most while writing {} bytes: the flows are held whole",
        document.0
    );
}

/// Counts the bytes written to it and keeps none.
#[derive(Default)]
struct CountingSink(u64);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The transfers fixture of tests/ropa.rs (every field of the record filled, data sent to India and
/// the US) with its one activity repeated `activities` times.
fn ropa_spec_with_activities(activities: usize) -> String {
    let fixture = std::fs::read_to_string("tests/fixtures/ropa/transfers.hjemmel").unwrap();
    let start = fixture.find("activity school_platform").unwrap();
    let length = fixture[start..].find("\n}\n").unwrap() + 3;
    let activity = &fixture[start..start + length];
    let mut spec = fixture.replace(activity, "");
    for i in 0..activities {
        spec.push_str(&activity.replace(
            "school_platform \"Skoleplatform\"",
            &format!("a{i} \"A {i}\""),
        ));
    }
    spec
}

/// A spec of `activities` activities, each with two of ten data categories, one source and a
/// processor (one per ten activities) that has a sub-processor: a picture with about `1.2 *
/// activities` nodes and `2.2 * activities` edges.
fn graph_spec_with_activities(activities: usize) -> String {
    let mut spec = String::from(
        "controller c \"C\" {\n  public authority\n  address \"A\"\n  contact \"c@c.dk\"\n  dpo { email \"d@c.dk\" }\n}\n\
         subjects s \"S\" employees\n\
         source src \"The systems\" system_log\n",
    );
    for i in 0..10 {
        let _ = writeln!(spec, "data category_{i} \"Category {i}\" ordinary");
    }
    for p in 0..activities.div_ceil(10) {
        let _ = writeln!(
            spec,
            "processor p{p} \"Processor {p}\" {{\n  agreement \"DPA\"\n  country DK\n  subprocessor q{p} \"Sub-processor {p}\" {{\n    agreement \"Sub-DPA\"\n    authorised \"Annex B\"\n    country DE\n  }}\n}}"
        );
    }
    for i in 0..activities {
        let _ = writeln!(
            spec,
            "activity a{i} \"Activity number {i} of the spec\" {{\n  purpose \"P\"\n  subjects s\n  data category_{}, category_{}\n  sources src\n  basis gdpr 6(1)(e)\n  via p{}\n  retain all for 1 year\n}}",
            i % 10,
            (i + 3) % 10,
            i / 10
        );
    }
    spec
}

/// `hjemmel ropa` writes the record of 100,000 activities (160 MB of Markdown, 280 MB of JSON) as it
/// makes it, one activity's entry at a time; the whole record and the whole document were once held
/// in memory, some 900 MB. Here 1,000 activities: while writing, what is held may grow with the spec's
/// shared parts (its categories, parties and transfers, worded once), not with the document.
#[test]
fn ropa_documents_are_written_without_being_held_whole() {
    use hjemmel::ropa::{Activities, ControllerRecord, csv, json, markdown};
    let dir = tempfile::tempdir().unwrap();
    let (_sources, checked) = checked(dir.path(), &ropa_spec_with_activities(1000));
    let (model, flow) = (&checked.model, &checked.flow);
    for format in ["md", "csv", "json"] {
        for lang in [Lang::En, Lang::Da] {
            let mut document = CountingSink::default();
            let (peak, written) = peak_held(|| {
                let controller = ControllerRecord::of(model);
                let activities = Activities::new(model, flow, lang);
                match format {
                    "md" => markdown::write(lang, &controller, activities, &mut document),
                    "csv" => csv::write(lang, &controller, activities, &mut document),
                    _ => json::write(lang, &controller, activities, &mut document),
                }
            });
            written.unwrap();
            assert!(
                document.0 > 1_000_000,
                "{format}: {} bytes; the test needs a large document",
                document.0
            );
            assert!(
                peak < document.0 / 20,
                "{format} ({lang:?}): {peak} bytes held at most while writing {} bytes: the record \
                 or the document is held whole",
                document.0
            );
        }
    }
}

/// `hjemmel notice` writes the notice as it builds it, one activity's part at a time; the whole notice
/// was once built as a document of owned sentences and then written into one string, 1.2 GiB at
/// 100,000 activities. Here the notice of 1,000 and of 2,000 activities (every audience, and a draft
/// with its gaps): what is held while writing may grow by a number per activity (which part it
/// stands in, which set of rights it has: some 120 bytes), not by its sentences (1,300 to 2,100
/// bytes). Held whole, the notice took some three times its own size. What a notice of ten
/// activities holds is taken off first: a constant (the writers' cache of texts written again, a
/// fixed table of some 200 KB) is not the notice held.
#[test]
fn notices_are_written_without_being_held_whole() {
    use hjemmel::notice::{audience, build, gaps, html, markdown};
    let dir = tempfile::tempdir().unwrap();
    // Format, language and bytes held at ten activities: what does not grow with the notice.
    let mut constant: Vec<(&str, Lang, u64)> = Vec::new();
    // Format, language, bytes held and written at 1,000 activities.
    let mut smaller: Vec<(&str, Lang, u64, u64)> = Vec::new();
    for activities in [10, 1000, 2000] {
        let (_sources, checked) = checked(dir.path(), &ropa_spec_with_activities(activities));
        let model = &checked.model;
        let draft_gaps = gaps::gaps(model);
        for format in ["md", "html"] {
            for (lang, gaps) in [(Lang::En, &[][..]), (Lang::Da, &draft_gaps[..])] {
                let audiences = audience::choose(model, None, lang).unwrap();
                let mut document = CountingSink::default();
                let (peak, written) = peak_held(|| {
                    if format == "md" {
                        let mut writer = markdown::Writer::new(&mut document);
                        build::write(model, &audiences, gaps, lang, &mut writer);
                        writer.finish()
                    } else {
                        let mut writer = html::Writer::new(&mut document);
                        build::write(model, &audiences, gaps, lang, &mut writer);
                        writer.finish()
                    }
                });
                written.unwrap();
                if activities == 10 {
                    constant.push((format, lang, peak));
                    continue;
                }
                assert!(
                    document.0 > 1_000_000,
                    "{format}: {} bytes; the test needs a large document",
                    document.0
                );
                let (.., held_anyway) = constant
                    .iter()
                    .find(|(f, l, _)| *f == format && *l == lang)
                    .expect("the notice of ten activities comes first");
                assert!(
                    peak.saturating_sub(*held_anyway) < document.0 / 4,
                    "{format} ({lang:?}, {activities} activities): {peak} bytes held at most \
                     ({held_anyway} at ten activities) while writing {} bytes: the notice is held \
                     whole",
                    document.0
                );
                match smaller.iter().find(|(f, l, ..)| *f == format && *l == lang) {
                    None => smaller.push((format, lang, peak, document.0)),
                    Some(&(_, _, peak_before, written_before)) => assert!(
                        peak.saturating_sub(peak_before) < (document.0 - written_before) / 10,
                        "{format} ({lang:?}): {peak_before} → {peak} bytes held while writing \
                         {written_before} → {} bytes: what is held grows with the sentences",
                        document.0
                    ),
                }
            }
        }
    }
}

/// What the record of an activity costs to write, in allocations: the entries many activities share
/// (data categories, processors, transfers, citations, retention periods) are worded once and
/// handed out as pointers or copies of their words; only what is the activity's own is made anew.
/// Each activity of the transfers fixture (3 categories, 5 bases, 3 processors, 2 transfers, 2
/// deadlines) takes 82 allocations in Markdown and CSV (its entry, then its fields' lines) and 39
/// in JSON (its entry); wording a shared entry again for each activity costs several more per entry.
#[test]
fn ropa_words_shared_entries_once() {
    use hjemmel::ropa::{Activities, ControllerRecord, csv, json, markdown};
    let dir = tempfile::tempdir().unwrap();
    let (_sources, checked) = checked(dir.path(), &ropa_spec_with_activities(1000));
    let (model, flow) = (&checked.model, &checked.flow);
    for format in ["md", "csv", "json"] {
        let (count, written) = allocations(|| {
            let lang = Lang::En;
            let controller = ControllerRecord::of(model);
            let activities = Activities::new(model, flow, lang);
            let mut document = CountingSink::default();
            match format {
                "md" => markdown::write(lang, &controller, activities, &mut document),
                "csv" => csv::write(lang, &controller, activities, &mut document),
                _ => json::write(lang, &controller, activities, &mut document),
            }
        });
        written.unwrap();
        let limit = if format == "json" { 45 } else { 90 };
        assert!(
            count / 1000 <= limit,
            "{format}: {} allocations per activity (at most {limit}): a shared entry is worded for \
             each activity again",
            count / 1000
        );
    }
}
/// `hjemmel graph` writes its picture as it draws it: the SVG of a spec of 100,000 activities is
/// hundreds of megabytes, and was once built whole in memory (and every coordinate formatted with
/// `format!`). Here, for each format, what is held while writing is a small part of the document,
/// and the allocations per activity stay the same when the spec doubles (each label is escaped into
/// the document, not copied into a string of its own).
#[test]
fn graph_pictures_are_written_without_being_held_whole() {
    use hjemmel::flow::render::{FlowView, RenderOptions, dot, mermaid, svg};
    type Writer = fn(
        &hjemmel::semantic::model::Model,
        &hjemmel::flow::FlowGraph,
        &RenderOptions,
        &mut dyn std::io::Write,
    ) -> std::io::Result<()>;
    // The share of the document that may be held besides the view: for the SVG, whose layout holds
    // a place and a route per node and edge, up to the size of the document, but not the document
    // as well.
    let formats: [(&str, Writer, u64); 3] = [
        ("dot", dot::write_to, 4),
        ("mermaid", mermaid::write_to, 4),
        ("svg", svg::write_to, 1),
    ];
    let dir = tempfile::tempdir().unwrap();
    let specs: Vec<(usize, SourceMap, hjemmel::Checked)> = [1000, 2000]
        .into_iter()
        .map(|activities| {
            let at = dir.path().join(activities.to_string());
            std::fs::create_dir(&at).unwrap();
            let (sources, checked) = checked(&at, &graph_spec_with_activities(activities));
            (activities, sources, checked)
        })
        .collect();
    for (format, write_to, held_share) in formats {
        let mut per_activity = Vec::new();
        for (activities, _, checked) in &specs {
            let mut document = CountingSink::default();
            let options = RenderOptions::default();
            // What every format holds anyway: the view of the graph it draws.
            let (view, _) = peak_held(|| FlowView::new(&checked.model, &checked.flow, &options));
            let (count, (peak, written)) = allocations(|| {
                peak_held(|| write_to(&checked.model, &checked.flow, &options, &mut document))
            });
            written.unwrap();
            let drawing = peak.saturating_sub(view);
            eprintln!(
                "{format} {activities}: {} bytes, {view} held by the view, {drawing} more held while drawing, {count} allocations",
                document.0
            );
            assert!(
                drawing < document.0 / held_share,
                "{format}: {drawing} bytes held at most while writing {} bytes, besides the view: the document is held whole",
                document.0
            );
            per_activity.push(count as f64 / *activities as f64);
        }
        assert!(
            per_activity[1] < per_activity[0] * 1.1,
            "{format}: {per_activity:?} allocations per activity at 1,000 and 2,000 activities: \
             something is done per activity that grows with the spec"
        );
    }
}

/// A spec of `activities` activities in a chain, each taking data from the next one declared.
fn spec_with_a_chain(activities: usize) -> String {
    let mut spec = String::from(
        "controller c \"C\" {\n  public authority\n  address \"A\"\n  contact \"c@c.dk\"\n  dpo { email \"d@c.dk\" }\n}\n\
         subjects s \"S\" employees\n\
         source src \"The systems\" system_log\n\
         data category \"Category\" ordinary\n",
    );
    for i in 0..activities {
        let next = if i + 1 < activities {
            format!(", a{}", i + 1)
        } else {
            String::new()
        };
        let _ = writeln!(
            spec,
            "activity a{i} \"Activity {i}\" {{\n  purpose \"P\"\n  subjects s\n  data category\n  sources src{next}\n  basis gdpr 6(1)(e)\n  retain all for 1 year\n}}"
        );
    }
    spec
}

/// A spec of `activities` activities that share a source and a processor (with a sub-processor),
/// each with its own recipient: its HTML report has a record table, a row of the printed flow
/// and a few findings per activity.
fn report_spec_with_activities(activities: usize) -> String {
    let mut spec = String::from(
        "controller k \"Kommune\" {\n  public authority\n  address \"Torvet 1\"\n  contact \"post@k.dk\"\n  dpo { email \"dpo@k.dk\" }\n}\n\
         subjects citizens \"Borgere\" citizens\n\
         data name \"Navn\" ordinary\n\
         data health \"Helbred\" special(health)\n\
         source register \"CPR-registret\" register\n\
         processor hosting \"Hosting\" {\n  agreement \"DBA\"\n  country DK\n  subprocessor backup \"Backup\" {\n    agreement \"DBA\"\n    authorised \"Bilag B\"\n    country DK\n  }\n}\n",
    );
    for i in 0..activities {
        let _ = write!(
            spec,
            "recipient r_{i} \"Modtager {i} & co.\" authority {{\n  country DK\n}}\n\
             activity a_{i} \"Aktivitet {i} <sag>\" {{\n  purpose \"Formål {i}\"\n  subjects citizens\n  data name, health\n  sources register\n  basis gdpr 6(1)(e), gdpr 9(2)(h), law \"Sundhedsloven\"\n  retain all for 5 years\n  via hosting\n  disclose name to r_{i} under gdpr 6(1)(e), law \"Sundhedsloven\"\n}}\n"
        );
    }
    spec
}

/// The SVG gives each activity a column after the activities its data came from, and an edge a
/// waypoint in each column it crosses. A chain of activities, each taking data from the next, once
/// made a column per activity, and the edge from the source to the last crossed all of them: the
/// picture grew with the square of the chain (2,000 activities, 143 MB). The activities now take at
/// most 12 columns, and the picture grows as the chain does.
#[test]
fn a_chain_of_activities_draws_in_linear_size() {
    use hjemmel::flow::render::{RenderOptions, svg};
    let dir = tempfile::tempdir().unwrap();
    let mut sizes = Vec::new();
    for activities in [300, 600] {
        let at = dir.path().join(activities.to_string());
        std::fs::create_dir(&at).unwrap();
        let (_, checked) = checked(&at, &spec_with_a_chain(activities));
        let mut document = CountingSink::default();
        svg::write_to(
            &checked.model,
            &checked.flow,
            &RenderOptions::default(),
            &mut document,
        )
        .unwrap();
        sizes.push(document.0);
    }
    assert!(
        sizes[1] < sizes[0] * 22 / 10,
        "{sizes:?} bytes of SVG for chains of 300 and 600 activities: more than twice for twice the chain"
    );
}

/// `hjemmel report` of 100,000 activities is some 300 MB of HTML, which was once made whole in
/// a string (grown by doubling) before it was written: 1.15 GiB at its peak. It is now written as
/// it is made, and so is the art. 30 record (each activity's entry made as it is written): what it
/// holds at its peak is a little per activity and finding (a quarter of the document's size at 3,000
/// activities), not the document, so the bound is half the document: the same report made in memory
/// (`html::render`, for tests) shows what holding it costs. (The bound once allowed a whole `ropa`
/// record's worth besides; since the record's tables leave out the tags HTML lets them leave out, the
/// document is smaller than that record, and a document held whole passed such a bound.) 3,000
/// activities: above 2,000 boxes the flow's printed summary is left out, and the document of 2,000
/// activities is too small to tell the two apart.
#[test]
fn the_html_report_is_written_without_being_held_whole() {
    use hjemmel::report::html;
    let dir = tempfile::tempdir().unwrap();
    let (sources, checked) = checked(dir.path(), &report_spec_with_activities(3000));
    let options = html::Options::default();
    let mut document = CountingSink::default();
    let (peak, written) =
        peak_held(|| html::render_to(&mut document, "spec.hjemmel", &sources, &checked, &options));
    written.unwrap();
    assert!(
        document.0 > 4_000_000,
        "{} bytes; the test needs a large document",
        document.0
    );
    let bound = document.0 / 2;
    assert!(
        peak < bound,
        "{peak} bytes held at most while writing {} bytes: the document is held whole",
        document.0
    );
    let (whole_peak, whole) =
        peak_held(|| html::render("spec.hjemmel", &sources, &checked, &options));
    assert_eq!(whole.len() as u64, document.0, "the same document");
    assert!(
        whole_peak > bound,
        "held whole, the document ({whole_peak} bytes at the peak) would fail the bound"
    );
}

/// Which declaration a finding is about is found in an index of every declaration, made once per
/// check (`rules::context::Declarations`). It once copied every declaration's name and label (two
/// strings per activity, 200,000 at 100,000 activities) for the few a finding names; it borrows
/// them now, so making it is one list whatever the size of the spec.
#[test]
fn the_index_of_declarations_copies_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let (_sources, checked) = checked(dir.path(), &spec_with_categories(2000));
    let (count, _index) = allocations(|| hjemmel::rules::context::Declarations::of(&checked.model));
    assert!(
        count <= 4,
        "{count} allocations to index 2,000 data categories: a copy per declaration came back"
    );
}

/// `hjemmel import` of one CSV into a new directory makes each row's activity as the writer comes
/// to it: it holds the file and its cells, never the register (a string for every item of every
/// row, at 100,000 rows more than half the import's memory). Written while read, it holds less
/// than reading the register alone does (23.7 MB against 51.2 MB here, though a debug build's
/// writer also keeps its whole text to check the layout); with the register collected again it
/// held 57.6 MB.
#[test]
fn a_csv_is_imported_without_holding_its_register() {
    use hjemmel::import::spreadsheet::{self, Mapping};
    use hjemmel::import::write;
    let mut csv = String::from("Processing activity;Categories of personal data\n");
    for row in 0..20_000 {
        let _ = write!(csv, "Activity {row};");
        for item in 0..20 {
            let _ = write!(csv, "c{item}, ");
        }
        csv.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.csv");
    std::fs::write(&path, &csv).unwrap();
    let mapping = Mapping::default_record();
    let (whole, register) = peak_held(|| spreadsheet::read_csv(&path, &mapping).unwrap());
    assert_eq!(register.activities.len(), 20_000);
    drop(register);
    let (streamed, written) = peak_held(|| {
        spreadsheet::read_csv_into(&path, &mapping, |register, rows| {
            let mut bytes = 0;
            write::write_streaming_from(&register, rows.for_writer(), |piece| {
                bytes += piece.len();
                Ok::<(), std::convert::Infallible>(())
            })
            .map(|_| bytes)
        })
    });
    let written = written.unwrap().unwrap();
    assert!(
        written > csv.len(),
        "{written} bytes written of {}",
        csv.len()
    );
    assert!(
        streamed < whole,
        "{streamed} bytes held at most to import a CSV of {} bytes, {whole} to read its register alone",
        csv.len()
    );
}
