//! End to end: writing a story in the real window. Every word survives a
//! restart, user text is never read as HTML, the coverage matrix follows the
//! principles, and search finds words from the Action.

mod support;

use loopready::store::{Store, DB_FILE};
use loopready::stories::StoryDraft;
use support::{given_profile, App};

const HOSTILE_TITLE: &str = "<img src=x onerror=alert(1)>";
const SITUATION: &str = "Our checkout service timed out for 3% of customers during peak sales.";
const TASK: &str = "I had to cut p99 latency below 300 ms within one quarter.";
const ACTION: &str =
    "I profiled the zeppelin cache path, rewrote the retry logic and led a two-week migration.";
const RESULT: &str =
    "Timeouts fell from 3% to 0.2%, saving about $1.2M a year in lost orders for customers.";

#[tokio::test(flavor = "multi_thread")]
async fn a_story_typed_in_the_editor_survives_a_restart_word_for_word() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text("h1", "Stories").await;
    app.click_button("New story").await;
    app.wait_for_text("#save-status", "Saved").await;
    // The new story's title has the keys, its placeholder selected.
    let focused = app
        .js("const t = document.activeElement; \
             return t.dataset.field === 'title' && t.selectionEnd - t.selectionStart === t.value.length;")
        .await;
    assert_eq!(focused, true, "the title takes the first keys");

    app.fill("Title", HOSTILE_TITLE).await;
    app.choose("Primary principle", "ownership").await;
    let offered = app
        .js("return document.querySelector('.secondary input[value=ownership]').disabled;")
        .await;
    assert_eq!(offered, true, "the primary is not offered again as another");
    app.fill("Situation", SITUATION).await;
    app.fill("Task", TASK).await;
    app.fill("Action", ACTION).await;
    app.fill("Result", RESULT).await;
    // Autosave follows the last keystroke without any save button.
    app.wait_for_text("#save-status", "Saved").await;
    app.shot("stories").await;
    app.quit().await;

    let app = App::launch(dir.path()).await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text("h1", "Stories").await;
    let title = app
        .wait_for_css(".story-link.active .story-title")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(title, HOSTILE_TITLE, "the title is shown as text");
    let images = app
        .js("return document.querySelectorAll('main img').length;")
        .await;
    assert_eq!(images, 0, "no element was made from the title");
    for (label, text) in [
        ("Situation", SITUATION),
        ("Task", TASK),
        ("Action", ACTION),
        ("Result", RESULT),
    ] {
        let value = app.control(label).await.prop("value").await.unwrap();
        assert_eq!(value.as_deref(), Some(text), "{label}");
    }

    // Tagging with a principle shows in the coverage matrix.
    let row = app.wait_for_xpath("//table[contains(@class,'coverage')]//tr[th[starts-with(normalize-space(.),'Ownership')]]").await;
    assert!(row.text().await.unwrap().contains("1 / 2"));

    // Search finds a word from the Action part.
    app.fill("Search stories", "zeppelin").await;
    let hit = app.wait_for_text(".search-results li", HOSTILE_TITLE).await;
    assert!(hit.contains("zeppelin"), "{hit}");

    // The interview-day sheet lists it under its principle with its hook.
    app.link("Interview day").await.click().await.unwrap();
    let row = app
        .wait_for_xpath("//div[contains(@class,'sheet-row')][h2[normalize-space(.)='Ownership']]")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        row.contains(HOSTILE_TITLE) && row.contains("Timeouts fell from 3% to 0.2%"),
        "{row}"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_story_is_exported_rehearsed_and_rescheduled_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let env = [("LOOPREADY_EXPORT_DIR", exports.path().to_str().unwrap())];
    let app = App::launch_with_env(dir.path(), &env).await;
    app.link("Stories").await.click().await.unwrap();
    app.click_button("New story").await;
    app.wait_for_text("#save-status", "Saved").await;
    app.fill("Title", "Fleet move").await;
    app.choose("Primary principle", "ownership").await;
    app.fill("Action", ACTION).await;
    app.wait_for_text("#save-status", "Saved").await;

    // Markdown export, through the save-dialog seam, grouped by principle.
    app.click_button("Export as Markdown").await;
    app.wait_for_text(".banners", "exported to").await;
    let file = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .expect("a Markdown file was written");
    let md = std::fs::read_to_string(file).unwrap();
    let ownership = md.find("## Ownership").unwrap();
    assert!(
        md[ownership..].starts_with("## Ownership\n\n### Fleet move"),
        "{md}"
    );
    assert!(md.contains(ACTION));

    // Today offers the new story; rehearsing it hides the text until asked.
    app.link("Today").await.click().await.unwrap();
    app.wait_for_xpath("//section[@aria-label='Rehearse today']//button[contains(.,'Fleet move')]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#rehearse-prompt", "Fleet move").await;
    let hidden = app
        .js("return document.querySelector('.rehearse-text').hidden;")
        .await;
    assert_eq!(hidden, true, "the story text starts hidden");
    // The keys, as in Anki: Space shows the story, 3 rates it good. Each
    // button shows its key.
    let keys = app
        .js("return [...document.querySelectorAll('[aria-label=\"Rate the delivery\"] button')].map(b => b.getAttribute('aria-keyshortcuts')).join(',');")
        .await;
    assert_eq!(keys, "1,2,3,4");
    let focused = app.client.active_element().await.unwrap();
    focused.send_keys(" ").await.unwrap();
    app.wait_for_text(".rehearse-text", "zeppelin").await;
    let focused = app.client.active_element().await.unwrap();
    focused.send_keys("3").await.unwrap();
    let saved = app.wait_for_text("[role=status]", "Next rehearsal").await;
    assert!(saved.contains("in 3 days"), "{saved}");
    app.quit().await;

    // After a restart it is scheduled, not offered again today, and logged.
    let app = App::launch(dir.path()).await;
    app.link("Rehearse").await.click().await.unwrap();
    app.wait_for_text(
        "section[aria-label='Due today']",
        "Nothing to rehearse today",
    )
    .await;
    app.choose("Leadership Principle", "dive-deep").await;
    app.click_button("Ask me a question").await;
    app.wait_for_text("#rehearse-prompt", "looked past the dashboards")
        .await;
    app.link("Log").await.click().await.unwrap();
    app.wait_for_text("main", "Rehearsed \u{201c}Fleet move\u{201d}, rated good")
        .await;
    app.quit().await;
}

