import { expect, it } from "vitest";
import { optionProblem, optionsFrom, orderedOptions } from "../../fields/options";

it("keeps option order through index and flags empty or repeated options", () => {
  const options = optionsFrom(["b", "a"]);
  expect(options).toEqual({ b: { label: "b", index: "0" }, a: { label: "a", index: "1" } });
  expect(orderedOptions(options)).toEqual(["b", "a"]);
  expect(optionProblem(["a", "a"])).toBe("duplicate");
  expect(optionProblem(["a", " "])).toBe("empty");
  expect(optionProblem(["a"])).toBeUndefined();
});
