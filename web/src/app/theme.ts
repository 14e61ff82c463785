import type { ThemeConfig } from "antd";

// System fonts only: the app runs in closed networks with no font CDN.
export const theme: ThemeConfig = {
  token: {
    fontFamily:
      '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", Meiryo, "Yu Gothic UI", system-ui, sans-serif',
    fontSize: 15,
    borderRadius: 6,
    colorPrimary: "#1456c8",
  },
};
