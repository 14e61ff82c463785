// The app list: who may view, add, edit, delete records, manage the app, import and export.
// The first entry that names a user decides; everyone is tried last.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Space } from "antd";
import { useI18n } from "../../app/I18nProvider";
import { APP_RIGHTS, type AppAclEntry, type Directory } from "./aclApi";
import { keyed, move, newAppEntry, values, type EntryErrors, type Keyed } from "./aclModel";
import { EntityPicker, entityName } from "./EntityPicker";
import { ErrorList } from "./ErrorList";
import { SortableList } from "./SortableList";

export function AppAclEditor({ entries, onChange, directory, errors }: {
  entries: Keyed<AppAclEntry>[];
  onChange: (entries: Keyed<AppAclEntry>[]) => void;
  directory: Directory | undefined;
  errors: EntryErrors;
}) {
  const { t } = useI18n();
  const name = (i: number) => entityName(entries[i]!.value.entity, directory, [], t);
  const set = (i: number, patch: Partial<AppAclEntry>) =>
    onChange(entries.map((e, j) => (j === i ? { ...e, value: { ...e.value, ...patch } } : e)));
  return (
    <section aria-labelledby="perm-app-title">
      <h2 id="perm-app-title" className="perm-title">{t("perm.appTitle")}</h2>
      <Alert type="info" showIcon title={t("perm.firstMatchWins")} className="perm-lead" />
      {entries.length === 0 ? (
        <Alert type="warning" showIcon title={t("perm.appEmpty")} className="perm-lead" data-testid="app-acl-empty" />
      ) : (
        <SortableList testId="app-acl-list" ids={entries.map((e) => e.key)} dragLabel={(i) => t("perm.dragEntry", { name: name(i) })}
          onMove={(from, to) => onChange(move(entries, from, to))}>
          {(i, { handle }) => {
            const entry = entries[i]!.value;
            return (
              <fieldset className="perm-entry" data-testid={`app-entry-${i}`}>
                <legend className="perm-entry-head">
                  {handle}
                  <span className="perm-order">{i + 1}.</span>
                  <strong className="perm-entity">{name(i)}</strong>
                </legend>
                <Space wrap size={[16, 8]}>
                  {APP_RIGHTS.map((r) => (
                    <Checkbox key={r} checked={entry[r]} onChange={(e) => set(i, { [r]: e.target.checked })}>{t(`perm.right.${r}`)}</Checkbox>
                  ))}
                  {entry.entity.type === "ORGANIZATION" && (
                    <Checkbox checked={entry.includeSubs} onChange={(e) => set(i, { includeSubs: e.target.checked })}>{t("perm.includeSubs")}</Checkbox>
                  )}
                </Space>
                <Space wrap className="perm-entry-actions">
                  <Button size="small" icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} aria-label={t("perm.moveUp", { name: name(i) })} onClick={() => onChange(move(entries, i, i - 1))} />
                  <Button size="small" icon={<ArrowDownOutlined aria-hidden />} disabled={i === entries.length - 1} aria-label={t("perm.moveDown", { name: name(i) })} onClick={() => onChange(move(entries, i, i + 1))} />
                  <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t("perm.remove", { name: name(i) })} onClick={() => onChange(entries.filter((_, j) => j !== i))} />
                </Space>
                <ErrorList messages={errors.byEntry[String(i)]} testId={`app-entry-${i}-errors`} />
              </fieldset>
            );
          }}
        </SortableList>
      )}
      <EntityPicker directory={directory} allow={{ everyone: true, creator: true }} taken={values(entries).map((e) => e.entity)}
        label={t("perm.addEntity")} testId="app-acl-add" onAdd={(entity) => onChange([...entries, keyed(newAppEntry(entity))])} />
    </section>
  );
}
