// Creates an empty app and opens its form designer. The app is deployed at once so it
// shows in the portal even if the user leaves before designing it (apps.json lists only
// deployed apps, spec §7.1).
import { Form, Input, Modal, Segmented } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { deployAndWait } from "../../api/deploy";
import { isApiError } from "../../api/errors";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import { ErrorAlert } from "../../ui/PageState";
import { CreateFromFileForm } from "../create-from-file/CreateFromFileForm";
import { CopyAppForm } from "./CopyAppForm";

export function CreateAppDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<"scratch" | "file" | "copy">("scratch");

  const submit = async ({ name }: { name: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { app, revision } = await api.createApp(name.trim());
      await deployAndWait(api, app, { revision });
      onClose();
      navigate(`/apps/${app}/form`);
    } catch (e) {
      if (isApiError(e) && e.errors?.name) {
        form.setFields([{ name: "name", errors: e.errors.name.messages }]);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("createApp.title")}
      okText={t("createApp.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={mode === "file" ? 900 : 520}
      footer={mode === "scratch" ? undefined : null}
    >
      <Segmented
        block
        style={{ marginBottom: 16 }}
        value={mode}
        onChange={(v) => setMode(v as "scratch" | "file" | "copy")}
        options={[
          { value: "scratch", label: t("createApp.fromScratch") },
          { value: "file", label: t("createApp.fromFile") },
          { value: "copy", label: t("createApp.copy") },
        ]}
      />
      {mode === "file" && <CreateFromFileForm onDone={onClose} />}
      {mode === "copy" && <CopyAppForm onDone={onClose} />}
      {mode === "scratch" && error !== null && <ErrorAlert error={error} />}
      {mode === "scratch" && <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          label={t("createApp.name")}
          name="name"
          extra={t("createApp.nameHelp")}
          rules={[{ required: true, whitespace: true, message: t("signIn.required") }, { max: 64 }]}
        >
          <Input autoFocus maxLength={64} showCount />
        </Form.Item>
      </Form>}
    </Modal>
  );
}