/// A bank larger than a page lists one page and adds the rest on request;
/// a story opened from search joins the list, so the story on screen is
/// always in it.
#[tokio::test(flavor = "multi_thread")]
async fn a_large_bank_lists_a_page_at_a_time() {
    use loopready::stories::model::LIST_PAGE;
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let total = LIST_PAGE + LIST_PAGE / 2;
    {
        let store = Store::open(&dir.path().join(DB_FILE)).unwrap();
        for i in 0..total {
            let draft = StoryDraft {
                title: format!("Story {i:03}"),
                action: format!("I fixed marker{i:03}."),
                ..StoryDraft::default()
            };
            loopready::store::stories::create(&store, &draft, "seed").unwrap();
        }
    }
    let listed = "return document.querySelectorAll('ul.stories li').length;";
    let left = total - LIST_PAGE;

    let app = App::launch(dir.path()).await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_css(".story-link.active .story-title").await;
    assert_eq!(app.js(listed).await, LIST_PAGE);
    let more = format!("Show {left} more of {left}");
    app.wait_for_text(".list-more", &more).await;
    app.click_button(&more).await;
    app.wait_for_text(".stories li:last-child .story-title", "Story 000")
        .await;
    assert_eq!(app.js(listed).await, total);
    assert_eq!(
        app.js("return document.querySelector('.list-more').hidden;")
            .await,
        true
    );
    app.quit().await;

    // After a restart the list is one page again; the oldest story, opened
    // from search, brings the list down to it.
    let app = App::launch(dir.path()).await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_css(".story-link.active .story-title").await;
    assert_eq!(app.js(listed).await, LIST_PAGE);
    app.fill("Search stories", "marker000").await;
    app.wait_for_text(".search-results li button", "Story 000")
        .await;
    app.click_button("Story 000").await;
    app.wait_for_text(".story-link.active .story-title", "Story 000")
        .await;
    assert_eq!(app.js(listed).await, total);
    app.quit().await;
}
