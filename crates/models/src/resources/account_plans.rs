//! Account plans: an account on a plan, or on a plan group (an "account plan group"), never both;
//! replacing one ends it where the new one starts.

use crate::overlay::{ActionNote, FilterNote, Forms, Operation, Overlay};
use crate::validate::{Checker, FieldError, Obj};

pub static OVERLAY: Overlay = Overlay {
    key: "account-plans",
    filters: &[FilterNote::at("includeall", "Include inactive")
        .help("With an account: also its plans that have ended or not started")],
    filter_rules: Some(filter_rules),
    actions: &[ActionNote::new("replace", "Replace account plan")],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "account-plans",
    help: &[
        ("planId", "Either a plan or a plan group, not both."),
        ("planGroupId", "Either a plan group or a plan, not both."),
    ],
    confirms: &[
        ("replace", "This account plan ends at the new start date and a new one, as described, takes over from then."),
    ],
    rules: Some(rules),
    ..Forms::NONE
};

/// m3ter lists by product only within an account.
fn filter_rules(get: &dyn Fn(&str) -> Option<String>) -> Vec<FieldError> {
    let given = |k| get(k).is_some_and(|v| !v.trim().is_empty());
    if given("product") && !given("account") {
        vec![FieldError::new("product", "needs an account as well")]
    } else {
        Vec::new()
    }
}

/// Exactly one of `planId` and `planGroupId`, when created, edited or replaced alike.
fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    c.one_of(
        o,
        "planId",
        "planGroupId",
        "an account plan is on a plan or on a plan group, not both: clear one",
        "is required, or else a plan group",
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::overlay::Operation;

    fn errors(body: serde_json::Value) -> Vec<String> {
        let r = crate::resource("account-plans").expect("account plans");
        match crate::validate_request(r, Operation::Create, &body) {
            Ok(()) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.path).collect(),
        }
    }

    #[test]
    fn a_plan_or_a_plan_group_not_both() {
        let id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        let base = json!({"accountId": id, "startDate": "2025-01-01T00:00:00Z"});
        let with = |keys: &[&str]| {
            let mut b = base.clone();
            for k in keys {
                b[*k] = json!(id);
            }
            errors(b)
        };
        assert!(with(&["planId"]).is_empty());
        assert!(with(&["planGroupId"]).is_empty());
        assert_eq!(with(&["planId", "planGroupId"]), vec!["planGroupId"]);
        assert_eq!(with(&[]), vec!["planId"]);
    }

    #[test]
    fn products_only_within_an_account() {
        let rules = super::OVERLAY.filter_rules.expect("filter rules");
        let only = |keys: &'static [&'static str]| {
            rules(&|k: &str| keys.contains(&k).then(|| "x".to_owned())).len()
        };
        assert_eq!(only(&["product"]), 1);
        assert_eq!(only(&["product", "account"]), 0);
        assert_eq!(only(&["account"]), 0);
    }
}
