import { expect, it } from "vitest";
import { displayText, htmlToText, linkHref } from "./displayValue";

it("formats values per type", () => {
  expect(displayText({ type: "NUMBER", digit: true, unit: "円", unitPosition: "AFTER" }, "1200")).toBe("1,200円");
  expect(displayText({ type: "CHECK_BOX" }, ["a", "b"])).toBe("a, b");
  expect(displayText({ type: "USER_SELECT" }, [{ code: "sato", name: "佐藤" }])).toBe("佐藤");
  expect(displayText({ type: "DROP_DOWN" }, null)).toBe("");
  expect(displayText({ type: "FILE" }, [{ fileKey: "k", name: "a.pdf" }])).toBe("a.pdf");
});

it("strips HTML and only links to safe URLs", () => {
  expect(htmlToText("<p>a &amp; b</p><script>x</script>")).toBe("a & b\nx");
  expect(linkHref("javascript:alert(1)", "WEB")).toBeNull();
  expect(linkHref("https://example.jp", "WEB")).toBe("https://example.jp");
  expect(linkHref("03-1234-5678", "CALL")).toBe("tel:0312345678");
});
