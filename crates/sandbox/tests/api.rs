//! The sandbox over real HTTP: every endpoint's success path and every error path.

mod support;

use m3ter_models::{resource, validate_request, writable_body, Operation};
use m3ter_sandbox::seed::DEFAULT_METERS;
use m3ter_sandbox::{Config, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::{json, Value};
use support::{ids, Sandbox};

fn meter_body(code: &str) -> Value {
    json!({
        "name": "Test meter", "code": code,
        "dataFields": [{"category": "MEASURE", "code": "units", "name": "Units", "unit": "{unit}"}],
        "derivedFields": [],
    })
}

#[tokio::test]
async fn lists_page_newest_first_with_opaque_tokens() {
    let sb = Sandbox::start().await;
    let first = sb.get(&Sandbox::org("meters")).await;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.json()["data"].as_array().map(Vec::len),
        Some(10),
        "default page size is 10"
    );
    let all = sb.all("meters", 7).await;
    assert_eq!(all.len(), DEFAULT_METERS);
    let mut unique = ids(&all);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), DEFAULT_METERS, "no item twice across pages");
    let created: Vec<&str> = all
        .iter()
        .map(|m| m["dtCreated"].as_str().unwrap_or_default())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "newest first");
    // The last page has no nextToken at all.
    let last = sb
        .get(&format!("{}?pageSize=100", Sandbox::org("meters")))
        .await
        .json();
    assert!(last.get("nextToken").is_none());
    // A token is opaque and checked.
    let bad = sb
        .get(&format!("{}?nextToken=42", Sandbox::org("meters")))
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.message().starts_with("nextToken:"), "{}", bad.message());
}

