//! Connect, page through lists, open details.

use fantoccini::Locator;

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

#[tokio::test]
async fn narrow_screens_dark_theme_and_keyboard() {
    let env = Env::start().await;
    env.client.set_window_size(360, 800).await.expect("resize");
    env.connect().await;
    env.wait_rows("Meters").await;
    // The page itself never scrolls sideways at 360 px; wide tables scroll inside their frame.
    let overflow = env
        .client
        .execute(
            "const w = document.documentElement.clientWidth;
             const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w && !e.closest('.table-wrap, nav ul'))
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
             return [document.documentElement.scrollWidth - w, wide.slice(0, 8)];",
            vec![],
        )
        .await
        .expect("js");
    assert!(
        overflow[0].as_i64().unwrap_or(99) <= 0,
        "the page overflows at 360 px: {overflow}"
    );
    env.screenshot("meters-360px").await;
    // The theme toggle is remembered.
    env.click_button("Theme: system").await;
    env.click_button("Theme: light").await;
    env.button("Theme: dark").await;
    let theme = env.client.execute("return document.documentElement.dataset.theme + '|' + localStorage.getItem('m3ter-console.pref.theme')", vec![]).await.expect("js");
    assert_eq!(theme, "dark|dark");
    env.screenshot("meters-360px-dark").await;
    // A skip link is the first focusable element, and it leads to the main content.
    let first = env
        .client
        .execute("return document.querySelector('a[href], button, input, select, textarea, [tabindex]').textContent", vec![])
        .await
        .expect("js");
    assert_eq!(first, "Skip to content");
    env.client
        .execute("document.querySelector('.skip-link').focus(); document.querySelector('.skip-link').click();", vec![])
        .await
        .expect("js");
    let focused = env
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .expect("js");
    assert_eq!(focused, "main");
    // The current page is marked in the navigation.
    let current = env
        .client
        .find(fantoccini::Locator::Css("nav a[aria-current='page']"))
        .await
        .expect("aria-current");
    assert_eq!(current.text().await.unwrap_or_default(), "Meters");
    env.finish().await;
}

#[tokio::test]
async fn load_all_quick_filter_sort_and_server_filters() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    env.select("Page size", "10").await;
    env.wait_rows("page 1").await;
    env.click_button("Load all").await;
    let all = env
        .until("all meters", || async {
            let rows = env.rows("all 24").await;
            (rows.len() == 24).then_some(rows)
        })
        .await;
    assert_eq!(all.len(), 24);
    // Quick filter over the loaded rows.
    env.fill("Filter loaded rows", "seats").await;
    let filtered = env
        .until("filtered rows", || async {
            let rows = env.rows("match the filter").await;
            (!rows.is_empty()).then_some(rows)
        })
        .await;
    assert!(
        filtered
            .iter()
            .all(|r| r.join(" ").to_lowercase().contains("seats")),
        "{filtered:?}"
    );
    env.fill("Filter loaded rows", "").await;
    // Sorting says what it sorts.
    env.button("Name").await.click().await.expect("sort");
    let sorted = env
        .until("sorted rows", || async {
            let rows = env.rows("sorted by Name, ascending").await;
            (!rows.is_empty()).then_some(rows)
        })
        .await;
    let names: Vec<String> = sorted.iter().map(|r| r[0].to_lowercase()).collect();
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(names, expected);
    let th = env
        .client
        .find(fantoccini::Locator::XPath("//th[@aria-sort='ascending']"))
        .await
        .expect("aria-sort");
    assert!(th.text().await.unwrap_or_default().starts_with("Name"));
    assert!(env
        .page_text()
        .await
        .contains("sorting applies to the loaded rows only"));

    // Statement jobs: server-side filters are exclusive, and live in the URL.
    env.click_link("Statement jobs").await;
    env.wait_rows("Statement jobs").await;
    env.select("Filter by", "Status").await;
    env.select("Status", "Pending").await;
    env.click_button("Apply filters").await;
    let pending = env
        .until("pending jobs", || async {
            let rows = env.rows("Statement jobs").await;
            (!rows.is_empty() && rows.iter().all(|r| r[2] == "Pending")).then_some(rows)
        })
        .await;
    assert_eq!(
        pending.len(),
        env.all("statement-jobs")
            .iter()
            .filter(|j| j["statementJobStatus"] == "PENDING")
            .count()
    );
    // Each job shows the bill it is for by the bill's name (a job has no name of its own).
    let bills: Vec<String> = env
        .all("statement-jobs")
        .iter()
        .filter(|j| j["statementJobStatus"] == "PENDING")
        .filter_map(|j| env.stored("bills", &text_of(j, "billId")))
        .map(|b| {
            m3ter_models::resources::title_of(m3ter_models::resource("bills").expect("bills"), &b)
        })
        .collect();
    let shown = env
        .until("the bills named", || async {
            let rows = env.rows("Statement jobs").await;
            let mut named: Vec<String> =
                rows.into_iter().filter_map(|r| r.get(1).cloned()).collect();
            let mut want = bills.clone();
            named.sort();
            want.sort();
            (named == want).then_some(named)
        })
        .await;
    assert!(!shown.is_empty());
    let url = env.client.current_url().await.expect("url");
    assert_eq!(url.query(), Some("status=PENDING"));
    assert!(env.requests().iter().any(|r| r["query"]
        .as_str()
        .is_some_and(|q| q.contains("status=PENDING") && !q.contains("active"))));
    env.finish().await;
}

