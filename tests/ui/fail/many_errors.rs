// One error per mistake, all reported together, and no error where the impl is used.
use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(lenght(max = 1))]
    a: String,
    #[validate(length(min = 3, max = 2))]
    b: String,
    #[validate(required)]
    c: String,
    #[validate(items(max = 1), items(max = 2))]
    d: Vec<u8>,
}

fn check(call: &Call) -> bool {
    call.validate().is_ok()
}

fn main() {}
