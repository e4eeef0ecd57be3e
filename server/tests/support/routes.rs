//! The routes the router registers, read from `server/src/routes/mod.rs`: the one list the
//! access table (`api/access.rs`) and the OpenAPI coverage test (`api/openapi.rs`) are
//! both checked against.

use std::collections::BTreeSet;

/// The (method, path) pairs `server/src/routes/mod.rs` registers, read from its source:
/// every `.route("…", …)` and the method functions (`get(`, `post(` …) inside it.
pub fn registered_routes() -> BTreeSet<(String, String)> {
    let source = include_str!("../../src/routes/mod.rs");
    let mut found = BTreeSet::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let open = rest.find('"').expect("a path literal");
        let close = open + 1 + rest[open + 1..].find('"').expect("end of the path");
        let path = &rest[open + 1..close];
        // The call's arguments end at the parenthesis that closes `.route(`.
        let mut depth = 1;
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        let arguments = &rest[close..end];
        for method in ["get", "post", "put", "patch", "delete"] {
            let call = format!("{method}(");
            let mut from = 0;
            while let Some(hit) = arguments[from..].find(&call) {
                let index = from + hit;
                let before = arguments[..index].chars().next_back();
                // `get(` or `axum::routing::get(`, not a handler such as `me::get(`.
                let routing = arguments[..index].ends_with("routing::");
                if routing || !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    found.insert((method.to_uppercase(), path.to_owned()));
                }
                from = index + call.len();
            }
        }
        rest = &rest[end..];
    }
    found
}
