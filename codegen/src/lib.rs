//! docbind's engine: reference pages → IR → Rust.
//!
//! Each stage is one module with one job: [`markdown`] reads a page's structure, [`locale`]
//! knows the languages, [`extract`] turns a page into model fragments and diagnostics,
//! [`resolve`] links them into a [`model::Model`], [`emit`] writes Rust, and [`build`] is the
//! API for build scripts.

pub mod locale;
pub mod markdown;
pub mod extract;
pub mod model;
