// Lays a record out as the app's form layout says: rows of fields side by side, tables,
// groups, labels, spacers and borders. Editable or read-only.
import { Collapse, Form } from "antd";
import type { LayoutElement, LayoutRow, Properties, RawValue } from "../../api/types";
import { FieldInput } from "../../fields/FieldInput";
import { FieldView } from "../../fields/FieldView";
import type { FieldErrors } from "../../lib/errorKeys";
import { htmlToText } from "../../lib/displayValue";
import { isInputType, type RecordValues } from "../../lib/fieldValue";
import { useI18n } from "../../app/I18nProvider";
import type { FieldRight } from "./recordExtrasApi";

const WIDE = new Set(["MULTI_LINE_TEXT", "RICH_TEXT", "SUBTABLE", "FILE"]);

interface Props {
  properties: Properties;
  layout: LayoutRow[];
  values: RecordValues;
  errors: FieldErrors;
  editable: boolean;
  onChange: (code: string, value: RawValue) => void;
  /** The user's rights per field (GET /api/record/rights.json); absent: every field editable. */
  fieldRights?: Record<string, FieldRight>;
}

function Cell({ element, ...props }: Props & { element: LayoutElement }) {
  if (element.type === "LABEL") return <div className="form-cell field-value">{htmlToText(element.label ?? "")}</div>;
  if (element.type === "SPACER") return <div className="form-cell" aria-hidden />;
  if (element.type === "HR") return <hr style={{ flexBasis: "100%", border: 0, borderTop: "1px solid #d1d5db" }} />;
  const property = element.code ? props.properties[element.code] : undefined;
  if (!property) return null;
  return <FieldCell {...props} code={property.code} wide={false} />;
}

function FieldCell({ code, wide, properties, values, errors, editable, onChange, fieldRights }: Props & { code: string; wide: boolean }) {
  const { t } = useI18n();
  const property = properties[code]!;
  const messages = errors.byField[code];
  const id = `field-${code}`;
  const right = fieldRights?.[code];
  // A field the user may not view is not on the form at all (not an empty input).
  if (right && !right.viewable) return null;
  const readOnly = editable && isInputType(property.type) && right !== undefined && !right.editable;
  const editing = editable && isInputType(property.type) && !readOnly;
  return (
    <div className={`form-cell${wide || WIDE.has(property.type) ? " wide" : ""}`} data-testid={`field-${code}`}>
      <Form.Item
        label={property.noLabel ? undefined : property.label}
        htmlFor={id}
        required={editing && property.required}
        validateStatus={messages ? "error" : undefined}
        help={messages ? <span role="alert">{messages.join(" ")}</span> : undefined}
      >
        {editing ? (
          <FieldInput property={property} value={values[code]} label={property.label} id={id} invalid={!!messages}
            cellErrors={errors.byCell} onChange={(v) => onChange(code, v)} />
        ) : readOnly ? (
          // Shown as what it is, a value this user may read but not change, not as a
          // disabled input: screen readers announce it read-only.
          <div id={id} role="textbox" aria-readonly="true" aria-label={property.label} tabIndex={0} className="field-readonly" data-testid={`readonly-${code}`}>
            <FieldView property={property} value={values[code]} />
            <span className="muted field-readonly-note">{t("record.readOnly")}</span>
          </div>
        ) : (
          <FieldView property={property} value={values[code]} />
        )}
      </Form.Item>
    </div>
  );
}

function Rows({ rows, ...props }: Props & { rows: LayoutRow[] }) {
  return (
    <>
      {rows.map((row, i) => {
        if (row.type === "SUBTABLE") {
          if (!props.properties[row.code]) return null;
          return (
            <div className="form-row" key={`t-${row.code}`}>
              <FieldCell {...props} code={row.code} wide />
            </div>
          );
        }
        if (row.type === "GROUP") {
          const group = props.properties[row.code];
          if (!group) return null;
          return (
            <Collapse
              key={`g-${row.code}`}
              style={{ marginBottom: 12 }}
              defaultActiveKey={group.openGroup === false ? [] : [row.code]}
              items={[{ key: row.code, label: group.label, children: <Rows {...props} rows={row.layout} /> }]}
            />
          );
        }
        return (
          <div className="form-row" key={i}>
            {row.fields.map((element, j) => (
              <Cell key={element.code ?? `${element.type}-${j}`} element={element} {...props} />
            ))}
          </div>
        );
      })}
    </>
  );
}

export function RecordForm(props: Props) {
  return (
    <Form layout="vertical" component="div" className="record-form">
      <Rows {...props} rows={props.layout} />
    </Form>
  );
}