#[tokio::test]
async fn transaction_schedules_across_a_chosen_balance() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    let bts = env.all("transaction-schedules")[0].clone();
    let balance = env
        .stored("balances", &text_of(&bts, "balanceId"))
        .expect("balance");
    env.click_link("Balance transaction schedules").await;
    let option = format!(
        "{} ({})",
        text_of(&balance, "name"),
        text_of(&balance, "id")
    );
    env.until("the balance picker", || async {
        let f = env.field("Balance").await;
        f.text()
            .await
            .ok()
            .filter(|t| t.contains(&option))
            .map(|_| ())
    })
    .await;
    env.select("Balance", &option).await;
    let rows = env.wait_rows("Balance transaction schedules").await;
    assert!(rows.iter().any(|r| r[0] == text_of(&bts, "name")));
    env.click_link(&text_of(&bts, "name")).await;
    env.see(&text_of(&bts, "id")).await;
    let url = env.client.current_url().await.expect("url");
    assert!(url.path().starts_with(&format!(
        "/balances/{}/transaction-schedules/",
        text_of(&balance, "id")
    )));
    // A balance beyond the listed ones is reached by its id.
    env.click_link("Balance transaction schedules").await;
    env.fill("Balance ID", &text_of(&balance, "id")).await;
    env.click_button("Show balance transaction schedules").await;
    let rows = env.wait_rows("Balance transaction schedules").await;
    assert!(rows.iter().any(|r| r[0] == text_of(&bts, "name")));
    env.finish().await;
}

