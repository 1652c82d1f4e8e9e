//! `-o FILE` as a user runs it (src/report/file.rs, docs/cli.md "Writing to a file"): a regular file
//! is replaced whole or left as it was, even when the run is killed while writing; a link is
//! followed and stays; a device or a FIFO is written into, never replaced; a directory is an error.
//! And `SOURCE_DATE_EPOCH`, the date `hjemmel report` puts in its document, is read or refused.

mod support;

use std::path::Path;
use std::process::Output;

use support::hjemmel;

const SPEC: &str = "examples/clean.hjemmel";

fn code(output: &Output) -> i32 {
    output.status.code().expect("hjemmel exits with a code")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The record of [`SPEC`] as `ropa` writes it to standard output.
fn record() -> Vec<u8> {
    let output = hjemmel(&["ropa", SPEC]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    output.stdout
}

fn ropa_to(path: &Path) -> Output {
    hjemmel(&["ropa", SPEC, "-o", path.to_str().unwrap()])
}

/// Files in `dir` named as the temporary files of `-o` are.
fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(hjemmel::report::file::TEMPORARY_PREFIX))
        .collect()
}

#[test]
fn a_directory_is_a_clear_error_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let output = ropa_to(dir.path());
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(&format!(
            "`{}` is a directory; name a file to write to",
            dir.path().display()
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// `/dev/full` refuses every write: exit 2 with the device's reason, and it is still a device (run
/// as root, `-o /dev/full` used to rename a regular file over it).
#[cfg(target_os = "linux")]
#[test]
fn a_device_is_written_into_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let output = ropa_to(Path::new("/dev/full"));
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("cannot write `/dev/full`: No space left on device"),
        "{}",
        stderr(&output)
    );
    let kind = std::fs::metadata("/dev/full").unwrap().file_type();
    assert!(kind.is_char_device());

    let output = ropa_to(Path::new("/dev/null"));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let kind = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device());
}

/// A FIFO gets the document at its other end, and stays a FIFO: for each command that writes one.
#[cfg(unix)]
#[test]
fn a_fifo_is_written_into_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    for command in ["ropa", "graph", "report"] {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("document");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let mut run = support::hjemmel_command(&[command, SPEC, "-o", fifo.to_str().unwrap()]);
        run.env("SOURCE_DATE_EPOCH", "1785024000");
        let output = support::run(run);
        assert_eq!(code(&output), 0, "{command}: {}", stderr(&output));
        // Before the reader is waited for: had the FIFO been replaced, the reader would wait for
        // ever on the FIFO that is gone.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "{command}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "{command}"
        );
        let received = reader.join().unwrap();
        if command == "ropa" {
            assert_eq!(received, record());
        } else {
            assert!(received.len() > 1000, "{command}: {} bytes", received.len());
        }
    }
}

/// `-o /dev/stdout` writes to standard output, whatever it is: here a pipe, which no path names
/// (the link `/proc/self/fd/1` leads to `pipe:[...]`).
#[cfg(target_os = "linux")]
#[test]
fn dev_stdout_is_standard_output_even_a_pipe() {
    let output = ropa_to(Path::new("/dev/stdout"));
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(output.stdout, record());
}

/// A link is followed: the file it leads to gets the document, the link stays a link.
#[cfg(unix)]
#[test]
fn a_link_is_followed_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("records").join("2026.md");
    std::fs::create_dir(target.parent().unwrap()).unwrap();
    std::fs::write(&target, "last year's").unwrap();
    let link = dir.path().join("current.md");
    std::os::unix::fs::symlink("records/2026.md", &link).unwrap();
    let output = ropa_to(&link);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&target).unwrap(), record());
    assert!(temporary_files(target.parent().unwrap()).is_empty());
}

