//! Reading spec files (src/source/): a file's text whatever its size, byte-order mark and bad
//! bytes included; only regular files, within the size limit; and a file changed while it is read
//! never crashes hjemmel.

mod support;

use std::path::Path;
use std::process::Output;

use hjemmel::i18n::Lang;
use hjemmel::source::{self, MAX_SPEC_BYTES};

/// Large enough that reading it shows in a profile (it used to be mapped from this size, 4 MiB).
const LARGE: u64 = 4 << 20;

/// A spec with one finding (ART9-BASIS), from examples/.
const SPEC: &str = "examples/art9-without-basis.hjemmel";

const BOM: &str = "\u{FEFF}";

/// The example spec followed by comment lines up to at least `size` bytes, so that the findings
/// are the example's and only the size differs.
fn padded(size: u64) -> String {
    let mut text = std::fs::read_to_string(SPEC).unwrap();
    let line = "// padding: a comment line the parser skips, so that the file is as large as a test needs\n";
    while (text.len() as u64) < size {
        text.push_str(line);
    }
    text
}

/// Writes `bytes` to a file in a fresh directory and checks it; gives what a user sees.
fn check_file(bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.hjemmel");
    std::fs::write(&path, bytes).unwrap();
    let checked = support::check(&path);
    let shown = checked
        .render("spec.hjemmel")
        .replace(&path.display().to_string(), "spec.hjemmel");
    (checked.understood, shown)
}

#[test]
fn a_byte_order_mark_is_dropped_from_a_small_file_and_a_large_one() {
    for text in [std::fs::read_to_string(SPEC).unwrap(), padded(LARGE)] {
        let with_bom = format!("{BOM}{text}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spec.hjemmel");
        std::fs::write(&path, &with_bom).unwrap();
        let sources = source::load(&path, Lang::En).unwrap();
        let (_, file) = sources.spec_files().next().unwrap();
        assert_eq!(file.text.as_str(), text);
        assert_eq!(check_file(with_bom.as_bytes()), check_file(text.as_bytes()));
    }
}

#[test]
fn bad_bytes_in_a_large_file_are_reported_where_they_are() {
    let small = std::fs::read_to_string(SPEC).unwrap();
    let large = padded(LARGE);
    // A 0xFF byte in the label of `health`, at the same place in both files.
    let at = small.find("Helbreds").unwrap();
    for text in [&small, &large] {
        let mut bytes = text.as_bytes().to_vec();
        bytes[at] = 0xFF;
        let (understood, shown) = check_file(&bytes);
        assert!(!understood, "{shown}");
        let line = small[..at].matches('\n').count() + 1;
        assert!(
            shown.contains(&format!("invalid byte at line {line}, column 17")),
            "{}: {shown}",
            text.len()
        );
    }
}

/// A spec file cut short and written again while `hjemmel` reads and checks it, many times over:
/// every run ends with an exit code, never with a signal (a mapped file cut short used to end the
/// process with SIGBUS).
#[cfg(unix)]
#[test]
fn a_file_cut_short_while_it_is_checked_never_crashes() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.hjemmel");
    // Large enough that reading and checking it takes a while (about 16 MiB of padding).
    let full = padded(16 << 20);
    std::fs::write(&path, &full).unwrap();

    let done = Arc::new(AtomicBool::new(false));
    let rewriter = {
        let (done, path, full) = (done.clone(), path.clone(), full.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                // Cut short in place (the same file, so a reader's view of it changes), then
                // written whole again.
                let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
                file.set_len(100).unwrap();
                drop(file);
                std::fs::write(&path, &full).unwrap();
            }
        })
    };
    let spec = path.display().to_string();
    for _ in 0..20 {
        let output = support::hjemmel(&["check", "--format", "json", &spec]);
        let code = output.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "{:?}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    done.store(true, Ordering::Relaxed);
    rewriter.join().unwrap();
}

/// `hjemmel check PATH` run to its end; a run still going after a minute is taken to hang, and
/// ended, so that the test fails rather than waits forever (this is no test of speed: each of
/// these runs takes milliseconds).
fn check_ends(path: &Path) -> Output {
    support::hjemmel_ends(&["check", &path.display().to_string()])
}

