use docbind::Validate;

#[derive(Validate)]
struct Call {
    #[validate(range(min = 1))]
    a: String,
    #[validate(range(min = 10, max = -1.5))]
    b: i32,
    #[validate(range(min = "1"))]
    c: i32,
    #[validate(range())]
    d: f64,
    #[validate(range(min = ONE))]
    e: i32,
}

const ONE: i32 = 1;

fn main() {}
