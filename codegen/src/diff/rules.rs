//! The stable ids of `docbind diff`'s rules.

use serde::{Serialize, Serializer};

macro_rules! rules {
    ($($(#[doc = $doc:literal])+ $variant:ident = $name:literal;)*) => {
        /// What kind of change a [`super::Change`] is; its id never changes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($(#[doc = $doc])+ $variant,)*
        }

        impl Rule {
            /// Every rule, in declaration order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The id, as the JSON and the README write it: `property-removed`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $name,)*
                }
            }

            /// What it means, in one line.
            pub fn describe(self) -> &'static str {
                match self {
                    $(Rule::$variant => concat!($($doc),+).trim_ascii(),)*
                }
            }
        }
    };
}

rules! {
    /// A type was added.
    TypeAdded = "type-added";
    /// A type was removed.
    TypeRemoved = "type-removed";
    /// A type became an enum, or an enum a complex type.
    TypeKindChanged = "type-kind-changed";
    /// A complex type's base type was added, removed or replaced.
    BaseChanged = "base-changed";
    /// A property was added; required on what clients send, it breaks them.
    PropertyAdded = "property-added";
    /// A property was removed.
    PropertyRemoved = "property-removed";
    /// A property was removed and another added in its place: the same description, or the
    /// same type at the same position.
    PropertyRenamed = "property-renamed";
    /// A property's type changed, its collection-ness aside.
    PropertyTypeChanged = "property-type-changed";
    /// A property became a collection, or stopped being one.
    PropertyCollectionChanged = "property-collection-changed";
    /// A property became nullable, or stopped being nullable.
    PropertyNullableChanged = "property-nullable-changed";
    /// A property became required, or stopped being required.
    PropertyRequiredChanged = "property-required-changed";
    /// A property became optional in responses (the annotation's `optionalProperties`), or
    /// stopped being optional.
    PropertyOptionalChanged = "property-optional-changed";
    /// A property became read-only, or writable.
    PropertyReadOnlyChanged = "property-read-only-changed";
    /// A validation rule was added to a property.
    RuleAdded = "rule-added";
    /// A validation rule was removed from a property.
    RuleRemoved = "rule-removed";
    /// A validation rule admits fewer values: a smaller maximum, a narrower range, fewer
    /// allowed values, another format.
    RuleTightened = "rule-tightened";
    /// A validation rule admits more values.
    RuleLoosened = "rule-loosened";
    /// An enum member was added; where the enum has no `unknownFutureValue` to stand for
    /// members added later, clients reading it break.
    EnumMemberAdded = "enum-member-added";
    /// An enum member was removed.
    EnumMemberRemoved = "enum-member-removed";
    /// An enum member was removed and another added in its place: the same description or
    /// value.
    EnumMemberRenamed = "enum-member-renamed";
    /// An operation was added.
    OperationAdded = "operation-added";
    /// An operation was removed. After every path of it was deprecated, or where another
    /// operation documents all its paths, it breaks no client on the wire; its stub is gone.
    OperationRemoved = "operation-removed";
    /// An operation's page was renamed, its method and first path the same: its stub has
    /// another name.
    OperationRenamed = "operation-renamed";
    /// An operation's HTTP method changed.
    MethodChanged = "method-changed";
    /// An operation gained a path.
    PathAdded = "path-added";
    /// An operation lost a path (after it was deprecated, it breaks no one).
    PathRemoved = "path-removed";
    /// A path became deprecated.
    PathDeprecated = "path-deprecated";
    /// A path's placeholder was renamed (`{id}` to `{user-id}`): the same endpoint, and
    /// another field of the stub when the stub's parameters change.
    PathParameterRenamed = "path-parameter-renamed";
    /// A query parameter was documented.
    QueryParameterAdded = "query-parameter-added";
    /// A query parameter is no longer documented.
    QueryParameterRemoved = "query-parameter-removed";
    /// A query parameter became required, or optional.
    QueryParameterRequiredChanged = "query-parameter-required-changed";
    /// A request header was documented; a required one breaks clients.
    HeaderAdded = "header-added";
    /// A request header is no longer documented.
    HeaderRemoved = "header-removed";
    /// A request header became required, or optional.
    HeaderRequiredChanged = "header-required-changed";
    /// The type of a request body given as a whole resource changed. A page that moves
    /// between a resource and a table of its properties has its properties compared, and
    /// changes only the stub's body type.
    RequestBodyChanged = "request-body-changed";
    /// The response's type changed.
    ResponseTypeChanged = "response-type-changed";
    /// The response's success status changed.
    ResponseStatusChanged = "response-status-changed";
    /// The least privileged permission of a scheme changed, or the scheme became supported or
    /// unsupported.
    PermissionChanged = "permission-changed";
    /// A type's, property's, member's or operation's description changed.
    DescriptionChanged = "description-changed";
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let ids: std::collections::BTreeSet<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
        for id in ids {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
        }
    }
}
