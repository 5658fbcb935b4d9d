use docbind::Validate;

#[derive(Validate)]
struct Invite {
    #[validate(items(max = 1, when = 5))]
    a: Vec<String>,
    #[validate(items(max = 1, when = "id", warn = true))]
    b: Vec<String>,
    #[validate(items(max = 1, when = "id"), items(max = 2, when = "id"))]
    c: Vec<String>,
}

fn main() {}
