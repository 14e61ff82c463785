// Adding an organisation: code, name and where in the tree (preset to the one selected).
import { Form, Input, Modal } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../ui/PageState";
import { useI18n } from "../../app/I18nProvider";
import { useDirectoryWrite } from "./useDirectoryWrite";
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
  const { run, busy: saving, failure, err } = useDirectoryWrite();

  const save = () => run(() => api.addOrganization({ code: code.trim(), name, ...(parent ? { parentCode: parent } : {}) }), () => onSaved(code.trim()));

  return (
    <Modal open title={t("directory.org.addTitle")} okText={t("common.add")} onOk={() => void save()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      {failure ? <ErrorAlert fieldMessages error={failure} /> : null}
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
