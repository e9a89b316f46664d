//! Images in the PDF, written with lopdf into the document printpdf built (never through
//! printpdf's image ops, whose default options re-encode as JPEG): each image the pages use
//! becomes one image `XObject` however many times it is drawn. A PNG goes in losslessly
//! (8-bit gray or RGB pixels, `/FlateDecode`, its transparency as an `/SMask`); a JPEG
//! goes in as it is (`/DCTDecode`) when a viewer can read it so, else as a PNG does. Each
//! image is drawn by a content stream of its own appended to its page, marked as a figure
//! (an MCID of the page's [`PageTags`]) or as an artifact.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use image::{DynamicImage, GenericImageView};
use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::PdfError;
use super::tagged::PageTags;
use crate::images::{self, Format, ImageKey, jpeg_info};
use crate::layout::{Document, ImageSource, Item, Tag};

/// Adds the images `doc` draws to `lo`, each once, and draws them on their pages; the
/// figures' marked content is recorded in `tags` (one per page) for the structure tree.
pub(super) fn draw(
    lo: &mut lopdf::Document,
    doc: &Document,
    tags: &mut [PageTags],
) -> Result<(), PdfError> {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let mut names: BTreeMap<&ImageKey, (String, ObjectId)> = BTreeMap::new();
    for (page, (&page_id, page_tags)) in doc.pages.iter().zip(page_ids.iter().zip(tags)) {
        let mut content = String::new();
        let mut used: BTreeMap<String, ObjectId> = BTreeMap::new();
        for item in &page.items {
            let Item::Image(image) = item else { continue };
            let Some(source) = doc.images.get(&image.key) else {
                continue;
            };
            let (name, id) = if let Some(known) = names.get(&image.key) {
                known.clone()
            } else {
                let id = xobject(lo, source).map_err(|reason| {
                    PdfError::Write(format!(
                        "cannot embed the logo {}: {reason}",
                        image.key.short()
                    ))
                })?;
                let fresh = (format!("MdIm{}", names.len() + 1), id);
                names.insert(&image.key, fresh.clone());
                fresh
            };
            used.insert(name.clone(), id);
            let r = image.rect;
            let (w, h) = ((r.max.x - r.min.x).0, (r.max.y - r.min.y).0);
            let y = (page.height - r.max.y).0;
            let draw = format!(
                "q {w:.3} 0 0 {h:.3} {:.3} {y:.3} cm /{name} Do Q",
                r.min.x.0
            );
            let _ = match image.tag {
                Tag::Content { node, seq } => {
                    let mcid = page_tags.reserve(node, seq);
                    writeln!(content, "/Figure <</MCID {mcid}>> BDC {draw} EMC")
                }
                Tag::Artifact | Tag::Unset => writeln!(content, "/Artifact BMC {draw} EMC"),
            };
        }
        if !used.is_empty() {
            append_content(lo, page_id, content.into_bytes(), &used)
                .map_err(|e| PdfError::Write(e.to_string()))?;
        }
    }
    Ok(())
}

/// Appends `content` to the page's content streams and names `xobjects` in its resources.
fn append_content(
    lo: &mut lopdf::Document,
    page_id: ObjectId,
    content: Vec<u8>,
    xobjects: &BTreeMap<String, ObjectId>,
) -> lopdf::Result<()> {
    let stream = lo.add_object(Stream::new(Dictionary::new(), content));
    let page = lo.get_dictionary(page_id)?;
    let mut contents = match page.get(b"Contents") {
        Ok(Object::Array(list)) => list.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    contents.push(Object::Reference(stream));
    lo.get_dictionary_mut(page_id)?
        .set("Contents", Object::Array(contents));
    // Resources, and their XObject table, may be the page's own or shared by reference.
    let resources = dictionary_in(lo, page_id, b"Resources")?;
    let table = dictionary_in(lo, resources, b"XObject")?;
    let table = lo.get_dictionary_mut(table)?;
    for (name, id) in xobjects {
        table.set(name.as_bytes().to_vec(), Object::Reference(*id));
    }
    Ok(())
}

/// The dictionary at `key` of the dictionary `owner`, as an object of its own (an inline
/// or missing one is made one), so that it can be added to.
fn dictionary_in(lo: &mut lopdf::Document, owner: ObjectId, key: &[u8]) -> lopdf::Result<ObjectId> {
    let inline = match lo.get_dictionary(owner)?.get(key) {
        Ok(Object::Reference(id)) => return Ok(*id),
        Ok(Object::Dictionary(dict)) => dict.clone(),
        _ => Dictionary::new(),
    };
    let id = lo.add_object(inline);
    lo.get_dictionary_mut(owner)?
        .set(key.to_vec(), Object::Reference(id));
    Ok(id)
}

/// The image `XObject` of `source`.
fn xobject(lo: &mut lopdf::Document, source: &ImageSource) -> Result<ObjectId, images::ImageError> {
    let bytes = source.bytes.as_slice();
    if source.probe.format == Format::Jpeg
        && let Some(info) = jpeg_info(bytes)
    {
        let mut dict = image_dict(
            source.probe.width,
            source.probe.height,
            color_space(info.components),
        );
        dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
        if info.components == 4 && info.adobe {
            // Photoshop's CMYK JPEGs are stored inverted.
            dict.set(
                "Decode",
                Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
            );
        }
        return Ok(lo.add_object(Stream::new(dict, bytes.to_vec()).with_compression(false)));
    }
    let decoded = images::decode(bytes)?;
    Ok(lossless(lo, &decoded))
}

fn color_space(components: u8) -> &'static [u8] {
    match components {
        1 => b"DeviceGray",
        4 => b"DeviceCMYK",
        _ => b"DeviceRGB",
    }
}

fn image_dict(width: u32, height: u32, color_space: &[u8]) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Image".to_vec()));
    dict.set("Width", Object::Integer(i64::from(width)));
    dict.set("Height", Object::Integer(i64::from(height)));
    dict.set("ColorSpace", Object::Name(color_space.to_vec()));
    dict.set("BitsPerComponent", Object::Integer(8));
    dict
}

/// Decoded pixels as a `/FlateDecode` image: gray stays gray, the rest is RGB, 8 bits;
/// an alpha channel that is not opaque everywhere becomes the image's soft mask.
fn lossless(lo: &mut lopdf::Document, image: &DynamicImage) -> ObjectId {
    let (width, height) = image.dimensions();
    let gray = !image.color().has_color();
    let (pixels, space): (Vec<u8>, &[u8]) = if gray {
        (image.to_luma8().into_raw(), b"DeviceGray")
    } else {
        (image.to_rgb8().into_raw(), b"DeviceRGB")
    };
    let mut dict = image_dict(width, height, space);
    if image.color().has_alpha() {
        let alpha: Vec<u8> = image.to_luma_alpha8().pixels().map(|p| p.0[1]).collect();
        if alpha.iter().any(|&a| a != u8::MAX) {
            let mask = flate_stream(image_dict(width, height, b"DeviceGray"), &alpha);
            dict.set("SMask", Object::Reference(lo.add_object(mask)));
        }
    }
    lo.add_object(flate_stream(dict, &pixels))
}

fn flate_stream(mut dict: Dictionary, data: &[u8]) -> Stream {
    // The fast level, as `compress` in `mod.rs` uses for the rest: still lossless, and a
    // logo costs little export time (docs/performance.md).
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let compressed = encoder.write_all(data).and_then(|()| encoder.finish());
    match compressed {
        Ok(bytes) => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            Stream::new(dict, bytes).with_compression(false)
        }
        Err(_) => Stream::new(dict, data.to_vec()).with_compression(false),
    }
}
