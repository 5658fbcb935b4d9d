//! Operations: one per HTTP method the page lists, with permissions, parameters, the body
//! and the response.

use std::collections::BTreeMap;

use super::Cx;
use super::blocks::{is_value_list, value_member};
use super::tables::TableKind;
use super::types::{linked_type, named_type};
use crate::locale::{Column, Phrase, SectionKind, Split, split};
use crate::markdown::{Inline, plain};
use crate::model::*;
use crate::translation;

impl Cx<'_> {
    /// The page's operations, one per HTTP method its request section lists (the first keeps
    /// the page's name), or its examples back when the page documents none.
    pub(super) fn operations(
        &self,
        examples: Vec<Example>,
    ) -> Result<Vec<Operation>, Vec<Example>> {
        let blocks = self.http_blocks();
        let by_method = self.http_paths(&blocks);
        let Some(first) = blocks.first() else {
            return Err(examples);
        };
        if by_method.is_empty() {
            let message = "the HTTP request section lists no `METHOD /path` line, so the page defines no operation; its examples are kept without one";
            self.diag(first.range.start, Code::HttpNoPath, message);
            return Err(examples);
        }
        let source = self.at(first.range.start);
        let permissions = self.permissions();
        let headers = self.headers();
        let post_only = by_method.iter().all(|(m, _)| *m == Method::Post);
        let body = self.parameters(&examples, post_only);
        let parameters = self.typed_rows(TableKind::UrlParameters);
        let query = self.described_rows(TableKind::QueryParameters, Column::Name);
        let errors = self.described_rows(TableKind::Errors, Column::Code);
        let response = self.response(&examples);
        let first_method = by_method[0].0;
        // Examples go to the operation of their request's method.
        let mut examples_by_method: BTreeMap<Method, Vec<Example>> = BTreeMap::new();
        for example in examples {
            let method = example.request.as_ref().and_then(|r| r.method.as_deref());
            let method = method
                .and_then(|m| m.parse().ok())
                .filter(|m| by_method.iter().any(|(have, _)| have == m))
                .unwrap_or(first_method);
            examples_by_method.entry(method).or_default().push(example);
        }
        let ops = by_method
            .into_iter()
            .enumerate()
            .map(|(i, (method, paths))| Operation {
                body_type: match method {
                    Method::Post | Method::Put | Method::Patch if body.is_empty() => {
                        self.body_resource()
                    }
                    _ => None,
                },
                name: if i == 0 {
                    self.stem().to_owned()
                } else {
                    format!("{}-{}", self.stem(), method.as_str().to_lowercase())
                },
                description: self.summary(),
                examples: examples_by_method.remove(&method).unwrap_or_default(),
                method,
                paths,
                permissions: permissions.clone(),
                headers: headers.clone(),
                parameters: parameters.clone(),
                query: query.clone(),
                body: body.clone(),
                errors: errors.clone(),
                response: response.clone(),
                source: source.clone(),
            })
            .collect();
        Ok(ops)
    }

    /// The request headers table, a header once however many rows name it (`Prefer: a`,
    /// `Prefer: b`), translated names read as the header they translate.
    fn headers(&self) -> Vec<Described> {
        let mut out: Vec<Described> = Vec::new();
        for mut row in self.described_rows(TableKind::Headers, Column::Name) {
            row.name = self.lex.header_name(&row.name);
            match out
                .iter_mut()
                .find(|h| h.name.eq_ignore_ascii_case(&row.name))
            {
                Some(seen) => seen.required |= row.required,
                None if !row.name.is_empty() => out.push(row),
                None => {}
            }
        }
        out
    }

    fn permissions(&self) -> Vec<Permission> {
        let lex = self.lex;
        let mut out = Vec::new();
        for row in self.rows(TableKind::Permissions) {
            let (Some(scheme_text), Some(names)) = (
                row.text(Column::PermissionType).or(row.text(Column::Name)),
                row.text(Column::Permissions)
                    .or(row.text(Column::Description)),
            ) else {
                continue;
            };
            let Some(scheme) = lex.scheme(&scheme_text) else {
                continue;
            };
            let names = names
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .map(|n| n.trim_matches('`'))
                .filter(|n| is_permission_name(n))
                .map(str::to_owned)
                .collect();
            out.push(Permission {
                scheme,
                names,
                source: self.at(row.range.start),
            });
        }
        out
    }

    /// The request body's parameters. `post_only`: the page's one method is POST, so a table
    /// headed "Parameter" lists an action's parameters.
    fn parameters(&self, examples: &[Example], post_only: bool) -> Vec<Property> {
        let lex = self.lex;
        let mut out = self.typed_rows(TableKind::Parameters);
        // The request examples' bodies.
        let bodies: Vec<_> = examples
            .iter()
            .filter_map(|e| e.request.as_ref()?.json.as_ref()?.as_object())
            .collect();
        let maps = bodies.iter().copied();
        for (i, key, why) in translation::names_from_examples(&out, maps, self.translated()) {
            let param = &mut out[i];
            let note = translation::renamed(&param.source, "parameter", &param.name, &key, why);
            self.report(note);
            param.name = key;
        }
        // An omitted action parameter is null (OData), and a collection-valued one is never
        // null: it must be sent, unless the docs call it optional.
        let action = self
            .table_of(TableKind::Parameters)
            .is_some_and(|(_, columns)| columns.contains(&Some(Column::Parameter)));
        for p in out.iter_mut().filter(|p| !p.required) {
            // An example that leaves it out shows the inference wrong: the docs win.
            let optional = p
                .description
                .as_ref()
                .is_some_and(|d| lex.has(Phrase::Optional, d.source()));
            let omitted = bodies.iter().any(|map| !map.contains_key(&p.name));
            p.required = post_only && action && p.ty.is_collection() && !optional && !omitted;
        }
        self.item_counts_in_notes(&mut out);
        out
    }

    /// The first resource page linked from the request-body section's prose: what "a JSON
    /// representation of [user](../resources/user.md)" names.
    fn body_resource(&self) -> Option<TypeRef> {
        self.doc
            .paragraphs
            .iter()
            .filter(|p| self.top_kind(p.section) == Some(SectionKind::RequestBody))
            .find_map(|p| linked_type(self.lex, split(&p.inlines).source(), true))
    }

    fn response(&self, examples: &[Example]) -> Option<Response> {
        let para = self.doc.paragraphs.iter().find(|p| {
            self.top_kind(p.section) == Some(SectionKind::Response)
                && p.section.is_some_and(|s| self.doc.sections[s].level <= 2)
        });
        // Pages without a Response section (OneDrive's) show the response in their examples.
        let source = match para {
            Some(p) => self.at(p.range.start),
            None => examples
                .iter()
                .find_map(|e| e.response.as_ref())?
                .source
                .clone(),
        };
        let split = para.map(|p| split(&p.inlines)).unwrap_or_default();
        let status = split
            .source()
            .iter()
            .chain(split.local.iter())
            .find_map(|i| match i {
                Inline::Code(c) => c
                    .split_whitespace()
                    .next()?
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (100..600).contains(s)),
                _ => None,
            });
        let status =
            status.or_else(|| examples.iter().find_map(|e| e.response.as_ref()?.status))?;
        let from_prose = linked_type(self.lex, split.source(), false);
        // The annotation names the type and says whether a list of it comes back. Many leave
        // `isCollection` out: a list it is when the example shows one (`{"value": [...]}`)
        // and the prose says "a collection of" or the page is a list page by its name
        // (`openshift-list`, `channel-list-members`), since either alone is often wrong.
        let listing_page = self.stem().split('-').nth(1) == Some("list");
        let prose_lists = listing_page || from_prose.as_ref().is_some_and(TypeRef::is_collection);
        let from_example = examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .find_map(|r| {
                let ty = match r.odata_type.as_deref()?.parse().ok()? {
                    TypeRef::Named(n) => named_type(self.lex, &n),
                    ty => ty,
                };
                let shows_list = r.json.as_ref().is_some_and(is_value_list);
                Some(match ty {
                    TypeRef::Collection(_) => ty,
                    ty if r.is_collection || (prose_lists && shows_list) => {
                        TypeRef::Collection(Box::new(ty))
                    }
                    ty => ty,
                })
            });
        // Examples of several types (the derived types of the one the prose names) show what
        // may come back, not what the operation returns.
        let shown: std::collections::BTreeSet<&str> = (examples.iter())
            .filter_map(|e| e.response.as_ref()?.odata_type.as_deref())
            .collect();
        let from_example = match (from_example, &from_prose) {
            (Some(ty), Some(prose)) if shown.len() > 1 => Some(match ty.is_collection() {
                true => TypeRef::Collection(Box::new(prose.element().clone())),
                false => prose.element().clone(),
            }),
            (ty, _) => ty,
        };
        let ty = if status == 204 {
            None
        } else {
            from_example
                .map(|ty| self.primitive_from_prose(ty, &split, examples))
                .or(from_prose)
        };
        Some(Response { status, ty, source })
    }

    /// A primitive response whose annotation the example contradicts (`"@odata.type": "string"`
    /// over `{"value": true}`) is the primitive the prose names, where the example fits that
    /// one ("returns a Boolean value").
    fn primitive_from_prose(&self, ty: TypeRef, prose: &Split, examples: &[Example]) -> TypeRef {
        let TypeRef::Primitive(_) = ty else { return ty };
        let Some((value, source)) = examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .find_map(|r| Some((value_member(r.json.as_ref()?)?, &r.source)))
        else {
            return ty;
        };
        if ty.admits(value) {
            return ty;
        }
        let text = plain(prose.source());
        let named = text
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .filter_map(|word| self.lex.primitive(word))
            .filter(|p| *p != Edm::Untyped)
            .map(TypeRef::Primitive)
            .find(|q| q.admits(value));
        let Some(named) = named else { return ty };
        self.report(Diagnostic::new(Code::ResponseTypeConflict, source.clone(), format!("the response annotation says `{ty}`, but the prose says `{named}` and the example sends one; using `{named}`")));
        named
    }
}

