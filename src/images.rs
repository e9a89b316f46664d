//! Images a draft holds (letterhead and signatory logos): their content key, their bytes
//! as the RON draft stores them (base64 in lines of fixed width), the limits checked
//! before anything is decoded, and decoding itself, with the `image` crate and its limits
//! set. No I/O: storage reads files (bounded), layout asks for sizes, the painters decode.

use std::fmt;
use std::io::Cursor;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::de::{Error as _, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// The largest image file a draft takes.
pub const MAX_IMAGE_BYTES: u64 = 2 * 1024 * 1024;
/// The most image bytes one draft holds, all images together.
pub const MAX_TOTAL_IMAGE_BYTES: u64 = 8 * 1024 * 1024;
/// The most pixels on either side of an image.
pub const MAX_SIDE: u32 = 4096;
/// The most pixels of an image (a 4,096 x 4,096 one is a little more).
pub const MAX_PIXELS: u64 = 16_000_000;
/// Characters per line of an image's base64 text in the draft (as MIME writes it).
pub const BASE64_LINE: usize = 76;

/// The formats a draft takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
        }
    }

    /// The usual extension of a file in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
        }
    }

    /// The format the bytes are in, from their signature (never from a file name).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else {
            None
        }
    }

    /// The format a file name's extension promises, if it names one of ours.
    pub fn of_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "png" => Some(Self::Png),
            "jpg" | "jpeg" | "jpe" | "jfif" => Some(Self::Jpeg),
            _ => None,
        }
    }

    fn image_format(self) -> image::ImageFormat {
        match self {
            Self::Png => image::ImageFormat::Png,
            Self::Jpeg => image::ImageFormat::Jpeg,
        }
    }
}

/// Why image bytes are not an image a draft takes. The messages say the reason only;
/// whoever read the file names it, and [`ImageError::advice`] says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("it is larger than {} MiB, the limit for one image", MAX_IMAGE_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("it is neither a PNG nor a JPEG image")]
    Unknown,
    #[error("it is named as a {named} image but holds a {found} one", named = .named.name(), found = .found.name())]
    Misnamed { named: Format, found: Format },
    #[error("{}", PixelLimit::of(*.width, *.height).reason(*.width, *.height))]
    TooManyPixels { width: u32, height: u32 },
    #[error("it is damaged or incomplete ({0})")]
    Broken(String),
    /// The decoder's own limits (memory), which a file within the size and pixel limits
    /// should not reach.
    #[error("decoding it would take more memory than memodraft allows one image ({0})")]
    TooLargeToDecode(String),
}

impl ImageError {
    /// What the user can do about it, one sentence for each reason.
    pub fn advice(&self) -> String {
        match self {
            Self::TooLarge | Self::TooLargeToDecode(_) => {
                "Export a smaller copy with an image editor (a logo prints sharp at 1,000 pixels across)".to_owned()
            }
            Self::Unknown => "Open it in an image editor and export it as PNG or JPEG".to_owned(),
            Self::Misnamed { named, found } => format!(
                "Rename it to end in .{}, or export it from an image editor as the {} its name says",
                found.extension(),
                named.name()
            ),
            Self::TooManyPixels { width, height } => match PixelLimit::of(*width, *height) {
                PixelLimit::Side => format!(
                    "Export a copy at most {} pixels on a side with an image editor",
                    grouped(u64::from(MAX_SIDE))
                ),
                PixelLimit::Total => format!(
                    "Export a copy of at most {} million pixels (4,000 x 4,000, say) with an image editor",
                    MAX_PIXELS / 1_000_000
                ),
                PixelLimit::Empty => {
                    "Open it in an image editor and export it again".to_owned()
                }
            },
            Self::Broken(_) => {
                "Add the original file, or open it in an image editor and save a new copy"
                    .to_owned()
            }
        }
    }
}

/// Which of the pixel limits an image's size breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PixelLimit {
    /// No pixels at all (a width or height of 0).
    Empty,
    /// More than [`MAX_SIDE`] on a side.
    Side,
    /// More than [`MAX_PIXELS`] in all.
    Total,
}

