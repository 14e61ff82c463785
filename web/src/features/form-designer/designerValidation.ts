// Checks the designer can make before saving, so most mistakes never reach the server.
import type { FieldProperty } from "../../api/types";
import { optionProblem } from "../../fields/options";
import { fieldCodeProblem, type FieldCodeProblem } from "../../lib/fieldCode";
import { allFields, takenCodes, type DesignForm } from "./designerModel";

export interface FieldProblems {
  code?: FieldCodeProblem;
  options?: "empty" | "duplicate";
}

export function validateProperty(property: FieldProperty, taken: ReadonlySet<string>, optionLabels?: string[]): FieldProblems {
  const problems: FieldProblems = {};
  const code = fieldCodeProblem(property.code, taken);
  if (code) problems.code = code;
  if (optionLabels) {
    const options = optionProblem(optionLabels);
    if (options) problems.options = options;
  }
  return problems;
}

/** uid → problems, only for items that have some. */
export function validateForm(form: DesignForm): Map<string, FieldProblems> {
  const result = new Map<string, FieldProblems>();
  for (const item of allFields(form)) {
    const problems = validateProperty(item.property, takenCodes(form, item.uid), item.optionLabels);
    if (problems.code || problems.options) result.set(item.uid, problems);
  }
  return result;
}
