import "server-only";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

/**
 * DejaVu Sans (regular and bold) ships in the repository, so the PDFs do not depend on the
 * machine's fonts: the PDF standard fonts (Helvetica…) have no ư, ơ, đ, ế, ľ, ť, ő or ű.
 * Files are read from the project root (process.cwd()), where `next start`, the worker and
 * jest all run.
 */
export const PDF_FONT_FAMILY = "DejaVu Sans";
const FONT_DIR = path.join(process.cwd(), "lib", "billing", "pdf", "fonts");

let registered = false;

export function registerPdfFonts(): void {
  if (registered) return;
  Font.register({
    family: PDF_FONT_FAMILY,
    fonts: [
      { src: path.join(FONT_DIR, "DejaVuSans.ttf"), fontWeight: 400 },
      { src: path.join(FONT_DIR, "DejaVuSans-Bold.ttf"), fontWeight: 700 },
    ],
  });
  // No automatic hyphenation: names, numbers and references must never be split with a hyphen.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
