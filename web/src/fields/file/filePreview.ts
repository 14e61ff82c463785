// Which attachments the record page previews: raster images as thumbnails (not SVG, which
// can carry script) and PDFs opened in the browser's own viewer; everything else downloads.
export type PreviewKind = "image" | "pdf" | null;

const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"]);
/** Larger images are not fetched just to draw a thumbnail. */
export const MAX_THUMBNAIL_BYTES = 10 * 1024 * 1024;

export function previewKind(contentType: string | undefined, size?: string): PreviewKind {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/pdf") return "pdf";
  if (IMAGE_TYPES.has(type) && !(Number(size) > MAX_THUMBNAIL_BYTES)) return "image";
  return null;
}

/** kintone's thumbnailSize is "50", "150", "250" or "500" pixels; 150 when unset. */
export function thumbnailPixels(thumbnailSize: string | undefined): number {
  const n = Number(thumbnailSize);
  return [50, 150, 250, 500].includes(n) ? n : 150;
}
