//! Three-way merge of scenarios: what two planners changed from a common
//! base, combined field by field. Pure functions; the rules, with an
//! example, are in "Merging two planners' changes" in `docs/FORMAT.md`.
//!
//! The scenarios are compared as trees of fields (through their serde
//! form, so every field, present and future, takes part). At each field:
//! - the same on both sides: kept (also when both made the same change);
//! - changed on one side only: that side's value;
//! - changed on both sides, differently: a [`Conflict`], settled by a
//!   [`Side`] (ours unless told otherwise).
//!
//! Lists of named items (variants, minerals, suppliers, events, feed
//! shares by origin, capacity changes by month) are matched by name, not
//! by place: an item added on one side and absent from the other is kept;
//! removed on one side and untouched on the other is removed; removed on
//! one side and edited on the other is a conflict. Other lists (monthly
//! amounts, an event's minerals) are one value each. A renamed item is a
//! removal and an addition, as in `diff`. The result keeps our order, with
//! their new items after the item they follow in their file.
//!
//! Without a base (a colleague's copy with no common ancestor), every
//! difference is a conflict.

use super::disruption::EventTarget;
use super::scenario::{PlanYear, Scenario};
use super::uncertainty::MonteCarloSettings;
use super::validation::{Problem, validate};
use crate::display::{grouped, number_short, usd_full, usd_short};
use serde_json::{Map, Value};
use std::fmt;

/// Whose value a conflict takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The scenario in the window (git: the current branch).
    Ours,
    /// The other one (git: the branch merged in; the file on disk).
    Theirs,
}

/// A field both sides changed, differently.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Where, in planner words: "Cobalt · budget", "event China ban · end".
    pub place: String,
    /// The three values as a planner reads them: "$500M", "removed",
    /// "not there" (added on a side); the base's is `None` in a merge
    /// without a base.
    pub base: Option<String>,
    pub ours: String,
    pub theirs: String,
    /// The value the merged scenario holds.
    pub chosen: Side,
}

impl fmt::Display for Conflict {
    /// "Cobalt · budget: base $500M, ours $400M, theirs $450M".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.place)?;
        if let Some(base) = &self.base {
            write!(f, "base {base}, ")?;
        }
        write!(f, "ours {}, theirs {}", self.ours, self.theirs)
    }
}

/// A change of theirs that came in without a conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub place: String,
    pub before: String,
    pub after: String,
}

impl fmt::Display for Change {
    /// "Antimony · budget: $245M → $300M"; "Gallium: added".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.after == "added" || self.after == "removed" {
            write!(f, "{}: {}", self.place, self.after)
        } else {
            write!(f, "{}: {} → {}", self.place, self.before, self.after)
        }
    }
}

/// The result of a merge.
#[derive(Clone, Debug)]
pub struct Merged {
    pub scenario: Scenario,
    /// Their changes that came in without a conflict, in file order.
    pub taken: Vec<Change>,
    /// Every conflict, in file order, with the side it took.
    pub conflicts: Vec<Conflict>,
    /// Validation of the result: two clean edits can still leave it
    /// invalid (shares that no longer add up to 100 %).
    pub problems: Vec<Problem>,
}

impl Merged {
    /// The result's problems in planner words, one per line: "Cobalt ·
    /// suppliers: The supplier shares add up to 110%, not 100%".
    pub fn problems_in_words(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                format!(
                    "{}: {}",
                    super::places::place_in_words(&self.scenario, &p.path),
                    p.message
                )
            })
            .collect()
    }
}

/// Why two scenarios could not be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError(pub String);

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MergeError {}

/// Merge `ours` and `theirs`, changed from `base` (`None`: no common base,
/// every difference is a conflict). Conflicts take ours.
pub fn merge(
    base: Option<&Scenario>,
    ours: &Scenario,
    theirs: &Scenario,
) -> Result<Merged, MergeError> {
    merge_choosing(base, ours, theirs, &[])
}

