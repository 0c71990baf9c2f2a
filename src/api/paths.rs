//! API paths from the catalogue: a resource's path with its parents' ids filled in at any depth, and
//! an entity's path below it. Every id is percent-encoded, and an id that would change the path's
//! meaning (empty, `.` or `..`) is refused, so no crafted console link can make a request leave the
//! path the page means (`/balances/..%2Fmeters%2F<id>%23/…` must not reach a meter).

use m3ter_models::catalogue::{self, Action, On};
use m3ter_models::Resource;

/// Why a path cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPath(pub String);

pub use crate::percent::encode;

/// An id as a path segment, or why it cannot be one.
pub fn segment(id: &str) -> Result<String, BadPath> {
    match id {
        "" => Err(BadPath("an id is missing".into())),
        "." | ".." => Err(BadPath(format!("\"{id}\" is not an id"))),
        _ => Ok(encode(id)),
    }
}

/// `r`'s collection path with the ids of its parents (outermost first) in place of their
/// parameters, and the values of its scope parameters (`{type}` of resource groups). Each parent's
/// parameter is found through the catalogue's parent chain.
pub fn collection(
    r: &Resource,
    parents: &[(&str, String)],
    scope: &[(String, String)],
) -> Result<String, BadPath> {
    let mut path = r.path.to_owned();
    for (name, value) in scope {
        if r.scope.contains(&name.as_str()) {
            path = path.replace(&format!("{{{name}}}"), &segment(value)?);
        }
    }
    let mut current = r;
    for (_, id) in parents.iter().rev() {
        if current.parent_param.is_empty() {
            return Err(BadPath(format!("{} has no parent", current.key)));
        }
        path = path.replace(&format!("{{{}}}", current.parent_param), &segment(id)?);
        let parent_key = current
            .entry()
            .and_then(|e| e.parent)
            .ok_or_else(|| BadPath(format!("{} has no parent", current.key)))?;
        current = catalogue::resource(parent_key)
            .ok_or_else(|| BadPath(format!("no resource {parent_key}")))?;
    }
    if path.contains('{') {
        return Err(BadPath(format!(
            "{} needs its parent{}",
            r.key,
            if r.scope.is_empty() {
                ""
            } else {
                " and its scope"
            }
        )));
    }
    Ok(path)
}

/// The path of one entity.
pub fn item(
    r: &Resource,
    parents: &[(&str, String)],
    scope: &[(String, String)],
    id: &str,
) -> Result<String, BadPath> {
    Ok(format!(
        "{}/{}",
        collection(r, parents, scope)?,
        segment(id)?
    ))
}

/// The path of an action: below the entity, the collection, or the organization; its own
/// parameters (`{billingFrequency}`) and the resource's scope filled from `params`.
pub fn action(
    r: &Resource,
    a: &Action,
    parents: &[(&str, String)],
    id: Option<&str>,
    params: &[(String, String)],
) -> Result<String, BadPath> {
    let base = match (a.on, id) {
        (On::Item, Some(id)) => format!("{}/{}", item(r, parents, params, id)?, a.path),
        (On::Item, None) => return Err(BadPath("the action needs an entity".into())),
        (On::Collection, _) => format!("{}/{}", collection(r, parents, params)?, a.path),
        (On::Root, _) => a.path.to_owned(),
    };
    let mut path = base.trim_end_matches('/').to_owned();
    // Only the path's own parameters are checked as segments: the others (query values) may be empty.
    for (name, value) in params {
        let slot = format!("{{{name}}}");
        if path.contains(&slot) {
            path = path.replace(&slot, &segment(value)?);
        }
    }
    if path.contains('{') {
        return Err(BadPath("a value in the action's path is missing".into()));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(key: &str) -> &'static Resource {
        m3ter_models::resource(key).expect("resource")
    }

    #[test]
    fn parents_fill_their_own_parameters_at_any_depth() {
        assert_eq!(collection(r("meters"), &[], &[]).as_deref(), Ok("meters"));
        assert_eq!(
            item(
                r("transaction-schedules"),
                &[("balances", "b 1".into())],
                &[],
                "t/1"
            )
            .as_deref(),
            Ok("balances/b%201/balancetransactionschedules/t%2F1")
        );
        let data = r("lookup-table-data");
        assert_eq!(
            collection(
                data,
                &[
                    ("lookup-tables", "t".into()),
                    ("lookup-table-revisions", "r".into())
                ],
                &[]
            )
            .as_deref(),
            Ok("lookuptables/t/revisions/r/data")
        );
        assert!(collection(r("transaction-schedules"), &[], &[]).is_err());
        let groups = r("resource-groups");
        assert!(collection(groups, &[], &[]).is_err());
        assert_eq!(
            collection(groups, &[], &[("type".into(), "ACCOUNT".into())]).as_deref(),
            Ok("resourcegroups/ACCOUNT")
        );
    }

    #[test]
    fn an_actions_empty_query_values_leave_its_path_alone() {
        let bills = r("bills");
        let search = bills
            .actions
            .iter()
            .find(|a| a.key == "search")
            .expect("search");
        let params = [
            ("searchQuery".to_owned(), "status:PENDING".to_owned()),
            ("fromDocument".to_owned(), String::new()),
        ];
        assert_eq!(
            action(bills, search, &[], None, &params).as_deref(),
            Ok("bills/search")
        );
    }

    #[test]
    fn crafted_ids_never_leave_the_path() {
        let b = r("transaction-schedules");
        for bad in ["..", ".", ""] {
            assert!(
                item(b, &[("balances", bad.into())], &[], "x").is_err(),
                "{bad:?}"
            );
            assert!(
                item(b, &[("balances", "b".into())], &[], bad).is_err(),
                "{bad:?}"
            );
        }
        let crafted = "../meters/6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d#";
        let path = item(b, &[("balances", crafted.into())], &[], "x").expect("encoded");
        assert!(path.starts_with("balances/..%2Fmeters%2F"), "{path}");
        assert!(
            !path.contains('#') && path.matches('/').count() == 3,
            "{path}"
        );
    }
}
