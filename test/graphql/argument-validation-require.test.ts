import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";

/**
 * type-graphql checks an argument with class-validator by `require("class-validator")` on every
 * argument it checks. The API loads class-validator first (its input classes' rules), so Node
 * cannot use its per-module cache for that call, and resolves the package's path again each time
 * (package.json reads included): about 3% of a lookup's CPU. patches/type-graphql+*.patch keeps
 * the module after the first check; `npm ci` applies it (postinstall: patch-package). Run in a
 * Node process of its own: jest's module registry stands in for Node's `require` in tests.
 */
const CHILD = String.raw`
const Module = require("node:module");
const { Length } = require("class-validator");
const { validateArg } = require(process.argv[1]);
let resolutions = 0;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "class-validator") resolutions += 1;
  return resolve.call(this, request, ...rest);
};
class Filter {}
Length(1, 3)(Filter.prototype, "code");
const filter = (code) => Object.assign(new Filter(), { code });
(async () => {
  for (let i = 0; i < 5; i++) await validateArg(filter("EUR"), Filter, {}, { forbidUnknownValues: false });
  const refused = await validateArg(filter("EUROS"), Filter, {}, { forbidUnknownValues: false }).then(() => null, (error) => error.constructor.name);
  const unchecked = await validateArg(filter("EUROS"), Filter, {}, false).then(() => "passed", (error) => error.constructor.name);
  process.stdout.write(JSON.stringify({ resolutions, refused, unchecked }));
})();
`;

describe("type-graphql's argument check", () => {
  it("loads class-validator once, and still refuses an argument that breaks its class's rules", () => {
    const validateArgFile = join(dirname(require.resolve("type-graphql")), "resolvers", "validate-arg.js");
    const child = spawnSync(process.execPath, ["-e", CHILD, validateArgFile], { encoding: "utf8", cwd: join(__dirname, "../..") });
    expect({ status: child.status, stderr: child.status === 0 ? "" : child.stderr }).toEqual({ status: 0, stderr: "" });
    const seen = JSON.parse(child.stdout) as { resolutions: number; refused: string | null; unchecked: string };
    // Six checks: unpatched, class-validator's path is resolved six times.
    expect(seen.resolutions).toBeLessThanOrEqual(1);
    expect(seen.refused).toBe("ArgumentValidationError");
    expect(seen.unchecked).toBe("passed");
  });
});
