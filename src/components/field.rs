//! A field as the pages show it: the catalogue's facts with the overlay's words (label, help, link,
//! unit), addressed by its path through objects (`dataFields.code`).

use m3ter_models::catalogue::{self, Field, Kind, When};
use m3ter_models::overlay::{self, Overlay, Unit};
use m3ter_models::validate::join;
use serde_json::Value;

#[derive(Clone, Debug)]
pub struct FieldRef {
    pub field: &'static Field,
    pub overlay: &'static Overlay,
    /// Dots through objects, no indexes.
    pub path: String,
    /// The resource this entity's id points at, where a sibling says (`within`).
    to: Option<&'static str>,
}

impl FieldRef {
    pub fn at(overlay: &'static Overlay, field: &'static Field, path: String) -> FieldRef {
        FieldRef {
            field,
            overlay,
            path,
            to: None,
        }
    }

    pub fn top(overlay: &'static Overlay, field: &'static Field) -> FieldRef {
        FieldRef::at(overlay, field, field.key.to_owned())
    }

    /// A field of the object (or of each item of the list) this field holds.
    pub fn child(&self, field: &'static Field) -> FieldRef {
        FieldRef::at(self.overlay, field, join(&self.path, field.key))
    }

    /// This field of one entity, when a sibling says which resource its id points at (an external
    /// mapping's `m3terId` by its `m3terEntity`); `None` when none does.
    pub fn within(&self, entity: &Value) -> Option<FieldRef> {
        let sibling = self.link_by()?;
        let to = catalogue::resource_named(entity.get(sibling)?.as_str()?)?;
        Some(FieldRef {
            to: Some(to),
            ..self.clone()
        })
    }

    pub fn key(&self) -> &'static str {
        self.field.key
    }

    pub fn kind(&self) -> &'static Kind {
        &self.field.kind
    }

    pub fn label(&self) -> String {
        overlay::label(self.overlay, &self.path, self.field)
    }

    pub fn help(&self) -> &'static str {
        m3ter_models::resources::forms(self.overlay.key).help(&self.path)
    }

    /// The sibling that says which resource this id points at.
    pub fn link_by(&self) -> Option<&'static str> {
        self.overlay.note(&self.path).and_then(|n| n.link_by)
    }

    /// The sibling naming the entity that what this id points at is kept under.
    pub fn under(&self) -> Option<&'static str> {
        self.overlay.note(&self.path).and_then(|n| n.under)
    }

    /// The resource an id points at.
    pub fn link(&self) -> Option<&'static str> {
        self.to
            .or_else(|| overlay::link(self.overlay, &self.path, self.field))
    }

    pub fn unit(&self) -> Option<&'static Unit> {
        self.overlay.note(&self.path).and_then(|n| n.unit)
    }

    /// Hidden while a sibling has one of these values.
    pub fn unless(&self) -> Option<&'static When> {
        self.overlay.note(&self.path).and_then(|n| n.unless)
    }

    /// A long text: a text area, shown on several lines.
    pub fn multiline(&self) -> bool {
        self.overlay.note(&self.path).is_some_and(|n| n.multiline)
            || matches!(self.field.kind, Kind::Text { max, .. } if max >= 1000)
    }

    pub fn read_only(&self) -> bool {
        overlay::read_only(self.overlay, &self.path, self.field)
    }

    pub fn value_label(&self, wire: &str) -> String {
        self.overlay.value_label(&self.path, wire)
    }

    /// What one item of a list of objects is called: "Data field" for "Data fields".
    pub fn item_label(&self) -> String {
        let label = self.label();
        if let Some(stem) = label.strip_suffix("ies") {
            format!("{stem}y")
        } else if let Some(stem) = label.strip_suffix('s') {
            stem.to_owned()
        } else {
            label
        }
    }

    /// A URL to open: a text field the document or its name says is one.
    pub fn is_url(&self) -> bool {
        matches!(
            self.field.kind,
            Kind::Text {
                check: m3ter_models::catalogue::Check::Url,
                ..
            }
        ) || self.field.key.ends_with("Url")
    }
}

/// The fields of a resource as shown, in catalogue order.
pub fn fields_of(
    overlay: &'static Overlay,
    fields: &'static [Field],
) -> impl Iterator<Item = FieldRef> {
    fields.iter().map(move |f| FieldRef::top(overlay, f))
}
