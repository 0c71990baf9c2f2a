//! Pricings: each prices one aggregation or one compound aggregation, for one plan or one plan
//! template.

use crate::overlay::{Forms, Operation, Overlay};
use crate::validate::{Checker, Obj};

/// Pages find the forms through it.
pub static OVERLAY: Overlay = Overlay {
    key: "pricings",
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "pricings",
    help: &[
        PLAN_HELP[0],
        PLAN_HELP[1],
        (
            "aggregationId",
            "Either an aggregation or a compound aggregation, not both.",
        ),
        (
            "compoundAggregationId",
            "Either a compound aggregation or an aggregation, not both.",
        ),
    ],
    rules: Some(rules),
    ..Forms::NONE
};

/// Help under the plan inputs of a pricing and of a counter pricing.
pub const PLAN_HELP: [(&str, &str); 2] = [
    ("planId", "Either a plan or a plan template, not both."),
    (
        "planTemplateId",
        "Either a plan template or a plan, not both.",
    ),
];

/// A pricing or counter pricing (`what`) is for one plan or one plan template.
pub fn plan_or_template(c: &mut Checker<'_>, o: &Obj<'_>, what: &str) {
    c.one_of(
        o,
        "planId",
        "planTemplateId",
        &format!("{what} is for a plan or for a plan template, not both: clear one"),
        "is required, or else a plan template",
    );
}

fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    plan_or_template(c, o, "a pricing");
    c.one_of(
        o,
        "aggregationId",
        "compoundAggregationId",
        "a pricing prices an aggregation or a compound aggregation, not both: clear one",
        "is required, or else a compound aggregation",
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::overlay::Operation;

    /// The paths of the errors of a pricing with these ids and otherwise valid.
    fn errors(keys: &[&str]) -> Vec<String> {
        let r = crate::resource("pricings").expect("pricings");
        let id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        let mut body = json!({
            "startDate": "2025-01-01T00:00:00Z",
            "pricingBands": [{"lowerLimit": 0, "fixedPrice": 0, "unitPrice": 1}],
        });
        for k in keys {
            body[*k] = json!(id);
        }
        match crate::validate_request(r, Operation::Create, &body) {
            Ok(()) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.path).collect(),
        }
    }

    #[test]
    fn one_plan_or_template_and_one_aggregation_or_compound() {
        assert_eq!(errors(&["planId", "aggregationId"]), Vec::<String>::new());
        assert_eq!(
            errors(&["planTemplateId", "compoundAggregationId"]),
            Vec::<String>::new()
        );
        assert_eq!(
            errors(&["planId", "planTemplateId", "aggregationId"]),
            vec!["planTemplateId"]
        );
        assert_eq!(
            errors(&["planId", "aggregationId", "compoundAggregationId"]),
            vec!["compoundAggregationId"]
        );
        assert_eq!(errors(&[]), vec!["planId", "aggregationId"]);
    }
}
