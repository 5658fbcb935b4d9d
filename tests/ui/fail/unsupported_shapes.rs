use docbind::Validate;

#[derive(Validate)]
struct Pair(#[validate(length(max = 1))] String, u8);

#[derive(Validate)]
enum Kind {
    A,
    B,
}

#[derive(Validate)]
union Bits {
    a: u32,
    b: f32,
}

fn main() {
    // The fallback impls keep these from adding "Validate is not implemented" errors.
    let _ = Pair(String::new(), 0).validate();
    let _ = Kind::A.validate();
}