/// Exit 2 with `message` in the output.
fn refused(output: &Output, message: &str) {
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert!(out.contains(message), "{out}");
    assert!(out.contains("error[read-error]"), "{out}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

/// A FIFO named as the spec, with no process writing to it, would make hjemmel wait for ever.
#[cfg(unix)]
#[test]
fn a_fifo_as_the_spec_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("spec.hjemmel");
    mkfifo(&fifo);
    let output = check_ends(&fifo);
    refused(&output, "is a FIFO (named pipe), not a file");
    refused(&output, "save the spec to a file");
}

/// `/dev/zero` never ends: it is a device, refused before anything is read.
#[cfg(unix)]
#[test]
fn a_device_as_the_spec_is_refused() {
    let output = check_ends(Path::new("/dev/zero"));
    refused(&output, "`/dev/zero` is a character device, not a file");
}

/// A `.hjemmel` entry of a directory that is a symbolic link, even to a good spec, is named and
/// refused: a spec does not take in files from elsewhere.
#[cfg(unix)]
#[test]
fn a_symbolic_link_in_a_spec_directory_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    std::fs::create_dir(&spec).unwrap();
    std::fs::copy(SPEC, spec.join("a.hjemmel")).unwrap();
    let elsewhere = dir.path().join("elsewhere.hjemmel");
    std::fs::write(&elsewhere, "").unwrap();
    std::os::unix::fs::symlink(&elsewhere, spec.join("b.hjemmel")).unwrap();
    let output = check_ends(&spec);
    let link = spec.join("b.hjemmel");
    refused(
        &output,
        &format!("`{}` is a symbolic link, not a file", link.display()),
    );
    refused(
        &output,
        "does not follow symbolic links in a spec directory",
    );

    // Named on the command line, a link is followed, as `cat` and ripgrep follow it.
    std::fs::remove_file(&link).unwrap();
    let named = dir.path().join("named.hjemmel");
    std::os::unix::fs::symlink(spec.join("a.hjemmel"), &named).unwrap();
    let output = check_ends(&named);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("ART9-BASIS"));
}

/// A FIFO among a directory's `.hjemmel` files is named, not waited on.
#[cfg(unix)]
#[test]
fn a_fifo_in_a_spec_directory_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SPEC, dir.path().join("a.hjemmel")).unwrap();
    let fifo = dir.path().join("b.hjemmel");
    mkfifo(&fifo);
    let output = check_ends(dir.path());
    refused(
        &output,
        &format!("`{}` is a FIFO (named pipe), not a file", fifo.display()),
    );

    // A device among them (`/dev/zero`'s numbers): only root may make one.
    if unsafe { libc::geteuid() } == 0 {
        std::fs::remove_file(&fifo).unwrap();
        let device = dir.path().join("c.hjemmel");
        let made = std::process::Command::new("mknod")
            .arg(&device)
            .args(["c", "1", "5"])
            .status();
        assert!(made.unwrap().success());
        let output = check_ends(dir.path());
        refused(
            &output,
            &format!("`{}` is a character device, not a file", device.display()),
        );
    }
}

/// A directory named `hjemmel.toml` is an error, not settings silently left out.
#[test]
fn a_settings_file_that_is_a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SPEC, dir.path().join("a.hjemmel")).unwrap();
    let settings = dir.path().join("hjemmel.toml");
    std::fs::create_dir(&settings).unwrap();
    for path in [dir.path().to_path_buf(), dir.path().join("a.hjemmel")] {
        let output = check_ends(&path);
        refused(
            &output,
            &format!("`{}` is a directory, not a file", settings.display()),
        );
        refused(&output, "read from a regular file `hjemmel.toml`");
    }
}

/// A file larger than a spec may be (spans are 32-bit offsets) is refused by its size, before a
/// byte of it is read: the files here are sparse, so they take no room on disk.
#[test]
fn a_spec_larger_than_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.hjemmel");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_SPEC_BYTES + 1)
        .unwrap();
    let output = check_ends(&huge);
    refused(
        &output,
        &format!("holds {} bytes of spec text", MAX_SPEC_BYTES + 1),
    );
    refused(&output, "(1 GiB) a spec may hold");

    // Two files, each within the limit, that together are not: the directory is named. (The
    // 4 GiB that wrapped the offsets is far past it.)
    std::fs::remove_file(&huge).unwrap();
    for name in ["a.hjemmel", "b.hjemmel"] {
        std::fs::File::create(dir.path().join(name))
            .unwrap()
            .set_len(4 << 30)
            .unwrap();
    }
    let output = check_ends(dir.path());
    refused(
        &output,
        &format!("`{}` holds {} bytes", dir.path().display(), 8u64 << 30),
    );
}

/// Exactly the limit is allowed by the reading itself; one byte more, found only while reading (the
/// file grew since its size was taken), is refused.
#[test]
fn a_file_that_grows_past_the_limit_while_read_is_refused() {
    let text = padded(LARGE);
    let read = source::SourceText::read(text.as_bytes(), 10, text.len() as u64).unwrap();
    assert!(matches!(read, source::ReadText::Text(t) if t.as_str() == text));
    let read = source::SourceText::read(text.as_bytes(), 10, text.len() as u64 - 1).unwrap();
    assert!(matches!(read, source::ReadText::TooLarge));
}
