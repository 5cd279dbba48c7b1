//! Model tests: the projection, events, uncertainty, analyses and validation, checked against hand-worked numbers and properties, without a window.
//!
//! One test binary per layer, so the large dependencies (egui, wgpu,
//! kittest) are linked a few times rather than once per file; each file
//! is a module, so `cargo test --test model projection_by_hand::` runs one group.

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod allocation;
mod architecture;
mod computable;
mod coverage_in_time;
mod disruptions_by_hand;
mod event_effect;
mod goal_seek_by_hand;
mod merge;
mod monte_carlo;
mod plan_years_by_hand;
mod price_response_by_hand;
mod projection_by_hand;
mod properties;
mod range_changes;
mod reference;
mod sensitivity;
mod supply_chain_by_hand;
mod validation;
