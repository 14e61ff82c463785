// USER_SELECT / ORGANIZATION_SELECT / GROUP_SELECT: a searchable picker over the staff
// directory (by name or code), limited to the field's candidates when it names them.
import { Select } from "antd";
import { useEffect, useState } from "react";
import { cachedDirectory, type Directory } from "../../api/directory";
import type { UserRef } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import type { FieldInputProps } from "../inputProps";
import { entityOptions, pickedRefs } from "./entityOptions";

export function EntityInput({ property, value, onChange, label, id, invalid }: FieldInputProps) {
  const { t } = useI18n();
  const api = useApi();
  const refs = (value as UserRef[] | null) ?? [];
  const [directory, setDirectory] = useState<Directory | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    cachedDirectory(api.transport).then(
      (d) => live && setDirectory(d),
      () => live && setFailed(true),
    );
    return () => { live = false; };
  }, [api]);

  return (
    <Select id={id} aria-label={label} mode="multiple" status={invalid ? "error" : undefined} style={{ minWidth: 200, width: "100%" }}
      showSearch={{ optionFilterProp: "label" }} loading={!directory && !failed} placeholder={t("entity.placeholder")}
      notFoundContent={failed ? t("entity.loadFailed") : directory ? t("perm.noEntities") : t("common.loading")}
      value={refs.map((r) => r.code)} options={entityOptions(property.type, property.entities, directory, refs)}
      onChange={(codes: string[]) => onChange(pickedRefs(codes, directory, property.type, refs))} />
  );
}
