//! Derive macros for docbind.
//!
//! The derive runs in three stages, as serde_derive and garde do: [`syntax`] reads the
//! attributes into a model that keeps spans, [`check`] rejects what parses but cannot work, and
//! [`emit`] writes the impl. Every stage reports all it finds before anything is emitted.

mod check;
mod emit;
mod syntax;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// `#[derive(Validate)]`: checks the `#[validate(...)]` rules of a struct's fields.
///
/// See the `docbind` crate for the rules and their syntax. Errors name fields by their wire
/// names, from `#[serde(rename)]`; `serde` is a helper attribute here too, so that a type whose
/// serde impls are written by hand (as docbind's generated types are) can still say them.
#[proc_macro_derive(Validate, attributes(validate, serde))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    emit::derive(&input).into()
}
