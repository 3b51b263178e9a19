#!/usr/bin/env python3
"""Renders a tmux capture with colours (`tmux capture-pane -e -p`) to a PNG, a cell a
character in DejaVu Sans Mono: the picture of the dashboard in docs/. Reads the capture
on standard input, writes the PNG named by the first argument."""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE, CELL_W, CELL_H = 14, 8, 17
BASIC = [(0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229)]
BRIGHT = [(102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67), (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255)]
DEFAULT_FG, DEFAULT_BG = (220, 220, 220), (24, 24, 28)


def palette(n):
    """xterm's 256 colours: 0-15 standard, 16-231 the 6x6x6 cube, 232-255 greys."""
    if n < 8:
        return BASIC[n]
    if n < 16:
        return BRIGHT[n - 8]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[n // 6 % 6], steps[n % 6]
    g = 8 + 10 * (n - 232)
    return g, g, g


def cells(text):
    """Each line as [(char, fg, bg, bold)], from SGR escapes (other escapes dropped)."""
    rows = []
    for line in text.split("\n"):
        fg, bg, bold, reverse, row = None, None, False, False, []
        for token in re.split(r"(\x1b\[[0-9;]*m)", line):
            m = re.fullmatch(r"\x1b\[([0-9;]*)m", token)
            if not m:
                for ch in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", token):
                    f, b = (bg or DEFAULT_BG, fg or DEFAULT_FG) if reverse else (fg or DEFAULT_FG, bg or DEFAULT_BG)
                    row.append((ch, f, b, bold))
                continue
            codes = [int(c) if c else 0 for c in m.group(1).split(";")]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0:
                    fg, bg, bold, reverse = None, None, False, False
                elif c == 1:
                    bold = True
                elif c == 7:
                    reverse = True
                elif c == 22:
                    bold = False
                elif 30 <= c <= 37:
                    fg = BASIC[c - 30]
                elif 40 <= c <= 47:
                    bg = BASIC[c - 40]
                elif 90 <= c <= 97:
                    fg = BRIGHT[c - 90]
                elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                    if c == 38:
                        fg = palette(codes[i + 2])
                    else:
                        bg = palette(codes[i + 2])
                    i += 2
                elif c == 39:
                    fg = None
                elif c == 49:
                    bg = None
                i += 1
        rows.append(row)
    return rows


def main():
    rows = cells(sys.stdin.read().rstrip("\n"))
    width = max(len(r) for r in rows)
    image = Image.new("RGB", (width * CELL_W, len(rows) * CELL_H), DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    regular, bold = ImageFont.truetype(FONT, SIZE), ImageFont.truetype(BOLD, SIZE)
    for y, row in enumerate(rows):
        for x, (ch, fg, bg, is_bold) in enumerate(row):
            box = (x * CELL_W, y * CELL_H, (x + 1) * CELL_W, (y + 1) * CELL_H)
            draw.rectangle(box, fill=bg)
            if ch == "▀":  # upper half block: the top half in the foreground colour
                draw.rectangle((box[0], box[1], box[2], box[1] + CELL_H // 2), fill=fg)
            elif 0x2800 < ord(ch) <= 0x28FF:  # braille: the font has none, so the dots are drawn
                bits = ord(ch) - 0x2800
                for bit, (dx, dy) in enumerate([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]):
                    if bits >> bit & 1:
                        cx, cy = box[0] + 2 + dx * 4, box[1] + 2 + dy * 4
                        draw.rectangle((cx, cy, cx + 1, cy + 1), fill=fg)
            elif ch != " ":
                draw.text((box[0], box[1]), ch, fill=fg, font=bold if is_bold else regular)
    image.save(sys.argv[1])


if __name__ == "__main__":
    main()
