//! planlint's ExecPlan parser: Markdown in, a typed plan model with byte spans out.
//!
//! [`parse`] never fails: every text is some plan. The model ([`Plan`]) names what an ExecPlan
//! holds — title, sections, metadata, statuses, checkboxes, Progress entries with parsed
//! timestamps, Decision Log entries, backticked repository paths — each with the byte span it
//! came from. This crate knows nothing of rules, configuration, files or terminals.

mod build;
mod frontmatter;
pub mod keyvalue;
mod model;
pub mod prose;
pub mod sections;
pub mod span;
pub mod status;
pub mod timestamp;

pub use build::{parse, DECISION_KEYS, RATIONALE_KEYS};
pub use model::*;
pub use sections::SectionKind;
pub use span::{LineIndex, Position, Span};
pub use timestamp::{Stamp, Timestamp, Zone};
