//! Calendar dates for deadlines: ISO `YYYY-MM-DD`, typed dates read leniently, months added.

use std::fmt;
use std::str::FromStr;

/// Years a plan accepts (a typo such as `0226` or `20266` is refused, not kept).
pub const MIN_YEAR: u16 = 1900;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: u16 = 9999;

/// A day of the proleptic Gregorian calendar, from [`MIN_YEAR`] to [`MAX_YEAR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (`2026-02-29` does not) and its year is in range.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (MIN_YEAR..=MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        ok.then_some(Date { year, month, day })
    }

    /// Reads an ISO date exactly as files and `<input type="date">` write it: `2026-03-05`
    /// (surrounding spaces aside). Anything else is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.trim().as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = bytes.get(range)?;
            part.iter().try_fold(0u16, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u16::from(b - b'0'))
            })
        };
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(number(0..4)?, month, day)
    }

    /// Reads a date as people type one: `2026-03-05`, `2026-3-5`, `2026/3/5`, `2026.3.5`,
    /// `2026年3月5日` (full-width digits too). The year has four digits; month and day one
    /// or two. `None` for anything else, or for a day that does not exist.
    pub fn parse_typed(text: &str) -> Option<Date> {
        let text: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => {
                    char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
                }
                '年' | '月' | '/' | '.' | '－' | '／' | '．' => '-',
                other => other,
            })
            .collect();
        let text = text.strip_suffix('日').unwrap_or(&text);
        let mut parts = text.split('-');
        let (Some(year), Some(month), Some(day), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let digits = |s: &str, min: usize, max: usize| {
            (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4, 4) || !digits(month, 1, 2) || !digits(day, 1, 2) {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `months` later, the day clamped to the end of a shorter month:
    /// 2026-01-31 + 1 month = 2026-02-28, 2028-01-31 + 1 month = 2028-02-29. Past
    /// [`MAX_YEAR`] it stays at the last day of [`MAX_YEAR`].
    pub fn add_months(self, months: u32) -> Date {
        let index = u32::from(self.year) * 12 + u32::from(self.month) - 1 + months;
        let Ok(year) = u16::try_from(index / 12) else {
            return Date::last();
        };
        if year > MAX_YEAR {
            return Date::last();
        }
        // index % 12 < 12, so the month fits.
        let month = (index % 12) as u8 + 1;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    fn last() -> Date {
        Date {
            year: MAX_YEAR,
            month: 12,
            day: 31,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = ();

    /// [`Date::parse`]: ISO only.
    fn from_str(text: &str) -> Result<Date, ()> {
        Date::parse(text).ok_or(())
    }
}

/// Whether `year` has a 29 February.
fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn iso_dates_read_strictly() {
        assert_eq!(d("2026-03-05").to_string(), "2026-03-05");
        assert_eq!(d(" 2028-02-29 ").to_string(), "2028-02-29");
        for bad in [
            "2026-02-29", // not a leap year
            "2100-02-29", // a century that is not a leap year
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-4-5",
            "2026/04/05",
            "20260405",
            "0226-04-05",
            "2026-04-05T10:00",
            "",
            "２０２６-04-05",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(d("2000-02-29").day(), 29, "2000 is a leap year");
    }

    #[test]
    fn typed_dates_read_leniently() {
        for typed in [
            "2026-3-5",
            "2026/3/5",
            "2026.03.05",
            "2026年3月5日",
            "2026年03月05",
            "２０２６年３月５日",
            " 2026-03-05 ",
        ] {
            assert_eq!(Date::parse_typed(typed), Some(d("2026-03-05")), "{typed}");
        }
        for bad in [
            "26-3-5",
            "2026-3",
            "2026-3-5-1",
            "下个月",
            "2026-02-30",
            "2026 3 5",
            "",
        ] {
            assert_eq!(Date::parse_typed(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_are_added_with_the_day_clamped() {
        let plus = |text: &str, months| d(text).add_months(months).to_string();
        assert_eq!(plus("2026-01-31", 1), "2026-02-28");
        assert_eq!(plus("2028-01-31", 1), "2028-02-29");
        assert_eq!(plus("2026-01-31", 3), "2026-04-30");
        assert_eq!(plus("2026-08-31", 6), "2027-02-28");
        assert_eq!(plus("2026-11-15", 3), "2027-02-15");
        assert_eq!(plus("2026-12-31", 12), "2027-12-31");
        assert_eq!(plus("2026-05-20", 0), "2026-05-20");
        assert_eq!(plus("9999-11-30", 3), "9999-12-31");
    }
}