#[tokio::test]
async fn page_size_bounds_per_endpoint() {
    let sb = Sandbox::start().await;
    for (collection, max) in [
        ("meters", 100),
        ("dataexports/schedules", 100),
        ("dataexports/destinations", 200),
        ("balances", 100),
        ("statementjobs", 100),
    ] {
        let ok = sb
            .get(&format!("{}?pageSize={max}", Sandbox::org(collection)))
            .await;
        assert_eq!(ok.status, 200, "{collection} {max}");
        for bad in [0, max + 1] {
            let r = sb
                .get(&format!("{}?pageSize={bad}", Sandbox::org(collection)))
                .await;
            assert_eq!(r.status, 400, "{collection} pageSize={bad}");
            assert!(r.message().starts_with("pageSize:"));
        }
    }
    let r = sb
        .get(&format!("{}?pageSize=ten", Sandbox::org("meters")))
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn list_filters_including_ids_both_ways() {
    let sb = Sandbox::start().await;
    let all = sb.all("meters", 100).await;
    let (a, b, c) = (&all[0]["id"], &all[3]["id"], &all[5]["id"]);
    let (a, b, c) = (
        a.as_str().unwrap_or_default(),
        b.as_str().unwrap_or_default(),
        c.as_str().unwrap_or_default(),
    );
    let comma = sb
        .get(&format!("{}?ids={a}%2C{b}", Sandbox::org("meters")))
        .await
        .json();
    assert_eq!(comma["data"].as_array().map(Vec::len), Some(2));
    let repeated = sb
        .get(&format!(
            "{}?ids={a}&ids={b}&ids={c}",
            Sandbox::org("meters")
        ))
        .await
        .json();
    assert_eq!(repeated["data"].as_array().map(Vec::len), Some(3));
    let code = all[2]["code"].as_str().unwrap_or_default();
    let by_code = sb
        .get(&format!("{}?codes={code}", Sandbox::org("meters")))
        .await
        .json();
    assert_eq!(
        ids(by_code["data"].as_array().expect("data")),
        vec![all[2]["id"].as_str().unwrap_or_default()]
    );
    let product = all
        .iter()
        .find_map(|m| m["productId"].as_str())
        .expect("a meter with a product");
    let by_product = sb
        .get(&format!(
            "{}?productId={product}&pageSize=100",
            Sandbox::org("meters")
        ))
        .await
        .json();
    let found = by_product["data"].as_array().expect("data");
    assert!(!found.is_empty() && found.iter().all(|m| m["productId"] == product));

    let balances = sb.all("balances", 100).await;
    let account = balances[0]["accountId"].as_str().unwrap_or_default();
    let by_account = sb
        .get(&format!("{}?accountId={account}", Sandbox::org("balances")))
        .await
        .json();
    assert!(by_account["data"]
        .as_array()
        .expect("data")
        .iter()
        .all(|b| b["accountId"] == account));
    let ending = sb
        .get(&format!(
            "{}?endDateStart=2026-06-01T00:00:00Z&endDateEnd=2027-06-01T00:00:00Z",
            Sandbox::org("balances")
        ))
        .await;
    assert_eq!(ending.status, 200);
    for b in ending.json()["data"].as_array().expect("data") {
        let end = b["rolloverEndDate"]
            .as_str()
            .or(b["endDate"].as_str())
            .unwrap_or_default();
        assert!(("2026-06-01".."2027-06-01").contains(&end), "{end}");
    }
    let bad_date = sb
        .get(&format!("{}?endDateStart=soon", Sandbox::org("balances")))
        .await;
    assert_eq!(bad_date.status, 400);
}

/// The ids of `collection` that `query` lists, and of those that `keep` picks from all of them.
async fn listed_and_expected(
    sb: &Sandbox,
    collection: &str,
    query: &str,
    keep: impl Fn(&Value) -> bool,
) -> (Vec<String>, Vec<String>) {
    let all = sb.all(collection, 100).await;
    let got = sb
        .get(&format!(
            "{}?pageSize=100&{query}",
            Sandbox::org(collection)
        ))
        .await;
    assert_eq!(got.status, 200, "{collection}?{query}: {}", got.text);
    let mut listed = ids(got.json()["data"].as_array().expect("data"));
    let kept: Vec<Value> = all.into_iter().filter(|v| keep(v)).collect();
    let mut expected = ids(&kept);
    listed.sort();
    expected.sort();
    (listed, expected)
}

#[tokio::test]
async fn filters_by_an_ids_other_name_and_by_the_date_things_are_in_force() {
    let sb = Sandbox::start().await;
    // `account` is an account plan's `accountId`; the answer is that account's plans in force
    // now, or all of them with `includeall=true`. The demo has an account with an ended plan.
    let plans = sb.all("accountplans", 100).await;
    let ended = plans
        .iter()
        .find(|p| p["endDate"].as_str().is_some_and(|e| e < "2026-01-01"))
        .expect("a demo account plan that has ended");
    let account = ended["accountId"].as_str().unwrap_or_default().to_owned();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let (listed, expected) =
        listed_and_expected(&sb, "accountplans", &format!("account={account}"), |p| {
            p["accountId"] == account.as_str()
                && p["startDate"].as_str().is_some_and(|s| s <= now.as_str())
                && p["endDate"].as_str().is_none_or(|e| e > now.as_str())
        })
        .await;
    assert!(!listed.is_empty(), "{listed:?}");
    assert_eq!(listed, expected);
    assert!(!listed.contains(&ended["id"].as_str().unwrap_or_default().to_owned()));
    for all in ["includeall=true", "includeall=TRUE"] {
        let (listed, expected) = listed_and_expected(
            &sb,
            "accountplans",
            &format!("account={account}&{all}"),
            |p| p["accountId"] == account.as_str(),
        )
        .await;
        assert!(listed.len() > 1 && listed.len() < plans.len(), "{listed:?}");
        assert_eq!(listed, expected);
    }
    // A date says when instead of now; without an account every plan is listed.
    let then = format!("account={account}&date=2024-06-01");
    let (listed, _) = listed_and_expected(&sb, "accountplans", &then, |_| true).await;
    assert_eq!(
        listed,
        vec![ended["id"].as_str().unwrap_or_default().to_owned()]
    );
    let (listed, _) = listed_and_expected(&sb, "accountplans", "includeall=false", |_| true).await;
    assert_eq!(listed.len(), plans.len());
    // Each is on a plan or on a plan group, never both (m3ter refuses both).
    for p in &plans {
        let on = |k: &str| {
            p.get(k)
                .is_some_and(|v| v.as_str().is_some_and(|s| !s.is_empty()))
        };
        assert!(on("planId") != on("planGroupId"), "{p}");
    }
    let mut both = plans[0].clone();
    both["planGroupId"] = sb.all("plangroups", 1).await[0]["id"].clone();
    let id = both["id"].as_str().unwrap_or_default().to_owned();
    let refused = sb
        .api(
            "PUT",
            &Sandbox::org(&format!("accountplans/{id}")),
            Some(both),
        )
        .await;
    assert_eq!(refused.status, 400, "{}", refused.text);
    assert!(refused.text.contains("planGroupId"), "{}", refused.text);
    // `productId` is one of a commitment's `productIds`.
    let commitments = sb.all("commitments", 100).await;
    let product = commitments
        .iter()
        .find_map(|c| c["productIds"].get(0).and_then(Value::as_str))
        .expect("a commitment with products")
        .to_owned();
    let (listed, expected) =
        listed_and_expected(&sb, "commitments", &format!("productId={product}"), |c| {
            c["productIds"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p == product.as_str()))
        })
        .await;
    assert!(!listed.is_empty());
    assert_eq!(listed, expected);
    // `date`: started by then and not ended. The demo's pricings run through 2025.
    let in_force = |at: &'static str| {
        move |p: &Value| {
            let (start, end) = (p["startDate"].as_str(), p["endDate"].as_str());
            start.is_some_and(|s| s <= at) && end.is_none_or(|e| e > at)
        }
    };
    for at in ["2025-06-01T00:00:00Z", "2030-01-01T00:00:00Z"] {
        let (listed, expected) =
            listed_and_expected(&sb, "pricings", &format!("date={at}"), in_force(at)).await;
        assert_eq!(listed, expected, "pricings in force on {at}");
    }
    let (now, later) = (
        listed_and_expected(&sb, "pricings", "date=2025-06-01", |_| true).await,
        listed_and_expected(&sb, "pricings", "date=2030-01-01", |_| true).await,
    );
    assert!(
        !now.0.is_empty() && later.0.len() < now.1.len(),
        "{now:?} {later:?}"
    );
    // The overlay's reading of upload jobs' `dateCreatedStart`/`End`: when the file arrived.
    let uploads = sb.all("fileuploads/measurements/jobs", 100).await;
    let mut days: Vec<&str> = uploads
        .iter()
        .filter_map(|u| u["uploadDate"].as_str())
        .collect();
    days.sort();
    let (from, before) = (days[1], days[days.len() - 1]);
    let (listed, expected) = listed_and_expected(
        &sb,
        "fileuploads/measurements/jobs",
        &format!("dateCreatedStart={from}&dateCreatedEnd={before}"),
        |u| {
            u["uploadDate"]
                .as_str()
                .is_some_and(|d| d >= from && d < before)
        },
    )
    .await;
    assert!(
        !listed.is_empty() && listed.len() < uploads.len() - 1,
        "{listed:?}"
    );
    assert_eq!(listed, expected);
    let bad = sb
        .get(&format!("{}?date=soon", Sandbox::org("pricings")))
        .await;
    assert_eq!(bad.status, 400, "{}", bad.text);
}

