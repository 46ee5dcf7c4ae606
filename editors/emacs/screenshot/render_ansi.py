#!/usr/bin/env python3
"""render_ansi.py SCREEN.ansi OUT.png — draws a terminal capture (tmux capture-pane -e:
text with SGR colour sequences) as a PNG, cell by cell, in DejaVu Sans Mono."""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE, CELL_W, CELL_H = 15, 9, 19
BG, FG = (30, 30, 30), (212, 212, 212)
BASE16 = [(0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188),
          (17, 168, 205), (229, 229, 229), (102, 102, 102), (241, 76, 76), (35, 209, 139),
          (245, 245, 67), (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255)]


def color256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
    v = 8 + (n - 232) * 10
    return v, v, v


def cells(lines):
    """Yields (row, col, char, fg, bg, bold, underline) for every character."""
    for row, line in enumerate(lines):
        fg, bg, bold, underline, reverse = FG, BG, False, False, False
        col = 0
        for token in re.split(r"(\x1b\[[0-9;:]*m)", line):
            if token.startswith("\x1b["):
                codes = [int(c) if c else 0 for c in re.split("[;:]", token[2:-1])] or [0]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        fg, bg, bold, underline, reverse = FG, BG, False, False, False
                    elif c == 1:
                        bold = True
                    elif c in (4, 21):
                        underline = True
                    elif c == 7:
                        reverse = True
                    elif c == 22:
                        bold = False
                    elif c == 24:
                        underline = False
                    elif c == 27:
                        reverse = False
                    elif 30 <= c <= 37 or 90 <= c <= 97:
                        fg = BASE16[c - 30 if c < 90 else c - 82]
                    elif 40 <= c <= 47 or 100 <= c <= 107:
                        bg = BASE16[c - 40 if c < 100 else c - 92]
                    elif c == 39:
                        fg = FG
                    elif c == 49:
                        bg = BG
                    elif c in (38, 48) and i + 1 < len(codes):
                        if codes[i + 1] == 5:
                            value, i = color256(codes[i + 2]), i + 2
                        else:
                            value, i = tuple(codes[i + 2:i + 5]), i + 4
                        fg, bg = (value, bg) if c == 38 else (fg, value)
                    i += 1
                continue
            for ch in token:
                f, b = (bg, fg) if reverse else (fg, bg)
                yield row, col, ch, f, b, bold, underline
                col += 1


def main(source, target):
    lines = open(source, encoding="utf-8").read().rstrip("\n").split("\n")
    width = max(100, *(len(re.sub(r"\x1b\[[0-9;:]*m", "", l)) for l in lines))
    image = Image.new("RGB", (width * CELL_W + 16, len(lines) * CELL_H + 16), BG)
    draw = ImageDraw.Draw(image)
    regular, bold_font = ImageFont.truetype(FONT, SIZE), ImageFont.truetype(BOLD, SIZE)
    for row, col, ch, fg, bg, bold, underline in cells(lines):
        x, y = 8 + col * CELL_W, 8 + row * CELL_H
        if bg != BG:
            draw.rectangle([x, y, x + CELL_W - 1, y + CELL_H - 1], fill=bg)
        if ch != " ":
            draw.text((x, y + 1), ch, font=bold_font if bold else regular, fill=fg)
        if underline:
            draw.line([x, y + CELL_H - 2, x + CELL_W - 1, y + CELL_H - 2], fill=fg)
    image.save(target)


if __name__ == "__main__":
    main(*sys.argv[1:3])
