//! The shared string table (SST) of an .xls workbook, read as calamine's `parse_sst` reads it, for
//! the bytes of text each string becomes: calamine copies a string into every cell (LABELSST) that
//! shows it, so a file of a few hundred KB could ask for gigabytes of copies.
//!
//! The table is one SST record and the CONTINUE records after it. calamine takes the CONTINUE
//! records off the front of a list one by one (`Vec::remove(0)`), so their number costs it time
//! as its square: a table continued in 250,000 empty records (an .xls of 1 MB) took 13 s of CPU
//! (a minute on a busy machine), and twice as many would take four times as long. A table
//! continued in more than [`MAX_CONTINUES`] records is refused.

/// The most CONTINUE records the shared string table may have (32,768): a record holds at most
/// 8,224 bytes, so that is 256 MiB of strings, the text a workbook may hold
/// ([`super::MAX_TEXT_BYTES`]), and calamine takes them off its list in 0.2 s.
pub const MAX_CONTINUES: usize = 32_768;

/// The most bytes of UTF-8 each string of the table becomes, in the table's order, as calamine
/// reads them (`data`: the SST record's; `continued`: the CONTINUE records after it, headers and
/// all; `utf16`: whether the workbook's code page is UTF-16, as a BIFF8 workbook's is). Where
/// calamine fails on the table (and so refuses the workbook), the strings read so far.
pub fn text_bytes(data: &[u8], continued: &[u8], utf16: bool) -> Result<Vec<u64>, String> {
    let mut records = Pieces {
        data: &[],
        rest: continued,
    };
    let mut continues = 0;
    while records.next_record() {
        continues += 1;
    }
    if continues > MAX_CONTINUES {
        return Err(format!(
            "the workbook's shared string table is continued in {continues} records: more than the {MAX_CONTINUES} hjemmel reads"
        ));
    }
    let mut strings = Vec::new();
    // The table's counts of strings (8 bytes) are not needed: the strings are read to the end.
    let Some(table) = data.get(8..) else {
        return Ok(strings);
    };
    let mut pieces = Pieces {
        data: table,
        rest: continued,
    };
    while !pieces.data.is_empty() || pieces.next_record() {
        match pieces.string_bytes(utf16) {
            Some(bytes) => strings.push(bytes),
            None => break,
        }
    }
    Ok(strings)
}

/// The table's bytes as calamine's `Record` holds them: the record being read (`data`, what is
/// left of it) and the CONTINUE records after it (`rest`).
struct Pieces<'a> {
    data: &'a [u8],
    rest: &'a [u8],
}

impl Pieces<'_> {
    /// The next CONTINUE record made the one being read, as calamine's `continue_record`;
    /// `false` when there is none.
    fn next_record(&mut self) -> bool {
        let Some(header) = self.rest.get(..4) else {
            return false;
        };
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let Some(data) = self.rest.get(4..4 + len) else {
            return false;
        };
        self.data = data;
        self.rest = &self.rest[4 + len..];
        true
    }

    /// An `XLUnicodeRichExtendedString` read as calamine's `read_rich_extended_string` reads it:
    /// the most bytes of UTF-8 it becomes; `None` where calamine fails (or panics, reading past
    /// the end of the record).
    fn string_bytes(&mut self, utf16: bool) -> Option<u64> {
        if self.data.is_empty() {
            return Some(0);
        }
        let [low, high, flags, ..] = *self.data else {
            return None;
        };
        let mut chars = usize::from(u16::from_le_bytes([low, high]));
        self.data = &self.data[3..];
        let mut runs = 0;
        if flags & 0x8 != 0 {
            let count = self.data.get(..2)?;
            runs = usize::from(u16::from_le_bytes([count[0], count[1]])) * 4;
            self.data = &self.data[2..];
        }
        let mut phonetic = 0;
        if flags & 0x4 != 0 {
            let size = self.data.get(..4)?;
            // calamine reads it as an i32 cast to usize, so that a negative one is huge.
            phonetic = i32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize;
            self.data = &self.data[4..];
        }
        // The characters, one byte each or two (`wide`); a string continued into the next record
        // starts it with a byte of flags that says which.
        let mut wide = flags & 0x1 != 0;
        let mut bytes = 0u64;
        while chars > 0 {
            let width = if wide { 2 } else { 1 };
            let count = (self.data.len() / width).min(chars);
            let (text, rest) = self.data.split_at(count * width);
            bytes += utf8_bytes(text, wide, utf16);
            self.data = rest;
            chars -= count;
            if chars > 0 {
                if !self.next_record() {
                    return None;
                }
                let (&flags, rest) = self.data.split_first()?;
                wide = flags & 0x1 != 0;
                self.data = rest;
            }
        }
        self.skip(runs)?;
        self.skip(phonetic)?;
        Some(bytes)
    }

    /// `len` bytes skipped, into the records after this one (calamine's `skip`).
    fn skip(&mut self, mut len: usize) -> Option<()> {
        while len > 0 {
            if self.data.is_empty() && !self.next_record() {
                return None;
            }
            let skipped = len.min(self.data.len());
            self.data = &self.data[skipped..];
            len -= skipped;
        }
        Some(())
    }
}