#[tokio::test]
async fn long_lists_render_a_window_of_rows() {
    let env = Env::with(m3ter_sandbox::Config {
        seed: Some(600),
        ..Default::default()
    })
    .await;
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_button("Load all").await;
    env.until("all 600 loaded", || async {
        (!env.rows("all 600").await.is_empty()).then_some(())
    })
    .await;
    let (count, rendered) = env
        .client
        .execute("const t = document.querySelector('table.resources'); return [t.getAttribute('aria-rowcount'), t.tBodies[0].querySelectorAll('tr:not(.spacer)').length];", vec![])
        .await
        .map(|v| (v[0].clone(), v[1].as_u64().unwrap_or(0)))
        .expect("js");
    assert_eq!(count, "601", "the table says how many rows it has");
    assert!(
        rendered < 120,
        "only a window of rows is in the DOM ({rendered})"
    );
    // Scrolling to the end shows the oldest meter, at its place in the whole list.
    let oldest = env.all("meters").last().cloned().expect("meters");
    env.client
        .execute("window.scrollTo(0, document.body.scrollHeight)", vec![])
        .await
        .expect("scroll");
    let index = env
        .until("the last row", || async {
            let v = env
                .client
                .execute(
                    "const rows = [...document.querySelectorAll('table.resources tbody tr:not(.spacer)')];
                     const last = rows[rows.length - 1];
                     return last ? [last.cells[0].innerText, last.getAttribute('aria-rowindex')] : null;",
                    vec![],
                )
                .await
                .ok()?;
            (v[0] == text_of(&oldest, "name")).then(|| v[1].clone())
        })
        .await;
    assert_eq!(index, "601");
    env.screenshot("meters-600-scrolled").await;
    // The quick filter searches every loaded row, rendered or not.
    env.client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .expect("scroll");
    env.fill("Filter loaded rows", &text_of(&oldest, "code"))
        .await;
    let found = env
        .until("the filtered row", || async {
            let rows = env.rows("match the filter").await;
            (!rows.is_empty()).then_some(rows)
        })
        .await;
    assert!(found.iter().any(|r| r[0] == text_of(&oldest, "name")));
    env.finish().await;
}

/// A filter that takes another resource's id offers its entities by name once it is used (and not
/// before: opening a list asks for nothing more); the one picked filters the list.
#[tokio::test]
async fn an_id_filter_offers_the_entities_it_names() {
    let env = Env::start().await;
    env.connect().await;
    env.clear_requests();
    env.visit("/bills").await;
    env.wait_rows("Bills").await;
    let label = m3ter_models::catalogue::label::field("accountId");
    let input = env.field(&label).await;
    // The names of the accounts in the list are asked for (`ids=`); the choices are a page.
    let asked_accounts = |env: &Env| {
        env.requests().iter().any(|r| {
            r["method"] == "GET"
                && r["path"].as_str().is_some_and(|p| p.ends_with("/accounts"))
                && r["query"].as_str().is_some_and(|q| !q.contains("ids="))
        })
    };
    assert!(!asked_accounts(&env), "{:?}", env.requests());
    input.click().await.expect("focus the account filter");
    let offered = env.offered(&input).await;
    let accounts = env.all("accounts");
    for (id, name) in &offered {
        let account = accounts
            .iter()
            .find(|a| text_of(a, "id") == *id)
            .unwrap_or_else(|| panic!("{id} is an account"));
        assert!(name.contains(&text_of(account, "name")), "{name:?}");
    }
    // Pick the account of the first bill: the list shows that account's bills only.
    let bills = env.all("bills");
    let account = text_of(bills.first().expect("a bill"), "accountId");
    let theirs = bills
        .iter()
        .filter(|b| text_of(b, "accountId") == account)
        .count();
    env.fill(&label, &account).await;
    env.click_button("Apply filters").await;
    env.until("the account's bills only", || async {
        let rows = env.rows("Bills").await;
        (rows.len() == theirs.min(25)).then_some(())
    })
    .await;
    assert!(env.asked_list("/bills", &format!("accountId={account}")));
    env.assert_no_crash("after filtering by account").await;
    env.finish().await;
}

