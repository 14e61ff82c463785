// Picks the editor for a field type. The one place that maps types to editors.
import type { FieldType } from "../api/types";
import { ChoiceInput } from "./choice/ChoiceInput";
import { DateTimeInput } from "./date-time/DateTimeInput";
import { EntityInput } from "./entity/EntityInput";
import { FieldView } from "./FieldView";
import { FileInput } from "./file/FileInput";
import type { FieldInputProps } from "./inputProps";
import { NumberInput } from "./number/NumberInput";
import { SubtableInput } from "./subtable/SubtableInput";
import { TextInput } from "./text/TextInput";

type Editor = (props: FieldInputProps) => React.ReactNode;

const editors: Partial<Record<FieldType, Editor>> = {
  SINGLE_LINE_TEXT: TextInput,
  MULTI_LINE_TEXT: TextInput,
  RICH_TEXT: TextInput,
  LINK: TextInput,
  NUMBER: NumberInput,
  RADIO_BUTTON: ChoiceInput,
  CHECK_BOX: ChoiceInput,
  DROP_DOWN: ChoiceInput,
  MULTI_SELECT: ChoiceInput,
  DATE: DateTimeInput,
  TIME: DateTimeInput,
  DATETIME: DateTimeInput,
  USER_SELECT: EntityInput,
  ORGANIZATION_SELECT: EntityInput,
  GROUP_SELECT: EntityInput,
  FILE: FileInput,
  SUBTABLE: SubtableInput,
};

/** The editor for the field, or its read-only view when the type is not editable (CALC, system fields). */
export function FieldInput(props: FieldInputProps) {
  const Editor = editors[props.property.type];
  if (!Editor) return <FieldView property={props.property} value={props.value} />;
  return <Editor {...props} />;
}
