//! Balances: an account's prepayment or credit, drawn down by its bill line items.

use crate::catalogue::FilterKind;
use crate::overlay::{FilterNote, Forms, Note, Operation, Overlay};
use crate::validate::{Checker, Obj};

pub static OVERLAY: Overlay = Overlay {
    key: "balances",
    title: "name",
    columns: &[
        "code",
        "accountId",
        "amount",
        "currency",
        "startDate",
        "endDate",
    ],
    fields: &[
        Note::at("description").multiline(),
        Note::at("balanceDrawDownDescription").label("Draw-down description"),
        Note::at("overageSurchargePercent").label("Overage surcharge %"),
        Note::at("consumptionsAccountingProductId").link("products"),
        Note::at("feesAccountingProductId").link("products"),
    ],
    filters: &[
        FilterNote::at("endDateStart", "End date from")
            .help("The rollover end date, where a balance rolls over.")
            .kind(&FilterKind::DateTime),
        FilterNote::at("endDateEnd", "End date before")
            .help("The rollover end date, where a balance rolls over.")
            .kind(&FilterKind::DateTime),
        // Undocumented; m3ter documents `contractId` ('' with an account: balances on no contract).
        FilterNote::repeating("contract", "contractId"),
    ],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "balances",
    help: &[
        ("currency", "e.g. USD, GBP, EUR"),
        (
            "amount",
            "The current value; it changes through transactions, not through edits.",
        ),
        ("endDate", "The balance is inactive after this date."),
        (
            "rolloverAmount",
            "The most that can be carried over after the end date; needs a rollover end date.",
        ),
        ("rolloverEndDate", "End of the rollover grace period."),
        (
            "balanceDrawDownDescription",
            "Bill line-item text for draw-downs.",
        ),
        ("productIds", "Products that may draw down; all if empty."),
        (
            "lineItemTypes",
            "Line items that draw down; all types if none are chosen.",
        ),
        ("allowOverdraft", "Lets the balance go below zero."),
    ],
    rules: Some(rules),
    ..Forms::NONE
};

fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    // The document gives no minimum; a negative surcharge would be a discount on overage, which
    // m3ter does not offer. Kept from the hand-written model (a documented correction).
    if o.num("overageSurchargePercent").is_some_and(|n| n < 0.0) {
        c.fail("overageSurchargePercent", "must be at least 0");
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
}
