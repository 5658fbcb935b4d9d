use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(lenght(max = 256))]
    subject: String,
    #[validate(frobnicate)]
    body: String,
}

fn main() {}
