// FILE: drop or pick files; each is uploaded at once (file.json) and kept as its upload
// key until the record is saved. Existing attachments can be downloaded or removed.
import { DeleteOutlined, InboxOutlined } from "@ant-design/icons";
import { Button, Upload } from "antd";
import { useRef, useState } from "react";
import type { FileValue } from "../../api/types";
import { useI18n } from "../../app/I18nProvider";
import { useApi } from "../../app/SessionProvider";
import type { FieldInputProps } from "../inputProps";
import { FileLink } from "./FileLink";

export function FileInput({ value, onChange, label, id }: FieldInputProps) {
  const { t } = useI18n();
  const api = useApi();
  const files = (value as FileValue[] | null) ?? [];
  // Several files upload at once and finish in any order: each appends to the newest list,
  // not to the one its upload started with (else only the last file would be kept).
  const latest = useRef(files);
  latest.current = files;
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  return (
    <div id={id}>
      <ul style={{ listStyle: "none", padding: 0, margin: "0 0 8px" }}>
        {files.map((file, i) => (
          <li key={file.fileKey} style={{ display: "flex", gap: 8, alignItems: "center" }}>
            <FileLink file={file} />
            <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={`${t("common.remove")} ${file.name ?? ""}`}
              onClick={() => onChange(files.filter((_, j) => j !== i))} />
          </li>
        ))}
      </ul>
      <Upload.Dragger
        multiple
        showUploadList={false}
        aria-label={`${label}: ${t("record.upload")}`}
        customRequest={({ file, onSuccess, onError }) => {
          const blob = file as File;
          setUploading((n) => n + 1);
          setError(null);
          api.uploadFile(blob, blob.name).then(
            ({ fileKey }) => {
              latest.current = [...latest.current, { fileKey, name: blob.name, size: String(blob.size), contentType: blob.type }];
              onChange(latest.current);
              onSuccess?.({});
            },
            (e: unknown) => {
              setError(e instanceof Error ? e.message : String(e));
              onError?.(e as Error);
            },
          ).finally(() => setUploading((n) => n - 1));
        }}
      >
        <p style={{ margin: 0 }}>
          <InboxOutlined aria-hidden /> {uploading > 0 ? t("record.uploading") : t("record.upload")}
        </p>
      </Upload.Dragger>
      {error && <div role="alert" style={{ color: "#d4380d" }}>{error}</div>}
    </div>
  );
}

