"""Expected 32x32 grey pixels from Pillow for test/fixtures/pillow-vectors.json.

Runs iscc-sdk's image normalisation steps (without EXIF transpose) with Pillow
on deterministic synthetic images, so the TypeScript port in src/lib/image.ts
can be checked value for value. Note that the border trim crops nothing here,
as in iscc-sdk: after the alpha step the image is RGBA, and Pillow's getbbox()
on RGBA looks at the (opaque) alpha band only. Run with the Debian Pillow:
    /usr/bin/python3 packages/iscc/scripts/pillow-vectors.py > packages/iscc/test/fixtures/pillow-vectors.json
"""
import base64
import json
import random

import PIL
from PIL import Image, ImageChops

MODES = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}


def synthetic(seed, width, height, channels, border=0, flat=False):
    rnd = random.Random(seed)
    colour = [rnd.randrange(256) for _ in range(channels)]
    if channels in (2, 4):
        colour[-1] = 255
    blobs = [(rnd.uniform(0, width), rnd.uniform(0, height), rnd.uniform(3, 30), [rnd.randrange(256) for _ in range(channels)]) for _ in range(4)]
    out = bytearray()
    for y in range(height):
        for x in range(width):
            inside = border <= x < width - border and border <= y < height - border
            if flat or not inside:
                out += bytes(colour)
                continue
            px = [(x * 7 + y * 3 + c * 50) % 256 for c in range(channels)]
            for bx, by, r, c in blobs:
                if (x - bx) ** 2 + (y - by) ** 2 < r * r:
                    px = c
            out += bytes(px)
    return bytes(out)


def normalise(img):
    if img.mode != "RGBA":
        img = img.convert("RGBA")
    img = Image.alpha_composite(Image.new("RGBA", img.size, (255, 255, 255)), img)
    diff = ImageChops.difference(img, Image.new(img.mode, img.size, img.getpixel((0, 0))))
    bbox = ImageChops.add(diff, diff).getbbox()
    if bbox != (0, 0) + img.size:
        img = img.crop(bbox)
    return list(img.convert("L").resize((32, 32), Image.BICUBIC).getdata())


CASES = [
    ("rgba-with-transparency", 1, 120, 90, 4, 0, False),
    ("rgb-with-uniform-border", 2, 100, 70, 3, 7, False),
    ("grey-upscaled", 3, 20, 12, 1, 0, False),
    ("grey-alpha", 4, 64, 48, 2, 0, False),
    ("uniform-colour", 5, 40, 40, 3, 0, True),
    ("tall", 6, 33, 300, 3, 0, False),
    ("exactly-32x32", 7, 32, 32, 3, 0, False),
    ("wide-32-rows", 8, 200, 32, 4, 0, False),
]

vectors = []
for name, seed, width, height, channels, border, flat in CASES:
    data = synthetic(seed, width, height, channels, border, flat)
    if channels in (2, 4):  # vary the alpha channel, including fully transparent pixels
        data = bytearray(data)
        for i in range(channels - 1, len(data), channels):
            data[i] = (i * 37) % 256 if (i // channels) % 3 else 0
        data = bytes(data)
    pixels = normalise(Image.frombytes(MODES[channels], (width, height), data))
    vectors.append({"name": name, "width": width, "height": height, "channels": channels,
                    "data": base64.b64encode(data).decode("ascii"), "pixels": pixels})

# EXIF orientations 1-8 as Pillow's exif_transpose applies them, on a 5x3 RGB image.
TRANSPOSE = {2: Image.FLIP_LEFT_RIGHT, 3: Image.ROTATE_180, 4: Image.FLIP_TOP_BOTTOM, 5: Image.TRANSPOSE,
             6: Image.ROTATE_270, 7: Image.TRANSVERSE, 8: Image.ROTATE_90}
small = bytes(range(45))
orientations = []
for orientation in range(1, 9):
    img = Image.frombytes("RGB", (5, 3), small)
    if orientation in TRANSPOSE:
        img = img.transpose(TRANSPOSE[orientation])
    orientations.append({"orientation": orientation, "width": img.width, "height": img.height,
                         "data": list(img.tobytes())})

print(json.dumps({"_source": f"scripts/pillow-vectors.py with Pillow {PIL.__version__}", "vectors": vectors,
                  "orientations": {"width": 5, "height": 3, "data": list(small), "expected": orientations}}))
