//! The story search's ranking, an FTS5 auxiliary function registered on
//! every connection (`story_rank()`).
//!
//! FTS5's own bm25() looks up each match's stored column sizes and, once
//! per query, counts the stories holding each phrase. When most of a large
//! bank matches (500 stories about migrations, searched for "migration"),
//! that was half of a search's time. Stories are short and of much the same
//! length, so length normalisation buys little here; this ranks by where
//! the words were found and how often, from the positions FTS5 already
//! holds for the row, and breaks ties by putting the newer story first.

use std::ffi::{c_int, CStr};
use std::ptr;

use rusqlite::{ffi, Connection};

/// The name queries use: `... AND rank MATCH 'story_rank()' ORDER BY rank`.
pub const FUNCTION: &CStr = c"story_rank";

/// `story_hit_column(story_fts)`: the column a hit's snippet should come
/// from (see [`snippet_column`]), so that snippet() reads and tokenizes that
/// one column instead of all seven of the row.
pub const SNIPPET_COLUMN: &CStr = c"story_hit_column";

/// How much a hit counts in each of the index's columns, in their order:
/// title, situation, task, action, result, metrics, tags. A word in the
/// title or the tags says what the story is about; in the body, that it
/// comes up.
const WEIGHTS: [f64; 7] = [4.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0];

/// Repeats add less and less, as in bm25 (its k1).
const SATURATION: f64 = 1.2;

/// The score of one story from how often each phrase of the query was
/// found in each column (`hits[phrase][column]`). Higher is better.
pub fn score(hits: &[[u32; WEIGHTS.len()]]) -> f64 {
    hits.iter()
        .flat_map(|columns| columns.iter().zip(WEIGHTS))
        .filter(|(&n, _)| n > 0)
        .map(|(&n, weight)| weight * f64::from(n) / (f64::from(n) + SATURATION))
        .sum()
}

/// The column to show a snippet of: the part of the story with the most
/// hits, the title only when nothing else matched (the title is shown
/// beside the snippet anyway). Of equal counts, the earlier part.
pub fn snippet_column(hits: &[[u32; WEIGHTS.len()]]) -> usize {
    let per_column = |c: usize| hits.iter().map(|columns| columns[c]).sum::<u32>();
    (1..WEIGHTS.len())
        .map(|c| (c, per_column(c)))
        .filter(|&(_, n)| n > 0)
        .fold(None, |best: Option<(usize, u32)>, (c, n)| match best {
            Some((_, most)) if most >= n => best,
            _ => Some((c, n)),
        })
        .map_or(0, |(c, _)| c)
}

/// The value FTS5 sorts by (ascending, as bm25's): the score negated, less
/// a sliver per row id so that of equal scores the newer story comes first.
fn rank_value(score: f64, rowid: i64) -> f64 {
    -(score + rowid as f64 * 1e-12)
}

/// Registers `story_rank()` and `story_hit_column()` with the FTS5 module
/// of `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let failed = |what: &str| {
        rusqlite::Error::SqliteFailure(
            ffi::Error::new(ffi::SQLITE_ERROR),
            Some(format!(
                "the search ranking could not be registered: {what}"
            )),
        )
    };
    // SAFETY: the handle is this open connection's, used on this thread
    // while `conn` is borrowed. The statement is finalised on every path;
    // the pointer bound for `fts5(?1)` is written during the step only.
    unsafe {
        let db = conn.handle();
        let mut stmt = ptr::null_mut();
        let rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            ptr::null_mut(),
        );
        if rc != ffi::SQLITE_OK {
            return Err(failed("no FTS5 module"));
        }
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&raw mut api).cast(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        if api.is_null() || (*api).iVersion < 2 {
            return Err(failed("FTS5 is too old"));
        }
        let create = (*api)
            .xCreateFunction
            .ok_or_else(|| failed("no xCreateFunction"))?;
        for (name, function) in [
            (FUNCTION, story_rank as Extension),
            (SNIPPET_COLUMN, story_hit_column as Extension),
        ] {
            let rc = create(api, name.as_ptr(), ptr::null_mut(), Some(function), None);
            if rc != ffi::SQLITE_OK {
                return Err(failed("FTS5 refused a function"));
            }
        }
    }
    Ok(())
}

type Extension = unsafe extern "C" fn(
    *const ffi::Fts5ExtensionApi,
    *mut ffi::Fts5Context,
    *mut ffi::sqlite3_context,
    c_int,
    *mut *mut ffi::sqlite3_value,
);

