//! The report: where every operation of the document went, and what needs a person's eye.

use std::fmt::Write;

use super::model::{Catalogue, Match, Place};
use super::names::On;

pub struct Counts {
    pub collections: usize,
    pub singletons: usize,
    pub standard: usize,
    pub actions: usize,
    pub not_pages: usize,
    pub total: usize,
}

pub fn counts(cat: &Catalogue) -> Counts {
    let mut c = Counts {
        collections: cat.resources.iter().filter(|r| !r.singleton).count(),
        singletons: cat.resources.iter().filter(|r| r.singleton).count(),
        standard: 0,
        actions: 0,
        not_pages: 0,
        total: cat.ops.len(),
    };
    for p in &cat.places {
        match p {
            Place::Standard { .. } => c.standard += 1,
            Place::Action { .. } => c.actions += 1,
            Place::NotPage(_) => c.not_pages += 1,
        }
    }
    c
}

pub fn text(cat: &Catalogue) -> String {
    let mut out = String::new();
    let mut order: Vec<usize> = (0..cat.ops.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&cat.ops[a], &cat.ops[b]);
        (&x.path, x.method).cmp(&(&y.path, y.method))
    });
    out.push_str("Operations:\n");
    for i in order {
        let op = &cat.ops[i];
        let place = match &cat.places[i] {
            Place::Standard { resource, op } => format!("{resource} {op}"),
            Place::Action {
                resource,
                key,
                on,
                answer,
            } => {
                let on = match on {
                    On::Item => "Item",
                    On::Collection => "Collection",
                    On::Root => "Root",
                };
                format!("{resource} action {key} ({on}, {})", answer.name())
            }
            Place::NotPage(why) => format!("not a page yet: {why}"),
        };
        writeln!(out, "  {} → {place}", op.label()).expect("string");
    }

    out.push_str("\nResources (key: area, parent, path):\n");
    for r in &cat.resources {
        let parent = match &r.parent {
            Some(p) => format!("under {p} ({{{}}})", r.parent_param),
            None => "top level".to_owned(),
        };
        let kind = if r.singleton { ", settings" } else { "" };
        let scope = if r.scope.is_empty() {
            String::new()
        } else {
            format!(", scope {}", r.scope.join(", "))
        };
        writeln!(
            out,
            "  {}: {}, {parent}{kind}{scope}, {} (\"{}\" / \"{}\")",
            r.key,
            r.area.name(),
            r.path,
            r.singular,
            r.plural
        )
        .expect("string");
    }
    if !cat.extras.is_empty() {
        out.push_str("\nResources from the extra table:\n");
        for (path, why) in &cat.extras {
            writeln!(out, "  {path}: {why}").expect("string");
        }
    }

    out.push_str("\nCustom filters (the overlay decides them):\n");
    for r in &cat.resources {
        let custom: Vec<&str> = r
            .filters
            .iter()
            .filter(|f| f.matches == Match::Custom)
            .map(|f| f.param.as_str())
            .collect();
        if !custom.is_empty() {
            writeln!(out, "  {}: {}", r.key, custom.join(", ")).expect("string");
        }
    }

    out.push_str("\nCorrected answers:\n");
    for (op, declared, corrected, why) in &cat.corrections {
        writeln!(out, "  {op}: {declared} → {corrected} ({why})").expect("string");
    }

    let c = counts(cat);
    let placed = c.standard + c.actions + c.not_pages;
    writeln!(
        out,
        "\nCounts: {} resources ({} collections, {} settings), {} standard operations, {} actions, {} not pages: {placed} placed of {} operations",
        c.collections + c.singletons,
        c.collections,
        c.singletons,
        c.standard,
        c.actions,
        c.not_pages,
        c.total
    )
    .expect("string");
    out
}
