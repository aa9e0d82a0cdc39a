"""Illustrations and logos for the demo content, drawn with Pillow.

The project ships no photographs and fetches nothing from the internet, so the
demo's images are calm, flat landscapes of a village (fields, houses, a church
tower, trees) drawn from a seed: the same seed always gives the same picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

PALETTES = {
    "morning": {
        "sky": ((226, 239, 233), (250, 244, 228)),
        "hills": [(150, 190, 140), (110, 160, 115), (78, 128, 92)],
        "accent": (214, 96, 60),
    },
    "summer": {
        "sky": ((204, 228, 240), (245, 246, 236)),
        "hills": [(168, 196, 108), (124, 170, 96), (86, 136, 84)],
        "accent": (196, 70, 58),
    },
    "autumn": {
        "sky": ((243, 226, 206), (250, 242, 230)),
        "hills": [(212, 170, 96), (176, 130, 78), (128, 104, 72)],
        "accent": (160, 60, 48),
    },
    "evening": {
        "sky": ((206, 214, 236), (244, 222, 212)),
        "hills": [(120, 150, 140), (90, 120, 118), (60, 92, 96)],
        "accent": (232, 170, 80),
    },
}


def _gradient(draw, width, height, top, bottom):
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _hill(draw, width, height, base, amplitude, colour, rng):
    points = [(0, height)]
    phase = rng.uniform(0, 6.28)
    for x in range(0, width + 20, 20):
        y = base + amplitude * math.sin(x / width * 3.2 + phase) + rng.uniform(-3, 3)
        points.append((x, y))
    points.append((width, height))
    draw.polygon(points, fill=colour)


def _house(draw, x, ground, size, wall, roof):
    w, h = size, size * 0.8
    draw.rectangle([x, ground - h, x + w, ground], fill=wall)
    draw.polygon(
        [
            (x - size * 0.1, ground - h),
            (x + w / 2, ground - h - size * 0.6),
            (x + w + size * 0.1, ground - h),
        ],
        fill=roof,
    )
    draw.rectangle([x + w * 0.4, ground - h * 0.45, x + w * 0.6, ground], fill=(70, 60, 55))


def _tree(draw, x, ground, size, colour):
    draw.rectangle(
        [x - size * 0.06, ground - size * 0.5, x + size * 0.06, ground], fill=(96, 74, 58)
    )
    draw.ellipse(
        [x - size * 0.35, ground - size * 1.1, x + size * 0.35, ground - size * 0.35], fill=colour
    )


def village_scene(seed, palette="morning", width=1600, height=1000):
    """JPEG bytes of a village landscape."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    colours = PALETTES[palette]
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    _gradient(draw, width, height, *colours["sky"])
    sun_x = rng.randint(width // 5, width * 4 // 5)
    draw.ellipse([sun_x - 70, 120, sun_x + 70, 260], fill=(252, 236, 190))
    for i, hill_colour in enumerate(colours["hills"]):
        _hill(draw, width, height, height * (0.5 + i * 0.12), 30 + 20 * i, hill_colour, rng)
    ground = int(height * 0.74)
    # The church tower that every Dutch village skyline has.
    tower_x = rng.randint(width // 3, width * 2 // 3)
    draw.rectangle([tower_x, ground - 330, tower_x + 60, ground], fill=(226, 220, 210))
    draw.polygon(
        [(tower_x - 8, ground - 330), (tower_x + 30, ground - 450), (tower_x + 68, ground - 330)],
        fill=(70, 82, 96),
    )
    x = 60
    while x < width - 60:
        if abs(x - tower_x) > 90:
            size = rng.randint(70, 120)
            wall = rng.choice([(236, 226, 210), (214, 168, 140), (190, 96, 74), (244, 240, 232)])
            roof = rng.choice([(120, 60, 48), (70, 82, 96), colours["accent"]])
            _house(draw, x, ground + rng.randint(-10, 10), size, wall, roof)
            x += size + rng.randint(30, 110)
        else:
            x += 120
        if rng.random() < 0.6:
            _tree(draw, x - 15, ground + 20, rng.randint(90, 150), colours["hills"][2])
    draw.rectangle([0, ground + 24, width, height], fill=colours["hills"][1])
    for _ in range(18):
        fx = rng.randint(0, width)
        draw.line([(fx, height), (width / 2, ground + 30)], fill=colours["hills"][0], width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def initials_logo(name, colour, width=480, height=240):
    """PNG bytes of a plain logo: the name's initials in white on `colour`."""
    canvas = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(canvas)
    initials = "".join(word[0] for word in name.split() if word[0].isalnum())[:4].upper()
    font = ImageFont.load_default(size=110)
    box = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((width - (box[2] - box[0])) / 2 - box[0], (height - (box[3] - box[1])) / 2 - box[1]),
        initials,
        fill=(255, 255, 255),
        font=font,
    )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
