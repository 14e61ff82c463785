// The list's own sort: every key of the order in force (the view's, or one chosen here or by
// a header click), edited with the view editor's sort rows and applied to the list, its
// count and the CSV export. "The view's order" goes back to the view's sort.
import { SortAscendingOutlined } from "@ant-design/icons";
import { Badge, Button, Popover, Space } from "antd";
import { useState } from "react";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import type { SortKey } from "../../lib/query";
import { SortEditor } from "./views/SortEditor";

interface Props {
  properties: Properties;
  /** The keys in force. */
  sort: SortKey[];
  /** Whether `sort` is the list's own rather than the view's. */
  own: boolean;
  /** New keys, or null for the view's order. */
  onApply: (keys: SortKey[] | null) => void;
}

export function SortPanel({ properties, sort, own, onApply }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<SortKey[]>(sort);
  const content = (
    // As the filter's popover: narrower than a phone's page minus the popover's offsets.
    <div style={{ maxWidth: "min(640px, calc(100vw - 56px))" }} data-testid="sort-panel">
      <p className="muted" style={{ marginTop: 0 }}>{t("records.sortHelp")}</p>
      <SortEditor properties={properties} value={draft} onChange={setDraft} />
      <Space wrap style={{ marginTop: 8 }}>
        <Button disabled={!own} onClick={() => { onApply(null); setOpen(false); }}>{t("records.sortReset")}</Button>
        <Button type="primary" onClick={() => { onApply(draft); setOpen(false); }}>{t("records.sortApply")}</Button>
      </Space>
    </div>
  );
  return (
    // Shifted sideways to stay on screen: the button sits further right than the filter's.
    <Popover open={open} onOpenChange={(o) => { setOpen(o); if (o) setDraft(sort); }} trigger="click" placement="bottomLeft" align={{ overflow: { shiftX: true, adjustY: true } }}
      title={t("records.sort")} content={content}>
      <Badge count={sort.length} size="small">
        <Button icon={<SortAscendingOutlined aria-hidden />} data-testid="sort-button">{t("records.sort")}</Button>
      </Badge>
    </Popover>
  );
}
