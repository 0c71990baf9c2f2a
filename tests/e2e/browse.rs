//! Connect, page through lists, open details.

use crate::support::{text_of, Env};

#[tokio::test]
async fn connect_and_page_through_meters() {
    let env = Env::start().await;
    env.connect().await;
    let first = env.wait_rows("Meters").await;
    let newest = env.all("meters");
    assert_eq!(
        first.len(),
        m3ter_sandbox::seed::DEFAULT_METERS.min(25),
        "the seeded meters fill the first page (page size 25)"
    );
    assert_eq!(first[0][0], text_of(&newest[0], "name"), "newest first");
    env.screenshot("meters-list").await;

    // A smaller page size lives in the URL; Next and Back walk the token stack.
    env.select("Page size", "10").await;
    let page1 = env.wait_rows("page 1").await;
    assert_eq!(page1.len(), 10);
    env.click_button("Next").await;
    let page2 = env
        .until("page 2", || async {
            let rows = env.rows("page 2").await;
            (!rows.is_empty()).then_some(rows)
        })
        .await;
    assert_eq!(page2[0][0], text_of(&newest[10], "name"));
    env.click_button("Back").await;
    let again = env.wait_rows("page 1").await;
    assert_eq!(again, page1);
    env.finish().await;
}