/// An account's detail names what its ids point at, also for a resource without the `ids` filter
/// (its statement definition, read by id), and offers its account plans, found through the plans
/// list's `account` filter (m3ter's short name for `accountId`), and its events.
#[tokio::test]
async fn an_account_names_its_statement_definition_and_lists_its_plans() {
    let env = Env::start().await;
    env.connect().await;
    let accounts = env.all("accounts");
    let account = accounts
        .iter()
        .find(|a| !text_of(a, "statementDefinitionId").is_empty())
        .expect("an account with a statement definition");
    let (id, name) = (text_of(account, "id"), text_of(account, "name"));
    let definition = env
        .stored(
            "statement-definitions",
            &text_of(account, "statementDefinitionId"),
        )
        .expect("the account's statement definition");
    env.visit(&format!("/accounts/{id}")).await;
    env.wait_heading(&name).await;
    env.link(&text_of(&definition, "name")).await;
    // m3ter lists an account's plans in force now (the demo has ended ones too).
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let now = chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    let plans = env
        .all("account-plans")
        .into_iter()
        .filter(|p| text_of(p, "accountId") == id && text_of(p, "startDate") <= now)
        .filter(|p| text_of(p, "endDate").is_empty() || text_of(p, "endDate") > now)
        .count();
    assert!(plans > 0 && plans < env.all("account-plans").len());
    env.click_link("Account plans of this account").await;
    env.until("the account's plans only", || async {
        let rows = env.rows("Account plans").await;
        (rows.len() == plans).then_some(())
    })
    .await;
    assert!(env.asked_list("/accountplans", &format!("account={id}")));
    env.assert_no_crash("after an account's plans").await;
    // Events name no account, but are listed by one: the overlay links the filter.
    let about = |e: &serde_json::Value, key: &str| {
        e.pointer(&format!("/m3terEvent/eventData/newDto/{key}"))
            .and_then(serde_json::Value::as_str)
            == Some(id.as_str())
    };
    let events = env
        .all("events")
        .into_iter()
        .filter(|e| {
            about(e, "accountId") || text_of(e, "eventName").contains(".account.") && about(e, "id")
        })
        .count();
    assert!(events > 0 && events < env.all("events").len());
    env.visit(&format!("/accounts/{id}")).await;
    env.wait_heading(&name).await;
    env.click_link("Events of this account").await;
    env.until("the account's events only", || async {
        let rows = env.rows("Events").await;
        (rows.len() == events).then_some(())
    })
    .await;
    assert!(env.asked_list("/events", &format!("accountId={id}")));
    env.finish().await;
}

/// A product offers its aggregations, although no field of theirs names one: m3ter keeps those on
/// the product's meters, and so does the sandbox.
#[tokio::test]
async fn a_product_lists_the_aggregations_on_its_meters() {
    let env = Env::start().await;
    env.connect().await;
    let meters = env.all("meters");
    let product_of = |a: &serde_json::Value| {
        meters
            .iter()
            .find(|m| text_of(m, "id") == text_of(a, "meterId"))
            .map(|m| text_of(m, "productId"))
            .filter(|p| !p.is_empty())
    };
    let aggregations = env.all("aggregations");
    let id = aggregations
        .iter()
        .find_map(product_of)
        .expect("an aggregation on a product's meter");
    let theirs = aggregations
        .iter()
        .filter(|a| product_of(a).as_deref() == Some(id.as_str()))
        .count();
    assert!(theirs < aggregations.len());
    let product = env.stored("products", &id).expect("the product");
    env.visit(&format!("/products/{id}")).await;
    env.wait_heading(&text_of(&product, "name")).await;
    env.click_link("Aggregations of this product").await;
    env.until("the product's aggregations only", || async {
        let rows = env.rows("Aggregations").await;
        (rows.len() == theirs.min(25)).then_some(())
    })
    .await;
    assert!(env.asked_list("/aggregations", &format!("productId={id}")));
    env.assert_no_crash("after a product's aggregations").await;
    env.finish().await;
}

