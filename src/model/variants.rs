//! Variants: one file holds the base scenario and named variants of it
//! ("Approved plan", "Ban in 2026"). Each variant is a complete scenario
//! (full copy, not a diff), so a change to the base never changes an
//! approved variant, and a variant can be cut out as a file of its own.
//!
//! Variants are numbered like this everywhere: index 0 is the base
//! scenario itself, index k ≥ 1 is `variants[k - 1]`. Every method ignores
//! an index out of range (returning `None`) rather than panicking.

use super::scenario::Scenario;

impl Scenario {
    /// The base plus its variants: 1 for a scenario without variants.
    pub fn variant_count(&self) -> usize {
        1 + self.variants.len()
    }

    /// Variant `k`: 0 is the base itself, k ≥ 1 is `variants[k - 1]`.
    /// The base is returned with its variants; use
    /// [`Scenario::variant_without_nested`] for a scenario to project.
    pub fn variant(&self, k: usize) -> Option<&Scenario> {
        match k {
            0 => Some(self),
            _ => self.variants.get(k - 1),
        }
    }

    /// Variant `k` to edit (0 is the base itself).
    pub fn variant_mut(&mut self, k: usize) -> Option<&mut Scenario> {
        match k {
            0 => Some(self),
            _ => self.variants.get_mut(k - 1),
        }
    }

    /// The name of variant `k` (0: the base scenario's name).
    pub fn variant_name(&self, k: usize) -> Option<&str> {
        self.variant(k).map(|v| v.name.as_str())
    }

    /// The index of the variant called `name` (0 for the base): an exact
    /// match first, then one that ignores case and surrounding spaces.
    pub fn find_variant(&self, name: &str) -> Option<usize> {
        let names = || (0..self.variant_count()).filter_map(|k| Some((k, self.variant_name(k)?)));
        names()
            .find(|(_, n)| *n == name)
            .map(|(k, _)| k)
            .or_else(|| {
                let wanted = name.trim().to_lowercase();
                names()
                    .find(|(_, n)| n.trim().to_lowercase() == wanted)
                    .map(|(k, _)| k)
            })
    }

    /// Append a full copy of variant `k` (the base included, without its
    /// variants), named "<name> (copy)", "<name> (copy 2)", … so that no
    /// two variants share a name. Returns the new variant's index.
    pub fn duplicate_variant(&mut self, k: usize) -> Option<usize> {
        let mut copy = self.variant_without_nested(k)?;
        copy.name = self.unused_variant_name(&copy.name);
        self.variants.push(copy);
        Some(self.variant_count() - 1)
    }

    /// Remove variant `k` (k ≥ 1; the base cannot be removed), returning it.
    pub fn remove_variant(&mut self, k: usize) -> Option<Scenario> {
        (k >= 1 && k <= self.variants.len()).then(|| self.variants.remove(k - 1))
    }

    /// An owned copy of variant `k` with no variants of its own: what is
    /// validated, projected or saved as a file of its own.
    pub fn variant_without_nested(&self, k: usize) -> Option<Scenario> {
        if k == 0 {
            // Clone the base without cloning every variant first.
            Some(Scenario {
                format_version: self.format_version,
                name: self.name.clone(),
                notes: self.notes.clone(),
                start: self.start,
                horizon_months: self.horizon_months,
                settings: self.settings.clone(),
                minerals: self.minerals.clone(),
                disruptions: self.disruptions.clone(),
                variants: Vec::new(),
            })
        } else {
            let mut v = self.variants.get(k - 1)?.clone();
            v.variants.clear();
            Some(v)
        }
    }

    /// "<name> (copy)", or "<name> (copy 2)", "(copy 3)", … when taken by
    /// the base or a variant (ignoring case).
    fn unused_variant_name(&self, name: &str) -> String {
        let taken = |candidate: &str| self.find_variant(candidate).is_some();
        let first = format!("{name} (copy)");
        if !taken(&first) {
            return first;
        }
        (2..)
            .map(|n| format!("{name} (copy {n})"))
            .find(|candidate| !taken(candidate))
            .unwrap_or(first)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Mineral, Scenario, YearMonth};

    fn plan() -> Scenario {
        let mut s = Scenario::empty("Plan", YearMonth::new(2026, 1));
        s.minerals.push(Mineral::new("Cobalt"));
        s
    }

    #[test]
    fn index_0_is_the_base_and_k_is_variants_k_minus_1() {
        let mut s = plan();
        assert_eq!(s.variant_count(), 1);
        assert_eq!(s.variant_name(0), Some("Plan"));
        assert_eq!(s.variant_name(1), None);
        assert_eq!(s.duplicate_variant(0), Some(1));
        assert_eq!(s.variant_count(), 2);
        assert_eq!(s.variant_name(1), Some("Plan (copy)"));
        assert_eq!(s.variants[0].name, "Plan (copy)");
        s.variant_mut(1).unwrap().minerals[0].budget_usd = 1.0;
        assert_eq!(s.variants[0].minerals[0].budget_usd, 1.0);
        assert_eq!(s.minerals[0].budget_usd, 10_000_000.0, "a full copy");
        assert!(s.variant(2).is_none() && s.variant_mut(2).is_none());
    }

    #[test]
    fn copies_get_unique_names_and_no_nested_variants() {
        let mut s = plan();
        s.duplicate_variant(0);
        assert_eq!(s.duplicate_variant(0), Some(2));
        assert_eq!(s.variant_name(2), Some("Plan (copy 2)"));
        assert_eq!(s.duplicate_variant(1), Some(3));
        assert_eq!(s.variant_name(3), Some("Plan (copy) (copy)"));
        assert!(s.variants.iter().all(|v| v.variants.is_empty()));
        assert_eq!(s.duplicate_variant(9), None);
    }

    #[test]
    fn find_variant_prefers_an_exact_match_then_ignores_case() {
        let mut s = plan();
        s.duplicate_variant(0);
        s.variants[0].name = "Ban in 2026".into();
        s.duplicate_variant(1);
        s.variants[1].name = "BAN IN 2026".into();
        assert_eq!(s.find_variant("Plan"), Some(0));
        assert_eq!(s.find_variant("BAN IN 2026"), Some(2));
        assert_eq!(s.find_variant("Ban in 2026"), Some(1));
        assert_eq!(s.find_variant(" ban in 2026 "), Some(1));
        assert_eq!(s.find_variant("plan"), Some(0));
        assert_eq!(s.find_variant("Approved"), None);
    }

    #[test]
    fn the_base_cannot_be_removed() {
        let mut s = plan();
        s.duplicate_variant(0);
        assert_eq!(s.remove_variant(0), None);
        assert_eq!(s.remove_variant(2), None);
        assert_eq!(
            s.remove_variant(1).map(|v| v.name),
            Some("Plan (copy)".into())
        );
        assert_eq!(s.variant_count(), 1);
    }

    #[test]
    fn a_variant_to_project_has_no_variants() {
        let mut s = plan();
        s.duplicate_variant(0);
        let base = s.variant_without_nested(0).unwrap();
        assert!(base.variants.is_empty());
        assert_eq!(base, plan());
        assert_eq!(s.variant_without_nested(1).unwrap().name, "Plan (copy)");
        assert_eq!(s.variant_without_nested(2), None);
    }
}
