// One published field as a plain, labelled HTML control: native inputs work with every
// screen reader, zoom level and phone keyboard.
import type { PublicField } from "./publicApi";
import type { Translate } from "./messages";

export type FieldValue = string | string[] | File[];

interface Props {
  field: PublicField;
  value: FieldValue;
  error: string | undefined;
  accept: string;
  fileRules: string;
  /** A sentence under the help text, e.g. that a confirmation e-mail goes to this address. */
  note?: string;
  t: Translate;
  onChange: (value: FieldValue) => void;
}

function Label({ field, t, htmlFor, as = "label" }: { field: PublicField; t: Translate; htmlFor?: string; as?: "label" | "legend" }) {
  const badge = field.required ? <span className="badge badge-required">{t("required")}</span> : <span className="badge">{t("optional")}</span>;
  if (as === "legend") return <legend className="field-label">{field.label} {badge}</legend>;
  return <label className="field-label" htmlFor={htmlFor}>{field.label} {badge}</label>;
}

export function FieldInput({ field, value, error, accept, fileRules, note, t, onChange }: Props) {
  const id = `f-${field.code}`;
  const helpId = field.help ? `${id}-help` : undefined;
  const noteId = note ? `${id}-note` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, noteId, errorId, field.type === "FILE" ? `${id}-rules` : undefined].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
    "aria-required": field.required || undefined,
  };
  const help = (
    <>
      {field.help ? <p className="field-help" id={helpId}>{field.help}</p> : null}
      {note ? <p className="field-help" id={noteId}>{note}</p> : null}
    </>
  );
  const errorText = error ? <p className="field-error" id={errorId}>{error}</p> : null;
  const text = typeof value === "string" ? value : "";
  const list = Array.isArray(value) ? (value as string[]) : [];

  if (field.type === "RADIO_BUTTON" || field.type === "CHECK_BOX" || field.type === "MULTI_SELECT") {
    const multiple = field.type !== "RADIO_BUTTON";
    return (
      <fieldset className={`field${error ? " field-invalid" : ""}`} aria-describedby={describedBy}>
        <Label field={field} t={t} as="legend" />
        {help}
        <div className="choices">
          {(field.options ?? []).map((option, i) => (
            <label key={option} className="choice" htmlFor={`${id}-${i}`}>
              <input
                id={`${id}-${i}`}
                type={multiple ? "checkbox" : "radio"}
                name={id}
                checked={multiple ? list.includes(option) : text === option}
                onChange={(e) => {
                  if (!multiple) onChange(option);
                  else onChange(e.target.checked ? [...list, option] : list.filter((o) => o !== option));
                }}
              />
              <span>{option}</span>
            </label>
          ))}
        </div>
        {errorText}
      </fieldset>
    );
  }

  let control;
  switch (field.type) {
    case "MULTI_LINE_TEXT":
      control = <textarea {...common} rows={5} value={text} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "DROP_DOWN":
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t("form.chooseOne")}</option>
          {(field.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
      break;
    case "FILE": {
      const files = Array.isArray(value) ? (value as File[]) : [];
      control = (
        <>
          <input {...common} type="file" multiple accept={accept} onChange={(e) => onChange(Array.from(e.target.files ?? []))} />
          <p className="field-help" id={`${id}-rules`}>{fileRules}</p>
          {files.length > 0 ? <p className="field-help">{t("form.filesChosen", { n: files.length })}: {files.map((f) => f.name).join("、")}</p> : null}
        </>
      );
      break;
    }
    default: {
      const type =
        field.type === "DATE" ? "date"
        : field.type === "TIME" ? "time"
        : field.type === "DATETIME" ? "datetime-local"
        : field.type === "LINK" ? (field.protocol === "CALL" ? "tel" : field.protocol === "MAIL" ? "email" : "url")
        : "text";
      const inputMode = field.type === "NUMBER" ? "decimal" : undefined;
      const autoComplete = field.type === "LINK" && field.protocol === "MAIL" ? "email" : field.type === "LINK" && field.protocol === "CALL" ? "tel" : undefined;
      control = (
        <input
          {...common}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          maxLength={field.maxLength}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
  }
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <Label field={field} t={t} htmlFor={id} />
      {help}
      {control}
      {errorText}
    </div>
  );
}

/** The value as the confirmation screen shows it. */
export function displayValue(field: PublicField, value: FieldValue, t: Translate): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return t("form.empty");
    return value.map((v) => (typeof v === "string" ? v : v.name)).join("、");
  }
  if (value === "") return t("form.empty");
  if (field.type === "DATETIME") return value.replace("T", " ");
  return value;
}
