//! Words, shared by the speaking-time estimate and the lint so both agree.
//! [`word_count`] counts as a word processor does (the figure the editor
//! shows). [`words`] splits finer, for the lint's matching: a run of
//! letters, digits and apostrophes (curly ones read as straight), with
//! everything else a boundary.

/// The words of `text`, lower-cased, in order.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('\u{2019}', "'").to_lowercase())
}

/// How many words `text` holds, counted as a word processor counts them,
/// so the editor's figure matches the one the candidate checks elsewhere:
/// a run between spaces with a letter or digit in it ("end-to-end", "1.8"
/// and "2.6%" are one word each; a dash alone is none).
pub fn word_count(text: &str) -> u32 {
    let n = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_dashes_do_not_count_as_words() {
        assert_eq!(word_count("I led it — and, well... shipped."), 6);
    }

    #[test]
    fn empty_and_blank_text_has_no_words() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  \n\t "), 0);
    }

    #[test]
    fn contractions_stay_one_word_with_either_apostrophe() {
        let w: Vec<String> = words("I’m sure We're 'quoted'").collect();
        assert_eq!(w, vec!["i'm", "sure", "we're", "quoted"]);
    }

    #[test]
    fn numbers_count_as_words() {
        assert_eq!(word_count("cut p99 by 40% to 120 ms"), 7);
    }

    #[test]
    fn compounds_and_decimals_are_one_word_each() {
        assert_eq!(
            word_count("an end-to-end, one-page plan: 1.8x faster, 2.6% fewer"),
            8
        );
    }
}
