//! Checkboxes: the box at the start of each list item, boxes glued to their bullet (`-[x]`, a
//! paragraph to Markdown), and how a malformed box reads (`[X ]` meant checked).

use super::walk::Raw;
use crate::model::{section_index, BoxState, Checkbox, Section};
use crate::span::Span;

/// A checkbox read at the start of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoxMark {
    pub state: BoxState,
    /// What a malformed box was meant to be, when that is clear (`[X ]` → checked).
    pub intended: Option<BoxState>,
    /// The box's length in bytes.
    pub len: usize,
}

/// The plan's checkboxes in document order, and each list item's box.
pub(crate) struct Boxes<'a> {
    pub checkboxes: Vec<Checkbox<'a>>,
    /// For each item of [`Raw::items`], the index of its box in `checkboxes`.
    pub item_box: Vec<Option<usize>>,
}

pub(crate) fn checkboxes<'a>(
    source: &'a str,
    region: Span,
    raw: &Raw,
    secs: &[Section<'_>],
    item_sections: &[Option<usize>],
) -> Boxes<'a> {
    let mut boxes = Boxes {
        checkboxes: Vec::with_capacity(raw.items.len()),
        item_box: vec![None; raw.items.len()],
    };
    item_boxes(source, raw, item_sections, &mut boxes);
    glued_boxes(source, region, raw, secs, &mut boxes.checkboxes);
    sort(raw, &mut boxes);
    boxes
}

/// The box at the start of each item's first paragraph.
fn item_boxes<'a>(
    source: &'a str,
    raw: &Raw,
    item_sections: &[Option<usize>],
    boxes: &mut Boxes<'a>,
) {
    for (idx, item) in raw.items.iter().enumerate() {
        let Some(para) = item.first_para else {
            continue;
        };
        // A box is at most a few characters and never spans a line: no need to cut the line.
        let Some(mark) = checkbox_at(&source[para.start..]) else {
            continue;
        };
        let marker = if mark.state == BoxState::Malformed {
            // Include the bullet so the label shows `- [X ]` as written.
            Span::new(item.span.start.min(para.start), para.start + mark.len)
        } else {
            Span::new(para.start, para.start + mark.len)
        };
        boxes.item_box[idx] = Some(boxes.checkboxes.len());
        boxes.checkboxes.push(Checkbox {
            state: mark.state,
            intended: mark.intended,
            marker,
            raw: &source[para.start..para.start + mark.len],
            section: item_sections[idx],
            depth: item.depth,
        });
    }
}

/// `-[x]` lines that are paragraphs because the bullet has no space after it. Only a `[` right
/// after a bullet that opens its line (after blanks and `>`) within a paragraph can start one:
/// one search of the whole text, then a look at each candidate.
fn glued_boxes<'a>(
    source: &'a str,
    region: Span,
    raw: &Raw,
    secs: &[Section<'_>],
    out: &mut Vec<Checkbox<'a>>,
) {
    let bytes = source.as_bytes();
    for at in memchr::memchr_iter(b'[', &bytes[region.start..region.end]) {
        let i = region.start + at;
        if i == 0 || !matches!(bytes[i - 1], b'-' | b'*' | b'+') {
            continue;
        }
        // The paragraph holding the bullet and the bracket (paragraphs are disjoint, in order).
        let k = raw.paragraphs.partition_point(|p| p.span.start < i);
        let Some(p) = k.checked_sub(1).map(|k| &raw.paragraphs[k]) else {
            continue;
        };
        if i - 1 < p.span.start || i >= p.span.end {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[p.span.start..i - 1])
            .map_or(p.span.start, |j| p.span.start + j + 1);
        if !bytes[line_start..i - 1]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'>'))
        {
            continue;
        }
        // From the bullet to the end of the line, line break included.
        let line_end =
            memchr::memchr(b'\n', &bytes[i..p.span.end]).map_or(p.span.end, |j| i + j + 1);
        let t = &source[i - 1..line_end];
        if t.len() <= 2 {
            continue;
        }
        if let Some(mark) = checkbox_at(&t[1..]) {
            let start = i - 1;
            out.push(Checkbox {
                state: BoxState::Malformed,
                intended: if mark.state == BoxState::Malformed {
                    mark.intended
                } else {
                    Some(mark.state)
                },
                marker: Span::new(start, start + 1 + mark.len),
                raw: &t[..1 + mark.len],
                section: section_index(secs, start),
                depth: 0,
            });
        }
    }
}

/// Item boxes come in document order; only glued boxes can break it, and then the list is
/// sorted and the items pointed at their boxes again.
fn sort(raw: &Raw, boxes: &mut Boxes<'_>) {
    let in_order = boxes.checkboxes.is_sorted_by_key(|c| c.marker.start);
    if in_order {
        return;
    }
    let checkboxes = &mut boxes.checkboxes;
    checkboxes.sort_by_key(|c| c.marker.start);
    for (idx, item) in raw.items.iter().enumerate() {
        if boxes.item_box[idx].is_some() {
            let start = item.first_para.map_or(0, |p| p.start);
            boxes.item_box[idx] = checkboxes
                .binary_search_by_key(&start, |c| c.marker.start)
                .ok()
                .or_else(|| checkboxes.iter().position(|c| c.marker.contains(start)));
        }
    }
}