/// As [`merge`], with conflict `i` (in the order [`merge`] lists them)
/// settled by `choices[i]`; conflicts past the list take ours.
pub fn merge_choosing(
    base: Option<&Scenario>,
    ours: &Scenario,
    theirs: &Scenario,
    choices: &[Side],
) -> Result<Merged, MergeError> {
    let tree = |s: &Scenario, which: &str| {
        serde_json::to_value(s).map_err(|e| {
            MergeError(format!(
                "{which} cannot be merged: it holds a value that is not a number ({e})"
            ))
        })
    };
    let (o, t) = (tree(ours, "our scenario")?, tree(theirs, "their scenario")?);
    let b = base.map(|b| tree(b, "the base")).transpose()?;
    let (o, t, b) = (complete(o), complete(t), b.map(complete));
    let mut walk = Walk {
        choices,
        has_base: b.is_some(),
        taken: Vec::new(),
        conflicts: Vec::new(),
    };
    let base_value = match &b {
        Some(v) => Base::Known(Some(v)),
        None => Base::Unknown,
    };
    let merged = walk
        .node(&Place::default(), "", base_value, Some(&o), Some(&t))
        .unwrap_or(o);
    let scenario: Scenario = serde_json::from_value(merged).map_err(|e| {
        MergeError(format!(
            "the two scenarios cannot be combined into one file ({e})"
        ))
    })?;
    let problems = validate(&scenario);
    Ok(Merged {
        scenario,
        taken: walk.taken,
        conflicts: walk.conflicts,
        problems,
    })
}

/// The base's value at a field: known (maybe absent), or no base at all.
#[derive(Clone, Copy)]
enum Base<'a> {
    Known(Option<&'a Value>),
    Unknown,
}

impl<'a> Base<'a> {
    fn is(&self, v: Option<&Value>) -> bool {
        matches!(self, Base::Known(b) if same(*b, v))
    }

    fn value(&self) -> Option<&'a Value> {
        match self {
            Base::Known(b) => *b,
            Base::Unknown => None,
        }
    }

    fn field(&self, key: &str) -> Base<'a> {
        match self {
            Base::Known(Some(Value::Object(m))) => Base::Known(m.get(key)),
            Base::Known(_) => Base::Known(None),
            Base::Unknown => Base::Unknown,
        }
    }
}

/// Where a field is, as words ("variant Budget cut", "Cobalt",
/// "supplier Vale") ending with the field's own words.
#[derive(Clone, Default)]
struct Place(Vec<String>);

impl Place {
    fn with(&self, words: String) -> Place {
        let mut more = self.0.clone();
        more.push(words);
        Place(more)
    }

    fn words(&self) -> String {
        if self.0.is_empty() {
            "the scenario".to_string()
        } else {
            self.0.join(" · ")
        }
    }
}

struct Walk<'c> {
    choices: &'c [Side],
    has_base: bool,
    taken: Vec<Change>,
    conflicts: Vec<Conflict>,
}

