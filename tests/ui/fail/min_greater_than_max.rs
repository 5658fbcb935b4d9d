use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(length(min = 10, max = 5))]
    subject: String,
    #[validate(items())]
    to: Vec<String>,
}

fn main() {}
