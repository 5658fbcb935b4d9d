//! Includes the bindings generated from `docs-src/`, at the crate root and in a private
//! module, and uses none of them: a binary that includes the generated code must build
//! without a warning from it, whatever it uses, so here every warning is an error.
#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/docbind.rs"));

mod bindings {
    include!(concat!(env!("OUT_DIR"), "/docbind.rs"));
}

fn main() {}
