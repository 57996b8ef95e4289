//! `Range: bytes=…` requests, for media players and resumed downloads.

/// `bytes=a-b`, `bytes=a-` or `bytes=-n` → an inclusive range within `len`;
/// `None` when it cannot be satisfied (or names several ranges).
pub(crate) fn parse(header: &str, len: usize) -> Option<(usize, usize)> {
    let spec = header.strip_prefix("bytes=")?.trim();
    if spec.contains(',') || len == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", n) => {
            let n: usize = n.parse().ok()?;
            (len.checked_sub(n.min(len))?, len - 1)
        }
        (a, "") => (a.parse().ok()?, len - 1),
        (a, b) => (a.parse().ok()?, b.parse::<usize>().ok()?.min(len - 1)),
    };
    (start <= end && start < len).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse("bytes=0-3", 10), Some((0, 3)));
        assert_eq!(parse("bytes=5-", 10), Some((5, 9)));
        assert_eq!(parse("bytes=-3", 10), Some((7, 9)));
        assert_eq!(parse("bytes=8-100", 10), Some((8, 9)));
        assert_eq!(parse("bytes=10-", 10), None);
        assert_eq!(parse("bytes=4-2", 10), None);
        assert_eq!(parse("bytes=0-1,4-5", 10), None);
        assert_eq!(parse("lines=1-2", 10), None);
    }
}
