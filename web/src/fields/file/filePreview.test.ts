import { describe, expect, it } from "vitest";
import { previewKind, thumbnailPixels } from "./filePreview";

describe("previewKind", () => {
  it("previews raster images and PDFs only", () => {
    expect(previewKind("image/png", "2048")).toBe("image");
    expect(previewKind("IMAGE/JPEG; charset=binary")).toBe("image");
    expect(previewKind("application/pdf", "999999999")).toBe("pdf");
    expect(previewKind("image/svg+xml")).toBeNull();
    expect(previewKind("text/html")).toBeNull();
    expect(previewKind(undefined)).toBeNull();
  });
  it("does not fetch huge images for a thumbnail", () => {
    expect(previewKind("image/png", String(11 * 1024 * 1024))).toBeNull();
  });
});

describe("thumbnailPixels", () => {
  it("follows kintone's sizes, 150 by default", () => {
    expect(thumbnailPixels("250")).toBe(250);
    expect(thumbnailPixels(undefined)).toBe(150);
    expect(thumbnailPixels("77")).toBe(150);
  });
});
