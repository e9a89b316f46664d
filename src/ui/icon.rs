//! The window and taskbar icon: the project's icon (assets/icons) at 128 px, embedded in
//! the binary and decoded with eframe's PNG loader. X11 shows it from the window itself;
//! Wayland has no way for a window to set one, so the desktop shows the icon of the
//! launcher whose name is the window's app id ([`crate::desktop::APP_ID`]).

/// The PNG the window icon is decoded from.
const WINDOW_ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/128x128/apps/org.memodraft.memodraft.png");

/// The decoded window icon; `None` only if the embedded PNG were damaged (a test checks it
/// is not), in which case the window keeps the system's default icon.
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG).ok()
}