/// A run killed (SIGTERM) while its temporary file exists leaves none behind: the signal takes
/// effect once the document is in place. The test waits for the temporary file to appear, then
/// kills; the document is large, so that writing and syncing it takes a while.
#[cfg(unix)]
#[test]
fn a_run_killed_while_writing_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;

    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("large.hjemmel");
    let text = std::fs::read_to_string(SPEC).unwrap();
    // The controller's address, some 4 MB long, is in the record.
    let address = "Rådhuspladsen 1, 9999 Eksempelby";
    assert!(text.contains(address));
    std::fs::write(
        &spec,
        text.replace(address, &"Rådhuspladsen 1 ".repeat(250_000)),
    )
    .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let target = out.join("record.md");

    let mut seen = 0;
    for _ in 0..3 {
        let _ = std::fs::remove_file(&target);
        let mut child = support::hjemmel_command(&[
            "ropa",
            spec.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
        let status = loop {
            if !temporary_files(&out).is_empty() {
                // SAFETY: a signal to the child this test started.
                unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
                seen += 1;
                break child.wait().unwrap();
            }
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
        };
        assert_eq!(temporary_files(&out), Vec::<String>::new(), "{status:?}");
        // Killed, or finished just before the signal: either way the document is whole.
        if status.signal() == Some(libc::SIGTERM) || status.success() {
            let written = std::fs::read(&target).unwrap();
            assert!(written.ends_with(b"\n"), "{} bytes", written.len());
        }
    }
    assert!(
        seen > 0,
        "the temporary file was never seen, so nothing was killed"
    );
}

/// `SOURCE_DATE_EPOCH` set to something that is not seconds since 1970 is an error naming the
/// variable and its value; no report is written.
#[test]
fn an_invalid_source_date_epoch_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    for value in ["2026-07-24", "", "1e9"] {
        let mut command = support::hjemmel_command(&["report", SPEC, "-o", file.to_str().unwrap()]);
        command.env("SOURCE_DATE_EPOCH", value);
        let output = support::run(command);
        assert_eq!(code(&output), 2, "{value:?}");
        assert!(
            stderr(&output).contains(&format!(
                "`SOURCE_DATE_EPOCH` is `{value}`, not a whole number of seconds since 1970-01-01"
            )),
            "{}",
            stderr(&output)
        );
        assert!(!file.exists());
    }
    let mut command = support::hjemmel_command(&["report", SPEC, "-o", file.to_str().unwrap()]);
    command.env("SOURCE_DATE_EPOCH", "1785024000");
    let output = support::run(command);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("2026-07-26")
    );
}

/// The workbook records when it was made: with `SOURCE_DATE_EPOCH` two runs give the same bytes,
/// dated by the variable; a value that cannot be read is the same error as for the report.
#[test]
fn the_workbook_is_dated_by_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = |name: &str, value: &str| {
        let file = dir.path().join(name);
        let mut command = support::hjemmel_command(&[
            "ropa",
            SPEC,
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ]);
        command.env("SOURCE_DATE_EPOCH", value);
        (support::run(command), file)
    };
    let (first, first_file) = workbook("first.xlsx", "1785024000");
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    // A second apart: a workbook dated by the clock would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (second, second_file) = workbook("second.xlsx", "1785024000");
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    let bytes = std::fs::read(&first_file).unwrap();
    assert_eq!(bytes, std::fs::read(&second_file).unwrap());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert!(core.contains("2026-07-26T"), "{core}");

    let (refused, refused_file) = workbook("refused.xlsx", "2026-07-24");
    assert_eq!(code(&refused), 2);
    assert!(
        stderr(&refused).contains("`SOURCE_DATE_EPOCH` is `2026-07-24`"),
        "{}",
        stderr(&refused)
    );
    assert!(!refused_file.exists());
}

/// Standard output that cannot be written (`> /dev/full`) is an error, as `-o` is; a closed pipe is
/// not (`| head` reads what it needs and goes).
#[cfg(target_os = "linux")]
#[test]
fn standard_output_that_cannot_be_written_is_an_error() {
    for command in ["ropa", "graph"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut run = support::hjemmel_command(&[command, SPEC]);
        run.stdout(full);
        let output = support::run(run);
        assert_eq!(code(&output), 2, "{command}");
        assert!(
            stderr(&output).contains("cannot write to standard output: No space left on device"),
            "{command}: {}",
            stderr(&output)
        );

        let mut run = support::hjemmel_command(&[command, SPEC]);
        run.stdout(std::process::Stdio::piped());
        let mut child = run.spawn().unwrap();
        drop(child.stdout.take());
        assert_eq!(child.wait().unwrap().code(), Some(0), "{command}");
    }
}
