use docbind::Validate;

struct Participant;

#[derive(Validate)]
struct Invite {
    #[validate(items(max = 1, when = "replacesCallId"))]
    participants: Vec<Participant>,
}

fn main() {}
