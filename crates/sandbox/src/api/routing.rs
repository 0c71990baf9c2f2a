//! Which resource, entity and action a request path names, read from the catalogue. One matcher for
//! every path: the catalogue's templates (`bills/{billId}/lineitems/{id}`) are compared segment by
//! segment, literal segments winning over parameters (`bills/approve` is an action, not a bill).

use std::collections::HashMap;

use m3ter_models::catalogue::{Action, On};
use m3ter_models::{Resource, RESOURCES};

/// What a path names.
#[derive(Debug)]
pub enum Target {
    /// The collection (list, create) or a singleton.
    Collection,
    Item,
    Action(&'static Action),
}

/// The parameter that holds a scoped resource's scope (not a name a path can use).
const SCOPE: &str = "{scope}";

#[derive(Debug)]
pub struct Matched {
    pub resource: &'static Resource,
    pub target: Target,
    /// Every `{param}` of the template, percent-decoded.
    pub params: HashMap<String, String>,
}

impl Matched {
    /// The item's id (the resource's item parameter).
    pub fn id(&self) -> Option<&str> {
        self.params.get(self.resource.id_param).map(String::as_str)
    }

    /// The parent's id (empty at the top level).
    /// The parent's id; for a top-level resource listed within a scope (`resourcegroups/{type}`),
    /// the scope's values (lower case, joined by `/`): its entities are kept apart by scope.
    pub fn parent(&self) -> &str {
        let key = if self.resource.parent_param.is_empty() && !self.resource.scope.is_empty() {
            SCOPE
        } else {
            self.resource.parent_param
        };
        self.params.get(key).map(String::as_str).unwrap_or_default()
    }
}

/// A segment as the client meant it: percent-decoded, or as it came when not valid UTF-8 after
/// decoding. Splitting happens before decoding, so an encoded `/` stays inside one segment.
pub fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |k: usize| bytes.get(k).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_owned())
}

/// How well a template fits: `None` when it does not; otherwise one flag per segment, true where
/// a literal matched (compared lexicographically: earlier literals win).
fn fit(template: &str, segments: &[&str]) -> Option<(Vec<bool>, HashMap<String, String>)> {
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut score = Vec::with_capacity(parts.len());
    let mut params = HashMap::new();
    for (part, seg) in parts.iter().zip(segments) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => {
                params.insert(name.to_owned(), decode(seg));
                score.push(false);
            }
            None if part == seg => score.push(true),
            None => return None,
        }
    }
    Some((score, params))
}

/// The path templates of a resource and what each names.
fn templates(r: &'static Resource) -> Vec<(String, Target)> {
    let mut out = vec![(r.path.to_owned(), Target::Collection)];
    let item = format!("{}/{{{}}}", r.path, r.id_param);
    if !r.id_param.is_empty() {
        out.push((item.clone(), Target::Item));
    }
    for a in r.actions {
        let path = match a.on {
            On::Item => format!("{item}/{}", a.path),
            On::Collection => format!("{}/{}", r.path, a.path),
            On::Root => a.path.to_owned(),
        };
        out.push((path, Target::Action(a)));
    }
    out
}

/// The resource and target of `path` (below `/organizations/{orgId}/`), for `method`: among
/// templates that fit, the one with the earliest literal segments, then an action of `method`, then
/// the collection or item, then an action of another method.
pub fn route(path: &str, method: &str) -> Option<Matched> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut best: Option<(Vec<bool>, u8, Matched)> = None;
    for r in RESOURCES.iter() {
        for (template, target) in templates(r) {
            let Some((score, params)) = fit(&template, &segments) else {
                continue;
            };
            // An action on the same path as the collection (lookup-table data) wins for its method.
            let rank = match &target {
                Target::Action(a) if a.method.as_str() == method => 2,
                Target::Action(_) => 0,
                _ => 1,
            };
            let better = match &best {
                None => true,
                Some((s, k, _)) => (&score, rank) > (s, *k),
            };
            if better {
                let mut params = params;
                if r.parent_param.is_empty() && !r.scope.is_empty() {
                    let scope: Vec<String> = r
                        .scope
                        .iter()
                        .map(|p| params.get(*p).map(|v| v.to_lowercase()).unwrap_or_default())
                        .collect();
                    params.insert(SCOPE.to_owned(), scope.join("/"));
                }
                best = Some((
                    score,
                    rank,
                    Matched {
                        resource: r,
                        target,
                        params,
                    },
                ));
            }
        }
    }
    best.map(|(_, _, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(path: &str, method: &str) -> String {
        match route(path, method) {
            None => "-".into(),
            Some(m) => match m.target {
                Target::Collection => m.resource.key.to_owned(),
                Target::Item => format!("{} {}", m.resource.key, m.id().unwrap_or("?")),
                Target::Action(a) => format!("{} action {}", m.resource.key, a.key),
            },
        }
    }

    #[test]
    fn paths_name_resources_entities_and_actions() {
        assert_eq!(names("meters", "GET"), "meters");
        assert_eq!(names("meters/m-1", "GET"), "meters m-1");
        assert_eq!(names("bills/b-1/lineitems", "GET"), "line-items");
        assert_eq!(names("bills/b-1/lineitems/l-1", "GET"), "line-items l-1");
        assert_eq!(names("bills/approve", "POST"), "bills action approve");
        assert_eq!(names("bills/b-1/lock", "PUT"), "bills action lock");
        assert_eq!(
            names("statementjobs/j-1/cancel", "POST"),
            "statement-jobs action cancel"
        );
        assert_eq!(names("billconfig", "GET"), "bill-configuration");
        assert_eq!(names("a%2Fb", "GET"), "-");
        assert_eq!(names("meters/a%2Fb", "GET"), "meters a/b");
        assert_eq!(names("nothing/here/at/all", "GET"), "-");
    }

    #[test]
    fn a_scope_keeps_entities_apart() {
        let user = route("resourcegroups/USER/g-1", "GET").expect("a group");
        assert_eq!(user.parent(), "user", "scopes are compared in lower case");
        let account = route("resourcegroups/account", "GET").expect("groups");
        assert_eq!(account.parent(), "account");
        let meters = route("meters", "GET").expect("meters");
        assert_eq!(meters.parent(), "");
    }

    #[test]
    fn decoding_never_panics_and_keeps_bad_escapes() {
        assert_eq!(decode("a%20b"), "a b");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%2"), "%zz%2");
        assert_eq!(decode("%FF"), "%FF");
        assert_eq!(decode("%C3%A9"), "é");
    }
}
