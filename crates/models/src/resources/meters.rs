//! Meters: the raw usage fields (data fields) and fields calculated from them (derived fields).

use crate::overlay::{Forms, Note, Operation, Overlay};
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
    fields: &[Note::at("derivedFields.calculation").multiline()],
    ..Overlay::NONE
};

pub static FORMS: Forms = Forms {
    key: "meters",
    help: &[
        ("productId", "Leave empty for a global meter."),
        (
            "dataFields.unit",
            "A UCUM unit, for numeric categories (e.g. By, {request}).",
        ),
        (
            "derivedFields.unit",
            "A UCUM unit, for numeric categories (e.g. By, {request}).",
        ),
        (
            "derivedFields.calculation",
            "An expression over data fields, custom fields or Timestamp.",
        ),
    ],
    rules: Some(rules),
    ..Forms::NONE
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
