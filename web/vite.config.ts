import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The server (tsumiki serve) serves dist/ at "/" on the same port as the API.
// `npm run dev` proxies the API to TSUMIKI_URL (default http://127.0.0.1:8080).
const api = process.env.TSUMIKI_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2500,
    // Two pages: the staff app (index.html) and the residents' public pages (public.html),
    // which must not load the staff bundle.
    rollupOptions: {
      input: { main: "index.html", public: "public.html" },
    },
  },
  server: {
    proxy: {
      "/k/": api,
      "/api/": api,
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
