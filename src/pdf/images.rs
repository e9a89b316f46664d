//! Images in the PDF, written with lopdf into the document printpdf built (never through
//! printpdf's image ops, whose default options re-encode as JPEG): each image the pages use
//! becomes one image `XObject` however many times it is drawn. A PNG goes in losslessly
//! (8-bit gray or RGB pixels, `/FlateDecode`, its transparency as an `/SMask`); a JPEG
//! goes in as it is (`/DCTDecode`) when a viewer can read it so, else as a PNG does. Each
//! image is drawn by a content stream of its own appended to its page, marked as a figure
//! (an MCID of the page's [`PageTags`]) or as an artifact.

use std::collections::BTreeMap;

use image::{DynamicImage, GenericImageView};
use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::PdfError;
use super::content::Content;
use super::tagged::PageTags;
use crate::images::{self, Format, ImageKey, jpeg_info};
use crate::layout::{Document, ImageSource, Item};

/// An image `XObject` made from its file, not yet in a document: the image, and its
/// soft mask when it has transparency.
pub(super) struct Encoded {
    image: Stream,
    mask: Option<Stream>,
}

/// What [`encode`] made of each image `doc` draws, by key.
pub(super) type EncodedImages = BTreeMap<ImageKey, Result<Encoded, images::ImageError>>;

