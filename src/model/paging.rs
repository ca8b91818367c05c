//! Paging rules: which page to ask for, what the controls allow, and what is announced.

use crate::i18n::Msg;

/// A message with numbers for its placeholders (written the locale's way by the view).
pub type Numbered = (Msg, Vec<(&'static str, u64)>);

/// Where the reader is in a lead's pages, as the last response reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The page shown, 1-based.
    pub page: u32,
    /// Total pages; 0 when the lead has no tasks.
    pub total_pages: u32,
}

impl Paging {
    /// The last page a control may go to (1 for a lead with no tasks).
    pub fn last(self) -> u32 {
        self.total_pages.max(1)
    }

    /// Whether "first" and "previous" lead anywhere.
    pub fn has_previous(self) -> bool {
        self.page > 1
    }

    /// Whether "next" and "last" lead anywhere.
    pub fn has_next(self) -> bool {
        self.page < self.total_pages
    }

    /// The page after this one, when there is one (the prefetch target).
    pub fn next(self) -> Option<u32> {
        self.has_next().then_some(self.page + 1)
    }

    /// "Page X of Y"; a lead with no tasks is "Page 1 of 1".
    pub fn status(self) -> Numbered {
        (Msg::PageStatus, self.numbers())
    }

    fn numbers(self) -> Vec<(&'static str, u64)> {
        vec![
            ("page", u64::from(self.page.max(1))),
            ("total", u64::from(self.last())),
        ]
    }
}

/// Clamps a requested page into `1..=total_pages` once the total is known; before that any
/// positive page may be asked for.
pub fn clamp_page(requested: i64, total_pages: Option<u32>) -> u32 {
    let upper = total_pages.map_or(u32::MAX, |total| total.max(1));
    requested.clamp(1, i64::from(upper)) as u32
}

/// What a screen reader hears after a page change: "Page 2 of 7, tasks 21 to 40 of 137".
pub fn announcement(
    paging: Paging,
    rows_on_page: usize,
    page_size: u32,
    total_items: u64,
) -> Numbered {
    let mut numbers = paging.numbers();
    if rows_on_page == 0 {
        return (Msg::AnnounceEmpty, numbers);
    }
    let first = u64::from(paging.page.max(1) - 1) * u64::from(page_size) + 1;
    let last = first + rows_on_page as u64 - 1;
    numbers.extend([("first", first), ("last", last), ("count", total_items)]);
    (Msg::AnnounceRange, numbers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Words;

    /// The English wording, numbers written plainly.
    fn english((msg, numbers): Numbered) -> String {
        let written: Vec<(&str, String)> =
            numbers.iter().map(|(k, n)| (*k, n.to_string())).collect();
        let values: Vec<(&str, &str)> = written.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Words::default().text(msg, &values)
    }

    #[test]
    fn controls_are_enabled_only_where_they_lead_somewhere() {
        // (page, total, has_previous, has_next, next, label)
        let cases = [
            (1, 0, false, false, None, "Page 1 of 1"),
            (1, 1, false, false, None, "Page 1 of 1"),
            (1, 7, false, true, Some(2), "Page 1 of 7"),
            (4, 7, true, true, Some(5), "Page 4 of 7"),
            (7, 7, true, false, None, "Page 7 of 7"),
            (9, 7, true, false, None, "Page 9 of 7"),
        ];
        for (page, total_pages, prev, next_ok, next, label) in cases {
            let paging = Paging { page, total_pages };
            assert_eq!(paging.has_previous(), prev, "{paging:?}");
            assert_eq!(paging.has_next(), next_ok, "{paging:?}");
            assert_eq!(paging.next(), next, "{paging:?}");
            assert_eq!(english(paging.status()), label, "{paging:?}");
        }
    }

    #[test]
    fn requested_pages_are_clamped_to_what_exists() {
        let cases = [
            (0, None, 1),
            (-3, Some(5), 1),
            (3, None, 3),
            (3, Some(5), 3),
            (9, Some(5), 5),
            (9, Some(0), 1),
            (i64::MAX, None, u32::MAX),
        ];
        for (requested, total, expected) in cases {
            assert_eq!(
                clamp_page(requested, total),
                expected,
                "{requested} of {total:?}"
            );
        }
    }

    #[test]
    fn announcement_names_the_page_and_the_task_range() {
        let cases = [
            (
                Paging {
                    page: 2,
                    total_pages: 7,
                },
                20,
                20,
                137,
                "Page 2 of 7, tasks 21 to 40 of 137",
            ),
            (
                Paging {
                    page: 7,
                    total_pages: 7,
                },
                17,
                20,
                137,
                "Page 7 of 7, tasks 121 to 137 of 137",
            ),
            (
                Paging {
                    page: 1,
                    total_pages: 1,
                },
                2,
                20,
                2,
                "Page 1 of 1, tasks 1 to 2 of 2",
            ),
            (
                Paging {
                    page: 1,
                    total_pages: 0,
                },
                0,
                20,
                0,
                "Page 1 of 1, no tasks",
            ),
        ];
        for (paging, rows, size, total, expected) in cases {
            assert_eq!(english(announcement(paging, rows, size, total)), expected);
        }
    }
}
