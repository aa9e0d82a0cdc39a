"""Illustrations and logos for the demo content, drawn with Pillow.

The project ships no photographs and fetches nothing from the internet, so the
demo's images are calm, flat landscapes of a village (fields, houses, a church
tower, trees) drawn from a seed: the same seed always gives the same picture.
"""

import io
import math
import random
import zlib

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


def _tint(colour, amount):
    """`colour` mixed with white: 0 keeps it, 1 is white."""
    return tuple(round(c + (255 - c) * amount) for c in colour)


def _mark(draw, motif, colour, box):
    """A simple emblem in the square `box` (x, y, size): one of a few shapes
    that community organisations use (two circles meeting, a roof, rising bars,
    a bridge), so each demo partner has a mark of its own."""
    x, y, size = box
    light = _tint(colour, 0.55)
    if motif == 0:  # two circles meeting: people coming together
        r = size * 0.3
        draw.ellipse(
            [x + size * 0.12, y + size * 0.2, x + size * 0.12 + 2 * r, y + size * 0.2 + 2 * r],
            fill=light,
        )
        draw.ellipse(
            [x + size * 0.34, y + size * 0.2, x + size * 0.34 + 2 * r, y + size * 0.2 + 2 * r],
            fill=colour,
        )
    elif motif == 1:  # a roof over a door: a house, a village hall
        draw.polygon(
            [
                (x + size * 0.1, y + size * 0.5),
                (x + size * 0.5, y + size * 0.12),
                (x + size * 0.9, y + size * 0.5),
            ],
            fill=colour,
        )
        draw.rectangle(
            [x + size * 0.22, y + size * 0.5, x + size * 0.78, y + size * 0.88], fill=light
        )
        draw.rectangle(
            [x + size * 0.43, y + size * 0.62, x + size * 0.57, y + size * 0.88], fill=colour
        )
    elif motif == 2:  # three rising bars under a sun: growing together
        draw.ellipse(
            [x + size * 0.08, y + size * 0.08, x + size * 0.34, y + size * 0.34], fill=light
        )
        for i in range(3):
            left = x + size * (0.1 + i * 0.28)
            draw.rectangle(
                [left, y + size * (0.66 - i * 0.16), left + size * 0.2, y + size * 0.9], fill=colour
            )
    else:  # a bridge: across the border
        draw.rectangle(
            [x + size * 0.08, y + size * 0.62, x + size * 0.92, y + size * 0.72], fill=colour
        )
        draw.arc(
            [x + size * 0.18, y + size * 0.28, x + size * 0.82, y + size * 0.96],
            180,
            360,
            fill=colour,
            width=max(3, round(size * 0.08)),
        )
        draw.ellipse([x + size * 0.4, y + size * 0.08, x + size * 0.6, y + size * 0.28], fill=light)


def _wrap(draw, words, font, width, max_lines):
    """The words in lines that fit `width`, or None when they need more than `max_lines`."""
    lines = [""]
    for word in words:
        candidate = f"{lines[-1]} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not lines[-1]:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > max_lines or any(draw.textlength(line, font=font) > width for line in lines):
        return None
    return lines


def emblem_logo(name, colour, width=480, height=160):
    """PNG bytes of a small logo: an emblem in the partner's colour and its name
    beside it, on white. Drawn, not photographed; the same name always gives
    the same logo."""
    canvas = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    motif = zlib.crc32(name.encode()) % 4
    _mark(draw, motif, colour, (12, (height - 136) // 2, 136))
    text_x = 164
    # The largest size at which the name fits in two lines, or three for long names.
    for size, max_lines in ((40, 2), (32, 2), (26, 3), (20, 4)):
        font = ImageFont.load_default(size=size)
        lines = _wrap(draw, name.split(), font, width - text_x - 12, max_lines)
        if lines:
            break
    else:
        lines = [name]
    line_height = font.size * 1.15
    top = (height - line_height * len(lines)) / 2
    ink = tuple(round(c * 0.55) for c in colour)
    for i, line in enumerate(lines):
        draw.text((text_x, top + i * line_height), line, fill=ink, font=font)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