fn is_permission_name(word: &str) -> bool {
    let mut parts = word.split('.');
    let first_ok = parts
        .next()
        .is_some_and(|p| p.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
    let rest: Vec<_> = parts.collect();
    first_ok
        && !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}
#[cfg(test)]
mod tests {
    use super::super::{ACTION, page};
    use crate::model::*;

    #[test]
    fn an_http_section_without_a_path_is_reported() {
        let api = |block: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# Get w\n\n## HTTP request\n```http\n{block}```\n\n## Response\nReturns `200 OK`.\n"
            );
            let fragment = page("api/w-get.md", &md);
            let codes: Vec<Code> = fragment.diagnostics.iter().map(|d| d.code).collect();
            (fragment.operations.len(), codes)
        };
        assert_eq!(api("GET /w\n"), (1, vec![]));
        assert_eq!(api(""), (0, vec![Code::HttpNoPath]));
        assert_eq!(api("GET\n"), (0, vec![Code::HttpLine, Code::HttpNoPath]));
    }

    #[test]
    fn action_parameters_take_example_names_and_collections_are_required() {
        let fragment = page("api/thing-act.md", ACTION);
        let body = &fragment.operations[0].body;
        let names: Vec<_> = body.iter().map(|p| (p.name.as_str(), p.required)).collect();
        // Named by the examples; `targets` is always sent, `labels` is omitted by one.
        assert_eq!(
            names,
            [("targets", true), ("labels", false), ("note", false)]
        );
        let translated = fragment
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::TableNameTranslated)
            .count();
        assert_eq!(translated, 3);
        let body_names = |md: &str| -> Vec<String> {
            let fragment = page("api/thing-act.md", md);
            fragment.operations[0]
                .body
                .iter()
                .map(|p| p.name.clone())
                .collect()
        };
        // An English page's table names are its own, however they differ from the examples.
        assert_eq!(
            body_names(&ACTION.replace("ms.contentlocale: pt-BR\n", "")),
            ["alvos", "rótulos", "nota"]
        );
        // Translation capitalised a name: the request spells it. A name it left in lowercase
        // stays as the table gives it, whatever case a request uses.
        let recased = ACTION
            .replace("|nota|", "|Note|")
            .replace("|alvos|", "|targets|")
            .replace(r#""targets""#, r#""Targets""#);
        assert_eq!(body_names(&recased), ["targets", "labels", "note"]);
        // A table headed "Propriedade" lists a resource's properties: nothing is inferred.
        let create = ACTION.replace("| Parâmetro |", "| Propriedade |");
        let fragment = page("api/thing-act.md", &create);
        assert!(fragment.operations[0].body.iter().all(|p| !p.required));
    }

    #[test]
    fn a_body_linked_in_prose_is_a_list_when_the_prose_says_so() {
        let body_type = |prose: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# Update page\n\n## HTTP request\n```http\nPATCH /pages/{{id}}/content\n```\n\n## Request body\n{prose}\n"
            );
            page("api/page-update.md", &md).operations[0]
                .body_type
                .clone()
        };
        let command = TypeRef::Named("patchcommand".into());
        assert_eq!(
            body_type("Supply an array of [patchCommand](../resources/patchcommand.md) objects."),
            Some(TypeRef::Collection(Box::new(command.clone())))
        );
        assert_eq!(
            body_type(
                "Forneça uma matriz de [objetos patchCommand](../resources/patchcommand.md)."
            ),
            Some(TypeRef::Collection(Box::new(command.clone())))
        );
        assert_eq!(
            body_type("Supply a [patchCommand](../resources/patchcommand.md) object."),
            Some(command)
        );
    }

    #[test]
    fn a_response_is_a_list_when_the_example_shows_one_and_prose_or_page_name_agrees() {
        let on_page = |file: &str, prose: &str, json: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# List stages\n\n## HTTP request\n```http\nGET /stages\n```\n\n## Response\n{prose}\n\n## Example\n<!-- {{ \"blockType\": \"request\", \"name\": \"a\" }} -->\n```http\nGET /stages\n```\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.stage\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{json}\n```\n"
            );
            let op = &page(file, &md).operations[0];
            op.response
                .as_ref()
                .and_then(|r| r.ty.clone())
                .unwrap()
                .to_string()
        };
        let response = |prose: &str, json: &str| on_page("api/stage-get.md", prose, json);
        let list = r#"{"@odata.context": "x", "value": [{"id": "1"}]}"#;
        let one = r#"{"id": "1"}"#;
        let collection =
            "Returns `200 OK` and a collection of [stage](../resources/stage.md) objects.";
        let object = "Returns `200 OK` and a [stage](../resources/stage.md) object.";
        assert_eq!(
            response(collection, list),
            "Collection(microsoft.graph.stage)"
        );
        // The prose alone is often wrong, and so is an example alone.
        assert_eq!(response(collection, one), "microsoft.graph.stage");
        assert_eq!(response(object, list), "microsoft.graph.stage");
        let pt = "Retorna `200 OK` e uma coleção dos objetos [stage](../resources/stage.md).";
        assert_eq!(response(pt, list), "Collection(microsoft.graph.stage)");
        let pt = "Retorna `200 OK` e uma lista de objetos [stage](../resources/stage.md).";
        assert_eq!(response(pt, list), "Collection(microsoft.graph.stage)");
        // A list page (`stage-list`, `team-list-stages`) lists, whatever its prose says.
        let list_page = |file| on_page(file, object, list);
        assert_eq!(
            list_page("api/stage-list.md"),
            "Collection(microsoft.graph.stage)"
        );
        assert_eq!(
            list_page("api/team-list-stages.md"),
            "Collection(microsoft.graph.stage)"
        );
        assert_eq!(
            on_page("api/stage-list.md", object, one),
            "microsoft.graph.stage"
        );
    }

    #[test]
    fn examples_of_several_derived_types_return_the_type_the_prose_names() {
        let example = |n: u8, ty: &str| {
            format!(
                "<!-- {{ \"blockType\": \"request\", \"name\": \"r{n}\" }} -->\n```http\nGET /places/{n}\n```\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{ty}\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{\"id\": \"{n}\"}}\n```\n"
            )
        };
        let md = |examples: &str| {
            format!(
                "---\ndoc_type: apiPageType\n---\n# Get place\n\n## HTTP request\n```http\nGET /places/{{id}}\n```\n\n## Response\nReturns `200 OK` and a [place](../resources/place.md) object.\n\n## Examples\n{examples}"
            )
        };
        let response = |md: &str| {
            let op = &page("api/place-get.md", md).operations[0];
            op.response
                .as_ref()
                .and_then(|r| r.ty.clone())
                .unwrap()
                .to_string()
        };
        let two = format!("{}{}", example(1, "room"), example(2, "roomList"));
        // Qualified when resolved, as every link is.
        assert_eq!(response(&md(&two)), "place");
        // One example's type is more precise than the prose.
        assert_eq!(response(&md(&example(1, "room"))), "microsoft.graph.room");
    }

    #[test]
    fn a_primitive_response_the_example_contradicts_is_the_one_the_prose_names() {
        let response = |prose: &str| {
            let md = format!(
                "---\ndoc_type: apiPageType\n---\n# Archive\n\n## HTTP request\n```http\nPOST /messages/archive\n```\n\n## Response\n{prose}\n\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"string\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{\"value\": true}}\n```\n"
            );
            let fragment = page("api/message-archive.md", &md);
            let conflicts = fragment
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::ResponseTypeConflict)
                .count();
            let ty = fragment.operations[0]
                .response
                .as_ref()
                .and_then(|r| r.ty.clone());
            (ty.unwrap().to_string(), conflicts)
        };
        assert_eq!(
            response("Retorna `200 OK` e um valor Boolean `true` no corpo da resposta."),
            ("Edm.Boolean".to_owned(), 1)
        );
        // Without a primitive in the prose that fits, the annotation stands.
        assert_eq!(
            response("Returns `200 OK` and the state."),
            ("Edm.String".to_owned(), 0)
        );
    }
}