/// An id whose resource a sibling names (an external mapping's m3ter entity) shows the entity's
/// name, in the list and on the mapping's page, and opens it.
#[tokio::test]
async fn an_external_mapping_names_the_entity_it_maps() {
    let env = Env::start().await;
    env.connect().await;
    let mapping = env
        .all("external-mappings")
        .into_iter()
        .find(|m| text_of(m, "m3terEntity") == "Account")
        .expect("a mapping of an account");
    let account = env
        .stored("accounts", &text_of(&mapping, "m3terId"))
        .expect("the mapped account");
    let name = text_of(&account, "name");
    env.visit("/external-mappings").await;
    env.wait_rows("External mappings").await;
    env.link(&name).await;
    env.visit(&format!("/external-mappings/{}", text_of(&mapping, "id")))
        .await;
    env.wait_heading(&text_of(&mapping, "externalId")).await;
    env.click_link(&name).await;
    env.wait_heading(&name).await;
    // A new mapping's m3ter ID offers the entities of the kind typed beside it.
    let product = env.all("products").into_iter().next().expect("a product");
    env.visit("/external-mappings").await;
    env.click_link("New mapping").await;
    env.fill("m3ter entity (required)", "Product").await;
    let input = env.field("m3ter ID (required)").await;
    input.click().await.expect("focus the m3ter ID");
    let offers = |want: String| {
        let (env, input) = (&env, &input);
        async move {
            env.until(&format!("{want} offered"), || async {
                let offered = env.offered(input).await;
                offered.iter().any(|(id, _)| *id == want).then_some(())
            })
            .await
        }
    };
    offers(text_of(&product, "id")).await;
    env.fill("m3ter entity (required)", "Account").await;
    input.click().await.expect("focus the m3ter ID");
    offers(text_of(&account, "id")).await;
    env.assert_no_crash("after a mapped entity").await;
    env.finish().await;
}

/// A resource m3ter only lists (marketplace usage reports): a link to one opened anew, with no list
/// loaded in the tab, says where to find it instead of asking m3ter for what it cannot answer.
#[tokio::test]
async fn a_listed_only_entity_opened_by_its_link_points_to_its_list() {
    let env = Env::start().await;
    env.connect().await;
    let reports = env.all("marketplace-usage-reports");
    let id = text_of(reports.first().expect("a report"), "id");
    env.clear_requests();
    env.visit(&format!("/marketplace-usage-reports/{id}")).await;
    env.see("is not in a list opened in this tab").await;
    assert!(!env
        .requests()
        .iter()
        .any(|r| r["path"].as_str().is_some_and(|p| p.ends_with(&id))));
    env.click_link("Open the marketplace usage reports").await;
    env.wait_rows("Marketplace usage reports").await;
    env.assert_no_crash("after a listed-only entity").await;
    env.finish().await;
}

/// Where m3ter's answer depends on asking, the console asks: a lookup table's page names its
/// active revision (`additional=activeRevision`), a list of bills leaves out their line items
/// (`excludeLineItems=true`) and asks for their totals, and a bill's page shows its line items.
#[tokio::test]
async fn pages_ask_for_what_they_show_and_lists_for_less() {
    let env = Env::start().await;
    env.connect().await;
    let (table, revision) = env
        .all("lookup-tables")
        .into_iter()
        .find_map(|t| {
            let revision = env.stored(
                "lookup-table-revisions",
                &text_of(t.get("activeRevision")?, "id"),
            )?;
            Some((t, revision))
        })
        .expect("a lookup table with an active revision");
    let id = text_of(&table, "id");
    env.clear_requests();
    env.visit(&format!("/lookup-tables/{id}")).await;
    env.wait_heading(&text_of(&table, "name")).await;
    // Its id is shown in the active revision's fields only (the revisions list below shows names),
    // and opens the revision below the table.
    env.see("Active revision").await;
    env.click_link(&text_of(&revision, "id")).await;
    env.wait_heading(&text_of(&revision, "name")).await;
    assert!(env.asked_list(&format!("/lookuptables/{id}"), "additional=activeRevision"));

    env.visit("/bills").await;
    env.wait_rows("Bills").await;
    assert!(env.asked_list("/bills", "excludeLineItems=true"));
    assert!(env.asked_list("/bills", "includeBillTotal=true"));
    let bill = env.all("bills").into_iter().next().expect("a bill");
    let items: Vec<serde_json::Value> = env
        .all("line-items")
        .into_iter()
        .filter(|l| text_of(l, "billId") == text_of(&bill, "id"))
        .collect();
    let first = items.first().expect("the demo bill has line items");
    env.visit(&format!("/bills/{}", text_of(&bill, "id"))).await;
    for item in &items {
        env.see(&text_of(item, "description")).await;
    }
    // The bill shows its line items as their list does; each one's page has the rest.
    env.see("Each line item's page shows all its fields.").await;
    let heads = env.headers("Line items").await;
    assert_eq!(
        heads.first().map(String::as_str),
        Some("Description"),
        "{heads:?}"
    );
    assert!(heads.iter().any(|h| h == "Subtotal"), "{heads:?}");
    assert!(
        !heads.iter().any(|h| h == "Accounting product"),
        "{heads:?}"
    );
    // Each line item the bill carries opens below it.
    let line_items = m3ter_models::resource("line-items").expect("line items");
    env.click_link(&text_of(first, "description")).await;
    env.wait_heading(&m3ter_models::resources::title_of(line_items, first))
        .await;
    env.assert_no_crash("after a bill's line items").await;
    env.finish().await;
}

