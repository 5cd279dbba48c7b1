//! The planning model: scenario data, projection and validation. Knows
//! nothing of egui or files.

pub mod month;
pub mod projection;
pub mod scenario;
pub mod validation;

pub use month::YearMonth;
pub use projection::{MineralProjection, MonthRow, Projection, project};
pub use scenario::{
    FORMAT_VERSION, MAX_HORIZON_MONTHS, Mineral, PurchaseCeiling, Scenario, Settings,
    SpendingProfile, Supplier, Unit,
};
pub use validation::{Problem, validate};
