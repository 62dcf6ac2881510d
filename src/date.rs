//! Dates as articles give them, reduced to what timelines and filters
//! need: an ISO `YYYY-MM-DD` day.
//!
//! In: a date string from an article or a `triples.csv` row (ISO 8601 with
//! or without a time, or RFC 2822 as feeds give them). Out: its ISO day, or
//! `None` when it names no day. Used by extraction (the article's year),
//! the graph (edge days, node date ranges) and the date filters.
//!
//! The signatures are the contract; the parsing behind them may move to a
//! date crate.

/// The ISO date prefix of a date string, if it has one.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    iso_prefix(s).or_else(|| rfc2822_date(s))
}

fn iso_prefix(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    ok.then(|| d.to_string())
}

/// The date of an RFC 2822 timestamp, as feeds and the ANT corpus give them
/// («Thu, 19 Jul 2018 11:41:30 GMT»).
fn rfc2822_date(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    let m = MONTHS.iter().position(|x| month.starts_with(x))? + 1;
    let year: u32 = parts.next()?.parse().ok()?;
    ((1..=31).contains(&day) && (1000..=9999).contains(&year))
        .then(|| format!("{year:04}-{m:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn dates_from_iso_and_rfc2822() {
        assert_eq!(
            iso_date("2015-07-21 02:51:32").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(
            iso_date("Thu, 19 Jul 2018 11:41:30 GMT").as_deref(),
            Some("2018-07-19")
        );
        assert_eq!(iso_date("5 Mar 2020").as_deref(), Some("2020-03-05"));
        assert_eq!(iso_date("yesterday"), None);
    }
}