/// An id filter whose resource a sibling filter names (a charge's `entityId`, by `entityType`)
/// offers that resource's entities once the kind is chosen; a transaction's list shows, by name,
/// the entity it settles.
#[tokio::test]
async fn an_entity_filter_offers_the_kind_chosen_beside_it() {
    let env = Env::start().await;
    env.connect().await;
    let charges = env.all("charges");
    let charge = charges
        .iter()
        .find(|c| text_of(c, "entityType") == "BALANCE" && !text_of(c, "entityId").is_empty())
        .expect("a charge on a balance");
    let balances: Vec<String> = env
        .all("balances")
        .iter()
        .map(|b| text_of(b, "id"))
        .collect();
    env.visit("/charges").await;
    env.wait_rows("Charges").await;
    env.select("Entity type", "Balance").await;
    let input = env.field("Entity").await;
    input.click().await.expect("focus the entity filter");
    let offered = env.offered(&input).await;
    assert!(
        offered.iter().all(|(id, _)| balances.contains(id)),
        "balances only: {offered:?}"
    );
    env.fill("Entity", &text_of(charge, "entityId")).await;
    env.click_button("Apply filters").await;
    let theirs = charges
        .iter()
        .filter(|c| text_of(c, "entityId") == text_of(charge, "entityId"))
        .count();
    env.until("the balance's charges only", || async {
        let rows = env.rows("Charges").await;
        (rows.len() == theirs).then_some(())
    })
    .await;
    assert!(theirs < charges.len());

    // The transactions of a balance, each with the bill or commitment it settles, by name.
    let bill = env
        .all("transactions")
        .into_iter()
        .find(|t| text_of(t, "entityType") == "BILL")
        .and_then(|t| env.stored("bills", &text_of(&t, "entityId")))
        .expect("a transaction of a bill");
    let bills = m3ter_models::resource("bills").expect("bills");
    let title = m3ter_models::resources::title_of(bills, &bill);
    let balance = balances.first().expect("a balance");
    env.visit(&format!("/balances/{balance}/transactions"))
        .await;
    env.until("a transaction names its bill", || async {
        let rows = env.rows("Transactions").await;
        rows.iter()
            .any(|r| r.iter().any(|c| c.contains(&title)))
            .then_some(())
    })
    .await;
    env.assert_no_crash("after entity filters").await;
    env.finish().await;
}