impl Walk<'_> {
    /// The merged value of field `key` at `place` (`None`: absent).
    fn node(
        &mut self,
        place: &Place,
        key: &str,
        b: Base<'_>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        if same(o, t) {
            return o.cloned();
        }
        if b.is(o) {
            self.took(place, key, b.value(), t);
            return t.cloned();
        }
        if b.is(t) {
            return o.cloned();
        }
        let listed = [b.value(), o, t]
            .iter()
            .any(|v| matches!(v, Some(Value::Array(_))));
        match (o, t) {
            // A struct (an item of a list is matched by name before): field
            // by field. A choice with data (`QtyPerYear(1500)`) is one value.
            (Some(Value::Object(om)), Some(Value::Object(tm)))
                if !is_choice(om) && !is_choice(tm) =>
            {
                Some(Value::Object(self.fields(
                    &inner_place(place, key),
                    b,
                    om,
                    tm,
                )))
            }
            // A list left out of a file is an empty one.
            _ if listed => {
                let (oa, ta) = (as_list(o), as_list(t));
                let ba = match b {
                    Base::Known(v) => Some(as_list(v)),
                    Base::Unknown => None,
                };
                match self.items(place, key, ba, oa, ta) {
                    Some(list) => Some(Value::Array(list)),
                    None => self.conflict(place, key, b.value(), o, t),
                }
            }
            _ => self.conflict(place, key, b.value(), o, t),
        }
    }

    /// A struct's fields, merged one by one: ours in our order, then
    /// fields only theirs has.
    fn fields(
        &mut self,
        place: &Place,
        b: Base<'_>,
        om: &Map<String, Value>,
        tm: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for key in keys(om, tm) {
            if let Some(v) = self.node(place, &key, b.field(&key), om.get(&key), tm.get(&key)) {
                out.insert(key, v);
            }
        }
        out
    }

    /// A list of named items merged item by item; `None` when the list is
    /// not one of named items (or a name occurs twice), to be merged as
    /// one value. `ba`: `None` without a base.
    fn items(
        &mut self,
        place: &Place,
        key: &str,
        ba: Option<&[Value]>,
        oa: &[Value],
        ta: &[Value],
    ) -> Option<Vec<Value>> {
        let (oi, ti) = (ids(oa)?, ids(ta)?);
        let bi = match ba {
            Some(b) => Some(ids(b)?),
            None => None,
        };
        let mut out = Vec::new();
        for id in merged_order(&oi, &ti) {
            let b = match (ba, &bi) {
                (Some(b), Some(bi)) => Base::Known(find(b, bi, &id)),
                _ => Base::Unknown,
            };
            let item_place = place.with(item_words(key, &id));
            let merged = self.node(&item_place, "", b, find(oa, &oi, &id), find(ta, &ti, &id));
            out.extend(merged);
        }
        Some(out)
    }

    /// Record their change of field `key` from `before` to `after`, field
    /// by field and item by item, as a planner reads it.
    fn took(&mut self, place: &Place, key: &str, before: Option<&Value>, after: Option<&Value>) {
        let listed = [before, after]
            .iter()
            .any(|v| matches!(v, Some(Value::Array(_))));
        match (before, after) {
            (Some(Value::Object(bm)), Some(Value::Object(am)))
                if !is_choice(bm) && !is_choice(am) =>
            {
                let inner = inner_place(place, key);
                for k in keys(bm, am) {
                    if !same(bm.get(&k), am.get(&k)) {
                        self.took(&inner, &k, bm.get(&k), am.get(&k));
                    }
                }
                return;
            }
            _ if listed => {
                let (ba, aa) = (as_list(before), as_list(after));
                if let (Some(bi), Some(ai)) = (ids(ba), ids(aa)) {
                    for id in merged_order(&ai, &bi) {
                        let (b, a) = (find(ba, &bi, &id), find(aa, &ai, &id));
                        if !same(b, a) {
                            self.took(&place.with(item_words(key, &id)), "", b, a);
                        }
                    }
                    return;
                }
            }
            _ => {}
        }
        let (before, after) = words_of_pair(key, before, after);
        self.taken.push(Change {
            place: field_place(place, key),
            before,
            after,
        });
    }

    fn conflict(
        &mut self,
        place: &Place,
        key: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        let chosen = self
            .choices
            .get(self.conflicts.len())
            .copied()
            .unwrap_or(Side::Ours);
        let values = [b, o, t];
        let shown = |v: Option<&Value>, role: Role| value_words(key, v, b, role, &values);
        self.conflicts.push(Conflict {
            place: field_place(place, key),
            base: self.has_base.then(|| shown(b, Role::Base)),
            ours: shown(o, Role::Side),
            theirs: shown(t, Role::Side),
            chosen,
        });
        match chosen {
            Side::Ours => o.cloned(),
            Side::Theirs => t.cloned(),
        }
    }
}

/// Field and list values that mean the same: a list or an optional value
/// left out of a file is empty or none.
fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    let empty = |v: Option<&Value>| match v {
        None | Some(Value::Null) => true,
        Some(Value::Array(items)) => items.is_empty(),
        _ => false,
    };
    a == b || (empty(a) && empty(b))
}

fn as_list(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

/// Keys of two structs: the first's in order, then the second's others.
fn keys(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    a.keys()
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .cloned()
        .collect()
}

/// The names of a list's items; `None` unless every item is named, once.
fn ids(list: &[Value]) -> Option<Vec<String>> {
    let ids: Vec<String> = list.iter().map(identity).collect::<Option<_>>()?;
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    (sorted.len() == ids.len()).then_some(ids)
}

fn find<'v>(list: &'v [Value], list_ids: &[String], id: &str) -> Option<&'v Value> {
    list_ids.iter().position(|x| x == id).map(|i| &list[i])
}

/// `first`'s order, with the names only `second` has placed after the
/// name before them in `second` (at the start when none is before).
fn merged_order(first: &[String], second: &[String]) -> Vec<String> {
    let mut order: Vec<String> = first.to_vec();
    for (k, id) in second.iter().enumerate() {
        if order.contains(id) {
            continue;
        }
        let after = second[..k].iter().rev().find(|p| order.contains(p));
        let at = after.map_or(0, |p| {
            order.iter().position(|x| x == p).map_or(0, |i| i + 1)
        });
        order.insert(at, id.clone());
    }
    order
}

