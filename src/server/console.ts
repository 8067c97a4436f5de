import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";
import { projectRoot } from "../project-root";

/** Where `npm run console:build` writes the operator console (Vite's output). */
export function consoleBuildDir(): string {
  return join(projectRoot(), "dist", "console");
}

/**
 * The operator console on /console: the built single-page app, same origin as /graphql, so that
 * it needs no CORS and loads nothing from elsewhere. Hashed assets are cached for a year; any
 * other path under /console answers the page, whose router shows the view the path names.
 */
export function consoleRouter(dir = consoleBuildDir()): Router {
  const router = Router();
  const pagePath = join(dir, "index.html");
  router.use("/assets", express.static(join(dir, "assets"), { immutable: true, maxAge: "365d", index: false, fallthrough: false }));
  router.get(/.*/, (_req, res) => {
    if (!existsSync(pagePath)) {
      res
        .status(503)
        .setHeader("retry-after", "5")
        .type("text")
        .send("The operator console is not built yet: `npm start` builds it beside the API when its sources changed (reload in a few seconds); otherwise run `npm run console:build`.");
      return;
    }
    res.type("html").setHeader("cache-control", "no-cache").send(readFileSync(pagePath));
  });
  return router;
}
