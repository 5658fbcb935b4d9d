// Types the derive cannot judge from their spelling are left to the runtime traits, whose
// messages name the rule; the error points at the field's type.
use docbind::Validate;

struct NotValidate;

type Count = u32;

#[derive(Validate)]
struct Call {
    #[validate(nested)]
    inner: Option<NotValidate>,
    #[validate(length(max = 3))]
    count: Count,
}

fn main() {}
