import express, { type Express } from "express";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** Built browser pages (vite build of viz/) live here. */
export const VIZ_DIST = resolve(import.meta.dirname, "../../dist/viz");

/**
 * Pretty paths of the browser pages; each serves one built viz/*.html. The staff
 * pages share staff.html, whose script picks the page by path (viz/staff.ts).
 */
const PAGES: Array<[path: string, page: string]> = [
  ["/c/:token", "circle.html"],
  ["/paper/:waveId/:organisationId", "circle.html"],
  ["/compose", "compose.html"],
  ["/calls/:callId", "staff.html"],
  ["/calls/:callId/compare", "staff.html"],
  ["/lots/:lotId", "staff.html"],
  ["/circles/:waveId/:organisationId", "staff.html"],
  ["/interviews/:waveId/:organisationId", "staff.html"],
  ["/reports/:waveId/:organisationId", "report.html"],
  ["/c/:token/report", "report.html"],
  ["/", "staff.html"],
  ["/sign-in/link", "staff.html"],
  ["/calls", "staff.html"],
  ["/calls/:callId/admin", "staff.html"],
  ["/tokens", "staff.html"],
  ["/accounts", "staff.html"],
  ["/access-log", "staff.html"],
  ["/outbox", "staff.html"],
  ["/api-docs", "staff.html"],
];

export function pageRoutes(app: Express): void {
  app.use("/assets", express.static(resolve(VIZ_DIST, "assets"), { immutable: true, maxAge: "1y", index: false }));
  // Pages link the SVG icon; browsers that still ask for /favicon.ico get it too, not a 404.
  for (const path of ["/favicon.svg", "/favicon.ico"]) {
    app.get(path, (_req, res) => {
      res.set("Cache-Control", "public, max-age=86400");
      res.type("image/svg+xml").sendFile(resolve(VIZ_DIST, "favicon.svg"));
    });
  }
  for (const [path, page] of PAGES) {
    app.get(path, (_req, res, next) => {
      const file = resolve(VIZ_DIST, page);
      if (!existsSync(file)) return next();
      res.set("Cache-Control", "no-store");
      res.sendFile(file);
    });
  }
}
