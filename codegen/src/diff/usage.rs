//! Which way each type travels: in what clients send (a request body, a parameter), in what
//! they read (a response), or both. A change is judged by the rules of each way its type
//! travels, in either model.

use std::collections::BTreeMap;

use crate::model::{Method, Model, Provenance, TypeDef, TypeRef};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Direction {
    pub(super) request: bool,
    pub(super) response: bool,
}

impl Direction {
    pub(super) const REQUEST: Direction = Direction {
        request: true,
        response: false,
    };
    pub(super) const RESPONSE: Direction = Direction {
        request: false,
        response: true,
    };
    /// Where no operation tells: any client may send or read a public type.
    pub(super) const BOTH: Direction = Direction {
        request: true,
        response: true,
    };

    fn union(self, other: Direction) -> Direction {
        Direction {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }
}

pub(super) struct Usage<'m> {
    reached: BTreeMap<&'m str, Direction>,
}

impl<'m> Usage<'m> {
    pub(super) fn new(models: &[&'m Model]) -> Self {
        let mut usage = Usage {
            reached: BTreeMap::new(),
        };
        for model in models {
            usage.walk(model);
        }
        usage
    }

    /// The way `ty` (a qualified name) travels; both where no operation reaches it.
    pub(super) fn of(&self, ty: &str) -> Direction {
        self.reached.get(ty).copied().unwrap_or(Direction::BOTH)
    }

    /// Marks what each operation of `model` sends and reads, then what those are made of:
    /// their properties' types (relationships aside: a client reads those only when it asks)
    /// and the types derived from them, which may stand in their place.
    fn walk(&mut self, model: &'m Model) {
        let derived = model.derived_types();
        let mut queue: Vec<(&'m str, Direction)> = Vec::new();
        let named = |ty: &'m TypeRef| match ty.element() {
            TypeRef::Named(n) => Some(n.as_str()),
            _ => None,
        };
        for op in &model.operations {
            let sends = matches!(op.method, Method::Post | Method::Put | Method::Patch);
            let sent = (op.body.iter().map(|p| &p.ty))
                .chain(&op.body_type)
                .filter(|_| sends)
                .chain(op.parameters.iter().map(|p| &p.ty));
            queue.extend(sent.filter_map(named).map(|n| (n, Direction::REQUEST)));
            let read = op.response.iter().filter_map(|r| r.ty.as_ref());
            queue.extend(read.filter_map(named).map(|n| (n, Direction::RESPONSE)));
        }
        while let Some((name, way)) = queue.pop() {
            let had = self.reached.get(name).copied().unwrap_or_default();
            if had.union(way) == had {
                continue;
            }
            self.reached.insert(name, had.union(way));
            let below = derived.get(name).into_iter().flatten();
            queue.extend(below.map(|n| (*n, way)));
            if let Some(TypeDef::Complex(c)) = model.find_type(name) {
                let made_of = (model.all_properties(c).into_iter())
                    .filter(|p| p.provenance != Provenance::Navigation)
                    .filter_map(|p| named(&p.ty));
                queue.extend(made_of.map(|n| (n, way)));
            }
        }
    }
}
