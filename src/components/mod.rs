//! Generic UI pieces. They know the catalogue's kinds of values and the layout, not any particular
//! m3ter resource.

pub mod activity_panel;
pub mod choices;
pub mod confirm;
pub mod connect;
pub mod copy;
pub mod csv;
pub mod detail;
pub mod download;
pub mod error_view;
pub mod field;
pub mod form;
pub mod json_view;
pub mod sort_key;
pub mod table;
pub mod time;
pub mod toast;
pub mod ui;
pub mod value;
