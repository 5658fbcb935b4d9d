use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(required)]
    subject: String,
    #[validate(required)]
    to: Box<Vec<String>>,
}

fn main() {}
