// An enum must say how it is spelled on the wire before `allowed` can check it.
use docbind::Validate;

enum Priority {
    Low,
}

#[derive(Validate)]
struct Call {
    #[validate(allowed(values = ["low"]))]
    priority: Option<Priority>,
}

fn main() {
    let _ = Priority::Low;
}
