import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  logLevel: "warn",
  // Two pages: the element imported before React renders (index.html), and after (late.html).
  build: { rollupOptions: { input: { index: "index.html", late: "late.html" } } },
});