impl PixelLimit {
    /// The limit `width` x `height` breaks, if any: the one rule for an image's size.
    fn broken_by(width: u32, height: u32) -> Option<Self> {
        if width == 0 || height == 0 {
            Some(Self::Empty)
        } else if width > MAX_SIDE || height > MAX_SIDE {
            Some(Self::Side)
        } else if u64::from(width) * u64::from(height) > MAX_PIXELS {
            Some(Self::Total)
        } else {
            None
        }
    }

    /// The limit a size refused for its pixels breaks.
    fn of(width: u32, height: u32) -> Self {
        Self::broken_by(width, height).unwrap_or(Self::Total)
    }

    fn reason(self, width: u32, height: u32) -> String {
        let size = format!("it says it is {width} x {height} pixels");
        match self {
            Self::Empty => format!("{size}, an image with no pixels"),
            Self::Side => format!(
                "{size}, more than the {} on a side an image may have",
                grouped(u64::from(MAX_SIDE))
            ),
            Self::Total => format!(
                "{size}, more than the {} million in all an image may have",
                MAX_PIXELS / 1_000_000
            ),
        }
    }
}

/// `n` with its thousands grouped: 4,096.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What an image's header says, read without decoding its pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probe {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// The most memory a decoder may take for an image: its pixels at up to 16 bits per
/// channel and four channels, and some room.
pub const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 8 + 16 * 1024 * 1024;

fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // The decoded pixels (at most 16 bits per channel, four channels) and some room.
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits
}

fn reader(bytes: &[u8], format: Format) -> image::ImageReader<Cursor<&[u8]>> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(limits());
    reader
}

/// The format and size in `bytes`' header, checked against the limits; no pixel is
/// decoded, so a file that claims 30,000 x 30,000 pixels costs nothing to refuse.
pub fn probe(bytes: &[u8]) -> Result<Probe, ImageError> {
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(ImageError::TooLarge);
    }
    let format = Format::sniff(bytes).ok_or(ImageError::Unknown)?;
    let (width, height) = header_size(bytes, format)?;
    if PixelLimit::broken_by(width, height).is_some() {
        return Err(ImageError::TooManyPixels { width, height });
    }
    intact(bytes, format)?;
    Ok(Probe {
        format,
        width,
        height,
    })
}

/// Whether the file is whole, without decoding it: every PNG chunk with its checksum
/// right and the last one `IEND`; a JPEG ending with its end-of-image marker. Catches a
/// file cut short or a draft's image text damaged by hand, before layout places it.
fn intact(bytes: &[u8], format: Format) -> Result<(), ImageError> {
    let broken = |what: &str| Err(ImageError::Broken(what.to_owned()));
    match format {
        Format::Jpeg => {
            if bytes.ends_with(&[0xFF, 0xD9]) {
                Ok(())
            } else {
                broken("the JPEG data stops before its end")
            }
        }
        Format::Png => {
            let mut rest = bytes.get(8..).unwrap_or_default();
            while let (Some(length), Some(kind)) = (rest.get(..4), rest.get(4..8)) {
                let length = length.try_into().map_or(u32::MAX, u32::from_be_bytes);
                let end = usize::try_from(length).ok().and_then(|l| l.checked_add(8));
                let crc_end = end.and_then(|e| e.checked_add(4));
                let (Some(end), Some(crc_end)) = (end, crc_end) else {
                    return broken("a PNG chunk is cut short");
                };
                let (Some(checked), Some(crc)) = (rest.get(4..end), rest.get(end..crc_end)) else {
                    return broken("a PNG chunk is cut short");
                };
                if crc32fast::hash(checked).to_be_bytes() != crc {
                    return broken("a PNG chunk fails its checksum");
                }
                if kind == b"IEND" {
                    return Ok(());
                }
                rest = rest.get(crc_end..).unwrap_or_default();
            }
            broken("the PNG data stops before its end")
        }
    }
}

