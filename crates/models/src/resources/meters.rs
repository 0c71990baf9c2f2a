//! Meters: the raw usage fields (data fields) and fields calculated from them (derived fields).

use crate::overlay::{Checks, Note, Operation, Overlay};
use crate::validate::{index, join, Checker, FieldError, Obj};

pub static OVERLAY: Overlay = Overlay {
    key: "meters",
    title: "name",
    columns: &[
        "code",
        "productId",
        "dataFields",
        "derivedFields",
        "dtLastModified",
    ],
    fields: &[
        Note::at("productId").help("Leave empty for a global meter."),
        Note::at("dataFields.unit")
            .help("A UCUM unit, for numeric categories (e.g. By, {request})."),
        Note::at("derivedFields.unit")
            .help("A UCUM unit, for numeric categories (e.g. By, {request})."),
        Note::at("derivedFields.calculation")
            .help("An expression over data fields, custom fields or Timestamp.")
            .multiline(),
    ],
    ..Overlay::NONE
};

pub static CHECKS: Checks = Checks {
    key: "meters",
    rules: Some(rules),
    ..Checks::NONE
};

/// Field codes are unique across data and derived fields: calculations refer to them by code.
fn rules(c: &mut Checker<'_>, o: &Obj<'_>, _: Operation) {
    let mut codes: Vec<(String, String)> = Vec::new();
    for key in ["dataFields", "derivedFields"] {
        for (i, item) in o.list(key).into_iter().flatten().enumerate() {
            let Some(code) = Obj::of(item).str("code").filter(|s| !s.is_empty()) else {
                continue;
            };
            let path = join(&index(&c.path(key), i), "code");
            if codes.iter().any(|(_, earlier)| earlier == code) {
                c.errors().push(FieldError::new(
                    path,
                    format!("duplicates the code \"{code}\" of another field"),
                ));
            } else {
                codes.push((path, code.to_owned()));
            }
        }
    }
}
