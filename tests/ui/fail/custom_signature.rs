// A custom check takes `&FieldType` or a borrowed form (`&str`); a mismatch is reported at the function.
use docbind::Validate;

fn takes_number(_: &u32) -> Result<(), String> {
    Ok(())
}

fn returns_nothing(_: &String) {}

#[derive(Validate)]
struct Call {
    #[validate(custom = takes_number)]
    subject: String,
    #[validate(custom = returns_nothing)]
    body: String,
}

fn main() {}
