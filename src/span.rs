//! Byte spans and the line index that turns them into lines and columns.
//!
//! Spans are half-open byte ranges into one file's text. Only reporters convert them to
//! lines/columns, through [`LineIndex`], so the syntax layer never counts characters.

use serde::Serialize;

/// A half-open byte range `start..end` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { start, end }
    }

    pub fn empty(at: usize) -> Span {
        Span::new(at, at)
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// The span of `sub`, which must be a subslice of `whole`, offset by `base`.
    pub fn of_subslice(whole: &str, sub: &str, base: usize) -> Span {
        let off = (sub.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
        Span::new(base + off, base + off + sub.len())
    }

    /// Clamp to `text` and move both ends back onto char boundaries, so slicing never panics.
    pub fn clamp_to(self, text: &str) -> Span {
        let fix = |mut i: usize| {
            i = i.min(text.len());
            while i > 0 && !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        Span::new(fix(self.start as usize), fix(self.end as usize))
    }
}

/// A 1-based line/column position. Columns are counted in Unicode scalar values, as SARIF's
/// `unicodeCodePoints` column kind and most editors expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

enum Text<'a> {
    Borrowed(&'a str),
    Shared(std::sync::Arc<str>),
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Shared(s) => s,
        }
    }
}

/// Line starts of a text, for byte offset → (line, column) conversion.
pub struct LineIndex<'a> {
    text: Text<'a>,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex { starts: line_starts(text), text: Text::Borrowed(text) }
    }

    /// An index that owns a shared handle to its text (cached per file by reporters).
    pub fn new_shared(text: std::sync::Arc<str>) -> LineIndex<'static> {
        LineIndex { starts: line_starts(&text), text: Text::Shared(text) }
    }

    fn text(&self) -> &str {
        self.text.as_str()
    }

    /// 0-based line number containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line0: usize) -> usize {
        self.starts.get(line0).copied().unwrap_or(self.text().len())
    }

    /// The text of 0-based line `line0`, without its newline.
    pub fn line_text(&self, line0: usize) -> &str {
        let text = self.text();
        let start = self.line_start(line0).min(text.len());
        let end = self.starts.get(line0 + 1).map(|e| e - 1).unwrap_or(text.len());
        text.get(start..end.max(start)).unwrap_or("").trim_end_matches('\r')
    }

    pub fn position(&self, offset: usize) -> Position {
        let text = self.text();
        let offset = offset.min(text.len());
        let line0 = self.line_of(offset);
        let start = self.line_start(line0);
        let mut col_end = offset;
        while col_end > start && !text.is_char_boundary(col_end) {
            col_end -= 1;
        }
        let column = text.get(start..col_end).map(|s| s.chars().count()).unwrap_or(0);
        Position { line: line0 as u32 + 1, column: column as u32 + 1 }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_not_bytes() {
        let text = "Name: x\nSummary: é tool\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0), Position { line: 1, column: 1 });
        let t = text.find("tool").unwrap();
        assert_eq!(idx.position(t), Position { line: 2, column: 12 });
        assert_eq!(idx.line_text(1), "Summary: é tool");
    }

    #[test]
    fn clamp_moves_onto_char_boundary() {
        let text = "é";
        assert_eq!(Span::new(1, 5).clamp_to(text), Span::new(0, 2));
    }
}