/// A checkbox at the start of `text`. `[2025-11-16 12:00]` or `[TBD]` are not checkboxes.
///
/// Equivalent to [`checkbox_at_general`], with a shortcut for the well-formed box; the property
/// test `checkbox_shortcut_agrees` holds the two to the same answer.
pub fn checkbox_at(text: &str) -> Option<BoxMark> {
    // The well-formed box, `[ ]` or `[x]` and a space or the line's end, without the search.
    if let [b'[', mark, b']', after @ ..] = text.as_bytes() {
        let state = match mark {
            b' ' => Some(BoxState::Open),
            b'x' | b'X' => Some(BoxState::Checked),
            b'!' => Some(BoxState::Blocked),
            b'~' => Some(BoxState::Skipped),
            _ => None,
        };
        if let Some(state) = state {
            if matches!(after.first(), None | Some(b' ' | b'\t' | b'\r' | b'\n')) {
                return Some(BoxMark {
                    state,
                    intended: None,
                    len: 3,
                });
            }
        }
    }
    checkbox_at_general(text)
}

/// [`checkbox_at`] without the shortcut for the well-formed box: the reference reading.
fn checkbox_at_general(text: &str) -> Option<BoxMark> {
    let rest = text.strip_prefix('[')?;
    let close = rest.char_indices().take(5).find(|(_, c)| *c == ']')?.0;
    let inner = &rest[..close];
    let len = 1 + close + 1;
    let after = text[len..].chars().next();
    let followed_ok = after.is_none_or(|c| c == ' ' || c == '\t' || c == '\r' || c == '\n');
    let valid = match inner {
        " " => Some(BoxState::Open),
        "x" | "X" => Some(BoxState::Checked),
        "!" => Some(BoxState::Blocked),
        "~" => Some(BoxState::Skipped),
        _ => None,
    };
    let malformed = |intended| {
        Some(BoxMark {
            state: BoxState::Malformed,
            intended,
            len,
        })
    };
    if let Some(state) = valid {
        if followed_ok {
            return Some(BoxMark {
                state,
                intended: None,
                len,
            });
        }
        // `[x]Done`: the box is glued to the text. Links like `[x](…)` are not boxes.
        if matches!(after, Some('(' | '[' | ':')) {
            return None;
        }
        return malformed(Some(state));
    }
    let box_like = inner
        .chars()
        .all(|c| matches!(c, ' ' | 'x' | 'X' | '-' | '*' | '✓' | '✔' | '\u{3000}'));
    if !box_like || matches!(after, Some('(' | ':')) {
        return None;
    }
    let checked = inner.chars().any(|c| matches!(c, 'x' | 'X' | '✓' | '✔'));
    let intended = if checked && !inner.contains('-') {
        Some(BoxState::Checked)
    } else if inner.chars().all(|c| c == ' ' || c == '\u{3000}') {
        Some(BoxState::Open)
    } else {
        None
    };
    malformed(intended)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(state: BoxState, intended: Option<BoxState>, len: usize) -> Option<BoxMark> {
        Some(BoxMark {
            state,
            intended,
            len,
        })
    }

    #[test]
    fn checkbox_shapes() {
        use BoxState::*;
        assert_eq!(checkbox_at("[ ] a"), mark(Open, None, 3));
        assert_eq!(checkbox_at("[X] a"), mark(Checked, None, 3));
        assert_eq!(checkbox_at("[!] a"), mark(Blocked, None, 3));
        assert_eq!(checkbox_at("[~] a"), mark(Skipped, None, 3));
        assert_eq!(checkbox_at("[X ] a"), mark(Malformed, Some(Checked), 4));
        assert_eq!(checkbox_at("[ x] a"), mark(Malformed, Some(Checked), 4));
        assert_eq!(checkbox_at("[] a"), mark(Malformed, Some(Open), 2));
        assert_eq!(checkbox_at("[-] a"), mark(Malformed, None, 3));
        assert_eq!(checkbox_at("[x]Done"), mark(Malformed, Some(Checked), 3));
        assert_eq!(checkbox_at("[TBD]"), None);
        assert_eq!(checkbox_at("[2025-11-16 12:00] x"), None);
        assert_eq!(checkbox_at("[x](link)"), None);
    }

    /// Text that may open with a checkbox, well-formed or nearly.
    fn box_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = proptest::sample::select(vec![
            "[", "]", " ", "x", "X", "!", "~", "-", "\t", "\r\n", "a", "(", "✓",
        ]);
        proptest::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// The well-formed-box shortcut answers as the general reading does.
        #[test]
        fn checkbox_shortcut_agrees(text in box_text()) {
            proptest::prop_assert_eq!(checkbox_at(&text), checkbox_at_general(&text));
        }
    }
}
