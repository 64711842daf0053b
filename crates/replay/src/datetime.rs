//! Date and time literals as PostgreSQL's output functions print them:
//! `'2020-01-02 03:04:05.100 +02:00'` is stored in a `timestamp` column's
//! default as `'2020-01-02 03:04:05.1'`, in a `date` one as
//! `'2020-01-02'`. A `timestamptz` prints in the server's time zone; the
//! replay takes UTC, the default of a fresh cluster.

/// A date-time literal, read.
struct Parsed {
    date: Option<(i64, u32, u32)>,
    time: Option<(u32, u32, u32, u32)>,
    /// Seconds east of UTC.
    offset: Option<i64>,
}

/// The output form of `text` for `typname`, or `None` when the text is
/// not one the replay reads.
pub(crate) fn output(text: &str, typname: &str) -> Option<String> {
    let parsed = parse(text.trim())?;
    match typname {
        "date" => {
            let (y, m, d) = parsed.date?;
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        "timestamp" => {
            let (y, m, d) = parsed.date?;
            let (h, mi, s, us) = parsed.time.unwrap_or((0, 0, 0, 0));
            Some(format!("{y:04}-{m:02}-{d:02} {}", clock(h, mi, s, us)))
        }
        "timestamptz" => {
            let (y, m, d) = parsed.date?;
            let (h, mi, s, us) = parsed.time.unwrap_or((0, 0, 0, 0));
            let seconds = days_from_civil(y, m, d) * 86_400 + i64::from(h * 3600 + mi * 60 + s)
                - parsed.offset.unwrap_or(0);
            let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
            let (y, m, d) = civil_from_days(days);
            let rest = rest as u32;
            Some(format!(
                "{y:04}-{m:02}-{d:02} {}+00",
                clock(rest / 3600, rest / 60 % 60, rest % 60, us)
            ))
        }
        "time" => {
            let (h, mi, s, us) = parsed.time?;
            Some(clock(h, mi, s, us))
        }
        "timetz" => {
            let (h, mi, s, us) = parsed.time?;
            Some(format!(
                "{}{}",
                clock(h, mi, s, us),
                zone(parsed.offset.unwrap_or(0))
            ))
        }
        _ => None,
    }
}

fn clock(h: u32, m: u32, s: u32, micros: u32) -> String {
    let mut out = format!("{h:02}:{m:02}:{s:02}");
    if micros > 0 {
        let fraction = format!("{micros:06}");
        out.push('.');
        out.push_str(fraction.trim_end_matches('0'));
    }
    out
}

/// `+02`, `-05:30`.
fn zone(offset: i64) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.abs();
    let (h, m) = (offset / 3600, offset / 60 % 60);
    if m == 0 {
        format!("{sign}{h:02}")
    } else {
        format!("{sign}{h:02}:{m:02}")
    }
}

fn parse(text: &str) -> Option<Parsed> {
    let mut rest = text;
    let mut date = None;
    if rest.len() >= 10 && rest.as_bytes().get(4) == Some(&b'-') {
        let y = rest[..4].parse().ok()?;
        let m = rest[5..7].parse().ok()?;
        let d = rest[8..10].parse().ok()?;
        date = Some((y, m, d));
        rest = rest[10..].trim_start_matches([' ', 'T']);
    }
    let mut time = None;
    let mut offset = None;
    if !rest.is_empty() && rest.as_bytes().get(2) == Some(&b':') {
        let h: u32 = rest[..2].parse().ok()?;
        let mi: u32 = rest.get(3..5)?.parse().ok()?;
        rest = &rest[5..];
        let mut s = 0;
        let mut micros = 0;
        if let Some(after) = rest.strip_prefix(':') {
            s = after.get(..2)?.parse().ok()?;
            rest = &after[2..];
            if let Some(after) = rest.strip_prefix('.') {
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                rest = &after[digits.len()..];
                micros = round_micros(&digits);
            }
        }
        time = Some((h, mi, s, micros));
        let zone = rest.trim();
        if zone == "Z" || zone.eq_ignore_ascii_case("UTC") {
            offset = Some(0);
        } else if let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') {
            let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let (h, m): (i64, i64) = match digits.len() {
                1 | 2 => (digits.parse().ok()?, 0),
                4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
                _ => return None,
            };
            let seconds = h * 3600 + m * 60;
            offset = Some(if sign == '-' { -seconds } else { seconds });
        } else if !zone.is_empty() {
            return None;
        }
    } else if !rest.trim().is_empty() {
        return None;
    }
    Some(Parsed { date, time, offset })
}

/// A fraction of a second to microseconds, rounded half up (a carry past
/// the second is cut instead).
fn round_micros(digits: &str) -> u32 {
    let mut padded: String = digits.chars().take(7).collect();
    while padded.len() < 7 {
        padded.push('0');
    }
    let value: u32 = padded.parse().unwrap_or(0);
    let rounded = (value + 5) / 10;
    rounded.min(999_999)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::output;

    #[test]
    fn literals_print_as_the_output_functions_do() {
        let ts = |t| output(t, "timestamp").unwrap();
        assert_eq!(
            ts("2020-01-02 03:04:05.100 +02:00"),
            "2020-01-02 03:04:05.1"
        );
        assert_eq!(
            ts("2020-01-02 03:04:05.123456789 -05:30"),
            "2020-01-02 03:04:05.123457"
        );
        assert_eq!(ts("2020-01-02T03:04:05Z"), "2020-01-02 03:04:05");
        assert_eq!(
            output("2020-01-01 00:00:00 +00:00", "date").unwrap(),
            "2020-01-01"
        );
        assert_eq!(
            output("2020-01-01 01:00:00 +02:00", "timestamptz").unwrap(),
            "2019-12-31 23:00:00+00"
        );
        assert_eq!(output("03:04:05.5", "time").unwrap(), "03:04:05.5");
        assert_eq!(
            output("03:04:05-05:30", "timetz").unwrap(),
            "03:04:05-05:30"
        );
        assert!(output("today", "date").is_none());
    }
}
