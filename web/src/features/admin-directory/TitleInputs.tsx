// The user's title (役職) in each organisation picked in the user drawer. A title is named by its
// code; the server creates one the first time a code is used, so any text may be typed. The
// suggestions are the titles already held in that organisation, read when the field is first
// focused (one member list per organisation, not the whole directory up front).
import { AutoComplete, Form } from "antd";
import { useRef, useState } from "react";
import { useI18n } from "../../app/I18nProvider";
import type { DirectoryApi, Organization } from "./directoryApi";
import "./directory.css";

const MAX_TITLE = 128;

interface Props {
  api: DirectoryApi;
  organizations: Organization[];
  /** The organisation codes picked, in order. */
  orgs: string[];
  titles: Record<string, string>;
  onChange: (orgCode: string, title: string) => void;
}

export function TitleInputs({ api, organizations, orgs, titles, onChange }: Props) {
  const { t } = useI18n();
  const [known, setKnown] = useState<Record<string, string[]>>({});
  const asked = useRef(new Set<string>());

  const suggest = (orgCode: string) => {
    if (asked.current.has(orgCode)) return;
    asked.current.add(orgCode);
    api
      .organizationUsers(orgCode)
      .then((members) => {
        const codes = [...new Set(members.flatMap((m) => (m.title ? [m.title.code] : [])))].sort();
        setKnown((k) => ({ ...k, [orgCode]: codes }));
      })
      // Suggestions are a convenience: without them the field still takes any title.
      .catch(() => asked.current.delete(orgCode));
  };

  if (orgs.length === 0) return null;
  return (
    <fieldset className="user-titles" data-testid="user-titles">
      <legend className="user-titles-legend">{t("directory.user.titles")}</legend>
      <p className="user-titles-help">{t("directory.user.titlesHelp")}</p>
      {orgs.map((orgCode, i) => {
        const org = organizations.find((o) => o.code === orgCode);
        const name = org?.name ?? orgCode;
        const value = titles[orgCode] ?? "";
        const options = [...new Set([...(known[orgCode] ?? []), ...Object.values(titles).filter(Boolean)])]
          .filter((c) => c !== value && c.toLowerCase().includes(value.trim().toLowerCase()))
          .map((c) => ({ value: c }));
        return (
          <Form.Item key={orgCode} label={t("directory.user.titleIn", { org: name })} htmlFor={`user-title-${i}`}>
            <AutoComplete id={`user-title-${i}`} value={value} options={options} allowClear maxLength={MAX_TITLE}
              style={{ maxWidth: 360 }} placeholder={t("directory.user.titleNone")}
              onFocus={() => suggest(orgCode)} onChange={(v: string) => onChange(orgCode, v ?? "")} />
          </Form.Item>
        );
      })}
    </fieldset>
  );
}
