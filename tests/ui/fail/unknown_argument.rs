use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(length(maximum = 256))]
    subject: String,
    #[validate(length(max = 256, unit = "graphemes"))]
    body: String,
    #[validate(items(max = "5"))]
    to: Vec<String>,
    #[validate(required(true))]
    id: Option<String>,
    #[validate(custom)]
    cc: String,
}

fn main() {}
