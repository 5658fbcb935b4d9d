use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(length(max = 10))]
    count: u32,
    #[validate(length(max = 10))]
    tags: Option<Vec<String>>,
    #[validate(items(max = 10))]
    subject: String,
    #[validate(nested)]
    flag: bool,
}

fn main() {}
