//! Checked-in output of `docbind generate` for docs-src/.
