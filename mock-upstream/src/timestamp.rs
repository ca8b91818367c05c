//! ISO 8601 timestamps exactly as the upstream writes them: `2026-05-20T15:00:00.000Z`.

use time::OffsetDateTime;
use time::format_description::FormatItem;
use time::macros::format_description;

const UPSTREAM_FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// Formats a UTC instant the way the upstream does.
pub fn iso(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(UPSTREAM_FORMAT)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn formats_with_milliseconds_and_z() {
        assert_eq!(
            iso(datetime!(2026-05-20 15:00:00 UTC)),
            "2026-05-20T15:00:00.000Z"
        );
        assert_eq!(
            iso(datetime!(2026-05-20 20:30:00.123456 +05:30)),
            "2026-05-20T15:00:00.123Z"
        );
    }
}
