import { decimalText, JsonDecimal, parseWithDecimals, stringifyWithDecimals } from "../../src/vendors/http/decimal-json";

describe("JSON numbers as exact decimal text", () => {
  it("reads every number that is not a safe whole number digit for digit, strings untouched", () => {
    const parsed = parseWithDecimals(
      '{"amount": 50.10, "rate": 0.000000123456789012345, "big": 12345678901234567890, "id": 505, "exp": 1.5E3, "text": "x\\"1.5", "list": [-0.5, true, null]}',
    ) as Record<string, unknown>;
    expect(decimalText(parsed.amount)).toBe("50.10");
    expect(decimalText(parsed.rate)).toBe("0.000000123456789012345");
    expect(decimalText(parsed.big)).toBe("12345678901234567890");
    expect(parsed.id).toBe(505);
    expect(decimalText(parsed.exp)).toBe("1500");
    expect(parsed.text).toBe('x"1.5');
    expect(parsed.list).toEqual([new JsonDecimal("-0.5"), true, null]);
  });

  it("refuses what JSON.parse refuses", () => {
    expect(() => parseWithDecimals("{ amount: 1 }")).toThrow(SyntaxError);
    expect(() => parseWithDecimals('{"a": 01}')).toThrow(SyntaxError);
  });

  it("writes a decimal as a bare JSON number with its exact digits", () => {
    expect(stringifyWithDecimals({ udf_float_1: new JsonDecimal("12.50"), udf_float_2: new JsonDecimal("-0.0000000001") })).toBe(
      '{"udf_float_1":12.50,"udf_float_2":-0.0000000001}',
    );
    expect(decimalText("1.5e3")).toBeNull();
  });
});
