// Picks who an entry names: a user, organisation or group from the directory, and, where the
// list allows them, everyone, the creator, or a user/organisation/group field of the record.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Select, Space } from "antd";
import { useState } from "react";
import type { Properties } from "../../api/types";
import type { Translate } from "../../app/I18nProvider";
import { useI18n } from "../../app/I18nProvider";
import type { Directory, Entity, EntityType } from "./aclApi";
import { EVERYONE, entityKey, entityOfKey, isEveryone } from "./aclModel";

export interface EntityField {
  code: string;
  label: string;
}

const ENTITY_FIELD_TYPES = new Set(["USER_SELECT", "ORGANIZATION_SELECT", "GROUP_SELECT", "CREATOR", "MODIFIER"]);

/** The fields a FIELD_ENTITY entry may name: user, organisation and group selections, creator, modifier. */
export function entityFields(properties: Properties): EntityField[] {
  return Object.values(properties).filter((p) => ENTITY_FIELD_TYPES.has(p.type)).map((p) => ({ code: p.code, label: p.label }));
}

/** A readable name: "佐藤 花子 (sato)", "Everyone", "Creator", "Field: 担当者". */
export function entityName(entity: Entity, directory: Directory | undefined, fields: EntityField[], t: Translate): string {
  if (entity.type === "CREATOR") return t("perm.creator");
  if (isEveryone(entity)) return t("perm.everyone");
  const code = entity.code ?? "";
  const from = (list: { code: string; name: string }[] | undefined) => list?.find((e) => e.code === code)?.name;
  switch (entity.type) {
    case "USER": {
      const name = from(directory?.users);
      return name ? `${name} (${code})` : code;
    }
    case "ORGANIZATION":
      return t("perm.orgNamed", { name: from(directory?.organizations) ?? code });
    case "GROUP":
      return t("perm.groupNamed", { name: from(directory?.groups) ?? code });
    case "FIELD_ENTITY":
      return t("perm.fieldNamed", { name: fields.find((f) => f.code === code)?.label ?? code });
  }
}

export function EntityPicker({ directory, allow, fields = [], taken, label, onAdd, testId }: {
  directory: Directory | undefined;
  allow: { everyone?: boolean; creator?: boolean; fieldEntity?: boolean };
  fields?: EntityField[];
  /** Entities already in the list, offered no more. */
  taken: Entity[];
  label: string;
  onAdd: (entity: Entity) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState<string | undefined>(undefined);
  const used = new Set(taken.map(entityKey));
  const opt = (type: EntityType, code: string | null, text: string) => {
    const key = entityKey({ type, code });
    return { value: key, label: text, disabled: used.has(key) };
  };
  const special = [
    ...(allow.everyone ? [opt("GROUP", EVERYONE.code, t("perm.everyone"))] : []),
    ...(allow.creator ? [opt("CREATOR", null, t("perm.creator"))] : []),
  ];
  const options = [
    ...(special.length ? [{ label: t("perm.special"), options: special }] : []),
    { label: t("perm.users"), options: (directory?.users ?? []).map((u) => opt("USER", u.code, `${u.name} (${u.code})`)) },
    { label: t("perm.organizations"), options: (directory?.organizations ?? []).map((o) => opt("ORGANIZATION", o.code, o.name)) },
    { label: t("perm.groups"), options: (directory?.groups ?? []).map((g) => opt("GROUP", g.code, g.name)) },
    ...(allow.fieldEntity && fields.length ? [{ label: t("perm.fields"), options: fields.map((f) => opt("FIELD_ENTITY", f.code, f.label)) }] : []),
  ].filter((g) => g.options.length > 0);
  const add = () => {
    if (!value) return;
    onAdd(entityOfKey(value));
    setValue(undefined);
  };
  return (
    <Space.Compact style={{ maxWidth: "100%" }} data-testid={testId}>
      <Select
        aria-label={label}
        placeholder={t("perm.pickEntity")}
        style={{ minWidth: 220, maxWidth: "100%" }}
        showSearch={{ optionFilterProp: "label" }}
        value={value}
        options={options}
        loading={directory === undefined}
        onChange={(v: string) => setValue(v)}
        notFoundContent={t("perm.noEntities")}
      />
      <Button icon={<PlusOutlined aria-hidden />} disabled={!value} onClick={add}>
        {t("common.add")}
      </Button>
    </Space.Compact>
  );
}
