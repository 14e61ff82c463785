// Add or edit one user: account (code, name, e-mail, password, language, time zone, active),
// organisations with the primary one and the title held in each, and groups. Saving sends what
// changed in one request (/api/directory/user.json), written in one transaction: a refused
// group or organisation leaves the account unsaved too, and every problem shows at its field.
import { Button, Drawer, Form, Input, Select, Space, Switch } from "antd";
import { useMemo, useState } from "react";
import { isApiError } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useSession } from "../../app/SessionProvider";
import { ErrorAlert, LoadingState } from "../../ui/PageState";
import { useAsync } from "../../ui/useAsync";
import { userAccountErrors } from "./directoryErrors";
import type { DirectoryApi, DirectoryUser, Group, Organization, UserChange } from "./directoryApi";
import { groupChange, membershipChange, type CurrentMembership } from "./memberships";
import { orgPath } from "./orgTree";
import { TitleInputs } from "./TitleInputs";

const LOCALES = ["auto", "ja", "en", "zh", "zh-TW", "es", "pt-BR", "th"];
const TIME_ZONES: string[] = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["Asia/Tokyo", "UTC"];

interface Props {
  api: DirectoryApi;
  user: DirectoryUser | null;
  organizations: Organization[];
  groups: Group[];
  onClose: () => void;
  onSaved: () => void;
}

interface Loaded {
  memberships: CurrentMembership[];
  primary: string | null;
  groups: string[];
}

const NONE: Loaded = { memberships: [], primary: null, groups: [] };

