// The record list: rules tried in order, each a condition (the list's condition builder, or
// query text for conditions the builder cannot show) and who may view, edit, delete the
// records that meet it. Records that meet no rule keep what the app list gives.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Input, Space } from "antd";
import { useState } from "react";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { conditionOf, rowsOf } from "../../lib/filter";
import { ConditionEditor, type Filter } from "../record-list/FilterPanel";
import { RECORD_RIGHTS, type Directory, type RecordAclEntity, type RecordAclRule } from "./aclApi";
import { keyed, move, newRecordEntity, type EntryErrors, type Keyed } from "./aclModel";
import { EntityPicker, entityFields, entityName } from "./EntityPicker";
import { ErrorList } from "./ErrorList";
import { SortableList } from "./SortableList";

function RuleCondition({ value, onChange, properties, n }: { value: string; onChange: (cond: string) => void; properties: Properties; n: number }) {
  const { t } = useI18n();
  const parsed = rowsOf(value);
  const [asText, setAsText] = useState(parsed === null);
  const [filter, setFilter] = useState<Filter>(parsed ?? { rows: [], match: "all" });
  return (
    <div className="perm-condition">
      <Space wrap>
        <span className="perm-label">{t("perm.condition")}</span>
        <Button size="small" onClick={() => {
          if (asText) {
            const back = rowsOf(value);
            if (back === null) return;
            setFilter(back);
          }
          setAsText(!asText);
        }} disabled={asText && rowsOf(value) === null} aria-pressed={asText}>
          {t("perm.conditionAsText")}
        </Button>
      </Space>
      {asText ? (
        <Input aria-label={t("perm.conditionText", { n })} value={value} placeholder={t("perm.conditionAll")} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <>
          {filter.rows.length === 0 && <p className="perm-muted">{t("perm.conditionAll")}</p>}
          <ConditionEditor properties={properties} value={filter} onChange={(f) => { setFilter(f); onChange(conditionOf(f.rows, f.match)); }} />
        </>
      )}
    </div>
  );
}

export function RecordAclEditor({ rules, onChange, directory, properties, errors }: {
  rules: Keyed<RecordAclRule>[];
  onChange: (rules: Keyed<RecordAclRule>[]) => void;
  directory: Directory | undefined;
  properties: Properties;
  errors: EntryErrors;
}) {
  const { t } = useI18n();
  const fields = entityFields(properties);
  const setRule = (i: number, patch: Partial<RecordAclRule>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, value: { ...r.value, ...patch } } : r)));
  const setEntities = (i: number, entities: RecordAclEntity[]) => setRule(i, { entities });
  return (
    <section aria-labelledby="perm-record-title">
      <h2 id="perm-record-title" className="perm-title">{t("perm.recordTitle")}</h2>
      <Alert type="info" showIcon title={t("perm.recordLead")} className="perm-lead" />
      {rules.length === 0 ? (
        <p className="perm-empty" data-testid="record-acl-empty">{t("perm.recordEmpty")}</p>
      ) : (
        <SortableList testId="record-acl-list" ids={rules.map((r) => r.key)} dragLabel={(i) => t("perm.dragRule", { n: i + 1 })}
          onMove={(from, to) => onChange(move(rules, from, to))}>
          {(i, { handle }) => {
            const rule = rules[i]!.value;
            const n = i + 1;
            return (
              <fieldset className="perm-entry" data-testid={`record-rule-${i}`}>
                <legend className="perm-entry-head">
                  {handle}
                  <strong>{t("perm.ruleN", { n })}</strong>
                </legend>
                <RuleCondition value={rule.filterCond} properties={properties} n={n} onChange={(filterCond) => setRule(i, { filterCond })} />
                <ErrorList messages={errors.byEntry[String(i)]} testId={`record-rule-${i}-errors`} />
                {rule.entities.length === 0 && <p className="perm-muted">{t("perm.ruleNoEntities")}</p>}
                <ul className="perm-sublist">
                  {rule.entities.map((e, j) => {
                    const name = entityName(e.entity, directory, fields, t);
                    const set = (patch: Partial<RecordAclEntity>) => setEntities(i, rule.entities.map((x, k) => (k === j ? { ...x, ...patch } : x)));
                    return (
                      <li key={j} data-testid={`record-rule-${i}-entity-${j}`}>
                        <strong className="perm-entity">{j + 1}. {name}</strong>
                        <Space wrap size={[16, 8]}>
                          {RECORD_RIGHTS.map((r) => (
                            <Checkbox key={r} checked={e[r]} onChange={(ev) => set({ [r]: ev.target.checked })}>{t(`perm.recordRight.${r}`)}</Checkbox>
                          ))}
                          {(e.entity.type === "ORGANIZATION" || (e.entity.type === "FIELD_ENTITY" && properties[e.entity.code ?? ""]?.type === "ORGANIZATION_SELECT")) && (
                            <Checkbox checked={e.includeSubs} onChange={(ev) => set({ includeSubs: ev.target.checked })}>{t("perm.includeSubs")}</Checkbox>
                          )}
                          <Button size="small" icon={<ArrowUpOutlined aria-hidden />} disabled={j === 0} aria-label={t("perm.moveUp", { name })} onClick={() => setEntities(i, move(rule.entities, j, j - 1))} />
                          <Button size="small" icon={<ArrowDownOutlined aria-hidden />} disabled={j === rule.entities.length - 1} aria-label={t("perm.moveDown", { name })} onClick={() => setEntities(i, move(rule.entities, j, j + 1))} />
                          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t("perm.remove", { name })} onClick={() => setEntities(i, rule.entities.filter((_, k) => k !== j))} />
                        </Space>
                        <ErrorList messages={errors.byEntry[`${i}.${j}`]} />
                      </li>
                    );
                  })}
                </ul>
                <Space wrap className="perm-entry-actions">
                  <EntityPicker directory={directory} allow={{ everyone: true, creator: true, fieldEntity: true }} fields={fields}
                    taken={rule.entities.map((e) => e.entity)} label={t("perm.addEntityToRule", { n })}
                    onAdd={(entity) => setEntities(i, [...rule.entities, newRecordEntity(entity)])} />
                  <Button icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} aria-label={t("perm.moveRuleUp", { n })} onClick={() => onChange(move(rules, i, i - 1))} />
                  <Button icon={<ArrowDownOutlined aria-hidden />} disabled={i === rules.length - 1} aria-label={t("perm.moveRuleDown", { n })} onClick={() => onChange(move(rules, i, i + 1))} />
                  <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => onChange(rules.filter((_, j) => j !== i))}>{t("perm.removeRule", { n })}</Button>
                </Space>
              </fieldset>
            );
          }}
        </SortableList>
      )}
      <Button icon={<PlusOutlined aria-hidden />} onClick={() => onChange([...rules, keyed({ filterCond: "", entities: [] })])}>{t("perm.addRule")}</Button>
    </section>
  );
}
