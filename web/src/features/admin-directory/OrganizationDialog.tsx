// Adding an organisation: code, name and where in the tree (preset to the one selected).
import { Form, Input, Modal } from "antd";
import { useState } from "react";
import { isApiError } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { ApiErrorAlert } from "./ApiErrorAlert";
import { itemErrors } from "./directoryErrors";
import type { DirectoryApi, Organization } from "./directoryApi";
import { ParentPicker } from "./ParentPicker";

interface Props {
  api: DirectoryApi;
  organizations: Organization[];
  parentCode: string | null;
  onClose: () => void;
  onSaved: (code: string) => void;
}

export function OrganizationDialog({ api, organizations, parentCode, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [parent, setParent] = useState<string | null>(parentCode);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const err = (k: string) => errors[k]?.join(" ");

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      await api.addOrganization({ code: code.trim(), name, ...(parent ? { parentCode: parent } : {}) });
      onSaved(code.trim());
    } catch (e) {
      setErrors(itemErrors(isApiError(e) ? e.errors : undefined));
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t("directory.org.addTitle")} okText={t("common.add")} onOk={() => void save()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      {failure ? <ApiErrorAlert error={failure} /> : null}
      <Form layout="vertical" onFinish={() => void save()}>
        <Form.Item label={t("directory.org.code")} htmlFor="new-org-code" required validateStatus={err("code") ? "error" : undefined} help={err("code")}>
          <Input id="new-org-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("directory.org.name")} htmlFor="new-org-name" required validateStatus={err("name") ? "error" : undefined} help={err("name")}>
          <Input id="new-org-name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} onPressEnter={() => void save()} />
        </Form.Item>
        <Form.Item label={t("directory.org.parent")} htmlFor="new-org-parent" validateStatus={err("parentCode") ? "error" : undefined} help={err("parentCode")}>
          <ParentPicker id="new-org-parent" organizations={organizations} value={parent} onChange={setParent} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
