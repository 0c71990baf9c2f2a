//! Balances: prepaid or committed amounts that usage draws down.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::{Audit, Extra};
use crate::meta::{
    Action, FieldKind, FieldMeta, FilterKind, FilterMeta, Link, ResourceMeta, IDS_FILTER,
};
use crate::open_enum;
use crate::validate::{Check, FieldError, Validate};

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

impl Validate for BalanceRequest {
    fn validate_at(&self, path: &str, errors: &mut Vec<FieldError>) {
        let f = &self.fields;
        let mut c = Check::new(path, errors);
        c.text("accountId", f.account_id.as_deref(), true, 1, usize::MAX);
        c.text("name", f.name.as_deref(), true, 1, usize::MAX);
        c.code("code", f.code.as_deref());
        c.text("currency", f.currency.as_deref(), true, 1, usize::MAX);
        c.present("startDate", &f.start_date);
        c.present("endDate", &f.end_date);
        if let (Some(start), Some(end)) = (f.start_date, f.end_date) {
            if end <= start {
                c.fail("endDate", "must be after the start date");
            }
        }
        c.number("rolloverAmount", f.rollover_amount, false, Some(0.0));
        if f.rollover_amount.is_some() && f.rollover_end_date.is_none() {
            c.fail(
                "rolloverEndDate",
                "is required when a rollover amount is set",
            );
        }
        if let (Some(end), Some(rollover_end)) = (f.end_date, f.rollover_end_date) {
            if rollover_end < end {
                c.fail("rolloverEndDate", "must not be before the end date");
            }
        }
        c.text(
            "balanceDrawDownDescription",
            f.balance_draw_down_description.as_deref(),
            false,
            0,
            200,
        );
        c.number(
            "overageSurchargePercent",
            f.overage_surcharge_percent,
            false,
            Some(0.0),
        );
        c.text(
            "overageDescription",
            f.overage_description.as_deref(),
            false,
            0,
            200,
        );
        if let Some(ids) = &f.product_ids {
            c.non_empty_items("productIds", ids);
        }
        c.exact_len(
            "consumptionsAccountingProductId",
            f.consumptions_accounting_product_id.as_deref(),
            36,
        );
        c.exact_len(
            "feesAccountingProductId",
            f.fees_accounting_product_id.as_deref(),
            36,
        );
        c.custom_fields("customFields", f.custom_fields.as_ref());
    }
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
