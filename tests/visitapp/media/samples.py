"""Real pictures made by Pillow at test time, plus small readers for the bytes we store."""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import ExifTags, Image, ImageCms, ImageDraw

from visitapp.media import PreparedPicture

GPS_MARKER = b"FOSTERCARERHOMEGPS"
XMP_MARKER = b"XMPSECRETMARKER"
COMMENT_MARKER = b"COMMENTSECRETMARKER"
TEXT_MARKER = b"PNGTEXTSECRETMARKER"
CAMERA_MARKER = "MARKERCAMERAMAKE"


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def photo_like(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Smooth colour gradients with sensor-like noise: tens of thousands of colours, like a camera photo."""
    width, height = size
    small = Image.new("RGB", (64, 48))
    rng = random.Random(seed)
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(64 * 48)])
    image = small.resize(size, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(size, 12).convert("RGB")
    return Image.blend(image, noise, 0.15)


def drawing_like(size: tuple[int, int]) -> Image.Image:
    """Flat colours and thick lines, like a child's drawing on the screen."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w // 4, h // 4, w // 2, h // 2), outline=(200, 30, 30), width=8)
    draw.line((0, h - 10, w, 10), fill=(20, 90, 200), width=12)
    draw.rectangle((w // 2, h // 2, w - 20, h - 20), fill=(250, 200, 40))
    return image


def gps_exif(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = CAMERA_MARKER
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.123)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.987)
    gps[ExifTags.GPS.GPSAreaInformation] = GPS_MARKER.decode()
    return exif.tobytes()


def swapped_primaries_icc() -> bytes:
    """A valid RGB display profile whose red and green primaries are swapped: its pure red *is* sRGB green.

    Pillow can only make sRGB/LAB/XYZ profiles, so this ICC v2 matrix/TRC profile is assembled by hand.
    """

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    text = b"Swapped primaries\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0\0\0" + b"\0" * 67
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.3851, 0.7169, 0.0971)),  # sRGB's green primary (D50)
        (b"gXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red primary (D50)
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text\0\0\0\0no copyright\0\0\0\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"\0" * 4
        + bytes.fromhex("02100000")
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
    )
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + body


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def jpeg_segments(data: bytes) -> list[int]:
    """Marker byte of each JPEG segment before the pixels (0xE1 = EXIF/XMP, 0xE2 = ICC, 0xFE = comment)."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: pixel data follows
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return chunks


def png_declaring(width: int, height: int, mode_byte: int = 2) -> bytes:
    """A tiny, valid-looking PNG whose header claims ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, mode_byte, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real small JPEG with its frame header edited to claim ``width`` x ``height``."""
    data = bytearray(encode(Image.new("RGB", (16, 16), "red"), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gps_jpeg_bytes() -> bytes:
    """400 x 200 as stored, with a red block in the stored top-left corner and orientation 6 (turn right)."""
    image = Image.blend(photo_like((400, 200)), Image.new("RGB", (400, 200), (40, 80, 160)), 0.5)  # no red
    ImageDraw.Draw(image).rectangle((0, 0, 39, 39), fill=(255, 0, 0))
    return encode(
        image,
        "JPEG",
        quality=95,
        exif=gps_exif(orientation=6),
        icc_profile=srgb_icc(),
        xmp=b"<x:xmpmeta><rdf:Description>" + XMP_MARKER + b"</rdf:Description></x:xmpmeta>",
        comment=COMMENT_MARKER,
    )


METADATA_KEYS = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "photoshop"}


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_no_metadata(data: bytes) -> None:
    image = opened(data)
    assert not (METADATA_KEYS & set(image.info)), image.info.keys()
    assert dict(image.getexif()) == {}
    if image.format == "JPEG":
        # Only the JFIF header (APP0), quantisation/Huffman tables, frame header and scan: no APP1 (EXIF,
        # XMP), APP2 (ICC), APP13 (Photoshop) or COM (comments).
        assert set(jpeg_segments(data)) <= {0xE0, 0xDB, 0xC4, 0xC0, 0xDD, 0xDA}, jpeg_segments(data)
    else:
        assert set(png_chunks(data)) <= {b"IHDR", b"IDAT", b"IEND"}, png_chunks(data)


def all_bytes(picture: PreparedPicture) -> bytes:
    return picture.data + b"\n" + picture.thumbnail


def is_red(pixel: tuple[int, ...]) -> bool:
    r, g, b = pixel[:3]
    return r > 200 and g < 70 and b < 70
