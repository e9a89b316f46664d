//! memodraft as a desktop application: the launcher, metainfo and MIME type under
//! packaging/ and the Debian package's assets name the application id the code uses; the
//! icons they name exist at the sizes their folders say; the name Save As offers and what
//! the editor writes are recognised as a draft; `--version`, `--help` and Help > About say
//! what they should.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use memodraft::desktop::{APP_ID, DRAFT_MIME_TYPE, DRAFT_SUFFIX, draft_file_name};
use memodraft::storage;

use crate::editor::{click, config, harness};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `packaging/APP_ID<ending>`.
fn packaging(ending: &str) -> PathBuf {
    Path::new(ROOT)
        .join("packaging")
        .join(format!("{APP_ID}{ending}"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys of a `.desktop` file's `[Desktop Entry]` group (its only group here), as the
/// desktop entry specification writes them: `Key=Value` lines, `#` comments.
fn desktop_entry(text: &str) -> HashMap<String, String> {
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    assert_eq!(lines.next(), Some("[Desktop Entry]"), "the first group");
    let mut keys = HashMap::new();
    for line in lines {
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("not Key=Value: {line}"));
        assert!(
            keys.insert(key.to_owned(), value.to_owned()).is_none(),
            "{key} twice"
        );
    }
    keys
}

/// An XML element with its attributes, text and children: enough of a DOM to check the
/// packaging files (quick-xml checks they are well-formed).
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Self> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child on a path of names, e.g. "provides/mediatype".
    fn at(&self, path: &str) -> &Self {
        let mut e = self;
        for name in path.split('/') {
            e = e
                .children
                .iter()
                .find(|c| c.name == name)
                .unwrap_or_else(|| panic!("no <{name}> in <{}> (looking for {path})", e.name));
        }
        e
    }
}

fn parse_xml(text: &str) -> Element {
    fn element(e: &BytesStart<'_>) -> Element {
        Element {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                    let value = a.normalized_value(XmlVersion::Implicit1_0).unwrap();
                    (key, value.into_owned())
                })
                .collect(),
            ..Element::default()
        }
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut open = vec![Element::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => open.push(element(&e)),
            Event::Empty(e) => open.last_mut().unwrap().children.push(element(&e)),
            Event::End(_) => {
                let done = open.pop().unwrap();
                open.last_mut().expect("balanced tags").children.push(done);
            }
            Event::Text(t) => open.last_mut().unwrap().text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => panic!("an entity reference, &{:?};", r.decode()),
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = open.pop().unwrap();
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.remove(0)
}

/// Whether shared-mime-info's `<magic>` matches `bytes`: any of its `<match>`es, each
/// a string at an offset (or in a range `start:end`) and, when it has children, any of
/// them too. Only `type="string"` is used (and supported) here.
fn magic_matches(magic: &Element, bytes: &[u8]) -> bool {
    fn one(m: &Element, bytes: &[u8]) -> bool {
        assert_eq!(m.attr("type"), Some("string"), "only string matches");
        let value = m.attr("value").unwrap().as_bytes();
        let offset = m.attr("offset").unwrap();
        let (start, end) = offset.split_once(':').unwrap_or((offset, offset));
        let (start, end): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
        let found = (start..=end).any(|at| bytes.get(at..at + value.len()) == Some(value));
        found && (m.children.is_empty() || m.all("match").any(|c| one(c, bytes)))
    }
    magic.all("match").any(|m| one(m, bytes))
}

/// Whether a shared-mime-info glob (`*.ext` form, case-insensitive as by default) matches
/// a file name.
fn glob_matches(pattern: &str, name: &str) -> bool {
    let ending = pattern.strip_prefix('*').expect("globs of the form *.ext");
    name.to_lowercase().ends_with(&ending.to_lowercase())
}

/// The draft MIME type's globs and magic.
fn mime_type() -> Element {
    let info = parse_xml(&read(&packaging(".mime.xml")));
    assert_eq!(info.name, "mime-info");
    assert_eq!(
        info.attr("xmlns"),
        Some("http://www.freedesktop.org/standards/shared-mime-info")
    );
    let mut types = info.children.into_iter();
    let draft = types.next().unwrap();
    assert!(types.next().is_none(), "one MIME type");
    draft
}

#[test]
fn the_launcher_opens_drafts_and_names_the_apps_id_and_icon() {
    let entry = desktop_entry(&read(&packaging(".desktop")));
    let key = |k: &str| {
        entry
            .get(k)
            .map_or_else(|| panic!("no {k}="), String::as_str)
    };
    assert_eq!(key("Type"), "Application");
    assert_eq!(key("Name"), "memodraft");
    assert!(!key("Comment").is_empty());
    assert_eq!(key("Terminal"), "false");
    assert!(key("Categories").split(';').any(|c| c == "Office"));
    // The file manager passes the draft double-clicked.
    let exec: Vec<&str> = key("Exec").split(' ').collect();
    assert_eq!(exec, [env!("CARGO_PKG_NAME"), "%f"]);
    assert!(key("MimeType").split(';').any(|m| m == DRAFT_MIME_TYPE));
    // The window's app id (Wayland) and WM_CLASS (X11) lead the desktop to this launcher.
    assert_eq!(key("StartupWMClass"), APP_ID);
    assert_eq!(key("Icon"), APP_ID);
    let icons = Path::new(ROOT).join("assets/icons/hicolor");
    assert!(icons.join(format!("scalable/apps/{APP_ID}.svg")).is_file());
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let png = icons.join(format!("{size}x{size}/apps/{APP_ID}.png"));
        assert!(png.is_file(), "{} is missing", png.display());
    }
}

