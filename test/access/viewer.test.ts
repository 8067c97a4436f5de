import { createAccessToken, TokenKind } from "../../src/access/access-tokens";
import type { Role } from "../../src/access/roles";
import { useTestApi } from "../support/test-api";

const api = useTestApi();
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const VIEWER_QUERY = `{ viewer { tokenPrefix reseller { id code name parentId } roles permissions kind expiresAt } }`;

describe("viewer: the signed-in token and what it may do", () => {
  // Exactly the roles and permissions of docs/access.md.
  it.each<[Role, string, string, string[]]>([
    ["viewer", "globex", "Globex Billing", ["PAYMENT_READ"]],
    ["integration", "acme", "Acme Payments", ["PAYMENT_READ", "PAYMENT_RECORD"]],
    ["operator", "acme", "Acme Payments", ["PAYMENT_READ", "PAYMENT_VOID", "PAYMENT_CANCEL", "PAYMENT_REJECT", "OPERATION_REVIEW"]],
    [
      "admin",
      "platform",
      "Payments Platform",
      ["PAYMENT_READ", "PAYMENT_VOID", "PAYMENT_CANCEL", "PAYMENT_REJECT", "OPERATION_REVIEW", "OPERATION_RESOLVE", "PAYMENT_RECORD", "REFERENCE_WRITE"],
    ],
  ])("the %s role, a token of %s", async (role, resellerCode, resellerName, permissions) => {
    const { token, prefix } = await createAccessToken(api.dataSource, { resellerCode, roles: [role] });
    const res = await api.graphql(VIEWER_QUERY, undefined, as(token));
    expect(res.errors).toBeUndefined();
    const viewer = res.data.viewer;
    expect(viewer.tokenPrefix).toBe(prefix);
    expect(viewer.reseller.code).toBe(resellerCode);
    expect(viewer.reseller.name).toBe(resellerName);
    expect(viewer.roles).toEqual([role.toUpperCase()]);
    expect([...viewer.permissions].sort()).toEqual([...permissions].sort());
    expect(viewer.kind).toBe("API_KEY");
    expect(viewer.expiresAt).toBeNull();
    // The secret part of the token, and its hash, appear nowhere in the answer.
    expect(JSON.stringify(res.data)).not.toContain(token.slice(13));
    const [row] = await api.dataSource.query(`SELECT secret_hash FROM access_token WHERE prefix = $1`, [prefix]);
    expect(JSON.stringify(res.data)).not.toContain(row.secret_hash);
  });

  it("a session with an expiry and two roles answers its kind, expiry and the union of the roles' permissions", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    expiresAt.setMilliseconds(0);
    const { token } = await createAccessToken(api.dataSource, { resellerCode: "acme-europe", roles: ["viewer", "operator"], kind: TokenKind.SESSION, expiresAt });
    const res = await api.graphql(VIEWER_QUERY, undefined, as(token));
    expect(res.errors).toBeUndefined();
    expect(res.data.viewer.kind).toBe("SESSION");
    expect(new Date(res.data.viewer.expiresAt).getTime()).toBe(expiresAt.getTime());
    expect(res.data.viewer.roles).toEqual(["VIEWER", "OPERATOR"]);
    expect(res.data.viewer.permissions).toHaveLength(5);
    expect(res.data.viewer.permissions).not.toContain("OPERATION_RESOLVE");
    expect(res.data.viewer.reseller.code).toBe("acme-europe");
  });

  it("a token below the top sees its own reseller but not a parent above its reach", async () => {
    const { token } = await createAccessToken(api.dataSource, { resellerCode: "acme", roles: ["viewer"] });
    const res = await api.graphql(VIEWER_QUERY, undefined, as(token));
    expect(res.data.viewer.reseller.parentId).toBeNull();
    const [acme] = await api.dataSource.query(`SELECT id FROM reseller WHERE code = 'acme'`);
    expect(res.data.viewer.reseller.id).toBe(acme.id);
  });

  it("needs a valid token", async () => {
    const res = await api.graphql(VIEWER_QUERY, undefined, {});
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