/// The place inside struct field `key` ("Monte Carlo"); settings and
/// items add no words.
fn inner_place(place: &Place, key: &str) -> Place {
    if key.is_empty() || key == "settings" {
        place.clone()
    } else {
        place.with(field_words(key))
    }
}

/// Fill in the fields a file leaves out when they hold their default, so
/// that "left out" and "the default" compare equal.
fn complete(mut tree: Value) -> Value {
    fn scenario(s: &mut Value) {
        let Value::Object(m) = s else { return };
        if let Some(Value::Object(settings)) = m.get_mut("settings") {
            let defaults = [
                ("plan_year", serde_json::to_value(PlanYear::ScenarioStart)),
                (
                    "monte_carlo",
                    serde_json::to_value(MonteCarloSettings::default()),
                ),
                ("stop_at_requirement", Ok(Value::Bool(false))),
            ];
            for (key, value) in defaults {
                if let (false, Ok(value)) = (settings.contains_key(key), value) {
                    settings.insert(key.to_string(), value);
                }
            }
        }
        if let Some(Value::Array(events)) = m.get_mut("disruptions") {
            for event in events {
                let Value::Object(e) = event else { continue };
                let defaults = [
                    ("target", serde_json::to_value(EventTarget::Supplier)),
                    ("resourcing_premium_pct", Ok(Value::from(0.0))),
                    ("world_price_pct", Ok(Value::from(0.0))),
                    ("probability_pct", Ok(Value::from(100.0))),
                ];
                for (key, value) in defaults {
                    if let (false, Ok(value)) = (e.contains_key(key), value) {
                        e.insert(key.to_string(), value);
                    }
                }
            }
        }
        if let Some(Value::Array(variants)) = m.get_mut("variants") {
            variants.iter_mut().for_each(scenario);
        }
    }
    scenario(&mut tree);
    tree
}

/// The fields that name an item in a list: a name, a feed's origin, a
/// capacity change's month.
const IDENTITY_FIELDS: [&str; 3] = ["name", "origin", "from"];

/// serde's form of an enum with data: `{"QtyPerYear": 1500.0}`.
fn is_choice(m: &Map<String, Value>) -> bool {
    m.len() == 1 && m.keys().all(|k| k.starts_with(char::is_uppercase))
}

fn identity(item: &Value) -> Option<String> {
    let Value::Object(m) = item else {
        return None;
    };
    IDENTITY_FIELDS
        .iter()
        .find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_string))
}

fn is_item(v: Option<&Value>) -> bool {
    v.and_then(identity).is_some()
}

/// An item of list `key` in words: "Cobalt", "supplier Vale", "event
/// China ban", "variant Budget cut", "feed from China", "capacity from
/// 2027-01".
fn item_words(key: &str, id: &str) -> String {
    match key {
        "minerals" => id.to_string(),
        "suppliers" => format!("supplier {id}"),
        "disruptions" => format!("event {id}"),
        "variants" => format!("variant {id}"),
        "feed" => format!("feed from {id}"),
        "capacity_changes" => format!("capacity from {id}"),
        _ => format!("{} {id}", field_words(key)),
    }
}

/// A field's name in words, its unit left to the value: `budget_usd` →
/// "budget", `price_range_usd_per_unit` → "price range",
/// `lead_time_months` → "lead time".
fn field_words(key: &str) -> String {
    const UNITS: [&str; 9] = [
        "_usd_per_unit",
        "_qty_per_year",
        "_pct_per_year",
        "_usd",
        "_pct",
        "_qty",
        "_months",
        "_per_year",
        "_per_unit",
    ];
    let mut stem = key;
    for unit in UNITS {
        if let Some(s) = stem.strip_suffix(unit) {
            stem = s;
            break;
        }
    }
    match stem {
        "disruptions" => "events".to_string(),
        "monte_carlo" => "Monte Carlo".to_string(),
        "horizon" => "horizon".to_string(),
        _ => stem.replace('_', " "),
    }
}

