// The field list: per field, who may view and edit it, view only, or not see it at all.
// A field without a rule follows the record rights; one with a rule is hidden from whoever
// its entries do not name. Fields inside a table take no rule of their own (the server
// refuses their codes); the table's entry covers them, so they are listed under it. A field
// group's rule also covers the fields placed in the group. An entry may name a user,
// organisation or group field of the record (FIELD_ENTITY): it is then decided per record.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, LockOutlined } from "@ant-design/icons";
import { Alert, Button, Radio, Space, Tag } from "antd";
import type { Properties } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import type { Accessibility, Directory, FieldAclEntity, FieldAclRule } from "./aclApi";
import { EVERYONE, keyed, move, newFieldEntity, type EntryErrors, type Keyed } from "./aclModel";
import { EntityPicker, entityFields, entityName } from "./EntityPicker";
import { ErrorList } from "./ErrorList";

const ACCESS: Accessibility[] = ["WRITE", "READ", "NONE"];
// Fields kintone keeps out of field permissions: they hold no value of their own.
const NOT_RESTRICTABLE = new Set(["__ID__", "__REVISION__", "CATEGORY", "STATUS", "STATUS_ASSIGNEE", "LABEL", "SPACER", "HR"]);

export function FieldAclEditor({ rules, onChange, directory, properties, errors }: {
  rules: Keyed<FieldAclRule>[];
  onChange: (rules: Keyed<FieldAclRule>[]) => void;
  directory: Directory | undefined;
  properties: Properties;
  errors: EntryErrors;
}) {
  const { t } = useI18n();
  const fields = Object.values(properties).filter((p) => !NOT_RESTRICTABLE.has(p.type));
  const hasTable = fields.some((f) => f.type === "SUBTABLE");
  const people = entityFields(properties);
  const indexOf = (code: string) => rules.findIndex((r) => r.value.code === code);
  const setEntities = (i: number, entities: FieldAclEntity[]) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, value: { ...r.value, entities } } : r)));
  // Rules of fields no longer on the form stay in the list (the server reports them), so that
  // they can be seen and removed.
  const orphans = rules.filter((r) => !fields.some((f) => f.code === r.value.code));
  return (
    <section aria-labelledby="perm-field-title">
      <h2 id="perm-field-title" className="perm-title">{t("perm.fieldTitle")}</h2>
      <Alert type="info" showIcon title={t("perm.fieldLead")} className="perm-lead"
        description={hasTable ? <span data-testid="perm-table-note">{t("perm.tableFieldsNote")}</span> : undefined} />
      {fields.length === 0 && <p className="perm-empty">{t("perm.fieldNoFields")}</p>}
      <ul className="perm-fields">
        {[
          ...fields.map((f) => ({ code: f.code, label: f.label, inner: f.type === "SUBTABLE" ? Object.values(f.fields ?? {}) : [] })),
          ...orphans.map((r) => ({ code: r.value.code, label: properties[r.value.code]?.label ?? r.value.code, inner: [] })),
        ].map((f) => {
          const i = indexOf(f.code);
          const rule = i >= 0 ? rules[i]!.value : undefined;
          return (
            <li key={f.code} className="perm-entry" data-testid={`field-rule-${f.code}`}>
              <div className="perm-entry-head">
                <strong>{f.label}</strong>
                <span className="perm-muted">({f.code})</span>
                {rule ? <Tag icon={<LockOutlined aria-hidden />} color="gold">{t("perm.fieldRestricted")}</Tag> : <Tag>{t("perm.fieldOpen")}</Tag>}
              </div>
              {properties[f.code]?.type === "GROUP" && (
                <p className="perm-muted" data-testid={`field-rule-${f.code}-group`}>{t("perm.groupRuleNote")}</p>
              )}
              {rule?.entities.some((e) => e.entity.type === "FIELD_ENTITY") && (
                <p className="perm-muted" data-testid={`field-rule-${f.code}-per-record`}>{t("perm.fieldPerRecordNote")}</p>
              )}
              {f.inner.length > 0 && (
                <div className="perm-table-fields" data-testid={`field-rule-${f.code}-inner`}>
                  <p className="perm-muted">{t("perm.tableFields", { table: f.label })}</p>
                  <ul>
                    {f.inner.map((x) => (
                      <li key={x.code}>{x.label} <span className="perm-muted-inline">({x.code})</span></li>
                    ))}
                  </ul>
                </div>
              )}
              {!rule ? (
                <Button onClick={() => onChange([...rules, keyed({ code: f.code, entities: [{ ...newFieldEntity(EVERYONE), accessibility: "WRITE" }] })])}>
                  {t("perm.restrictField", { field: f.label })}
                </Button>
              ) : (
                <>
                  <ErrorList messages={errors.byEntry[String(i)]} testId={`field-rule-${f.code}-errors`} />
                  <ul className="perm-sublist">
                    {rule.entities.map((e, j) => {
                      const name = entityName(e.entity, directory, people, t);
                      return (
                        <li key={j}>
                          <strong className="perm-entity">{j + 1}. {name}</strong>
                          <Space wrap size={[12, 8]}>
                            <Radio.Group aria-label={t("perm.fieldAccessOf", { name, field: f.label })} value={e.accessibility}
                              onChange={(ev) => setEntities(i, rule.entities.map((x, k) => (k === j ? { ...x, accessibility: ev.target.value as Accessibility } : x)))}
                              options={ACCESS.map((a) => ({ value: a, label: t(`perm.access.${a}`) }))} />
                            {(e.entity.type === "ORGANIZATION" || (e.entity.type === "FIELD_ENTITY" && properties[e.entity.code ?? ""]?.type === "ORGANIZATION_SELECT")) && (
                              <Radio.Group value={e.includeSubs} aria-label={t("perm.includeSubs")}
                                onChange={(ev) => setEntities(i, rule.entities.map((x, k) => (k === j ? { ...x, includeSubs: Boolean(ev.target.value) } : x)))}
                                options={[{ value: false, label: t("perm.thisOrgOnly") }, { value: true, label: t("perm.includeSubs") }]} />
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
                  {rule.entities.length === 0 && <p className="perm-muted">{t("perm.fieldNobody")}</p>}
                  <Space wrap className="perm-entry-actions">
                    <EntityPicker directory={directory} allow={{ everyone: true, fieldEntity: true }} fields={people} taken={rule.entities.map((e) => e.entity)}
                      label={t("perm.addEntityToField", { field: f.label })} onAdd={(entity) => setEntities(i, [...rule.entities, newFieldEntity(entity)])} />
                    <Button onClick={() => onChange(rules.filter((_, k) => k !== i))}>{t("perm.unrestrictField", { field: f.label })}</Button>
                  </Space>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
