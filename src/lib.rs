//! Miwake (見分け): tells a real login screen from a fake one.
//!
//! The core judges an address against protected brands (Google, the Alibaba group, EC-CUBE) and
//! the user's own shops, and answers with a [`Verdict`] whose every reason has a stable code and
//! evidence. It knows nothing of browsers: the CLI and the wasm bindings call the same [`Detector`].
//!
//! ```
//! use miwake::{Detector, Level, UserContext};
//! let detector = Detector::new(&UserContext::default()).expect("embedded brand data is valid");
//! let verdict = detector.check_url("https://alibba.com/login");
//! assert_eq!(verdict.level, Level::Danger);
//! assert_eq!(verdict.reasons[0].code.as_str(), "lookalike-domain");
//! ```
#![forbid(unsafe_code)]

pub mod address;
pub mod brands;
pub mod detector;
pub mod imitation;
pub mod inline_page;
#[cfg(feature = "mail")]
pub mod mail;
pub mod messages;
pub mod page;
pub mod page_text;
pub mod report;
pub mod rules;
pub mod similarity;
pub mod unicode_tables;
pub mod url_reader;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use brands::{Brand, BrandDataError, BrandSet, LoginMarker, MarkerKind};
pub use detector::{ConfigError, Detector, UserContext};
pub use messages::Lang;
pub use page::{PageSignals, SignalsError};
pub use report::{ReasonReport, Report};
pub use verdict::{Difference, Evidence, Level, Reason, ReasonCode, Verdict};