/// The size a header claims, without the decoder's own limits (which would refuse a
/// bomb with a less useful message).
fn header_size(bytes: &[u8], format: Format) -> Result<(u32, u32), ImageError> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.no_limits();
    reader
        .into_dimensions()
        .map_err(|e| ImageError::Broken(e.to_string()))
}

/// A reader of a PNG's rows, 8 bits a channel, palettes expanded, after [`probe`]
/// accepted it, with the decoder's limits set; `None` for an interlaced PNG (its rows
/// come in passes) or one the reader refuses. With [`decode`], the only ways memodraft
/// decodes an image.
pub fn png_rows(bytes: &[u8]) -> Option<png::Reader<Cursor<&[u8]>>> {
    let probe = probe(bytes).ok()?;
    if probe.format != Format::Png {
        return None;
    }
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: usize::try_from(MAX_DECODED_BYTES).unwrap_or(usize::MAX),
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let reader = decoder.read_info().ok()?;
    (!reader.info().interlaced).then_some(reader)
}

/// Decodes `bytes` after [`probe`] accepted them, with the decoder's limits set: with
/// [`png_rows`], the only ways memodraft decodes an image.
pub fn decode(bytes: &[u8]) -> Result<image::DynamicImage, ImageError> {
    let probe = probe(bytes)?;
    reader(bytes, probe.format).decode().map_err(|e| match e {
        image::ImageError::Limits(_) => ImageError::TooLargeToDecode(e.to_string()),
        _ => ImageError::Broken(e.to_string()),
    })
}

/// Whether `bytes` are an image a draft takes: within the limits, of the format `named`
/// promises (when it promises one), and whole (a full decode succeeds, so a truncated
/// file is refused now, not when the memo is exported).
pub fn check(bytes: &[u8], named: Option<Format>) -> Result<Probe, ImageError> {
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(ImageError::TooLarge);
    }
    let found = Format::sniff(bytes).ok_or(ImageError::Unknown)?;
    if let Some(named) = named.filter(|&n| n != found) {
        return Err(ImageError::Misnamed { named, found });
    }
    let probe = probe(bytes)?;
    decode(bytes)?;
    Ok(probe)
}

/// How a JPEG can go into a PDF as it is (`/DCTDecode`): baseline or progressive, 8 bits,
/// gray, RGB or CMYK. `None` for anything else (12-bit, lossless, arithmetic coding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JpegInfo {
    pub components: u8,
    /// An Adobe APP14 marker: CMYK stored inverted, as Photoshop writes it.
    pub adobe: bool,
}

/// Walks a JPEG's markers up to its frame header (no decoding).
pub fn jpeg_info(bytes: &[u8]) -> Option<JpegInfo> {
    let mut at = 2;
    let mut adobe = false;
    loop {
        let (&ff, &marker) = (bytes.get(at)?, bytes.get(at + 1)?);
        if ff != 0xFF {
            return None;
        }
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let segment = bytes.get(at + 4..at + 2 + length)?;
        match marker {
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            // Baseline and progressive Huffman frames.
            0xC0..=0xC2 => {
                let (&precision, &components) = (segment.first()?, segment.get(5)?);
                return (precision == 8 && matches!(components, 1 | 3 | 4))
                    .then_some(JpegInfo { components, adobe });
            }
            // Any other frame type (lossless, hierarchical, arithmetic).
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            _ => {}
        }
        at += 2 + length;
    }
}

/// An image's identity in a draft: the SHA-256 of its bytes in hex, so the same logo
/// added twice is stored once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImageKey(pub String);

impl ImageKey {
    pub fn of(bytes: &[u8]) -> Self {
        use std::fmt::Write as _;
        let digest = Sha256::digest(bytes);
        Self(digest.iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        }))
    }

    /// The first digits, enough to tell a draft's images apart when listing them.
    pub fn short(&self) -> &str {
        self.0.get(..8).unwrap_or(&self.0)
    }
}

impl<'a> arbitrary::Arbitrary<'a> for ImageKey {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let n: u8 = u.arbitrary()?;
        Ok(Self::of(&[n]))
    }
}

