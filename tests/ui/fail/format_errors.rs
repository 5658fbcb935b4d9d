use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(format = "url")]
    a: String,
    #[validate(format = "date-time")]
    b: String,
    #[validate(format = "guid")]
    c: Vec<String>,
}

fn main() {}