export function UserDrawer({ api, user, organizations, groups, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const editCode = user?.code ?? null;
  const current = useAsync<Loaded>(async () => {
    if (!user) return NONE;
    const [titles, userGroups] = await Promise.all([api.userOrganizations(user.code), api.userGroups(user.code)]);
    const primary = organizations.find((o) => o.id === user.primaryOrganization)?.code ?? null;
    return { memberships: titles.map((m) => ({ orgCode: m.organization.code, titleCode: m.title?.code ?? null })), primary, groups: userGroups.map((g) => g.code) };
  }, [api, user]);

  const title = user ? t("directory.user.editTitle", { name: user.name }) : t("directory.user.addTitle");
  return (
    <Drawer open title={title} size="min(736px, 100vw)" onClose={onClose} destroyOnHidden>
      {current.status === "loading" ? <LoadingState /> : null}
      {current.status === "error" ? <ErrorAlert error={current.error} onRetry={current.reload} /> : null}
      {current.status === "ready" ? (
        <UserForm api={api} user={user} editCode={editCode} loaded={current.data} organizations={organizations} groups={groups}
          onCancel={onClose} onSaved={onSaved} />
      ) : null}
    </Drawer>
  );
}

interface FormProps {
  api: DirectoryApi;
  user: DirectoryUser | null;
  editCode: string | null;
  loaded: Loaded;
  organizations: Organization[];
  groups: Group[];
  onCancel: () => void;
  onSaved: () => void;
}

function UserForm({ api, user, editCode, loaded, organizations, groups, onCancel, onSaved }: FormProps) {
  const { t } = useI18n();
  const [code, setCode] = useState(user?.code ?? "");
  const [name, setName] = useState(user?.name ?? "");
  const [email, setEmail] = useState(user?.email ?? "");
  const [password, setPassword] = useState("");
  const [locale, setLocale] = useState(user?.locale ?? "auto");
  const [timezone, setTimezone] = useState(user?.timezone ?? "Asia/Tokyo");
  const [valid, setValid] = useState(user?.valid ?? true);
  const [isAdmin, setIsAdmin] = useState(user?.isAdmin ?? false);
  const { state } = useSession();
  // The server refuses an administrator's demoting themselves; the switch says so first.
  const isMe = !!editCode && state.status === "signedIn" && state.session.user.code === editCode;
  const [orgs, setOrgs] = useState<string[]>(loaded.memberships.map((m) => m.orgCode));
  const [primary, setPrimary] = useState<string | null>(loaded.primary);
  const [titles, setTitles] = useState<Record<string, string>>(() => Object.fromEntries(loaded.memberships.map((m) => [m.orgCode, m.titleCode ?? ""])));
  const [userGroups, setUserGroups] = useState<string[]>(loaded.groups);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const orgOptions = useMemo(
    () => organizations.map((o) => ({ value: o.code, label: `${orgPath(organizations, o.code)} (${o.code})` })),
    [organizations],
  );
  const chosenPrimary = primary && orgs.includes(primary) ? primary : orgs[0] ?? null;
  const err = (...keys: string[]) => {
    const list = keys.flatMap((k) => errors[k] ?? []);
    return list.length ? list.join(" ") : undefined;
  };
  const status = (...keys: string[]) => (err(...keys) ? ("error" as const) : undefined);

  const accountChange = (): UserChange | null => {
    if (!editCode) return { code, name, email, password, locale, timezone, valid, isAdmin };
    const base = user ?? { code: editCode, name, email, locale, timezone, valid, isAdmin };
    const change: UserChange = { code: editCode };
    if (code !== editCode) change.newCode = code;
    if (name !== base.name) change.name = name;
    if (email !== base.email) change.email = email;
    if (locale !== base.locale) change.locale = locale;
    if (timezone !== base.timezone) change.timezone = timezone;
    if (valid !== base.valid) change.valid = valid;
    if (isAdmin !== (base.isAdmin ?? false)) change.isAdmin = isAdmin;
    if (password) change.password = password;
    return Object.keys(change).length > 1 ? change : null;
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    setFailure(null);
    try {
      const account = accountChange();
      const memberships = membershipChange(loaded.memberships, loaded.primary, orgs, chosenPrimary, titles);
      const groupList = groupChange(loaded.groups, userGroups);
      if (editCode && !account && !memberships && !groupList) {
        onSaved();
        return;
      }
      await api.saveUser(!editCode, {
        user: account ?? { code: editCode! },
        ...(memberships ? { memberships } : {}),
        ...(groupList ? { groups: groupList } : {}),
      });
      onSaved();
    } catch (e) {
      setErrors(userAccountErrors(isApiError(e) ? e.errors : undefined));
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={() => void save()}>
      {failure ? <ErrorAlert fieldMessages error={failure} testId="user-save-error" /> : null}
      <h2 className="card-title">{t("directory.user.account")}</h2>
      <Form.Item label={t("directory.user.code")} htmlFor="user-code" required validateStatus={status("code", "newCode")} help={err("code", "newCode") ?? t("directory.user.codeHelp")}>
        <Input id="user-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
      </Form.Item>
      <Form.Item label={t("directory.user.name")} htmlFor="user-name" required validateStatus={status("name")} help={err("name")}>
        <Input id="user-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
      </Form.Item>
      <Form.Item label={t("directory.user.email")} htmlFor="user-email" validateStatus={status("email")} help={err("email")}>
        <Input id="user-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Form.Item>
      <Form.Item label={editCode ? t("directory.user.newPassword") : t("directory.user.password")} htmlFor="user-password" required={!editCode}
        validateStatus={status("password")} help={err("password") ?? (editCode ? t("directory.user.passwordKeep") : t("directory.user.passwordHelp"))}>
        <Input.Password id="user-password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item label={t("directory.user.locale")} htmlFor="user-locale" validateStatus={status("locale")} help={err("locale")}>
          <Select id="user-locale" style={{ width: 200 }} value={locale} onChange={setLocale}
            options={LOCALES.map((l) => ({ value: l, label: l === "auto" ? t("directory.user.localeAuto") : l === "ja" ? "日本語 (ja)" : l === "en" ? "English (en)" : l }))} />
        </Form.Item>
        <Form.Item label={t("directory.user.timezone")} htmlFor="user-timezone" validateStatus={status("timezone")} help={err("timezone")}>
          <Select id="user-timezone" style={{ width: 240, maxWidth: "100%" }} showSearch value={timezone} onChange={setTimezone}
            options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
        </Form.Item>
      </Space>
      <Form.Item label={t("directory.user.status")} htmlFor="user-valid" validateStatus={status("valid")} help={err("valid") ?? t("directory.user.validHelp")}>
        <Switch id="user-valid" checked={valid} onChange={setValid} checkedChildren={t("directory.user.active")} unCheckedChildren={t("directory.user.inactive")} />
      </Form.Item>
      <Form.Item label={t("directory.user.admin")} htmlFor="user-admin" validateStatus={status("isAdmin")}
        help={err("isAdmin") ?? t(isMe ? "directory.user.adminSelf" : "directory.user.adminHelp")}>
        <Switch id="user-admin" checked={isAdmin} onChange={setIsAdmin} disabled={isMe && isAdmin} />
      </Form.Item>
      <h2 className="card-title">{t("directory.user.memberships")}</h2>
      <Form.Item label={t("directory.user.organizations")} htmlFor="user-orgs" validateStatus={status("organizations")} help={err("organizations")}>
        <Select id="user-orgs" mode="multiple" allowClear value={orgs} onChange={setOrgs} options={orgOptions}
          optionFilterProp="label" notFoundContent={t("directory.org.empty")} />
      </Form.Item>
      <Form.Item label={t("directory.user.primary")} htmlFor="user-primary" help={t("directory.user.primaryHelp")}>
        <Select id="user-primary" disabled={orgs.length === 0} value={chosenPrimary ?? undefined} onChange={setPrimary}
          options={orgOptions.filter((o) => orgs.includes(o.value))} />
      </Form.Item>
      <TitleInputs api={api} organizations={organizations} orgs={orgs} titles={titles}
        onChange={(orgCode, title) => setTitles((old) => ({ ...old, [orgCode]: title }))} />
      <Form.Item label={t("directory.user.groups")} htmlFor="user-groups" validateStatus={status("groups")} help={err("groups")}>
        <Select id="user-groups" mode="multiple" allowClear value={userGroups} onChange={setUserGroups}
          options={groups.map((g) => ({ value: g.code, label: `${g.name} (${g.code})` }))} optionFilterProp="label" notFoundContent={t("directory.group.empty")} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="user-save">{t("common.save")}</Button>
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
      </Space>
    </Form>
  );
}