/// A credit's page names the line item it refers to, by its description, linked to its page under
/// the bill the credit refers to (not the bill the credit is on).
#[tokio::test]
async fn a_credit_names_the_line_item_it_refers_to() {
    let env = Env::start().await;
    env.connect().await;
    // A demo credit on one bill that corrects a line item of an earlier one.
    let (bill, credit) = env
        .all("bills")
        .iter()
        .find_map(|b| {
            let id = text_of(b, "id");
            let found = env
                .all_under("credit-line-items", &id)
                .into_iter()
                .find(|c| text_of(c, "referencedBillId") != id)?;
            Some((id, found))
        })
        .expect("a credit referring to another bill");
    let (on, item) = (
        text_of(&credit, "referencedBillId"),
        text_of(&credit, "referencedLineItemId"),
    );
    let described = env
        .all_under("line-items", &on)
        .into_iter()
        .find(|l| text_of(l, "id") == item)
        .map(|l| text_of(&l, "description"))
        .expect("the referenced line item");
    env.visit(&format!(
        "/bills/{bill}/credit-line-items/{}",
        text_of(&credit, "id")
    ))
    .await;
    env.wait_heading(&text_of(&credit, "description")).await;
    let link = env.link(&described).await;
    let href = link.attr("href").await.ok().flatten().unwrap_or_default();
    assert_eq!(href, format!("/bills/{on}/line-items/{item}"));
    env.see(&item).await;
    link.click().await.expect("open the line item");
    env.wait_heading(&described).await;
    env.assert_no_crash("a credit's referenced line item").await;
    env.finish().await;
}

/// Line items opened from the navigation offer, beside the picker of one bill, m3ter's list of
/// every bill's line items (an action on the root, which needs no bill).
#[tokio::test]
async fn line_items_of_every_bill_from_the_navigation() {
    let env = Env::start().await;
    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_link("Line items").await;
    env.field("Bill ID").await;
    env.click_link("Line items of all bills").await;
    env.wait_heading("Line items of all bills").await;
    env.click_button("Line items of all bills").await;
    // The newest line items, of more than one bill, each opening below its bill.
    let items = env.all("line-items");
    let first = items.first().expect("line items");
    let bills: std::collections::HashSet<String> = items
        .iter()
        .take(10)
        .map(|l| text_of(l, "billId"))
        .collect();
    assert!(bills.len() > 1, "{bills:?}");
    // A table as their list: each line item's description links to its page, its bill and
    // product named beside it.
    let css = format!(
        "table.answer-table th a[href$='/line-items/{}']",
        text_of(first, "id")
    );
    let link = env
        .until("the newest line item's link", || async {
            env.client.find(Locator::Css(&css)).await.ok()
        })
        .await;
    assert_eq!(
        link.text().await.expect("link text"),
        text_of(first, "description")
    );
    link.click().await.expect("open the line item");
    env.wait_heading(&text_of(first, "description")).await;
    let url = env.client.current_url().await.expect("url");
    assert_eq!(
        url.path(),
        format!(
            "/bills/{}/line-items/{}",
            text_of(first, "billId"),
            text_of(first, "id")
        )
    );
    env.assert_no_crash("line items of every bill").await;
    env.finish().await;
}

/// An event's page says which entity it is about, by name and linked, and for an update what
/// changed, field by field, as m3ter's old and new bodies differ.
#[tokio::test]
async fn an_update_event_names_its_entity_and_what_changed() {
    let env = Env::start().await;
    env.connect().await;
    let event = env
        .all("events")
        .into_iter()
        .find(|e| {
            let data = &e["m3terEvent"]["eventData"];
            text_of(e, "eventName").ends_with(".updated")
                && data["oldDto"]["standingCharge"] != data["newDto"]["standingCharge"]
        })
        .expect("an update event that changed a standing charge");
    let data = &event["m3terEvent"]["eventData"];
    let plan_id = text_of(&data["newDto"], "id");
    let plan = env.stored("plans", &plan_id).expect("the plan it is about");
    env.visit(&format!("/events/{}", text_of(&event, "id")))
        .await;
    env.wait_heading(&text_of(&event, "eventName")).await;
    let changed = env
        .until("what changed", || async {
            let rows = env.rows("What changed").await;
            (!rows.is_empty()).then_some(rows)
        })
        .await;
    let charge = changed
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "Standing charge"))
        .unwrap_or_else(|| panic!("the standing charge among {changed:?}"));
    assert_eq!(charge[1], data["oldDto"]["standingCharge"].to_string());
    assert_eq!(charge[2], data["newDto"]["standingCharge"].to_string());
    // Only what differs: the plan's name is the same before and after.
    assert!(changed.iter().all(|r| r[0] != "Name"), "{changed:?}");
    env.screenshot("event-changes").await;
    // The entity it is about, by name, opens its page.
    env.click_link(&text_of(&plan, "name")).await;
    env.wait_heading(&text_of(&plan, "name")).await;
    // And the plan's page lists what happened to it: its events only.
    let about_plan = env
        .all("events")
        .iter()
        .filter(|e| text_of(&e["m3terEvent"]["eventData"]["newDto"], "id") == plan_id)
        .count();
    assert!(about_plan > 0 && about_plan < env.all("events").len());
    env.click_link("Events of this plan").await;
    env.until("the plan's events only", || async {
        let rows = env.rows("Events").await;
        (rows.len() == about_plan).then_some(())
    })
    .await;
    assert!(env.asked_list("/events", &format!("resourceId={plan_id}")));
    env.assert_no_crash("an event's entity").await;
    env.finish().await;
}

