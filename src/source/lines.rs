//! Where lines begin and end in one file's text, and the line and column of a byte offset, each
//! found in time that does not grow with the file or with the length of a line.
//!
//! A full table of line starts took 10 MiB and about 4 % of a run at 100,000 activities, and says
//! nothing inside a long line: a spec written on one line (one line of 64 MB) made every column a
//! count from the line's start, quadratic over the findings. So the index keeps a checkpoint every
//! [`BLOCK`] bytes instead: how many lines end before it, where the line it falls in starts, and
//! that line's column there. A look-up scans at most one block from its checkpoint (memchr for the
//! line ends); the line's end is found by a binary search over the checkpoints, then one block.
//! ripgrep and rustc's `SourceMap` are the models; rustc keeps every line start, which a spec of
//! millions of short lines cannot afford here.

use memchr::{memchr, memchr_iter, memrchr};

/// Bytes per block between checkpoints. Small enough that a look-up (at most one block of
/// scanning) stays cheap in runs with hundreds of thousands of look-ups, large enough that the
/// checkpoints (three words each) take about 2 % of the text.
pub const BLOCK: usize = 1024;

/// The state of the text at the start of one block.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    /// Line ends (`\n`) before the block.
    lines_before: usize,
    /// Where the line that the block's first byte belongs to starts.
    line_start: usize,
    /// Characters from `line_start` to the block's first byte.
    column: usize,
}

/// Checkpoints of one text; see the module documentation.
#[derive(Debug, Clone)]
pub struct LineIndex {
    checkpoints: Vec<Checkpoint>,
}

impl LineIndex {
    /// Reads `text` once, block by block.
    pub fn new(text: &[u8]) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut at = Checkpoint {
            lines_before: 0,
            line_start: 0,
            column: 0,
        };
        for start in (0..=text.len()).step_by(BLOCK) {
            checkpoints.push(at);
            let block = &text[start..(start + BLOCK).min(text.len())];
            at.lines_before += memchr_iter(b'\n', block).count();
            match memrchr(b'\n', block) {
                Some(i) => {
                    at.line_start = start + i + 1;
                    at.column = chars(&block[i + 1..]);
                }
                None => at.column += chars(block),
            }
        }
        LineIndex { checkpoints }
    }

    /// 1-based line and column of a byte offset; the column counts characters (a character's
    /// continuation bytes are not counted, so an offset inside a character gives the column of the
    /// character after it).
    pub fn line_col(&self, text: &[u8], offset: usize) -> (usize, usize) {
        let (block_start, at) = self.checkpoint(offset);
        let scanned = &text[block_start..offset];
        note_scanned(scanned.len());
        let line = at.lines_before + memchr_iter(b'\n', scanned).count();
        let column = match memrchr(b'\n', scanned) {
            Some(i) => chars(&scanned[i + 1..]),
            None => at.column + chars(scanned),
        };
        (line + 1, column + 1)
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, text: &[u8], offset: usize) -> usize {
        let (block_start, at) = self.checkpoint(offset);
        note_scanned(offset - block_start);
        memrchr(b'\n', &text[block_start..offset]).map_or(at.line_start, |i| block_start + i + 1)
    }

    /// The byte offset where the line holding `offset` ends: its `\n`, or the end of the text.
    pub fn line_end(&self, text: &[u8], offset: usize) -> usize {
        let (block_start, _) = self.checkpoint(offset);
        let block_end = (block_start + BLOCK).min(text.len());
        note_scanned(block_end - offset);
        if let Some(i) = memchr(b'\n', &text[offset..block_end]) {
            return offset + i;
        }
        // The line ends in a later block: in the block before the first checkpoint that counts more
        // line ends than the next one.
        let block = block_start / BLOCK;
        let later = &self.checkpoints[block + 1..];
        let Some(next) = later.first() else {
            return text.len();
        };
        // When none does, the line ends in the last block (which has no checkpoint after it) or
        // with the text.
        let blocks_without = later.partition_point(|c| c.lines_before == next.lines_before);
        let start = (block + blocks_without) * BLOCK;
        let end = (start + BLOCK).min(text.len());
        note_scanned(end - start);
        memchr(b'\n', &text[start..end]).map_or(text.len(), |i| start + i)
    }

    /// The start of the block holding `offset`, and its checkpoint.
    fn checkpoint(&self, offset: usize) -> (usize, Checkpoint) {
        let block = offset / BLOCK;
        (block * BLOCK, self.checkpoints[block])
    }
}