#[tokio::test]
async fn bill_jobs_by_activity_and_external_mappings_by_system_and_entity() {
    let sb = Sandbox::start().await;
    // `active=TRUE`: neither completed nor cancelled; `FALSE`: all of them.
    let jobs = sb.all("billjobs", 100).await;
    let (listed, expected) = listed_and_expected(&sb, "billjobs", "active=TRUE", |j| {
        matches!(
            j["status"].as_str(),
            Some("PENDING" | "INITIALIZING" | "RUNNING")
        )
    })
    .await;
    assert!(
        !listed.is_empty() && listed.len() < jobs.len(),
        "{listed:?}"
    );
    assert_eq!(listed, expected);
    let (listed, _) = listed_and_expected(&sb, "billjobs", "active=FALSE", |_| true).await;
    assert_eq!(listed.len(), jobs.len());
    // m3ter names these filters after fields they do not match by name: `externalSystemId` is
    // the system's name, `m3terIds` the mapped entities' ids.
    let mappings = sb.all("externalmappings", 100).await;
    let system = mappings[0]["externalSystem"].as_str().unwrap_or_default();
    let (listed, expected) = listed_and_expected(
        &sb,
        "externalmappings",
        &format!("externalSystemId={system}"),
        |m| m["externalSystem"] == system,
    )
    .await;
    assert!(
        !listed.is_empty() && listed.len() < mappings.len(),
        "{listed:?}"
    );
    assert_eq!(listed, expected);
    let last = mappings.len() - 1;
    let two: Vec<&str> = [0, last]
        .iter()
        .filter_map(|&i| mappings[i]["m3terId"].as_str())
        .collect();
    let (listed, expected) = listed_and_expected(
        &sb,
        "externalmappings",
        &format!("m3terIds={}", two.join(",")),
        |m| m["m3terId"].as_str().is_some_and(|id| two.contains(&id)),
    )
    .await;
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed, expected);
}

#[tokio::test]
async fn aggregations_of_a_product_are_those_on_its_meters() {
    let sb = Sandbox::start().await;
    let meters = sb.all("meters", 100).await;
    let aggregations = sb.all("aggregations", 100).await;
    let product_of = |a: &Value| {
        meters
            .iter()
            .find(|m| m["id"] == a["meterId"])
            .and_then(|m| m["productId"].as_str())
            .map(str::to_owned)
    };
    let product = aggregations
        .iter()
        .find_map(product_of)
        .expect("an aggregation on a product's meter");
    let (listed, expected) =
        listed_and_expected(&sb, "aggregations", &format!("productId={product}"), |a| {
            product_of(a).as_deref() == Some(product.as_str())
        })
        .await;
    assert!(
        !listed.is_empty() && listed.len() < aggregations.len(),
        "{listed:?}"
    );
    assert_eq!(listed, expected);
    let (listed, _) = listed_and_expected(&sb, "aggregations", "productId=none", |_| true).await;
    assert!(listed.is_empty(), "{listed:?}");
}

#[tokio::test]
async fn statement_job_filters_are_exclusive() {
    let sb = Sandbox::start().await;
    let active = sb
        .get(&format!(
            "{}?active=TRUE&pageSize=100",
            Sandbox::org("statementjobs")
        ))
        .await
        .json();
    let statuses: Vec<&str> = active["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter_map(|j| j["statementJobStatus"].as_str())
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|s| *s == "PENDING" || *s == "RUNNING"),
        "{statuses:?}"
    );
    let complete = sb
        .get(&format!(
            "{}?status=COMPLETE",
            Sandbox::org("statementjobs")
        ))
        .await
        .json();
    assert!(complete["data"]
        .as_array()
        .expect("data")
        .iter()
        .all(|j| j["statementJobStatus"] == "COMPLETE"));
    let all = sb.all("statementjobs", 100).await;
    for status in ["PENDING", "RUNNING", "COMPLETE", "CANCELLED", "FAILED"] {
        assert!(
            all.iter().any(|j| j["statementJobStatus"] == status),
            "seed has a {status} job"
        );
    }
    let bill = all[0]["billId"].as_str().unwrap_or_default();
    let by_bill = sb
        .get(&format!("{}?billId={bill}", Sandbox::org("statementjobs")))
        .await
        .json();
    let jobs_of_bill = all.iter().filter(|j| j["billId"] == bill).count();
    assert_eq!(by_bill["data"].as_array().map(Vec::len), Some(jobs_of_bill));
    for combo in [
        "active=TRUE&status=PENDING",
        "status=PENDING&billId=x",
        "active=FALSE&billId=x",
    ] {
        let r = sb
            .get(&format!("{}?{combo}", Sandbox::org("statementjobs")))
            .await;
        assert_eq!(r.status, 400, "{combo}");
        assert!(
            r.message().contains("cannot be combined"),
            "{}",
            r.message()
        );
    }
}

#[tokio::test]
async fn retrieve_and_not_found() {
    let sb = Sandbox::start().await;
    let all = sb.all("dataexports/destinations", 200).await;
    let id = all[0]["id"].as_str().unwrap_or_default();
    let one = sb
        .get(&Sandbox::org(&format!("dataexports/destinations/{id}")))
        .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["id"], id);
    let missing = sb.get(&Sandbox::org("meters/no-such-meter")).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.message(), "Meter no-such-meter not found");
    let other_org = sb.get("/organizations/someone-else/meters").await;
    assert_eq!(other_org.status, 404);
    let nowhere = sb.get("/organizations/x").await;
    assert_eq!(nowhere.status, 404);
    assert!(nowhere.json()["message"].is_string());
}

