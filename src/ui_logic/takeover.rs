//! When the app replaces the first screens: at a pause in the reader's clicks, not between two.

/// How long the reader must have left the first screens alone before the app replaces them.
/// Mounting the app is one task of about 100 ms; landing between two quick clicks, it held
/// the second one back.
pub const QUIET_MS: f64 = 300.0;
/// The longest the app waits for such a pause after it has arrived.
pub const LONGEST_WAIT_MS: f64 = 2_000.0;

/// How many milliseconds more the app should wait before it replaces the first screens, at
/// `now`: 0 when the reader has not touched them (`last_input` is `None`), is waiting for
/// what only the app can do, or has left them alone for [`QUIET_MS`]; never past
/// [`LONGEST_WAIT_MS`] after the app `arrived`.
pub fn wait_before_takeover(
    last_input: Option<f64>,
    waiting_for_app: bool,
    arrived: f64,
    now: f64,
) -> f64 {
    let Some(last) = last_input else {
        return 0.0;
    };
    if waiting_for_app {
        return 0.0;
    }
    let for_pause = QUIET_MS - (now - last);
    let left = LONGEST_WAIT_MS - (now - arrived);
    for_pause.min(left).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_once_when_the_reader_has_not_touched_the_first_screens() {
        assert_eq!(wait_before_takeover(None, false, 120.0, 120.0), 0.0);
    }

    #[test]
    fn at_once_when_the_reader_waits_for_the_app() {
        assert_eq!(wait_before_takeover(Some(500.0), true, 510.0, 510.0), 0.0);
    }

    #[test]
    fn after_a_pause_since_the_last_click() {
        assert_eq!(
            wait_before_takeover(Some(1_000.0), false, 1_050.0, 1_050.0),
            250.0
        );
        assert_eq!(
            wait_before_takeover(Some(1_000.0), false, 1_050.0, 1_299.0),
            1.0
        );
        assert_eq!(
            wait_before_takeover(Some(1_000.0), false, 1_050.0, 1_300.0),
            0.0
        );
        // A click long before the app arrived: no wait.
        assert_eq!(wait_before_takeover(Some(100.0), false, 900.0, 900.0), 0.0);
    }

    #[test]
    fn never_longer_than_the_longest_wait_after_arriving() {
        // The reader clicked just now, but the app has waited almost its longest.
        assert_eq!(
            wait_before_takeover(Some(2_950.0), false, 1_000.0, 2_960.0),
            40.0
        );
        assert_eq!(
            wait_before_takeover(Some(3_000.0), false, 1_000.0, 3_000.0),
            0.0
        );
        assert_eq!(
            wait_before_takeover(Some(3_500.0), false, 1_000.0, 3_510.0),
            0.0
        );
    }
}
