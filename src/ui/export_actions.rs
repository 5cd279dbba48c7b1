//! File > Export: the chart as PNG, the projection as CSV, the one-page
//! briefing as HTML, of the variant on screen (with its baseline, when
//! comparing). The pictures and pages come from `crate::export`, the same
//! code as `stockpile-planner export`; this only asks where and writes.

use super::app::PlannerApp;
use super::files::{ExportKind, FileRequest};
use crate::export::{
    BaselineComparison, BriefingInput, ChartInput, briefing_html, chart_subtitle, chart_title,
    coverage_png, delta_table, projection_csv,
};
use std::path::Path;

impl PlannerApp {
    /// Ask where to write an export of `kind`.
    pub(super) fn ask_export(&mut self, ctx: &egui::Context, kind: ExportKind) {
        if let Some(why) = self.why_no_export() {
            self.notices.error(why);
            return;
        }
        let stem = super::files::suggested_file_name(&self.doc.active().name);
        let stem = stem.strip_suffix(".ron").unwrap_or(&stem);
        let request = FileRequest::Export {
            folder: self.start_folder(),
            suggested_name: format!("{stem}.{}", kind.extension()),
            kind,
        };
        self.dialogs.ask(request, ctx);
    }

    /// Why there is nothing to export now, if so.
    fn why_no_export(&self) -> Option<String> {
        let doc = &self.doc;
        if doc.projection.minerals.is_empty() {
            Some("Nothing to export yet: the scenario has problems (marked in red) and no projection.".into())
        } else if doc.projection_is_stale {
            Some("Fix the problems marked in red first: an export must show the scenario as it is, not its last valid state.".into())
        } else {
            None
        }
    }

    /// Write an export of `kind` to `path`, telling the planner how it went.
    pub(super) fn export_to(&mut self, kind: ExportKind, path: &Path) {
        if let Some(why) = self.why_no_export() {
            self.notices.error(why);
            return;
        }
        let result = self
            .export_bytes(kind)
            .and_then(|bytes| crate::export::write_export(path, &bytes, self.doc.path.as_deref()));
        match result {
            Ok(()) => self.notices.info(format!(
                "Exported the {} to {}.",
                kind.label(),
                path.display()
            )),
            Err(e) => self.notices.error(format!(
                "Could not export the {} to {}: {e}",
                kind.label(),
                path.display()
            )),
        }
    }

    fn export_bytes(&self, kind: ExportKind) -> Result<Vec<u8>, String> {
        let doc = &self.doc;
        let variant = (doc.active > 0).then(|| doc.active().name.as_str());
        let title = chart_title(&doc.scenario.name, variant);
        let subtitle = chart_subtitle(&doc.projection);
        let comparison = doc.comparison.as_ref().filter(|c| c.problem.is_none());
        // Only bands of the plan on screen: while a newer run is pending,
        // the last ones belong to an older plan.
        let bands = self
            .analysis
            .bands
            .as_deref()
            .filter(|_| self.analysis.bands_current);
        let chart = ChartInput {
            baseline: comparison.map(|c| (c.name.as_str(), &c.projection)),
            plan_year: doc.active().settings.plan_year,
            ..ChartInput::new(&title, &subtitle, &doc.projection)
        };
        match kind {
            ExportKind::ChartPng => coverage_png(&chart).map_err(|e| e.to_string()),
            ExportKind::ProjectionCsv => {
                projection_csv(&doc.projection, bands).map_err(|e| e.to_string())
            }
            ExportKind::BriefingHtml => {
                let png = coverage_png(&ChartInput {
                    text_scale: crate::export::chart::PRINT_TEXT_SCALE,
                    ..chart
                })
                .map_err(|e| e.to_string())?;
                let baseline = comparison.map(|c| BaselineComparison {
                    name: c.name.clone(),
                    delta: delta_table(&doc.projection, &c.projection),
                    changes: c.differences.iter().map(|d| d.sentence()).collect(),
                });
                let has_events = doc.active().disruptions.iter().any(|d| d.enabled);
                Ok(briefing_html(&BriefingInput {
                    scenario: doc.active(),
                    scenario_name: &doc.scenario.name,
                    variant_name: variant,
                    projection: &doc.projection,
                    lost_to_events_pct: has_events
                        .then_some(doc.coverage_lost_to_events_pct.as_slice()),
                    baseline: baseline.as_ref(),
                    bands,
                    chart_png: &png,
                })
                .into_bytes())
            }
        }
    }
}