/// The rows shown download as CSV (the table's columns with raw values, and each row's ID) and as
/// JSON (each row as loaded, numbers as received). A name a spreadsheet would run as a formula
/// stays text.
#[tokio::test]
async fn the_rows_shown_download_as_csv_and_json() {
    let env = Env::start().await;
    let mut meter = env.all("meters").into_iter().next().expect("a meter");
    let id = text_of(&meter, "id");
    let name = "=1+2, \"quoted\"";
    meter["name"] = name.into();
    let text = meter.to_string();
    let raw = format!(
        "{}, \"futureNumbers\": [1.50, 123456789012345678901234567890]}}",
        text.strip_suffix('}').expect("an object")
    );
    env.control(
        "PUT",
        &format!("/_sandbox/entities/meters/{id}"),
        Some(&raw),
    )
    .await;

    env.connect().await;
    env.wait_rows("Meters").await;
    env.click_button("Load all").await;
    let total = env.all("meters").len();
    let shown = env
        .until("all meters", || async {
            let rows = env.rows(&format!("all {total}")).await;
            (rows.len() == total).then_some(rows)
        })
        .await;
    let headers = env.headers("Meters").await;
    env.click_button("Download CSV").await;
    let (file, csv) = env.downloaded(".csv").await;
    assert!(file.starts_with("meters-"), "{file}");
    env.role("status", &format!("Downloaded {total} meters as CSV"))
        .await;
    let lines = parse_csv(csv.strip_prefix('\u{feff}').expect("a byte-order mark"));
    let (head, body) = lines.split_first().expect("a header");
    assert_eq!(head[..head.len() - 1], headers[..], "{head:?}");
    assert_eq!(head.last().map(String::as_str), Some("ID"));
    assert_eq!(body.len(), total);
    for (line, row) in body.iter().zip(&shown) {
        let stored = env
            .stored("meters", line.last().expect("an ID"))
            .expect("the row's meter");
        assert_eq!(line[0], row[0].replace(name, &format!("'{name}")));
        assert_eq!(
            line[0].trim_start_matches('\''),
            text_of(&stored, "name"),
            "{line:?}"
        );
    }

    // Only what the quick filter leaves, every field exactly as loaded.
    env.fill("Filter loaded rows", "quoted").await;
    env.until("one row", || async {
        (env.rows("1 of").await.len() == 1).then_some(())
    })
    .await;
    env.click_button("Download JSON").await;
    let (file, json) = env.downloaded(".json").await;
    assert!(file.starts_with("meters-"), "{file}");
    env.role("status", "Downloaded 1 meter as JSON").await;
    assert!(
        json.contains("1.50") && json.contains("123456789012345678901234567890"),
        "{json}"
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("a JSON array");
    assert_eq!(rows, vec![env.stored("meters", &id).expect("the meter")]);
    env.finish().await;
}

/// The fields of each CSV line (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut lines, mut line, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => line.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                line.push(std::mem::take(&mut field));
                lines.push(std::mem::take(&mut line));
            }
            (false, c) => field.push(c),
        }
    }
    lines
}
