import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Router, type Request, type RequestHandler } from "express";

/** The files the explorer page loads, all from installed packages: nothing comes from another origin. */
const ASSETS: Record<string, { packageName: string; file: string; type: string }> = {
  "react.production.min.js": { packageName: "react", file: "umd/react.production.min.js", type: "text/javascript" },
  "react-dom.production.min.js": { packageName: "react-dom", file: "umd/react-dom.production.min.js", type: "text/javascript" },
  "graphiql.min.js": { packageName: "graphiql", file: "graphiql.min.js", type: "text/javascript" },
  "graphiql.min.css": { packageName: "graphiql", file: "graphiql.min.css", type: "text/css" },
};

/** A file of an installed package (its `exports` may not list the browser bundles). */
function packageFile(packageName: string, file: string): Buffer {
  return readFileSync(join(dirname(require.resolve(`${packageName}/package.json`)), file));
}

/** The page, its start script and its style sheet, in src/server/explorer (copied to dist/src/server/explorer by the build): nothing inline, as the Content-Security-Policy wants. */
function explorerFile(name: string): string {
  return join(__dirname, "explorer", name);
}

/** Whether a GET /graphql comes from a browser asking for a page rather than a client asking for JSON. */
export function wantsExplorerPage(req: Request): boolean {
  return req.accepts(["application/graphql-response+json", "application/json", "text/html"]) === "text/html";
}

/**
 * GraphiQL on GET /graphql (for browsers; other requests go on to the /graphql steps) and its
 * files under /explorer/, served from the installed `graphiql`, `react` and `react-dom` packages,
 * so that it works with no internet. The page is a route of its own, ahead of /graphql's: a
 * router holding it would answer a preflight to /graphql itself, before CORS could.
 */
export function explorer(): { page: RequestHandler; files: Router } {
  const page = readFileSync(explorerFile("index.html"));
  const start = readFileSync(explorerFile("start.js"));
  const style = readFileSync(explorerFile("start.css"));
  const assets = new Map(Object.entries(ASSETS).map(([name, { packageName, file, type }]) => [name, { type, body: packageFile(packageName, file) }]));
  const files = Router();
  files.get("/explorer/start.js", (_req, res) => {
    res.type("text/javascript").setHeader("cache-control", "no-cache").send(start);
  });
  files.get("/explorer/start.css", (_req, res) => {
    res.type("text/css").setHeader("cache-control", "no-cache").send(style);
  });
  files.get("/explorer/:file", (req, res, next) => {
    const asset = assets.get(req.params.file);
    if (!asset) return next();
    res.type(asset.type).setHeader("cache-control", "public, max-age=86400").send(asset.body);
  });
  return {
    page(req, res, next) {
      if (!wantsExplorerPage(req)) return next();
      res.type("html").setHeader("cache-control", "no-cache").send(page);
    },
    files,
  };
}