#[test]
fn the_icons_decode_at_the_sizes_their_folders_say_and_the_window_shows_one() {
    let icons = Path::new(ROOT).join("assets/icons/hicolor");
    let mut sizes = Vec::new();
    for dir in fs::read_dir(&icons).unwrap() {
        let dir = dir.unwrap().path();
        let folder = dir.file_name().unwrap().to_string_lossy().into_owned();
        if folder == "scalable" {
            let svg = parse_xml(&read(&dir.join(format!("apps/{APP_ID}.svg"))));
            assert_eq!(svg.name, "svg");
            assert_eq!(svg.attr("viewBox"), Some("0 0 128 128"), "a square icon");
            continue;
        }
        let (w, h) = folder.split_once('x').unwrap();
        let (w, h): (u32, u32) = (w.parse().unwrap(), h.parse().unwrap());
        let png = dir.join(format!("apps/{APP_ID}.png"));
        let icon = eframe::icon_data::from_png_bytes(&fs::read(&png).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", png.display()));
        assert_eq!((icon.width, icon.height), (w, h), "{}", png.display());
        let opaque = icon.rgba.chunks(4).filter(|p| p[3] == 255).count();
        assert!(
            opaque > (w * h / 3) as usize,
            "{} is mostly transparent",
            png.display()
        );
        sizes.push(w);
    }
    sizes.sort_unstable();
    assert_eq!(sizes, [16, 24, 32, 48, 64, 128, 256, 512]);

    // The window's icon is the 128 px one, decoded.
    let window = memodraft::ui::window_icon().expect("the embedded icon decodes");
    let png = icons.join(format!("128x128/apps/{APP_ID}.png"));
    let file = eframe::icon_data::from_png_bytes(&fs::read(png).unwrap()).unwrap();
    assert_eq!((window.width, window.height), (128, 128));
    assert!(
        window.rgba == file.rgba,
        "the window icon is the project's icon"
    );
}

#[test]
fn the_metainfo_describes_the_app_under_its_id() {
    let component = parse_xml(&read(&packaging(".metainfo.xml")));
    assert_eq!(component.name, "component");
    assert_eq!(component.attr("type"), Some("desktop-application"));
    assert_eq!(component.at("id").text, APP_ID);
    let launchable = component.at("launchable");
    assert_eq!(launchable.attr("type"), Some("desktop-id"));
    assert_eq!(launchable.text, format!("{APP_ID}.desktop"));
    assert_eq!(component.at("name").text, "memodraft");
    assert!(!component.at("summary").text.is_empty());
    assert!(component.at("description").all("p").count() >= 2);
    assert_eq!(component.at("metadata_license").text, "CC0-1.0");
    assert_eq!(
        component.at("project_license").text,
        env!("CARGO_PKG_LICENSE")
    );
    assert_eq!(component.at("provides/binary").text, env!("CARGO_PKG_NAME"));
    assert_eq!(component.at("provides/mediatype").text, DRAFT_MIME_TYPE);
    // The screenshot is the README's: the file its address names is in the repository.
    let image = &component.at("screenshots/screenshot/image").text;
    assert!(image.starts_with("https://"), "{image}");
    let name = image.rsplit('/').next().unwrap();
    assert!(
        Path::new(ROOT)
            .join("assets/screenshots")
            .join(name)
            .is_file(),
        "{image}: no assets/screenshots/{name}"
    );
    // The newest release listed is this version.
    let release = component.at("releases/release");
    assert_eq!(release.attr("version"), Some(env!("CARGO_PKG_VERSION")));
}

#[test]
fn drafts_are_recognised_by_their_name_or_by_what_memodraft_writes() {
    let draft = mime_type();
    assert_eq!(draft.attr("type"), Some(DRAFT_MIME_TYPE));
    assert_eq!(draft.at("sub-class-of").attr("type"), Some("text/plain"));
    let globs: Vec<&str> = draft
        .all("glob")
        .map(|g| g.attr("pattern").unwrap())
        .collect();
    assert_eq!(globs, [format!("*{DRAFT_SUFFIX}")]);
    assert!(glob_matches(globs[0], &draft_file_name("march")));
    assert!(glob_matches(globs[0], "Informe.MEMO.RON"));
    assert!(!glob_matches(globs[0], "march.ron"), "not every .ron");

    // Drafts named only .ron are recognised by their first lines: the bundled sample,
    // drafts of every format version, and a draft as memodraft saves it.
    let magic = draft.at("magic");
    assert!(magic_matches(magic, storage::SAMPLE_DRAFT.as_bytes()));
    let fixtures = Path::new(ROOT).join("tests/fixtures/drafts");
    for name in [
        "v1-first-release.ron",
        "v1-documented-example.ron",
        "v2-sample.ron",
    ] {
        let bytes = fs::read(fixtures.join(name)).unwrap();
        assert!(magic_matches(magic, &bytes), "{name}");
    }
    // A draft written by hand is a draft by its name only (docs/packaging.md says so).
    let by_hand = fs::read(fixtures.join("v1-only-a-subject.ron")).unwrap();
    assert!(!magic_matches(magic, &by_hand));
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved.ron");
    let blank = memodraft::model::Memo::blank(jiff::civil::date(2026, 11, 28));
    storage::save_draft(&saved, &blank).unwrap();
    assert!(magic_matches(magic, &fs::read(&saved).unwrap()));
    // Other RON and text files are not drafts.
    for other in [
        "(\n    recent: [],\n    theme: System,\n)\n",
        "(\n  version: 2,\n  name: \"not a memo\",\n)\n",
        "organization,city\nFundar,Ciudad de México\n",
    ] {
        assert!(!magic_matches(magic, other.as_bytes()), "{other}");
    }
}

#[test]
fn save_as_offers_a_name_file_managers_recognise_and_any_ron_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(config(dir.path()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let offered = PathBuf::from(h.get_by_label("Path").value().unwrap());
    let name = offered.file_name().unwrap().to_string_lossy().into_owned();
    let draft = mime_type();
    let glob = draft.at("glob").attr("pattern").unwrap();
    assert!(glob_matches(glob, &name), "Save As offers {name}");
    click(&mut h, "Cancel");

    // Saved under that name, it is a draft by its content too, and its PDF is named
    // without ".memo".
    let path = dir.path().join(&name);
    h.state_mut()
        .queue(memodraft::ui::Command::SaveTo(path.clone()));
    h.run();
    assert!(magic_matches(draft.at("magic"), &fs::read(&path).unwrap()));
    let out = crate::memodraft(&[Path::new("export"), &path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = name.strip_suffix(DRAFT_SUFFIX).unwrap();
    assert!(dir.path().join(format!("{stem}.pdf")).is_file());

    // A draft named only .ron opens as before.
    let plain = dir.path().join("plain.ron");
    fs::copy(&path, &plain).unwrap();
    h.state_mut()
        .queue(memodraft::ui::Command::OpenPath(plain.clone()));
    h.run();
    assert_eq!(h.state().path(), Some(plain.as_path()));
}

#[test]
fn version_and_help_read_well() {
    let run = |arg: &str| {
        let out = crate::memodraft(&[arg]);
        assert!(out.status.success(), "{arg}");
        String::from_utf8(out.stdout).unwrap()
    };
    let version = format!("memodraft {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(run("--version"), version);
    assert_eq!(run("-V"), version);
    let help = run("--help");
    for expected in [
        "Usage: memodraft [DRAFT] [COMMAND]",
        "export",
        "check",
        "signatories",
        "new",
        "Examples:",
        &format!("memodraft new march{DRAFT_SUFFIX}"),
        "MEMODRAFT_DATA_DIR",
    ] {
        assert!(
            help.contains(expected),
            "--help lacks {expected:?}:\n{help}"
        );
    }
    // Each command is one line in the list: long explanations are in `COMMAND --help`.
    let commands = help
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    for line in commands.lines() {
        assert!(line.chars().count() <= 80, "a long line: {line}");
    }
}

#[test]
fn help_about_shows_the_version_the_licences_and_where_recovery_copies_live() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path());
    let recovery = config.data_dir.join("recovery");
    let mut h = harness(config);
    h.get_by_label("Help").click();
    h.run();
    click(&mut h, "About memodraft");
    assert!(h.state().is_asking());
    let version = format!("memodraft {}", env!("CARGO_PKG_VERSION"));
    assert!(h.query_by_label(&version).is_some(), "{version}");
    assert!(h.query_by_label_contains("MIT or Apache-2.0").is_some());
    assert!(
        h.query_all_by_label_contains("bundled under the SIL Open Font License 1.1")
            .next()
            .is_some()
    );
    assert!(
        h.query_by_label(&recovery.display().to_string()).is_some(),
        "the recovery folder"
    );
    // The licence's full text is there to read.
    click(&mut h, "SIL Open Font License 1.1 (full text)");
    assert!(
        h.query_by_label_contains("PREAMBLE The goals of the Open Font License")
            .is_some()
    );
    click(&mut h, "Close");
    assert!(!h.state().is_asking());
}

#[test]
fn the_debian_package_installs_every_desktop_file_under_the_app_id() {
    let manifest = read(&Path::new(ROOT).join("Cargo.toml"));
    let deb = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("a [package.metadata.deb] table");
    let mut assets = vec![
        (
            format!("packaging/{APP_ID}.desktop"),
            "usr/share/applications/".to_owned(),
        ),
        (
            format!("packaging/{APP_ID}.metainfo.xml"),
            "usr/share/metainfo/".to_owned(),
        ),
        (
            format!("packaging/{APP_ID}.mime.xml"),
            format!("usr/share/mime/packages/{APP_ID}.xml"),
        ),
        (
            "assets/fonts/OFL-LiberationSerif.txt".to_owned(),
            "usr/share/doc/memodraft/".to_owned(),
        ),
    ];
    let icons = Path::new(ROOT).join("assets/icons/hicolor");
    for dir in fs::read_dir(icons).unwrap() {
        let folder = dir.unwrap().file_name().to_string_lossy().into_owned();
        let ext = if folder == "scalable" { "svg" } else { "png" };
        assets.push((
            format!("assets/icons/hicolor/{folder}/apps/{APP_ID}.{ext}"),
            format!("usr/share/icons/hicolor/{folder}/apps/"),
        ));
    }
    for (source, dest) in assets {
        let line = format!("[\"{source}\", \"{dest}\", \"644\"]");
        assert!(deb.contains(&line), "Cargo.toml's deb assets lack {line}");
    }
    assert!(deb.contains("[\"target/release/memodraft\", \"usr/bin/\", \"755\"]"));

    // The package's changelog starts at this version (revision 1).
    assert!(deb.contains("changelog = \"packaging/changelog\""));
    let changelog = read(&Path::new(ROOT).join("packaging/changelog"));
    let first = changelog.lines().next().unwrap();
    let expected = format!("memodraft ({}-1) ", env!("CARGO_PKG_VERSION"));
    assert!(first.starts_with(&expected), "{first}");
}
