//! The planning model: scenario data, projection and validation. Knows
//! nothing of egui or files.

pub mod allocation;
pub mod changes;
pub mod compare;
pub mod disruption;
pub mod edits;
pub mod event_effect;
mod exposure;
pub mod feasibility;
pub mod goal_seek;
pub mod merge;
pub mod monte_carlo;
pub mod month;
pub mod places;
pub mod presets;
pub mod projection;
pub mod reference;
pub mod scenario;
pub mod sensitivity;
pub mod uncertainty;
pub mod validation;
pub mod variants;

pub use allocation::{Allocation, AllocationError, MineralAllocation, allocate};
pub use disruption::{Disruption, DisruptionKind, EventTarget};
pub use event_effect::{EventEffect, event_effect};
pub use goal_seek::{GoalSeek, GoalSeekError, goal_seek};
pub use month::YearMonth;
pub use projection::{
    Feasibility, MineralProjection, MonthRow, Projection, project, project_without_events,
};
pub use scenario::{
    CapacityChange, FORMAT_VERSION, FeedShare, InTransitOnBan, MAX_HORIZON_MONTHS, Mineral,
    PlanYear, PurchaseCeiling, Scenario, Settings, SpendingProfile, Supplier, Unit,
};
pub use uncertainty::{MonteCarloSettings, MonthRange, Range};
pub use validation::{Problem, validate, validate_all, validate_each};
