//! Spread of a set of scores: n, min, quartiles, median, max, mean.

/// The spread of some scores. Quartiles interpolate linearly between the two nearest ranks
/// (the method of Excel's QUARTILE.INC and R's default), so a committee can check them in a
/// spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub n: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    pub mean: f64,
}

impl Spread {
    /// The spread of `values`; `None` for no values.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Spread> {
        let mut sorted: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
        crate::order::sort_by(&mut sorted, f64::total_cmp);
        let n = sorted.len();
        Some(Spread {
            n,
            min: *sorted.first()?,
            q1: quantile(&sorted, 0.25)?,
            median: quantile(&sorted, 0.5)?,
            q3: quantile(&sorted, 0.75)?,
            max: *sorted.last()?,
            mean: sorted.iter().sum::<f64>() / n as f64,
        })
    }
}

/// The `p` quantile (0..=1) of values sorted ascending, interpolating between ranks.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let below = h.floor() as usize;
    let low = *sorted.get(below)?;
    let high = *sorted.get((below + 1).min(last))?;
    Some(low + (h - below as f64) * (high - low))
}
