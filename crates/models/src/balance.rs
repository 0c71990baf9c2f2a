//! Balances: prepaid or committed amounts that usage draws down.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{
    Action, FieldKind, FieldMeta, FilterKind, FilterMeta, Link, ResourceMeta, IDS_FILTER,
};
use crate::open_enum;
use crate::validate::{Check, Obj};

open_enum!(
    LineItemType, "Line item type" {
        StandingCharge = "STANDING_CHARGE" => "Standing charge",
        Usage = "USAGE" => "Usage",
        MinimumSpend = "MINIMUM_SPEND" => "Minimum spend",
        CounterRunningTotalCharge = "COUNTER_RUNNING_TOTAL_CHARGE" => "Counter running total charge",
        CounterAdjustmentDebit = "COUNTER_ADJUSTMENT_DEBIT" => "Counter adjustment debit",
        AdHoc = "AD_HOC" => "Ad hoc",
    }
);

/// The writable fields of a balance, shared by the request and the response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BalanceFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollover_amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollover_end_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_draw_down_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overage_surcharge_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overage_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_item_types: Option<Vec<LineItemType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumptions_accounting_product_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees_accounting_product_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_overdraft: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Extra>,
}

/// `POST`/`PUT /balances`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BalanceRequest {
    #[serde(flatten)]
    pub fields: BalanceFields,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A balance as the API returns it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    #[serde(flatten)]
    pub audit: Audit,
    #[serde(flatten)]
    pub fields: BalanceFields,
    /// Read-only: the current value, changed by transactions rather than by PUT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The rules for a balance request body.
pub(crate) fn rules(c: &mut Check<'_>, o: &Obj<'_>) {
    c.text("accountId", o.str("accountId"), true, 1, usize::MAX);
    c.text("name", o.str("name"), true, 1, usize::MAX);
    c.code("code", o.str("code"));
    c.text("currency", o.str("currency"), true, 1, usize::MAX);
    for key in ["startDate", "endDate"] {
        if !o.has(key) {
            c.fail(key, "is required");
        }
    }
    let (start, end, rollover_end) = (
        o.date("startDate"),
        o.date("endDate"),
        o.date("rolloverEndDate"),
    );
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            c.fail("endDate", "must be after the start date");
        }
    }
    c.number("rolloverAmount", o.num("rolloverAmount"), false, Some(0.0));
    if o.has("rolloverAmount") && !o.has("rolloverEndDate") {
        c.fail(
            "rolloverEndDate",
            "is required when a rollover amount is set",
        );
    }
    if let (Some(end), Some(rollover_end)) = (end, rollover_end) {
        if rollover_end < end {
            c.fail("rolloverEndDate", "must not be before the end date");
        }
    }
    c.text(
        "balanceDrawDownDescription",
        o.str("balanceDrawDownDescription"),
        false,
        0,
        200,
    );
    c.number(
        "overageSurchargePercent",
        o.num("overageSurchargePercent"),
        false,
        Some(0.0),
    );
    c.text(
        "overageDescription",
        o.str("overageDescription"),
        false,
        0,
        200,
    );
    if let Some(ids) = o.strings("productIds") {
        c.non_empty_items("productIds", &ids);
    }
    for key in ["consumptionsAccountingProductId", "feesAccountingProductId"] {
        c.exact_len(key, o.str(key), 36);
    }
    c.custom_fields("customFields", o.map("customFields"));
}

pub static BALANCE_FIELDS: &[FieldMeta] = &[
    FieldMeta::new(
        "name",
        "Name",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .required(),
    FieldMeta::new("code", "Code", FieldKind::Code).required(),
    FieldMeta::new(
        "accountId",
        "Account",
        FieldKind::Id(Some(Link::Filter {
            resource: "balances",
            param: "accountId",
        })),
    )
    .required(),
    FieldMeta::new(
        "currency",
        "Currency",
        FieldKind::Text {
            max: None,
            multiline: false,
        },
    )
    .required()
    .help("e.g. USD, GBP, EUR"),
    FieldMeta::new("amount", "Amount", FieldKind::Number { min: None })
        .read_only()
        .help("The current value; it changes through transactions, not through edits."),
    FieldMeta::new(
        "description",
        "Description",
        FieldKind::Text {
            max: None,
            multiline: true,
        },
    ),
    FieldMeta::new("startDate", "Start date", FieldKind::DateTime).required(),
    FieldMeta::new("endDate", "End date", FieldKind::DateTime)
        .required()
        .help("The balance is inactive after this date."),
    FieldMeta::new(
        "rolloverAmount",
        "Rollover amount",
        FieldKind::Number { min: Some(0.0) },
    )
    .help("The most that can be carried over after the end date; needs a rollover end date."),
    FieldMeta::new("rolloverEndDate", "Rollover end date", FieldKind::DateTime)
        .help("End of the rollover grace period."),
    FieldMeta::new(
        "balanceDrawDownDescription",
        "Draw-down description",
        FieldKind::Text {
            max: Some(200),
            multiline: false,
        },
    )
    .help("Bill line-item text for draw-downs."),
    FieldMeta::new(
        "overageSurchargePercent",
        "Overage surcharge %",
        FieldKind::Number { min: Some(0.0) },
    ),
    FieldMeta::new(
        "overageDescription",
        "Overage description",
        FieldKind::Text {
            max: Some(200),
            multiline: false,
        },
    ),
    FieldMeta::new(
        "productIds",
        "Products",
        FieldKind::IdList(Some(Link::Filter {
            resource: "meters",
            param: "productId",
        })),
    )
    .help("Products that may draw down; all if empty."),
    FieldMeta::new(
        "lineItemTypes",
        "Line item types",
        FieldKind::EnumList(&LineItemType::META),
    )
    .help("Line items that draw down; all types if none are chosen."),
    FieldMeta::new("contractId", "Contract", FieldKind::Id(None)),
    FieldMeta::new(
        "consumptionsAccountingProductId",
        "Consumptions accounting product",
        FieldKind::Id(None),
    ),
    FieldMeta::new(
        "feesAccountingProductId",
        "Fees accounting product",
        FieldKind::Id(None),
    ),
    FieldMeta::new("allowOverdraft", "Allow overdraft", FieldKind::Bool)
        .help("Lets the balance go below zero."),
    FieldMeta::new("customFields", "Custom fields", FieldKind::CustomFields),
];

pub static BALANCES: ResourceMeta = ResourceMeta {
    key: "balances",
    singular: "Balance",
    plural: "Balances",
    noun: "balance",
    path: "balances",
    parent: None,
    page_size_max: 100,
    columns: &[
        "name",
        "code",
        "accountId",
        "amount",
        "currency",
        "startDate",
        "endDate",
    ],
    fields: BALANCE_FIELDS,
    filters: &[
        FilterMeta {
            param: "accountId",
            label: "Account ID",
            kind: FilterKind::One,
            help: "",
        },
        FilterMeta {
            param: "endDateStart",
            label: "End date from",
            kind: FilterKind::DateTime,
            help: "End date on or after (the rollover end date when a rollover is set)",
        },
        FilterMeta {
            param: "endDateEnd",
            label: "End date before",
            kind: FilterKind::DateTime,
            help: "End date before",
        },
        IDS_FILTER,
    ],
    exclusive_filters: false,
    actions: &[Action::Create, Action::Edit, Action::Delete],
    title_field: "name",
    note: "",
    batch_fields: &[],
};
