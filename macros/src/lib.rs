//! Derive macros for docbind.

use proc_macro::TokenStream;

/// Placeholder until the derive lands.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