/// `story_rank()`, called by FTS5 for each matching row.
unsafe extern "C" fn story_rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _argc: c_int,
    _argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 passes its own API table and this row's context, valid
    // for the duration of the call.
    unsafe {
        match row_hits(&*api, fts) {
            Ok((hits, rowid)) => ffi::sqlite3_result_double(ctx, rank_value(score(&hits), rowid)),
            Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
        }
    }
}

/// `story_hit_column()`, called by FTS5 for each row shown.
unsafe extern "C" fn story_hit_column(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _argc: c_int,
    _argv: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: as for `story_rank`.
    unsafe {
        match row_hits(&*api, fts) {
            // At most 6: the cast cannot truncate.
            Ok((hits, _)) => ffi::sqlite3_result_int(ctx, snippet_column(&hits) as c_int),
            Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
        }
    }
}

type Hits = Vec<[u32; WEIGHTS.len()]>;

/// The row's hits per phrase and column, and its row id.
///
/// # Safety
/// `api` and `fts` are the ones FTS5 passed to the function being called.
unsafe fn row_hits(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
) -> Result<(Hits, i64), c_int> {
    let missing = ffi::SQLITE_MISUSE;
    let (Some(phrase_count), Some(inst_count), Some(inst), Some(rowid)) =
        (api.xPhraseCount, api.xInstCount, api.xInst, api.xRowid)
    else {
        return Err(missing);
    };
    // SAFETY: the callbacks are FTS5's, called with its context as documented.
    unsafe {
        let phrases = usize::try_from(phrase_count(fts)).unwrap_or(0);
        let mut hits = vec![[0u32; WEIGHTS.len()]; phrases];
        let mut found = 0;
        let rc = inst_count(fts, &mut found);
        if rc != ffi::SQLITE_OK {
            return Err(rc);
        }
        for i in 0..found {
            let (mut phrase, mut column, mut offset) = (0, 0, 0);
            let rc = inst(fts, i, &mut phrase, &mut column, &mut offset);
            if rc != ffi::SQLITE_OK {
                return Err(rc);
            }
            let slot = usize::try_from(phrase)
                .ok()
                .and_then(|p| hits.get_mut(p))
                .zip(usize::try_from(column).ok())
                .and_then(|(columns, c)| columns.get_mut(c));
            if let Some(n) = slot {
                *n += 1;
            }
        }
        Ok((hits, rowid(fts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: usize = 0;
    const ACTION: usize = 3;
    const TAGS: usize = 6;

    fn hits_in(column: usize, n: u32) -> [u32; 7] {
        let mut columns = [0; 7];
        columns[column] = n;
        columns
    }

    #[test]
    fn a_hit_in_the_title_outranks_one_in_the_body() {
        assert!(score(&[hits_in(TITLE, 1)]) > score(&[hits_in(ACTION, 1)]));
        assert!(score(&[hits_in(TAGS, 1)]) > score(&[hits_in(ACTION, 1)]));
    }

    #[test]
    fn repeats_count_less_and_less() {
        let one = score(&[hits_in(ACTION, 1)]);
        let two = score(&[hits_in(ACTION, 2)]);
        let ten = score(&[hits_in(ACTION, 10)]);
        assert!(two > one && ten > two);
        assert!(two - one > (ten - two) / 8.0);
        assert!(ten < WEIGHTS[ACTION]);
    }

    #[test]
    fn each_phrase_adds_its_own_hits() {
        let both = score(&[hits_in(ACTION, 1), hits_in(TITLE, 1)]);
        assert_eq!(
            both,
            score(&[hits_in(ACTION, 1)]) + score(&[hits_in(TITLE, 1)])
        );
        assert_eq!(score(&[]), 0.0);
    }

    #[test]
    fn the_snippet_comes_from_the_part_with_most_hits_and_the_title_last() {
        assert_eq!(
            snippet_column(&[hits_in(TITLE, 3), hits_in(ACTION, 1)]),
            ACTION
        );
        assert_eq!(
            snippet_column(&[hits_in(TAGS, 1), hits_in(ACTION, 2)]),
            ACTION
        );
        assert_eq!(snippet_column(&[hits_in(TAGS, 1), hits_in(1, 1)]), 1);
        assert_eq!(snippet_column(&[hits_in(TITLE, 1)]), TITLE);
        assert_eq!(snippet_column(&[]), TITLE);
    }

    #[test]
    fn of_equal_scores_the_newer_story_sorts_first() {
        assert!(rank_value(2.0, 41) < rank_value(2.0, 40));
        assert!(rank_value(2.5, 1) < rank_value(2.0, 1_000_000));
    }
}
