// DATE ("YYYY-MM-DD"), TIME ("HH:MM") and DATETIME (UTC instant, minute precision) with
// antd pickers in the user's language; typing a date also works.
import { DatePicker, TimePicker } from "antd";
import dayjs from "dayjs";
import { utcMinute } from "../../lib/fieldValue";
import type { FieldInputProps } from "../inputProps";

export function DateTimeInput({ property, value, onChange, label, id, invalid }: FieldInputProps) {
  const status = invalid ? "error" : undefined;
  const v = (value as string | null) || null;
  if (property.type === "TIME") {
    return <TimePicker id={id} aria-label={label} status={status} format="HH:mm" value={v ? dayjs(`2000-01-01T${v}`) : null} onChange={(d) => onChange(d ? d.format("HH:mm") : null)} />;
  }
  if (property.type === "DATETIME") {
    return (
      <DatePicker id={id} aria-label={label} status={status} showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm"
        value={v ? dayjs(v) : null} onChange={(d) => onChange(d ? utcMinute(d.toDate()) : "")} />
    );
  }
  return <DatePicker id={id} aria-label={label} status={status} format="YYYY-MM-DD" value={v ? dayjs(v) : null} onChange={(d) => onChange(d ? d.format("YYYY-MM-DD") : null)} />;
}