/// An image file's bytes, shared: undo keeps snapshots of the whole memo, which must not
/// copy its logos each time. In a draft: a list of base64 lines of [`BASE64_LINE`]
/// characters, so a diff of the draft stays one line per change above it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ImageBytes(pub Arc<[u8]>);

impl ImageBytes {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes.into())
    }

    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for ImageBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImageBytes({} bytes)", self.0.len())
    }
}

impl Serialize for ImageBytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = BASE64.encode(&self.0);
        let lines: Vec<&str> = text
            .as_bytes()
            .chunks(BASE64_LINE)
            .filter_map(|chunk| std::str::from_utf8(chunk).ok())
            .collect();
        lines.serialize(s)
    }
}

impl<'de> Deserialize<'de> for ImageBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Lines;
        impl<'de> Visitor<'de> for Lines {
            type Value = ImageBytes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "a list of base64 lines of an image of at most {MAX_IMAGE_BYTES} bytes"
                )
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // Base64 of the largest image, and no more: a hostile draft stops here.
                let most = usize::try_from(MAX_IMAGE_BYTES.div_ceil(3) * 4).unwrap_or(usize::MAX);
                let mut text = String::new();
                while let Some(line) = seq.next_element::<&str>()? {
                    if text.len() + line.len() > most {
                        return Err(A::Error::custom(format_args!(
                            "an image larger than {MAX_IMAGE_BYTES} bytes"
                        )));
                    }
                    text.push_str(line.trim());
                }
                BASE64
                    .decode(text.as_bytes())
                    .map(ImageBytes::new)
                    .map_err(|e| A::Error::custom(format_args!("an image's base64 text: {e}")))
            }
        }
        d.deserialize_seq(Lines)
    }
}

