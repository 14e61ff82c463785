// The column guesses for the user to confirm: name, field type and sample values.
import { Input, Select, Table } from "antd";
import { useI18n } from "../../app/I18nProvider";
import type { ColumnGuess, InferredType } from "../../lib/inferType";

const TYPES: InferredType[] = ["SINGLE_LINE_TEXT", "MULTI_LINE_TEXT", "NUMBER", "DATE", "DATETIME", "TIME", "DROP_DOWN", "LINK"];

export function ColumnTable({ columns, onChange }: { columns: ColumnGuess[]; onChange: (index: number, patch: Partial<ColumnGuess>) => void }) {
  const { t } = useI18n();
  return (
    <Table<ColumnGuess & { index: number }>
      size="small"
      pagination={false}
      scroll={{ y: 320, x: "max-content" }}
      rowKey="index"
      dataSource={columns.map((c, index) => ({ ...c, index }))}
      columns={[
        {
          title: t("sheet.column"),
          key: "label",
          render: (_, c) => <Input aria-label={t("sheet.columnName", { n: c.index + 1 })} value={c.label} onChange={(e) => onChange(c.index, { label: e.target.value })} />,
        },
        {
          title: t("sheet.type"),
          key: "type",
          width: 200,
          render: (_, c) => (
            <Select
              aria-label={t("sheet.columnType", { name: c.label })}
              style={{ width: 180 }}
              value={c.type}
              options={TYPES.map((type) => ({ value: type, label: t(`fieldType.${type}`) }))}
              onChange={(type: InferredType) => onChange(c.index, { type, options: type === "DROP_DOWN" ? c.options : [] })}
              data-testid={`column-type-${c.index}`}
            />
          ),
        },
        {
          title: t("sheet.samples"),
          key: "samples",
          render: (_, c) => <span className="muted">{c.samples.join(" / ")}</span>,
        },
      ]}
    />
  );
}
