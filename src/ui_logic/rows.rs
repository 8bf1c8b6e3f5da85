//! Which rows of a long table to draw: only those in view (and a few around them), so a
//! table of 5,000 branches costs what a table of 40 does.

/// The rows to draw, and the height of the rows left out above and below them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowWindow {
    pub first: usize,
    /// One past the last row drawn.
    pub end: usize,
    pub above: f64,
    pub below: f64,
}

/// The window of `count` rows of `row_height` pixels seen through a `viewport` scrolled to
/// `scroll_top`, with `overscan` rows more on each side so a quick scroll shows no gap.
pub fn visible_rows(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    count: usize,
    overscan: usize,
) -> RowWindow {
    let row_height = if row_height.is_finite() && row_height > 0.0 {
        row_height
    } else {
        1.0
    };
    let at = |pixels: f64| {
        if pixels.is_finite() && pixels > 0.0 {
            (pixels / row_height) as usize
        } else {
            0
        }
    };
    let first_seen = at(scroll_top).min(count);
    let seen = at(viewport) + 1;
    let first = first_seen.saturating_sub(overscan);
    let end = (first_seen + seen + overscan).min(count);
    RowWindow {
        first,
        end,
        above: first as f64 * row_height,
        below: (count - end) as f64 * row_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_of_a_long_table_draws_a_screenful_and_the_overscan() {
        let w = visible_rows(0.0, 360.0, 36.0, 5000, 5);
        assert_eq!((w.first, w.end), (0, 16));
        assert_eq!(w.above, 0.0);
        assert_eq!(w.below, (5000 - 16) as f64 * 36.0);
    }

    #[test]
    fn a_scrolled_table_draws_the_rows_in_view() {
        let w = visible_rows(36.0 * 1000.0 + 10.0, 360.0, 36.0, 5000, 5);
        assert_eq!((w.first, w.end), (995, 1016));
        assert_eq!(
            w.above + w.below + (w.end - w.first) as f64 * 36.0,
            5000.0 * 36.0
        );
    }

    #[test]
    fn a_short_table_is_drawn_whole_and_a_scroll_past_its_end_is_clamped() {
        let w = visible_rows(0.0, 600.0, 36.0, 7, 5);
        assert_eq!((w.first, w.end, w.below), (0, 7, 0.0));
        let past = visible_rows(1.0e6, 600.0, 36.0, 7, 5);
        assert_eq!((past.first, past.end), (2, 7));
        let empty = visible_rows(50.0, 600.0, 36.0, 0, 5);
        assert_eq!((empty.first, empty.end), (0, 0));
    }

    #[test]
    fn nonsense_sizes_draw_from_the_top() {
        let w = visible_rows(f64::NAN, -5.0, 0.0, 10, 2);
        assert_eq!(w.first, 0);
        assert!(w.end >= 1);
    }
}
