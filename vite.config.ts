import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vite";

// Every viz/*.html is a page of its own; adding a page needs no change here.
const root = resolve(import.meta.dirname, "viz");
const pages = Object.fromEntries(
  readdirSync(root)
    .filter((f) => f.endsWith(".html"))
    .map((f) => [f.replace(/\.html$/, ""), resolve(root, f)]),
);

export default defineConfig({
  root,
  base: "/",
  build: {
    outDir: resolve(import.meta.dirname, "dist/viz"),
    emptyOutDir: true,
    rollupOptions: { input: pages },
  },
});