#[tokio::test]
async fn create_update_and_version_conflicts() {
    let sb = Sandbox::start().await;
    let created = sb
        .api(
            "POST",
            &Sandbox::org("meters"),
            Some(meter_body("created_meter")),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    let meter = created.json();
    assert_eq!(meter["version"], 1);
    let id = meter["id"].as_str().expect("id").to_owned();
    assert_eq!(id.len(), 36);
    for key in ["dtCreated", "dtLastModified", "createdBy", "lastModifiedBy"] {
        assert!(meter[key].is_string(), "{key}");
    }
    // Newest first: the created meter heads the list.
    let first = sb
        .get(&format!("{}?pageSize=1", Sandbox::org("meters")))
        .await
        .json();
    assert_eq!(first["data"][0]["id"], id.as_str());

    let mut edit = meter_body("created_meter");
    edit["name"] = json!("Renamed");
    edit["version"] = json!(1);
    edit["futureField"] = json!({"kept": [1, 2]});
    let updated = sb
        .api(
            "PUT",
            &Sandbox::org(&format!("meters/{id}")),
            Some(edit.clone()),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    let updated = updated.json();
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["name"], "Renamed");
    assert_eq!(updated["dtCreated"], meter["dtCreated"]);
    assert_eq!(
        updated["futureField"],
        json!({"kept": [1, 2]}),
        "fields the server does not model are kept"
    );

    let stale = sb
        .api(
            "PUT",
            &Sandbox::org(&format!("meters/{id}")),
            Some(edit.clone()),
        )
        .await;
    assert_eq!(stale.status, 409);
    assert!(
        stale.message().contains("Version mismatch")
            && stale.message().contains("current version is 2"),
        "{}",
        stale.message()
    );

    edit.as_object_mut().expect("object").remove("version");
    let no_version = sb
        .api("PUT", &Sandbox::org(&format!("meters/{id}")), Some(edit))
        .await;
    assert_eq!(no_version.status, 400);
    assert!(no_version.message().starts_with("version:"));

    let missing = sb.api("PUT", &Sandbox::org("meters/nope"), Some(json!({"name": "x", "code": "x", "dataFields": [{"category": "WHO", "code": "a", "name": "A"}], "derivedFields": [], "version": 1}))).await;
    assert_eq!(missing.status, 404);
}

/// A code names one entity of its kind: a second one with it is refused at create and at update,
/// another kind may use it, and an entity saved again keeps its own.
#[tokio::test]
async fn a_code_is_taken_by_one_entity_of_its_kind() {
    let sb = Sandbox::start().await;
    let meters = Sandbox::org("meters");
    let post = |body: Value| sb.api("POST", &meters, Some(body));
    let first = post(meter_body("taken_code")).await;
    assert_eq!(first.status, 200, "{}", first.text);
    let first_id = first.json()["id"].as_str().expect("id").to_owned();
    let again = post(meter_body("taken_code")).await;
    assert_eq!(again.status, 400);
    assert!(
        again
            .message()
            .starts_with("code: \"taken_code\" is already the code of another meter"),
        "{}",
        again.message()
    );
    assert!(again.message().contains(&first_id), "{}", again.message());
    let product = sb
        .api(
            "POST",
            &Sandbox::org("products"),
            Some(json!({"name": "Product", "code": "taken_code"})),
        )
        .await;
    assert_eq!(product.status, 200, "{}", product.text);

    let second = post(meter_body("other_code")).await;
    let second_id = second.json()["id"].as_str().expect("id").to_owned();
    let mut take = meter_body("taken_code");
    take["version"] = json!(1);
    let taken = sb
        .api(
            "PUT",
            &Sandbox::org(&format!("meters/{second_id}")),
            Some(take.clone()),
        )
        .await;
    assert_eq!(taken.status, 400, "{}", taken.text);
    assert!(taken.message().starts_with("code: "), "{}", taken.message());
    take["name"] = json!("Renamed, same code");
    let kept = sb
        .api(
            "PUT",
            &Sandbox::org(&format!("meters/{first_id}")),
            Some(take),
        )
        .await;
    assert_eq!(kept.status, 200, "{}", kept.text);
}

#[tokio::test]
async fn bad_bodies_answer_400_with_the_field_path() {
    let sb = Sandbox::start().await;
    let mut bad = meter_body("ok_code");
    bad["dataFields"][0]["code"] = json!("2bad");
    let r = sb.api("POST", &Sandbox::org("meters"), Some(bad)).await;
    assert_eq!(r.status, 400);
    assert!(
        r.message().starts_with("dataFields[0].code: "),
        "{}",
        r.message()
    );
    let not_json = sb
        .request(
            "POST",
            &Sandbox::org("meters"),
            &[("authorization", "Bearer m3ter-sandbox-demo-token")],
            Some("{nope".into()),
        )
        .await
        .expect("answer");
    assert_eq!(not_json.status, 400);
    assert!(not_json.message().contains("not valid JSON"));
    let empty = sb
        .request(
            "POST",
            &Sandbox::org("meters"),
            &[("authorization", "Bearer m3ter-sandbox-demo-token")],
            None,
        )
        .await
        .expect("answer");
    assert_eq!(empty.status, 400);
    let schedule = json!({"name": "S", "code": "s", "sourceType": "USAGE", "scheduleType": "MINUTE", "period": 30, "offset": 5, "timePeriod": "TODAY"});
    let r = sb
        .api(
            "POST",
            &Sandbox::org("dataexports/schedules"),
            Some(schedule),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.message().starts_with("offset: "), "{}", r.message());
    let r = sb.api("POST", &Sandbox::org("balances"), Some(json!({"accountId": "a", "name": "B", "code": "b", "currency": "USD", "startDate": "2025-01-01T00:00:00Z", "endDate": "2026-01-01T00:00:00Z", "rolloverAmount": 5}))).await;
    assert_eq!(r.status, 400);
    assert!(
        r.message().starts_with("rolloverEndDate: "),
        "{}",
        r.message()
    );
}

#[tokio::test]
async fn delete_returns_the_body_and_cascades() {
    let sb = Sandbox::start().await;
    let meters = sb.all("meters", 100).await;
    let id = meters[1]["id"].as_str().unwrap_or_default();
    let deleted = sb
        .api("DELETE", &Sandbox::org(&format!("meters/{id}")), None)
        .await;
    assert_eq!(deleted.status, 200);
    assert_eq!(
        deleted.json(),
        meters[1],
        "DELETE answers with the deleted entity"
    );
    assert_eq!(
        sb.get(&Sandbox::org(&format!("meters/{id}"))).await.status,
        404
    );
    assert_eq!(
        sb.api("DELETE", &Sandbox::org(&format!("meters/{id}")), None)
            .await
            .status,
        404
    );
    assert_eq!(sb.all("meters", 100).await.len(), DEFAULT_METERS - 1);

    // A balance's transaction schedules go with it.
    let balances = sb.all("balances", 100).await;
    let mut with_schedules = None;
    for b in &balances {
        let bid = b["id"].as_str().unwrap_or_default();
        let list = sb
            .get(&Sandbox::org(&format!(
                "balances/{bid}/balancetransactionschedules"
            )))
            .await
            .json();
        if !list["data"].as_array().expect("data").is_empty() {
            with_schedules = Some(bid.to_owned());
            break;
        }
    }
    let bid = with_schedules.expect("a seeded balance with transaction schedules");
    assert_eq!(
        sb.api("DELETE", &Sandbox::org(&format!("balances/{bid}")), None)
            .await
            .status,
        200
    );
    let after = sb
        .get(&Sandbox::org(&format!(
            "balances/{bid}/balancetransactionschedules"
        )))
        .await;
    assert_eq!(after.status, 404);
    assert!(after.message().starts_with("Balance "));
}

#[tokio::test]
async fn transaction_schedules_live_under_a_balance() {
    let sb = Sandbox::start().await;
    let balances = sb.all("balances", 100).await;
    let bid = balances[0]["id"].as_str().unwrap_or_default();
    let path = Sandbox::org(&format!("balances/{bid}/balancetransactionschedules"));
    let body = json!({
        "name": "Monthly top-up", "code": "monthly_topup_test", "amount": 250,
        "transactionDescription": "Top-up", "transactionTypeId": "4f3e2d1c-0b9a-4887-a665-544332211000",
        "startDate": "2025-01-01T00:00:00Z", "endDate": "2035-01-01T00:00:00Z",
        "frequency": "MONTHLY", "frequencyInterval": 1,
    });
    let before = sb.get(&format!("{path}?pageSize=200")).await.json()["data"]
        .as_array()
        .map(Vec::len);
    let preview = sb
        .api(
            "POST",
            &format!("{path}/preview?pageSize=200"),
            Some(body.clone()),
        )
        .await;
    assert_eq!(preview.status, 200, "{}", preview.text);
    assert!(preview.json()["nextRun"].is_string());
    assert_eq!(
        sb.get(&format!("{path}?pageSize=200")).await.json()["data"]
            .as_array()
            .map(Vec::len),
        before,
        "preview saves nothing"
    );
    assert_eq!(
        sb.api(
            "POST",
            &format!("{path}/preview?pageSize=201"),
            Some(body.clone())
        )
        .await
        .status,
        400
    );

    let created = sb.api("POST", &path, Some(body.clone())).await;
    assert_eq!(created.status, 200, "{}", created.text);
    let created = created.json();
    assert_eq!(created["balanceId"], bid);
    assert!(created["nextRun"].is_string() && created["previousRun"].is_string());
    let id = created["id"].as_str().unwrap_or_default();
    assert_eq!(sb.get(&format!("{path}/{id}")).await.status, 200);
    // The same id under another balance is not found.
    let other = balances[1]["id"].as_str().unwrap_or_default();
    assert_eq!(
        sb.get(&Sandbox::org(&format!(
            "balances/{other}/balancetransactionschedules/{id}"
        )))
        .await
        .status,
        404
    );
    assert_eq!(
        sb.get(&Sandbox::org("balances/nope/balancetransactionschedules"))
            .await
            .status,
        404
    );
    let deleted = sb.api("DELETE", &format!("{path}/{id}"), None).await;
    assert_eq!(deleted.json()["id"], id);
}

#[tokio::test]
async fn statement_jobs_advance_cancel_and_batch() {
    let sb = Sandbox::with(Config {
        job_step_ms: 300,
        ..Config::default()
    })
    .await;
    let jobs = Sandbox::org("statementjobs");
    let created = sb
        .api(
            "POST",
            &jobs,
            Some(json!({"billId": "bill-1", "includeCsvFormat": true})),
        )
        .await
        .json();
    assert_eq!(created["statementJobStatus"], "PENDING");
    assert!(created["presignedJsonStatementUrl"].is_null());
    let id = created["id"].as_str().unwrap_or_default().to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(350)).await;
    assert_eq!(
        sb.get(&format!("{jobs}/{id}")).await.json()["statementJobStatus"],
        "RUNNING"
    );
    tokio::time::sleep(std::time::Duration::from_millis(350)).await;
    let done = sb.get(&format!("{jobs}/{id}")).await.json();
    assert_eq!(done["statementJobStatus"], "COMPLETE");
    let url = done["presignedJsonStatementUrl"]
        .as_str()
        .expect("url")
        .to_owned();
    assert!(done["presignedCsvStatementUrl"].is_string());
    let path = url.trim_start_matches(&sb.running.url());
    let statement = sb.request("GET", path, &[], None).await.expect("statement");
    assert_eq!(statement.status, 200);
    assert_eq!(statement.json()["billId"], "bill-1");

    let refused = sb.api("POST", &format!("{jobs}/{id}/cancel"), None).await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.message().contains("COMPLETE"),
        "{}",
        refused.message()
    );

    let fresh = sb
        .api("POST", &jobs, Some(json!({"billId": "bill-2"})))
        .await
        .json();
    let fresh_id = fresh["id"].as_str().unwrap_or_default();
    let cancelled = sb
        .api("POST", &format!("{jobs}/{fresh_id}/cancel"), None)
        .await;
    assert_eq!(cancelled.status, 200);
    assert_eq!(cancelled.json()["statementJobStatus"], "CANCELLED");
    assert_eq!(cancelled.json()["version"], 2);
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert_eq!(
        sb.get(&format!("{jobs}/{fresh_id}")).await.json()["statementJobStatus"],
        "CANCELLED",
        "a cancelled job stays cancelled"
    );
    assert_eq!(
        sb.api("POST", &format!("{jobs}/nope/cancel"), None)
            .await
            .status,
        404
    );

    let batch = sb
        .api(
            "POST",
            &format!("{jobs}/batch"),
            Some(json!({"billIds": ["b1", "b2", "b3"], "includeCsvFormat": false})),
        )
        .await;
    assert_eq!(batch.status, 200, "{}", batch.text);
    let batch = batch.json();
    let list = batch.as_array().expect("a JSON array");
    assert_eq!(list.len(), 3);
    assert_eq!(list[1]["billId"], "b2");
    let too_many: Vec<String> = (0..11).map(|i| format!("b{i}")).collect();
    let r = sb
        .api(
            "POST",
            &format!("{jobs}/batch"),
            Some(json!({"billIds": too_many})),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.message().starts_with("billIds:"));
    // No update or delete on statement jobs.
    assert_eq!(
        sb.api("DELETE", &format!("{jobs}/{id}"), None).await.status,
        405
    );
}