fn field_place(place: &Place, key: &str) -> String {
    if key.is_empty() {
        place.words()
    } else {
        place.with(field_words(key)).words()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Base,
    Side,
}

fn words_of_pair(key: &str, before: Option<&Value>, after: Option<&Value>) -> (String, String) {
    let values = [before, after];
    (
        value_words(key, before, before, Role::Base, &values),
        value_words(key, after, before, Role::Side, &values),
    )
}

/// A value as a planner reads it. Money short ("$500M") unless that hides
/// a difference between the values shown together, then in full.
fn value_words(
    key: &str,
    v: Option<&Value>,
    base: Option<&Value>,
    role: Role,
    together: &[Option<&Value>],
) -> String {
    // A field left out of a file holds nothing; an item left out is gone.
    let v = v.filter(|v| !matches!(v, Value::Array(items) if items.is_empty()));
    let Some(v) = v else {
        return if !key.is_empty() {
            "none".to_string()
        } else if role == Role::Side && base.is_some() {
            "removed".to_string()
        } else {
            "not there".to_string()
        };
    };
    if is_item(Some(v)) {
        return match (role, base) {
            (Role::Base, _) => "there".to_string(),
            (Role::Side, None) => "added".to_string(),
            (Role::Side, Some(b)) if b == v => "as in the base".to_string(),
            (Role::Side, Some(_)) => "edited".to_string(),
        };
    }
    match v {
        Value::Null => "none".to_string(),
        Value::Bool(true) => "on".to_string(),
        Value::Bool(false) => "off".to_string(),
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            number_words(key, x, together)
        }
        Value::String(s) if TEXT_FIELDS.contains(&key) => text_words(s),
        // A month ("2027-06") or a choice without data ("Even", "None").
        Value::String(s) => camel_words(s),
        other => compact(other, 80),
    }
}

fn number_words(key: &str, x: f64, together: &[Option<&Value>]) -> String {
    if key.ends_with("_usd") {
        // In full where the short form would make two values look alike.
        let mut numbers: Vec<f64> = together
            .iter()
            .flatten()
            .filter_map(|v| v.as_f64())
            .collect();
        numbers.sort_by(f64::total_cmp);
        numbers.dedup();
        let mut shorts: Vec<String> = numbers.iter().map(|&n| usd_short(n)).collect();
        shorts.sort();
        shorts.dedup();
        if shorts.len() < numbers.len() {
            usd_full(x)
        } else {
            usd_short(x)
        }
    } else if key.ends_with("_usd_per_unit") {
        usd_full(x)
    } else if key.contains("_pct") {
        format!("{}%", number_short(x))
    } else if key.ends_with("_months") {
        format!("{} months", grouped(x, 0))
    } else {
        grouped_or_short(x)
    }
}

fn grouped_or_short(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        grouped(x, 0)
    } else {
        number_short(x)
    }
}

/// Fields that hold the planner's own text, shown in quotes.
const TEXT_FIELDS: [&str; 6] = ["name", "notes", "supplier", "country", "origin", "minerals"];

/// `ScenarioStart` → "scenario start", `None` → "none"; a month as is.
fn camel_words(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn text_words(s: &str) -> String {
    const SHOWN_CHARS: usize = 60;
    let count = s.chars().count();
    if count == 0 {
        "empty".to_string()
    } else if count <= SHOWN_CHARS {
        format!("\"{s}\"")
    } else {
        let start: String = s.chars().take(SHOWN_CHARS).collect();
        format!("\"{start}…\" ({} characters)", grouped(count as f64, 0))
    }
}

/// A list or a choice with data, written as in the file: `[1, 2]`,
/// `QtyPerYear(1500)`, cut at `max_chars`.
fn compact(v: &Value, max_chars: usize) -> String {
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Null => out.push_str("None"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&grouped_or_short(n.as_f64().unwrap_or(f64::NAN))),
            Value::String(s) => {
                out.push('"');
                out.push_str(s);
                out.push('"');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write(item, out);
                }
                out.push(']');
            }
            // serde's form of an enum with data: {"QtyPerYear": 1500.0}.
            Value::Object(m) if is_choice(m) => {
                if let Some((name, inner)) = m.iter().next() {
                    out.push_str(&camel_words(name));
                    out.push(' ');
                    write(inner, out);
                }
            }
            Value::Object(m) => {
                out.push('(');
                for (i, (k, item)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(k);
                    out.push_str(": ");
                    write(item, out);
                }
                out.push(')');
            }
        }
    }
    let mut out = String::new();
    write(v, &mut out);
    if out.chars().count() > max_chars {
        let cut: String = out.chars().take(max_chars).collect();
        format!("{cut}…")
    } else {
        out
    }
}
