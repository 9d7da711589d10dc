#!/usr/bin/env python3
"""Renders icons/childtune.svg to icons/childtune-<size>.png with librsvg (through ctypes, so no
Python packages are needed). Qt reads SVG icons only when its SVG plugin is installed; the PNGs
make the icon work without it. Run after editing the SVG: python3 resources/render_icons.py"""
import ctypes
import ctypes.util
import pathlib
import sys

SIZES = (16, 24, 32, 48, 64, 128, 256)
HERE = pathlib.Path(__file__).resolve().parent


def load(name, fallback):
    path = ctypes.util.find_library(name) or fallback
    return ctypes.CDLL(path)


def main():
    rsvg = load("rsvg-2", "librsvg-2.so.2")
    cairo = load("cairo", "libcairo.so.2")
    rsvg.rsvg_handle_new_from_file.restype = ctypes.c_void_p
    rsvg.rsvg_handle_new_from_file.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    rsvg.rsvg_handle_render_cairo.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    cairo.cairo_image_surface_create.restype = ctypes.c_void_p
    cairo.cairo_image_surface_create.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    cairo.cairo_create.restype = ctypes.c_void_p
    cairo.cairo_create.argtypes = [ctypes.c_void_p]
    cairo.cairo_scale.argtypes = [ctypes.c_void_p, ctypes.c_double, ctypes.c_double]
    cairo.cairo_surface_write_to_png.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    cairo.cairo_destroy.argtypes = [ctypes.c_void_p]
    cairo.cairo_surface_destroy.argtypes = [ctypes.c_void_p]

    svg = HERE / "icons" / "childtune.svg"
    handle = rsvg.rsvg_handle_new_from_file(str(svg).encode(), None)
    if not handle:
        sys.exit(f"render_icons: librsvg cannot read {svg}")
    cairo_format_argb32 = 0
    for size in SIZES:
        surface = cairo.cairo_image_surface_create(cairo_format_argb32, size, size)
        context = cairo.cairo_create(surface)
        cairo.cairo_scale(context, size / 256.0, size / 256.0)  # the SVG is 256 x 256
        if not rsvg.rsvg_handle_render_cairo(handle, context):
            sys.exit(f"render_icons: librsvg failed to render {svg}")
        out = HERE / "icons" / f"childtune-{size}.png"
        if cairo.cairo_surface_write_to_png(surface, str(out).encode()) != 0:
            sys.exit(f"render_icons: cannot write {out}")
        cairo.cairo_destroy(context)
        cairo.cairo_surface_destroy(surface)
        print(out)


if __name__ == "__main__":
    main()
