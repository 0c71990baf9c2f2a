//! Generic UI pieces. They know about metadata-driven values and layout, not about particular
//! m3ter resources.

pub mod activity_panel;
pub mod confirm;
pub mod connect;
pub mod copy;
pub mod detail;
pub mod error_view;
pub mod form;
pub mod json_view;
pub mod sort_key;
pub mod table;
pub mod time;
pub mod toast;
pub mod ui;
pub mod value;