/// Each image `doc` draws, made into its `XObject` (decoding and compressing are most of
/// what a logo costs an export, and need no document: [`super::export`] does it on a
/// thread of its own meanwhile).
pub(super) fn encode(doc: &Document) -> EncodedImages {
    let mut keys: Vec<&ImageKey> = doc
        .pages
        .iter()
        .flat_map(|page| &page.items)
        .filter_map(|item| match item {
            Item::Image(image) => Some(&image.key),
            Item::Text(_) | Item::Rule(_) | Item::Link(_) => None,
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| Some((key.clone(), encoded(doc.images.get(key)?))))
        .collect()
}

/// Whether `doc` draws an image.
pub(super) fn any(doc: &Document) -> bool {
    doc.pages
        .iter()
        .any(|page| page.items.iter().any(|item| matches!(item, Item::Image(_))))
}

/// Adds the images `doc` draws to `lo`, each once (`encoded` by [`encode`]), and draws
/// them on their pages; the figures' marked content is recorded in `tags` (one per page)
/// for the structure tree.
pub(super) fn draw(
    lo: &mut lopdf::Document,
    doc: &Document,
    tags: &mut [PageTags],
    mut encoded: EncodedImages,
) -> Result<(), PdfError> {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let mut names: BTreeMap<&ImageKey, (String, ObjectId)> = BTreeMap::new();
    for (page, (&page_id, page_tags)) in doc.pages.iter().zip(page_ids.iter().zip(tags)) {
        let mut content = Content::default();
        let mut used: BTreeMap<String, ObjectId> = BTreeMap::new();
        for item in &page.items {
            let Item::Image(image) = item else { continue };
            let (name, id) = if let Some(known) = names.get(&image.key) {
                known.clone()
            } else {
                let Some(xobject) = encoded.remove(&image.key) else {
                    continue;
                };
                // Layout leaves out (and warns about) a logo whose file is not whole; one
                // that still fails to decode is left out here rather than losing the PDF.
                let Ok(Encoded {
                    image: mut stream,
                    mask,
                }) = xobject
                else {
                    continue;
                };
                if let Some(mask) = mask {
                    let mask = lo.add_object(mask);
                    stream.dict.set("SMask", Object::Reference(mask));
                }
                let fresh = (format!("MdIm{}", names.len() + 1), lo.add_object(stream));
                names.insert(&image.key, fresh.clone());
                fresh
            };
            used.insert(name.clone(), id);
            page_tags.wrap(&mut content, image.tag, &doc.structure, |c| {
                c.image(&name, image.rect, page.height);
            });
        }
        if !used.is_empty() {
            append_content(lo, page_id, content.bytes, &used)
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
fn encoded(source: &ImageSource) -> Result<Encoded, images::ImageError> {
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
        return Ok(Encoded {
            image: Stream::new(dict, bytes.to_vec()).with_compression(false),
            mask: None,
        });
    }
    if let Some(encoded) = png_by_rows(bytes) {
        return Ok(encoded);
    }
    Ok(lossless(images::decode(bytes)?))
}

/// A PNG (not interlaced, 8 bits after expansion) made into its `XObject` a row at a
/// time: each decoded row is split into colour and alpha and deflated as it comes, so the
/// image is never held whole (a logo's pixels in fresh memory were most of what it cost
/// a short export). `None` for what this does not take, which [`lossless`] then does.
fn png_by_rows(bytes: &[u8]) -> Option<Encoded> {
    use std::io::Write as _;
    let mut reader = images::png_rows(bytes)?;
    let (width, height) = (reader.info().width, reader.info().height);
    let (colours, has_alpha, space): (usize, bool, &[u8]) = match reader.output_color_type() {
        (png::ColorType::Grayscale, png::BitDepth::Eight) => (1, false, b"DeviceGray"),
        (png::ColorType::GrayscaleAlpha, png::BitDepth::Eight) => (1, true, b"DeviceGray"),
        (png::ColorType::Rgb, png::BitDepth::Eight) => (3, false, b"DeviceRGB"),
        (png::ColorType::Rgba, png::BitDepth::Eight) => (3, true, b"DeviceRGB"),
        _ => return None,
    };
    let encoder =
        || flate2::write::ZlibEncoder::new(Vec::with_capacity(bytes.len()), super::DEFLATE_LEVEL);
    let (mut image, mut mask) = (encoder(), encoder());
    let (mut row_colours, mut row_alpha) = (Vec::new(), Vec::new());
    let mut opaque = true;
    let mut rows = 0;
    while let Some(row) = reader.next_row().ok()? {
        rows += 1;
        if !has_alpha {
            image.write_all(row.data()).ok()?;
            continue;
        }
        row_colours.clear();
        row_alpha.clear();
        split_into(row.data(), colours, &mut row_colours, &mut row_alpha);
        opaque &= row_alpha.iter().all(|&a| a == u8::MAX);
        image.write_all(&row_colours).ok()?;
        mask.write_all(&row_alpha).ok()?;
    }
    if rows != height {
        return None;
    }
    let stream = |dict: Dictionary, data: Vec<u8>| {
        let mut dict = dict;
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dict, data).with_compression(false)
    };
    let mask = if has_alpha && !opaque {
        Some(stream(
            image_dict(width, height, b"DeviceGray"),
            mask.finish().ok()?,
        ))
    } else {
        None
    };
    Some(Encoded {
        image: stream(image_dict(width, height, space), image.finish().ok()?),
        mask,
    })
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
fn lossless(image: DynamicImage) -> Encoded {
    let (width, height) = image.dimensions();
    let (pixels, alpha, space): (Vec<u8>, Option<Vec<u8>>, &[u8]) = match image {
        DynamicImage::ImageLuma8(gray) => (gray.into_raw(), None, b"DeviceGray"),
        DynamicImage::ImageRgb8(rgb) => (rgb.into_raw(), None, b"DeviceRGB"),
        DynamicImage::ImageLumaA8(gray) => {
            let (pixels, alpha) = split_alpha::<1>(gray.as_raw());
            (pixels, alpha, b"DeviceGray")
        }
        DynamicImage::ImageRgba8(rgba) => {
            let (pixels, alpha) = split_alpha::<3>(rgba.as_raw());
            (pixels, alpha, b"DeviceRGB")
        }
        // 16-bit and float images: brought to 8 bits.
        other if other.color().has_alpha() => {
            let (pixels, alpha) = split_alpha::<3>(other.to_rgba8().as_raw());
            (pixels, alpha, b"DeviceRGB")
        }
        other if other.color().has_color() => (other.to_rgb8().into_raw(), None, b"DeviceRGB"),
        other => (other.to_luma8().into_raw(), None, b"DeviceGray"),
    };
    Encoded {
        image: super::deflated_stream(image_dict(width, height, space), pixels),
        mask: alpha
            .map(|alpha| super::deflated_stream(image_dict(width, height, b"DeviceGray"), alpha)),
    }
}

/// Pixels of `N` colour channels followed by alpha, cut into the colours and the alpha;
/// no alpha when every pixel is opaque.
fn split_alpha<const N: usize>(raw: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
    let count = raw.len() / (N + 1);
    let mut colours = Vec::with_capacity(count * N);
    let mut alpha = Vec::with_capacity(count);
    split_into(raw, N, &mut colours, &mut alpha);
    let opaque = alpha.iter().all(|&a| a == u8::MAX);
    (colours, (!opaque).then_some(alpha))
}

/// Pixels of `n` colour channels followed by alpha, their colours appended to `colours`
/// and their alpha to `alpha`.
fn split_into(raw: &[u8], n: usize, colours: &mut Vec<u8>, alpha: &mut Vec<u8>) {
    for pixel in raw.chunks_exact(n + 1) {
        let (colour, a) = pixel.split_at(n);
        colours.extend_from_slice(colour);
        alpha.extend_from_slice(a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn png_of(color: png::ColorType, depth: png::BitDepth, pixels: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 3, 2);
        encoder.set_color(color);
        encoder.set_depth(depth);
        if color == png::ColorType::Indexed {
            encoder.set_palette(vec![255, 0, 0, 0, 255, 0, 0, 0, 255]);
            encoder.set_trns(vec![255, 128, 0]);
        }
        encoder
            .write_header()
            .unwrap()
            .write_image_data(pixels)
            .unwrap();
        out
    }

    fn inflate(stream: &Stream) -> Vec<u8> {
        assert_eq!(
            stream.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(stream.content.as_slice())
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    /// Every kind of PNG goes into the PDF with exactly its pixels (colour and alpha as
    /// the image crate decodes them), whether read a row at a time or decoded whole.
    #[test]
    fn every_kind_of_png_goes_in_with_its_own_pixels() {
        use png::{BitDepth::*, ColorType::*};
        let kinds: Vec<(png::ColorType, png::BitDepth, Vec<u8>)> = vec![
            (Grayscale, Eight, vec![0, 50, 100, 150, 200, 255]),
            (
                GrayscaleAlpha,
                Eight,
                vec![0, 255, 50, 10, 100, 255, 150, 0, 200, 255, 255, 7],
            ),
            (Rgb, Eight, (0..18).map(|i| i * 14).collect()),
            (Rgba, Eight, (0..24).map(|i| 255 - i * 10).collect()),
            (
                Rgba,
                Eight,
                (0..24)
                    .map(|i| if i % 4 == 3 { 255 } else { i * 9 })
                    .collect(),
            ),
            (Rgb, Sixteen, (0..36).map(|i| i * 7).collect()),
            (Indexed, Eight, vec![0, 1, 2, 2, 1, 0]),
        ];
        for (color, depth, pixels) in kinds {
            let bytes = png_of(color, depth, &pixels);
            let source = ImageSource {
                probe: images::probe(&bytes).unwrap(),
                bytes: images::ImageBytes::new(bytes.clone()),
            };
            let encoded = encoded(&source).unwrap();
            let decoded = images::decode(&bytes).unwrap();
            let (colours, alpha) = if decoded.color().has_color() {
                split_alpha::<3>(decoded.to_rgba8().as_raw())
            } else {
                split_alpha::<1>(decoded.to_luma_alpha8().as_raw())
            };
            assert_eq!(inflate(&encoded.image), colours, "{color:?} {depth:?}");
            assert_eq!(
                encoded.mask.as_ref().map(inflate),
                alpha,
                "{color:?} {depth:?}: the soft mask, none when opaque"
            );
        }
    }
}
