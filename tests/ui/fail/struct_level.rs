use docbind::Validate;

fn check(_: &Call) -> Result<(), String> {
    Ok(())
}

#[derive(Validate)]
#[validate(length(max = 1), custom = check)]
#[validate(custom = check)]
struct Call {
    subject: String,
}

fn main() {}