#[tokio::test]
async fn seeded_cancel_targets_stay_put() {
    let sb = Sandbox::with(Config {
        job_step_ms: 1,
        ..Config::default()
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let pending = sb
        .get(&format!("{}?status=PENDING", Sandbox::org("statementjobs")))
        .await
        .json();
    assert!(
        !pending["data"].as_array().expect("data").is_empty(),
        "seeded PENDING jobs do not advance"
    );
}

#[tokio::test]
async fn tokens_missing_wrong_expired_and_oauth() {
    let sb = Sandbox::start().await;
    let path = Sandbox::org("meters");
    let missing = sb.request("GET", &path, &[], None).await.expect("answer");
    assert_eq!(missing.status, 401);
    assert!(missing.message().contains("Missing bearer token"));
    let wrong = sb
        .request("GET", &path, &[("authorization", "Bearer nope")], None)
        .await
        .expect("answer");
    assert_eq!(wrong.status, 403);
    assert_eq!(wrong.message(), "Invalid token");

    let basic = format!(
        "Basic {}",
        base64_encode(&format!("{DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}"))
    );
    let form = sb
        .request(
            "POST",
            "/oauth/token",
            &[
                ("authorization", &basic),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            Some("grant_type=client_credentials".into()),
        )
        .await
        .expect("answer");
    assert_eq!(form.status, 200, "{}", form.text);
    let json_body = sb
        .request(
            "POST",
            "/oauth/token",
            &[
                ("authorization", &basic),
                ("content-type", "application/json"),
            ],
            Some(r#"{"grant_type":"client_credentials"}"#.into()),
        )
        .await
        .expect("answer");
    assert_eq!(json_body.status, 200);
    let token: m3ter_models::TokenResponse =
        serde_json::from_str(&json_body.text).expect("token response");
    assert_eq!(token.expires_in, 18000);
    assert_eq!(
        token.access_token.split('.').count(),
        3,
        "JWT-shaped so clients can read the expiry"
    );
    let bearer = format!("Bearer {}", token.access_token);
    assert_eq!(
        sb.request("GET", &path, &[("authorization", &bearer)], None)
            .await
            .expect("answer")
            .status,
        200
    );

    let wrong_secret = format!("Basic {}", base64_encode(&format!("{DEMO_CLIENT_ID}:nope")));
    let r = sb
        .request(
            "POST",
            "/oauth/token",
            &[
                ("authorization", &wrong_secret),
                ("content-type", "application/json"),
            ],
            Some(r#"{"grant_type":"client_credentials"}"#.into()),
        )
        .await
        .expect("answer");
    assert_eq!(r.status, 401);
    let r = sb
        .request(
            "POST",
            "/oauth/token",
            &[("content-type", "application/json")],
            Some(r#"{"grant_type":"client_credentials"}"#.into()),
        )
        .await
        .expect("answer");
    assert_eq!(r.status, 401);
    let r = sb
        .request(
            "POST",
            "/oauth/token",
            &[
                ("authorization", &basic),
                ("content-type", "application/json"),
            ],
            Some(r#"{"grant_type":"password"}"#.into()),
        )
        .await
        .expect("answer");
    assert_eq!(r.status, 400);

    sb.admin(
        "POST",
        "/_sandbox/tokens/expire",
        Some(json!({"token": token.access_token})),
    )
    .await;
    let expired = sb
        .request("GET", &path, &[("authorization", &bearer)], None)
        .await
        .expect("answer");
    assert_eq!(expired.status, 403);
    assert_eq!(expired.message(), "Token has expired");
    let short = sb
        .admin("POST", "/_sandbox/tokens", Some(json!({"ttlSecs": 0})))
        .await
        .json();
    let short = format!(
        "Bearer {}",
        short["access_token"].as_str().unwrap_or_default()
    );
    assert_eq!(
        sb.request("GET", &path, &[("authorization", &short)], None)
            .await
            .expect("answer")
            .status,
        403
    );
}

fn base64_encode(s: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let sb = Sandbox::with(Config {
        rate_limit: Some(2),
        ..Config::default()
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let r = sb.get(&Sandbox::org("meters")).await;
        if r.status == 429 {
            assert_eq!(r.headers.get("retry-after").map(String::as_str), Some("1"));
            assert!(r.message().contains("Rate limit"));
        }
        statuses.push(r.status);
    }
    assert_eq!(&statuses[..2], &[200, 200]);
    assert!(statuses[2..].contains(&429), "{statuses:?}");
}

#[tokio::test]
async fn cors_for_browsers_including_preflight() {
    let sb = Sandbox::start().await;
    let pre = sb
        .request(
            "OPTIONS",
            &Sandbox::org("meters/x"),
            &[
                ("origin", "http://console.example"),
                ("access-control-request-method", "PUT"),
                (
                    "access-control-request-headers",
                    "authorization,content-type",
                ),
            ],
            None,
        )
        .await
        .expect("answer");
    assert!(pre.status < 300);
    assert_eq!(
        pre.headers
            .get("access-control-allow-origin")
            .map(String::as_str),
        Some("http://console.example")
    );
    let allowed = pre
        .headers
        .get("access-control-allow-headers")
        .cloned()
        .unwrap_or_default();
    assert!(
        allowed.contains("authorization") && allowed.contains("content-type"),
        "{allowed}"
    );
    assert!(pre
        .headers
        .get("access-control-allow-methods")
        .is_some_and(|m| m.contains("PUT") && m.contains("DELETE")));
    let get = sb
        .request(
            "GET",
            &Sandbox::org("meters"),
            &[
                ("origin", "http://console.example"),
                ("authorization", "Bearer m3ter-sandbox-demo-token"),
            ],
            None,
        )
        .await
        .expect("answer");
    assert_eq!(
        get.headers
            .get("access-control-allow-origin")
            .map(String::as_str),
        Some("http://console.example")
    );
    // Errors carry CORS headers too, or the browser could not read them.
    let err = sb
        .request(
            "GET",
            &Sandbox::org("meters"),
            &[("origin", "http://console.example")],
            None,
        )
        .await
        .expect("answer");
    assert_eq!(err.status, 401);
    assert!(err.headers.contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn seeded_entities_are_valid_requests_for_every_resource() {
    let sb = Sandbox::start().await;
    for (key, collection) in [
        ("meters", "meters"),
        ("export-schedules", "dataexports/schedules"),
        ("export-destinations", "dataexports/destinations"),
        ("balances", "balances"),
    ] {
        let meta = resource(key).expect("resource");
        let items = sb.all(collection, 100).await;
        assert!(!items.is_empty(), "{key}");
        for item in items {
            let body = writable_body(meta, &item);
            if let Err(e) = validate_request(meta, Operation::Create, &body) {
                panic!("seeded {key} {} is not a valid request: {e:?}", item["id"]);
            }
        }
    }
    let schedules = sb.all("dataexports/schedules", 100).await;
    for variant in ["USAGE", "OPERATIONAL"] {
        assert!(schedules.iter().any(|s| s["sourceType"] == variant));
    }
    let destinations = sb.all("dataexports/destinations", 100).await;
    for kind in ["S3", "GCS"] {
        assert!(destinations.iter().any(|d| d["destinationType"] == kind));
    }
}

#[tokio::test]
async fn ten_thousand_meters() {
    let sb = Sandbox::with(Config {
        seed: Some(10_000),
        ..Config::default()
    })
    .await;
    let started = std::time::Instant::now();
    let all = sb.all("meters", 100).await;
    assert_eq!(all.len(), 10_000);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[tokio::test]
async fn admin_reset_entities_and_request_log() {
    let sb = Sandbox::start().await;
    let raw = sb.admin("POST", "/_sandbox/entities/meters", Some(json!({"name": "Raw", "code": "raw", "dataFields": [{"category": "FUTURE", "code": "x", "name": "X"}], "derivedFields": [], "futureField": 1}))).await;
    assert_eq!(raw.status, 200);
    let id = raw.json()["id"].as_str().unwrap_or_default().to_owned();
    let got = sb.get(&Sandbox::org(&format!("meters/{id}"))).await.json();
    assert_eq!(got["futureField"], 1);
    assert_eq!(got["dataFields"][0]["category"], "FUTURE");
    let put = sb
        .admin(
            "PUT",
            &format!("/_sandbox/entities/meters/{id}"),
            Some(json!({"name": "Raw 2", "version": 7})),
        )
        .await;
    assert_eq!(put.json()["version"], 7);
    assert_eq!(
        sb.admin("GET", &format!("/_sandbox/entities/meters/{id}"), None)
            .await
            .json()["name"],
        "Raw 2"
    );
    let log = sb.admin("GET", "/_sandbox/requests", None).await.json();
    let log = log.as_array().expect("log");
    assert!(log.iter().any(|r| r["method"] == "GET"
        && r["path"].as_str().is_some_and(|p| p.ends_with(&id))
        && r["status"] == 200));
    assert!(log.iter().all(|r| r["hasAuthorization"] == true));
    assert_eq!(sb.admin("POST", "/_sandbox/reset", None).await.status, 204);
    assert_eq!(
        sb.get(&Sandbox::org(&format!("meters/{id}"))).await.status,
        404
    );
    assert_eq!(
        sb.admin("GET", "/_sandbox/requests", None)
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let summary = sb.admin("GET", "/_sandbox", None).await.json();
    assert_eq!(summary["counts"]["meters"], DEFAULT_METERS);
}

/// The demo's text reads like data: no seeded string is just its field's label and a number
/// ("Year epoch 1"), in any listed collection or settings object, at any depth.
#[tokio::test]
async fn seeded_text_reads_like_data_not_like_its_label() {
    fn placeholders(value: &Value, key: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| placeholders(v, k, out)),
            Value::Array(items) => items.iter().for_each(|v| placeholders(v, key, out)),
            Value::String(s) => {
                let label = m3ter_models::catalogue::label::field(key);
                let number = s.strip_prefix(&label).and_then(|r| r.strip_prefix(' '));
                if number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
                    out.push(format!("{key}: {s}"));
                }
            }
            _ => {}
        }
    }
    let sb = Sandbox::start().await;
    let mut found = Vec::new();
    let mut read = 0;
    for r in m3ter_models::RESOURCES.iter() {
        let singleton = r.entry().is_some_and(|e| e.singleton);
        if r.path.contains('{') || !(r.ops.list || singleton) {
            continue;
        }
        let items = if singleton {
            let answer = sb.get(&Sandbox::org(r.path)).await;
            assert_eq!(answer.status, 200, "{}: {}", r.key, answer.text);
            vec![answer.json()]
        } else {
            sb.all(r.path, r.page_size_max.clamp(1, 100) as usize).await
        };
        read += items.len();
        for item in &items {
            let before = found.len();
            placeholders(item, "", &mut found);
            for f in &mut found[before..] {
                *f = format!("{} {f}", r.key);
            }
        }
    }
    assert!(read > 150, "read only {read} entities");
    assert!(found.is_empty(), "{found:#?}");
}

/// Settings objects answer with an id, as m3ter's do, and keep it (and move their version on)
/// when replaced.
#[tokio::test]
async fn a_settings_object_has_an_id_that_a_put_keeps() {
    let sb = Sandbox::start().await;
    let path = Sandbox::org("organizationconfig");
    let before = sb.get(&path).await.json();
    let id = before["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(id.len(), 36, "{before}");
    let mut body = writable_body(
        resource("organization-configuration").expect("known"),
        &before,
    );
    body["billPrefix"] = json!("ACME-");
    body["version"] = before["version"].clone();
    let put = sb.api("PUT", &path, Some(body)).await;
    assert_eq!(put.status, 200, "{}", put.text);
    let after = sb.get(&path).await.json();
    assert_eq!(after["id"], json!(id));
    assert_eq!(after["billPrefix"], "ACME-");
    assert_eq!(
        after["version"],
        json!(before["version"].as_i64().unwrap_or_default() + 1)
    );
}

/// Every id in the demo data that names an entity of a top-level collection names one that
/// exists (a link the console draws opens something), top-level fields and lists of ids alike.
#[tokio::test]
async fn every_seeded_link_opens_an_entity() {
    use m3ter_models::catalogue::Kind;
    let sb = Sandbox::start().await;
    let listed = |r: &m3ter_models::Resource| {
        !r.path.contains('{') && r.ops.list && !r.entry().is_some_and(|e| e.singleton)
    };
    let mut ids: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for r in m3ter_models::RESOURCES.iter().filter(|r| listed(r)) {
        let items = sb.all(r.path, r.page_size_max.clamp(1, 100) as usize).await;
        ids.insert(r.key, support::ids(&items));
    }
    let mut dangling = Vec::new();
    let mut links = 0;
    for r in m3ter_models::RESOURCES.iter().filter(|r| listed(r)) {
        let o = m3ter_models::resources::overlay(r.key);
        let items = sb.all(r.path, r.page_size_max.clamp(1, 100) as usize).await;
        for f in r.fields {
            let fixed = m3ter_models::overlay::link(o, f.key, f);
            // Or the resource a sibling names, item by item (an external mapping's m3terEntity).
            let by = o.note(f.key).and_then(|n| n.link_by);
            for item in &items {
                let named_by = by
                    .and_then(|k| item.get(k)?.as_str())
                    .and_then(m3ter_models::catalogue::resource_named);
                let Some(to) = named_by.or(fixed) else {
                    continue;
                };
                let Some(known) = ids.get(to) else { continue };
                let named: Vec<&str> = match (&f.kind, item.get(f.key)) {
                    (Kind::Id { .. }, Some(Value::String(id))) => vec![id.as_str()],
                    (Kind::Ids { .. }, Some(Value::Array(list))) => {
                        list.iter().filter_map(Value::as_str).collect()
                    }
                    _ => vec![],
                };
                for id in named.into_iter().filter(|id| !id.is_empty()) {
                    links += 1;
                    if !known.iter().any(|k| k == id) {
                        dangling.push(format!("{} {} → {to} {id}", r.key, f.key));
                    }
                }
            }
        }
    }
    assert!(links > 100, "only {links} links");
    assert!(dangling.is_empty(), "{dangling:#?}");
}

/// The demo's events carry the entity they are about as m3ter's do (`m3terEvent.eventData.newDto`,
/// and `oldDto` for an update), and the account, resource and actioned filters keep the right ones.
#[tokio::test]
async fn events_carry_their_entity_and_filter_by_it() {
    let sb = Sandbox::start().await;
    let events = sb.all("events", 100).await;
    let accounts = support::ids(&sb.all("accounts", 100).await);
    let dto = |e: &Value, key: &str| {
        e.pointer("/m3terEvent/eventData/newDto")
            .and_then(|d| d.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    assert!(events.len() >= 8, "{}", events.len());
    for e in &events {
        assert!(!dto(e, "id").is_empty(), "{e}");
        if e["eventName"]
            .as_str()
            .is_some_and(|n| n.ends_with(".updated"))
        {
            assert!(e.pointer("/m3terEvent/eventData/oldDto").is_some(), "{e}");
        }
    }
    let created = events
        .iter()
        .find(|e| e["eventName"] == "configuration.account.created")
        .expect("an account's creation");
    assert!(accounts.contains(&dto(created, "id")));
    // An account's events: its own, and those of what belongs to it.
    let account = dto(created, "id");
    let (listed, expected) =
        listed_and_expected(&sb, "events", &format!("accountId={account}"), |e| {
            dto(e, "accountId") == account
                || (e["eventName"] == "configuration.account.created" && dto(e, "id") == account)
        })
        .await;
    assert!(
        listed.len() > 1 && listed.len() < events.len(),
        "{listed:?}"
    );
    assert_eq!(listed, expected);
    let (listed, expected) =
        listed_and_expected(&sb, "events", &format!("resourceId={account}"), |e| {
            dto(e, "id") == account
        })
        .await;
    assert_eq!((listed.len(), &listed), (1, &expected));
    let (listed, expected) = listed_and_expected(&sb, "events", "includeActioned=false", |e| {
        e.get("dtActioned").is_none()
    })
    .await;
    assert!(!listed.is_empty() && listed.len() < events.len());
    assert_eq!(listed, expected);
    // Kinds of events the demo has none of: a filter for one keeps nothing, rather than all.
    for query in [
        format!("notificationId={account}"),
        "notificationCode=low_balance".to_owned(),
        "eventType=Notification".to_owned(),
    ] {
        let (listed, _) = listed_and_expected(&sb, "events", &query, |_| false).await;
        assert!(listed.is_empty(), "{query}: {listed:?}");
    }
}

/// The demo's counters count something by a unit, and each account's count of one of them
/// changes over the year: later dates, higher counts, each on a counter that exists.
#[tokio::test]
async fn a_demo_accounts_count_changes_over_the_year() {
    let sb = Sandbox::start().await;
    let counters = sb.all("counters", 100).await;
    let names: std::collections::HashSet<&str> =
        counters.iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(names.len(), counters.len(), "{counters:?}");
    let adjustments = sb.all("counteradjustments", 100).await;
    let accounts: std::collections::HashSet<&str> = adjustments
        .iter()
        .filter_map(|a| a["accountId"].as_str())
        .collect();
    assert!(accounts.len() > 1, "{adjustments:?}");
    for account in accounts {
        let mut theirs: Vec<&Value> = adjustments
            .iter()
            .filter(|a| a["accountId"] == account)
            .collect();
        theirs.sort_by_key(|a| a["date"].as_str().unwrap_or_default().to_owned());
        assert!(theirs.len() > 1, "{theirs:?}");
        for pair in theirs.windows(2) {
            assert!(pair[0]["date"] != pair[1]["date"], "{pair:?}");
            assert!(
                pair[0]["value"].as_i64() < pair[1]["value"].as_i64(),
                "{pair:?}"
            );
        }
        for a in theirs {
            assert!(
                counters.iter().any(|c| c["id"] == a["counterId"]),
                "{a} names no counter"
            );
        }
    }
}
