use docbind::{Nullable, Validate};

#[derive(Validate)]
struct Call {
    #[validate(read_only)]
    id: String,
    #[validate(required, read_only)]
    created: Option<String>,
    #[validate(read_only(true))]
    etag: Nullable<String>,
}

fn main() {}
