//! Balance transactions: the summary adds up a balance's transactions. Credits are positive
//! amounts, debits negative ones; what was left when the balance (and its rollover) ended counts
//! as expired.

use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Call};
use crate::error::{ApiError, ApiResult};

pub static BEHAVIOUR: Behaviour = Behaviour {
    key: "transactions",
    actions: &[("summary", summary)],
    ..Behaviour::NONE
};

fn summary(call: &mut Call<'_>) -> ApiResult<Value> {
    let balance_id = call.ctx.parent;
    let balance = call
        .store
        .collection("balances")
        .and_then(|c| c.get(balance_id))
        .map(|s| s.value.clone())
        .ok_or_else(|| ApiError::not_found(format!("Balance {balance_id} not found")))?;
    // Oldest first.
    let amounts: Vec<f64> = call
        .store
        .collection("transactions")
        .into_iter()
        .flat_map(|c| c.values())
        .filter(|s| s.parent == balance_id)
        .filter_map(|s| s.value.get("amount").and_then(Value::as_f64))
        .collect();
    let credit: f64 = amounts.iter().filter(|a| **a > 0.0).sum();
    let debit: f64 = amounts.iter().filter(|a| **a < 0.0).map(|a| -a).sum();
    let initial = amounts.iter().copied().find(|a| *a > 0.0).unwrap_or(0.0);
    let ended = |k: &str| {
        balance
            .get(k)
            .and_then(Value::as_str)
            .and_then(m3ter_models::time::parse_rfc3339)
            .is_some_and(|t| t <= call.ctx.now.timestamp_millis())
    };
    let over =
        ended("endDate") && (balance.get("rolloverEndDate").is_none() || ended("rolloverEndDate"));
    let expired = if over { (credit - debit).max(0.0) } else { 0.0 };
    Ok(json!({
        "totalCreditAmount": credit,
        "totalDebitAmount": debit,
        "initialCreditAmount": initial,
        "expiredBalanceAmount": expired,
        "rolloverConsumed": 0.0,
        "balanceConsumed": debit,
    }))
}
