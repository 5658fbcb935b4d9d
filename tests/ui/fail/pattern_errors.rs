use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(pattern = "[a-")]
    a: String,
    #[validate(pattern = "(?P<x>a)(?P<x>b)")]
    b: String,
    #[validate(pattern = "^\\d+$")]
    c: u32,
    #[validate(pattern)]
    d: String,
    #[validate(pattern = 5)]
    e: String,
}

fn main() {}
