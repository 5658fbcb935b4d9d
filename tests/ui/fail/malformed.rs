use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate]
    a: String,
    #[validate(length(max = 1) required)]
    b: Option<String>,
}

fn main() {}
