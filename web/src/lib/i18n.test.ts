import { describe, expect, it } from "vitest";
import { browserLocale, interpolate } from "./i18n";

describe("browserLocale", () => {
  it("takes the first supported language", () => {
    expect(browserLocale(["fr-FR", "en-US", "ja"])).toBe("en");
    expect(browserLocale(["ja-JP"])).toBe("ja");
    expect(browserLocale(["de"])).toBe("ja");
  });
});

describe("interpolate", () => {
  it("fills placeholders and leaves unknown ones", () => {
    expect(interpolate("{n}件 / {x}", { n: 3 })).toBe("3件 / {x}");
  });
});
