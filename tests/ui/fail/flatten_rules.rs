use docbind::Validate;
use serde::Serialize;

#[derive(Validate, Serialize)]
struct Extra {
    #[validate(length(max = 3))]
    note: String,
}

#[derive(Validate, Serialize)]
struct Call {
    #[serde(flatten)]
    #[validate(nested, required)]
    extra: Option<Extra>,
}

fn main() {}
