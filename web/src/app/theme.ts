import type { ThemeConfig } from "antd";

// System fonts only: the app runs in closed networks with no font CDN.
export const theme: ThemeConfig = {
  token: {
    fontFamily:
      '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", Meiryo, "Yu Gothic UI", system-ui, sans-serif',
    fontSize: 15,
    borderRadius: 6,
    colorPrimary: "#1456c8",
    // Links follow colorInfo (#1677ff, 4.1:1 on white) unless set: they take the primary blue.
    colorLink: "#1456c8",
    // antd's light greys (placeholders, help texts, description labels) fall below WCAG AA
    // contrast (4.5:1) on white; these keep the same look a shade darker.
    colorTextPlaceholder: "#6b6b6b",
    colorTextDescription: "#5c5c5c",
    colorTextTertiary: "#5c5c5c",
    // antd's danger red (#ff4d4f) is 3.3:1 on white; delete buttons and error texts need 4.5:1.
    colorError: "#c4262e",
  },
};