impl<'a> arbitrary::Arbitrary<'a> for ImageBytes {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let bytes: Vec<u8> = u.arbitrary()?;
        Ok(Self::new(bytes))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG of `width` x `height` pixels in RGBA, its alpha fading across (a logo with a
    /// transparent background).
    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_fn(width, height, |x, y| {
            image::Rgba([
                (x * 7) as u8,
                (y * 5) as u8,
                90,
                (x * 255 / width.max(1)) as u8,
            ])
        });
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    /// A valid PNG header claiming `width` x `height` and one tiny IDAT: a "decompression
    /// bomb" of a few dozen bytes.
    pub(crate) fn bomb(width: u32, height: u32) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) {
            out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
            let mut hasher = crc32fast::Hasher::new();
            hasher.update(&kind);
            hasher.update(data);
            out.extend_from_slice(&kind);
            out.extend_from_slice(data);
            out.extend_from_slice(&hasher.finalize().to_be_bytes());
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
        chunk(&mut out, *b"IHDR", &ihdr);
        // Zlib of a few zero bytes: the start of an all-black image.
        chunk(
            &mut out,
            *b"IDAT",
            &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
        );
        chunk(&mut out, *b"IEND", &[]);
        out
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header_alone() {
        let bytes = bomb(30_000, 30_000);
        assert!(bytes.len() < 100, "a few dozen bytes: {}", bytes.len());
        let started = std::time::Instant::now();
        assert_eq!(
            check(&bytes, Some(Format::Png)),
            Err(ImageError::TooManyPixels {
                width: 30_000,
                height: 30_000
            })
        );
        assert!(started.elapsed().as_millis() < 100, "no pixel decoded");
        // The integration tests' bomb is this one.
        assert_eq!(
            bytes,
            include_bytes!("../tests/fixtures/images/bomb-30000x30000.png")
        );
        // Within a side's limit but over the pixel count.
        assert!(matches!(
            probe(&bomb(4096, 4000)),
            Err(ImageError::TooManyPixels { .. })
        ));
        assert!(matches!(
            probe(&bomb(5000, 10)),
            Err(ImageError::TooManyPixels { .. })
        ));
    }

    #[test]
    fn a_refusal_for_its_pixels_says_which_limit_and_how_to_meet_it() {
        let side = probe(&bomb(5000, 10)).unwrap_err();
        assert_eq!(
            side.to_string(),
            "it says it is 5000 x 10 pixels, more than the 4,096 on a side an image may have"
        );
        assert_eq!(
            side.advice(),
            "Export a copy at most 4,096 pixels on a side with an image editor"
        );
        let total = probe(&bomb(4096, 4096)).unwrap_err();
        assert_eq!(
            total.to_string(),
            "it says it is 4096 x 4096 pixels, more than the 16 million in all an image may have"
        );
        assert_eq!(
            total.advice(),
            "Export a copy of at most 16 million pixels (4,000 x 4,000, say) with an image editor"
        );
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }

    #[test]
    fn a_truncated_png_is_refused_though_its_header_is_fine() {
        let whole = png(64, 48);
        assert_eq!(
            check(&whole, Some(Format::Png)).map(|p| (p.width, p.height)),
            Ok((64, 48))
        );
        let cut = &whole[..whole.len() * 2 / 3];
        assert!(
            header_size(cut, Format::Png).is_ok(),
            "the header alone looks fine"
        );
        assert!(matches!(
            check(cut, Some(Format::Png)),
            Err(ImageError::Broken(_))
        ));
    }

    #[test]
    fn a_png_named_as_a_jpeg_is_refused_and_the_bytes_decide_the_format() {
        let bytes = png(8, 8);
        assert_eq!(
            check(&bytes, Some(Format::Jpeg)),
            Err(ImageError::Misnamed {
                named: Format::Jpeg,
                found: Format::Png
            })
        );
        assert_eq!(check(&bytes, None).map(|p| p.format), Ok(Format::Png));
        assert_eq!(check(b"GIF89a....", None), Err(ImageError::Unknown));
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_before_anything_else() {
        let mut bytes = png(8, 8);
        bytes.resize(usize::try_from(MAX_IMAGE_BYTES).unwrap() + 1, 0);
        assert_eq!(check(&bytes, Some(Format::Png)), Err(ImageError::TooLarge));
    }

    #[test]
    fn image_bytes_are_stored_as_base64_lines_of_fixed_width_and_read_back() {
        let bytes = ImageBytes::new(png(40, 30));
        let text = ron::ser::to_string_pretty(&bytes, ron::ser::PrettyConfig::new()).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| l.contains('"')).collect();
        assert!(lines.len() > 2, "{text}");
        let widths: Vec<usize> = lines
            .iter()
            .map(|l| l.trim().trim_end_matches(',').len() - 2)
            .collect();
        assert!(
            widths[..widths.len() - 1].iter().all(|&w| w == BASE64_LINE),
            "{widths:?}"
        );
        let back: ImageBytes = ron::from_str(&text).unwrap();
        assert_eq!(back, bytes);
    }

    #[test]
    fn a_jpeg_frame_header_says_whether_it_can_go_in_as_it_is() {
        let mut out = Vec::new();
        image::RgbImage::from_pixel(16, 16, image::Rgb([10, 200, 30]))
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
            .unwrap();
        assert_eq!(
            jpeg_info(&out),
            Some(JpegInfo {
                components: 3,
                adobe: false
            })
        );
        assert_eq!(jpeg_info(&out[..20]), None, "cut before the frame header");
    }

    #[test]
    fn a_png_cut_short_or_changed_by_hand_is_found_without_decoding() {
        let whole = png(40, 30);
        assert!(probe(&whole).is_ok());
        // Cut before its end: the header still reads.
        let cut = whole.get(..whole.len() - 20).unwrap();
        assert!(header_size(cut, Format::Png).is_ok());
        assert!(
            matches!(probe(cut), Err(ImageError::Broken(_))),
            "{:?}",
            probe(cut)
        );
        // One byte of the pixel data changed (as deleting a line of the draft's base64
        // text does): its chunk's checksum no longer matches.
        let mut changed = whole.clone();
        let at = changed.len() - 20;
        changed[at] ^= 0x55;
        assert!(
            matches!(probe(&changed), Err(ImageError::Broken(_))),
            "{:?}",
            probe(&changed)
        );
    }
}