/// The most bytes of UTF-8 the characters `text` (two bytes each when `wide`) become, decoded at
/// once as calamine decodes them (encoding_rs's `decode`). A UTF-16 workbook's are counted as
/// UTF-8 writes them (a pair of surrogates as 3 bytes each, not 4 for the two). Under any other
/// code page, and where `decode` finds a byte-order mark of UTF-8 or UTF-16BE and decodes the rest
/// by it, every byte may become a character of up to 3 bytes (a one-byte character with its high
/// byte of 0 added: 4).
fn utf8_bytes(text: &[u8], wide: bool, utf16: bool) -> u64 {
    let other_order = text.starts_with(b"\xEF\xBB\xBF") || text.starts_with(b"\xFE\xFF");
    match (utf16 && !(wide && other_order), wide) {
        (true, false) => text.iter().map(|&b| if b < 0x80 { 1 } else { 2 }).sum(),
        (true, true) => text
            .chunks_exact(2)
            .map(|unit| match u16::from_le_bytes([unit[0], unit[1]]) {
                0..0x80 => 1,
                0x80..0x800 => 2,
                _ => 3,
            })
            .sum(),
        (false, false) => text.len() as u64 * 4,
        (false, true) => text.len() as u64 * 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of type `kind` and `data`.
    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = kind.to_le_bytes().to_vec();
        bytes.extend((data.len() as u16).to_le_bytes());
        bytes.extend(data);
        bytes
    }

    /// An SST record's data: its counts, then `strings`.
    fn table(strings: &[u8]) -> Vec<u8> {
        let mut data = vec![0; 8];
        data.extend(strings);
        data
    }

    #[test]
    fn strings_are_counted_as_the_utf8_they_become() {
        // "abc" in one byte a character; "æ€" in two (æ: 2 bytes of UTF-8, €: 3).
        let mut strings = vec![3, 0, 0, b'a', b'b', b'c', 2, 0, 1];
        strings.extend("æ€".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(text_bytes(&table(&strings), &[], true).unwrap(), [3, 5]);
        // Under a code page of one byte a character, every byte at most 3 of UTF-8 and a zero.
        assert_eq!(text_bytes(&table(&strings), &[], false).unwrap(), [12, 12]);
    }

    #[test]
    fn a_byte_order_mark_that_turns_the_decoder_is_counted_at_the_most() {
        // U+BBEF U+41BF U+4242 as UTF-16LE, 9 bytes of UTF-8; decoded from its UTF-8 mark: up to 3
        // bytes each of the 3 that follow it.
        let strings = [3, 0, 1, 0xEF, 0xBB, 0xBF, 0x41, 0x42, 0x42];
        assert_eq!(text_bytes(&table(&strings), &[], true).unwrap(), [18]);
        let decoded = encoding_rs::UTF_16LE.decode(&strings[3..]).0;
        assert!(decoded.len() <= 18, "{decoded:?}");
    }

    #[test]
    fn a_string_continued_into_the_next_record_switches_its_width_there() {
        // Five characters: "ab" one byte each, then a CONTINUE record of "€€€" two bytes each.
        let first = table(&[5, 0, 0, b'a', b'b']);
        let mut rest = vec![1];
        rest.extend("€€€".encode_utf16().flat_map(u16::to_le_bytes));
        let continued = record(0x003C, &rest);
        assert_eq!(text_bytes(&first, &continued, true).unwrap(), [2 + 9]);
        // Cut short (no CONTINUE record): calamine fails on the table; no string is counted.
        assert_eq!(text_bytes(&first, &[], true).unwrap(), Vec::<u64>::new());
    }

    #[test]
    fn rich_text_runs_and_phonetic_data_are_skipped() {
        // Flags 0x0C: 1 run (4 bytes) and 2 bytes of phonetic data after the characters.
        let strings = [
            1, 0, 0x0C, 1, 0, 2, 0, 0, 0, b'x', 1, 2, 3, 4, 9, 9, 1, 0, 0, b'y',
        ];
        assert_eq!(text_bytes(&table(&strings), &[], true).unwrap(), [1, 1]);
    }

    #[test]
    fn a_table_continued_in_too_many_records_is_refused() {
        let empty = record(0x003C, &[]);
        let at_the_bound = empty.repeat(MAX_CONTINUES);
        // Each empty CONTINUE record is a string of none, as calamine reads it.
        assert_eq!(
            text_bytes(&table(&[]), &at_the_bound, true).unwrap().len(),
            MAX_CONTINUES
        );
        let past = empty.repeat(MAX_CONTINUES + 1);
        let message = text_bytes(&table(&[]), &past, true).unwrap_err();
        assert!(message.contains("32769"), "{message}");
    }
}
