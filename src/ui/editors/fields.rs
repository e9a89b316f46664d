//! The field widgets every editor shares: labelled text fields in a grid and row buttons
//! for lists.

use egui::{Response, TextEdit, Ui};

/// The hint under editors whose text takes inline Markdown.
pub const MARKDOWN_HINT: &str =
    "Blank line between paragraphs. *italic*, **bold**, [link text](https://…)";

/// A labelled multi-line field in a two-column grid.
pub fn area_ui(ui: &mut Ui, label: &str, value: &mut String, rows: usize) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::multiline(value)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// What the buttons of a row in a list ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    Up,
    Down,
    Duplicate,
    Remove,
}

/// Move up, move down, (duplicate) and remove buttons for row `i` of `len`.
pub fn row_buttons_ui(ui: &mut Ui, i: usize, len: usize, duplicate: bool) -> Option<RowAction> {
    let mut action = None;
    if ui
        .add_enabled(i > 0, egui::Button::new("⬆"))
        .on_hover_text("Move up")
        .clicked()
    {
        action = Some(RowAction::Up);
    }
    if ui
        .add_enabled(i + 1 < len, egui::Button::new("⬇"))
        .on_hover_text("Move down")
        .clicked()
    {
        action = Some(RowAction::Down);
    }
    if duplicate && ui.button("Duplicate").clicked() {
        action = Some(RowAction::Duplicate);
    }
    if ui.button("Remove").clicked() {
        action = Some(RowAction::Remove);
    }
    action
}

/// The same for a table row, as icons (each with its name for hover and screen readers).
pub fn row_icons_ui(ui: &mut Ui, i: usize, len: usize) -> Option<RowAction> {
    let mut action = None;
    for (enabled, icon, name, what) in [
        (i > 0, "⬆", "Move up", RowAction::Up),
        (i + 1 < len, "⬇", "Move down", RowAction::Down),
        (true, "✖", "Remove", RowAction::Remove),
    ] {
        let r = ui
            .add_enabled(enabled, egui::Button::new(icon).small())
            .on_hover_text(name);
        r.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, enabled, format!("{name} {}", i + 1))
        });
        if r.clicked() {
            action = Some(what);
        }
    }
    action
}

/// Applies a row action to a list (out-of-range rows are left alone).
pub fn apply_row_action<T: Clone>(items: &mut Vec<T>, i: usize, action: RowAction) {
    match action {
        RowAction::Up if i > 0 && i < items.len() => items.swap(i - 1, i),
        RowAction::Down if i + 1 < items.len() => items.swap(i, i + 1),
        RowAction::Duplicate => {
            if let Some(item) = items.get(i).cloned() {
                items.insert(i + 1, item);
            }
        }
        RowAction::Remove if i < items.len() => {
            items.remove(i);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_actions_move_copy_and_remove_within_bounds() {
        let mut v = vec!['a', 'b', 'c'];
        apply_row_action(&mut v, 1, RowAction::Up);
        assert_eq!(v, ['b', 'a', 'c']);
        apply_row_action(&mut v, 2, RowAction::Down);
        assert_eq!(v, ['b', 'a', 'c'], "the last row cannot move down");
        apply_row_action(&mut v, 0, RowAction::Duplicate);
        assert_eq!(v, ['b', 'b', 'a', 'c']);
        apply_row_action(&mut v, 9, RowAction::Remove);
        assert_eq!(v.len(), 4, "a row that is not there is not removed");
        apply_row_action(&mut v, 3, RowAction::Remove);
        assert_eq!(v, ['b', 'b', 'a']);
    }
}
