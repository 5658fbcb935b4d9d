use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(allowed(values = []))]
    a: String,
    #[validate(allowed(values = ["low", "high", "low"]))]
    b: String,
    #[validate(allowed(values = ["low", "unknownFutureValue"]))]
    c: String,
    #[validate(allowed(values = ["1"]))]
    d: u32,
    #[validate(allowed(values = "low"))]
    e: String,
    #[validate(allowed(values = ["low"], unknown_future_value = 1))]
    f: String,
    #[validate(allowed)]
    g: String,
}

fn main() {}
