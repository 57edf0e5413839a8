import type { TFunction } from "i18next";
import { h } from "../shared/dom.ts";
import { saveBlob } from "../shared/download.ts";
import { INK, PAPER } from "../shared/palette.ts";

/** Style properties an SVG picture needs to look the same outside the page's stylesheets. */
const CARRIED = [
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity",
  "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
  "paint-order", "stroke-linejoin", "letter-spacing", "visibility",
];

const CAPTION = 30;

/**
 * An SVG element of the page as a file of its own: the computed style of every
 * element is written into it (CSS variables and stylesheet rules do not travel),
 * it gets its own size, and the caption the page shows above it.
 */
function svgFile(svg: SVGSVGElement, caption: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll("*")];
  const to = [clone, ...clone.querySelectorAll("*")];
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    (to[i] as SVGElement).setAttribute("style", CARRIED.map((p) => `${p}:${style.getPropertyValue(p)}`).join(";"));
  });
  const box = svg.getBoundingClientRect();
  const view = svg.viewBox.baseVal;
  // Room above the picture for its caption, in the picture's own units.
  const room = (CAPTION * view.height) / box.height;
  clone.setAttribute("viewBox", `${view.x} ${view.y - room} ${view.width} ${view.height + room}`);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(Math.round(box.width)));
  clone.setAttribute("height", String(Math.round(box.height + CAPTION)));
  const title = document.createElementNS("http://www.w3.org/2000/svg", "text");
  title.setAttribute("x", String(view.x + 4));
  title.setAttribute("y", String(view.y - room * 0.35));
  title.setAttribute("style", `font-family:"DejaVu Sans",sans-serif;font-weight:700;font-size:${(15 * view.height) / box.height}px;fill:${INK}`);
  title.textContent = caption;
  clone.prepend(title);
  return new XMLSerializer().serializeToString(clone);
}

/** Draw a canvas image into a PNG on white, at twice the size for print. */
async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = h("canvas", { width: Math.round(width * scale), height: Math.round(height * scale) });
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = PAPER;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await canvasPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((done, fail) => canvas.toBlob((b) => (b ? done(b) : fail(new Error("no PNG"))), "image/png"));
}

/** The two download buttons of a picture. */
/** The two download buttons of a picture; `name` is the file name without extension, read at the click. */
export function pictureDownloads(t: TFunction, name: () => string, picture: { svg: () => string; png: () => Promise<Blob> }): HTMLElement {
  return h(
    "span",
    { class: "picture-downloads no-print" },
    h("button", { type: "button", class: "secondary small-button", "data-download": "png", title: t("download.png"), onclick: () => void picture.png().then((b) => saveBlob(`${name()}.png`, b)) }, "PNG"),
    h("button", { type: "button", class: "secondary small-button", "data-download": "svg", title: t("download.svg"), onclick: () => saveBlob(`${name()}.svg`, new Blob([picture.svg()], { type: "image/svg+xml" })) }, "SVG"),
  );
}

/** Downloads for an SVG drawn on the page (a d3 chart or the circle), with its caption. */
export function svgDownloads(t: TFunction, name: () => string, svg: () => SVGSVGElement, caption: string): HTMLElement {
  return pictureDownloads(t, name, {
    svg: () => svgFile(svg(), caption),
    png: () => {
      const box = svg().getBoundingClientRect();
      return svgToPng(svgFile(svg(), caption), box.width, box.height + CAPTION);
    },
  });
}
