//! Dates as articles give them, reduced to what timelines and filters
//! need: an ISO `YYYY-MM-DD` day.
//!
//! In: a date string from an article or a `triples.csv` row (ISO 8601 with
//! or without a time, or RFC 2822 as feeds give them). Out: its ISO day, or
//! `None` when it names no day. Used by extraction (the article's year),
//! the graph (edge days, node date ranges) and the date filters.
//!
//! Parsing and validation are jiff's: «2018-13-01» and «30 Feb 2020» name
//! no day.

/// The ISO date prefix of a date string, if it has one.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    iso_prefix(s).or_else(|| rfc2822_date(s))
}

fn iso_prefix(s: &str) -> Option<String> {
    let d: jiff::civil::Date = s.get(..10)?.parse().ok()?;
    Some(d.to_string())
}

/// The date of an RFC 2822 timestamp, as feeds and the ANT corpus give them
/// («Thu, 19 Jul 2018 11:41:30 GMT»), on the day it names; or of a bare
/// `19 Jul 2018` (a full month name too), which some feeds write.
fn rfc2822_date(s: &str) -> Option<String> {
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.date().to_string());
    }
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut parts = s.split_whitespace();
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let month = month.get(..3)?;
    let d = jiff::fmt::strtime::parse("%d %b %Y", format!("{day} {month} {year}"))
        .ok()?
        .to_date()
        .ok()?;
    (1000..=9999).contains(&d.year()).then(|| d.to_string())
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
        assert_eq!(iso_date("5 March 2020").as_deref(), Some("2020-03-05"));
        assert_eq!(iso_date("yesterday"), None);
        // Validated, not only shaped: no 13th month, no 30 February.
        assert_eq!(iso_date("2018-13-01"), None);
        assert_eq!(iso_date("2019-02-29"), None);
        assert_eq!(iso_date("2020-02-29").as_deref(), Some("2020-02-29"));
        assert_eq!(iso_date("30 Feb 2020"), None);
    }
}
