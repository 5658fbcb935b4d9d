use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(length(max = 10), length(max = 20))]
    subject: String,
    #[validate(required)]
    #[validate(required)]
    id: Option<String>,
    #[validate(length(min = 1, min = 2))]
    body: String,
}

fn main() {}