/// Characters in `bytes`: every byte but UTF-8 continuation bytes (`10xx_xxxx`). Written as a
/// filter over bytes so that the compiler vectorises it.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
thread_local! {
    /// Bytes the look-ups of this thread scanned, for tests that check they stay bounded.
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn note_scanned(bytes: usize) {
    SCANNED.with(|s| s.set(s.get() + bytes));
}

#[cfg(not(test))]
fn note_scanned(_bytes: usize) {}

/// Bytes the look-ups of this thread have scanned so far (tests only).
#[cfg(test)]
pub fn scanned() -> usize {
    SCANNED.with(|s| s.get())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Line and column counted the slow way, character by character.
    pub(crate) fn naive(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }

    /// Lines of every length up to past a few blocks, with multi-byte characters and empty lines.
    fn ragged() -> String {
        let mut text = String::new();
        for n in 0..300 {
            text.push_str(&"æ-x".repeat(n * 7 % (BLOCK / 2)));
            if n % 50 == 0 {
                text.push_str(&"ø".repeat(3 * BLOCK));
            }
            text.push('\n');
            if n % 17 == 0 {
                text.push('\n');
            }
        }
        text
    }

    #[test]
    fn every_position_is_found_as_a_naive_count_finds_it() {
        let text = ragged();
        let index = LineIndex::new(text.as_bytes());
        let offsets = (0..=text.len())
            .step_by(97)
            .chain([0, text.len(), BLOCK, 2 * BLOCK + 1]);
        for offset in offsets.filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                index.line_col(text.as_bytes(), offset),
                naive(&text, offset),
                "offset {offset}"
            );
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
            assert_eq!(index.line_start(text.as_bytes(), offset), start);
            assert_eq!(index.line_end(text.as_bytes(), offset), end);
        }
    }

    #[test]
    fn an_empty_text_and_a_text_without_a_line_end() {
        let index = LineIndex::new(b"");
        assert_eq!(index.line_col(b"", 0), (1, 1));
        assert_eq!(index.line_end(b"", 0), 0);
        let text = "å".repeat(5 * BLOCK);
        let index = LineIndex::new(text.as_bytes());
        assert_eq!(
            index.line_col(text.as_bytes(), text.len()),
            (1, 5 * BLOCK + 1)
        );
        assert_eq!(index.line_start(text.as_bytes(), text.len() - 2), 0);
        assert_eq!(index.line_end(text.as_bytes(), 2), text.len());
    }

    /// On one line of any length, a look-up scans at most a block or two, not back to the line's
    /// start: looking up the same number of positions in a line 16 times as long scans no more.
    #[test]
    fn a_look_up_in_a_long_line_scans_a_bounded_part_of_it() {
        let scanned_for = |len: usize| {
            let text = "activity a \"b\" ".repeat(len / 15);
            let index = LineIndex::new(text.as_bytes());
            let before = scanned();
            for i in 0..1000 {
                let offset = (i * 7919 * 15) % text.len();
                index.line_col(text.as_bytes(), offset);
                index.line_start(text.as_bytes(), offset);
                index.line_end(text.as_bytes(), offset);
            }
            scanned() - before
        };
        let short = scanned_for(1 << 20);
        let long = scanned_for(16 << 20);
        assert!(short <= 1000 * 4 * BLOCK, "{short}");
        assert!(long <= short + short / 4, "{short} then {long}");
    }
}
